package conditions

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

func TestTemplate(t *testing.T) {
	ctx := NewContext(map[string]Value{
		"aws:username":          Single("David"),
		"aws:PrincipalTag/Team": Single("blue"),
		"aws:TagKeys":           Multi("a", "b"),
		"star":                  Single("*"),
		"empty":                 Single(""),
		"Cost Center":           Single("cc"),
	})
	tests := []struct {
		src       string
		variables bool
		hasVars   bool
		text      string // AppendText result; "" with !ok
		glob      string // AppendGlob result in policy notation: '*' '?' wildcards, \* \? literal
		ok        bool
	}{
		{"", true, false, "", "", true},
		{"plain", true, false, "plain", "plain", true},
		{"a*b?c", true, false, "a*b?c", "a*b?c", true},
		{"home/${aws:username}/*", true, true, "home/David/*", "home/David/*", true},
		{"${AWS:UserName}", true, true, "David", "David", true},
		{"${aws:principaltag/team}-${aws:username}", true, true, "blue-David", "blue-David", true},
		{"${star}", true, true, "*", `\*`, true},
		{"${*}${?}${$}", true, true, "*?$", `\*\?$`, true},
		{"${*}*", true, true, "**", `\**`, true},
		{"x${empty}y", true, true, "xy", "xy", true},
		{"${missing, 'dflt*'}", true, true, "dflt*", `dflt\*`, true},
		{"${missing, ''}", true, true, "", "", true},
		{"${aws:username, 'x'}", true, true, "David", "David", true},
		{"${missing}", true, true, "", "", false},
		{"${aws:TagKeys}", true, true, "", "", false},
		{"${aws:TagKeys, 'x'}", true, true, "", "", false},
		{"${}", true, true, "", "", false},
		{"${missing,'x'}", true, true, "", "", false},
		// Malformed defaults are never substituted (package internal/variable).
		{"${, 'x'}", true, true, "", "", false},
		{"${missing, 'it's'}", true, true, "", "", false},
		{"${missing, 'x}", true, true, "", "", false},
		{"${a,b, 'x'}", true, true, "", "", false},
		// Keys may hold spaces (tag keys do): key "a b", default "x".
		{"b/${a b, 'x'}", true, true, "b/x", "b/x", true},
		{"${cost center, 'x'}", true, true, "cc", "cc", true},
		{"a${b", true, false, "a${b", "a${b", true},
		{"a${b*", true, false, "a${b*", "a${b*", true},
		{"${aws:username}${", true, true, "David${", "David${", true},
		{"${aws:username}}", true, true, "David}", "David}", true},
		{"$${aws:username}", true, true, "$David", "$David", true},
		{"${aws:username}", false, false, "${aws:username}", "${aws:username}", true},
		{"${*}", false, false, "${*}", "${*}", true},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			tm := ParseTemplate(tc.src, tc.variables)
			if tm.String() != tc.src {
				t.Errorf("String() = %q", tm.String())
			}
			if tm.HasVariables() != tc.hasVars {
				t.Errorf("HasVariables() = %v, want %v", tm.HasVariables(), tc.hasVars)
			}
			text, ok := tm.AppendText([]byte("pre:"), ctx)
			if ok != tc.ok || (ok && string(text) != "pre:"+tc.text) {
				t.Errorf("AppendText = %q, %v; want %q, %v", text, ok, "pre:"+tc.text, tc.ok)
			}
			glob, ok := tm.AppendGlob(nil, ctx)
			if want := encodeNotation(tc.glob); ok != tc.ok || (ok && string(glob) != want) {
				t.Errorf("AppendGlob = %q, %v; want %q, %v", glob, ok, want, tc.ok)
			}
		})
	}
}

// encodeNotation encodes a glob written with '*' and '?' as wildcards and
// `\*`, `\?` as literal characters.
func encodeNotation(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b = append(b, s[i])
		case s[i] == '*':
			b = append(b, wildcard.Star)
		case s[i] == '?':
			b = append(b, wildcard.One)
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}

func TestAppendGlobRejectsWildcardBytes(t *testing.T) {
	ctx := NewContext(map[string]Value{"x": Single("a\xffb")})
	tm := ParseTemplate("${x}", true)
	if _, ok := tm.AppendGlob(nil, ctx); ok {
		t.Error("AppendGlob accepted a substituted 0xFF byte")
	}
	if out, ok := tm.AppendText(nil, ctx); !ok || string(out) != "a\xffb" {
		t.Errorf("AppendText = %q, %v", out, ok)
	}
}

func TestTemplateNoAlloc(t *testing.T) {
	ctx := NewContext(map[string]Value{"aws:username": Single("David")})
	tm := ParseTemplate("home/${aws:username}/*", true)
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() {
		tm.AppendGlob(buf[:0], ctx)
		tm.AppendText(buf[:0], ctx)
	}); n != 0 {
		t.Errorf("allocations = %v, want 0", n)
	}
}

func TestCheckVariables(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"no variables", nil},
		{"home/${aws:username}/*", nil},
		{"${aws:PrincipalTag/team, 'company-wide'}", nil},
		{"${*}${?}${$}", nil},
		{"${x, ''}", nil},
		{"a${b", []string{`unterminated "${" at offset 1: the rest of the value is literal text`}},
		{"${ok}${", []string{`unterminated "${" at offset 5: the rest of the value is literal text`}},
		{"${}", []string{`variable "${}" at offset 0: empty variable name: the variable never has a value`}},
		{"${, 'x'}", []string{`variable "${, 'x'}" at offset 0: empty variable name before the default: the whole text is taken as the key name, which no request has, so the default is not used`}},
		{"${k,'x'}", []string{`variable "${k,'x'}" at offset 0: a default value is written ${key, 'default'} (a comma, one space, the value in single quotes); as written, the whole text is taken as the key name`}},
		{"${k, x}", []string{`variable "${k, x}" at offset 0: a default value is written ${key, 'default'} (a comma, one space, the value in single quotes); as written, the whole text is taken as the key name`}},
		{"${k,  'x'}", []string{`variable "${k,  'x'}" at offset 0: a default value is written ${key, 'default'} (a comma, one space, the value in single quotes); as written, the whole text is taken as the key name`}},
		{"${k, 'it's'}", []string{`variable "${k, 'it's'}" at offset 0: the default value holds a single quote: the whole text is taken as the key name, which no request has, so the default is not used`}},
		{"${a b, 'x'}", nil},
		{"${aws:PrincipalTag/Cost Center}", nil},
		{"${a${b}}", []string{`variable "${a${b}" at offset 0: a variable ends at the first "}": variables cannot be nested`}},
		{"${ aws:username}", []string{`variable "${ aws:username}" at offset 0: the key name has surrounding spaces, which are part of the name`}},
		{"${}x${", []string{`variable "${}" at offset 0: empty variable name: the variable never has a value`, `unterminated "${" at offset 4: the rest of the value is literal text`}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := CheckVariables(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("CheckVariables(%q) =\n%s\nwant\n%s", tc.in, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
