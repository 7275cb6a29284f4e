package conditions

import "testing"

// absent marks a key that is not in the request context.
var absent = &Value{}

// ctxWith returns a context holding key "k" with value v (unless v is
// absent) and the extra entries.
func ctxWith(v *Value, extra map[string]Value) Context {
	m := map[string]Value{}
	for k, x := range extra {
		m[k] = x
	}
	if v != absent {
		m["k"] = *v
	}
	return NewContext(m)
}

func single(s string) *Value   { v := Single(s); return &v }
func multi(s ...string) *Value { v := Multi(s...); return &v }
func mustOp(t testing.TB, name string) Operator {
	t.Helper()
	op, err := ParseOperator(name)
	if err != nil {
		t.Fatal(err)
	}
	return op
}

// evalCase is one clause on key "k" evaluated against one context.
type evalCase struct {
	name   string
	op     string
	values []string
	v      *Value           // the value of "k", or absent
	extra  map[string]Value // other context keys
	novars bool             // compile with variables off (policy Version 2008-10-17)
	want   bool
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.name
		if name == "" {
			name = tc.op
		}
		t.Run(name, func(t *testing.T) {
			b, err := Compile([]Clause{{Operator: mustOp(t, tc.op), Key: "k", Values: tc.values}}, Options{Variables: !tc.novars})
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			ctx := ctxWith(tc.v, tc.extra)
			if got := b.Eval(ctx); got != tc.want {
				t.Errorf("%s %q against %v = %v, want %v", tc.op, tc.values, describe(tc.v), got, tc.want)
			}
			if got := b.EvalClause(0, ctx); got != tc.want {
				t.Errorf("EvalClause = %v, want %v", got, tc.want)
			}
		})
	}
}

func describe(v *Value) string {
	switch {
	case v == absent:
		return "absent key"
	case v.IsMulti():
		return "multi " + quoteList(v.Values())
	}
	return "single " + quoteList(v.Values())
}

func quoteList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += `"` + x + `"`
	}
	return out + "]"
}
