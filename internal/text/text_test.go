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

// TestColons checks the exact colon mask for every byte value at every
// position of a word, next to colons and to other bytes.
func TestColons(t *testing.T) {
	for _, base := range []string{"abcdefgh", "::::::::", "\x00\x00\x00\x00\x00\x00\x00\x00", "\xff\xff\xff\xff\xff\xff\xff\xff", ";9;9;9;9", "\xba\xba\xba\xba\xba\xba\xba\xba"} {
		for pos := 0; pos < 8; pos++ {
			for c := 0; c < 256; c++ {
				b := []byte(base)
				b[pos] = byte(c)
				var want uint64
				for i, x := range b {
					if x == ':' {
						want |= 0x80 << (8 * i)
					}
				}
				if got := Colons(Word(string(b), 0)); got != want {
					t.Fatalf("Colons(%q) = %#x, want %#x", b, got, want)
				}
			}
		}
	}
}

// TestNotPlainPairs checks the word test against a byte loop for every pair
// of byte values in neighbouring positions, where carries and borrows
// between bytes could hide a refused byte.
func TestNotPlainPairs(t *testing.T) {
	plain := func(c byte, spaces bool) bool {
		return c > ' ' && c < 0x7f || c == ' ' && spaces
	}
	for pos := 0; pos < 7; pos++ {
		for a := 0; a < 256; a++ {
			for b := 0; b < 256; b++ {
				w := []byte("abcdefgh")
				w[pos], w[pos+1] = byte(a), byte(b)
				for _, spaces := range []bool{false, true} {
					want := true
					for _, c := range w {
						want = want && plain(c, spaces)
					}
					if got := NotPlain(Word(string(w), 0), spaces) == 0; got != want {
						t.Fatalf("NotPlain(%q, %v) == 0 is %v, want %v", w, spaces, got, want)
					}
				}
			}
		}
	}
}
