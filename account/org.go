package account

import (
	"fmt"

	"github.com/iamlogic/iamlogic/policy"
	"github.com/tidwall/gjson"
)

// Org is an AWS organization: its accounts, organizational units and the
// SCPs and RCPs attached at each level.
//
// The file format (our own, documented in doc.go) is
//
//	{"Id": "o-…", "ManagementAccount": "111122223333",
//	 "Root": {"Id": "r-…", "SCPs": [{"Name": "FullAWSAccess", "Document": {…}}], "RCPs": […],
//	          "Accounts": [{"Id": "444455556666", "SCPs": […], "RCPs": […]}],
//	          "OrganizationalUnits": [{"Id": "ou-…", "SCPs": […], "Accounts": […], "OrganizationalUnits": […]}]}}
//
// A Document is a JSON object or a URL-encoded string.
type Org struct {
	ID                string
	ManagementAccount string
	accounts          map[string]*orgAccount
}

type orgAccount struct {
	scps, rcps [][]*Doc // root first, account last
	paths      string   // o-…/r-…/ou-…/…/
}

// Levels returns, for an account of the organization, its SCPs and RCPs by
// level (root first, account last) and its organization path; ok is false
// when the account is not in the organization.
func (o *Org) Levels(acct string) (scps, rcps [][]*Doc, path string, ok bool) {
	if o == nil {
		return nil, nil, "", false
	}
	a := o.accounts[acct]
	if a == nil {
		return nil, nil, "", false
	}
	return a.scps, a.rcps, a.paths, true
}

// AddOrg reads the organization file.
func (s *Snapshot) AddOrg(name string, data []byte) error {
	if !gjson.ValidBytes(data) {
		return fmt.Errorf("%s: not valid JSON", name)
	}
	root := gjson.ParseBytes(data)
	if !root.Get("Root").IsObject() {
		return fmt.Errorf("%s: an organization file has a Root object", name)
	}
	lc := policy.NewLines(name, data)
	o := &Org{ID: root.Get("Id").Str, ManagementAccount: root.Get("ManagementAccount").Str, accounts: map[string]*orgAccount{}}
	var err error
	docs := func(v gjson.Result, kind, where string) []*Doc {
		var out []*Doc
		v.Get(kind).ForEach(func(_, p gjson.Result) bool {
			var d *Doc
			if d, err = s.doc(lc, kind[:3]+" "+p.Get("Name").Str+" at "+where, p.Get("Document")); err != nil {
				return false
			}
			out = append(out, d)
			return true
		})
		return out
	}
	var walk func(n gjson.Result, scps, rcps [][]*Doc, path string)
	walk = func(n gjson.Result, scps, rcps [][]*Doc, path string) {
		id := n.Get("Id").Str
		path += id + "/"
		scps = append(scps[:len(scps):len(scps)], docs(n, "SCPs", id))
		rcps = append(rcps[:len(rcps):len(rcps)], docs(n, "RCPs", id))
		n.Get("Accounts").ForEach(func(_, a gjson.Result) bool {
			acct := a.Get("Id").Str
			o.accounts[acct] = &orgAccount{
				scps:  append(scps[:len(scps):len(scps)], docs(a, "SCPs", acct)),
				rcps:  append(rcps[:len(rcps):len(rcps)], docs(a, "RCPs", acct)),
				paths: path,
			}
			return true
		})
		n.Get("OrganizationalUnits").ForEach(func(_, ou gjson.Result) bool {
			walk(ou, scps, rcps, path)
			return true
		})
	}
	walk(root.Get("Root"), nil, nil, o.ID+"/")
	if err != nil {
		return err
	}
	s.Org = o
	return nil
}
