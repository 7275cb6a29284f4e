package evaluator

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// foldReference is what actionPattern.matches must answer: the pattern's
// service and name compared with strings.EqualFold, the name as a glob
// folded (SPEC §2.5).
func foldReference(pattern, svc, name string) bool {
	if pattern == "*" {
		return true
	}
	ps, pn, _ := strings.Cut(pattern, ":")
	return strings.EqualFold(ps, svc) && wildcard.Match(wildcard.Encode(pn), name, true)
}

// TestActionMatchesAgreesWithEqualFold checks the byte-wise comparison of
// ASCII patterns, and the folding path of Latin-1 ones, against
// strings.EqualFold on random patterns and request actions of the
// characters checkRequest allows.
func TestActionMatchesAgreesWithEqualFold(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	const reqChars = "aAbBsS3-._"
	patChars := []string{"a", "A", "b", "B", "s", "S", "3", "-", ".", "_", "*", "?", "é", "ÿ", "µ"}
	gen := func(n int, chars func() string) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(chars())
		}
		return sb.String()
	}
	reqChar := func() string { return string(reqChars[r.IntN(len(reqChars))]) }
	patChar := func() string { return patChars[r.IntN(len(patChars))] }
	svcChar := func() string {
		for {
			if c := patChar(); c != "*" && c != "?" {
				return c
			}
		}
	}
	for i := range 200000 {
		svc, name := gen(1+r.IntN(3), reqChar), gen(1+r.IntN(6), reqChar)
		var pattern string
		switch {
		case i%50 == 0:
			pattern = "*"
		case i%3 == 0: // a pattern close to the request: its own text, recased in places
			b := []byte(svc + ":" + name)
			for j := range b {
				if r.IntN(3) == 0 {
					b[j] = text.Lower(b[j])
				} else if r.IntN(3) == 0 && 'a' <= b[j] && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			pattern = string(b)
			if r.IntN(2) == 0 {
				pattern = pattern[:len(svc)+1+r.IntN(len(name)+1)] + "*"
			}
		default:
			pattern = gen(1+r.IntN(3), svcChar) + ":" + gen(r.IntN(6), patChar)
		}
		a, err := compileAction(pattern)
		if err != nil {
			continue
		}
		if got, want := a.matches(svc, name), foldReference(pattern, svc, name); got != want {
			t.Fatalf("pattern %q, action %s:%s: matches = %v, strings.EqualFold says %v", pattern, svc, name, got, want)
		}
	}
}
