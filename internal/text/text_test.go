package text

import "testing"

func TestClean(t *testing.T) {
	tests := []struct {
		s      string
		spaces bool
		want   bool
	}{
		{"", false, true},
		{"arn:aws:s3:::bucket/key", false, true},
		{"arn:aws:s3:::bucket/my key", false, false},
		{"arn:aws:s3:::bucket/my key", true, true},
		{"café/ü", false, true},
		{"a\x00", true, false},
		{"a\t", true, false},
		{"a\n", true, false},
		{"a\x7f", true, false},
		{"a\u0085", true, false}, // C1 control
		{"a\xff", true, false},
		{"é\xff", true, false},
		{"\xc3", true, false}, // truncated sequence
		{"a\ufffd", true, false},
		{"日本", false, true},
	}
	for _, tc := range tests {
		if got := Clean(tc.s, tc.spaces); got != tc.want {
			t.Errorf("Clean(%q, %v) = %v, want %v", tc.s, tc.spaces, got, tc.want)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	s := "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/JaneDoe"
	b.ReportAllocs()
	for b.Loop() {
		Clean(s, false)
	}
}
