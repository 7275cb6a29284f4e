package analysis_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/policy"
)

func Example() {
	ref, _ := policy.ParseFile("ref.json", []byte(`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`))
	cand, _ := policy.ParseFile("cand.json", []byte(`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::reports/*"}]}`))
	a, err := analysis.Compare(policy.TypeIdentity, ref, cand, analysis.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Verdict)
	w := a.Witnesses[0]
	fmt.Println(w.Request.Action, "on", w.Request.Resource)
	fmt.Println("reference:", w.Reference.Decision)
	fmt.Println("candidate:", w.Outcome.Decision, "by", w.Outcome.Deciding[0].Pos)

	back, _ := analysis.Compare(policy.TypeIdentity, cand, ref, analysis.Options{})
	fmt.Println(back.Verdict)
	// Output:
	// FAIL
	// s3:get on arn:aws:s3:::reports/
	// reference: implicitDeny
	// candidate: allowed by cand.json:2:3
	// PASS
}
