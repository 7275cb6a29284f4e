package conditions

import (
	"math/big"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	valid := []struct {
		in          string
		neg         bool
		whole, frac string
	}{
		{"0", false, "", ""},
		{"-0", false, "", ""},
		{"+0.000", false, "", ""},
		{".0", false, "", ""},
		{"10", false, "10", ""},
		{"010", false, "10", ""},
		{"10.", false, "10", ""},
		{"10.0", false, "10", ""},
		{"+10.50", false, "10", "5"},
		{"-.5", true, "", "5"},
		{"-0.05", true, "", "05"},
		{"123456789012345678901234567890.000000000000000000001", false, "123456789012345678901234567890", "000000000000000000001"},
	}
	for _, tc := range valid {
		t.Run(tc.in, func(t *testing.T) {
			d, p := parseDecimal(tc.in)
			if p.bad {
				t.Fatalf("parseDecimal(%q): %s", tc.in, p.render(tc.in))
			}
			if d.neg != tc.neg || d.whole != tc.whole || d.frac != tc.frac {
				t.Errorf("parseDecimal(%q) = %+v", tc.in, d)
			}
		})
	}
	invalid := []problemCase{
		{"", "empty"},
		{"+", "no digits"},
		{"-", "no digits"},
		{".", "no digits"},
		{"-.", "no digits"},
		{"1e5", "unexpected 'e' at offset 1"},
		{"1E5", "unexpected 'E' at offset 1"},
		{"0x10", "unexpected 'x' at offset 1"},
		{"NaN", "unexpected 'N' at offset 0"},
		{"Inf", "unexpected 'I' at offset 0"},
		{"-Inf", "unexpected 'I' at offset 1"},
		{" 1", "unexpected ' ' at offset 0"},
		{"1 ", "unexpected ' ' at offset 1"},
		{"1.2.3", "unexpected '.' at offset 3"},
		{"1,000", "unexpected ',' at offset 1"},
		{"++1", "unexpected '+' at offset 1"},
		{"١٢", "unexpected '١' at offset 0"},
	}
	checkProblems(t, "invalid/", "parseDecimal", parseDecimal, invalid)
}

// TestCmpDecimalAgainstRat checks the allocation-free comparison against
// math/big over a grid of tricky numbers.
func TestCmpDecimalAgainstRat(t *testing.T) {
	nums := []string{"0", "-0", "0.0", "1", "01", "1.0", "1.00001", "0.99999", "-1", "-1.5", "-1.50", "-2",
		"10", "9.999999999999999999999", "10.000000000000000000001", "100", "-100", ".1", ".01", "-.01",
		"99999999999999999999999999999", "100000000000000000000000000000", "-99999999999999999999999999999"}
	for _, a := range nums {
		for _, b := range nums {
			da, _ := parseDecimal(a)
			db, _ := parseDecimal(b)
			ra, _ := new(big.Rat).SetString(a)
			rb, _ := new(big.Rat).SetString(b)
			if got, want := cmpDecimal(da, db), ra.Cmp(rb); got != want {
				t.Errorf("cmpDecimal(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestNumericOperators(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "10 == 10.0 == 010", op: "NumericEquals", values: []string{"10"}, v: single("010.000"), want: true},
		{name: "-0 == 0", op: "NumericEquals", values: []string{"-0"}, v: single("0"), want: true},
		{name: "decimal greater", op: "NumericGreaterThan", values: []string{"100"}, v: single("100.5"), want: true},
		{name: "s3:max-keys within bound", op: "NumericLessThanEquals", values: []string{"10"}, v: single("10"), want: true},
		{name: "s3:max-keys over bound", op: "NumericLessThanEquals", values: []string{"10"}, v: single("1000"), want: false},
		{name: "NOR of several values", op: "NumericNotEquals", values: []string{"8", "16"}, v: single("8"), want: false},
		{name: "NOR none equal", op: "NumericNotEquals", values: []string{"8", "16"}, v: single("32"), want: true},
		{name: "OR of bounds", op: "NumericLessThan", values: []string{"1", "100"}, v: single("50"), want: true},
		{name: "huge request value", op: "NumericGreaterThan", values: []string{"1"}, v: single("123456789012345678901234567890123456789"), want: true},
		{name: "tiny difference", op: "NumericLessThan", values: []string{"0.30000000000000000001"}, v: single("0.3"), want: true},
		{name: "negative", op: "NumericLessThan", values: []string{"-1"}, v: single("-1.5"), want: true},
		{name: "epoch time", op: "NumericLessThan", values: []string{"1700000000"}, v: single("1600000000"), want: true},
		{name: "request exponent is invalid", op: "NumericNotEquals", values: []string{"1"}, v: single("1e0"), want: false},
		{name: "empty request value is invalid", op: "NumericNotEquals", values: []string{"1"}, v: single(""), want: false},
		{name: "variables are literal", op: "NumericEquals", values: []string{"1"}, v: single("${x}"), extra: map[string]Value{"x": Single("1")}, want: false},
	})
}
