package wildcard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// A policy string may be 8 KiB (policy.MaxStringLength). Segments without
// '?' and the anchored tail are matched in time linear in the subject, so a
// 1 MiB subject stays fast. A middle segment with '?' is tried at each
// character, O(len(segment) × len(subject)); request values are bounded to
// 16 KiB (evaluator.MaxRequestFieldBytes, conditions.MaxValueBytes), which
// keeps that case to a fraction of a second. The bounds leave room for the
// race detector and a loaded machine; a quadratic matcher takes many seconds.
func TestHostileLongSegment(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, pattern, subject string
		bound                  time.Duration
		want                   bool
	}{
		{"long literal segment, 1 MiB subject", "*" + a(8000) + "b*", a(1 << 20), time.Second, false},
		{"long literal segment folded", "*" + strings.Repeat("A", 8000) + "b*", a(1 << 20), time.Second, false},
		{"long tail of ?, 1 MiB subject", "*" + strings.Repeat("?", 8000), a(1 << 20), time.Second, true},
		{"long tail of ? and a literal, 1 MiB subject", "*" + strings.Repeat("?", 8000) + "b", a(1 << 20), time.Second, false},
		{"long segment of ?, 16 KiB subject", "*" + strings.Repeat("?", 1000) + "b*", a(16 << 10), 3 * time.Second, false},
		{"8 KiB segment of ?, 16 KiB subject", "*" + strings.Repeat("?", 8000) + "b*", a(16 << 10), 5 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fold := strings.Contains(tc.name, "folded")
			start := time.Now()
			if got := wildcard.Match(wildcard.Encode(tc.pattern), tc.subject, fold); got != tc.want {
				t.Fatalf("Match = %v, want %v", got, tc.want)
			}
			if d := time.Since(start); d > tc.bound {
				t.Errorf("one match took %v, want under %v", d, tc.bound)
			}
			if fold || strings.Contains(tc.pattern, "?") {
				return // a compiled Glob of this pattern is Match itself, timed above
			}
			g := wildcard.CompileGlob(wildcard.Encode(tc.pattern), fold)
			start = time.Now()
			if got := g.Match(tc.subject); got != tc.want {
				t.Fatalf("Glob.Match = %v, want %v", got, tc.want)
			}
			if d := time.Since(start); d > tc.bound {
				t.Errorf("one compiled match took %v, want under %v", d, tc.bound)
			}
		})
	}
}
