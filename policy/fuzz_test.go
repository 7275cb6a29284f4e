package policy

import (
	"bytes"
	"os"
	"testing"
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
