package policy_test

import (
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

func TestLines(t *testing.T) {
	data := []byte("ab\n\nçd\nx")
	l := policy.NewLines("f.yaml", data)
	for _, tc := range []struct {
		off  int
		want policy.Position
	}{
		{0, policy.Position{File: "f.yaml", Offset: 0, Line: 1, Column: 1}},
		{2, policy.Position{File: "f.yaml", Offset: 2, Line: 1, Column: 3}}, // the newline ends line 1
		{3, policy.Position{File: "f.yaml", Offset: 3, Line: 2, Column: 1}},
		{6, policy.Position{File: "f.yaml", Offset: 6, Line: 3, Column: 3}}, // ç is two bytes
		{9, policy.Position{File: "f.yaml", Offset: 9, Line: 4, Column: 2}}, // the end of the file
		{-5, policy.Position{File: "f.yaml", Offset: 0, Line: 1, Column: 1}},
		{99, policy.Position{File: "f.yaml", Offset: 9, Line: 4, Column: 2}},
	} {
		if got := l.Pos(tc.off); got != tc.want {
			t.Errorf("Pos(%d) = %+v, want %+v", tc.off, got, tc.want)
		}
	}
	for _, tc := range []struct {
		line, col int
		want      policy.Position
	}{
		{3, 1, policy.Position{File: "f.yaml", Offset: 4, Line: 3, Column: 1}},
		{3, 2, policy.Position{File: "f.yaml", Offset: 6, Line: 3, Column: 3}}, // the character after ç
		{3, 9, policy.Position{File: "f.yaml", Offset: 7, Line: 3, Column: 4}}, // stops at the end of the line
		{0, 1, policy.Position{File: "f.yaml"}},
		{5, 1, policy.Position{File: "f.yaml"}},
	} {
		if got := l.At(tc.line, tc.col); got != tc.want {
			t.Errorf("At(%d, %d) = %+v, want %+v", tc.line, tc.col, got, tc.want)
		}
	}
}
