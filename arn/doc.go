// Package arn parses Amazon Resource Names and matches them against the ARN
// patterns written in IAM policies.
//
// # Format
//
// An ARN has the form
//
//	arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
//
// and is split at its first five colons only: everything after the fifth colon
// is the RESOURCE part, which may itself contain ':' and '/'
// ("function:my-fn:PROD", "user/division_abc/JaneDoe", "bucket/a//b.jpg").
// REGION and ACCOUNT may be empty (IAM, S3 buckets, global services); an empty
// part is the empty string, never a wildcard.
//
// [Split] does only that split and never allocates; it is what matching uses.
// [Parse] is strict and is meant for concrete ARNs such as a request's
// resource or principal: the partition must be one of [Partitions], the
// service and resource must be non-empty, and control characters and invalid
// UTF-8 are rejected. Errors are of type *[Error].
//
// # Matching
//
// A [Pattern] is a compiled Resource or NotResource entry of a policy, or a
// value of an Arn* condition operator (ArnEquals and ArnLike behave the same).
// A pattern that is exactly "*" matches everything, including the
// pseudo-resource "*" that some actions use. Any other pattern and the subject
// are both split at their first five colons; a subject or pattern that does
// not split (no "arn:" prefix, fewer than five colons) never matches. The five
// parts are then compared pairwise and independently with the glob rule: '*'
// matches any sequence of characters including none, '?' exactly one
// character (Unicode code point), every other character itself. Comparison is
// anchored at both ends and case-sensitive.
//
// Because the split happens before globbing, a wildcard stays inside its own
// part: "arn:aws:someservice:*:111122223333:finance/*" does not match
// "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/x"
// (its account part is 999999999999), although StringLike would. In the
// resource part, however, a wildcard spans '/' and ':' like any other
// character: "arn:aws:s3:::bucket/*" matches "arn:aws:s3:::bucket/a/b/c" and
// "arn:aws:lambda:*:*:function:fn*" matches "…:function:fn:PROD".
// "arn:aws:s3:::*" does not match the pseudo-resource "*".
//
// Resource and NotResource entries may also be short ARNs of three to five
// parts ("arn:aws:sqs:*", "arn:aws:sqs:us-east-1:*"), which IAM accepts:
// [CompileResourcePattern] compiles those whose last part ends in '*' to match
// every ARN that begins with the text before that '*'. [CompilePattern], used
// for Arn* condition values, does not accept them.
//
// Policy variables are not this package's concern: callers substitute them
// before [CompilePattern], or assemble an encoded pattern (see
// internal/wildcard: '*' is the byte 0xFF and '?' the byte 0xFE, so substituted
// text stays literal) and call [MatchEncoded].
//
// All values are immutable and safe for concurrent use.
package arn
