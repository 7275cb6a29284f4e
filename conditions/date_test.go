package conditions

import (
	"testing"
	"time"
)

// TestParseDate covers every form of SPEC §5.9 and compares with package
// time where it can represent the instant.
func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC, nanoseconds
	}{
		{"1997-07", "1997-07-01T00:00:00Z"},
		{"1997-07-16", "1997-07-16T00:00:00Z"},
		{"1997-07-16T19:20+01:00", "1997-07-16T18:20:00Z"},
		{"1997-07-16T19:20Z", "1997-07-16T19:20:00Z"},
		{"1997-07-16T19:20", "1997-07-16T19:20:00Z"},
		{"1997-07-16T19:20:30Z", "1997-07-16T19:20:30Z"},
		{"1997-07-16T19:20:30", "1997-07-16T19:20:30Z"},
		{"1997-07-16T19:20:30-05:30", "1997-07-17T00:50:30Z"},
		{"1997-07-16T19:20:30.45+01:00", "1997-07-16T18:20:30.45Z"},
		{"1997-07-16T19:20:30.450000000000Z", "1997-07-16T19:20:30.45Z"},
		{"2020-05-15T14:00:00+02:00", "2020-05-15T12:00:00Z"},
		{"2020-02-29", "2020-02-29T00:00:00Z"},
		{"2000-02-29", "2000-02-29T00:00:00Z"},
		{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
		{"0001-01-01", "0001-01-01T00:00:00Z"},
		{"0000-03-01", "0000-03-01T00:00:00Z"},
		{"9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z"},
		{"1609459200", "2021-01-01T00:00:00Z"},
		{"0", "1970-01-01T00:00:00Z"},
		{"2020", "1970-01-01T00:33:40Z"}, // D11: all digits are epoch seconds
		{"000000000000000000000000001", "1970-01-01T00:00:01Z"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, p := parseDate(tc.in)
			if p.bad {
				t.Fatalf("parseDate(%q): %s", tc.in, p.render(tc.in))
			}
			want, err := time.Parse(time.RFC3339Nano, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			wantI, _ := parseDate(want.Format("2006-01-02T15:04:05.999999999Z07:00"))
			if want.Year() >= 1 && cmpInstant(got, wantI) != 0 {
				t.Errorf("parseDate(%q) = %+v, want %+v", tc.in, got, wantI)
			}
			if sec := want.Unix(); got.sec != sec {
				t.Errorf("parseDate(%q).sec = %d, want %d", tc.in, got.sec, sec)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []problemCase{
		{"", "empty"},
		{"2020-13-01", "month 13 out of range"},
		{"2020-00-01", "month 0 out of range"},
		{"2019-02-29", "day 29 out of range"},
		{"1900-02-29", "day 29 out of range"},
		{"2020-04-31", "day 31 out of range"},
		{"2020-01-00", "day 0 out of range"},
		{"2020-01-01T24:00Z", "hour 24 out of range"},
		{"2020-01-01T23:60Z", "minute 60 out of range"},
		{"2020-01-01T23:59:60Z", "second 60 out of range"},
		{"2020-01-01T10:00+24:00", "time-zone offset out of range"},
		{"2020-01-01T10:00+0100", "expected ':', found '0' at offset 19"},
		{"2020-01-01T10:00:00.Z", "a fraction of a second needs digits after '.'"},
		{"2020-01-01T10:00.5Z", "unexpected '.' at offset 16"},
		{"2020-01-01T10Z", "expected ':', found 'Z' at offset 13"},
		{"2020-01-01 10:00:00Z", "expected 'T', found ' ' at offset 10"},
		{"2020-01-01t10:00:00z", "expected 'T', found 't' at offset 10"},
		{"2020-01-01T10:00:00z", "unexpected 'z' at offset 19"},
		{"2020-01-01T10:00:00ZZ", "unexpected 'Z' at offset 20"},
		{"2020-01-01T", "expected a 2-digit hour, found end of text at offset 11"},
		{"2020-1-01", "expected a 2-digit month, found '-' at offset 6"},
		{"20-01-01", "expected a 4-digit year, found '-' at offset 2"},
		{"+2020-01-01", "expected a 4-digit year, found '+' at offset 0"},
		{"-1", "expected a 4-digit year, found '-' at offset 0"},
		{"2020/01/01", "expected '-', found '/' at offset 4"},
		{"2020-", "expected a 2-digit month, found end of text at offset 5"},
		{"2020-01-", "expected a 2-digit day, found end of text at offset 8"},
		{"1609459200.5", "expected '-', found '4' at offset 4"},
		{"*", "expected a 4-digit year, found '*' at offset 0"},
	}
	checkProblems(t, "", "parseDate", parseDate, tests)
}

func TestDaysFromCivilAgainstTime(t *testing.T) {
	for y := int64(1); y <= 9999; y += 7 {
		for _, m := range []int64{1, 2, 3, 12} {
			want := time.Date(int(y), time.Month(m), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
			if got := daysFromCivil(y, m, 1); got != want {
				t.Fatalf("daysFromCivil(%d, %d, 1) = %d, want %d", y, m, got, want)
			}
		}
	}
	if got := daysFromCivil(0, 3, 1); got != daysFromCivil(0, 2, 29)+1 {
		t.Errorf("year 0 is a leap year: %d", got)
	}
}

func TestCmpInstant(t *testing.T) {
	ordered := []string{
		"0000-01-01",
		"1969-12-31T23:59:59.999Z",
		"0",
		"1970-01-01T00:00:00.000000000001Z",
		"1970-01-01T00:00:00.1Z",
		"2020",
		"2020-05-15T12:00:00Z",
		"9999-12-31T23:59:59.999999999999Z",
		"999999999999999999",
		"1000000000000000000",
		"9223372036854775806",
		"09223372036854775807", // the largest signed 64-bit integer
	}
	for i, a := range ordered {
		for j, b := range ordered {
			da, p := parseDate(a)
			if p.bad {
				t.Fatalf("%q: %s", a, p.render(a))
			}
			db, _ := parseDate(b)
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := cmpInstant(da, db); got != want {
				t.Errorf("cmpInstant(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestDateOperators(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "DateGreaterThan fresh credentials", op: "DateGreaterThan", values: []string{"2020-01-01T00:00:01Z"}, v: single("2020-03-01T10:00:00Z"), want: true},
		{name: "DateGreaterThan old credentials", op: "DateGreaterThan", values: []string{"2020-01-01T00:00:01Z"}, v: single("2019-12-31T10:00:00Z"), want: false},
		{name: "DateLessThan epoch policy value, ISO request", op: "DateLessThan", values: []string{"1609459200"}, v: single("2020-05-15T12:00:00Z"), want: true},
		{name: "DateEquals across time zones", op: "DateEquals", values: []string{"2020-05-15T14:00:00+02:00"}, v: single("2020-05-15T12:00:00Z"), want: true},
		{name: "DateNotEquals across time zones", op: "DateNotEquals", values: []string{"2020-05-15T14:00:00+02:00"}, v: single("2020-05-15T12:00:00Z"), want: false},
		{name: "all-digit policy value is epoch seconds, not a year", op: "DateGreaterThan", values: []string{"2020"}, v: single("1970-01-01T00:33:41Z"), want: true},
		{name: "aws:EpochTime as a date", op: "DateLessThan", values: []string{"2021-01-01T00:00:00Z"}, v: single("1609459199"), want: true},
		{name: "fraction compared exactly", op: "DateLessThan", values: []string{"2020-01-01T00:00:00.0000000001Z"}, v: single("2020-01-01T00:00:00Z"), want: true},
		{name: "request epoch beyond int64 is not a date", op: "DateGreaterThan", values: []string{"9999-12-31T23:59:59Z"}, v: single("99999999999999999999999999"), want: false},
		{name: "request epoch beyond int64 is not a date (negated)", op: "DateNotEquals", values: []string{"9999-12-31T23:59:59Z"}, v: single("9223372036854775808"), want: false},
		{name: "wildcards are not allowed", op: "DateNotEquals", values: []string{"2020-01-01"}, v: single("2020-*"), want: false},
		{name: "variables are literal", op: "DateEquals", values: []string{"2020-01-01"}, v: single("${aws:CurrentTime}"), want: false},
	})
}

// TestEpochRange checks that epoch dates stop at the largest signed 64-bit
// integer, beyond which IAM refuses the policy ("The policy failed legacy
// parsing").
func TestEpochRange(t *testing.T) {
	for s, ok := range map[string]bool{
		"9223372036854775807": true, "0009223372036854775807": true, "9223372036854775808": false,
		"99999999999999999999": false, "18446744073709551615": false, "0": true,
	} {
		_, p := parseDate(s)
		if p.bad == ok {
			t.Errorf("parseDate(%q): bad = %v, want %v", s, p.bad, !ok)
		}
		if err := CheckValue(DateEquals, s); (err == nil) != ok {
			t.Errorf("CheckValue(DateEquals, %q) = %v", s, err)
		}
	}
}
