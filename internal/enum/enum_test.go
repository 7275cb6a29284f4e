package enum

import "testing"

type color uint8

var colorNames = []string{0: "none", 1: "red", 3: "blue"}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		v       color
		invalid string
		want    string
	}{
		{0, "color(%d)", "none"},
		{1, "color(%d)", "red"},
		{2, "color(%d)", "color(2)"}, // a gap in the table has no name
		{3, "color(%d)", "blue"},
		{4, "color(%d)", "color(4)"},
		{255, "invalid", "invalid"},
	} {
		if got := String(colorNames, tc.v, tc.invalid); got != tc.want {
			t.Errorf("String(%d, %q) = %q, want %q", tc.v, tc.invalid, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want color
		ok   bool
	}{
		{"none", 0, true}, {"red", 1, true}, {"blue", 3, true},
		{"", 0, false}, {"Red", 0, false}, {"green", 0, false},
	} {
		got, ok := Parse[color](colorNames, tc.s)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q) = %d, %v, want %d, %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

// Every name reads back as its value.
func TestRoundTrip(t *testing.T) {
	for i, n := range colorNames {
		if n == "" {
			continue
		}
		if v, ok := Parse[color](colorNames, String(colorNames, color(i), "")); !ok || int(v) != i {
			t.Errorf("%q: Parse(String(%d)) = %d, %v", n, i, v, ok)
		}
	}
}
