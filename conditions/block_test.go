package conditions

import (
	"errors"
	"strings"
	"testing"
)

// sample gives, for a base operator, a policy value, a request value the
// positive form matches, one it does not match, and (except for String
// operators, which accept any text) one that does not parse for the family.
type sample struct {
	policy, match, nomatch, invalid string
}

var samples = map[Base]sample{
	StringEquals:              {"a", "a", "b", ""},
	StringNotEquals:           {"a", "a", "b", ""},
	StringEqualsIgnoreCase:    {"a", "A", "b", ""},
	StringNotEqualsIgnoreCase: {"a", "A", "b", ""},
	StringLike:                {"a*", "abc", "ba", ""},
	StringNotLike:             {"a*", "abc", "ba", ""},
	NumericEquals:             {"10", "10.0", "11", "ten"},
	NumericNotEquals:          {"10", "010", "11", "ten"},
	NumericLessThan:           {"10", "9.99", "10", "1e3"},
	NumericLessThanEquals:     {"10", "10", "10.01", "0x10"},
	NumericGreaterThan:        {"10", "10.5", "10", " 11"},
	NumericGreaterThanEquals:  {"10", "10", "-11", "NaN"},
	DateEquals:                {"2020-01-01T00:00:00Z", "1577836800", "2020-01-02", "yesterday"},
	DateNotEquals:             {"2020-01-01T00:00:00Z", "2020-01-01T01:00:00+01:00", "2020-01-02", "2020-02-30"},
	DateLessThan:              {"2020-01-01", "2019-12-31T23:59:59Z", "2020-01-01T00:00:00Z", "2020/01/01"},
	DateLessThanEquals:        {"2020-01-01", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5Z", "-1"},
	DateGreaterThan:           {"2020-01-01", "2020-01-01T00:00:00.001Z", "2020-01-01T00:00:00Z", "2020-01-01T24:00Z"},
	DateGreaterThanEquals:     {"2020-01-01", "2020-01-01T00:00:00Z", "2019-12-31T23:59:59.9Z", ""},
	Bool:                      {"true", "TRUE", "false", "yes"},
	BinaryEquals:              {"QmluYXJ5", "QmluYXJ5", "QmluYXJz", "QmluYXJ5="},
	IpAddress:                 {"10.0.0.0/8", "10.1.2.3", "11.0.0.1", "10.0.0.0/8"},
	NotIpAddress:              {"10.0.0.0/8", "10.1.2.3", "::ffff:10.1.2.3", "fe80::1%eth0"},
	ArnEquals:                 {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::c/k", "b/k"},
	ArnLike:                   {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::c/k", "*"},
	ArnNotEquals:              {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::c/k", "arn:aws"},
	ArnNotLike:                {"arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::c/k", ""},
}

// TestMasterTable checks SPEC §5.4, §5.5, §5.7 and §5.8 for every base
// operator, in every form, against every shape of context value.
func TestMasterTable(t *testing.T) {
	for b := Base(1); b < numBases; b++ {
		if b == Null {
			continue
		}
		s, ok := samples[b]
		if !ok {
			t.Fatalf("no sample for %v", b)
		}
		neg := b.Negated()
		name := b.String()
		vals := []string{s.policy}
		cases := []evalCase{
			// Plain operator: §5.5 rows 1–3, §5.8.
			{name: "plain/absent", op: name, v: absent, want: neg},
			{name: "plain/match", op: name, v: single(s.match), want: !neg},
			{name: "plain/nomatch", op: name, v: single(s.nomatch), want: neg},
			{name: "plain/multi-match", op: name, v: multi(s.match), want: false},
			{name: "plain/multi-nomatch", op: name, v: multi(s.nomatch), want: false},
			{name: "plain/multi-empty", op: name, v: multi(), want: false},
			{name: "IfExists/absent", op: name + "IfExists", v: absent, want: true},
			{name: "IfExists/match", op: name + "IfExists", v: single(s.match), want: !neg},
			{name: "IfExists/nomatch", op: name + "IfExists", v: single(s.nomatch), want: neg},
			{name: "IfExists/multi", op: name + "IfExists", v: multi(s.match), want: false},
			// ForAllValues: true on absent and empty; every element.
			{name: "ForAll/absent", op: "ForAllValues:" + name, v: absent, want: true},
			{name: "ForAll/empty-list", op: "ForAllValues:" + name, v: multi(), want: true},
			{name: "ForAll/empty-string", op: "ForAllValues:" + name, v: single(""), want: true},
			{name: "ForAll/single-match", op: "ForAllValues:" + name, v: single(s.match), want: !neg},
			{name: "ForAll/one-match", op: "ForAllValues:" + name, v: multi(s.match), want: !neg},
			{name: "ForAll/all-match", op: "ForAllValues:" + name, v: multi(s.match, s.match), want: !neg},
			{name: "ForAll/mixed", op: "ForAllValues:" + name, v: multi(s.match, s.nomatch), want: false},
			{name: "ForAll/none-match", op: "ForAllValues:" + name, v: multi(s.nomatch, s.nomatch), want: neg},
			{name: "ForAllIfExists/absent", op: "ForAllValues:" + name + "IfExists", v: absent, want: true},
			{name: "ForAllIfExists/mixed", op: "ForAllValues:" + name + "IfExists", v: multi(s.match, s.nomatch), want: false},
			// ForAnyValue: false on absent and empty; some element.
			{name: "ForAny/absent", op: "ForAnyValue:" + name, v: absent, want: false},
			{name: "ForAny/empty-list", op: "ForAnyValue:" + name, v: multi(), want: false},
			{name: "ForAny/empty-string", op: "ForAnyValue:" + name, v: single(""), want: false},
			{name: "ForAny/single-match", op: "ForAnyValue:" + name, v: single(s.match), want: !neg},
			{name: "ForAny/mixed", op: "ForAnyValue:" + name, v: multi(s.nomatch, s.match), want: true},
			{name: "ForAny/all-match", op: "ForAnyValue:" + name, v: multi(s.match, s.match), want: !neg},
			{name: "ForAny/none-match", op: "ForAnyValue:" + name, v: multi(s.nomatch), want: neg},
			{name: "ForAnyIfExists/absent", op: "ForAnyValue:" + name + "IfExists", v: absent, want: true},
			{name: "ForAnyIfExists/empty-list", op: "ForAnyValue:" + name + "IfExists", v: multi(), want: false},
		}
		if s.invalid != "" {
			// D9: a request value that does not parse does not satisfy the
			// operator, for both polarities. A plain clause on it is false;
			// under a set qualifier it is one value that does not satisfy
			// (SPEC §5.7, revision 2): ForAllValues is false, and
			// ForAnyValue is decided by the other values, in any order.
			sat, unsat := s.match, s.nomatch // values that satisfy / do not satisfy
			if neg {
				sat, unsat = unsat, sat
			}
			cases = append(cases,
				evalCase{name: "invalid/plain", op: name, v: single(s.invalid), want: false},
				evalCase{name: "invalid/IfExists", op: name + "IfExists", v: single(s.invalid), want: false},
				evalCase{name: "invalid/ForAll-only", op: "ForAllValues:" + name, v: multi(s.invalid), want: false},
				evalCase{name: "invalid/ForAll-single", op: "ForAllValues:" + name, v: single(s.invalid), want: false},
				evalCase{name: "invalid/ForAll-first", op: "ForAllValues:" + name, v: multi(s.invalid, sat), want: false},
				evalCase{name: "invalid/ForAll-last", op: "ForAllValues:" + name, v: multi(sat, sat, s.invalid), want: false},
				evalCase{name: "invalid/ForAllIfExists", op: "ForAllValues:" + name + "IfExists", v: multi(sat, s.invalid), want: false},
				evalCase{name: "invalid/ForAny-only", op: "ForAnyValue:" + name, v: multi(s.invalid), want: false},
				evalCase{name: "invalid/ForAny-single", op: "ForAnyValue:" + name, v: single(s.invalid), want: false},
				evalCase{name: "invalid/ForAny-twice", op: "ForAnyValue:" + name, v: multi(s.invalid, s.invalid), want: false},
				evalCase{name: "invalid/ForAny-first", op: "ForAnyValue:" + name, v: multi(s.invalid, sat, unsat), want: true},
				evalCase{name: "invalid/ForAny-last", op: "ForAnyValue:" + name, v: multi(unsat, sat, s.invalid), want: true},
				evalCase{name: "invalid/ForAny-no-other-satisfies", op: "ForAnyValue:" + name, v: multi(s.invalid, unsat), want: false},
				evalCase{name: "invalid/ForAnyIfExists", op: "ForAnyValue:" + name + "IfExists", v: multi(s.invalid, sat), want: true},
			)
		}
		for i := range cases {
			cases[i].values = vals
		}
		t.Run(name, func(t *testing.T) { runEvalCases(t, cases) })
	}
}

// TestSetQualifiersTypedValues: under ForAnyValue and ForAllValues a typed
// operator decides each request value on its own, and a value of the wrong
// type is one that does not satisfy the operator (SPEC §5.7, revision 2;
// reference_policies_multi-value-conditions.md). Negated operators follow
// the same reading (SPEC §10.1, see clause.holds).
func TestSetQualifiersTypedValues(t *testing.T) {
	ip := []string{"203.0.113.0/24"}
	runEvalCases(t, []evalCase{
		// Numeric.
		{name: "ForAny/NumericLessThan bad then match", op: "ForAnyValue:NumericLessThan", values: []string{"10"}, v: multi("abc", "5"), want: true},
		{name: "ForAny/NumericLessThan match then bad", op: "ForAnyValue:NumericLessThan", values: []string{"10"}, v: multi("5", "abc"), want: true},
		{name: "ForAny/NumericLessThan bad and too big", op: "ForAnyValue:NumericLessThan", values: []string{"10"}, v: multi("abc", "50"), want: false},
		{name: "ForAll/NumericLessThan bad and match", op: "ForAllValues:NumericLessThan", values: []string{"10"}, v: multi("abc", "5"), want: false},
		{name: "ForAll/NumericLessThan all match", op: "ForAllValues:NumericLessThan", values: []string{"10"}, v: multi("1", "5"), want: true},
		{name: "ForAny/NumericNotEquals bad and other", op: "ForAnyValue:NumericNotEquals", values: []string{"10"}, v: multi("abc", "7"), want: true},
		{name: "ForAny/NumericNotEquals bad and equal", op: "ForAnyValue:NumericNotEquals", values: []string{"10"}, v: multi("abc", "10.0"), want: false},
		{name: "ForAny/NumericNotEquals only bad", op: "ForAnyValue:NumericNotEquals", values: []string{"10"}, v: multi("abc"), want: false},
		{name: "ForAll/NumericNotEquals bad and other", op: "ForAllValues:NumericNotEquals", values: []string{"10"}, v: multi("7", "abc"), want: false},
		// IP address.
		{name: "ForAny/IpAddress bad then in range", op: "ForAnyValue:IpAddress", values: ip, v: multi("not-an-ip", "203.0.113.9"), want: true},
		{name: "ForAny/IpAddress bad and out of range", op: "ForAnyValue:IpAddress", values: ip, v: multi("not-an-ip", "198.51.100.1"), want: false},
		{name: "ForAny/IpAddress CIDR is not an address", op: "ForAnyValue:IpAddress", values: ip, v: multi("203.0.113.0/24", "203.0.113.1"), want: true},
		{name: "ForAll/IpAddress bad and in range", op: "ForAllValues:IpAddress", values: ip, v: multi("203.0.113.9", "not-an-ip"), want: false},
		{name: "ForAny/NotIpAddress bad and outside", op: "ForAnyValue:NotIpAddress", values: ip, v: multi("not-an-ip", "198.51.100.1"), want: true},
		{name: "ForAny/NotIpAddress bad and inside", op: "ForAnyValue:NotIpAddress", values: ip, v: multi("not-an-ip", "203.0.113.9"), want: false},
		{name: "ForAll/NotIpAddress bad and outside", op: "ForAllValues:NotIpAddress", values: ip, v: multi("198.51.100.1", "not-an-ip"), want: false},
		{name: "ForAll/NotIpAddress all outside", op: "ForAllValues:NotIpAddress", values: ip, v: multi("198.51.100.1", "::1"), want: true},
		// Date.
		{name: "ForAny/DateLessThan bad and earlier", op: "ForAnyValue:DateLessThan", values: []string{"2020-01-01T00:00:00Z"}, v: multi("soon", "2019-06-01T00:00:00Z"), want: true},
		{name: "ForAll/DateLessThan bad and earlier", op: "ForAllValues:DateLessThan", values: []string{"2020-01-01T00:00:00Z"}, v: multi("soon", "2019-06-01T00:00:00Z"), want: false},
		{name: "ForAny/DateNotEquals bad and other", op: "ForAnyValue:DateNotEquals", values: []string{"2020-01-01T00:00:00Z"}, v: multi("soon", "2021-01-01T00:00:00Z"), want: true},
		{name: "ForAny/DateNotEquals bad and equal", op: "ForAnyValue:DateNotEquals", values: []string{"2020-01-01T00:00:00Z"}, v: multi("soon", "1577836800"), want: false},
		// Bool and Binary.
		{name: "ForAny/Bool bad and true", op: "ForAnyValue:Bool", values: []string{"true"}, v: multi("maybe", "true"), want: true},
		{name: "ForAll/Bool bad and true", op: "ForAllValues:Bool", values: []string{"true"}, v: multi("true", "maybe"), want: false},
		{name: "ForAny/BinaryEquals bad and equal", op: "ForAnyValue:BinaryEquals", values: []string{"QmluYXJ5"}, v: multi("%%%", "QmluYXJ5"), want: true},
		{name: "ForAll/BinaryEquals bad and equal", op: "ForAllValues:BinaryEquals", values: []string{"QmluYXJ5"}, v: multi("QmluYXJ5", "%%%"), want: false},
		// ARN.
		{name: "ForAny/ArnLike bad and match", op: "ForAnyValue:ArnLike", values: []string{"arn:aws:iam::*:role/admin"}, v: multi("admin", "arn:aws:iam::111122223333:role/admin"), want: true},
		{name: "ForAll/ArnLike bad and match", op: "ForAllValues:ArnLike", values: []string{"arn:aws:iam::*:role/admin"}, v: multi("admin", "arn:aws:iam::111122223333:role/admin"), want: false},
		{name: "ForAny/ArnNotLike bad and other", op: "ForAnyValue:ArnNotLike", values: []string{"arn:aws:iam::*:role/admin"}, v: multi("admin", "arn:aws:iam::111122223333:role/dev"), want: true},
		{name: "ForAny/ArnNotLike bad and match", op: "ForAnyValue:ArnNotLike", values: []string{"arn:aws:iam::*:role/admin"}, v: multi("admin", "arn:aws:iam::111122223333:role/admin"), want: false},
		{name: "ForAll/ArnNotEquals bad and other", op: "ForAllValues:ArnNotEquals", values: []string{"arn:aws:iam::*:role/admin"}, v: multi("arn:aws:iam::111122223333:role/dev", "admin"), want: false},
		// With a policy variable, substituted once for every request value.
		{name: "ForAny/ArnLike variable and bad value", op: "ForAnyValue:ArnLike", values: []string{"arn:aws:iam::${aws:PrincipalAccount}:role/*"}, v: multi("x", "arn:aws:iam::111122223333:role/a"), extra: map[string]Value{"aws:PrincipalAccount": Single("111122223333")}, want: true},
	})
}

// TestNullTable checks the Null rows of SPEC §5.5 and §5.10.
func TestNullTable(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "true/absent", op: "Null", values: []string{"true"}, v: absent, want: true},
		{name: "true/empty-string", op: "Null", values: []string{"true"}, v: single(""), want: false, undoc: UndocumentedNullEmpty},
		{name: "true/empty-string/deny", op: "Null", values: []string{"true"}, v: single(""), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "true/empty-list", op: "Null", values: []string{"true"}, v: multi(), want: false, undoc: UndocumentedNullEmpty},
		{name: "true/empty-list/deny", op: "Null", values: []string{"true"}, v: multi(), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "true/value", op: "Null", values: []string{"true"}, v: single("x"), want: false},
		{name: "true/multi", op: "Null", values: []string{"true"}, v: multi("x", "y"), want: false},
		{name: "true/list-of-empty-string", op: "Null", values: []string{"true"}, v: multi(""), want: false},
		{name: "false/absent", op: "Null", values: []string{"false"}, v: absent, want: false},
		{name: "false/empty-string", op: "Null", values: []string{"false"}, v: single(""), want: false, undoc: UndocumentedNullEmpty},
		{name: "false/empty-string/deny", op: "Null", values: []string{"false"}, v: single(""), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "false/empty-list", op: "Null", values: []string{"false"}, v: multi(), want: false, undoc: UndocumentedNullEmpty},
		{name: "false/value", op: "Null", values: []string{"false"}, v: single("x"), want: true},
		{name: "false/multi", op: "Null", values: []string{"false"}, v: multi("env"), want: true},
		{name: "case-insensitive", op: "Null", values: []string{"TRUE"}, v: absent, want: true},
		{name: "False", op: "Null", values: []string{"False"}, v: single("x"), want: true},
		{name: "both/absent", op: "Null", values: []string{"true", "false"}, v: absent, want: true},
		{name: "both/present", op: "Null", values: []string{"true", "false"}, v: single("x"), want: true},
		{name: "no variables", op: "Null", values: []string{"true"}, v: single("x"), extra: map[string]Value{"v": Single("true")}, want: false},
	})
}

// TestNullSetQualifiers: ForAllValues:Null and ForAnyValue:Null (SPEC §5.2,
// revision 2). The qualifier decides an absent key and a null data set
// (reference_policies_multi-value-conditions.md: ForAllValues "also returns
// true if there are no keys in the request, or if the key values resolve to
// a null data set"; ForAnyValue: "For no matching key or a null dataset, the
// condition returns false"); for an element "" of a present value no AWS
// page says whether it is null, so the clause takes the reading that denies
// and reports it (nullHolds, SPEC §10.1).
func TestNullSetQualifiers(t *testing.T) {
	tru, fls, both := []string{"true"}, []string{"false"}, []string{"true", "false"}
	runEvalCases(t, []evalCase{
		{name: "ForAll/true/absent", op: "ForAllValues:Null", values: tru, v: absent, want: true},
		{name: "ForAll/false/absent", op: "ForAllValues:Null", values: fls, v: absent, want: true},
		{name: "ForAll/true/empty-string", op: "ForAllValues:Null", values: tru, v: single(""), want: true},
		{name: "ForAll/false/empty-string", op: "ForAllValues:Null", values: fls, v: single(""), want: true},
		{name: "ForAll/false/empty-list", op: "ForAllValues:Null", values: fls, v: multi(), want: true},
		{name: "ForAll/true/value", op: "ForAllValues:Null", values: tru, v: single("x"), want: false},
		{name: "ForAll/true/multi", op: "ForAllValues:Null", values: tru, v: multi("x", "y"), want: false},
		{name: "ForAll/false/value", op: "ForAllValues:Null", values: fls, v: single("x"), want: true},
		{name: "ForAll/false/multi", op: "ForAllValues:Null", values: fls, v: multi("x", "y"), want: true},
		{name: "ForAll/false/multi-with-empty", op: "ForAllValues:Null", values: fls, v: multi("x", ""), want: false, undoc: UndocumentedNullEmpty},
		{name: "ForAll/false/multi-with-empty/deny", op: "ForAllValues:Null", values: fls, v: multi("x", ""), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "ForAll/true/list-of-empty-string", op: "ForAllValues:Null", values: tru, v: multi(""), want: false, undoc: UndocumentedNullEmpty},
		{name: "ForAll/true/list-of-empty-string/deny", op: "ForAllValues:Null", values: tru, v: multi(""), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "ForAll/both/multi-with-empty", op: "ForAllValues:Null", values: both, v: multi("x", ""), want: false, undoc: UndocumentedNullEmpty},
		{name: "ForAll/case-insensitive", op: "ForAllValues:Null", values: []string{"FALSE"}, v: multi("x"), want: true},
		{name: "ForAny/true/absent", op: "ForAnyValue:Null", values: tru, v: absent, want: false},
		{name: "ForAny/false/absent", op: "ForAnyValue:Null", values: fls, v: absent, want: false},
		{name: "ForAny/both/absent", op: "ForAnyValue:Null", values: both, v: absent, want: false},
		{name: "ForAny/true/empty-string", op: "ForAnyValue:Null", values: tru, v: single(""), want: false},
		{name: "ForAny/true/empty-list", op: "ForAnyValue:Null", values: tru, v: multi(), want: false},
		{name: "ForAny/true/value", op: "ForAnyValue:Null", values: tru, v: single("x"), want: false},
		{name: "ForAny/true/multi", op: "ForAnyValue:Null", values: tru, v: multi("x", "y"), want: false},
		{name: "ForAny/false/value", op: "ForAnyValue:Null", values: fls, v: single("x"), want: true},
		{name: "ForAny/false/multi", op: "ForAnyValue:Null", values: fls, v: multi("x", "y"), want: true},
		{name: "ForAny/true/multi-with-empty", op: "ForAnyValue:Null", values: tru, v: multi("x", ""), want: false, undoc: UndocumentedNullEmpty},
		{name: "ForAny/true/multi-with-empty/deny", op: "ForAnyValue:Null", values: tru, v: multi("x", ""), deny: true, want: true, undoc: UndocumentedNullEmpty},
		{name: "ForAny/false/list-of-empty-string", op: "ForAnyValue:Null", values: fls, v: multi(""), want: false, undoc: UndocumentedNullEmpty},
		{name: "ForAny/both/value", op: "ForAnyValue:Null", values: both, v: multi("x"), want: true},
	})
}

// TestSpecExamples reproduces the worked examples of SPEC §5.1, §5.6, §5.7.
func TestSpecExamples(t *testing.T) {
	runEvalCases(t, []evalCase{
		// §5.1: several values under a negated operator are NOR-ed.
		{name: "5.1/StringNotEquals other account", op: "StringNotEquals", values: []string{"111", "222"}, v: single("333"), want: true},
		{name: "5.1/StringNotEquals listed account", op: "StringNotEquals", values: []string{"111", "222"}, v: single("111"), want: false},
		{name: "5.1/positive OR", op: "StringEquals", values: []string{"111", "222"}, v: single("222"), want: true},
		// §5.6: IfExists.
		{name: "5.6/StringLikeIfExists no instance type", op: "StringLikeIfExists", values: []string{"t1.*", "t2.*", "m3.*"}, v: absent, want: true},
		{name: "5.6/StringLikeIfExists t2.micro", op: "StringLikeIfExists", values: []string{"t1.*", "t2.*", "m3.*"}, v: single("t2.micro"), want: true},
		{name: "5.6/StringLikeIfExists m5.large", op: "StringLikeIfExists", values: []string{"t1.*", "t2.*", "m3.*"}, v: single("m5.large"), want: false},
		{name: "5.6/StringLike no instance type", op: "StringLike", values: []string{"t1.*", "t2.*", "m3.*"}, v: absent, want: false},
		{name: "5.6/StringNotEqualsIfExists missing key", op: "StringNotEqualsIfExists", values: []string{"Ana"}, v: absent, want: true},
		{name: "5.6/BoolIfExists false: non-MFA temporary credentials", op: "BoolIfExists", values: []string{"false"}, v: single("false"), want: true},
		{name: "5.6/BoolIfExists false: long-term keys", op: "BoolIfExists", values: []string{"false"}, v: absent, want: true},
		{name: "5.6/BoolIfExists false: MFA", op: "BoolIfExists", values: []string{"false"}, v: single("true"), want: false},
		{name: "5.6/Bool false: long-term keys missed", op: "Bool", values: []string{"false"}, v: absent, want: false},
		{name: "5.6/BoolIfExists true admits access keys", op: "BoolIfExists", values: []string{"true"}, v: absent, want: true},
		{name: "5.6/Bool true rejects access keys", op: "Bool", values: []string{"true"}, v: absent, want: false},
		// §5.7.
		{name: "5.7/ForAllValues extra attribute", op: "ForAllValues:StringEquals", values: []string{"PostDateTime", "Message", "Tags"}, v: multi("PostDateTime", "UserName"), want: false},
		{name: "5.7/ForAllValues subset", op: "ForAllValues:StringEquals", values: []string{"PostDateTime", "Message", "Tags"}, v: multi("Message", "Tags"), want: true},
		{name: "5.7/ForAnyValue intersect", op: "ForAnyValue:StringEquals", values: []string{"ID", "PostDateTime"}, v: multi("UserName", "Message", "PostDateTime"), want: true},
		{name: "5.7/ForAllValues:StringNotEquals no value is a or b", op: "ForAllValues:StringNotEquals", values: []string{"a", "b"}, v: multi("c", "d"), want: true},
		{name: "5.7/ForAllValues:StringNotEquals one is a", op: "ForAllValues:StringNotEquals", values: []string{"a", "b"}, v: multi("c", "a"), want: false},
		{name: "5.7/ForAnyValue:StringNotEquals one is neither", op: "ForAnyValue:StringNotEquals", values: []string{"a", "b"}, v: multi("a", "c"), want: true},
		{name: "5.7/ForAnyValue:StringNotEquals all listed", op: "ForAnyValue:StringNotEquals", values: []string{"a", "b"}, v: multi("a", "b"), want: false},
		{name: "5.7/single-valued key as a one-element set", op: "ForAnyValue:StringEquals", values: []string{"blue", "red"}, v: single("blue"), want: true},
	})
}

func TestBlock(t *testing.T) {
	clauses := []Clause{
		{Operator: Operator{Base: StringEquals}, Key: "aws:PrincipalAccount", Values: []string{"123456789012"}},
		{Operator: Operator{Base: StringEqualsIgnoreCase}, Key: "aws:PrincipalTag/department", Values: []string{"finance", "hr", "legal"}},
		{Operator: Operator{Base: StringEqualsIgnoreCase}, Key: "aws:PrincipalTag/role", Values: []string{"audit", "security"}},
	}
	b, err := Compile(clauses, Options{Variables: true})
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3 {
		t.Fatalf("Len = %d", b.Len())
	}
	tests := []struct {
		name    string
		ctx     map[string]Value
		want    bool
		clauses []bool
	}{
		{"all hold", map[string]Value{
			"aws:PrincipalTag/department": Single("HR"), "aws:PrincipalTag/role": Single("Audit"), "aws:PrincipalAccount": Single("123456789012"),
		}, true, []bool{true, true, true}},
		{"one key missing: AND fails", map[string]Value{
			"aws:PrincipalTag/department": Single("HR"), "aws:PrincipalAccount": Single("123456789012"),
		}, false, []bool{true, true, false}},
		{"empty context", nil, false, []bool{false, false, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := NewContext(tc.ctx)
			if got := b.Eval(ctx); got != tc.want {
				t.Errorf("Eval = %v, want %v", got, tc.want)
			}
			for i, want := range tc.clauses {
				if got := b.EvalClause(i, ctx); got != want {
					t.Errorf("EvalClause(%d) = %v, want %v", i, got, want)
				}
			}
		})
	}
	t.Run("out of range clause is false", func(t *testing.T) {
		if b.EvalClause(-1, Context{}) || b.EvalClause(3, Context{}) {
			t.Error("EvalClause out of range = true")
		}
	})
	t.Run("Clause returns the source", func(t *testing.T) {
		if got := b.Clause(1); got.Key != "aws:PrincipalTag/department" || got.Operator.Base != StringEqualsIgnoreCase || len(got.Values) != 3 {
			t.Errorf("Clause(1) = %+v", got)
		}
	})
	t.Run("Clause out of range is zero", func(t *testing.T) {
		var nb *Block
		if got := b.Clause(3); got.Key != "" || got.Values != nil {
			t.Errorf("Clause(3) = %+v", got)
		}
		if got := nb.Clause(0); got.Key != "" {
			t.Errorf("nil Clause(0) = %+v", got)
		}
	})
	t.Run("compile copies the values", func(t *testing.T) {
		vals := []string{"a"}
		b, err := Compile([]Clause{{Operator: Operator{Base: StringEquals}, Key: "k", Values: vals}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		vals[0] = "b"
		if !b.Eval(NewContext(map[string]Value{"k": Single("a")})) || b.Clause(0).Values[0] != "a" {
			t.Error("Block changed when the caller's slice did")
		}
	})
}

func TestEmptyAndNilBlock(t *testing.T) {
	b, err := Compile(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Eval(Context{}) || b.Len() != 0 {
		t.Error("empty block is not true")
	}
	var nb *Block
	if !nb.Eval(Context{}) || nb.Len() != 0 || nb.EvalClause(0, Context{}) {
		t.Error("nil block: want Eval true, Len 0, EvalClause false")
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		clause Clause
		value  int
		target any
		msg    string
	}{
		{"no values", Clause{Operator: Operator{Base: StringEquals}, Key: "k"}, -1, nil, "at least one value"},
		{"invalid base", Clause{Operator: Operator{Base: 0}, Key: "k", Values: []string{"a"}}, -1, new(*OperatorError), "not a condition operator"},
		{"invalid qualifier", Clause{Operator: Operator{Base: StringEquals, Qualifier: 7}, Key: "k", Values: []string{"a"}}, -1, new(*OperatorError), "not a condition operator"},
		{"Null with IfExists", Clause{Operator: Operator{Base: Null, IfExists: true}, Key: "k", Values: []string{"true"}}, -1, new(*OperatorError), "Null does not take IfExists"},
		{"Null with qualifier and IfExists", Clause{Operator: Operator{Base: Null, Qualifier: ForAnyValue, IfExists: true}, Key: "k", Values: []string{"true"}}, -1, new(*OperatorError), "Null does not take IfExists"},
		{"bad number", Clause{Operator: Operator{Base: NumericEquals}, Key: "k", Values: []string{"1", "ten"}}, 1, new(*ValueError), `"ten" is not a number`},
		{"bad date", Clause{Operator: Operator{Base: DateLessThan}, Key: "k", Values: []string{"2020-13-01"}}, 0, new(*ValueError), "month 13 out of range"},
		{"bad CIDR", Clause{Operator: Operator{Base: NotIpAddress}, Key: "k", Values: []string{"10.0.0.0/33"}}, 0, new(*ValueError), "prefix length"},
		{"bad base64", Clause{Operator: Operator{Base: BinaryEquals}, Key: "k", Values: []string{"abc"}}, 0, new(*ValueError), "not a multiple of 4"},
		{"bad bool", Clause{Operator: Operator{Base: Bool}, Key: "k", Values: []string{"yes"}}, 0, new(*ValueError), "is not a boolean"},
		{"bad null", Clause{Operator: Operator{Base: Null}, Key: "k", Values: []string{"1"}}, 0, new(*ValueError), "is not a boolean"},
		{"variable in Bool without variables", Clause{Operator: Operator{Base: Bool}, Key: "k", Values: []string{"${aws:x}"}}, 0, new(*ValueError), "is not a boolean"},
		{"variable in Numeric", Clause{Operator: Operator{Base: NumericEquals}, Key: "k", Values: []string{"${aws:EpochTime}"}}, 0, new(*ValueError), "is not a number"},
		{"invalid UTF-8", Clause{Operator: Operator{Base: StringLike}, Key: "k", Values: []string{"a\xffb"}}, 0, new(*ValueError), "not valid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok := Clause{Operator: Operator{Base: StringEquals}, Key: "x", Values: []string{"y"}}
			b, err := Compile([]Clause{ok, tc.clause}, Options{})
			if err == nil {
				t.Fatalf("Compile = %v, want an error", b)
			}
			var ce *ClauseError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ClauseError", err)
			}
			if ce.Clause != 1 || ce.Value != tc.value {
				t.Errorf("ClauseError at clause %d value %d, want clause 1 value %d", ce.Clause, ce.Value, tc.value)
			}
			if tc.target != nil {
				switch target := tc.target.(type) {
				case **OperatorError:
					if !errors.As(err, target) {
						t.Errorf("error does not wrap *OperatorError: %v", err)
					}
				case **ValueError:
					if !errors.As(err, target) {
						t.Errorf("error does not wrap *ValueError: %v", err)
					}
				}
			} else if !errors.Is(err, ErrNoValues) {
				t.Errorf("error is not ErrNoValues: %v", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
	t.Run("variables allowed in Bool", func(t *testing.T) {
		b, err := Compile([]Clause{{Operator: Operator{Base: Bool}, Key: "k", Values: []string{"${aws:x}"}}}, Options{Variables: true})
		if err != nil {
			t.Fatal(err)
		}
		ctx := NewContext(map[string]Value{"k": Single("true"), "aws:x": Single("True")})
		if !b.Eval(ctx) {
			t.Error("Bool ${aws:x} = True: want true")
		}
	})
}

func TestKeyCaseInsensitive(t *testing.T) {
	b, err := Compile([]Clause{{Operator: Operator{Base: StringEquals}, Key: "aws:PrincipalTag/job-category", Values: []string{"iamuser-admin"}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"aws:principaltag/job-category", "AWS:PRINCIPALTAG/Job-Category", "aws:PrincipalTag/job-category"} {
		if !b.Eval(NewContext(map[string]Value{key: Single("iamuser-admin")})) {
			t.Errorf("key %q not found", key)
		}
	}
	// Values stay case-sensitive.
	if b.Eval(NewContext(map[string]Value{"aws:PrincipalTag/job-category": Single("IAMUSER-ADMIN")})) {
		t.Error("StringEquals value compared case-insensitively")
	}
}

// TestMergedKeys checks SPEC §1.3 / D6: keys differing only by case are one
// multivalued key, so plain operators fail and set operators see both.
func TestMergedKeys(t *testing.T) {
	ctx := NewContext(map[string]Value{"aws:ResourceTag/ec2": Single("test1"), "aws:ResourceTag/EC2": Single("test2")})
	eval := func(op string, vals ...string) bool {
		b, err := Compile([]Clause{{Operator: mustOp(t, op), Key: "aws:ResourceTag/EC2", Values: vals}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return b.Eval(ctx)
	}
	if eval("StringEquals", "test1") {
		t.Error("plain StringEquals on merged key matched")
	}
	if eval("StringNotEquals", "test3") {
		t.Error("plain StringNotEquals on merged key matched")
	}
	if !eval("ForAnyValue:StringEquals", "test2") {
		t.Error("ForAnyValue did not see the merged value")
	}
	if !eval("ForAllValues:StringLike", "test*") {
		t.Error("ForAllValues did not see both values")
	}
}

// TestLenient checks that invalid policy values never compare equal under
// Options.Lenient (SPEC §5.4).
// undocumentedInDeny lists the cases of TestLenient whose comparison AWS
// does not document (a negated operator, or Bool, over a value it cannot
// parse): false in an Allow, true in a Deny.
var undocumentedInDeny = map[string]bool{
	"NumericNotEquals/ten/10":           true,
	"NumericNotEquals/ten/eleven":       true,
	"Bool/yes/true":                     true,
	"NotIpAddress/10.0.0.0/33/10.0.0.1": true,
}

func TestLenient(t *testing.T) {
	tests := []struct {
		op     string
		values []string
		v      *Value
		want   bool
	}{
		{"NumericEquals", []string{"ten"}, single("10"), false},
		{"NumericNotEquals", []string{"ten"}, single("10"), false}, // undocumented: see undocumentedInDeny
		{"NumericNotEquals", []string{"ten", "10"}, single("10"), false},
		{"NumericNotEquals", []string{"ten"}, single("eleven"), false}, // undocumented
		{"NumericNotEquals", []string{"ten"}, absent, true},
		{"DateEquals", []string{"2020-13-01", "2020-01-01"}, single("2020-01-01"), true},
		{"Bool", []string{"yes"}, single("true"), false}, // undocumented
		{"Bool", []string{"yes", "true"}, single("true"), true},
		{"NotIpAddress", []string{"10.0.0.0/33"}, single("10.0.0.1"), false}, // undocumented
		{"BinaryEquals", []string{"abc"}, single("YWJj"), false},
		{"Null", []string{"maybe"}, absent, false},
		{"StringLike", []string{"a\xff*"}, single("a\xffb"), false},
	}
	for _, tc := range tests {
		t.Run(tc.op+"/"+strings.Join(tc.values, ","), func(t *testing.T) {
			clauses := []Clause{{Operator: mustOp(t, tc.op), Key: "k", Values: tc.values}}
			if _, err := Compile(clauses, Options{}); err == nil {
				t.Fatal("strict Compile accepted the invalid value")
			}
			b, err := Compile(clauses, Options{Lenient: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Eval(ctxWith(tc.v, nil)); got != tc.want {
				t.Errorf("Eval = %v, want %v", got, tc.want)
			}
			// In a Deny the same block holds where AWS documents no
			// outcome (the reading that denies, SPEC §10.1), and decides
			// as in an Allow everywhere else.
			d, err := Compile(clauses, Options{Lenient: true, Deny: true})
			if err != nil {
				t.Fatal(err)
			}
			req := "absent"
			if vs := tc.v.Values(); len(vs) > 0 {
				req = vs[0]
			}
			want := tc.want || undocumentedInDeny[tc.op+"/"+strings.Join(tc.values, ",")+"/"+req]
			if got := d.Eval(ctxWith(tc.v, nil)); got != want {
				t.Errorf("in a Deny: Eval = %v, want %v", got, want)
			}
		})
	}
	if _, err := Compile([]Clause{{Operator: mustOp(t, "StringEquals"), Key: "k"}}, Options{Lenient: true}); !errors.Is(err, ErrNoValues) {
		t.Errorf("Lenient Compile with no values = %v, want ErrNoValues", err)
	}
}
