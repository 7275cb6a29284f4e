package accesstest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// setKeys are the keys of a policy-set file: the policy keys of a case.
var setKeys = []string{"description", "identityPolicies", "resourcePolicy", "trustPolicy", "permissionsBoundary",
	"sessionPolicy", "scps", "rcps", "endpointPolicies"}

// ReadSetFile reads the policy-set file at path (see [ParseSet]); policy
// paths in it are relative to its folder.
func ReadSetFile(path string) (evaluator.Policies, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return evaluator.Policies{}, err
	}
	return ParseSet(path, data, besideFile(path))
}

// ParseSet reads a policy-set file: one JSON object with the policy keys of
// an access-test case and nothing else ("identityPolicies",
// "resourcePolicy", "permissionsBoundary", "sessionPolicy", "scps", "rcps",
// "endpointPolicies", and an optional "description"; "trustPolicy" in place
// of "resourcePolicy" for a role's trust policy), each policy inline
// or a path that read resolves. It is the whole set of policies that
// decide a request, for comparing two sets (analysis.CompareSets). Errors
// are *Error or *PolicyError, with positions in the file.
func ParseSet(name string, data []byte, read ReadPolicy) (evaluator.Policies, error) {
	lt := policy.NewLines(name, data)
	if !gjson.ValidBytes(data) || !gjson.ParseBytes(bytes.TrimSpace(data)).IsObject() {
		at := 0
		if !gjson.ValidBytes(data) {
			at, _ = syntaxError(data)
		}
		return evaluator.Policies{}, &Error{Pos: lt.Pos(at), Msg: "a policy-set file is one JSON object of policies, such as {\"identityPolicies\": [\"role.json\"], \"permissionsBoundary\": \"boundary.json\"}"}
	}
	root := gjson.ParseBytes(data)
	obj, msg := fields(root, "policy set", setKeys)
	if msg != "" {
		return evaluator.Policies{}, &Error{Pos: lt.Pos(root.Index), Msg: msg}
	}
	p := parser{name: name, data: data, lines: lt, read: read}
	c := &Case{Name: filepath.Base(name), Pos: lt.Pos(root.Index)}
	if err := p.policies(obj, c); err != nil {
		return evaluator.Policies{}, err
	}
	if v := obj.get("trustPolicy"); v.Exists() && v.Type != gjson.Null {
		if c.Policies.Resource != nil {
			return evaluator.Policies{}, p.errAt(v, "a policy set has a resourcePolicy or a trustPolicy, not both")
		}
		pol, err := p.policy(v, c, evaluator.PolicyRef{Type: policy.TypeTrust, Level: -1})
		if err != nil {
			return evaluator.Policies{}, err
		}
		c.Policies.Resource, c.Policies.ResourceType = pol, policy.TypeTrust
	}
	if c.Err != nil {
		return evaluator.Policies{}, fmt.Errorf("%s: %w", c.Pos, c.Err)
	}
	return c.Policies, nil
}
