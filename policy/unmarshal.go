package policy

import (
	"bytes"
	"errors"
	"fmt"
)

// UnmarshalJSON makes a Policy a target of [encoding/json.Unmarshal]. It
// is as strict as [Parse]: when Parse reports errors it returns the same
// [Findings] (use errors.As to get them). Positions are positions in data,
// without a file name; encoding/json passes only the policy's own bytes,
// from its opening brace, so they are not positions in a larger document.
//
// Unmarshalling has no policy type, so UnmarshalJSON also rejects a
// document that Parse accepts but that no policy type accepts (Check fails
// for every type of [Types]), such as a statement with neither Principal
// nor Resource: identity-like types require a Resource, resource, trust
// and endpoint policies a Principal. The error is then the Findings of
// Check for the type with the fewest error findings; of types with as few,
// the first in the order of the Type constants (TypeIdentity first). A
// policy accepted by at least one type unmarshals; call Check with the
// type it is used as before evaluating it.
//
// On error p is left unchanged. As encoding/json expects of an
// Unmarshaler, the JSON literal null leaves p unchanged and is not an
// error. Note that encoding/json.Unmarshal checks the whole input is valid
// JSON before it calls UnmarshalJSON, so it reports a JSON syntax error
// itself, as a *json.SyntaxError, rather than as Findings.
func (p *Policy) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	q, err := Parse(data)
	if err != nil {
		return err
	}
	if err := acceptedByAnyType(q); err != nil {
		return err
	}
	*p = *q
	return nil
}

// acceptedByAnyType returns nil if Check accepts p for at least one policy
// type, and otherwise the error of the type with the fewest error
// findings, the first in Types order among equals.
func acceptedByAnyType(p *Policy) error {
	var best error
	fewest := 0
	for _, t := range Types() {
		err := p.Check(t)
		if err == nil {
			return nil
		}
		n := 1
		var fs Findings
		if errors.As(err, &fs) {
			n = len(fs)
		}
		if best == nil || n < fewest {
			best, fewest = err, n
		}
	}
	return best
}

// MustParse is like [Parse] but panics if the document has an error; the
// panic value is an error that wraps the [Findings]. It is meant for tests
// and for package-level variables and examples that hold a policy known
// to be valid, never for input read at run time.
func MustParse(data []byte) *Policy {
	p, err := Parse(data)
	if err != nil {
		panic(fmt.Errorf("policy: MustParse: %w", err))
	}
	return p
}
