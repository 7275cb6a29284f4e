package evaluator_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// TestZeroSet checks that a Set Compile did not build, the zero Set or a
// nil *Set, denies every request with ErrNotCompiled instead of panicking,
// from every method.
func TestZeroSet(t *testing.T) {
	var zero evaluator.Set
	var nilSet *evaluator.Set
	requests := []evaluator.Request{
		req(userArn, "s3:GetObject", bucketObj),
		req(userArn, "sts:GetCallerIdentity", "*"), // needs no permission, but there is no set
		req("lambda.amazonaws.com", "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"),
		{}, // and an invalid request
	}
	sets := []struct {
		name string
		set  *evaluator.Set
	}{{"zero Set", &zero}, {"nil *Set", nilSet}, {"new(Set)", new(evaluator.Set)}}
	for _, s := range sets {
		for _, r := range requests {
			methods := []struct {
				name string
				eval func(evaluator.Request) evaluator.Result
			}{{"Evaluate", s.set.Evaluate}, {"Explain", s.set.Explain}}
			for _, m := range methods {
				res := m.eval(r)
				if res.Decision != evaluator.ImplicitDeny || res.Reason != evaluator.ReasonInvalidRequest || res.BlockedBy != "" {
					t.Errorf("%s.%s(%s): got %v", s.name, m.name, r.Action, res)
				}
				if !errors.Is(res.Err, evaluator.ErrNotCompiled) {
					t.Errorf("%s.%s(%s): Err = %v, want ErrNotCompiled", s.name, m.name, r.Action, res.Err)
				}
				if m.name == "Explain" && res.Explanation == nil {
					t.Errorf("%s.Explain: no explanation", s.name)
				}
			}
		}
	}
	if msg := evaluator.ErrNotCompiled.Error(); !strings.Contains(msg, "Compile") {
		t.Errorf("ErrNotCompiled reads %q; it should say to use Compile", msg)
	}

	// A compiled set, even of no policies, is not ErrNotCompiled.
	set, err := evaluator.Compile(evaluator.Policies{})
	if err != nil {
		t.Fatal(err)
	}
	if res := set.Evaluate(req(userArn, "s3:GetObject", bucketObj)); res.Err != nil || res.Reason != evaluator.ReasonNoIdentityAllow {
		t.Errorf("empty compiled set: got %v", res)
	}
}

// TestRefStrings checks how policy and statement references print, the zero
// values included.
func TestRefStrings(t *testing.T) {
	policies := []struct {
		ref  evaluator.PolicyRef
		want string
	}{
		{evaluator.PolicyRef{}, "no policy"},
		{evaluator.PolicyRef{Level: -1}, "policy[0]"},
		{evaluator.PolicyRef{Level: 2, Index: 1}, "policy[level 2][1]"},
		{evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1, Index: 2}, "identity[2]"},
		{evaluator.PolicyRef{Type: policy.TypeSession, Level: -1}, "session[0]"},
		{evaluator.PolicyRef{Type: policy.TypeResource, Level: -1}, "resource"},
		{evaluator.PolicyRef{Type: policy.TypeTrust, Level: -1}, "trust"},
		{evaluator.PolicyRef{Type: policy.TypeBoundary, Level: -1}, "boundary"},
		{evaluator.PolicyRef{Type: policy.TypeEndpoint, Level: -1, Index: 1}, "endpoint[1]"},
		{evaluator.PolicyRef{Type: policy.TypeSCP, Level: 0, Index: 3}, "scp[level 0][3]"},
		{evaluator.PolicyRef{Type: policy.TypeRCP, Level: 1}, "rcp[level 1][0]"},
	}
	for _, tt := range policies {
		if got := tt.ref.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.ref, got, tt.want)
		}
	}
	identity := evaluator.PolicyRef{Type: policy.TypeIdentity, Level: -1}
	statements := []struct {
		ref  evaluator.StatementRef
		want string
	}{
		{evaluator.StatementRef{}, "no statement"},
		{evaluator.StatementRef{Statement: 2}, "statement 2"},
		{evaluator.StatementRef{Sid: "S"}, `statement 0 (Sid "S")`},
		{evaluator.StatementRef{Policy: identity}, "identity[0] statement 0"},
		{evaluator.StatementRef{Policy: identity, Statement: 1, Sid: "AllowRead", Effect: "Allow", Pos: policy.Position{Line: 7, Column: 5}}, `identity[0] statement 1 (Sid "AllowRead") at 7:5`},
	}
	for _, tt := range statements {
		if got := tt.ref.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
