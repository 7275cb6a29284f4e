package policy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir holds the AWS managed policies shared by the packages' tests.
const corpusDir = "../testdata/corpus/aws-managed"

// sharedCorpusDir holds all AWS managed policies when the reference
// material is checked out beside the project.
const sharedCorpusDir = "../../shared/corpus/aws-managed"

func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkManaged parses and validates one AWS managed policy as an
// identity-based policy: it must have no error-severity finding, and its
// canonical form must parse back to the same policy.
func checkManaged(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if errs := p.Validate(TypeIdentity).Errors(); len(errs) > 0 {
		t.Fatalf("Validate(identity): %v", errs)
	}
	if err := p.Check(TypeIdentity); err != nil {
		t.Fatalf("Check(identity): %v", err)
	}
	canon, err := p.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	q, err := Parse(canon)
	if err != nil {
		t.Fatalf("Parse(canonical form): %v\n%s", err, canon)
	}
	if !Equal(p, q) {
		t.Fatalf("canonical form parses to a different policy:\n%s", canon)
	}
	again, err := q.MarshalJSON()
	if err != nil || !bytes.Equal(canon, again) {
		t.Fatalf("canonical form is not stable (err %v):\n%s\n%s", err, canon, again)
	}
}

// TestCorpus checks the managed policies copied into testdata.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t, corpusDir)
	if len(files) < 300 {
		t.Fatalf("found %d corpus files in %s, want 300", len(files), corpusDir)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) { checkManaged(t, f) })
	}
}

// TestSharedCorpus checks all 1,594 AWS managed policies when the shared
// reference material is present beside the project; without it the test
// is skipped, and says so (TestCorpus covers the copy in testdata).
func TestSharedCorpus(t *testing.T) {
	files := corpusFiles(t, sharedCorpusDir)
	if len(files) == 0 {
		t.Skipf("%s is absent: the 1,594 AWS managed policies were not checked", sharedCorpusDir)
	}
	if testing.Short() {
		files = files[:len(files)/10]
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) { checkManaged(t, f) })
	}
	t.Logf("%d AWS managed policies parse and validate clean as identity policies", len(files))
}
