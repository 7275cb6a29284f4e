package conditions_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/race"

	"github.com/iamlogic/iamlogic/conditions"
)

// Hostile input: condition values an attacker may choose, in the policy
// (where Compile refuses what is invalid) and in the request (where a value
// that does not parse makes the clause false in every form, so that it can
// never satisfy a condition). Every compile and evaluation takes bounded
// time, whatever the size of the numbers, dates and strings.

// hForms are the operator forms a request value is evaluated under.
func hForms(base string) []string {
	return []string{base, base + "IfExists", "ForAnyValue:" + base, "ForAllValues:" + base, "ForAnyValue:" + base + "IfExists"}
}

func hOp(t testing.TB, name string) conditions.Operator {
	t.Helper()
	op, err := conditions.ParseOperator(name)
	if err != nil {
		t.Fatalf("ParseOperator(%q): %v", name, err)
	}
	return op
}

// hCompile compiles one clause on key "k".
func hCompile(t testing.TB, op string, values ...string) *conditions.Block {
	t.Helper()
	b, err := conditions.Compile([]conditions.Clause{{Operator: hOp(t, op), Key: "k", Values: values}}, conditions.Options{Variables: true})
	if err != nil {
		t.Fatalf("Compile(%s %.40q): %v", op, values, err)
	}
	return b
}

// hValue is the request value of key "k" for operator form op: a single
// value for plain operators, a one-element set for set operators.
func hValue(op, v string) conditions.Value {
	if strings.HasPrefix(op, "For") {
		return conditions.Multi(v)
	}
	return conditions.Single(v)
}

func hCtx(v conditions.Value) conditions.Context {
	return conditions.NewContext(map[string]conditions.Value{"k": v})
}

// hShort shortens huge values in failure messages.
func hShort(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%q… (%d bytes)", s[:40], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// requireRefused checks that Compile refuses value for operator op with a
// *ClauseError wrapping a *ValueError that names the value, that CheckValue
// agrees, and that Lenient keeps a clause that never holds under a positive
// operator.
func requireRefused(t *testing.T, op, value string) {
	t.Helper()
	o := hOp(t, op)
	race.Within(t, "Compile", func() {
		_, err := conditions.Compile([]conditions.Clause{{Operator: o, Key: "k", Values: []string{value}}}, conditions.Options{Variables: true})
		var ce *conditions.ClauseError
		var ve *conditions.ValueError
		if !errors.As(err, &ce) || !errors.As(err, &ve) {
			t.Fatalf("Compile(%s %s) = %v; want a *ClauseError wrapping a *ValueError", op, hShort(value), err)
		}
		if ce.Clause != 0 || ce.Value != 0 || ve.Value != value || ve.Reason == "" {
			t.Errorf("error = %+v / %+v", ce, ve)
		}
		if len(err.Error()) > 20000 {
			t.Errorf("error message of %d bytes", len(err.Error()))
		}
		if conditions.CheckValue(o.Base, value) == nil {
			t.Errorf("CheckValue(%s, %s) accepts what Compile refuses", o.Base, hShort(value))
		}
	})
}

// requireFalse checks that request value v makes a clause of op on policy
// values false in every operator form, positive and negated alike.
func requireFalse(t *testing.T, bases []string, policyValue, v string) {
	t.Helper()
	for _, base := range bases {
		for _, op := range hForms(base) {
			b := hCompile(t, op, policyValue)
			race.Within(t, op, func() {
				ctx := hCtx(hValue(op, v))
				if b.Eval(ctx) || b.EvalClause(0, ctx) {
					t.Errorf("%s %q holds for request value %s", op, policyValue, hShort(v))
				}
			})
		}
	}
}

var (
	numericOps = []string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"}
	dateOps    = []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"}
	ipOps      = []string{"IpAddress", "NotIpAddress"}
)

func TestHostileNumbers(t *testing.T) {
	digits := strings.Repeat("9", 10000)
	big := "1" + strings.Repeat("0", 10000) // 10^10000
	t.Run("policy values refused", func(t *testing.T) {
		for _, v := range []string{"1e400", "1E400", "-1e400", "1e-400", "Infinity", "-Inf", "NaN", "0x10", "1_000",
			" 1", "1 ", "١", "1\x00", "\x00", digits + "e1", "0." + digits + "e", "--1", "1..0"} {
			for _, op := range numericOps {
				requireRefused(t, op, v)
			}
		}
	})
	t.Run("10,000-digit policy values compare exactly", func(t *testing.T) {
		tests := []struct {
			op, policy, request string
			want                bool
		}{
			{"NumericLessThan", big, digits, true},
			{"NumericLessThan", big, big, false},
			{"NumericEquals", big, "000" + big + ".000", true},
			{"NumericEquals", big, big + "1", false},
			{"NumericGreaterThan", "-" + big, "-" + digits, true},
			{"NumericLessThan", "0." + strings.Repeat("0", 9999) + "1", "0", true},
			{"NumericNotEquals", digits, digits, false},
			{"NumericGreaterThanEquals", "1", strings.Repeat("9", 1<<20), true}, // 1 Mi digits in the request
			{"NumericEquals", "0", "0." + strings.Repeat("0", 1<<20), true},
		}
		for _, tc := range tests {
			race.Within(t, tc.op, func() {
				b := hCompile(t, tc.op, tc.policy)
				if got := b.Eval(hCtx(conditions.Single(tc.request))); got != tc.want {
					t.Errorf("%s %s against %s = %v, want %v", tc.op, hShort(tc.policy), hShort(tc.request), got, tc.want)
				}
			})
		}
	})
	t.Run("request values that are not numbers", func(t *testing.T) {
		for _, v := range []string{"1e400", "-1e400", "1E5", "Infinity", "NaN", "0x1F", "", " 1", "1\x00", "1\xff", "\xff",
			digits + "e1", strings.Repeat("9", 1<<20) + "x", "1,000", "+-1"} {
			requireFalse(t, numericOps, "10", v)
		}
	})
	t.Run("JSON number text", func(t *testing.T) {
		// policy.Parse keeps a JSON number as its literal text: an exponent
		// is then an invalid Numeric value, not a huge number.
		requireRefused(t, "NumericLessThan", "1.5e3")
		hCompile(t, "StringEquals", "1e400") // text for String operators
	})
}

func TestHostileDates(t *testing.T) {
	t.Run("policy values refused", func(t *testing.T) {
		for _, v := range []string{"99999-01-01", "99999-01-01T00:00:00Z", "2020-13-01", "2020-00-10", "2020-02-30", "2021-02-29",
			"2020-01-01T24:00:00Z", "2020-01-01T23:59:60Z", "2020-01-01T00:00:00+99:00", "-1", "-1609459200", "+1609459200",
			"1e10", "1609459200.5", "2020-01-01T00:00:00.Z", "2020-01-01\x00", "2020-01-01 ", "\xff", "0-01-01", "2020-1-1",
			// Epoch seconds beyond a signed 64-bit integer: "The policy failed legacy parsing".
			"9223372036854775808", "99999999999999999999", strings.Repeat("9", 30), strings.Repeat("9", 8000)} {
			for _, op := range dateOps {
				requireRefused(t, op, v)
			}
		}
	})
	t.Run("extreme policy values accepted", func(t *testing.T) {
		// Year 0 is ISO 8601's 1 BC; an all-digit value is epoch seconds
		// up to the largest signed 64-bit integer ("20200101" is
		// 1970-08-22T19:28:21Z).
		for _, v := range []string{"0000-01-01", "9999-12-31T23:59:59.999999999999Z", "9223372036854775807", "000" + "9223372036854775807", "0", "20200101"} {
			for _, op := range dateOps {
				hCompile(t, op, v)
			}
		}
	})
	t.Run("request values that are not dates", func(t *testing.T) {
		for _, v := range []string{"99999-01-01", "2020-13-01", "2020-02-30", "-1", "-1609459200", "1e10", "1609459200.5", "", "now",
			"2020-01-01T00:00:00Zjunk", "2020-01-01\x00", "\xff", "2020-01-01T00:00:00." + strings.Repeat("9", 1<<20) + "x",
			strings.Repeat("9", 30), strings.Repeat("9", 1<<20)} {
			requireFalse(t, dateOps, "2020-01-01T00:00:00Z", v)
		}
	})
	t.Run("extreme request values compare exactly", func(t *testing.T) {
		tests := []struct {
			op, policy, request string
			want                bool
		}{
			{"DateGreaterThan", "9999-12-31T23:59:59Z", "9223372036854775807", true}, // the largest epoch: far beyond year 9999
			{"DateLessThan", "0000-01-01", "1", false},
			{"DateLessThan", "1970-01-01T00:00:01Z", "0000-01-01", true},
			{"DateEquals", "0", "1970-01-01T00:00:00." + strings.Repeat("0", 1<<20) + "Z", true},
			{"DateLessThan", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59." + strings.Repeat("9", 1<<20) + "Z", true},
			{"DateGreaterThan", "9223372036854775806", "0" + strings.Repeat("0", 1<<20) + "9223372036854775807", true},
			{"DateEquals", "1", "0000000000000000000000000000001", true},
		}
		for _, tc := range tests {
			race.Within(t, tc.op, func() {
				b := hCompile(t, tc.op, tc.policy)
				if got := b.Eval(hCtx(conditions.Single(tc.request))); got != tc.want {
					t.Errorf("%s %s against %s = %v, want %v", tc.op, hShort(tc.policy), hShort(tc.request), got, tc.want)
				}
			})
		}
	})
}

func TestHostileIP(t *testing.T) {
	t.Run("policy values refused", func(t *testing.T) {
		for _, v := range []string{"fe80::1%eth0", "fe80::%eth0/64", "fe80::1%25eth0", "::1%1", "10.0.0.0/33", "::/129", "::ffff:10.0.0.0/129",
			"10.0.0.0/-1", "10.0.0.0/4294967328", "10.0.0.0/08", "1.2.3.4.5", "10.0.0.1\x00", "\xff", "10.0.0.0/8 ", ""} {
			for _, op := range ipOps {
				requireRefused(t, op, v)
			}
		}
	})
	t.Run("request values that are not addresses", func(t *testing.T) {
		for _, v := range []string{"fe80::1%eth0", "::1%1", "10.0.0.1%eth0", "::ffff:10.0.0.1%x", "10.0.0.1/32", "::/0",
			"10.0.0.256", "010.0.0.1", "10.0.0.1\x00", "\xff", "", "localhost", strings.Repeat("1", 1<<20)} {
			requireFalse(t, ipOps, "0.0.0.0/0", v)
			requireFalse(t, ipOps, "::/0", v)
		}
	})
	t.Run("IPv4-mapped IPv6", func(t *testing.T) {
		tests := []struct {
			op, policy, request string
			want                bool
		}{
			{"IpAddress", "::ffff:10.0.0.1", "::ffff:10.0.0.1", true},
			{"IpAddress", "::ffff:10.0.0.1", "10.0.0.1", false},
			{"IpAddress", "10.0.0.1", "::ffff:10.0.0.1", false},
			{"IpAddress", "::ffff:0:0/96", "::ffff:203.0.113.9", true},
			{"IpAddress", "::ffff:0:0/96", "203.0.113.9", false},
			{"IpAddress", "10.0.0.0/8", "::ffff:a00:1", false},
			{"NotIpAddress", "10.0.0.0/8", "::ffff:10.0.0.1", true},
			{"NotIpAddress", "::ffff:10.0.0.0/104", "::ffff:10.1.2.3", false},
		}
		for _, tc := range tests {
			b := hCompile(t, tc.op, tc.policy)
			if got := b.Eval(hCtx(conditions.Single(tc.request))); got != tc.want {
				t.Errorf("%s %q against %q = %v, want %v", tc.op, tc.policy, tc.request, got, tc.want)
			}
		}
	})
	t.Run("lenient policy values never match", func(t *testing.T) {
		// AWS accepts an invalid IP value in a stored policy; it matches
		// nothing under IpAddress. What NotIpAddress makes of it is
		// undocumented: it holds in a Deny and not in an Allow (the
		// reading that denies, SPEC §10.1).
		for _, v := range []string{"fe80::1%eth0", "10.0.0.0/33", "::/129"} {
			for _, op := range []string{"IpAddress", "NotIpAddress"} {
				for _, deny := range []bool{false, true} {
					b, err := conditions.Compile([]conditions.Clause{{Operator: hOp(t, op), Key: "k", Values: []string{v}}}, conditions.Options{Lenient: true, Deny: deny})
					if err != nil {
						t.Fatalf("Lenient Compile(%s %q): %v", op, v, err)
					}
					want := op == "NotIpAddress" && deny
					for _, r := range []string{"fe80::1", "10.0.0.1", "::1"} {
						if got := b.Eval(hCtx(conditions.Single(r))); got != want {
							t.Errorf("lenient %s %q (deny %v) against %q = %v, want %v", op, v, deny, r, got, want)
						}
					}
				}
			}
		}
	})
}

// TestHostileStrings covers NUL and invalid UTF-8 in policy values, request
// values and context keys.
func TestHostileStrings(t *testing.T) {
	t.Run("invalid UTF-8 policy values refused by every operator", func(t *testing.T) {
		for _, op := range []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
			"StringLike", "StringNotLike", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Bool", "BinaryEquals", "Null",
			"NumericEquals", "DateEquals", "IpAddress"} {
			for _, v := range []string{"a\xff", "\xfe", "\xc0\xaf", "\xed\xa0\x80", "arn:aws:s3:::b\xff*"} {
				requireRefused(t, op, v)
			}
		}
	})
	t.Run("operator names", func(t *testing.T) {
		for _, name := range []string{"StringEquals\x00", "\x00StringEquals", "StringEquals\xff", "ForAnyValue:\x00StringEquals",
			"StringEqualsIfExists\x00", "Null" + strings.Repeat("IfExists", 10000), strings.Repeat("x", 1<<20)} {
			race.Within(t, "ParseOperator", func() {
				var oe *conditions.OperatorError
				if _, err := conditions.ParseOperator(name); !errors.As(err, &oe) {
					t.Errorf("ParseOperator(%s) = %v; want an *OperatorError", hShort(name), err)
				}
			})
		}
	})
	t.Run("request values are compared byte by byte", func(t *testing.T) {
		tests := []struct {
			op, policy, request string
			want                bool
		}{
			{"StringEquals", "admin", "admin\x00", false},
			{"StringEquals", "admin", "\x00admin", false},
			{"StringEquals", "admin", "admin\xff", false},
			{"StringEqualsIgnoreCase", "admin", "ADMIN\x00", false},
			{"StringEqualsIgnoreCase", "admin", "adm\xffn", false},
			{"StringLike", "adm?n", "adm\xffn", true}, // one invalid byte is one character
			{"StringLike", "admin*", "admin\x00", true},
			{"StringLike", "a*b", "a\xff\xfeb", true},
			{"StringLike", "ab", "a\xffb", false},
			{"StringNotEquals", "admin", "admin\x00", true},
			{"StringNotLike", "admin", "adm\xffn", true},
			{"ArnLike", "arn:aws:s3:::b/*", "arn:aws:s3:::b/\x00", true},
			{"ArnEquals", "arn:aws:s3:::b", "arn:aws:s3:::b\x00", false},
			{"Bool", "true", "true\x00", false},
			{"Bool", "true", "tru\xff", false},
			{"BinaryEquals", "QQ==", "QQ==\x00", false},
		}
		for _, tc := range tests {
			b := hCompile(t, tc.op, tc.policy)
			if got := b.Eval(hCtx(conditions.Single(tc.request))); got != tc.want {
				t.Errorf("%s %q against %q = %v, want %v", tc.op, tc.policy, tc.request, got, tc.want)
			}
		}
	})
	t.Run("context keys", func(t *testing.T) {
		// A key with a NUL or an invalid byte is another key: it neither
		// satisfies nor disturbs a clause on the plain key.
		for _, k := range []string{"k\x00", "\x00k", "k\xff", "K\xff"} {
			ctx := conditions.NewContext(map[string]conditions.Value{k: conditions.Single("v")})
			if hCompile(t, "StringEquals", "v").Eval(ctx) {
				t.Errorf("key %q satisfies a clause on k", k)
			}
			if !hCompile(t, "Null", "true").Eval(ctx) {
				t.Errorf("key %q makes k present", k)
			}
			if _, ok := ctx.Lookup(k); !ok {
				t.Errorf("key %q cannot be looked up", k)
			}
		}
		// Keys that differ only in ASCII case merge into a multi value even
		// when they hold invalid bytes, so plain operators fail on them.
		ctx := conditions.NewContext(map[string]conditions.Value{"K\xff": conditions.Single("v"), "k\xff": conditions.Single("v")})
		b, err := conditions.Compile([]conditions.Clause{{Operator: hOp(t, "StringEquals"), Key: "k\xff", Values: []string{"v"}}}, conditions.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Eval(ctx) {
			t.Error("merged keys satisfy a plain operator")
		}
	})
	t.Run("100 KB and 1 MiB values", func(t *testing.T) {
		long := strings.Repeat("x", 100<<10)
		huge := strings.Repeat("é", 1<<19)
		for _, op := range []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotLike", "ArnLike", "BinaryEquals", "Bool", "Null"} {
			b := hCompile(t, op, "true")
			for _, v := range []string{long, huge, long + "\x00", huge + "\xff"} {
				race.Within(t, op, func() {
					b.Eval(hCtx(conditions.Single(v)))
					b.Eval(hCtx(conditions.Multi(v, v, v)))
				})
			}
		}
		// A 100 KB policy value (policy.Parse refuses strings over
		// MaxStringLength; Compile has no such limit) against a 1 MiB one.
		b := hCompile(t, "StringEqualsIgnoreCase", strings.Repeat("É", 50<<10))
		race.Within(t, "StringEqualsIgnoreCase", func() {
			if b.Eval(hCtx(conditions.Single(huge))) {
				t.Error("different long strings are equal")
			}
		})
	})
}

// TestHostileLargeBlocks compiles and evaluates blocks of thousands of
// clauses and clauses of thousands of values.
func TestHostileLargeBlocks(t *testing.T) {
	for _, tc := range []struct{ n, evals int }{{1000, 10}, {10000, 1}} {
		n := tc.n
		t.Run(fmt.Sprintf("%d clauses", n), func(t *testing.T) {
			clauses := make([]conditions.Clause, n)
			ctxMap := map[string]conditions.Value{}
			ops := []string{"StringEquals", "StringLike", "NumericLessThan", "DateGreaterThan", "IpAddress", "Bool", "ArnLike", "ForAnyValue:StringEqualsIgnoreCase", "Null"}
			vals := []string{"v", "v*", "10", "2020-01-01T00:00:00Z", "10.0.0.0/8", "true", "arn:aws:s3:::b/*", "V", "false"}
			reqs := []string{"v", "vv", "9", "2021-01-01T00:00:00Z", "10.1.2.3", "true", "arn:aws:s3:::b/k", "v", "x"}
			for i := range clauses {
				k := fmt.Sprintf("aws:PrincipalTag/k%d", i)
				j := i % len(ops)
				clauses[i] = conditions.Clause{Operator: hOp(t, ops[j]), Key: k, Values: []string{vals[j]}}
				if strings.HasPrefix(ops[j], "For") {
					ctxMap[k] = conditions.Multi(reqs[j])
				} else {
					ctxMap[k] = conditions.Single(reqs[j])
				}
			}
			var b *conditions.Block
			race.Within(t, "Compile", func() {
				var err error
				if b, err = conditions.Compile(clauses, conditions.Options{Variables: true}); err != nil {
					t.Fatal(err)
				}
			})
			ctx := conditions.NewContext(ctxMap)
			race.Within(t, fmt.Sprintf("%d evaluations", tc.evals), func() {
				for range tc.evals {
					if !b.Eval(ctx) {
						t.Fatal("block does not hold")
					}
				}
			})
			// The last clause fails: every clause is evaluated.
			ctxMap[fmt.Sprintf("aws:PrincipalTag/k%d", n-1)] = conditions.Single("no")
			if b.Eval(conditions.NewContext(ctxMap)) {
				t.Error("block holds with its last clause false")
			}
			if b.Len() != n || !b.EvalClause(0, ctx) || b.EvalClause(n, ctx) || b.EvalClause(-1, ctx) {
				t.Error("Len or EvalClause out of range misbehave")
			}
		})
	}
	t.Run("1,000 values and 1,000 request values", func(t *testing.T) {
		vals := make([]string, 1000)
		for i := range vals {
			vals[i] = fmt.Sprintf("v%d*", i)
		}
		reqs := make([]string, 1000)
		for i := range reqs {
			reqs[i] = fmt.Sprintf("x%d", i)
		}
		for _, op := range []string{"ForAnyValue:StringLike", "ForAllValues:StringNotLike", "ForAnyValue:StringEquals"} {
			b := hCompile(t, op, vals...)
			race.Within(t, op, func() {
				b.Eval(hCtx(conditions.Multi(reqs...)))
			})
		}
	})
}

// TestHostilePathologicalStringLike bounds one evaluation of StringLike and
// ArnLike with the backtracking trap *a*a*a*a*a*a*a*b against 10 KiB of
// 'a'. The performance target allows 100 µs per match; the test allows 5 ms so that it
// holds under the race detector.
func TestHostilePathologicalStringLike(t *testing.T) {
	as := strings.Repeat("a", 10*1024)
	tests := []struct {
		op, policy, request string
	}{
		{"StringLike", "*a*a*a*a*a*a*a*b", as},
		{"StringLike", "*a*a*a*a*a*a*a*b*", as},
		{"StringLike", "${k2}*a*a*a*a*a*a*a*b", as}, // the template path
		{"StringNotLike", "*a*a*a*a*a*a*a*b", as},
		{"ForAnyValue:StringLike", "*a*a*a*a*a*a*a*b", as},
		{"ArnLike", "arn:aws:s3:::*a*a*a*a*a*a*a*b", "arn:aws:s3:::" + as},
		{"ArnLike", "arn:aws:s3:::${k2}*a*a*a*a*a*a*a*b", "arn:aws:s3:::" + as},
	}
	for _, tc := range tests {
		t.Run(tc.op+" "+tc.policy, func(t *testing.T) {
			b := hCompile(t, tc.op, tc.policy)
			v := hValue(tc.op, tc.request)
			ctx := conditions.NewContext(map[string]conditions.Value{"k": v, "k2": conditions.Single("a")})
			want := strings.Contains(tc.op, "Not")
			const n = 100
			start := time.Now()
			for range n {
				if b.Eval(ctx) != want {
					t.Fatal("pathological pattern decided wrongly")
				}
			}
			per := time.Since(start) / n
			if per > 5*time.Millisecond {
				t.Errorf("%v per evaluation over 10 KiB, want ≤ 5ms", per)
			}
			t.Logf("%v per evaluation", per)
		})
	}
}

// TestHostileOperatorRepeatedQualifiers: ParseOperator rejects a name of
// repeated qualifiers in time linear in its length, with an error of
// bounded size (a suggestion that recursed per qualifier was quadratic and
// repeated the whole input).
func TestHostileOperatorRepeatedQualifiers(t *testing.T) {
	for _, name := range []string{
		strings.Repeat("ForAnyValue:", 30000) + "StringEquals",
		strings.Repeat("ForAllValues:", 30000) + "StringLike",
		strings.Repeat("forallvalues:", 30000) + "stringlike",
		strings.Repeat("ForAllValues:", 30000) + "NullIfExists",
	} {
		race.Within(t, "ParseOperator", func() {
			var oe *conditions.OperatorError
			_, err := conditions.ParseOperator(name)
			if !errors.As(err, &oe) || oe.Name != name {
				t.Fatalf("ParseOperator(%s) = %v; want an *OperatorError", hShort(name), err)
			}
			if n := len(err.Error()); n > 3*len(name) || n > 1024 {
				t.Errorf("ParseOperator(%s): error of %d bytes", hShort(name), n)
			}
		})
	}
}
