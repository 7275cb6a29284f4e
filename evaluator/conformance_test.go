package evaluator_test

import (
	"path/filepath"
	"testing"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
)

func TestConformance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "conformance", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	total := 0
	for _, f := range files {
		cases, err := accesstest.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += len(cases)
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				if c.Err != nil {
					t.Fatalf("case cannot be evaluated: %v", c.Err)
				}
				assertDecision(t, c)
			})
		}
	}
	if total < 203 {
		t.Errorf("ran %d conformance cases, want at least 203", total)
	}
}

// assertDecision runs the case through accesstest (as `iamlogic test`
// does) and checks that Evaluate, without an explanation, decides the same.
func assertDecision(t *testing.T, c *accesstest.Case) {
	t.Helper()
	o := accesstest.Run(c)
	if o.Err != nil {
		t.Fatalf("case cannot be evaluated: %v", o.Err)
	}
	if !o.Passed() {
		t.Errorf("%s at %s\n%s\n%v", o.Problem(), c.Pos, c.Description, o.Result)
	}
	set, err := evaluator.Compile(c.Policies)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	// Evaluate must decide as Explain does.
	if res := set.Evaluate(c.Request); res.Decision != o.Result.Decision || res.Reason != o.Result.Reason {
		t.Errorf("Evaluate decided %v (%v), Explain %v (%v)", res.Decision, res.Reason, o.Result.Decision, o.Result.Reason)
	}
}
