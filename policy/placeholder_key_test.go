package policy_test

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

// TestPlaceholderConditionKey: a placeholder stands only for a value; as a
// condition key it is refused, so that it cannot make a negated clause hold.
func TestPlaceholderConditionKey(t *testing.T) {
	doc := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"\u0000k":"x"}}}]}`)
	_, err := policy.ParseMapped(doc, func(off int) policy.Position { return policy.Position{Line: 1, Column: off + 1} })
	if err == nil || !strings.Contains(err.Error(), "not known offline") {
		t.Fatalf("ParseMapped = %v, want the placeholder key refused", err)
	}
}
