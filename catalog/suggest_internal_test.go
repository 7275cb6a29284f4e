package catalog

import (
	"math/rand/v2"
	"testing"
)

// fullDistance is the optimal string alignment distance, every cell
// computed.
func fullDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// TestBandedDistance: the banded computation agrees with the full one,
// capped at limit+1, on random strings over a small alphabet (so that
// matches, swaps and near misses are common).
func TestBandedDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(9))
		for i := range b {
			b[i] = "abc"[r.IntN(3)]
		}
		return string(b)
	}
	var e editDistance
	for range 20000 {
		a, b, limit := word(), word(), r.IntN(4)
		want := min(fullDistance(a, b), limit+1)
		if got := e.distance(a, b, limit); got != want {
			t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"s3:getobjcet", "s3:getobject", 1}, {"aws:soruceip", "aws:sourceip", 1},
		{"", "", 0}, {"", "ab", 2}, {"abc", "abc", 0}, {"ca", "abc", 3},
	} {
		if got := fullDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("fullDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
