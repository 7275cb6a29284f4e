package policy

import (
	"fmt"
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	stmt := `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`
	manyStatements := func(n int) string {
		return `{"Version": "2012-10-17", "Statement": [` + strings.TrimSuffix(strings.Repeat(stmt+",", n), ",") + `]}`
	}
	clauses := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"aws:PrincipalTag/k%d": "v"`, i)
		}
		return stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {` + b.String() + `}}`)
	}
	tests := []struct {
		name string
		doc  string
		// wantPolicy says whether Parse still returns the policy.
		wantPolicy bool
		msg        string
	}{
		{"MaxDocumentBytes", `{"Statement": [], "Id": "` + strings.Repeat("x", MaxDocumentBytes) + `"}`, false, "MaxDocumentBytes"},
		{"MaxDepth", `{"Statement": ` + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`, false, "MaxDepth"},
		{"MaxDepth unbalanced", strings.Repeat("[", 100000), false, "MaxDepth"},
		{"MaxStatements", manyStatements(MaxStatements + 1), true, "MaxStatements"},
		{"MaxStringLength", stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/` + strings.Repeat("k", MaxStringLength) + `"`), true, "MaxStringLength"},
		{"MaxConditionClauses", clauses(MaxConditionClauses + 1), true, "MaxConditionClauses"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, fs := parseFindings(t, []byte(tc.doc))
			got := withCode(fs, CodeInputLimit)
			if len(got) != 1 {
				t.Fatalf("want one INPUT_LIMIT finding, got %v", fs)
			}
			if !strings.Contains(got[0].Message, tc.msg) {
				t.Errorf("message %q does not name %s", got[0].Message, tc.msg)
			}
			if (p != nil) != tc.wantPolicy {
				t.Errorf("policy returned = %v, want %v", p != nil, tc.wantPolicy)
			}
			if p != nil && p.Check(TypeIdentity) == nil {
				t.Error("Check passes on a policy that exceeded a limit")
			}
		})
	}
	// Just within every limit.
	t.Run("at the limits", func(t *testing.T) {
		for _, doc := range []string{
			manyStatements(MaxStatements),
			clauses(MaxConditionClauses),
			stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::` + strings.Repeat("k", MaxStringLength-len("arn:aws:s3:::")) + `"`),
		} {
			if _, err := Parse([]byte(doc)); err != nil {
				t.Errorf("Parse: %v", err)
			}
		}
	})
}

// TestSizeLimit checks the quota of each policy type: characters without
// white space between tokens, or all characters for SCPs and RCPs.
func TestSizeLimit(t *testing.T) {
	// doc returns a policy for type typ padded with actions to at least n
	// characters (without white space).
	doc := func(typ Type, n int, indent bool) string {
		b := baseStatement(typ)
		prefix := "s3:"
		if typ == TypeTrust {
			prefix = "sts:"
		}
		var acts []string
		for size := len(b.String()); size < n; size += 103 {
			acts = append(acts, `"`+prefix+strings.Repeat("A", 100-len(prefix))+`"`)
		}
		sep := ","
		if indent {
			sep = ",\n        "
		}
		b.set("Action", "["+strings.Join(acts, sep)+"]")
		return b.String()
	}
	for _, typ := range Types() {
		r, _ := rulesFor(typ)
		t.Run(string(typ), func(t *testing.T) {
			under := mustParse(t, doc(typ, r.sizeLimit-300, true))
			if fs := withCode(under.Validate(typ), CodeSizeLimit); len(fs) != 0 && !r.sizeAllChars {
				t.Errorf("under the limit: %v", fs)
			}
			over := mustParse(t, doc(typ, r.sizeLimit+1, false))
			fs := withCode(over.Validate(typ), CodeSizeLimit)
			if len(fs) != 1 {
				t.Fatalf("over the limit: want one SIZE_LIMIT, got %v", fs)
			}
			f := fs[0]
			if f.Severity != Warning || !strings.Contains(f.Message, fmt.Sprint(r.sizeLimit)) || !strings.Contains(f.Message, "Cannot exceed quota for PolicySize") {
				t.Errorf("finding = %v (severity %v)", f, f.Severity)
			}
			if over.Check(typ) != nil {
				t.Errorf("Check fails on a size warning: %v", over.Check(typ))
			}
		})
	}
	t.Run("white space", func(t *testing.T) {
		// 300 spaces of indentation count for SCPs but not for identity
		// policies; spaces inside strings always count.
		d := doc(TypeSCP, 5120-200, false)
		padded := strings.Replace(d, `"Statement"`, strings.Repeat(" ", 300)+`"Statement"`, 1)
		p := mustParse(t, padded)
		if fs := withCode(p.Validate(TypeSCP), CodeSizeLimit); len(fs) != 1 {
			t.Errorf("SCP with white space: want SIZE_LIMIT, got %v", fs)
		}
		if want := len(padded) - strings.Count(padded, " "); p.Size != want {
			t.Errorf("Size = %d, want %d", p.Size, want)
		}
		if p.RawSize != len(padded) {
			t.Errorf("RawSize = %d, want %d", p.RawSize, len(padded))
		}
		inString := mustParse(t, stmtDoc(`"Sid": "a b", "Effect": "Allow", "Action": "*", "Resource": "*"`))
		compact := `{"Version":"2012-10-17","Statement":[{"Sid":"a b","Effect":"Allow","Action":"*","Resource":"*"}]}`
		if inString.Size != len(compact) {
			t.Errorf("Size = %d, want %d (white space inside strings counts)", inString.Size, len(compact))
		}
	})
	t.Run("built in Go", func(t *testing.T) {
		p := &Policy{Statements: []Statement{{Effect: Allow, Actions: []Item{{Value: "s3:" + strings.Repeat("G", 3000)}}, Resources: []Item{{Value: "*"}}, HasResource: true}}}
		if fs := withCode(p.Validate(TypeTrust), CodeSizeLimit); len(fs) != 1 {
			t.Errorf("want SIZE_LIMIT from the canonical size, got %v", fs)
		}
	})
}

func TestFindingsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}`)
	for i := range 3000 {
		fmt.Fprintf(&b, `, "k%d": 1`, i)
	}
	b.WriteString("}")
	_, fs := parseFindings(t, []byte(b.String()))
	if len(fs) != maxFindings+1 {
		t.Fatalf("got %d findings, want %d", len(fs), maxFindings+1)
	}
	if last := fs[len(fs)-1]; !strings.Contains(last.Message, "2000 more problems") {
		t.Errorf("last finding = %v", last)
	}
}
