// Command assume-role-mfa-externalid shows a cross-account role whose trust
// policy requires both the external ID agreed with a partner and MFA, and
// the difference between the Bool and BoolIfExists condition operators for
// aws:MultiFactorAuthPresent, a key that requests signed with long-term
// access keys do not carry at all.
//
//	go run ./examples/assume-role-mfa-externalid [-dir examples/assume-role-mfa-externalid]
package main

import (
	"io"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/examples/internal/show"
	"github.com/iamlogic/iamlogic/policy"
)

const (
	roleARN    = "arn:aws:iam::111122223333:role/PartnerAuditRole"
	auditor    = "arn:aws:iam::444455556666:user/auditor-li"
	externalID = "ExampleCorp-7f3a9c"
)

func main() { show.Main(run) }

func run(w io.Writer, dir string) error {
	l := show.NewLoader(dir)
	strictTrust := l.Load("trust-policy.json")
	lenientTrust := l.Load("trust-policy-ifexists.json")
	caller := l.Load("caller-policy.json")

	strict, err := l.Compile(evaluator.Policies{
		Identity:     []*policy.Policy{caller},
		Resource:     strictTrust,
		ResourceType: policy.TypeTrust,
	})
	if err != nil {
		return err
	}
	lenient, err := l.Compile(evaluator.Policies{
		Identity:     []*policy.Policy{caller},
		Resource:     lenientTrust,
		ResourceType: policy.TypeTrust,
	})
	if err != nil {
		return err
	}

	// assume builds the AssumeRole request; mfa is "" when the key is absent
	// (a request signed with an IAM user's long-term access keys).
	assume := func(extID, mfa string) evaluator.Request {
		ctx := map[string]conditions.Value{}
		if extID != "" {
			ctx["sts:ExternalId"] = conditions.Single(extID)
		}
		if mfa != "" {
			ctx["aws:MultiFactorAuthPresent"] = conditions.Single(mfa)
		}
		return evaluator.Request{Principal: auditor, Action: "sts:AssumeRole", Resource: roleARN, Context: conditions.NewContext(ctx)}
	}
	strict.Explain(w, "With MFA and the external ID", assume(externalID, "true"))
	strict.Explain(w, "Without the external ID", assume("", "true"))
	strict.Explain(w, "Bool: long-term access keys (no MFA key at all)", assume(externalID, ""))
	strict.Explain(w, "Bool: temporary credentials obtained without MFA", assume(externalID, "false"))
	lenient.Explain(w, "BoolIfExists: long-term access keys get through", assume(externalID, ""))
	lenient.Explain(w, "BoolIfExists: temporary credentials without MFA do not", assume(externalID, "false"))
	return nil
}
