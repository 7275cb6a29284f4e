package conditions

import (
	"errors"
	"testing"
)

func TestCheckValue(t *testing.T) {
	tests := []struct {
		base  Base
		value string
		err   string // "" when valid
	}{
		{StringEquals, "anything ${at all", ""},
		{StringLike, "*", ""},
		{StringLike, "a\xff", `"a\xff" is not valid UTF-8`},
		{ArnLike, "not an arn", ""},
		{NumericEquals, "10.5", ""},
		{NumericLessThan, "ten", `"ten" is not a number: unexpected 't' at offset 0 (use an integer or decimal number such as 10, -3 or 2.5; no exponent)`},
		{NumericLessThan, "", `"" is not a number: empty (use an integer or decimal number such as 10, -3 or 2.5; no exponent)`},
		{DateEquals, "2020-01-31T00:00:00Z", ""},
		{DateEquals, "1609459200", ""},
		{DateLessThan, "2020-13-01", `"2020-13-01" is not a date: month 13 out of range (use ISO 8601 such as 2020-01-31T00:00:00Z, or epoch seconds)`},
		{DateLessThan, "${aws:CurrentTime}", `"${aws:CurrentTime}" is not a date: expected a 4-digit year, found '$' at offset 0 (use ISO 8601 such as 2020-01-31T00:00:00Z, or epoch seconds)`},
		{IpAddress, "203.0.113.0/24", ""},
		{NotIpAddress, "fe80::1%eth0", `"fe80::1%eth0" is not an IP address or CIDR block: IPv6 zones are not allowed (use a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, or a single address)`},
		{BinaryEquals, "QmluYXJ5", ""},
		{BinaryEquals, "QmluYXJ", `"QmluYXJ" is not base64: length 7 is not a multiple of 4 (use standard base64 with padding, such as QmluYXJ5)`},
		{Bool, "TRUE", ""},
		{Bool, "${aws:SecureTransport}", ""},
		{Bool, "${*}", `"${*}" is not a boolean (use true or false)`},
		{Bool, "1", `"1" is not a boolean (use true or false)`},
		{Null, "false", ""},
		{Null, "${x}", `"${x}" is not a boolean (use true or false)`},
	}
	for _, tc := range tests {
		t.Run(tc.base.String()+"/"+tc.value, func(t *testing.T) {
			err := CheckValue(tc.base, tc.value)
			if tc.err == "" {
				if err != nil {
					t.Errorf("CheckValue = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckValue = nil, want %s", tc.err)
			}
			if err.Error() != tc.err {
				t.Errorf("CheckValue =\n%s\nwant\n%s", err, tc.err)
			}
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Value != tc.value || ve.Family != tc.base.Family() {
				t.Errorf("error is not a *ValueError for the value: %#v", err)
			}
		})
	}
	t.Run("invalid base", func(t *testing.T) {
		var oe *OperatorError
		if err := CheckValue(0, "x"); !errors.As(err, &oe) {
			t.Errorf("CheckValue(0) = %v, want *OperatorError", err)
		}
	})
}

func TestPositive(t *testing.T) {
	for b := Base(1); b < numBases; b++ {
		p := b.Positive()
		if p.Negated() {
			t.Errorf("%v.Positive() = %v is negated", b, p)
		}
		if !b.Negated() && p != b {
			t.Errorf("%v.Positive() = %v, want itself", b, p)
		}
		if b.Negated() && (p.Family() != b.Family() || p == b) {
			t.Errorf("%v.Positive() = %v", b, p)
		}
	}
}
