package accesstest

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

func TestParseSet(t *testing.T) {
	const allow = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	files := map[string]string{"id.json": allow, "boundary.json": allow}
	read := func(rel string) (string, []byte, error) {
		if d, ok := files[rel]; ok {
			return rel, []byte(d), nil
		}
		return rel, nil, errors.New("no such file")
	}
	set, err := ParseSet("set.json", []byte(`{"description": "the role", "identityPolicies": ["id.json"], "permissionsBoundary": "boundary.json", "scps": [[`+allow+`], []]}`), read)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Identity) != 1 || set.Boundary == nil || len(set.SCPs) != 2 || set.Resource != nil {
		t.Fatalf("set = %+v", set)
	}
	if got := set.Identity[0].Pos.File; got != "id.json" {
		t.Errorf("identity policy from %q, want id.json", got)
	}
	trust, err := ParseSet("set.json", []byte(`{"trustPolicy": {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}`), read)
	if err != nil {
		t.Fatal(err)
	}
	if trust.Resource == nil || trust.ResourceType != policy.TypeTrust {
		t.Errorf("trustPolicy: resource %v as %q, want a trust policy", trust.Resource, trust.ResourceType)
	}
	for _, tc := range []struct{ data, want string }{
		{`[]`, "one JSON object of policies"},
		{`{"identityPolicies": [`, "one JSON object of policies"},
		{`{"request": {}}`, `unknown field "request"`},
		{`{"identityPolicies": ["missing.json"]}`, "missing.json"},
		{`{"identityPolicies": "id.json"}`, "must be an array"},
		{`{"resourcePolicy": "id.json", "trustPolicy": "id.json"}`, "not both"},
	} {
		_, err := ParseSet("set.json", []byte(tc.data), read)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSet(%s) = %v, want an error containing %q", tc.data, err, tc.want)
		}
	}
}
