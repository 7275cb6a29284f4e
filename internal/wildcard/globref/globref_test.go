package globref

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		p, s string
		fold bool
		want bool
	}{
		{"", "", false, true},
		{"*", "", false, true},
		{"a*b", "axxb", false, true},
		{"a?c", "aéc", false, true},
		{"A*", "abc", true, true},
		{"A*", "abc", false, false},
		{"*?", "", false, false},
		{"?", "\xff", false, true},
	}
	for _, tc := range tests {
		if got := Match(tc.p, tc.s, tc.fold); got != tc.want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", tc.p, tc.s, tc.fold, got, tc.want)
		}
	}
}
