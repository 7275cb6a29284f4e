package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
)

// Undocumented is the set of behaviours AWS does not document that a
// decision relied on (SPEC §10.1). For each, the evaluator takes the reading
// under which the request is denied: an Allow does not apply, a Deny does.
// An Allowed decision therefore never rests on one of them, but a denial may:
// on AWS the request might be allowed. A behaviour is in the set when the
// evaluation of a statement that took part reached it (a short ARN compared
// with the request's resource, a clause that compared a value it cannot
// compare, …). The zero value is the empty set. UndocumentedBehaviours lists
// them all with the reading taken.
type Undocumented uint16

// The undocumented behaviours. The first three are those of condition
// evaluation, with the values of conditions.Undocumented.
const (
	// UndocumentedUncomparable: a negated operator or Bool met a
	// comparison it cannot make (NumericNotEquals on "abc", NotIpAddress on
	// the policy value "123456789012", Bool on "yes", a fractional epoch).
	UndocumentedUncomparable = Undocumented(conditions.UndocumentedUncomparable)
	// UndocumentedNullEmpty: Null met a key present with "" or [], or an
	// element "" of a multi value.
	UndocumentedNullEmpty = Undocumented(conditions.UndocumentedNullEmpty)
	// UndocumentedMalformedVariable: a policy value or resource holds a
	// malformed policy variable (${k,'x'}), read as having no value.
	UndocumentedMalformedVariable = Undocumented(conditions.UndocumentedMalformedVariable)
	// UndocumentedShortARN: a short resource ARN without a trailing '*'
	// (arn:aws:sqs:us-east-1) was compared with the request's resource.
	UndocumentedShortARN Undocumented = 1 << iota
	// UndocumentedShortARNInOrgPolicy: a short resource ARN in an SCP or an
	// RCP was compared with the request's resource.
	UndocumentedShortARNInOrgPolicy
	// UndocumentedNotPrincipalAccount: a NotPrincipal list names the
	// caller but not the caller's account.
	UndocumentedNotPrincipalAccount
	// UndocumentedUnknownValue: a placeholder was compared with the
	// request, a value the policy's source leaves unknown offline (a
	// CloudFormation intrinsic function, a Terraform value known after
	// apply; policy.IsPlaceholder). Not a behaviour of AWS but a gap of the
	// input, read the same way: it never grants.
	UndocumentedUnknownValue
)

// UndocumentedBehaviour describes one behaviour AWS does not document and
// the reading the evaluator takes.
type UndocumentedBehaviour struct {
	Bit       Undocumented
	Name      string // a short, stable name, e.g. "short-arn"
	Behaviour string // what AWS does not document
	Reading   string // the reading taken, which denies
	Where     string // where the code takes it
}

// undocumentedBehaviours is the table of every undocumented behaviour a
// decision can rely on, in bit order. Each place in the code that takes one
// of these readings is marked "Undocumented (SPEC §10.1)".
var undocumentedBehaviours = [...]UndocumentedBehaviour{
	{UndocumentedUncomparable, "uncomparable-value",
		"what a negated operator (NumericNotEquals, NotIpAddress, ArnNotLike, …) or Bool makes of a value it cannot compare: a request value of the wrong type, a policy value AWS accepted with a warning, a fractional epoch date",
		"the clause holds in a Deny and not in an Allow", "conditions/block.go (clause.holds)"},
	{UndocumentedNullEmpty, "null-on-empty",
		`what Null makes of a key present with "" or [], or of an element "" of a multivalued key`,
		"the clause holds in a Deny and not in an Allow", "conditions/null.go"},
	{UndocumentedMalformedVariable, "malformed-variable",
		"what a malformed policy variable (${k,'x'}, ${, 'x'}, an unterminated ${) stands for",
		"it has no value (its default is never used): an Allow that needs it does not apply; a malformed ${ is literal text", "internal/variable"},
	{UndocumentedShortARN, "short-arn",
		"what a short resource ARN without a trailing * (arn:aws:sqs:us-east-1) matches",
		"in an Allow it matches nothing, in a Deny everything (NotResource: the mirror image)", "evaluator/compile.go (compileResource)"},
	{UndocumentedShortARNInOrgPolicy, "short-arn-in-organizations-policy",
		"whether Organizations accepts short resource ARNs in SCPs and RCPs, and what they match there",
		"in an Allow they match nothing, in a Deny everything (NotResource: the mirror image)", "evaluator/compile.go (compilePolicies)"},
	{UndocumentedNotPrincipalAccount, "notprincipal-without-account",
		"whether a NotPrincipal list that names the caller but not the caller's account exempts the caller",
		"it does not: the Deny applies", "evaluator/principal.go (exempts)"},
	{UndocumentedUnknownValue, "unknown-value",
		"what a value the policy's source leaves unknown offline stands for (a CloudFormation intrinsic function that cannot be resolved, a Terraform value known after apply); not a behaviour of AWS, a gap of the input",
		"in an Allow it matches nothing, in a Deny everything (NotAction, NotResource, NotPrincipal, negated operators: the mirror image)", "evaluator/compile.go (compileStatement), conditions/block.go (clause.holds)"},
}

// UndocumentedBehaviours returns the table of every behaviour AWS does not
// document that a decision can rely on, with the reading taken.
func UndocumentedBehaviours() []UndocumentedBehaviour {
	return undocumentedBehaviours[:]
}

// Names returns the names of the behaviours in u, in table order.
func (u Undocumented) Names() []string {
	var names []string
	for _, b := range undocumentedBehaviours {
		if u&b.Bit != 0 {
			names = append(names, b.Name)
		}
	}
	return names
}

// String lists the names of the behaviours, separated by ", ", or returns
// "" for none.
func (u Undocumented) String() string {
	return strings.Join(u.Names(), ", ")
}

// ParseUndocumented returns the behaviour of the table with the given name
// ("short-arn", …).
func ParseUndocumented(name string) (Undocumented, error) {
	for _, b := range undocumentedBehaviours {
		if b.Name == name {
			return b.Bit, nil
		}
	}
	names := make([]string, len(undocumentedBehaviours))
	for i, b := range undocumentedBehaviours {
		names[i] = b.Name
	}
	return 0, fmt.Errorf("evaluator: no undocumented behaviour is named %s; the names are %s", text.Quote(name), strings.Join(names, ", "))
}
