package conditions

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseOperator(t *testing.T) {
	ok := []struct {
		name string
		want Operator
	}{
		{"StringEquals", Operator{Base: StringEquals}},
		{"StringEqualsIfExists", Operator{Base: StringEquals, IfExists: true}},
		{"ForAllValues:StringLike", Operator{Base: StringLike, Qualifier: ForAllValues}},
		{"ForAnyValue:StringNotEqualsIgnoreCaseIfExists", Operator{Base: StringNotEqualsIgnoreCase, Qualifier: ForAnyValue, IfExists: true}},
		{"ForAllValues:StringNotEqualsIgnoreCaseIfExists", Operator{Base: StringNotEqualsIgnoreCase, Qualifier: ForAllValues, IfExists: true}},
		{"NotIpAddress", Operator{Base: NotIpAddress}},
		{"Null", Operator{Base: Null}},
		{"ForAllValues:Null", Operator{Base: Null, Qualifier: ForAllValues}},
		{"ForAnyValue:Null", Operator{Base: Null, Qualifier: ForAnyValue}},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseOperator(tc.name)
			if err != nil || got != tc.want {
				t.Fatalf("ParseOperator = %+v, %v; want %+v", got, err, tc.want)
			}
			if got.String() != tc.name {
				t.Errorf("String() = %q, want %q", got.String(), tc.name)
			}
		})
	}
	// Every operator form round-trips, and none is longer than the bound
	// above which suggest does no work.
	for b := Base(1); b < numBases; b++ {
		for _, q := range []Qualifier{Plain, ForAllValues, ForAnyValue} {
			for _, ifExists := range []bool{false, true} {
				op := Operator{Base: b, Qualifier: q, IfExists: ifExists}
				name := op.String()
				if len(name) > maxOperatorName {
					t.Errorf("%q is longer than maxOperatorName", name)
				}
				got, err := ParseOperator(name)
				if b == Null && ifExists {
					if err == nil {
						t.Errorf("ParseOperator(%q) accepted Null with IfExists", name)
					}
					continue
				}
				if err != nil || got != op {
					t.Errorf("ParseOperator(%q) = %+v, %v", name, got, err)
				}
			}
		}
	}

	bad := []struct {
		name   string
		reason string // the whole reason
	}{
		{"", "not a condition operator"},
		{"stringEquals", `not a condition operator (did you mean "StringEquals"?)`},
		{"STRINGEQUALSIFEXISTS", `not a condition operator (did you mean "StringEqualsIfExists"?)`},
		{"StringEqualsifexists", `not a condition operator (did you mean "StringEqualsIfExists"?)`},
		{"forallvalues:stringlike", `not a condition operator (did you mean "ForAllValues:StringLike"?)`},
		{"ForAnyValue:stringLikeIfExists", `not a condition operator (did you mean "ForAnyValue:StringLikeIfExists"?)`},
		{"FORANYVALUE:StringLike", `not a condition operator (did you mean "ForAnyValue:StringLike"?)`},
		{"StringLi\u212Ae", `not a condition operator (did you mean "StringLike"?)`}, // Kelvin sign
		{"null", `not a condition operator (did you mean "Null"?)`},
		{"nullIfExists", "not a condition operator"},
		{"forAnyValue:Null", `not a condition operator (did you mean "ForAnyValue:Null"?)`},
		{"forAnyValue:NullIfExists", "not a condition operator"},
		{"NullIfExists", "Null does not take IfExists"},
		{"ForAllValues:NullIfExists", "Null does not take IfExists"},
		{"ForAnyValue:NullIfExists", "Null does not take IfExists"},
		{"ForAllValues:ForAllValues:StringLike", "not a condition operator"},
		{"forallvalues:forallvalues:stringlike", "not a condition operator"},
		{"ForSomeValues:StringLike", "not a condition operator"},
		{"StringEquals:", "not a condition operator"},
		{"IfExists", "not a condition operator"},
		{"StringEqualsIfExistsIfExists", "not a condition operator"},
		{"String Equals", "not a condition operator"},
		{"StringEquals\x00", "not a condition operator"},
		{"StringEquals\xff", "not a condition operator"},
		{strings.Repeat("a", maxOperatorName-len("StringEquals")) + "StringEquals", "not a condition operator"},
		{strings.Repeat(" ", maxOperatorName) + "stringequals", "not a condition operator"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseOperator(tc.name)
			var oe *OperatorError
			if !errors.As(err, &oe) {
				t.Fatalf("ParseOperator = %v, want an *OperatorError", err)
			}
			if oe.Name != tc.name || oe.Reason != tc.reason {
				t.Errorf("error = {%q, %q}, want {%q, %q}", oe.Name, oe.Reason, tc.name, tc.reason)
			}
		})
	}
}

func TestOperatorErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"stringequals", `condition operator "stringequals": not a condition operator (did you mean "StringEquals"?)`},
		{"a\x00b", `condition operator "a\x00b": not a condition operator`},
		{strings.Repeat("x", maxQuoted), `condition operator "` + strings.Repeat("x", maxQuoted) + `": not a condition operator`},
		{strings.Repeat("x", maxQuoted+1), `condition operator "` + strings.Repeat("x", maxQuoted) + `"… (257 bytes): not a condition operator`},
		// A cut never splits a character.
		{strings.Repeat("x", maxQuoted-1) + "é" + strings.Repeat("x", 10), `condition operator "` + strings.Repeat("x", maxQuoted-1) + `"… (267 bytes): not a condition operator`},
	}
	for _, tc := range tests {
		t.Run(tc.want[:min(len(tc.want), 60)], func(t *testing.T) {
			_, err := ParseOperator(tc.name)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Error() =\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}

func FuzzParseOperator(f *testing.F) {
	for _, s := range []string{"StringEquals", "ForAnyValue:StringLikeIfExists", "forallvalues:stringequalsifexists", "Null",
		"NullIfExists", "ForAllValues:ForAllValues:Bool", "BOOL", "\xff", "StringLi\u212Ae", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		op, err := ParseOperator(name)
		if err == nil {
			if op.String() != name {
				t.Fatalf("ParseOperator(%q) = %q", name, op.String())
			}
			return
		}
		var oe *OperatorError
		if !errors.As(err, &oe) || oe.Name != name {
			t.Fatalf("ParseOperator(%q) error %v is not an *OperatorError naming it", name, err)
		}
		msg := err.Error()
		if len(msg) > 5*maxQuoted+200 {
			t.Fatalf("error of %d bytes for a %d-byte name", len(msg), len(name))
		}
		if !utf8.ValidString(msg) && utf8.ValidString(name) {
			t.Fatalf("error %q is not valid UTF-8", msg)
		}
		// A suggestion is a valid operator that equals the name up to case.
		if _, hint, ok := strings.Cut(oe.Reason, "did you mean "); ok {
			s := strings.TrimSuffix(strings.TrimPrefix(hint, `"`), `"?)`)
			if _, err := ParseOperator(s); err != nil || !strings.EqualFold(s, name) {
				t.Fatalf("ParseOperator(%q) suggests %q: %v", name, s, err)
			}
		}
	})
}

func BenchmarkParseOperator(b *testing.B) {
	for _, name := range []string{"ForAnyValue:StringLikeIfExists", "forAnyValue:stringLikeIfExists", strings.Repeat("ForAllValues:", 1000) + "StringLike"} {
		b.Run(name[:min(len(name), 30)], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParseOperator(name)
			}
		})
	}
}
