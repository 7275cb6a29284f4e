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
	deny   bool             // the clause guards a Deny (Options.Deny)
	want   bool
	// undoc is the undocumented reading the evaluation must report
	// taking (SPEC §10.1); 0 for none.
	undoc Undocumented
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.name
		if name == "" {
			name = tc.op
		}
		t.Run(name, func(t *testing.T) {
			b, err := Compile([]Clause{{Operator: mustOp(t, tc.op), Key: "k", Values: tc.values}}, Options{Variables: !tc.novars, Deny: tc.deny})
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
			got, u := b.EvalUndocumented(ctx)
			if got != tc.want || (tc.undoc != 0 && u != tc.undoc) {
				t.Errorf("EvalUndocumented = %v, %b; want %v, %b", got, u, tc.want, tc.undoc)
			}
			checkUndocumented(t, tc.op, tc.values, !tc.novars, ctx)
		})
	}
}

// checkUndocumented asserts the property that makes the report of
// undocumented readings trustworthy (SPEC §10.1): a clause that reports no
// undocumented reading decides the same in an Allow and in a Deny, and one
// whose Allow and Deny readings differ reports the reading it took, in both.
func checkUndocumented(t testing.TB, op string, values []string, variables bool, ctx Context) {
	t.Helper()
	o, err := ParseOperator(op)
	if err != nil {
		t.Fatal(err)
	}
	var holds [2]bool
	var undoc [2]Undocumented
	for i, deny := range []bool{false, true} {
		b, err := Compile([]Clause{{Operator: o, Key: "k", Values: values}}, Options{Variables: variables, Lenient: true, Deny: deny})
		if err != nil {
			return // not a clause AWS accepts
		}
		holds[i], undoc[i] = b.EvalUndocumented(ctx)
	}
	if undoc[0] != undoc[1] {
		t.Errorf("%s %q: Allow reports %b, Deny %b", op, values, undoc[0], undoc[1])
	}
	if holds[0] != holds[1] && undoc[0] == 0 {
		t.Errorf("%s %q: Allow reading %v, Deny reading %v, and no undocumented reading reported", op, values, holds[0], holds[1])
	}
	if holds[0] && !holds[1] {
		t.Errorf("%s %q: holds in an Allow but not in a Deny: the reading taken does not deny", op, values)
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

// problemCase is a text a value parser must refuse, with the problem it
// must report.
type problemCase struct{ in, msg string }

// checkProblems runs parse (named name in messages) on the input of every
// case, each as a subtest named prefix and the input, and checks that it
// fails with the case's message.
func checkProblems[T any](t *testing.T, prefix, name string, parse func(string) (T, problem), cases []problemCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(prefix+tc.in, func(t *testing.T) {
			_, p := parse(tc.in)
			if !p.bad {
				t.Fatalf("%s(%q) succeeded", name, tc.in)
			}
			if got := p.render(tc.in); got != tc.msg {
				t.Errorf("problem = %q, want %q", got, tc.msg)
			}
		})
	}
}
