package iamlogic_test

import (
	"os"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
)

// TestREADMEListsUndocumented: the README names every behaviour of the
// evaluator's table of undocumented behaviours (SPEC §10.1), so that the
// list users read is the list the code keeps.
func TestREADMEListsUndocumented(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range evaluator.UndocumentedBehaviours() {
		if !strings.Contains(string(readme), "`"+b.Name+"`") {
			t.Errorf("README.md does not list the undocumented behaviour %q", b.Name)
		}
	}
}
