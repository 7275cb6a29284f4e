// Package globref is a slow, obviously correct glob matcher that the tests
// and fuzz targets of the real matchers compare against. It shares no code
// with internal/wildcard or arn.
package globref

import "unicode/utf8"

// Chars splits s into characters as package utf8 decodes them: an invalid
// byte is a character of its own.
func Chars(s string) []string {
	var out []string
	for len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// Match reports whether s matches the glob p ('*' any run of characters,
// '?' one character), over characters; with fold, single ASCII letters
// compare case-insensitively. It is the textbook dynamic programme, where
// m[i][j] says whether p[i:] matches s[j:]: quadratic, never exponential.
func Match(p, s string, fold bool) bool {
	pc, sc := Chars(p), Chars(s)
	m := make([][]bool, len(pc)+1)
	for i := range m {
		m[i] = make([]bool, len(sc)+1)
	}
	m[len(pc)][len(sc)] = true
	for i := len(pc) - 1; i >= 0; i-- {
		for j := len(sc); j >= 0; j-- {
			switch {
			case pc[i] == "*":
				m[i][j] = m[i+1][j] || (j < len(sc) && m[i][j+1])
			case j == len(sc):
			case pc[i] == "?":
				m[i][j] = m[i+1][j+1]
			default:
				a, b := pc[i], sc[j]
				if fold && len(a) == 1 && len(b) == 1 {
					a, b = string(lower(a[0])), string(lower(b[0]))
				}
				m[i][j] = a == b && m[i+1][j+1]
			}
		}
	}
	return m[0][0]
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
