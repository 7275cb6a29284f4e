package policy_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/internal/race"

	"github.com/iamlogic/iamlogic/policy"
)

// Hostile input: documents an attacker may submit. Parse rejects each with
// a positioned finding of a documented code, or parses it in bounded time,
// and a policy with an error never passes Check.

// hostileBound is the time one hostile Parse (plus Validate, Check and
// MarshalJSON where it returns a policy) may take. They take at most tens
// of milliseconds; the bound leaves room for a loaded machine, and grows
// under the race detector (race.Bound).
var hostileBound = race.Bound(2 * time.Second)

// hDoc wraps statement members in a 2012-10-17 policy with one statement.
func hDoc(members string) string {
	return `{"Version":"2012-10-17","Statement":[{` + members + `}]}`
}

// hParse parses doc within hostileBound and runs every read-only method
// on the result within the same bound. The error, if any, must be Findings.
func hParse(t *testing.T, doc string) (*policy.Policy, policy.Findings) {
	t.Helper()
	start := time.Now()
	p, err := policy.Parse([]byte(doc))
	var fs policy.Findings
	if err != nil && !errors.As(err, &fs) {
		t.Fatalf("Parse error is %T, want policy.Findings: %v", err, err)
	}
	if err != nil && !fs.HasErrors() {
		t.Fatalf("Parse returned findings without errors: %v", fs)
	}
	if p == nil && err == nil {
		t.Fatal("Parse returned neither a policy nor an error")
	}
	if p != nil {
		for _, typ := range policy.Types() {
			p.Validate(typ)
			if err != nil && p.Check(typ) == nil {
				t.Errorf("Check(%s) passes on a policy with parse errors: %v", typ, hShort(err.Error()))
			}
		}
		_, _ = p.MarshalJSON()
	}
	if d := time.Since(start); d > hostileBound {
		t.Errorf("Parse and methods of a %d-byte document took %v, more than %v", len(doc), d, hostileBound)
	}
	return p, fs
}

// hWithCode returns the findings of fs with code c.
func hWithCode(fs policy.Findings, c policy.Code) policy.Findings {
	var out policy.Findings
	for _, f := range fs {
		if f.Code == c {
			out = append(out, f)
		}
	}
	return out
}

func hShort(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// hMark is where, in a test document, the hostile bytes go. It is not
// valid in a policy, so it cannot clash with the document's own text.
const hMark = "‸"

// TestHostileBadCharacters puts NUL, other control characters below U+0020,
// invalid UTF-8 and characters above U+00FF, raw and as \u escapes, in
// every place a document holds text: keys and values at every level, and
// between tokens. Each is a SYNTAX error at the offending byte. (DEL and
// the C1 controls U+0080–U+009F are inside AWS's allowed range
// U+0020–U+00FF.)
func TestHostileBadCharacters(t *testing.T) {
	places := map[string]string{
		"top-level key":        `{"Version":"2012-10-17","Id‸":"x","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		"Version":              `{"Version":"2012-10-17‸","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		"Id":                   `{"Version":"2012-10-17","Id":"a‸b","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		"Sid":                  hDoc(`"Sid":"S‸","Effect":"Allow","Action":"*","Resource":"*"`),
		"Effect":               hDoc(`"Effect":"Allow‸","Action":"*","Resource":"*"`),
		"statement key":        hDoc(`"Effect‸":"Allow","Effect":"Allow","Action":"*","Resource":"*"`),
		"Action":               hDoc(`"Effect":"Allow","Action":"s3:Get‸Object","Resource":"*"`),
		"Action list":          hDoc(`"Effect":"Allow","Action":["s3:GetObject","‸s3:PutObject"],"Resource":"*"`),
		"NotAction":            hDoc(`"Effect":"Deny","NotAction":"iam:‸*","Resource":"*"`),
		"Resource":             hDoc(`"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/‸k"`),
		"NotResource":          hDoc(`"Effect":"Allow","Action":"*","NotResource":["arn:aws:s3:::b‸"]`),
		"Principal key":        hDoc(`"Effect":"Allow","Principal":{"AWS‸":"111122223333"},"Action":"*"`),
		"Principal value":      hDoc(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/b‸ob"},"Action":"*"`),
		"Principal service":    hDoc(`"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com‸"]},"Action":"*"`),
		"condition operator":   hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals‸":{"aws:username":"x"}}`),
		"condition key":        hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:user‸name":"x"}}`),
		"condition value":      hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":"x‸"}}`),
		"condition value list": hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":["a/*","‸b/*"]}}`),
		"numeric value":        hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"1‸0"}}`),
		"date value":           hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01‸"}}`),
		"IP value":             hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8‸"}}`),
		"between tokens":       hDoc(`"Effect":"Allow",‸"Action":"*","Resource":"*"`),
		"before the document":  `‸{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		"after the document":   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}‸`,
	}
	raw := map[string]string{
		"NUL":               "\x00",
		"ESC":               "\x1b",
		"byte 0xFF":         "\xff",
		"byte 0xFE":         "\xfe",
		"lone continuation": "\x80",
		"truncated":         "\xe2\x82",
		"overlong":          "\xc0\xaf",
		"surrogate":         "\xed\xa0\x80",
		"above U+00FF":      "\u200b", // zero-width space
		"byte-order mark":   "\ufeff",
	}
	// Escapes are only possible inside strings.
	escaped := map[string]string{
		`\u0000`:       `\u0000`,
		`\u001f`:       `\u001f`,
		`lone \ud800`:  `\ud800`,
		`lone \udfff`:  `\udfff`,
		`pair for 😀`:   `\ud83d\ude00`,
		`\ufeff`:       `\ufeff`,
		`\uffff`:       `\uffff`,
		`\u0000 twice`: `\u0000\u0000`,
	}
	check := func(t *testing.T, doc string, at int) {
		t.Helper()
		p, fs := hParse(t, doc)
		syn := hWithCode(fs, policy.CodeSyntax)
		if len(syn) == 0 {
			t.Fatalf("no SYNTAX finding: %v", fs)
		}
		found := false
		for _, f := range syn {
			if f.Pos.Offset == at {
				found = true
				if f.Severity != policy.Error || !strings.Contains(f.Message, "not allowed") {
					t.Errorf("finding = %v (severity %v)", f, f.Severity)
				}
			}
		}
		if !found {
			t.Errorf("no SYNTAX finding at offset %d: %v", at, fs)
		}
		if p != nil && p.Check(policy.TypeIdentity) == nil {
			t.Error("Check passes")
		}
	}
	for place, tmpl := range places {
		at := strings.Index(tmpl, hMark)
		inString := strings.Count(tmpl[:at], `"`)%2 == 1
		for name, b := range raw {
			t.Run(place+"/"+name, func(t *testing.T) {
				check(t, strings.Replace(tmpl, hMark, b, 1), at)
			})
		}
		if !inString {
			continue
		}
		for name, e := range escaped {
			t.Run(place+"/"+name, func(t *testing.T) {
				check(t, strings.Replace(tmpl, hMark, e, 1), at)
			})
		}
	}
}

// TestHostileBuiltInGo checks that Check finds NUL and invalid UTF-8 in
// every field of a policy built in Go, which never went through Parse.
func TestHostileBuiltInGo(t *testing.T) {
	good := func() *policy.Policy {
		return &policy.Policy{Version: policy.Version2012, HasID: true, ID: "id", Statements: []policy.Statement{{
			Sid: "S", HasSid: true, Effect: policy.Allow,
			Actions:     []policy.Item{{Value: "s3:GetObject"}},
			Resources:   []policy.Item{{Value: "arn:aws:s3:::b/*"}},
			HasResource: true,
			Conditions:  []policy.Condition{{Operator: "StringEquals", Key: "aws:username", Values: []policy.Item{{Value: "bob"}}}},
		}}}
	}
	if err := good().Check(policy.TypeIdentity); err != nil {
		t.Fatalf("Check(good) = %v", err)
	}
	fields := map[string]func(p *policy.Policy, bad string){
		"Sid":             func(p *policy.Policy, bad string) { p.Statements[0].Sid = "S" + bad },
		"Action":          func(p *policy.Policy, bad string) { p.Statements[0].Actions[0].Value = "s3:Get" + bad },
		"Resource":        func(p *policy.Policy, bad string) { p.Statements[0].Resources[0].Value = "arn:aws:s3:::b/" + bad },
		"condition op":    func(p *policy.Policy, bad string) { p.Statements[0].Conditions[0].Operator = "StringEquals" + bad },
		"condition value": func(p *policy.Policy, bad string) { p.Statements[0].Conditions[0].Values[0].Value = "bob" + bad },
		"Version":         func(p *policy.Policy, bad string) { p.Version = policy.Version2012 + bad },
		"Id":              func(p *policy.Policy, bad string) { p.ID = "id" + bad },
		"condition key":   func(p *policy.Policy, bad string) { p.Statements[0].Conditions[0].Key = "aws:username" + bad },
		"second statement": func(p *policy.Policy, bad string) {
			s := p.Statements[0]
			s.Sid = "T" + bad
			p.Statements = append(p.Statements, s)
		},
	}
	for field, set := range fields {
		for _, bad := range []string{"\x00", "\xff", "\xc0\xaf", "\x1b", "\u2028"} {
			t.Run(fmt.Sprintf("%s %q", field, bad), func(t *testing.T) {
				p := good()
				set(p, bad)
				var fs policy.Findings
				typ := policy.TypeIdentity
				if p.Statements[0].Principal != nil {
					typ = policy.TypeResource
				}
				if err := p.Check(typ); !errors.As(err, &fs) || !fs.HasErrors() {
					t.Fatalf("Check = %v, want error findings", err)
				}
			})
		}
	}
}

// TestHostileLongNumberCanonical: a JSON number is held to MaxStringLength
// like a string, because the canonical form writes a condition value
// written as a number as a string of the same length, and the canonical
// form of a clean policy must parse. A copy built in Go is judged as the
// parsed policy is.
func TestHostileLongNumberCanonical(t *testing.T) {
	doc := func(number string) string {
		return hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":` + number + `}}`)
	}
	for _, tc := range []struct {
		name, number string
		ok           bool
	}{
		{"at the limit", strings.Repeat("9", policy.MaxStringLength), true},
		{"at the limit with sign, fraction and exponent", "-1." + strings.Repeat("5", policy.MaxStringLength-6) + "E+9", true},
		{"one over", strings.Repeat("9", policy.MaxStringLength+1), false},
		{"10,000 digits", strings.Repeat("9", 10000), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := doc(tc.number)
			at := strings.Index(d, tc.number)
			p, fs := hParse(t, d)
			if p == nil {
				t.Fatalf("Parse returned no policy: %s", hShort(fs.Error()))
			}
			q := &policy.Policy{Version: p.Version, Statements: p.Statements}
			if !tc.ok {
				got := hWithCode(fs, policy.CodeInputLimit)
				if len(got) != 1 || got[0].Pos.Offset != at || got[0].Pos.Line != 1 || !strings.Contains(got[0].Message, "MaxStringLength") {
					t.Fatalf("want one INPUT_LIMIT finding at offset %d, got %s", at, hShort(fs.Error()))
				}
				var qfs policy.Findings
				if err := q.Check(policy.TypeIdentity); !errors.As(err, &qfs) || len(hWithCode(qfs, policy.CodeInputLimit)) != 1 {
					t.Errorf("Check of the copy built in Go = %v, want one INPUT_LIMIT", err)
				}
				return
			}
			if fs != nil {
				t.Fatalf("Parse: %s", hShort(fs.Error()))
			}
			canon, err := p.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			r, err := policy.Parse(canon)
			if err != nil {
				t.Fatalf("canonical form of a clean policy does not parse: %s", hShort(err.Error()))
			}
			if !policy.Equal(p, r) {
				t.Error("canonical form parses to a different policy")
			}
			if err := q.Check(policy.TypeIdentity); err != nil {
				t.Errorf("Check of the copy built in Go: %s", hShort(err.Error()))
			}
		})
	}
}

// TestHostileBuiltInGoIdAndConditionKey: Check of a policy built in Go
// finds bad characters in the Id and in condition keys, as Parse does.
func TestHostileBuiltInGoIdAndConditionKey(t *testing.T) {
	stmt := func(c ...policy.Condition) []policy.Statement {
		return []policy.Statement{{Effect: policy.Allow, Actions: []policy.Item{{Value: "*"}}, Resources: []policy.Item{{Value: "*"}}, HasResource: true, Conditions: c}}
	}
	for _, bad := range []string{"\x00", "\xff", "\x1b"} {
		for _, tc := range []struct {
			name, ptr string
			p         *policy.Policy
		}{
			{"Id", "/Id", &policy.Policy{Version: policy.Version2012, HasID: true, ID: "id" + bad, Statements: stmt()}},
			{"condition key", "/Statement/0/Condition/StringNotEquals/aws:username" + bad, &policy.Policy{Version: policy.Version2012,
				Statements: stmt(policy.Condition{Operator: "StringNotEquals", Key: "aws:username" + bad, Values: []policy.Item{{Value: "x"}}})}},
		} {
			t.Run(fmt.Sprintf("%s %q", tc.name, bad), func(t *testing.T) {
				var fs policy.Findings
				if err := tc.p.Check(policy.TypeIdentity); !errors.As(err, &fs) {
					t.Fatalf("Check = %v, want a SYNTAX error", err)
				}
				syn := hWithCode(fs, policy.CodeSyntax)
				if len(syn) != 1 || syn[0].Pointer != tc.ptr || !strings.Contains(syn[0].Message, "not allowed") {
					t.Errorf("want one SYNTAX finding at %s, got %v", tc.ptr, fs)
				}
			})
		}
	}
}

// TestHostileBuiltInGoEveryString sets a bad character, then an overlong
// value, in every string of a policy built in Go (found by reflection, so
// that a string field added to the model is covered too): Check reports
// each as Parse would, a SYNTAX or INPUT_LIMIT error.
func TestHostileBuiltInGoEveryString(t *testing.T) {
	good := func() *policy.Policy {
		items := func(s string) []policy.Item { return []policy.Item{{Value: s}} }
		return &policy.Policy{Version: policy.Version2012, HasID: true, ID: "id", Statements: []policy.Statement{{
			Sid: "S", HasSid: true, Effect: policy.Allow,
			Principal: &policy.Principal{
				AWS: items("arn:aws:iam::111122223333:root"), Service: items("ec2.amazonaws.com"),
				Federated: items("accounts.google.com"), CanonicalUser: items(strings.Repeat("a", 64)),
			},
			Actions:     items("s3:GetObject"),
			Resources:   items("arn:aws:s3:::b/*"),
			HasResource: true,
			Conditions:  []policy.Condition{{Operator: "StringEquals", Key: "aws:username", Values: items("bob")}},
		}}}
	}
	if err := good().Check(policy.TypeResource); err != nil {
		t.Fatalf("Check(good) = %v", err)
	}
	paths := hStrings(reflect.ValueOf(good()))
	if len(paths) != 12 {
		t.Fatalf("found %d strings in the model, want 12: %v", len(paths), paths)
	}
	for _, path := range paths {
		for _, tc := range []struct {
			name, suffix string
			code         policy.Code
		}{
			{"NUL", "\x00", policy.CodeSyntax},
			{"ESC", "\x1b", policy.CodeSyntax},
			{"byte 0xFF", "\xff", policy.CodeSyntax},
			{"truncated", "\xe2\x82", policy.CodeSyntax},
			{"above U+00FF", "\u2028", policy.CodeSyntax},
			{"too long", strings.Repeat("x", policy.MaxStringLength), policy.CodeInputLimit},
		} {
			t.Run(path+" "+tc.name, func(t *testing.T) {
				p := good()
				v := hStringsMap(reflect.ValueOf(p))[path]
				v.SetString(v.String() + tc.suffix)
				var fs policy.Findings
				if err := p.Check(policy.TypeResource); !errors.As(err, &fs) || len(hWithCode(fs, tc.code)) == 0 {
					t.Fatalf("Check = %v, want %s", err, tc.code)
				}
			})
		}
	}
}

// hStrings lists the paths of the settable strings reachable from v.
func hStrings(v reflect.Value) []string {
	var out []string
	for p := range hStringsMap(v) {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// hStringsMap maps the path of every settable string reachable from v
// (through pointers, exported struct fields and slices) to the string. A
// Position is where the text was read, not part of the policy: its file
// name is not a string of the document.
func hStringsMap(v reflect.Value) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if v.Type() == reflect.TypeFor[policy.Position]() {
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			out[path] = v
		}
	}
	walk(v, "")
	return out
}

// TestHostileNumbersForStrings puts JSON numbers (huge ones included) where
// the grammar wants strings: each is an error of a documented code. As a
// condition value a number is its literal text.
func TestHostileNumbersForStrings(t *testing.T) {
	huge := strings.Repeat("9", 10000)
	tests := []struct {
		name string
		doc  string
		code policy.Code
	}{
		{"Version", `{"Version":2012,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, policy.CodeVersionInvalid},
		{"Version 1e400", `{"Version":1e400,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, policy.CodeVersionInvalid},
		{"Id", `{"Id":1e400,"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, policy.CodeSyntax},
		{"Statement", `{"Version":"2012-10-17","Statement":1}`, policy.CodeStatementMissing},
		{"Statement entry", `{"Version":"2012-10-17","Statement":[` + huge + `]}`, policy.CodeStatementEmpty},
		{"Sid", hDoc(`"Sid":-0,"Effect":"Allow","Action":"*","Resource":"*"`), policy.CodeSyntax},
		{"Effect", hDoc(`"Effect":1,"Action":"*","Resource":"*"`), policy.CodeEffectInvalid},
		{"Action", hDoc(`"Effect":"Allow","Action":1e400,"Resource":"*"`), policy.CodeSyntax},
		{"Action entry", hDoc(`"Effect":"Allow","Action":["s3:GetObject",` + huge + `],"Resource":"*"`), policy.CodeSyntax},
		{"Resource", hDoc(`"Effect":"Allow","Action":"*","Resource":` + huge), policy.CodeSyntax},
		{"NotResource entry", hDoc(`"Effect":"Allow","Action":"*","NotResource":[-1e-400]`), policy.CodeSyntax},
		{"Principal", hDoc(`"Effect":"Allow","Principal":1,"Action":"*"`), policy.CodePrincipalFormat},
		{"Principal AWS account as a number", hDoc(`"Effect":"Allow","Principal":{"AWS":111122223333},"Action":"*"`), policy.CodePrincipalFormat},
		{"Principal AWS list", hDoc(`"Effect":"Allow","Principal":{"AWS":[1e400]},"Action":"*"`), policy.CodePrincipalFormat},
		{"Condition", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":1`), policy.CodeConditionShape},
		{"Condition operator", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":1e400}`), policy.CodeConditionShape},
		{"Date value 1e400", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":1e400}}`), policy.CodeConditionValueType},
		{"Date value -1", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":-1}}`), policy.CodeConditionValueType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := hParse(t, tc.doc)
			got := hWithCode(fs, tc.code)
			if len(got) == 0 {
				t.Fatalf("want %s, got %v", tc.code, fs)
			}
			if got[0].Pos.Line == 0 || got[0].Message == "" {
				t.Errorf("finding without position or message: %+v", got[0])
			}
		})
	}

	// Numbers as condition values are their literal text: an exponent is
	// then not a Numeric value (a warning: AWS accepts it, it never
	// matches), and String operators compare the text.
	t.Run("condition values", func(t *testing.T) {
		p, fs := hParse(t, hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{
			"NumericLessThan":{"s3:max-keys":1e400},"StringEquals":{"aws:username":[1E400,-0.0,12345678901234567890123]}}`))
		if fs != nil {
			t.Fatalf("Parse: %v", fs)
		}
		c := p.Statements[0].Conditions
		if c[0].Values[0].Value != "1e400" || c[1].Values[0].Value != "1E400" || c[1].Values[1].Value != "-0.0" || c[1].Values[2].Value != "12345678901234567890123" {
			t.Errorf("values = %+v, %+v", c[0].Values, c[1].Values)
		}
		w := hWithCode(p.Validate(policy.TypeIdentity), policy.CodeConditionValueType)
		if len(w) != 1 || w[0].Severity != policy.Warning || !strings.Contains(w[0].Message, "1e400") {
			t.Errorf("want one CONDITION_VALUE_TYPE warning for 1e400, got %v", w)
		}
		if err := p.Check(policy.TypeIdentity); err != nil {
			t.Errorf("Check: %v", err)
		}
	})
}

// TestHostileDateValues: AWS rejects a policy with an invalid date, so an
// out-of-range date is a parse error under every Date operator form, and so
// is epoch seconds beyond a signed 64-bit integer ("The policy failed legacy
// parsing"); year 0 and epoch seconds up to that limit are dates.
func TestHostileDateValues(t *testing.T) {
	ops := []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
		"DateLessThanIfExists", "ForAnyValue:DateGreaterThan", "ForAllValues:DateNotEqualsIfExists"}
	bad := []string{`"99999-01-01"`, `"99999-01-01T00:00:00Z"`, `"2020-13-01"`, `"2020-00-01"`, `"2021-02-29"`, `"2020-01-01T24:00:00Z"`,
		`"-1"`, `-1`, `"-1609459200"`, `"1e10"`, `1e10`, `"1609459200.5"`, `1609459200.5`, `""`, `"2020-01-01T00:00:00+24:00"`,
		`"` + strings.Repeat("9", 30) + `"`, `123456789012345678901234567890`, `"9223372036854775808"`}
	good := []string{`"0000-01-01"`, `"9223372036854775807"`, `9223372036854775807`, `0`, `"2020-02-29T23:59:59.999999999999Z"`}
	for _, op := range ops {
		for _, v := range bad {
			t.Run(op+" "+v, func(t *testing.T) {
				_, fs := hParse(t, hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"`+op+`":{"aws:CurrentTime":[`+v+`]}}`))
				got := hWithCode(fs, policy.CodeConditionValueType)
				if len(got) != 1 || got[0].Severity != policy.Error || !strings.Contains(got[0].Message, "not a date") {
					t.Errorf("want one CONDITION_VALUE_TYPE error, got %v", fs)
				}
			})
		}
		for _, v := range good {
			p, fs := hParse(t, hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"`+op+`":{"aws:CurrentTime":`+v+`}}`))
			if fs != nil || p.Check(policy.TypeIdentity) != nil {
				t.Errorf("%s %s: %v", op, v, fs)
			}
		}
	}
}

// TestHostileIPValues: zones and impossible prefix lengths are values AWS
// accepts in a stored policy but that never match: a warning, not an
// error. IPv4-mapped IPv6 is a valid IPv6 value.
func TestHostileIPValues(t *testing.T) {
	for _, v := range []string{"fe80::1%eth0", "fe80::%eth0/64", "10.0.0.0/33", "2001:db8::/129", "::ffff:10.0.0.0/129", "10.0.0.0/-1", "10.0.0.0/99999999999999999999"} {
		for _, op := range []string{"IpAddress", "NotIpAddress", "ForAnyValue:IpAddressIfExists"} {
			p, fs := hParse(t, hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"`+op+`":{"aws:SourceIp":["192.0.2.0/24","`+v+`"]}}`))
			if fs != nil {
				t.Fatalf("%s %q: %v", op, v, fs)
			}
			w := hWithCode(p.Validate(policy.TypeIdentity), policy.CodeConditionValueType)
			if len(w) != 1 || w[0].Severity != policy.Warning || !strings.Contains(w[0].Message, "never matches") || w[0].Pointer != "/Statement/0/Condition/"+op+"/aws:SourceIp/1" {
				t.Errorf("%s %q: want one CONDITION_VALUE_TYPE warning, got %v", op, v, w)
			}
			if err := p.Check(policy.TypeIdentity); err != nil {
				t.Errorf("%s %q: Check = %v", op, v, err)
			}
		}
	}
	for _, v := range []string{"::ffff:10.0.0.1", "::ffff:10.0.0.0/104", "::ffff:0:0/96", "0.0.0.0/0", "::/0"} {
		p, fs := hParse(t, hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"`+v+`"}}`))
		if fs != nil || len(p.Validate(policy.TypeIdentity)) != 0 {
			t.Errorf("%q: %v %v", v, fs, p.Validate(policy.TypeIdentity))
		}
	}
}

// everyOperator returns the members of a Condition block that applies every
// operator name (base, qualifier and IfExists) to the keys.
func everyOperator(keys string) string {
	bases := []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
		"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"}
	var ops []string
	for _, b := range bases {
		for _, q := range []string{"", "ForAnyValue:", "ForAllValues:"} {
			ops = append(ops, `"`+q+b+`":{`+keys+`}`, `"`+q+b+`IfExists":{`+keys+`}`)
		}
	}
	return strings.Join(ops, ",")
}

// numbered joins n copies of format, each formatted with its index, with
// commas.
func numbered(n int, format string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// TestHostileSizes feeds documents at and far beyond the safety limits:
// each is rejected with an INPUT_LIMIT error naming the limit, or parsed,
// within hostileBound.
func TestHostileSizes(t *testing.T) {
	stmt := `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`
	twoMiB := `{"Version":"2012-10-17","Statement":[` + strings.TrimSuffix(strings.Repeat(stmt+",", 2<<20/len(stmt)), ",") + `]}`
	long := strings.Repeat("x", 100<<10)
	tests := []struct {
		name  string
		doc   string
		limit string // the limit named by the INPUT_LIMIT finding
		// wantPolicy says whether Parse still returns the policy.
		wantPolicy bool
	}{
		{"2 MiB document", twoMiB, "MaxDocumentBytes", false},
		{"2 MiB of white space", strings.Repeat(" ", 2<<20), "MaxDocumentBytes", false},
		{"10,000 [", strings.Repeat("[", 10000), "MaxDepth", false},
		{"10,000 [ as a condition value", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}}`), "MaxDepth", false},
		{"10,000 { as Statement", `{"Statement":` + strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000) + `}`, "MaxDepth", false},
		{"10,000 [ inside a string", hDoc(`"Sid":"` + strings.Repeat("[", 10000) + `","Effect":"Allow","Action":"*","Resource":"*"`), "MaxStringLength", true},
		{"100 KB Sid", hDoc(`"Sid":"` + long + `","Effect":"Allow","Action":"*","Resource":"*"`), "MaxStringLength", true},
		{"100 KB condition value", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"` + long + `"}}`), "MaxStringLength", true},
		{"10,000-digit condition value", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":` + strings.Repeat("9", 10000) + `}}`), "MaxStringLength", true},
		{"8,193-character number", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[-1.` + strings.Repeat("0", 8187) + `e+5]}}`), "MaxStringLength", true},
		{"10,000-digit number as Statement", `{"Version":"2012-10-17","Statement":` + strings.Repeat("1", 10000) + `}`, "MaxStringLength", true},
		{"100 KB condition key", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"` + long + `":"x"}}`), "MaxStringLength", true},
		{"100 KB of escapes", hDoc(`"Sid":"` + strings.Repeat(`\u0041`, 20000) + `","Effect":"Allow","Action":"*","Resource":"*"`), "MaxStringLength", true},
		{"Resource with 10,000 colons", hDoc(`"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::` + strings.Repeat(":", 10000) + `"`), "MaxStringLength", true},
		{"5,000 condition keys", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + numbered(5000, `"aws:PrincipalTag/k%d":"v"`) + `}}`), "MaxConditionClauses", true},
		{"every operator with 40 keys", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{` + everyOperator(numbered(40, `"aws:PrincipalTag/k%d":"true"`)) + `}`), "MaxConditionClauses", true},
		{"20,000 statements", `{"Version":"2012-10-17","Statement":[` + numbered(20000, `{"Sid":"S%d"}`) + `]}`, "MaxStatements", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, fs := hParse(t, tc.doc)
			got := hWithCode(fs, policy.CodeInputLimit)
			if len(got) == 0 {
				t.Fatalf("want INPUT_LIMIT, got %s", hShort(fs.Error()))
			}
			if !strings.Contains(got[0].Message, tc.limit) {
				t.Errorf("message %q does not name %s", got[0].Message, tc.limit)
			}
			if (p != nil) != tc.wantPolicy {
				t.Errorf("policy returned = %v, want %v", p != nil, tc.wantPolicy)
			}
			if n := len(fs.Error()); n > 1<<20 {
				t.Errorf("error message of %d bytes", n)
			}
		})
	}

	// Large but within every limit: parsed, validated and printed.
	accepted := []struct{ name, doc string }{
		{"10,000 actions", hDoc(`"Effect":"Allow","Action":[` + numbered(10000, `"s3:GetObject%d"`) + `],"Resource":"*"`)},
		{"10,000 resources", hDoc(`"Effect":"Allow","Action":"*","Resource":[` + numbered(10000, `"arn:aws:s3:::b/%d/*"`) + `]`)},
		{"10,000 condition values", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"s3:prefix":[` + numbered(10000, `"p%d/*"`) + `]}}`)},
		{"1,000 condition clauses", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + numbered(1000, `"aws:PrincipalTag/k%d":"v"`) + `}}`)},
		{"Resource with 8,000 colons", hDoc(`"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::` + strings.Repeat(":", 8000) + `"`)},
		{"8,192-digit condition value", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":` + strings.Repeat("9", policy.MaxStringLength) + `}}`)},
		{"8,000 stars", hDoc(`"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::` + strings.Repeat("*", 8000) + `"`)},
		{"1,000 statements of 100 actions", `{"Version":"2012-10-17","Statement":[` + numbered(1000, `{"Sid":"S%d","Effect":"Allow","Action":[`+numbered(100, `"s3:A%d"`)+`],"Resource":"*"}`) + `]}`},
	}
	for _, tc := range accepted {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.doc) > policy.MaxDocumentBytes {
				t.Fatalf("test document of %d bytes is over MaxDocumentBytes", len(tc.doc))
			}
			p, fs := hParse(t, tc.doc)
			if fs != nil {
				t.Fatalf("Parse: %s", hShort(fs.Error()))
			}
			canon, err := p.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON: %v", err)
			}
			q, err := policy.Parse(canon)
			if err != nil || !policy.Equal(p, q) {
				t.Errorf("canonical form does not parse back: %v", err)
			}
		})
	}
}

// TestHostileManyFindings: a document of a hundred thousand bad entries is
// reported in bounded time, and its error message stays proportionate.
func TestHostileManyFindings(t *testing.T) {
	for _, tc := range []struct{ name, doc string }{
		{"bad actions", hDoc(`"Effect":"Allow","Resource":"*","Action":[` + numbered(60000, `"x%d"`) + `]`)},
		{"unknown keys", hDoc(`"Effect":"Allow","Action":"*","Resource":"*",` + numbered(60000, `"k%d":1`))},
		{"bad dates", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateEquals":{"k":[` + numbered(60000, `"x%d"`) + `]}}`)},
		{"bad characters", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[` + numbered(60000, `"\u0000%d"`) + `]}}`)},
		{"duplicate keys", hDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{` + numbered(60000, `"k":"%d"`) + `}}`)},
		{"duplicate Sids", `{"Version":"2012-10-17","Statement":[` + numbered(1000, `{"Sid":"S","Effect":"Allow","Action":"*","Resource":"*"}`) + `]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := hParse(t, tc.doc)
			if !fs.HasErrors() {
				t.Fatal("no errors")
			}
			if n := len(fs.Error()); n > 40*len(tc.doc) {
				t.Errorf("error message of %d bytes for a %d-byte document", n, len(tc.doc))
			}
		})
	}
}

// TestHostileLimitsDocumented checks that every exported limit is a
// documented constant that the package documentation and the INPUT_LIMIT
// code name, so that `go doc ./policy` tells callers what Parse refuses.
func TestHostileLimitsDocumented(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "github.com/iamlogic/iamlogic/policy")
	if err != nil {
		t.Fatal(err)
	}
	limits := map[string]int{
		"MaxDocumentBytes":    policy.MaxDocumentBytes,
		"MaxDepth":            policy.MaxDepth,
		"MaxStatements":       policy.MaxStatements,
		"MaxStringLength":     policy.MaxStringLength,
		"MaxConditionClauses": policy.MaxConditionClauses,
	}
	documented := map[string]bool{}
	for _, group := range pkg.Consts {
		for _, spec := range group.Decl.Specs {
			vs := spec.(*ast.ValueSpec)
			for _, id := range vs.Names {
				if _, ok := limits[id.Name]; !ok {
					continue
				}
				if vs.Doc.Text() == "" && group.Doc == "" {
					t.Errorf("%s has no doc comment", id.Name)
				}
				documented[id.Name] = true
			}
		}
	}
	var inputLimitDoc string
	for _, group := range pkg.Types {
		for _, c := range group.Consts {
			for _, spec := range c.Decl.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, id := range vs.Names {
					if id.Name == "CodeInputLimit" {
						inputLimitDoc = vs.Doc.Text()
					}
				}
			}
		}
	}
	if inputLimitDoc == "" {
		t.Error("CodeInputLimit has no doc comment")
	}
	for name, v := range limits {
		if !documented[name] {
			t.Errorf("%s is not a documented package-level constant", name)
		}
		if v <= 0 {
			t.Errorf("%s = %d", name, v)
		}
		if !strings.Contains(pkg.Doc, "["+name+"]") {
			t.Errorf("the package documentation does not name [%s]", name)
		}
		if !strings.Contains(inputLimitDoc, "["+name+"]") {
			t.Errorf("the documentation of CodeInputLimit does not name [%s]", name)
		}
	}
	if !strings.Contains(pkg.Doc, "INPUT_LIMIT") {
		t.Error("the package documentation does not say which code reports a limit")
	}
}
