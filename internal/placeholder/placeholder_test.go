package placeholder

import "testing"

func TestPlaceholder(t *testing.T) {
	cases := []struct {
		in   string
		is   bool
		text string
	}{
		{Make("!Ref Bucket"), true, "!Ref Bucket"},
		{Make(""), true, ""},
		{"", false, ""},
		{"s3:GetObject", false, "s3:GetObject"},
		{"a\x00b", false, "a\x00b"},
	}
	for _, c := range cases {
		if got := Is(c.in); got != c.is {
			t.Errorf("Is(%q) = %v, want %v", c.in, got, c.is)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
	}
}
