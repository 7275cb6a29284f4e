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
// only gains room when an earlier one is placed further left) and runs in
// O(len(pattern) × len(subject)) in the worst case, with no backtracking over
// earlier segments, so no pattern makes it blow up.
package wildcard
