package analysis

import (
	"fmt"

	"github.com/iamlogic/iamlogic/internal/enum"
)

// Verdict is the answer to an analysis question.
type Verdict uint8

// The verdicts. The zero value is Unknown, so that an answer that was never
// set cannot be read as a proof.
const (
	// Unknown: no proof either way (a budget ran out, or a policy uses
	// something the analysis cannot reason about).
	Unknown Verdict = iota
	// Pass: proved that no request has the property asked about.
	Pass
	// Fail: a request has the property; the answer carries it as a witness.
	Fail
)

var verdictNames = [...]string{Unknown: "UNKNOWN", Pass: "PASS", Fail: "FAIL"}

// String returns "PASS", "FAIL" or "UNKNOWN" ("Verdict(n)" for an invalid
// value).
func (v Verdict) String() string {
	return enum.String(verdictNames[:], v, "Verdict(%d)")
}

// ParseVerdict returns the verdict named s ("PASS", "FAIL" or "UNKNOWN",
// exactly as String writes them).
func ParseVerdict(s string) (Verdict, error) {
	if v, ok := enum.Parse[Verdict](verdictNames[:], s); ok {
		return v, nil
	}
	return Unknown, fmt.Errorf("analysis: %q is not a verdict: want PASS, FAIL or UNKNOWN", s)
}

// MarshalText writes the verdict as String does; an invalid value is an
// error.
func (v Verdict) MarshalText() ([]byte, error) {
	if int(v) >= len(verdictNames) {
		return nil, fmt.Errorf("analysis: cannot marshal invalid %s", v)
	}
	return []byte(verdictNames[v]), nil
}

// UnmarshalText reads a verdict written by MarshalText.
func (v *Verdict) UnmarshalText(b []byte) error {
	p, err := ParseVerdict(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}
