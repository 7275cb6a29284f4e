package iamlogic

import (
	"errors"
	"fmt"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// The main types of the packages that do the work.
type (
	// Policy is a parsed policy document.
	Policy = policy.Policy
	// PolicyType is the kind of policy a document is used as.
	PolicyType = policy.Type
	// Position locates an element in the file it was read from.
	Position = policy.Position
	// Finding is one problem found in a policy document.
	Finding = policy.Finding
	// Findings is a list of findings; as an error it lists the errors.
	Findings = policy.Findings
	// Policies are the compiled inputs of a decision, by role.
	Policies = evaluator.Policies
	// PolicySet is a compiled set of policies that decides requests.
	PolicySet = evaluator.Set
	// Request is one request to decide.
	Request = evaluator.Request
	// Facts are what the policies cannot say about a request.
	Facts = evaluator.Facts
	// Result is a decision with its reason and, from Authorize, its
	// explanation.
	Result = evaluator.Result
	// Decision is allowed, explicitDeny or implicitDeny.
	Decision = evaluator.Decision
	// Explanation lists the statements that applied and those that decided.
	Explanation = evaluator.Explanation
	// StatementRef identifies a statement and where it was written.
	StatementRef = evaluator.StatementRef
	// Context holds a request's condition keys.
	Context = conditions.Context
	// Value is the value of a condition key: one string, or a set.
	Value = conditions.Value
)

// The decisions.
const (
	Allowed      = evaluator.Allowed
	ExplicitDeny = evaluator.ExplicitDeny
	ImplicitDeny = evaluator.ImplicitDeny
)

// NewContext returns a request context with the keys of m (matched without
// regard to case, as AWS does).
func NewContext(m map[string]Value) Context { return conditions.NewContext(m) }

// Single is a single-valued condition key value.
func Single(s string) Value { return conditions.Single(s) }

// Multi is a multivalued condition key value (aws:TagKeys, …).
func Multi(values ...string) Value { return conditions.Multi(values...) }

// ParsePolicy parses a policy document read from the file (or other
// source) name; every position of the policy and its findings names it.
// See policy.ParseFile.
func ParsePolicy(name string, data []byte) (*Policy, error) { return policy.ParseFile(name, data) }

// Compile compiles policies into a set that decides requests. See
// evaluator.Compile.
func Compile(ps Policies) (*PolicySet, error) { return evaluator.Compile(ps) }

// Document is a policy document in JSON with the name it is known by (a
// file name, a resource address): every position of its findings and of an
// explanation names it. The zero Document is "no document".
type Document struct {
	Name string
	JSON []byte
}

// IsZero reports whether d is the zero Document (no document).
func (d Document) IsZero() bool { return d.Name == "" && d.JSON == nil }

// Documents are the policy documents that take part in one request, by the
// role each plays. Absent roles are zero or empty.
type Documents struct {
	// Identity: the caller's identity-based policies.
	Identity []Document
	// Resource: the resource-based policy of the resource (bucket, key,
	// queue policy). For sts:AssumeRole* on a role, set Trust instead.
	Resource Document
	// Trust: the trust policy of the role being assumed.
	Trust Document
	// Boundary: the caller's permissions boundary.
	Boundary Document
	// Session: the session policies of a role or federated-user session.
	Session []Document
	// SCPs: service control policies by level of the caller's organization
	// path, root first; FullAWSAccess is not implied.
	SCPs [][]Document
	// RCPs: resource control policies by level of the resource's path,
	// root first; RCPFullAWSAccess is implied at every level.
	RCPs [][]Document
	// Endpoints: the policies of the VPC endpoints the request passes
	// through.
	Endpoints []Document
}

// DocumentError is a document of Documents that is not a valid policy of
// the type its role requires.
type DocumentError struct {
	Name string
	Type PolicyType
	Err  error // a Findings for an invalid document
}

// Error names the document and lists its error findings.
func (e *DocumentError) Error() string {
	return fmt.Sprintf("%s is not a valid %s policy:\n%v", e.Name, e.Type, e.Err)
}

// Unwrap returns the findings.
func (e *DocumentError) Unwrap() error { return e.Err }

// Authorize parses and validates docs, compiles them and decides req, with
// an explanation of the decision (Result.Explanation). It is the one-call
// path for a handful of documents; to decide many requests, compile once
// with [Compile] and call [PolicySet.Evaluate].
//
// The error lists every document that is invalid for its role (each a
// *[DocumentError]), or says that both Resource and Trust are set; the
// Result is then the zero Result, which is not an allow. When the request
// itself cannot be understood the error is Result.Err and the decision is
// ImplicitDeny.
func Authorize(docs Documents, req Request) (Result, error) {
	ps, err := docs.policies()
	if err != nil {
		return Result{}, err
	}
	set, err := evaluator.Compile(ps)
	if err != nil {
		return Result{}, err
	}
	res := set.Explain(req)
	return res, res.Err
}

// policies parses every document for its role, reporting all invalid ones.
func (docs Documents) policies() (Policies, error) {
	var (
		ps   Policies
		errs []error
	)
	parse := func(d Document, t PolicyType) *Policy {
		if d.IsZero() {
			return nil
		}
		p, err := policy.ParseFile(d.Name, d.JSON)
		if err == nil {
			err = p.Check(t)
		}
		if err != nil {
			errs = append(errs, &DocumentError{Name: d.Name, Type: t, Err: err})
			return nil
		}
		return p
	}
	list := func(ds []Document, t PolicyType) []*Policy {
		var out []*Policy
		for _, d := range ds {
			out = append(out, parse(d, t))
		}
		return out
	}
	levels := func(ls [][]Document, t PolicyType) [][]*Policy {
		var out [][]*Policy
		for _, l := range ls {
			out = append(out, list(l, t))
		}
		return out
	}
	if !docs.Resource.IsZero() && !docs.Trust.IsZero() {
		return ps, errors.New("iamlogic: Documents has both a Resource and a Trust policy; a request meets one resource policy: the role's trust policy for sts:AssumeRole* on a role, the resource's policy otherwise")
	}
	ps.Identity = list(docs.Identity, policy.TypeIdentity)
	ps.Resource = parse(docs.Resource, policy.TypeResource)
	if !docs.Trust.IsZero() {
		ps.Resource, ps.ResourceType = parse(docs.Trust, policy.TypeTrust), policy.TypeTrust
	}
	ps.Boundary = parse(docs.Boundary, policy.TypeBoundary)
	ps.Session = list(docs.Session, policy.TypeSession)
	ps.SCPs = levels(docs.SCPs, policy.TypeSCP)
	ps.RCPs = levels(docs.RCPs, policy.TypeRCP)
	ps.Endpoints = list(docs.Endpoints, policy.TypeEndpoint)
	return ps, errors.Join(errs...)
}
