package evaluator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/variable"
	"github.com/iamlogic/iamlogic/policy"
)

// TestVariablesValidatorAgreesWithEvaluator runs the validator and the
// evaluator over the same policy text: a Resource entry and a StringLike
// condition value. A text the validator accepts substitutes as documented;
// a text it warns about does what the warning says (literal text, or a key
// name no request has, the default unused). (Request contexts cannot hold
// keys with spaces today, see conditions.NewContext, so those keys are
// probed only as absent.)
func TestVariablesValidatorAgreesWithEvaluator(t *testing.T) {
	type probe struct {
		ctx   map[string]string
		obj   string // object name requested (and s3:prefix)
		allow bool
	}
	tests := []struct {
		text   string
		warn   string // substring of the VARIABLE_SYNTAX warning; "" for none
		probes []probe
	}{
		// Keys may hold spaces (tag keys do), so this is key "a b" with
		// default "x" (reference_policies_variables.md, "Specifying default
		// values").
		{"${a b, 'x'}", "", []probe{
			{nil, "x", true},
			{nil, "y", false},
		}},
		{"${aws:PrincipalTag/Cost Center}", "", []probe{{nil, "cc", false}}},
		{"${aws:username}", "", []probe{{map[string]string{"aws:username": "David"}, "David", true}, {nil, "David", false}}},
		{"${k, ''}", "", []probe{{nil, "", true}}},
		{"${*}${?}${$}", "", []probe{{nil, "*?$", true}, {nil, "a?$", false}}},
		{"${a b,'x'}", "malformed default", []probe{{nil, "x", false}, {map[string]string{"b,'x'": "y"}, "y", false}}},
		{"${b,'x'}", "malformed default", []probe{{nil, "x", false}, {map[string]string{"b,'x'": "y"}, "y", true}}},
		{"${a b, x}", "malformed default", []probe{{nil, "x", false}}},
		{"${, 'x'}", "malformed default", []probe{{nil, "x", false}}},
		{"${k, 'it's'}", "malformed default", []probe{{nil, "it's", false}, {nil, "it", false}}},
		{"${k, 'x}", "malformed default", []probe{{nil, "x", false}, {map[string]string{"k": "x"}, "x", false}}},
		{"${a,b, 'x'}", "malformed default", []probe{{nil, "x", false}}},
		{"${}", `empty policy variable "${}"`, []probe{{nil, "", false}, {nil, "${}", false}}},
		{"a${b", `unterminated "${"`, []probe{{nil, "a${b", true}, {map[string]string{"b": "x"}, "ax", false}}},
		{"${ k}", "surrounding spaces", []probe{{map[string]string{"k": "v"}, "v", false}}},
		{"${a${b}}", "nested", []probe{{map[string]string{"a${b": "v"}, "v}", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			docs := map[string]string{
				"Resource": allow("s3:GetObject", "arn:aws:s3:::b/"+tc.text),
				"Condition": fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":%q}}}]}`,
					tc.text),
			}
			_, malformed := variable.First(tc.text)
			if malformed != (tc.warn != "") {
				t.Errorf("variable.First malformed = %v, want %v", malformed, tc.warn != "")
			}
			for where, doc := range docs {
				p := pol(t, doc)
				var warnings []string
				for _, f := range p.Validate(policy.TypeIdentity) {
					if f.Code == policy.CodeVariableSyntax {
						warnings = append(warnings, f.Message)
					}
				}
				switch {
				case tc.warn == "" && len(warnings) > 0:
					t.Errorf("%s: unexpected warnings %q", where, warnings)
				case tc.warn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tc.warn)):
					t.Errorf("%s: warnings %q, want one containing %q", where, warnings, tc.warn)
				}
				set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{p}})
				if err != nil {
					t.Fatal(err)
				}
				for _, pr := range tc.probes {
					vals := map[string]conditions.Value{"s3:prefix": conditions.Single(pr.obj)}
					for k, v := range pr.ctx {
						vals[k] = conditions.Single(v)
					}
					r := req(userArn, "s3:GetObject", "arn:aws:s3:::b/"+pr.obj)
					r.Context = conditions.NewContext(vals)
					res := set.Evaluate(r)
					if res.Err != nil {
						t.Fatalf("%s: %v", where, res.Err)
					}
					if got := res.Decision == evaluator.Allowed; got != pr.allow {
						t.Errorf("%s: context %v, object %q: allowed = %v, want %v", where, pr.ctx, pr.obj, got, pr.allow)
					}
				}
			}
		})
	}
}
