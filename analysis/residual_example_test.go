package analysis_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// The trust policy of id_roles_create_for-user_externalid.md, with MFA: for
// which external IDs and MFA states may the partner's auditor assume the
// role?
func ExampleConditions() {
	trust, _ := policy.ParseFile("trust.json", []byte(`{"Version":"2012-10-17","Statement":[{
  "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole",
  "Condition":{"StringEquals":{"sts:ExternalId":"ExampleCorp-7f3a9c"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}}]}`))
	caller, _ := policy.ParseFile("caller.json", []byte(`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"},
  {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`))
	set := evaluator.Policies{Identity: []*policy.Policy{caller}, Resource: trust, ResourceType: policy.TypeTrust}
	req := evaluator.Request{
		Principal: "arn:aws:iam::444455556666:user/auditor-li",
		Action:    "sts:AssumeRole",
		Resource:  "arn:aws:iam::111122223333:role/PartnerAuditRole",
	}
	r, err := analysis.Conditions(set, req, []string{"sts:ExternalId", "aws:MultiFactorAuthPresent", "aws:SecureTransport", "aws:SourceIp"}, analysis.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	fmt.Println("not read:", r.Unread)
	w := r.Witnesses[0]
	fmt.Println("witness:", w.Outcome.Decision, "by", w.Outcome.Deciding[1].Pos)
	// Output:
	// allowed when sts:ExternalId equals "ExampleCorp-7f3a9c" and not (aws:MultiFactorAuthPresent is false) and aws:SecureTransport is true
	// not read: [aws:SourceIp]
	// witness: allowed by trust.json:1:38
}

// Can alice ever delete a report? Only with MFA, which the request leaves
// open.
func ExampleNotGrantedWhere() {
	p, _ := policy.ParseFile("alice.json", []byte(`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::reports/*"},
  {"Effect":"Allow","Action":"s3:Delete*","Resource":"arn:aws:s3:::reports/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`))
	set := evaluator.Policies{Identity: []*policy.Policy{p}}
	pattern := analysis.RequestPattern{
		Request: evaluator.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:Delete*", Resource: "arn:aws:s3:::reports/*"},
		Open:    []string{"aws:MultiFactorAuthPresent"},
	}
	a, _ := analysis.NotGrantedWhere(set, pattern, analysis.Options{})
	w := a.Witnesses[0].Request
	mfa, _ := w.Context.Lookup("aws:MultiFactorAuthPresent")
	fmt.Println(a.Verdict, w.Action, w.Resource, mfa.Values())

	pattern.Open = nil // the key is then absent
	a, _ = analysis.NotGrantedWhere(set, pattern, analysis.Options{})
	fmt.Println(a.Verdict)
	// Output:
	// FAIL s3:delete arn:aws:s3:::reports/ [true]
	// PASS
}
