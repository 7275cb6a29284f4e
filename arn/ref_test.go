package arn

import (
	"strings"
	"unicode/utf8"
)

// slowMatch is the reference for SPEC §2.6, written independently of
// Pattern and internal/wildcard: "*" matches all, otherwise split both at the
// first five colons and glob each part recursively over code points.
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
		if !slowGlob(chars(pp[i]), chars(ap[i])) {
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

// chars cuts s into characters: code points, each invalid byte on its own.
func chars(s string) []string {
	var out []string
	for len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// slowGlob is an exponential-time recursive glob; keep its inputs small.
func slowGlob(p, s []string) bool {
	if len(p) == 0 {
		return len(s) == 0
	}
	switch p[0] {
	case "*":
		for i := 0; i <= len(s); i++ {
			if slowGlob(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case "?":
		return len(s) > 0 && slowGlob(p[1:], s[1:])
	}
	return len(s) > 0 && p[0] == s[0] && slowGlob(p[1:], s[1:])
}
