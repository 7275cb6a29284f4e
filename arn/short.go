package arn

import (
	"strings"
	"unicode/utf8"
)

// ShortParts reports whether s is a short ARN: it starts with "arn:" and has
// two, three or four colons, so that it is three to five colon-separated
// parts long counting "arn" itself ("arn:aws:sqs", "arn:aws:ec2:*",
// "arn:aws:sqs:us-east-1:*"). It returns that number of parts, or 0 when s
// is not a short ARN (a full ARN has five colons or more). It does not look
// inside the parts: an empty or wildcard service is policy validation's
// concern. It does not allocate.
func ShortParts(s string) int {
	if !strings.HasPrefix(s, "arn:") {
		return 0
	}
	colons := 1
	for i := len("arn:"); i < len(s); i++ {
		if s[i] == ':' {
			colons++
			if colons > 4 {
				return 0
			}
		}
	}
	if colons < 2 {
		return 0
	}
	return colons + 1
}

// ShortWildcard reports whether s is a short ARN (see [ShortParts]) whose
// last part ends in '*': the only short form whose meaning AWS documents.
func ShortWildcard(s string) bool {
	return ShortParts(s) > 0 && s[len(s)-1] == '*'
}

// CompileResourcePattern is [CompilePattern] for a Resource or NotResource
// entry, where IAM also accepts short ARNs (SPEC §2.5, §2.6). AWS documents
// that "If the * wildcard is the last character of a resource ARN segment,
// it can expand to match beyond the colon boundaries"
// (reference_policies_elements_resource.md, "Using wildcards in resource
// ARNs"), so a short ARN whose last part ends in '*' matches every ARN that
// begins with the text before that '*': "arn:aws:sqs:*" every queue,
// "arn:aws:sqs:us-east-1:*" every queue in us-east-1. Wildcards before the
// last part stay inside their own part, as in a full pattern, so the short
// pattern behaves exactly as the full one padded with ":*" parts
// ("arn:aws:sqs:*" as "arn:aws:sqs:*:*:*"); [Pattern.String] still returns
// the text as written. Matching stays linear-time and allocation-free.
//
// What a short ARN without that trailing '*' matches is undocumented;
// CompileResourcePattern returns an *[Error] for it, and the caller decides
// (the evaluator takes the reading that denies, SPEC §10.1). Full patterns
// and "*" compile as with CompilePattern.
func CompileResourcePattern(s string) (Pattern, error) {
	n := ShortParts(s)
	if n == 0 {
		return CompilePattern(s)
	}
	if !utf8.ValidString(s) {
		return Pattern{}, &Error{Input: s, Reason: "is not valid UTF-8"}
	}
	if s[len(s)-1] != '*' {
		return Pattern{}, &Error{Input: s, Reason: "is a short ARN without a trailing '*', whose meaning AWS does not document"}
	}
	p, err := CompilePattern(s + strings.Repeat(":*", 6-n))
	if err != nil {
		return Pattern{}, err
	}
	p.src = s
	return p, nil
}
