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

// TestCleanAgainstBytewise checks the word-at-a-time path against a plain
// byte loop for every byte value at every position of a 19-byte string.
func TestCleanAgainstBytewise(t *testing.T) {
	bytewise := func(s string, spaces bool) bool {
		for _, r := range s {
			if r == 0xFFFD || r < 0x20 || (r >= 0x7f && r < 0xa0) || (r == ' ' && !spaces) {
				return false
			}
		}
		return true
	}
	base := []byte("arn:aws:s3:::bucket")
	for pos := range base {
		for c := 0; c < 256; c++ {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			for _, spaces := range []bool{false, true} {
				if got, want := Clean(string(b), spaces), bytewise(string(b), spaces); got != want {
					t.Fatalf("Clean(%q, %v) = %v, want %v", b, spaces, got, want)
				}
			}
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add("arn:aws:iam::111122223333:user/alice", false)
	f.Add("a b\x00c\xffé", true)
	f.Fuzz(func(t *testing.T, s string, spaces bool) {
		want := true
		for _, r := range s {
			if r == 0xFFFD || r < 0x20 || (r >= 0x7f && r < 0xa0) || (r == ' ' && !spaces) {
				want = false
			}
		}
		if got := Clean(s, spaces); got != want {
			t.Fatalf("Clean(%q, %v) = %v, want %v", s, spaces, got, want)
		}
	})
}
