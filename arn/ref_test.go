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
