package iamlogic_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic"
	"github.com/iamlogic/iamlogic/evaluator"
)

func doc(name, json string) iamlogic.Document {
	return iamlogic.Document{Name: name, JSON: []byte(json)}
}

const (
	readAll   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	denyAll   = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`
	allowAll  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	trustUser = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ana"},"Action":"sts:AssumeRole"}]}`
	bucketPol = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
)

func TestAuthorize(t *testing.T) {
	user := "arn:aws:iam::111122223333:user/ana"
	get := iamlogic.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"}
	tests := []struct {
		name string
		docs iamlogic.Documents
		req  iamlogic.Request
		want iamlogic.Decision
	}{
		{"no documents", iamlogic.Documents{}, get, iamlogic.ImplicitDeny},
		{"identity allows", iamlogic.Documents{Identity: []iamlogic.Document{doc("id.json", readAll)}}, get, iamlogic.Allowed},
		{"boundary limits", iamlogic.Documents{Identity: []iamlogic.Document{doc("id.json", readAll)}, Boundary: doc("b.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`)}, get, iamlogic.ImplicitDeny},
		{"an SCP level denies", iamlogic.Documents{Identity: []iamlogic.Document{doc("id.json", readAll)}, SCPs: [][]iamlogic.Document{{doc("full.json", allowAll)}, {doc("deny.json", denyAll)}}}, get, iamlogic.ExplicitDeny},
		{"a role's trust policy lets the user assume it", iamlogic.Documents{
			Identity: []iamlogic.Document{doc("id.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)},
			Trust:    doc("trust.json", trustUser),
		}, iamlogic.Request{Principal: user, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/r"}, iamlogic.Allowed},
		{"cross account: the bucket policy grants the other account", iamlogic.Documents{
			Identity: []iamlogic.Document{doc("id.json", readAll)},
			Resource: doc("bucket.json", bucketPol),
		}, iamlogic.Request{Principal: "arn:aws:iam::444455556666:user/bo", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"}, iamlogic.Allowed},
		{"cross account: no bucket policy", iamlogic.Documents{
			Identity: []iamlogic.Document{doc("id.json", readAll)},
		}, iamlogic.Request{Principal: "arn:aws:iam::444455556666:user/bo", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111122223333"}, iamlogic.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := iamlogic.Authorize(tt.docs, tt.req)
			if err != nil {
				t.Fatalf("Authorize: %v", err)
			}
			if res.Decision != tt.want {
				t.Errorf("decision %v, want %v\n%v", res.Decision, tt.want, res)
			}
			if res.Explanation == nil {
				t.Error("no explanation")
			}
			// The compiled path decides the same.
			if ps := compile(t, tt.docs); ps != nil {
				if got := ps.Evaluate(tt.req).Decision; got != res.Decision {
					t.Errorf("PolicySet.Evaluate decided %v, Authorize %v", got, res.Decision)
				}
			}
		})
	}
}

// compile builds the same policies through ParsePolicy and Compile.
func compile(t *testing.T, d iamlogic.Documents) *iamlogic.PolicySet {
	t.Helper()
	parse := func(doc iamlogic.Document) *iamlogic.Policy {
		if doc.IsZero() {
			return nil
		}
		p, err := iamlogic.ParsePolicy(doc.Name, doc.JSON)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	var ps iamlogic.Policies
	for _, x := range d.Identity {
		ps.Identity = append(ps.Identity, parse(x))
	}
	ps.Resource = parse(d.Resource)
	if !d.Trust.IsZero() {
		ps.Resource, ps.ResourceType = parse(d.Trust), "trust"
	}
	ps.Boundary = parse(d.Boundary)
	for _, l := range d.SCPs {
		var lvl []*iamlogic.Policy
		for _, x := range l {
			lvl = append(lvl, parse(x))
		}
		ps.SCPs = append(ps.SCPs, lvl)
	}
	set, err := iamlogic.Compile(ps)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestAuthorizeErrors(t *testing.T) {
	req := iamlogic.Request{Principal: "arn:aws:iam::111122223333:user/ana", Action: "s3:GetObject", Resource: "*"}
	// Every invalid document is reported, each with its name and role.
	_, err := iamlogic.Authorize(iamlogic.Documents{
		Identity: []iamlogic.Document{doc("ok.json", readAll), doc("bad.json", `{"Statement":[]}`)},
		Boundary: doc("principal.json", bucketPol),
	}, req)
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 2 {
		t.Fatalf("err = %v, want two document errors", err)
	}
	for i, want := range []struct {
		name string
		typ  iamlogic.PolicyType
	}{{"bad.json", "identity"}, {"principal.json", "boundary"}} {
		var de *iamlogic.DocumentError
		if !errors.As(joined.Unwrap()[i], &de) || de.Name != want.name || de.Type != want.typ {
			t.Errorf("error %d = %v, want %s as %s", i, joined.Unwrap()[i], want.name, want.typ)
		}
		var fs iamlogic.Findings
		if !errors.As(de, &fs) || !strings.HasPrefix(fs.Errors()[0].Pos.String(), want.name+":") {
			t.Errorf("findings of %s = %v, want positions in the file", want.name, fs)
		}
	}
	// Resource and Trust at once.
	if _, err := iamlogic.Authorize(iamlogic.Documents{Resource: doc("b.json", bucketPol), Trust: doc("t.json", trustUser)}, req); err == nil {
		t.Error("Resource and Trust together are accepted")
	}
	// A request the evaluator cannot understand: an error, and no allow.
	res, err := iamlogic.Authorize(iamlogic.Documents{Identity: []iamlogic.Document{doc("id.json", allowAll)}},
		iamlogic.Request{Principal: "arn:aws:iam::111122223333:user/a\nb", Action: "s3:GetObject", Resource: "*"})
	if err == nil || res.Decision != iamlogic.ImplicitDeny || strings.Contains(err.Error(), "\n") {
		t.Errorf("bad request: %v, %v", res.Decision, err)
	}
}

func TestContextHelpers(t *testing.T) {
	ctx := iamlogic.NewContext(map[string]iamlogic.Value{"aws:TagKeys": iamlogic.Multi("a", "b"), "aws:SourceIp": iamlogic.Single("10.0.0.1")})
	if v, ok := ctx.Lookup("AWS:SOURCEIP"); !ok || v.IsMulti() || v.Values()[0] != "10.0.0.1" {
		t.Errorf("aws:SourceIp = %v %v", v, ok)
	}
	if v, ok := ctx.Lookup("aws:tagkeys"); !ok || !v.IsMulti() || len(v.Values()) != 2 {
		t.Errorf("aws:TagKeys = %v %v", v, ok)
	}
}

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
