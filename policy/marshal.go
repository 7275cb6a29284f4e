package policy

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// MarshalJSON returns the canonical form of the policy: compact JSON with
// keys in a fixed order (Version, Id, Statement; in a statement Sid,
// Effect, Principal/NotPrincipal, Action/NotAction, Resource/NotResource,
// Condition), Statement always an array, Action, Resource and principal
// lists always arrays (the wildcard principal stays the string "*"),
// condition operators and keys in document order, and condition values as
// strings (a single value stays a scalar unless it was written as a list).
// The output is deterministic: Parse(MarshalJSON(p)) equals p except for
// positions and sizes (see [Equal]), and marshalling that again gives the
// same bytes.
//
// It fails for a statement whose Effect is neither Allow nor Deny and for a
// condition block that would repeat an (operator, key) pair, because the
// result would not be a policy.
func (p *Policy) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 64+p.Size+p.Size/8)
	b = append(b, '{')
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, name)
		b = append(b, ':')
	}
	if p.Version != "" {
		field("Version")
		b = appendString(b, p.Version)
	}
	if p.HasID {
		field("Id")
		b = appendString(b, p.ID)
	}
	field("Statement")
	b = append(b, '[')
	for i := range p.Statements {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendStatement(b, &p.Statements[i]); err != nil {
			return nil, fmt.Errorf("policy: statement %d: %w", p.Statements[i].Index, err)
		}
	}
	b = append(b, ']', '}')
	return b, nil
}

var errEffect = errors.New("Effect is neither Allow nor Deny")

func appendStatement(b []byte, st *Statement) ([]byte, error) {
	b = append(b, '{')
	if st.HasSid {
		b = appendString(b, "Sid")
		b = append(b, ':')
		b = appendString(b, st.Sid)
		b = append(b, ',')
	}
	b = appendString(b, "Effect")
	switch st.Effect {
	case Allow:
		b = append(b, `:"Allow"`...)
	case Deny:
		b = append(b, `:"Deny"`...)
	default:
		return nil, errEffect
	}
	if pr := st.Principal; pr != nil {
		b = append(b, ',')
		b = appendString(b, elemName("Principal", st.PrincipalNegated))
		b = append(b, ':')
		if pr.Wildcard {
			b = append(b, `"*"`...)
		} else {
			b = append(b, '{')
			n := 0
			for _, l := range [...]struct {
				name  string
				items []Item
			}{{"AWS", pr.AWS}, {"Service", pr.Service}, {"Federated", pr.Federated}, {"CanonicalUser", pr.CanonicalUser}} {
				if len(l.items) == 0 {
					continue
				}
				if n > 0 {
					b = append(b, ',')
				}
				n++
				b = appendString(b, l.name)
				b = append(b, ':')
				b = appendItems(b, l.items)
			}
			b = append(b, '}')
		}
	}
	b = append(b, ',')
	b = appendString(b, elemName("Action", st.ActionsNegated))
	b = append(b, ':')
	b = appendItems(b, st.Actions)
	if st.HasResource {
		b = append(b, ',')
		b = appendString(b, elemName("Resource", st.ResourcesNegated))
		b = append(b, ':')
		b = appendItems(b, st.Resources)
	}
	if len(st.Conditions) > 0 {
		var err error
		if b, err = appendConditions(b, st.Conditions); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendConditions writes the Condition block. Clauses are grouped by
// operator in order of first appearance (a parsed policy has each
// operator's clauses together already).
func appendConditions(b []byte, cs []Condition) ([]byte, error) {
	b = append(b, `,"Condition":{`...)
	done := make([]bool, len(cs))
	for i := range cs {
		if done[i] {
			continue
		}
		if i > 0 {
			b = append(b, ',')
		}
		op := cs[i].Operator
		b = appendString(b, op)
		b = append(b, ":{"...)
		for j := i; j < len(cs); j++ {
			if done[j] || cs[j].Operator != op {
				continue
			}
			for k := i; k < j; k++ {
				if cs[k].Operator == op && cs[k].Key == cs[j].Key {
					return nil, fmt.Errorf("condition key %q appears twice under operator %q", cs[j].Key, op)
				}
			}
			done[j] = true
			if j > i {
				b = append(b, ',')
			}
			b = appendString(b, cs[j].Key)
			b = append(b, ':')
			if cs[j].ValuesAreList || len(cs[j].Values) != 1 {
				b = appendItems(b, cs[j].Values)
			} else {
				b = appendString(b, cs[j].Values[0].Value)
			}
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

func appendItems(b []byte, items []Item) []byte {
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, it.Value)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Only '"', '\\' and control
// characters are escaped; other characters are written as UTF-8. Invalid
// UTF-8 is replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += w
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Equal reports whether a and b are the same policy, ignoring positions,
// sizes and the shape details the canonical form normalises (a statement
// written as an object or a one-element array, an action written as a
// string or a one-element list). Nil and empty lists are equal.
func Equal(a, b *Policy) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Version != b.Version || a.HasID != b.HasID || a.ID != b.ID || len(a.Statements) != len(b.Statements) {
		return false
	}
	for i := range a.Statements {
		if !equalStatement(&a.Statements[i], &b.Statements[i]) {
			return false
		}
	}
	return true
}

func equalStatement(a, b *Statement) bool {
	if a.Sid != b.Sid || a.HasSid != b.HasSid || a.Effect != b.Effect ||
		a.PrincipalNegated != b.PrincipalNegated || a.ActionsNegated != b.ActionsNegated ||
		a.ResourcesNegated != b.ResourcesNegated || a.HasResource != b.HasResource ||
		!equalItems(a.Actions, b.Actions) || !equalItems(a.Resources, b.Resources) ||
		len(a.Conditions) != len(b.Conditions) {
		return false
	}
	if (a.Principal == nil) != (b.Principal == nil) {
		return false
	}
	if pa, pb := a.Principal, b.Principal; pa != nil {
		if pa.Wildcard != pb.Wildcard || !equalItems(pa.AWS, pb.AWS) || !equalItems(pa.Service, pb.Service) ||
			!equalItems(pa.Federated, pb.Federated) || !equalItems(pa.CanonicalUser, pb.CanonicalUser) {
			return false
		}
	}
	for i := range a.Conditions {
		ca, cb := &a.Conditions[i], &b.Conditions[i]
		if ca.Operator != cb.Operator || ca.Key != cb.Key || ca.ValuesAreList != cb.ValuesAreList || !equalItems(ca.Values, cb.Values) {
			return false
		}
	}
	return true
}

func equalItems(a, b []Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Value != b[i].Value {
			return false
		}
	}
	return true
}
