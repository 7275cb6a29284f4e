package conditions

// Undocumented is a set of the behaviours AWS does not document that a
// Condition block's evaluation met, and for which it took the reading under
// which the request is denied: the clause holds in a Deny and not in an
// Allow (Options.Deny, SPEC §10.1). The zero value is the empty set.
type Undocumented uint8

// The undocumented behaviours of condition evaluation.
const (
	// UndocumentedUncomparable: a negated operator (NumericNotEquals,
	// NotIpAddress, ArnNotLike, …) or Bool met a comparison it cannot make,
	// a request value or a policy value of the wrong type (block.go holds).
	UndocumentedUncomparable Undocumented = 1 << iota
	// UndocumentedNullEmpty: Null met a key present with the value "" or
	// [], or an element "" of a multi value (null.go).
	UndocumentedNullEmpty
	// UndocumentedMalformedVariable: a policy value holds a malformed
	// policy variable (${k,'x'}, ${, 'x'}), read as having no value
	// (package internal/variable).
	UndocumentedMalformedVariable
)
