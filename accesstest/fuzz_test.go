package accesstest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
)

// fuzzRead serves two policy files from memory: one valid, one invalid;
// every other name is missing.
func fuzzRead(rel string) (string, []byte, error) {
	switch rel {
	case "p.json":
		return rel, []byte(identityPol), nil
	case "bad.json":
		return rel, []byte(`{"Statement":`), nil
	}
	return rel, nil, fs.ErrNotExist
}

func FuzzParseCases(f *testing.F) {
	data, err := os.ReadFile("../testdata/conformance/aws-docs.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			f.Add(line, true)
		}
	}
	bench, err := filepath.Glob("../testdata/bench/*.json")
	if err != nil || len(bench) == 0 {
		f.Fatalf("bench files: %v %v", bench, err)
	}
	for _, b := range bench {
		data, err := os.ReadFile(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
	}
	f.Add([]byte(`{"cases":[`+minimal("a", `"identityPolicies":["p.json","bad.json","gone.json"]`)+`]}`), false)
	f.Add([]byte("\r\n"+minimal("a", `"settings":{"s3BlockPublicAccess":true}`)+"\r\n"), true)
	// Quantified cases: a principal pattern, an action pattern, open keys,
	// neverAllowed, and the fields they refuse.
	for _, q := range []string{
		qcase(`"principal":"*","action":"s3:Get*","resource":"arn:aws:s3:::b/*"`, "neverAllowed", ""),
		qcase(`"principal":"111122223333","action":"s3:GetObject","resource":"*","open":["aws:SourceIp"]`, "allowed", ""),
		qcase(`"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"*","open":["*"],"context":{"k":"v"}`, "neverAllowed", ""),
		qcase(`"principal":"*","action":"s3:GetObject","resource":"*","open":["k"]`, "neverAllowed", `"settings":{"strict":true}`),
	} {
		f.Add([]byte(q), false)
	}

	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		name := "fuzz.json"
		if jsonl {
			name = "fuzz.jsonl"
		}
		cases, err := Parse(name, data, fuzzRead)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not a *accesstest.Error", err, err)
			}
			if ce.Pos.File != name || ce.Pos.Line < 0 || (ce.Pos.Line > 0 && ce.Pos.Column < 1) || ce.Msg == "" {
				t.Fatalf("malformed error %+v", ce)
			}
			if cases != nil {
				t.Fatalf("%d cases returned with an error", len(cases))
			}
			return
		}
		if len(cases) == 0 {
			t.Fatal("no cases and no error")
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, c := range cases {
			if c.Name == "" {
				t.Fatalf("case with an empty name: %+v", c)
			}
			if c.Pos.Line < 1 || c.Pos.Line > lines || c.Pos.File != name {
				t.Fatalf("case %q at %s of a %d-line file", c.Name, c.Pos, lines)
			}
			if c.Request.Action == "" || c.Request.Resource == "" {
				t.Fatalf("case %q without action or resource: %+v", c.Name, c.Request)
			}
			checkQuantifier(t, c)
			for ref, src := range sources(c) {
				if src.Line < 1 || src.Column < 1 || (src.File == name && src.Line > lines) {
					t.Fatalf("case %q: Sources[%v] = %+v", c.Name, ref, src)
				}
			}
			if c.Err != nil {
				var pe *PolicyError
				if !errors.As(c.Err, &pe) && !errors.Is(c.Err, fs.ErrNotExist) {
					t.Fatalf("case %q: Err %T %v", c.Name, c.Err, c.Err)
				}
				_ = c.Err.Error()
			}
		}
	})
}

// checkQuantifier fails unless a quantified case keeps the rules of the
// format: it expects neverAllowed or allowed, has no strict setting nor
// undocumented list, and its principal pattern was taken out of the
// request.
func checkQuantifier(t *testing.T, c *Case) {
	t.Helper()
	q := c.Quantified
	if q == nil {
		if c.Expectation() == neverAllowed {
			t.Fatalf("case %q expects neverAllowed without a quantifier", c.Name)
		}
		return
	}
	switch {
	case !q.NeverAllowed && c.Expected != evaluator.Allowed, c.Strict, c.ExpectUndocumented:
		t.Fatalf("case %q: quantified with %s, strict %v, undocumented %v", c.Name, c.Expectation(), c.Strict, c.ExpectUndocumented)
	case (q.AnyPrincipal || q.Account != "") && c.Request.Principal != "":
		t.Fatalf("case %q: principal pattern and principal %q", c.Name, c.Request.Principal)
	case q.AnyPrincipal && fixedField(c) != "":
		t.Fatalf("case %q: principal \"*\" with %s", c.Name, fixedField(c))
	case q.Account != "" && !isAccount(q.Account):
		t.Fatalf("case %q: account %q", c.Name, q.Account)
	}
	seen := map[string]bool{}
	for _, k := range q.Open {
		if k == "" || seen[strings.ToLower(k)] {
			t.Fatalf("case %q: open keys %q", c.Name, q.Open)
		}
		seen[strings.ToLower(k)] = true
	}
}

func BenchmarkParse(b *testing.B) {
	const file = "../testdata/conformance/aws-docs.jsonl"
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cases, err := Parse(file, data, nil)
		if err != nil || len(cases) < 203 {
			b.Fatalf("Parse: %d cases, %v", len(cases), err)
		}
	}
}
