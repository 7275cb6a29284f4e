package conditions

import "testing"

func benchBlock(b *testing.B, clauses []Clause, ctx map[string]Value, want bool) {
	b.Helper()
	block, err := Compile(clauses, Options{Variables: true})
	if err != nil {
		b.Fatal(err)
	}
	c := NewContext(ctx)
	if got := block.Eval(c); got != want {
		b.Fatalf("Eval = %v, want %v", got, want)
	}
	b.ReportAllocs()
	for b.Loop() {
		block.Eval(c)
	}
}

func mkClause(op Operator, key string, values ...string) Clause {
	return Clause{Operator: op, Key: key, Values: values}
}

func BenchmarkStringLike(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: StringLike}, "s3:prefix", "home/*/reports/*.csv", "public/*")},
		map[string]Value{"s3:prefix": Single("home/david/reports/2024/q1.csv")}, true)
}

func BenchmarkStringEqualsVariable(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: StringEquals}, "s3:ExistingObjectTag/Team", "${aws:PrincipalTag/Team}")},
		map[string]Value{"s3:ExistingObjectTag/Team": Single("blue"), "aws:PrincipalTag/Team": Single("blue")}, true)
}

func BenchmarkStringLikeVariable(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: StringLike}, "s3:prefix", "", "home/", "home/${aws:username}/*")},
		map[string]Value{"s3:prefix": Single("home/David/docs/cv.pdf"), "aws:username": Single("David")}, true)
}

func BenchmarkIpAddress(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: IpAddress}, "aws:SourceIp", "192.0.2.0/24", "203.0.113.0/24", "2001:db8::/32")},
		map[string]Value{"aws:SourceIp": Single("203.0.113.77")}, true)
}

func BenchmarkDateLessThan(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: DateLessThan}, "aws:CurrentTime", "2020-06-30T23:59:59Z")},
		map[string]Value{"aws:CurrentTime": Single("2020-05-15T12:00:00Z")}, true)
}

func BenchmarkNumericLessThan(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: NumericLessThan}, "aws:MultiFactorAuthAge", "3600")},
		map[string]Value{"aws:MultiFactorAuthAge": Single("1200")}, true)
}

func BenchmarkForAnyValueStringEquals(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: StringEquals, Qualifier: ForAnyValue}, "aws:TagKeys", "secret", "owner", "cost-center")},
		map[string]Value{"aws:TagKeys": Multi("env", "project", "team", "tier", "owner")}, true)
}

// BenchmarkForAnyValueIpAddressMixed: values of the wrong type are skipped
// one by one (SPEC §5.7, revision 2); the matching address is last.
func BenchmarkForAnyValueIpAddressMixed(b *testing.B) {
	benchBlock(b, []Clause{mkClause(Operator{Base: IpAddress, Qualifier: ForAnyValue}, "aws:SourceIp", "10.0.0.0/8", "203.0.113.0/24")},
		map[string]Value{"aws:SourceIp": Multi("not-an-ip", "198.51.100.7", "203.0.113.0/24", "203.0.113.9")}, true)
}

func BenchmarkBlock6(b *testing.B) {
	benchBlock(b, []Clause{
		mkClause(Operator{Base: StringEquals}, "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
		mkClause(Operator{Base: StringLike}, "s3:prefix", "home/${aws:username}/*"),
		mkClause(Operator{Base: IpAddress}, "aws:SourceIp", "203.0.113.0/24"),
		mkClause(Operator{Base: Bool}, "aws:SecureTransport", "true"),
		mkClause(Operator{Base: DateLessThan}, "aws:CurrentTime", "2030-01-01T00:00:00Z"),
		mkClause(Operator{Base: StringNotEquals, Qualifier: ForAllValues}, "aws:TagKeys", "secret", "internal"),
	}, map[string]Value{
		"aws:PrincipalOrgID":  Single("o-a1b2c3d4e5"),
		"aws:username":        Single("David"),
		"s3:prefix":           Single("home/David/docs/"),
		"aws:SourceIp":        Single("203.0.113.9"),
		"aws:SecureTransport": Single("true"),
		"aws:CurrentTime":     Single("2024-05-15T12:00:00Z"),
		"aws:TagKeys":         Multi("env", "team"),
	}, true)
}

func BenchmarkNewContext6(b *testing.B) {
	m := map[string]Value{
		"aws:PrincipalOrgID":  Single("o-a1b2c3d4e5"),
		"aws:username":        Single("David"),
		"aws:SourceIp":        Single("203.0.113.9"),
		"aws:SecureTransport": Single("true"),
		"aws:CurrentTime":     Single("2024-05-15T12:00:00Z"),
		"aws:TagKeys":         Multi("env", "team"),
	}
	b.ReportAllocs()
	for b.Loop() {
		NewContext(m)
	}
}

// TestEvalNoAlloc checks that evaluating every operator form on valid
// request values, with and without variables, allocates nothing.
func TestEvalNoAlloc(t *testing.T) {
	for base := Base(1); base < numBases; base++ {
		if base == Null {
			continue
		}
		s := samples[base]
		values := []string{s.policy}
		if base.AllowsVariables() {
			values = append(values, "${aws:x}", "${aws:missing}")
		}
		for q := Plain; q <= ForAnyValue; q++ {
			op := Operator{Base: base, Qualifier: q}
			block, err := Compile([]Clause{{Operator: op, Key: "k", Values: values}}, Options{Variables: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []Value{Single(s.match), Single(s.nomatch), Multi(s.match, s.nomatch)} {
				ctx := NewContext(map[string]Value{"k": v, "aws:x": Single(s.match)})
				if n := testing.AllocsPerRun(20, func() { block.Eval(ctx) }); n != 0 {
					t.Errorf("%v on %q: %v allocations", op, v.Values(), n)
				}
			}
		}
	}
}
