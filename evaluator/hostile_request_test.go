package evaluator_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// NUL, control characters and invalid UTF-8 in any request field or context
// key/value must be an ImplicitDeny with Err, never an allow. Against a set
// that allows everything, each of these is Allowed today.
func TestHostileRequestBadBytes(t *testing.T) {
	set := hOpenSet(t)
	ctx := func(k, v string) conditions.Context {
		return conditions.NewContext(map[string]conditions.Value{k: conditions.Single(v)})
	}
	o := hObject
	for name, r := range map[string]evaluator.Request{
		"principal NUL":           {Principal: hUser + "\x00", Action: "s3:GetObject", Resource: o},
		"principal invalid UTF-8": {Principal: hUser + "\xff", Action: "s3:GetObject", Resource: o},
		"service principal NUL":   {Principal: "lambda.amazonaws.com\x00", Action: "s3:GetObject", Resource: o},
		"provider NUL":            {Principal: "federated:\x00", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/r"},
		"action NUL":              {Principal: hUser, Action: "s3:GetObject\x00", Resource: o},
		"action invalid UTF-8":    {Principal: hUser, Action: "s3:GetObject\xff", Resource: o},
		"action service invalid":  {Principal: hUser, Action: "s\xff3:GetObject", Resource: o},
		"action with a space":     {Principal: hUser, Action: "s3:Get Object", Resource: o},
		"resource NUL":            {Principal: hUser, Action: "s3:GetObject", Resource: o + "\x00"},
		"resource invalid UTF-8":  {Principal: hUser, Action: "s3:GetObject", Resource: o + "\xff"},
		"session issuer NUL":      {Principal: "arn:aws:sts::111122223333:assumed-role/r/s", SessionIssuer: "arn:aws:iam::111122223333:role/r\x00", Action: "s3:GetObject", Resource: o},
		"principal account NUL":   {Principal: "lambda.amazonaws.com", PrincipalAccount: "11112222333\x00", Action: "s3:GetObject", Resource: o},
		"resource account bad":    {Principal: hUser, ResourceAccount: "1111\xff", Action: "s3:GetObject", Resource: o},
		"context key NUL":         {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username\x00", "v")},
		"context value invalid":   {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username", "\xff")},
		"context value NUL":       {Principal: hUser, Action: "s3:GetObject", Resource: o, Context: ctx("aws:username", "a\x00")},
	} {
		t.Run(name, func(t *testing.T) {
			res := set.Evaluate(r)
			var re *evaluator.RequestError
			if res.Decision != evaluator.ImplicitDeny || !errors.As(res.Err, &re) {
				t.Errorf("got %v (reason %v, err %v), want an implicit deny with a *RequestError", res.Decision, res.Reason, res.Err)
			}
		})
	}
}

// CompileError must name the endpoint policy that is invalid: for
// Endpoints[1] it names endpoint[0] (compileGroup is called with a
// one-element slice, so its index is always 0).
func TestHostileCompileErrorNamesEndpointIndex(t *testing.T) {
	ok := hPolicy(t, hStmt(`"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"`))
	_, err := evaluator.Compile(evaluator.Policies{Endpoints: []*policy.Policy{ok, nil}})
	var ce *evaluator.CompileError
	if !errors.As(err, &ce) || ce.Policy.Index != 1 {
		t.Errorf("Compile error = %v, want one naming endpoint[1]", err)
	}
}

// One evaluation must stay bounded when an 8 KiB policy glob (within
// MaxStringLength) meets a 1 MiB request resource: the matcher is
// O(len(segment) × len(subject)).
func TestHostileLongSegmentResource(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t,
		hStmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*`+strings.Repeat("a", 8000)+`b*"`))}})
	if err != nil {
		t.Fatal(err)
	}
	r := evaluator.Request{Principal: hUser, Action: "s3:GetObject", Resource: "arn:aws:s3:::" + strings.Repeat("a", 1<<20)}
	start := time.Now()
	set.Evaluate(r)
	if d := time.Since(start); d > time.Second {
		t.Errorf("one evaluation took %v", d)
	}
}

// The same gap bypasses an explicit Deny: "s3:GetObject\x00" is not the
// denied action but is granted by "s3:*".
func TestHostileBadBytesBypassDeny(t *testing.T) {
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Policy{hPolicy(t, hStmt(
		`"Effect":"Allow","Action":"s3:*","Resource":"*"`,
		`"Effect":"Deny","Action":"s3:GetObject","Resource":"*"`))}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"s3:GetObject\x00", "s3:GetObject\xff", "s3:GetObject ", "s3:GetObject\n"} {
		if res := set.Evaluate(evaluator.Request{Principal: hUser, Action: a, Resource: hObject}); res.Decision == evaluator.Allowed {
			t.Errorf("action %q: allowed past the Deny of s3:GetObject", a)
		}
	}
}
