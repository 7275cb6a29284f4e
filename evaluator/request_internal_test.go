package evaluator

import "testing"

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
