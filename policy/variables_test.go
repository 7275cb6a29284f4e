package policy

import (
	"strings"
	"testing"
)

func TestVariableProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring of the problem; "" for none
	}{
		{"plain", ""},
		{"home/${aws:username}/*", ""},
		{"${aws:PrincipalTag/team, 'none'}", ""},
		{"${aws:PrincipalTag/cost center}", ""},
		{"${aws:username, ''}", ""},
		{"${*}${?}${$}", ""},
		{"$ {not} {a} $x", ""},
		{"a/${aws:username", `unterminated "${"`},
		{"${}", `empty policy variable "${}"`},
		{"${aws:username,'x'}", "malformed default"},
		{"${aws:username, x}", "malformed default"},
		{"${aws:username, 'x}", "malformed default"},
		{"${aws:username, 'x'y'}", "malformed default"},
		{"${, 'x'}", "malformed default"},
		{"${a}/${b,'c'}", "malformed default"},
		// A key may hold spaces (tag keys do): key "a b", default "x". The
		// evaluator reads it so too (evaluator/variables_test.go).
		{"arn:aws:s3:::b/${a b, 'x'}", ""},
		{"${k, 'x', 'y'}", "malformed default"},
		{"${a,b, 'x'}", "malformed default"},
		{"${ aws:username}", "surrounding spaces"},
		{"${a${b}}", "cannot be nested"},
		{"${}", "never has a value"},
	}
	for _, tc := range tests {
		got := variableProblem(tc.in)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("variableProblem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestVariablePlacement(t *testing.T) {
	tests := []struct {
		in      string
		outside bool
		part    string
	}{
		{"arn:aws:s3:::b/${aws:username}", false, "b/${aws:username}"},
		{"arn:aws:kms:*:${aws:PrincipalAccount}:key/*", true, "PrincipalAccount}:key/*"},
		{"arn:${aws:partition}:s3:::b", true, ":b"},
		{"arn:aws:s3:::b", false, "b"},
		{"short:${x}", true, "short:${x}"},
	}
	for _, tc := range tests {
		if got := variableOutsideResourcePart(tc.in); got != tc.outside {
			t.Errorf("variableOutsideResourcePart(%q) = %v", tc.in, got)
		}
		if got := resourcePart(tc.in); got != tc.part {
			t.Errorf("resourcePart(%q) = %q, want %q", tc.in, got, tc.part)
		}
	}
}

// TestVariableWarningsOnlyUnder2012 checks that variable warnings follow
// the Version: under 2008-10-17 (or without Version) the text is literal
// and only VERSION_OLD_WITH_VARIABLES is reported.
func TestVariableWarningsOnlyUnder2012(t *testing.T) {
	body := `"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:sqs:${x}:111122223333:q/${}",
		"Condition": {"NumericEquals": {"k": "${aws:EpochTime}"}, "StringEquals": {"k": "${"}}}`
	p := mustParse(t, `{"Version": "2012-10-17", `+body+`}`)
	got := codeSet(p.Validate(TypeIdentity))
	want := []Code{CodeConditionVariableNotAllowed, CodeVariableOutsideResourcePart, CodeVariableSyntax}
	if strings.Join(codeStrings(got), " ") != strings.Join(codeStrings(want), " ") {
		t.Errorf("2012-10-17: codes = %v, want %v", got, want)
	}
	for _, v := range []string{`"Version": "2008-10-17", `, ``} {
		p := mustParse(t, `{`+v+body+`}`)
		fs := p.Validate(TypeIdentity)
		if v == `` {
			// A missing Version has its own warning, first (at the document).
			if len(fs) == 0 || fs[0].Code != CodeVersionMissing {
				t.Errorf("no Version: findings = %v", fs)
				continue
			}
			fs = fs[1:]
		}
		if len(fs) != 2 || fs[0].Code != CodeVersionOldWithVariables || fs[1].Code != CodeConditionValueType {
			t.Errorf("%q: findings = %v", v, fs)
		}
	}
}
