// Package wildcard matches AWS policy globs in linear time without regexp.
//
// A glob is written in policy text with '*' (any sequence, including the empty
// one) and '?' (exactly one character, that is one Unicode code point). There
// is no escape syntax. Because policy variables can substitute literal text
// that contains '*' or '?', matching works on an encoded form in which the
// wildcards are the bytes Star (0xFF) and One (0xFE): bytes that never occur
// in valid UTF-8, so every other byte of an encoded pattern is literal.
//
// Matching splits the pattern at its stars and places each segment at the
// leftmost position where it fits. That is exact for globs (a later segment
// only gains room when an earlier one is placed further left), and no
// segment is ever placed twice, so there is no backtracking to blow up. A
// segment without '?' is found by rolling hash and the anchored last segment
// by counting characters, both in time linear in the subject; a middle
// segment with '?' is tried at each character, O(len(segment) ×
// len(subject)), which the evaluator bounds by limiting request values.
//
// A pattern matched many times (a compiled policy's) is compiled once with
// [CompileGlob]: a [Glob] without '?' and without folding searches its
// segments with strings.Index, also linear, and answers as [Match] does.
package wildcard
