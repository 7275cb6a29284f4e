package lint_test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/lint"
	"github.com/iamlogic/iamlogic/policy"
)

// TestManagedCorpus runs the catalog's checks on every AWS managed policy
// of the shared corpus. AWS's own policies must draw no finding a catalog
// gap would explain: the findings are counted by code and logged (run with
// -v), and the codes that can only be mistakes (an unknown service, an
// operator of the wrong type) are listed with their policy so that each
// can be read against AWS's documentation.
func TestManagedCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "aws-managed", "*.json"))
	if len(files) == 0 {
		t.Skip("the shared corpus of AWS managed policies (../../shared/corpus/aws-managed) is not checked out beside the project")
	}
	c := catalog.Default()
	counts := map[policy.Code]int{}
	samples := map[policy.Code][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := policy.ParseFile(filepath.Base(f), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if errs := p.Validate(policy.TypeIdentity).Errors(); len(errs) > 0 {
			t.Fatalf("%s: %v", f, errs)
		}
		for _, fd := range lint.Check(p, policy.TypeIdentity, c) {
			if fd.Severity != policy.Warning {
				t.Errorf("%s: a catalog finding that is not a warning: %v", f, fd)
			}
			counts[fd.Code]++
			if len(samples[fd.Code]) < 5 {
				samples[fd.Code] = append(samples[fd.Code], fd.Error())
			}
		}
	}
	var codes []string
	for code, n := range counts {
		codes = append(codes, string(code)+"="+strconv.Itoa(n))
	}
	sort.Strings(codes)
	t.Logf("%d AWS managed policies: %s", len(files), strings.Join(codes, " "))
	for code, s := range samples {
		t.Logf("%s, e.g.:\n  %s", code, strings.Join(s, "\n  "))
	}
}
