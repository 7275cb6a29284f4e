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

// slowGlob is the textbook dynamic programme for globs over characters:
// m[i][j] says whether p[i:] matches s[j:]. (A plain recursion is
// exponential in the number of stars and made the fuzzer time out.)
func slowGlob(p, s []string) bool {
	m := make([][]bool, len(p)+1)
	for i := range m {
		m[i] = make([]bool, len(s)+1)
	}
	m[len(p)][len(s)] = true
	for i := len(p) - 1; i >= 0; i-- {
		for j := len(s); j >= 0; j-- {
			switch {
			case p[i] == "*":
				m[i][j] = m[i+1][j] || (j < len(s) && m[i][j+1])
			case j == len(s):
			case p[i] == "?":
				m[i][j] = m[i+1][j+1]
			default:
				m[i][j] = p[i] == s[j] && m[i+1][j+1]
			}
		}
	}
	return m[0][0]
}
