package arn

import (
	"strings"

	"github.com/iamlogic/iamlogic/internal/wildcard/globref"
)

// slowMatch is the reference for SPEC §2.6, written independently of
// Pattern and internal/wildcard: "*" matches all, otherwise split both at the
// first five colons and glob each part with the reference matcher.
func slowMatch(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	pp, ok1 := slowSplit(pattern)
	ap, ok2 := slowSplit(arn)
	if !ok1 || !ok2 {
		return false
	}
	for i := range pp {
		if !globref.Match(pp[i], ap[i], false) {
			return false
		}
	}
	return true
}

func slowSplit(s string) ([]string, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return nil, false
	}
	return parts[1:], true
}

// slowMatchResource is the reference for Resource entries, short ARNs
// included (SPEC §2.6, revision 2), written from the documented sentence
// rather than from CompileResourcePattern: a short pattern whose last part
// ends in '*' matches an ARN when some prefix of the ARN matches the text
// before that '*', with every other wildcard kept inside its colon-separated
// part (so the prefix has as many colons as that text). A short pattern
// without the trailing '*' matches nothing here (its meaning is
// undocumented; the evaluator decides). Anything else is slowMatch.
func slowMatchResource(pattern, arn string) bool {
	if !strings.HasPrefix(pattern, "arn:") {
		return slowMatch(pattern, arn)
	}
	colons := strings.Count(pattern, ":")
	if colons < 2 || colons > 4 {
		return slowMatch(pattern, arn)
	}
	if !strings.HasSuffix(pattern, "*") {
		return false
	}
	if _, ok := slowSplit(arn); !ok {
		return false
	}
	head := strings.Split(pattern[:len(pattern)-1], ":")
	for j := 0; j <= len(arn); j++ {
		prefix := strings.Split(arn[:j], ":")
		if len(prefix) != len(head) {
			continue
		}
		all := true
		for i := range head {
			if !globref.Match(head[i], prefix[i], false) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
