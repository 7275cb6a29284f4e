package account

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/policy"
)

// Kind is the kind of an IAM principal of a snapshot.
type Kind uint8

// The kinds of principal.
const (
	User Kind = iota + 1
	Role
)

var kindNames = [...]string{User: "user", Role: "role"}

// String returns "user" or "role" ("invalid" for another value).
func (k Kind) String() string { return enum.String(kindNames[:], k, "invalid") }

// Doc is one policy document of the snapshot with where it came from.
type Doc struct {
	// Label names the document for people: "user/alice inline lambda-dev",
	// "arn:aws:iam::aws:policy/AdministratorAccess", "trust of role/app".
	Label  string
	Policy *policy.Policy
	id     int // unique within the snapshot, for cache keys
}

// ManagedPolicy is a customer or AWS managed policy of the snapshot.
type ManagedPolicy struct {
	ARN     string
	Name    string
	Account string // "aws" for AWS managed policies
	Default *Doc   // the default version
	// Others are the non-default versions (iam:SetDefaultPolicyVersion can
	// make any of them the default).
	Others []*Doc
}

// Group is an IAM group.
type Group struct {
	ARN, Name, Path, Account string
	Inline                   []*Doc
	Attached                 []string // managed policy ARNs
	Members                  []*Principal
}

// Principal is an IAM user or role of the snapshot.
type Principal struct {
	Kind                         Kind
	ARN, Name, Path, ID, Account string
	Inline                       []*Doc
	Attached                     []string // managed policy ARNs
	Groups                       []*Group // users only
	Boundary                     string   // managed policy ARN of the permissions boundary, "" for none
	Tags                         map[string]string
	Trust                        *Doc     // roles only: the trust policy
	InstanceProfiles             []string // roles only: instance profile ARNs holding the role
}

// Session returns the principal ARN a request of p carries and its session
// issuer: the user ARN, or for a role a session
// arn:aws:sts::ACCT:assumed-role/NAME/iamlogic with the role ARN as issuer.
func (p *Principal) Session() (principal, issuer string) {
	if p.Kind == User {
		return p.ARN, ""
	}
	part := "aws"
	if s := strings.SplitN(p.ARN, ":", 3); len(s) == 3 {
		part = s[1]
	}
	return "arn:" + part + ":sts::" + p.Account + ":assumed-role/" + p.Name + "/" + SessionName, p.ARN
}

// SessionName is the session name of the role sessions the package
// evaluates.
const SessionName = "iamlogic"

// Snapshot is the IAM state of one or more accounts: the principals with
// their policies, the managed policies, resource policies and the
// organization.
type Snapshot struct {
	Principals []*Principal // sorted by ARN
	Groups     map[string]*Group
	Policies   map[string]*ManagedPolicy
	// ResourcePolicies maps a resource ARN to its resource-based policy.
	ResourcePolicies map[string]*Doc
	Org              *Org
	// Warnings are the problems met while loading that do not stop the
	// analysis: a policy attached but absent from the snapshot, an invalid
	// document (its principal is then left out), …
	Warnings []string

	byARN   map[string]*Principal
	groupBy map[string]*Group // "ACCT/NAME" → group
	nextID  int
	broken  map[*Principal]bool
}

// Principal returns the principal with the given user or role ARN, or nil.
func (s *Snapshot) Principal(arn string) *Principal { return s.byARN[arn] }

// New returns an empty snapshot.
func New() *Snapshot {
	return &Snapshot{
		Groups: map[string]*Group{}, Policies: map[string]*ManagedPolicy{},
		ResourcePolicies: map[string]*Doc{}, byARN: map[string]*Principal{},
		groupBy: map[string]*Group{}, broken: map[*Principal]bool{},
	}
}

// LoadFiles reads authorization-details files (one per account) into a new
// snapshot.
func LoadFiles(files ...string) (*Snapshot, error) {
	s := New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := s.AddAuthorizationDetails(f, data); err != nil {
			return nil, err
		}
	}
	return s, s.Finish()
}

// doc parses a policy document that is a JSON object or a URL-encoded JSON
// string, as the raw API returns it.
func (s *Snapshot) doc(lc *policy.Lines, label string, v gjson.Result) (*Doc, error) {
	var p *policy.Policy
	var err error
	switch {
	case v.IsObject():
		p, err = policy.ParseAt(lc.Pos(v.Index), []byte(v.Raw))
	case v.Type == gjson.String:
		text, uerr := url.QueryUnescape(v.Str)
		if uerr != nil {
			text = v.Str
		}
		at := lc.Pos(v.Index)
		p, err = policy.ParseFile(at.String()+" (URL-encoded)", []byte(text))
	default:
		return nil, fmt.Errorf("%s: %s: the policy document is neither a JSON object nor a URL-encoded string", lc.Pos(v.Index), label)
	}
	var fs policy.Findings
	if errors.As(err, &fs) && !fs.HasErrors() {
		err = nil
	}
	if err != nil || p == nil {
		return nil, fmt.Errorf("%s: %s: %v", lc.Pos(v.Index), label, err)
	}
	s.nextID++
	return &Doc{Label: label, Policy: p, id: s.nextID}, nil
}

func accountOf(arn string) string {
	if s := strings.SplitN(arn, ":", 6); len(s) == 6 {
		return s[4]
	}
	return ""
}

// AddAuthorizationDetails adds the output of `aws iam
// get-account-authorization-details` (one account) read from file name.
// A document that cannot be parsed is a warning; its principal is left out
// of the analysis (fail closed: a missing Deny could otherwise grant).
func (s *Snapshot) AddAuthorizationDetails(name string, data []byte) error {
	if !gjson.ValidBytes(data) {
		return fmt.Errorf("%s: not valid JSON", name)
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() || !(root.Get("UserDetailList").Exists() || root.Get("RoleDetailList").Exists() || root.Get("Policies").Exists()) {
		return fmt.Errorf("%s: not the output of get-account-authorization-details (no UserDetailList, RoleDetailList or Policies)", name)
	}
	lc := policy.NewLines(name, data)
	warn := func(err error) { s.Warnings = append(s.Warnings, err.Error()) }
	root.Get("Policies").ForEach(func(_, v gjson.Result) bool {
		mp := &ManagedPolicy{ARN: v.Get("Arn").Str, Name: v.Get("PolicyName").Str}
		mp.Account = accountOf(mp.ARN)
		v.Get("PolicyVersionList").ForEach(func(_, ver gjson.Result) bool {
			d, err := s.doc(lc, mp.ARN+" "+ver.Get("VersionId").Str, ver.Get("Document"))
			if err != nil {
				warn(err)
				return true
			}
			if ver.Get("IsDefaultVersion").Bool() {
				d.Label = mp.ARN
				mp.Default = d
			} else {
				mp.Others = append(mp.Others, d)
			}
			return true
		})
		if mp.Default == nil {
			warn(fmt.Errorf("%s: managed policy %s has no readable default version", lc.Pos(v.Index), mp.ARN))
		}
		if old := s.Policies[mp.ARN]; old == nil || old.Default == nil {
			s.Policies[mp.ARN] = mp
		}
		return true
	})
	attached := func(v gjson.Result) []string {
		var out []string
		v.Get("AttachedManagedPolicies").ForEach(func(_, a gjson.Result) bool {
			if arn := a.Get("PolicyArn").Str; arn != "" {
				out = append(out, arn)
			}
			return true
		})
		return out
	}
	root.Get("GroupDetailList").ForEach(func(_, v gjson.Result) bool {
		g := &Group{ARN: v.Get("Arn").Str, Name: v.Get("GroupName").Str, Path: v.Get("Path").Str, Attached: attached(v)}
		g.Account = accountOf(g.ARN)
		v.Get("GroupPolicyList").ForEach(func(_, ip gjson.Result) bool {
			d, err := s.doc(lc, "group/"+g.Name+" inline "+ip.Get("PolicyName").Str, ip.Get("PolicyDocument"))
			if err != nil {
				warn(err)
				g.Inline = append(g.Inline, nil) // marks the group broken
				return true
			}
			g.Inline = append(g.Inline, d)
			return true
		})
		s.Groups[g.ARN] = g
		s.groupBy[g.Account+"/"+g.Name] = g
		return true
	})
	add := func(kind Kind, v gjson.Result) {
		p := &Principal{Kind: kind, ARN: v.Get("Arn").Str, Path: v.Get("Path").Str, Attached: attached(v), Tags: map[string]string{}}
		p.Account = accountOf(p.ARN)
		listKey, prefix := "UserPolicyList", "user/"
		if kind == User {
			p.Name, p.ID = v.Get("UserName").Str, v.Get("UserId").Str
		} else {
			p.Name, p.ID = v.Get("RoleName").Str, v.Get("RoleId").Str
			listKey, prefix = "RolePolicyList", "role/"
		}
		if p.ARN == "" || p.Account == "" {
			warn(fmt.Errorf("%s: a %s without an ARN", lc.Pos(v.Index), kind))
			return
		}
		v.Get(listKey).ForEach(func(_, ip gjson.Result) bool {
			d, err := s.doc(lc, prefix+p.Name+" inline "+ip.Get("PolicyName").Str, ip.Get("PolicyDocument"))
			if err != nil {
				warn(err)
				s.broken[p] = true
				return true
			}
			p.Inline = append(p.Inline, d)
			return true
		})
		p.Boundary = v.Get("PermissionsBoundary.PermissionsBoundaryArn").Str
		v.Get("Tags").ForEach(func(_, t gjson.Result) bool {
			p.Tags[t.Get("Key").Str] = t.Get("Value").Str
			return true
		})
		if kind == Role {
			d, err := s.doc(lc, "trust of role/"+p.Name, v.Get("AssumeRolePolicyDocument"))
			if err != nil {
				warn(err)
			} else {
				p.Trust = d
			}
			v.Get("InstanceProfileList").ForEach(func(_, ip gjson.Result) bool {
				p.InstanceProfiles = append(p.InstanceProfiles, ip.Get("Arn").Str)
				return true
			})
		}
		v.Get("GroupList").ForEach(func(_, g gjson.Result) bool {
			grp := s.groupBy[p.Account+"/"+g.Str]
			if grp == nil {
				warn(fmt.Errorf("%s: user %s is in group %s, which the snapshot does not list", lc.Pos(v.Index), p.ARN, g.Str))
				s.broken[p] = true
				return true
			}
			p.Groups = append(p.Groups, grp)
			grp.Members = append(grp.Members, p)
			return true
		})
		if old := s.byARN[p.ARN]; old != nil {
			warn(fmt.Errorf("%s: %s is listed twice; the first is kept", lc.Pos(v.Index), p.ARN))
			return
		}
		s.byARN[p.ARN] = p
		s.Principals = append(s.Principals, p)
	}
	root.Get("UserDetailList").ForEach(func(_, v gjson.Result) bool { add(User, v); return true })
	root.Get("RoleDetailList").ForEach(func(_, v gjson.Result) bool { add(Role, v); return true })
	return nil
}

// AddResourcePolicies adds a JSON object mapping resource ARNs to their
// resource-based policies (each a JSON object or a URL-encoded string):
// {"arn:aws:s3:::bucket": {"Version": …, "Statement": […]}, …}.
func (s *Snapshot) AddResourcePolicies(name string, data []byte) error {
	if !gjson.ValidBytes(data) {
		return fmt.Errorf("%s: not valid JSON", name)
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return fmt.Errorf("%s: resource policies are a JSON object mapping resource ARNs to policies", name)
	}
	lc := policy.NewLines(name, data)
	var err error
	root.ForEach(func(k, v gjson.Result) bool {
		var d *Doc
		if d, err = s.doc(lc, "resource policy of "+k.Str, v); err != nil {
			return false
		}
		s.ResourcePolicies[k.Str] = d
		return true
	})
	return err
}

// Finish checks references between the parts of the snapshot once every
// file is added: attached policies and boundaries that the snapshot does
// not hold are warnings, and their principals are left out (fail closed).
func (s *Snapshot) Finish() error {
	sort.Slice(s.Principals, func(i, j int) bool { return s.Principals[i].ARN < s.Principals[j].ARN })
	check := func(who string, p *Principal, arns []string) {
		for _, a := range arns {
			if mp := s.Policies[a]; mp == nil || mp.Default == nil {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s: attached policy %s is not in the snapshot; %s is left out of the analysis", who, a, p.ARN))
				s.broken[p] = true
			}
		}
	}
	for _, p := range s.Principals {
		check(p.ARN, p, p.Attached)
		if p.Boundary != "" {
			check(p.ARN+" (boundary)", p, []string{p.Boundary})
		}
		for _, g := range p.Groups {
			check(g.ARN, p, g.Attached)
			for _, d := range g.Inline {
				if d == nil {
					s.broken[p] = true
				}
			}
		}
		if p.Kind == Role && p.Trust == nil {
			s.broken[p] = true
		}
	}
	return nil
}

// Broken reports whether p is left out of the analysis because one of its
// policies is missing or invalid.
func (s *Snapshot) Broken(p *Principal) bool { return s.broken[p] }
