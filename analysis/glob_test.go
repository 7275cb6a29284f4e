package analysis

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSearchComplete checks the representative strings against brute
// force: every vector that some short string over a small alphabet
// realises is realised by a representative, and each representative's
// vector is what the globs say. It also checks the word-sized fast path
// against the general one.
func TestSearchComplete(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", "A", "*", "?", "/", "ab"}
	for iter := 0; iter < 300; iter++ {
		var gs []glob
		for range 1 + r.IntN(4) {
			var b strings.Builder
			for range r.IntN(5) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			gs = append(gs, newGlob(b.String(), r.IntN(4) != 0, r.IntN(3) == 0))
		}
		sp := searchSpec{globs: gs, fresh: freshRunes, perVector: 1, components: r.IntN(3) == 0}
		fast, err := sp.run()
		if err != nil {
			t.Fatal(err)
		}
		sp.slow = true
		slow, err := sp.run()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, x := range fast {
			got[x.vec] = true
			if v := vecOf(gs, x.s); v != x.vec {
				t.Fatalf("representative %q has vector %v, search says %v", x.s, []byte(v), []byte(x.vec))
			}
		}
		var sv, fv []string
		for _, x := range slow {
			sv = append(sv, x.vec)
		}
		for _, x := range fast {
			fv = append(fv, x.vec)
		}
		slices.Sort(sv)
		slices.Sort(fv)
		if !slices.Equal(sv, fv) {
			t.Fatalf("fast and slow searches differ: %q vs %q", fv, sv)
		}
		// Brute force over strings of up to 5 characters of "abAB/x".
		var walk func(s string)
		walk = func(s string) {
			valid := !sp.components || (s != "" && !strings.HasPrefix(s, "/") && !strings.HasSuffix(s, "/") && !strings.Contains(s, "//"))
			if valid && !got[vecOf(gs, s)] {
				t.Fatalf("string %q realises a vector no representative has (globs %v)", s, gs)
			}
			if len(s) == 5 {
				return
			}
			for _, c := range "abAB/x" {
				walk(s + string(c))
			}
		}
		walk("")
	}
}

func vecOf(gs []glob, s string) string {
	v := make([]byte, len(gs))
	for i, g := range gs {
		if g.match(s) {
			v[i] = 1
		}
	}
	return string(v)
}

// TestMatchWord checks the one-word matcher against the state-set one.
func TestMatchWord(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "b", "A", "*", "?", "/", "ab", "ſ", "s", "S"}
	text := []rune("abAB/sSſx")
	for range 3000 {
		var b strings.Builder
		for range r.IntN(7) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		g := newGlob(b.String(), r.IntN(4) != 0, r.IntN(3) == 0)
		var s []rune
		for range r.IntN(7) {
			s = append(s, text[r.IntN(len(text))])
		}
		if got, want := g.matchWord(string(s)), g.matchSets(string(s)); got != want {
			t.Fatalf("glob %q (%+v) on %q: matchWord %v, matchSets %v", b.String(), g.toks, string(s), got, want)
		}
	}
}
