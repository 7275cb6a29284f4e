package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// marker shows, in a test document, where a finding must point. It is
// removed before the document is parsed. (U+2038 is not allowed in
// policies, so it cannot clash with the document's own text.)
const marker = "‸"

// splitMarker removes the marker from doc and returns the document and the
// position the marker stood at, computed independently of the parser.
func splitMarker(t *testing.T, doc string) ([]byte, Position) {
	t.Helper()
	i := strings.Index(doc, marker)
	if i < 0 {
		t.Fatalf("test document has no marker %s", marker)
	}
	clean := doc[:i] + doc[i+len(marker):]
	line := 1 + strings.Count(doc[:i], "\n")
	col := i - (strings.LastIndex(doc[:i], "\n") + 1) + 1
	return []byte(clean), Position{Offset: i, Line: line, Column: col}
}

// parseFindings parses data and returns the findings of Parse (which must
// be a Findings or nil).
func parseFindings(t *testing.T, data []byte) (*Policy, Findings) {
	t.Helper()
	p, err := Parse(data)
	if err == nil {
		return p, nil
	}
	var fs Findings
	if !errors.As(err, &fs) {
		t.Fatalf("Parse error is %T, want Findings: %v", err, err)
	}
	if !fs.HasErrors() {
		t.Fatalf("Parse returned findings without errors: %v", fs)
	}
	return p, fs
}

// mustParse parses a document that must have no parse errors.
func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", truncate(doc), truncate(err.Error()))
	}
	return p
}

// withCode returns the findings with code c.
func withCode(fs Findings, c Code) Findings {
	var out Findings
	for _, f := range fs {
		if f.Code == c {
			out = append(out, f)
		}
	}
	return out
}

// codeSet returns the distinct codes of fs, sorted.
func codeSet(fs Findings) []Code {
	seen := map[Code]bool{}
	var out []Code
	for _, f := range fs {
		if !seen[f.Code] {
			seen[f.Code] = true
			out = append(out, f.Code)
		}
	}
	sortCodes(out)
	return out
}

func sortCodes(cs []Code) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j] < cs[j-1]; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// stmtDoc wraps statement members in a 2012-10-17 policy with one
// statement in an array.
func stmtDoc(members string) string {
	return `{"Version": "2012-10-17", "Statement": [{` + members + `}]}`
}

// truncate shortens long documents and messages in failure output.
func truncate(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// parseTestdata parses testdata/NAME and returns the policy and its text,
// failing the test when it cannot.
func parseTestdata(t *testing.T, name string) (*Policy, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return p, src
}
