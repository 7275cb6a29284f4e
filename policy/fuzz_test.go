package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/tidwall/gjson"
)

// FuzzParsePolicy checks that Parse never panics, that Validate, Check and
// MarshalJSON accept whatever Parse returns, that Check judges a clean
// policy and a copy of it built in Go alike, and that the canonical form of
// a clean document is stable: it parses to an equal policy and prints to
// the same bytes.
func FuzzParsePolicy(f *testing.F) {
	for i, file := range corpusFiles(f, corpusDir) {
		if i%3 != 0 {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range catalogue {
		f.Add([]byte(tc.doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if p == nil {
			if err == nil {
				t.Fatal("nil policy without an error")
			}
			return
		}
		for _, typ := range Types() {
			p.Validate(typ)
			_ = p.Check(typ)
		}
		canon, merr := p.MarshalJSON()
		if err != nil {
			return // the canonical form is promised only for clean documents
		}
		if merr != nil {
			t.Fatalf("MarshalJSON of a clean policy: %v", merr)
		}
		// A copy built in Go, without what Parse learned, is judged clean
		// by the checks Check runs on a model.
		built := *p
		built.meta = nil
		for _, typ := range Types() {
			if (p.Check(typ) == nil) != (built.Check(typ) == nil) {
				t.Fatalf("Check(%s) of the parsed policy = %v, of a copy built in Go = %v", typ, p.Check(typ), built.Check(typ))
			}
		}
		q, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, canon)
		}
		if !Equal(p, q) {
			t.Fatalf("canonical form parses to a different policy:\n%s", canon)
		}
		again, err := q.MarshalJSON()
		if err != nil || !bytes.Equal(canon, again) {
			t.Fatalf("canonical form is not stable:\n%s\n%s", canon, again)
		}
	})
}

// FuzzJSONGrammar checks the JSON grammar that scan follows against two
// independent validators, encoding/json.Valid and gjson.Valid: all three
// must agree on whether every input is valid JSON, and a violation must be
// described at an offset within the input.
func FuzzJSONGrammar(f *testing.F) {
	for _, tc := range catalogue {
		f.Add([]byte(tc.doc))
	}
	for _, s := range []string{
		"", " ", "{", "[", "{}", "[]", `{"a":1}`, "[1,]", `{"a":1,}`, `"\u12`, `"\u00e9"`, "-", "-0", "01",
		"1e", "1E+2", "1.", "0.5e-3", "tru", "nul", "false", "'a'", "{\"a\"\t:\"b\\x\"}", "\"a\tb\"", "[1]x",
		"{]", "[}", "\xef\xbb\xbf{}", "\"\xff\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "{\"a\" \"b\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sr := scan(data, false)
		valid := sr.synMsg == ""
		if std := json.Valid(data); valid != std {
			t.Fatalf("scan says valid=%v (%q at %d), encoding/json.Valid says %v", valid, sr.synMsg, sr.synOff, std)
		}
		if gv := gjson.ValidBytes(data); valid != gv {
			t.Fatalf("scan says valid=%v (%q at %d), gjson.Valid says %v", valid, sr.synMsg, sr.synOff, gv)
		}
		if !valid && (sr.synOff < 0 || sr.synOff > len(data)) {
			t.Fatalf("violation %q at offset %d of a %d-byte input", sr.synMsg, sr.synOff, len(data))
		}
	})
}
