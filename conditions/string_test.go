package conditions

import (
	"strings"
	"testing"
)

func TestStringOperators(t *testing.T) {
	prefixes := []string{"", "home/", "home/${aws:username}/"}
	user := map[string]Value{"aws:username": Single("David")}
	runEvalCases(t, []evalCase{
		{name: "StringEquals case-sensitive", op: "StringEquals", values: []string{"johndoe"}, v: single("JohnDoe"), want: false},
		{name: "StringEquals * is literal", op: "StringEquals", values: []string{"a*"}, v: single("abc"), want: false},
		{name: "StringEquals * matches itself", op: "StringEquals", values: []string{"a*"}, v: single("a*"), want: true},
		{name: "StringEquals empty string", op: "StringEquals", values: []string{""}, v: single(""), want: true},
		{name: "StringNotEquals empty string", op: "StringNotEquals", values: []string{"x"}, v: single(""), want: true},
		{name: "IgnoreCase ASCII", op: "StringEqualsIgnoreCase", values: []string{"johndoe"}, v: single("JohnDoe"), want: true},
		{name: "IgnoreCase Unicode folding", op: "StringEqualsIgnoreCase", values: []string{"ΣΊΣΥΦΟΣ"}, v: single("σίσυφος"), want: true},
		{name: "IgnoreCase Kelvin sign", op: "StringEqualsIgnoreCase", values: []string{"\u212a"}, v: single("k"), want: true},
		{name: "NotEqualsIgnoreCase same", op: "StringNotEqualsIgnoreCase", values: []string{"JOHNDOE"}, v: single("JohnDoe"), want: false},
		{name: "NotEqualsIgnoreCase other", op: "StringNotEqualsIgnoreCase", values: []string{"JANEDOE"}, v: single("JohnDoe"), want: true},
		{name: "StringLike empty value matches empty prefix", op: "StringLike", values: prefixes, v: single(""), extra: user, want: true},
		{name: "StringLike home/", op: "StringLike", values: prefixes, v: single("home/"), extra: user, want: true},
		{name: "StringLike own home", op: "StringLike", values: prefixes, v: single("home/David/"), extra: user, want: true},
		{name: "StringLike other home", op: "StringLike", values: prefixes, v: single("home/Alice/"), extra: user, want: false},
		{name: "StringLike case-sensitive", op: "StringLike", values: []string{"t2.*"}, v: single("T2.micro"), want: false},
		{name: "StringLike ? is one character", op: "StringLike", values: []string{"a?c"}, v: single("abc"), want: true},
		{name: "StringLike ? is one code point", op: "StringLike", values: []string{"a?c"}, v: single("aéc"), want: true},
		{name: "StringLike ? is not two", op: "StringLike", values: []string{"a?c"}, v: single("abbc"), want: false},
		{name: "StringLike * spans / and :", op: "StringLike", values: []string{"o-a1b2c3d4e5/*"}, v: single("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"), want: true},
		{name: "StringLike anchored", op: "StringLike", values: []string{"abc"}, v: single("xabcx"), want: false},
		{name: "StringLike empty pattern", op: "StringLike", values: []string{""}, v: single("x"), want: false},
		{name: "StringNotLike", op: "StringNotLike", values: []string{"t1.*", "t2.*"}, v: single("m5.large"), want: true},
		{name: "StringNotLike listed", op: "StringNotLike", values: []string{"t1.*", "t2.*"}, v: single("t2.nano"), want: false},
		{name: "several operators with a variable", op: "StringLike", values: []string{"https://example.com/${aws:username}/"}, v: single("https://example.com/Zoe/"), extra: map[string]Value{"aws:username": Single("Zoe")}, want: true},
	})
}

// TestEqualFoldBytes checks the allocation-free folding against
// strings.EqualFold.
func TestEqualFoldBytes(t *testing.T) {
	words := []string{"", "a", "A", "ab", "AB", "aB", "k", "K", "\u212a", "ſ", "s", "S", "σ", "Σ", "ς",
		"ǅ", "ǆ", "Ǆ", "\xff", "\xfe", "\ufffd", "ß", "ẞ", "straße", "STRASSE", "İ", "i", "ı", "I", "é", "É", "a\xffb", "a\xfeb"}
	for _, a := range words {
		for _, b := range words {
			if got, want := equalFoldBytes([]byte(a), b), strings.EqualFold(a, b); got != want {
				t.Errorf("equalFoldBytes(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestVariableRules covers SPEC §5.11 through the String operators.
func TestVariableRules(t *testing.T) {
	team := map[string]Value{"aws:PrincipalTag/team": Single("blue")}
	runEvalCases(t, []evalCase{
		{name: "substitution", op: "StringEquals", values: []string{"${aws:PrincipalTag/team}"}, v: single("blue"), extra: team, want: true},
		{name: "variable key case-insensitive", op: "StringEquals", values: []string{"${AWS:PRINCIPALTAG/TEAM}"}, v: single("blue"), extra: team, want: true},
		{name: "substituted value keeps its case", op: "StringEquals", values: []string{"${aws:PrincipalTag/team}"}, v: single("BLUE"), extra: team, want: false},
		{name: "IgnoreCase with variable", op: "StringEqualsIgnoreCase", values: []string{"${aws:PrincipalTag/team}"}, v: single("BLUE"), extra: team, want: true},
		{name: "default used when absent", op: "StringEquals", values: []string{"${aws:PrincipalTag/team, 'company-wide'}"}, v: single("company-wide"), want: true},
		{name: "default not used when present", op: "StringEquals", values: []string{"${aws:PrincipalTag/team, 'company-wide'}"}, v: single("company-wide"), extra: team, want: false},
		{name: "empty default", op: "StringEquals", values: []string{"x${aws:PrincipalTag/team, ''}"}, v: single("x"), want: true},
		{name: "default is literal in globs", op: "StringLike", values: []string{"${aws:PrincipalTag/team, '*'}"}, v: single("anything"), want: false},
		{name: "default needs comma and one space", op: "StringEquals", values: []string{"${aws:PrincipalTag/team,'x'}"}, v: single("x"), want: false},
		{name: "malformed default is a key name", op: "StringEquals", values: []string{"${aws:PrincipalTag/team,'x'}"}, v: single("y"), extra: map[string]Value{"aws:PrincipalTag/team,'x'": Single("y")}, want: true},
		{name: "multivalued key has no value", op: "StringEquals", values: []string{"${aws:TagKeys}"}, v: single("a"), extra: map[string]Value{"aws:TagKeys": Multi("a")}, want: false},
		{name: "multivalued key ignores the default", op: "StringEquals", values: []string{"${aws:TagKeys, 'a'}"}, v: single("a"), extra: map[string]Value{"aws:TagKeys": Multi("a")}, want: false},
		{name: "empty value substitutes as empty", op: "StringEquals", values: []string{"home/${aws:username}"}, v: single("home/"), extra: map[string]Value{"aws:username": Single("")}, want: true},
		{name: "unresolved: positive value never matches", op: "StringEquals", values: []string{"${aws:username}"}, v: single(""), want: false},
		{name: "unresolved: other values still can", op: "StringEquals", values: []string{"${aws:username}", "x"}, v: single("x"), want: true},
		{name: "unresolved: negated value does not block (D10)", op: "StringNotEquals", values: []string{"${aws:PrincipalTag/Team}"}, v: single("blue"), want: true},
		{name: "unresolved: negated like does not block", op: "StringNotLike", values: []string{"${aws:PrincipalTag/Team}*"}, v: single("blue"), want: true},
		{name: "negated: resolved value blocks", op: "StringNotEquals", values: []string{"${aws:PrincipalTag/team}"}, v: single("blue"), extra: team, want: false},
		{name: "resolved * is literal (D18)", op: "StringLike", values: []string{"a/${x}"}, v: single("a/bcd"), extra: map[string]Value{"x": Single("*")}, want: false},
		{name: "resolved * matches a star", op: "StringLike", values: []string{"a/${x}"}, v: single("a/*"), extra: map[string]Value{"x": Single("*")}, want: true},
		{name: "resolved ? is literal", op: "StringLike", values: []string{"${x}"}, v: single("a"), extra: map[string]Value{"x": Single("?")}, want: false},
		{name: "policy * next to a variable is a wildcard", op: "StringLike", values: []string{"${x}/*"}, v: single("a/b/c"), extra: map[string]Value{"x": Single("a")}, want: true},
		{name: "${*} is a literal star", op: "StringLike", values: []string{"report-${*}"}, v: single("report-2024.txt"), want: false},
		{name: "${*} matches a star", op: "StringLike", values: []string{"report-${*}"}, v: single("report-*"), want: true},
		{name: "${?} is a literal question mark", op: "StringLike", values: []string{"a${?}"}, v: single("ab"), want: false},
		{name: "${$} is a dollar", op: "StringEquals", values: []string{"${$}{aws:username}"}, v: single("${aws:username}"), extra: map[string]Value{"aws:username": Single("x")}, want: true},
		{name: "unterminated ${ is literal", op: "StringEquals", values: []string{"a${b"}, v: single("a${b"), want: true},
		{name: "unterminated ${ keeps wildcards", op: "StringLike", values: []string{"a${b*"}, v: single("a${bcd"), want: true},
		{name: "variable ends at first }", op: "StringEquals", values: []string{"${x}}"}, v: single("1}"), extra: map[string]Value{"x": Single("1")}, want: true},
		{name: "empty ${} has no value", op: "StringEquals", values: []string{"${}"}, v: single(""), want: false},
		{name: "Version 2008: ${...} is literal", op: "StringEquals", values: []string{"${aws:username}"}, v: single("${aws:username}"), extra: map[string]Value{"aws:username": Single("x")}, novars: true, want: true},
		{name: "Version 2008: not substituted", op: "StringEquals", values: []string{"${aws:username}"}, v: single("x"), extra: map[string]Value{"aws:username": Single("x")}, novars: true, want: false},
		{name: "Version 2008: * in ${*} is a wildcard", op: "StringLike", values: []string{"report-${*}"}, v: single("report-${2024}"), novars: true, want: true},
		{name: "substituted wildcard byte fails closed", op: "StringNotLike", values: []string{"${x}"}, v: single("a"), extra: map[string]Value{"x": Single("\xfe")}, want: false},
		{name: "substituted wildcard byte in StringEquals is text", op: "StringEquals", values: []string{"${x}"}, v: single("\xfe"), extra: map[string]Value{"x": Single("\xfe")}, want: true},
		{name: "long substitution spills to the heap", op: "StringLike", values: []string{"${x}*"}, v: single(strings.Repeat("a", 1000) + "b"), extra: map[string]Value{"x": Single(strings.Repeat("a", 1000))}, want: true},
	})
}
