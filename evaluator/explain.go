package evaluator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlogic/iamlogic/policy"
)

// Explanation records why a decision was taken: every statement that applied
// to the request and the ones that decided.
type Explanation struct {
	// Caller is the kind of principal that made the request.
	Caller PrincipalKind
	// SameAccount is true when the caller and the resource are in one account.
	SameAccount bool
	// Deciding holds the statements that decided: the applicable Deny
	// statements for an ExplicitDeny; the granting Allow statements for an
	// Allowed (resource-based, or identity-based with the boundary and
	// session statements that let them through); empty for an ImplicitDeny,
	// whose cause is the missing Allow named by Result.Reason.
	Deciding []StatementRef
	// Applicable holds every statement that applied, Allow and Deny, in the
	// order the policies were evaluated.
	Applicable []Applicable
	// NotApplied holds every evaluated statement that did not apply, with
	// the first element that did not match (the "why not" of a denial): for
	// an ImplicitDeny, the statements of the policy type named by
	// Result.BlockedBy say why none of them allowed. See [Explanation.Misses].
	NotApplied []Miss
	// MissingKeys are the condition keys that the Condition of a statement
	// whose Action, Resource and Principal matched tests and that the
	// request does not carry, even after the keys AWS always sets were
	// derived (as the IAM policy simulator's MissingContextValues), as
	// written in the first policy that tests them, in the order they were
	// met. A key the request lacks decides its clause as absent; when the
	// real request would carry it, the decision may differ.
	MissingKeys []string
}

// Misses returns the statements of policies of type t that did not apply
// (all of them when t is ""), in the order they were evaluated.
func (e *Explanation) Misses(t policy.Type) []Miss {
	if e == nil {
		return nil
	}
	var out []Miss
	for _, m := range e.NotApplied {
		if t == "" || m.Policy.Type == t {
			out = append(out, m)
		}
	}
	return out
}

// Applicable is a statement that applied to the request.
type Applicable struct {
	StatementRef
	// Principal is how a resource-based, RCP or endpoint statement's
	// Principal named the caller; DirectMatch for policies without one.
	Principal MatchKind
}

// noteMissing adds to MissingKeys the keys that the Condition of s tests and
// ctx lacks, deriving the keys AWS always sets first.
// The keys it derives only to look them up are not assumptions of the
// decision: it leaves the derived state as it found it, so that the result
// says what the decision itself assumed, as Evaluate does.
func (e *Explanation) noteMissing(s *stmt, st *evalState) {
	defer func(a Assumptions) { st.assumed = a }(st.assumed)
	if fb := st.fb; fb != nil {
		defer func(ready, present uint64) { fb.Ready, fb.Present = ready, present }(fb.Ready, fb.Present)
	}
	ctx := st.context(s.condReads)
	for i := range s.cond.Len() {
		key := s.cond.Clause(i).Key
		_, ok := ctx.Lookup(key)
		for st.wanted() {
			_, ok = ctx.Lookup(key)
		}
		if ok || slices.ContainsFunc(e.MissingKeys, func(k string) bool { return strings.EqualFold(k, key) }) {
			continue
		}
		e.MissingKeys = append(e.MissingKeys, key)
	}
}

func (e *Explanation) record(s *stmt, kind MatchKind) {
	e.Applicable = append(e.Applicable, Applicable{StatementRef: s.ref, Principal: kind})
}

// finish selects the deciding statements once the decision is known.
func (e *Explanation) finish(r *Result) {
	e.Deciding = nil
	pick := func(keep func(a Applicable) bool) {
		for _, a := range e.Applicable {
			if keep(a) {
				e.Deciding = append(e.Deciding, a.StatementRef)
			}
		}
	}
	switch r.Decision {
	case ExplicitDeny:
		pick(func(a Applicable) bool { return a.Effect == "Deny" })
	case Allowed:
		switch r.Reason {
		case ReasonResourceGrant:
			pick(func(a Applicable) bool {
				return a.Effect == "Allow" && isResourceType(a.Policy.Type) && a.Principal == r.Grant
			})
		case ReasonIdentityGrant:
			pick(func(a Applicable) bool {
				if a.Effect != "Allow" {
					return false
				}
				switch a.Policy.Type {
				case policy.TypeIdentity, policy.TypeBoundary, policy.TypeSession:
					return true
				}
				return isResourceType(a.Policy.Type) && r.Grant != NoMatch && a.Principal == r.Grant
			})
		}
	}
}

func isResourceType(t policy.Type) bool {
	return t == policy.TypeResource || t == policy.TypeTrust
}

// String renders the result on a few lines for people: the decision, its
// reason, and the deciding statements.
func (r Result) String() string {
	var sb strings.Builder
	sb.WriteString(r.Decision.String())
	if r.Reason != ReasonNone {
		fmt.Fprintf(&sb, " (%s", r.Reason)
		if r.BlockedBy != "" && r.Decision != Allowed {
			fmt.Fprintf(&sb, "; blocked by %s", r.BlockedBy)
		}
		if r.Grant != NoMatch && r.Decision == Allowed {
			fmt.Fprintf(&sb, "; resource policy names the caller: %s", r.Grant)
		}
		sb.WriteString(")")
	}
	if r.Err != nil {
		fmt.Fprintf(&sb, ": %v", r.Err)
	}
	if r.Explanation != nil {
		for _, d := range r.Explanation.Deciding {
			fmt.Fprintf(&sb, "\n  %s %s", d.Effect, d)
		}
	}
	return sb.String()
}
