package conditions

import "testing"

func TestBoolOperator(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "false matches false", op: "Bool", values: []string{"false"}, v: single("false"), want: true},
		{name: "JSON true read as text, any case", op: "Bool", values: []string{"true"}, v: single("TRUE"), want: true},
		{name: "policy value in any case", op: "Bool", values: []string{"False"}, v: single("fAlSe"), want: true},
		{name: "mismatch", op: "Bool", values: []string{"true"}, v: single("false"), want: false},
		{name: "both values", op: "Bool", values: []string{"true", "false"}, v: single("false"), want: true},
		{name: "request yes is invalid", op: "Bool", values: []string{"true", "false"}, v: single("yes"), want: false},
		{name: "request 1 is invalid", op: "Bool", values: []string{"true"}, v: single("1"), want: false},
		{name: "request empty is invalid", op: "BoolIfExists", values: []string{"false"}, v: single(""), want: false},
		// Variables in Bool (SPEC §5.2 note 1, D3).
		{name: "variable resolves", op: "Bool", values: []string{"${aws:x}"}, v: single("true"), extra: map[string]Value{"aws:x": Single("TRUE")}, want: true},
		{name: "variable resolves to other value", op: "Bool", values: []string{"${aws:x}"}, v: single("true"), extra: map[string]Value{"aws:x": Single("false")}, want: false},
		{name: "variable resolves to non-boolean", op: "Bool", values: []string{"${aws:x}"}, v: single("true"), extra: map[string]Value{"aws:x": Single("truee")}, want: false},
		{name: "variable resolves to long text", op: "Bool", values: []string{"${aws:x}"}, v: single("true"), extra: map[string]Value{"aws:x": Single("true true true")}, want: false},
		{name: "variable absent", op: "Bool", values: []string{"${aws:x}"}, v: single("true"), want: false},
		{name: "variable absent with default", op: "Bool", values: []string{"${aws:x, 'true'}"}, v: single("true"), want: true},
		{name: "variable absent, other value", op: "Bool", values: []string{"${aws:x}", "false"}, v: single("false"), want: true},
		{name: "variable built from parts", op: "Bool", values: []string{"t${aws:x}e"}, v: single("true"), extra: map[string]Value{"aws:x": Single("ru")}, want: true},
	})
}
