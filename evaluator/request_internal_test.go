package evaluator

import (
	"testing"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/text"
)

// TestIsAccountID checks the word-at-a-time digit test against a byte loop
// for every byte value at every position.
func TestIsAccountID(t *testing.T) {
	slow := func(s string) bool {
		if len(s) != 12 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	for _, s := range []string{"", "12345678901", "1234567890123", "111122223333", "000000000000", "999999999999"} {
		if got := isAccountID(s); got != slow(s) {
			t.Errorf("isAccountID(%q) = %v", s, got)
		}
	}
	base := []byte("123456789012")
	for pos := range base {
		for c := 0; c < 256; c++ {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			if got, want := isAccountID(string(b)), slow(string(b)); got != want {
				t.Fatalf("isAccountID(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

func TestActionColon(t *testing.T) {
	tests := map[string]int{
		"s3:GetObject": 2, "execute-api:Invoke": 11, "s3-object-lambda:Get_Thing": 16,
		"s3GetObject": -1, ":GetObject": -1, "s3:": -1, "s3:Get:Object": -1, "s_3:GetObject": -1,
		"s3:Get*": -1, "s3:Get Object": -1, "s3:GetObject\x00": -1, "": -1,
	}
	for a, want := range tests {
		if got := actionColon(a); got != want {
			t.Errorf("actionColon(%q) = %d, want %d", a, got, want)
		}
	}
}

// TestSplitClean checks the fused scan against text.Clean and arn.SplitTo
// for every byte value at every position of ARN-shaped strings.
func TestSplitClean(t *testing.T) {
	for _, base := range []string{
		"arn:aws:iam::111122223333:user/bench-user",
		"arn:aws:s3:::bucket/path/to/object.txt",
		"arn:a:b:c:d:e",
		"arn:::::",
		"arn::::::",
		"arn:aws:s3:::b",
		"arn:aws:s3:::bu",
		"arn:aws:s3:::buc:",
		"arn:aws:s3:::bucke:",
		"arn:aws:s3:::bucket:x:y",
		"arn:aws:s3",
		"arn:aws",
		"arn:",
		"*",
	} {
		for pos := 0; pos < len(base); pos++ {
			for c := 0; c < 256; c++ {
				b := []byte(base)
				b[pos] = byte(c)
				s := string(b)
				for _, spaces := range []bool{false, true} {
					checkSplitClean(t, s, spaces)
				}
			}
		}
	}
}

func FuzzSplitClean(f *testing.F) {
	f.Add("arn:aws:iam::111122223333:user/bench-user", false)
	f.Add("arn:aws:s3:::bucket/my key\x00", true)
	f.Add("arn:::::", false)
	f.Add("arn:aws:s3:::é:", true)
	f.Fuzz(func(t *testing.T, s string, spaces bool) {
		checkSplitClean(t, s, spaces)
	})
}

// checkSplitClean compares the fused scan with text.Clean and arn.SplitTo.
func checkSplitClean(t *testing.T, s string, spaces bool) {
	t.Helper()
	var got, want arn.Sections
	clean, isARN := splitClean(s, spaces, &got)
	wantARN := arn.SplitTo(s, &want)
	if clean != text.Clean(s, spaces) || isARN != wantARN || (isARN && got != want) {
		t.Fatalf("splitClean(%q, %v) = %v, %v, %+v; want %v, %v, %+v",
			s, spaces, clean, isARN, got, text.Clean(s, spaces), wantARN, want)
	}
}
