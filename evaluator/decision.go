package evaluator

import (
	"fmt"

	"github.com/iamlogic/iamlogic/internal/enum"
)

// Decision is the outcome of evaluating one request. Its zero value is
// ImplicitDeny, so a Decision that was never set denies.
type Decision uint8

// The three decisions, named as AWS's policy simulator names them.
const (
	// ImplicitDeny: no explicit deny, but some required Allow is missing.
	ImplicitDeny Decision = iota
	// Allowed: every required grant and guardrail allows, and nothing denies.
	Allowed
	// ExplicitDeny: an applicable Deny statement exists in some policy.
	ExplicitDeny
)

var decisionNames = [...]string{
	ImplicitDeny: "implicitDeny",
	Allowed:      "allowed",
	ExplicitDeny: "explicitDeny",
}

// String returns "allowed", "explicitDeny" or "implicitDeny".
func (d Decision) String() string {
	return enum.String(decisionNames[:], d, "Decision(%d)")
}

// ParseDecision parses the text form of a decision. It also accepts the
// spellings "Allowed", "ExplicitlyDenied" and "ImplicitlyDenied".
func ParseDecision(s string) (Decision, error) {
	switch s {
	case "allowed", "Allowed":
		return Allowed, nil
	case "explicitDeny", "ExplicitlyDenied":
		return ExplicitDeny, nil
	case "implicitDeny", "ImplicitlyDenied":
		return ImplicitDeny, nil
	}
	return ImplicitDeny, fmt.Errorf("evaluator: unknown decision %q (want allowed, explicitDeny or implicitDeny)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (d Decision) MarshalText() ([]byte, error) {
	if int(d) >= len(decisionNames) {
		return nil, fmt.Errorf("evaluator: invalid decision %d", uint8(d))
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := ParseDecision(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
