package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
)

// Element names the part of a statement that did not match a request.
type Element uint8

// The elements, in the order a statement's elements are checked.
const (
	// ElementNone: the statement applied.
	ElementNone Element = iota
	// ElementAction: Action (or NotAction) does not cover the action.
	ElementAction
	// ElementResource: Resource (or NotResource) does not cover the
	// resource.
	ElementResource
	// ElementPrincipal: Principal (or NotPrincipal) does not name the
	// caller.
	ElementPrincipal
	// ElementCondition: a clause of the Condition block is false.
	ElementCondition
)

var elementNames = [...]string{ElementNone: "none", ElementAction: "action", ElementResource: "resource",
	ElementPrincipal: "principal", ElementCondition: "condition"}

// String returns "action", "resource", "principal", "condition" or "none".
func (e Element) String() string {
	return enum.String(elementNames[:], e, "Element(%d)")
}

// MarshalText writes the element as String does; an invalid element is an
// error.
func (e Element) MarshalText() ([]byte, error) {
	if int(e) >= len(elementNames) {
		return nil, fmt.Errorf("evaluator: cannot marshal invalid %s", e)
	}
	return []byte(elementNames[e]), nil
}

// UnmarshalText reads an element written by MarshalText.
func (e *Element) UnmarshalText(b []byte) error {
	if v, ok := enum.Parse[Element](elementNames[:], string(b)); ok {
		*e = v
		return nil
	}
	return fmt.Errorf("evaluator: %s is not an element: want action, resource, principal, condition or none", text.Quote(string(b)))
}

// Miss says why a statement did not apply to a request: the first element,
// in the order action, resource, principal, condition, that did not match.
type Miss struct {
	StatementRef
	Element Element
	// For ElementCondition, the first clause that was false: its operator,
	// key and the policy's values, as written.
	Clause conditions.Clause
	// Present reports whether the request carries the clause's key;
	// RequestValues holds its values (nil when it is absent).
	Present       bool
	RequestValues []string
}

// String says in one line what did not match, quoting every value the
// one safe way (text.Quote):
//
//	action: s3:PutObject is not covered
//	condition StringEquals "aws:PrincipalTag/team": the request has no value (policy: "blue", "red")
func (m Miss) String() string {
	switch m.Element {
	case ElementAction:
		return "action: not covered by the statement's Action"
	case ElementResource:
		return "resource: not covered by the statement's Resource"
	case ElementPrincipal:
		return "principal: the statement's Principal does not name the caller"
	case ElementCondition:
		var b strings.Builder
		b.WriteString("condition ")
		b.WriteString(m.Clause.Operator.String())
		b.WriteByte(' ')
		b.WriteString(text.Quote(m.Clause.Key))
		if m.Present {
			b.WriteString(": the request has ")
			writeValues(&b, m.RequestValues)
		} else {
			b.WriteString(": the request has no value")
		}
		b.WriteString(" (policy: ")
		writeValues(&b, m.Clause.Values)
		b.WriteByte(')')
		return b.String()
	}
	return "applied"
}

func writeValues(b *strings.Builder, vals []string) {
	if len(vals) == 0 {
		b.WriteString("[]")
		return
	}
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(text.Quote(v))
	}
}

// miss explains why s does not apply: the first element that does not
// match the request (stmt.firstMiss) and, for the Condition, the first
// clause that is false with the request's values. It allocates; it never
// runs in Evaluate.
func (s *stmt) miss(st *evalState, withPrincipal bool) Miss {
	m := Miss{StatementRef: s.ref}
	if m.Element, _ = s.firstMiss(st, withPrincipal); m.Element != ElementCondition {
		return m
	}
	m.Element = ElementNone // set again below, with the clause
	// The context with the keys AWS always sets (derived on a miss); an
	// explanation builds derived text on the heap, so the values may be
	// kept.
	ctx := st.context(s.condReads)
	for i := range s.cond.Len() {
		held := s.cond.EvalClause(i, ctx)
		for st.wanted() {
			held = s.cond.EvalClause(i, ctx)
		}
		if held {
			continue
		}
		m.Element, m.Clause = ElementCondition, s.cond.Clause(i)
		if v, ok := ctx.Lookup(m.Clause.Key); ok {
			m.Present, m.RequestValues = true, append([]string(nil), v.Values()...)
		}
		return m
	}
	// Every element matched: the statement applied (not reached from eval).
	return m
}
