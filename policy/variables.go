package policy

import (
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/variable"
)

// variableProblem describes the first malformed policy variable in s
// (SPEC §5.11.1), or returns "". The grammar is package internal/variable's,
// the one the evaluator substitutes by, so each message says what the
// evaluator does with the text.
func variableProblem(s string) string {
	p, bad := variable.First(s)
	if !bad {
		return ""
	}
	switch p.Problem {
	case variable.Unterminated:
		return fmt.Sprintf("%q has an unterminated \"${\" (no closing '}'); it is literal text, not a policy variable", s)
	case variable.Empty:
		return fmt.Sprintf("%q has an empty policy variable \"${}\"; it never has a value", s)
	case variable.BadDefault, variable.EmptyKey, variable.QuoteInDefault:
		return fmt.Sprintf("%q: policy variable %q has a malformed default; write ${key, 'default'} with a key, a comma, exactly one space and single quotes around a default that holds none (otherwise the whole text is looked up as a key name and is never found)",
			s, p.Src)
	}
	return fmt.Sprintf("%q: policy variable %q: %s", s, p.Src, p.Problem.Reason())
}

// variableOutsideResourcePart reports whether s, an ARN-shaped resource,
// has "${" before the fifth colon, where variables are not substituted
// (reference_policies_variables.md, "Resource element"). Text that is not
// ARN-shaped has no resource part: any "${" in it is outside.
func variableOutsideResourcePart(s string) bool {
	sec, ok := arn.Split(s)
	if !ok {
		return strings.Contains(s, "${")
	}
	return strings.Contains(s[:len(s)-len(sec.Resource)], "${")
}

// resourcePart returns the resource part of s, the text after the fifth
// colon (s itself when s is not ARN-shaped).
func resourcePart(s string) string {
	if sec, ok := arn.Split(s); ok {
		return sec.Resource
	}
	return s
}
