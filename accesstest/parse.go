package accesstest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/analysis"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// Case is one access test: a request, the policies that take part and the
// decision AWS takes.
type Case struct {
	Name        string
	Description string
	// Pos is where the case starts in its file: the file, the line and the
	// byte offset of its opening brace. A case is located by line, so
	// Column is 0 and Pos prints as "file:line".
	Pos      policy.Position
	Request  evaluator.Request
	Policies evaluator.Policies
	Expected evaluator.Decision
	// Undocumented, when ExpectUndocumented is set (the case's
	// "undocumented" list), is the exact set of undocumented behaviours
	// the decision must rely on (SPEC §10.1); an empty list asserts none.
	Undocumented       evaluator.Undocumented
	ExpectUndocumented bool
	// Quantified, when not nil, makes the case about a set of requests
	// rather than one (docs/access-test-format.md, "Quantified cases"):
	// Request then holds the fields every request of the set has, with
	// its action and resource read as patterns, and Expected is Allowed
	// (some request of the set is allowed) unless Quantified.NeverAllowed.
	Quantified *Quantifier
	// Strict (settings.strict) makes the case fail when the decision made
	// an assumption, relied on an undocumented behaviour or met a
	// condition key the request lacks (Outcome.Gaps), as
	// `iamlogic eval --strict` does.
	Strict bool
	// Err is set when a policy of the case cannot be read or is invalid: the
	// case cannot be evaluated and counts as failed. Policies is then
	// incomplete (an unreadable policy is missing) and must not be used.
	// Err is a *PolicyError for an invalid policy, or wraps the error of
	// ReadPolicy for an unreadable one.
	Err error
}

// Quantifier says which requests a quantified case is about and what it
// expects of them.
type Quantifier struct {
	// NeverAllowed: the case expects "neverAllowed", no request of the set
	// is allowed; otherwise it expects "allowed", some request is.
	NeverAllowed bool
	// AnyPrincipal: the principal is "*", every caller, in every context
	// (IAM Access Analyzer's CheckAccessNotGranted: analysis.NotGrantedSet);
	// the request holds only an action and a resource.
	AnyPrincipal bool
	// Account, when the principal is a 12-digit account ID: every IAM
	// identity of that account (its root user, users, role sessions and
	// federated users).
	Account string
	// Open are the condition keys the request leaves open ("open"): each
	// may take any value or be absent; "*" opens every key the policies
	// read but those AWS derives from the caller, the resource and the
	// time.
	Open []string
}

// Pattern returns the set of requests of a quantified case, for
// analysis.NotGrantedWhere.
func (c *Case) Pattern() analysis.RequestPattern {
	p := analysis.RequestPattern{Request: c.Request}
	if q := c.Quantified; q != nil {
		p.Account, p.Open = q.Account, q.Open
	}
	return p
}

// Expectation names what the case expects: "neverAllowed", or its
// Expected decision ("allowed", "explicitDeny", "implicitDeny").
func (c *Case) Expectation() string {
	if c.Quantified != nil && c.Quantified.NeverAllowed {
		return neverAllowed
	}
	return c.Expected.String()
}

const neverAllowed = "neverAllowed"

// Error reports a file that is not a valid access-test file.
type Error struct {
	// Pos is where the problem is; a position without a line (only the
	// file name) when it concerns the whole file.
	Pos policy.Position
	Msg string
}

// Error returns "FILE:LINE:COL: MSG", or "FILE: MSG" without a line.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ReadFile reads an access-test file (.json: one case, an array of cases or
// {"cases": [...]}; .jsonl: one case per line) and every policy file it
// names. The error is an *Error when the file is not an access-test file,
// or an *os.PathError when it cannot be read. A case whose policies are
// invalid is returned with Case.Err set.
func ReadFile(path string) ([]*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, besideFile(path))
}

// besideFile reads policy paths relative to the folder of the file at path.
func besideFile(path string) ReadPolicy {
	dir := filepath.Dir(path)
	return func(rel string) (string, []byte, error) {
		p := rel
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, rel)
		}
		b, err := os.ReadFile(p)
		return p, b, err
	}
}

// ReadPolicy resolves a policy path named in a case and returns the path it
// was read from and its contents.
type ReadPolicy func(rel string) (path string, data []byte, err error)

// Parse reads access-test cases from data. name is used in messages and
// decides the format: a name ending in ".jsonl" is read one case per line.
// read loads policies given as paths; nil forbids them.
func Parse(name string, data []byte, read ReadPolicy) ([]*Case, error) {
	lt := policy.NewLines(name, data)
	errAt := func(off int, format string, args ...any) error {
		return &Error{Pos: lt.Pos(off), Msg: fmt.Sprintf(format, args...)}
	}
	whole := func(msg string) error { return &Error{Pos: policy.Position{File: name}, Msg: msg} }
	if len(bytes.TrimLeft(data, jsonSpace)) == 0 {
		return nil, whole("no cases: the file is empty")
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		return nil, errAt(0, "the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one")
	}
	if off := invalidUTF8(data); off >= 0 {
		return nil, errAt(off, "not valid UTF-8")
	}
	var objs []gjson.Result
	if strings.HasSuffix(name, ".jsonl") {
		off := 0
		for _, line := range bytes.SplitAfter(data, []byte("\n")) {
			trimmed := bytes.Trim(line, jsonSpace)
			if len(trimmed) > 0 {
				if !gjson.ValidBytes(line) {
					at, msg := syntaxError(line)
					return nil, errAt(off+at, "line is not valid JSON: %s", msg)
				}
				lead := len(line) - len(bytes.TrimLeft(line, jsonSpace))
				r := gjson.ParseBytes(trimmed)
				r.Index = off + lead
				objs = append(objs, r)
			}
			off += len(line)
		}
	} else {
		if !gjson.ValidBytes(data) {
			at, msg := syntaxError(data)
			return nil, errAt(at, "not valid JSON: %s", msg)
		}
		root := gjson.ParseBytes(data)
		switch {
		case root.IsArray():
			root.ForEach(func(_, v gjson.Result) bool { objs = append(objs, v); return true })
		case root.IsObject() && root.Get("cases").Exists() && !root.Get("request").Exists():
			if _, msg := fields(root, "access-test file", []string{"cases"}); msg != "" {
				return nil, errAt(root.Index, "%s", msg)
			}
			cs := root.Get("cases")
			if !cs.IsArray() {
				return nil, errAt(cs.Index, `"cases" must be an array of cases`)
			}
			cs.ForEach(func(_, v gjson.Result) bool { objs = append(objs, v); return true })
		case root.IsObject():
			objs = append(objs, root)
		default:
			return nil, whole("an access-test file holds a case object, an array of cases or {\"cases\": [...]}")
		}
	}
	if len(objs) == 0 {
		return nil, whole("no cases")
	}
	p := parser{name: name, data: data, lines: lt, read: read}
	// Two cases may share a name: both run, and every report gives each
	// case's position, so nothing is hidden (a copied case whose name was
	// not changed still tests its own request).
	var cases []*Case
	for _, o := range objs {
		c, err := p.parseCase(o)
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// jsonSpace is the white space of JSON (RFC 8259).
const jsonSpace = " \t\r\n"

type parser struct {
	name  string
	data  []byte
	lines *policy.Lines
	read  ReadPolicy
}

var caseKeys = []string{"name", "description", "request", "identityPolicies", "resourcePolicy",
	"permissionsBoundary", "sessionPolicy", "scps", "rcps", "endpointPolicies", "settings", "expected", "undocumented"}
var requestKeys = []string{"principal", "sessionIssuer", "principalAccount", "action", "resource",
	"resourceAccount", "context", "principalId", "time", "principalOrgId", "principalOrgPaths",
	"resourceOrgId", "principalTags", "open"}
var settingKeys = []string{"principalInManagementAccount", "principalIsServiceLinkedRole",
	"resourceInManagementAccount", "resourcePolicyRequired", "serviceSupportsRCPs", "s3BlockPublicAccess", "strict"}

func (p *parser) errAt(r gjson.Result, format string, args ...any) error {
	return &Error{Pos: p.lines.Pos(r.Index), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parseCase(o gjson.Result) (*Case, error) {
	if !o.IsObject() {
		return nil, p.errAt(o, "a case must be a JSON object")
	}
	obj, msg := fields(o, "case", caseKeys)
	if msg != "" {
		return nil, p.errAt(o, "%s", msg)
	}
	c := &Case{Pos: p.lines.Pos(o.Index)}
	c.Pos.Column = 0
	var err error
	if c.Name, err = p.str(obj, "name", true); err != nil {
		return nil, err
	}
	if c.Name == "" {
		return nil, p.errAt(obj.get("name"), "\"name\" must not be empty")
	}
	if c.Description, err = p.str(obj, "description", false); err != nil {
		return nil, err
	}
	exp := obj.get("expected")
	switch {
	case !exp.Exists():
		return nil, p.errAt(o, "case %q: \"expected\" is required: allowed, explicitDeny, implicitDeny or neverAllowed", c.Name)
	case exp.Type != gjson.String:
		return nil, p.errAt(exp, "case %q: \"expected\" must be a string: allowed, explicitDeny, implicitDeny or neverAllowed", c.Name)
	case exp.Str == neverAllowed:
		c.Quantified = &Quantifier{NeverAllowed: true}
	default:
		if c.Expected, err = evaluator.ParseDecision(exp.Str); err != nil {
			return nil, p.errAt(exp, "case %q: %v (or neverAllowed)", c.Name, err)
		}
	}
	if err := p.undocumented(obj.get("undocumented"), c); err != nil {
		return nil, err
	}
	if err := p.request(obj.get("request"), c); err != nil {
		return nil, err
	}
	if err := p.settings(obj.get("settings"), c); err != nil {
		return nil, err
	}
	if err := p.policies(obj, c); err != nil {
		return nil, err
	}
	if err := p.quantified(obj, c); err != nil {
		return nil, err
	}
	return c, nil
}

// undocumented reads the optional "undocumented" list: the names of the
// undocumented behaviours the decision relies on (evaluator.ParseUndocumented).
func (p *parser) undocumented(u gjson.Result, c *Case) error {
	if !u.Exists() {
		return nil
	}
	if !u.IsArray() {
		return p.errAt(u, "case %q: \"undocumented\" must be a list of behaviour names", c.Name)
	}
	c.ExpectUndocumented = true
	var err error
	u.ForEach(func(_, v gjson.Result) bool {
		if v.Type != gjson.String {
			err = p.errAt(v, "case %q: \"undocumented\" must be a list of behaviour names", c.Name)
			return false
		}
		b, perr := evaluator.ParseUndocumented(v.Str)
		if perr != nil {
			err = p.errAt(v, "case %q: %v", c.Name, perr)
			return false
		}
		c.Undocumented |= b
		return true
	})
	return err
}

func (p *parser) str(o object, key string, required bool) (string, error) {
	v := o.get(key)
	if !v.Exists() {
		if required {
			return "", p.errAt(v, "%q is required", key)
		}
		return "", nil
	}
	if v.Type != gjson.String {
		return "", p.errAt(v, "%q must be a string", key)
	}
	return v.Str, nil
}

func (p *parser) request(r gjson.Result, c *Case) error {
	if !r.IsObject() {
		return p.errAt(r, "case %q: \"request\" must be an object with at least action and resource", c.Name)
	}
	obj, msg := fields(r, "request", requestKeys)
	if msg != "" {
		return p.errAt(r, "case %q: %s", c.Name, msg)
	}
	q := &c.Request
	fields := []struct {
		key      string
		dst      *string
		required bool
	}{
		{"principal", &q.Principal, false},
		{"sessionIssuer", &q.SessionIssuer, false},
		{"principalAccount", &q.PrincipalAccount, false},
		{"action", &q.Action, true},
		{"resource", &q.Resource, true},
		{"resourceAccount", &q.ResourceAccount, false},
		{"principalId", &q.PrincipalID, false},
		{"principalOrgId", &q.PrincipalOrgID, false},
		{"resourceOrgId", &q.ResourceOrgID, false},
	}
	for _, f := range fields {
		v := obj.get(f.key)
		switch {
		case !v.Exists() || v.Type == gjson.Null:
			if f.required {
				return p.errAt(r, "case %q: request.%s is required", c.Name, f.key)
			}
		case v.Type != gjson.String:
			return p.errAt(v, "case %q: request.%s must be a string", c.Name, f.key)
		case f.required && v.Str == "":
			return p.errAt(v, "case %q: request.%s must not be empty", c.Name, f.key)
		default:
			*f.dst = v.Str
		}
	}
	if err := p.environment(obj, c); err != nil {
		return err
	}
	if err := p.open(obj.get("open"), c); err != nil {
		return err
	}
	ctx := obj.get("context")
	if !ctx.Exists() || ctx.Type == gjson.Null {
		return nil
	}
	if !ctx.IsObject() {
		return p.errAt(ctx, "case %q: request.context must be an object of key: value or key: [values]", c.Name)
	}
	m := map[string]conditions.Value{}
	var ferr error
	ctx.ForEach(func(k, v gjson.Result) bool {
		if _, dup := m[k.Str]; dup {
			ferr = p.errAt(k, "case %q: context key %q appears twice", c.Name, k.Str)
			return false
		}
		if v.IsArray() {
			var vals []string
			v.ForEach(func(_, e gjson.Result) bool {
				s, ok := scalar(e)
				if !ok {
					ferr = p.errAt(e, "case %q: context key %q: values must be strings, numbers or booleans", c.Name, k.Str)
					return false
				}
				vals = append(vals, s)
				return true
			})
			m[k.Str] = conditions.Multi(vals...)
			return ferr == nil
		}
		s, ok := scalar(v)
		if !ok {
			ferr = p.errAt(v, "case %q: context key %q: a value is a string, number, boolean or an array of them", c.Name, k.Str)
			return false
		}
		m[k.Str] = conditions.Single(s)
		return true
	})
	if ferr != nil {
		return ferr
	}
	q.Context = conditions.NewContext(m)
	return nil
}

// environment reads the request fields the keys AWS always sets are
// derived from: time (RFC 3339), principalOrgPaths (strings) and
// principalTags (an object of strings).
func (p *parser) environment(obj object, c *Case) error {
	q := &c.Request
	if v := obj.get("time"); v.Exists() && v.Type != gjson.Null {
		if v.Type != gjson.String {
			return p.errAt(v, "case %q: request.time must be an RFC 3339 string", c.Name)
		}
		t, err := time.Parse(time.RFC3339, v.Str)
		if err != nil {
			return p.errAt(v, "case %q: request.time: %v", c.Name, err)
		}
		q.Time = t
	}
	if v := obj.get("principalOrgPaths"); v.Exists() && v.Type != gjson.Null {
		if !v.IsArray() {
			return p.errAt(v, "case %q: request.principalOrgPaths must be an array of strings", c.Name)
		}
		var ferr error
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type != gjson.String {
				ferr = p.errAt(e, "case %q: request.principalOrgPaths must be an array of strings", c.Name)
				return false
			}
			q.PrincipalOrgPaths = append(q.PrincipalOrgPaths, e.Str)
			return true
		})
		if ferr != nil {
			return ferr
		}
	}
	if v := obj.get("principalTags"); v.Exists() && v.Type != gjson.Null {
		if !v.IsObject() {
			return p.errAt(v, "case %q: request.principalTags must be an object of tag: value strings", c.Name)
		}
		tags := map[string]string{}
		var ferr error
		v.ForEach(func(k, e gjson.Result) bool {
			if _, dup := tags[k.Str]; dup {
				ferr = p.errAt(k, "case %q: principal tag %q appears twice", c.Name, k.Str)
				return false
			}
			if e.Type != gjson.String {
				ferr = p.errAt(e, "case %q: principal tag %q: a tag value is a string", c.Name, k.Str)
				return false
			}
			tags[k.Str] = e.Str
			return true
		})
		if ferr != nil {
			return ferr
		}
		q.PrincipalTags = evaluator.NewTags(tags)
	}
	return nil
}

func scalar(v gjson.Result) (string, bool) {
	switch v.Type {
	case gjson.String:
		return v.Str, true
	case gjson.Number:
		return v.Raw, true
	case gjson.True:
		return "true", true
	case gjson.False:
		return "false", true
	}
	return "", false
}

func (p *parser) settings(s gjson.Result, c *Case) error {
	if !s.Exists() || s.Type == gjson.Null {
		return nil
	}
	if !s.IsObject() {
		return p.errAt(s, "case %q: \"settings\" must be an object of booleans", c.Name)
	}
	if _, msg := fields(s, "settings", settingKeys); msg != "" {
		return p.errAt(s, "case %q: %s", c.Name, msg)
	}
	f := &c.Request.Facts
	var ferr error
	s.ForEach(func(k, v gjson.Result) bool {
		if v.Type != gjson.True && v.Type != gjson.False {
			ferr = p.errAt(v, "case %q: settings.%s must be true or false", c.Name, k.Str)
			return false
		}
		b := v.Bool()
		switch k.Str {
		case "principalInManagementAccount":
			f.PrincipalInManagementAccount = b
		case "principalIsServiceLinkedRole":
			f.PrincipalIsServiceLinkedRole = b
		case "resourceInManagementAccount":
			f.ResourceInManagementAccount = b
		case "serviceSupportsRCPs":
			f.RCPsNotSupported = !b
		case "strict":
			c.Strict = b
		case "resourcePolicyRequired":
			f.ResourcePolicyRequired = evaluator.NotRequired
			if b {
				f.ResourcePolicyRequired = evaluator.Required
			}
		case "s3BlockPublicAccess":
			if b {
				// S3 Block Public Access is outside what the evaluator
				// models; refuse rather than decide without it.
				ferr = p.errAt(v, "case %q: settings.s3BlockPublicAccess=true is not supported: S3 Block Public Access is not modelled", c.Name)
				return false
			}
		}
		return true
	})
	return ferr
}

// policies reads every policy field of the case into c.Policies. Problems
// with a policy's own content set c.Err; a wrong shape is a file error.
func (p *parser) policies(o object, c *Case) error {
	P := &c.Policies
	one := func(key string, t policy.Type, dst **policy.Policy) error {
		v := o.get(key)
		if !v.Exists() || v.Type == gjson.Null {
			return nil
		}
		pol, err := p.policy(v, c, evaluator.PolicyRef{Type: t, Level: -1})
		if err != nil {
			return err
		}
		*dst = pol
		return nil
	}
	list := func(key string, t policy.Type, level int, v gjson.Result) ([]*policy.Policy, error) {
		if !v.IsArray() {
			return nil, p.errAt(v, "case %q: %q must be an array of policies", c.Name, key)
		}
		var out []*policy.Policy
		var ferr error
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			pol, err := p.policy(e, c, evaluator.PolicyRef{Type: t, Level: level, Index: i})
			if err != nil {
				ferr = err
				return false
			}
			out = append(out, pol)
			i++
			return true
		})
		return out, ferr
	}
	levels := func(key string, t policy.Type) ([][]*policy.Policy, error) {
		v := o.get(key)
		if !v.Exists() || v.Type == gjson.Null {
			return nil, nil
		}
		if !v.IsArray() {
			return nil, p.errAt(v, "case %q: %q must be an array of levels, each an array of policies (root first)", c.Name, key)
		}
		var out [][]*policy.Policy
		var ferr error
		v.ForEach(func(_, lv gjson.Result) bool {
			ps, err := list(key, t, len(out), lv)
			if err != nil {
				ferr = err
				return false
			}
			out = append(out, ps)
			return true
		})
		return out, ferr
	}
	var err error
	if v := o.get("identityPolicies"); v.Exists() && v.Type != gjson.Null {
		if P.Identity, err = list("identityPolicies", policy.TypeIdentity, -1, v); err != nil {
			return err
		}
	}
	if evaluator.IsTrustRequest(&c.Request) {
		P.ResourceType = policy.TypeTrust
	}
	rt := P.ResourceType
	if rt == "" {
		rt = policy.TypeResource
	}
	if err = one("resourcePolicy", rt, &P.Resource); err != nil {
		return err
	}
	if err = one("permissionsBoundary", policy.TypeBoundary, &P.Boundary); err != nil {
		return err
	}
	var sess *policy.Policy
	if err = one("sessionPolicy", policy.TypeSession, &sess); err != nil {
		return err
	}
	if sess != nil {
		P.Session = []*policy.Policy{sess}
	}
	if P.SCPs, err = levels("scps", policy.TypeSCP); err != nil {
		return err
	}
	if P.RCPs, err = levels("rcps", policy.TypeRCP); err != nil {
		return err
	}
	if v := o.get("endpointPolicies"); v.Exists() && v.Type != gjson.Null {
		if P.Endpoints, err = list("endpointPolicies", policy.TypeEndpoint, -1, v); err != nil {
			return err
		}
	}
	return nil
}

// policy reads one policy: an inline object, or a string naming a file.
// An inline policy is parsed at its place in the case file and a policy
// file from its start, so every position of the policy (its findings, the
// statements of an explanation) names the file and place it was written.
// A policy whose content is invalid sets c.Err (the first such problem)
// and still returns nil error.
func (p *parser) policy(v gjson.Result, c *Case, ref evaluator.PolicyRef) (*policy.Policy, error) {
	var (
		start policy.Position
		data  []byte
	)
	switch {
	case v.IsObject():
		start, data = p.lines.Pos(v.Index), []byte(v.Raw)
	case v.Type == gjson.String:
		if p.read == nil {
			return nil, p.errAt(v, "case %q: policy files are not allowed here", c.Name)
		}
		path, b, err := p.read(v.Str)
		if err != nil {
			if c.Err == nil {
				c.Err = fmt.Errorf("%s policy %q: %w", ref, v.Str, err)
			}
			return nil, nil
		}
		start, data = policy.Position{File: path, Line: 1, Column: 1}, b
	default:
		return nil, p.errAt(v, "case %q: a policy is a JSON object or a string naming a policy file", c.Name)
	}
	pol, err := policy.ParseAt(start, data)
	if err == nil {
		err = pol.Check(ref.Type)
	}
	if err != nil && c.Err == nil {
		c.Err = &PolicyError{Ref: ref, Pos: start, Err: err}
	}
	return pol, nil
}

// PolicyError is an invalid policy inside a case.
type PolicyError struct {
	Ref evaluator.PolicyRef // which policy of the case
	// Pos is where the policy starts: in the case file for an inline
	// policy, at 1:1 of its own file otherwise.
	Pos policy.Position
	Err error // from policy.Parse or (*policy.Policy).Check: a policy.Findings
}

// Error lists the policy's error findings, one per line, each as
// "FILE:LINE:COL: message [CODE]".
func (e *PolicyError) Error() string {
	var fs policy.Findings
	if errors.As(e.Err, &fs) {
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s policy is invalid:", e.Ref)
		errs := fs.Errors()
		if len(errs) == 0 {
			errs = fs
		}
		for _, f := range errs {
			sb.WriteString("\n  ")
			sb.WriteString(f.Error())
		}
		return sb.String()
	}
	return fmt.Sprintf("%s policy in %s is invalid: %v", e.Ref, e.Pos.File, e.Err)
}

// Unwrap returns the policy's error, usually a policy.Findings.
func (e *PolicyError) Unwrap() error { return e.Err }

// maxKeys bounds the keys of an object read by fields: the request's keys.
const maxKeys = 14

// object is a JSON object whose keys were checked by fields. It is a
// value, so that reading a case allocates nothing for it.
type object struct {
	keys []string              // the allowed keys, at most maxKeys
	vals [maxKeys]gjson.Result // the value of each key
}

// get returns the value of key, which must be one of the allowed keys. An
// absent key gives a Result that does not exist but has the object's
// position, for messages.
func (o object) get(key string) gjson.Result {
	if i := slices.Index(o.keys, key); i >= 0 {
		return o.vals[i]
	}
	return gjson.Result{}
}

// fields checks that the object o has only the allowed keys, each once, and
// returns their values (one pass over o, rather than one per key). On
// failure msg names the offending key. Errors are reported at the object,
// not the key: the positions are part of `iamlogic test`'s golden output.
func fields(o gjson.Result, what string, allowed []string) (obj object, msg string) {
	obj.keys = allowed[:min(len(allowed), maxKeys)]
	for i := range obj.vals {
		obj.vals[i].Index = o.Index
	}
	var seen [maxKeys]bool
	o.ForEach(func(k, v gjson.Result) bool {
		i := slices.Index(obj.keys, k.Str)
		switch {
		case i < 0:
			msg = fmt.Sprintf("%s: unknown field %q (known: %s)", what, k.Str, strings.Join(obj.keys, ", "))
		case seen[i]:
			msg = fmt.Sprintf("%s: key %q appears twice", what, k.Str)
		default:
			seen[i] = true
			obj.vals[i] = v
			return true
		}
		return false
	})
	return obj, msg
}

// syntaxError says where and why data is not valid JSON. at is a byte
// offset into data.
func syntaxError(data []byte) (at int, msg string) {
	var v json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &v); errors.As(err, &se) {
		at = int(se.Offset) - 1 // the offending byte
		if se.Offset >= int64(len(data)) && strings.Contains(se.Error(), "end of JSON input") {
			at = len(bytes.TrimRight(data, jsonSpace)) // just past the last value byte
		}
		return max(0, min(at, len(data))), se.Error()
	}
	// encoding/json accepts what gjson does not: no position to give.
	return 0, "syntax error"
}

// invalidUTF8 returns the offset of the first byte of data that is not
// part of valid UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
