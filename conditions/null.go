package conditions

// nullIfExists is the reason Null with IfExists is not an operator:
// reference_policies_elements_condition_operators.md, "You can add IfExists
// to the end of any condition operator name except the Null condition". It
// is the only form of Null that AWS rejects: ForAllValues:Null and
// ForAnyValue:Null are operators (SPEC §3.8, §5.2, revision 2).
const nullIfExists = "Null does not take IfExists"

// matchNull evaluates Null (SPEC §5.10): "true" holds when the key is
// absent, "false" when it has a non-empty value
// (reference_policies_elements_condition_operators.md: "use either true (the
// key doesn't exist — it is null) or false (the key exists and its value is
// not null)"). Several values are OR-ed.
//
// Undocumented (SPEC §10.1): a key present with the value "" or []. AWS
// calls an empty string in the request context null
// (reference_policies_elements_condition.md) but no page says what Null
// makes of a key that is present with it. Reading taken, the one that
// denies: the clause holds in a Deny and not in an Allow.
func (c *clause) matchNull(v Value, present bool, u *Undocumented) bool {
	if present && v.isNull() {
		*u |= UndocumentedNullEmpty
		return c.deny
	}
	for _, want := range c.bools {
		if want == !present {
			return true
		}
	}
	return c.unknown && c.deny // a placeholder never grants
}

// nullHolds is Null's meaning for one request value x of a present key,
// under ForAllValues or ForAnyValue: "true" holds when x is null, "false"
// when it is not. An absent key and a null data set ("" or []) are decided
// by the qualifier before any value is looked at (block.go eval):
// ForAllValues:Null is true, ForAnyValue:Null false. So for a key with
// non-empty values, ForAllValues:Null "true" and ForAnyValue:Null "true" are
// false, and ForAllValues:Null "false" and ForAnyValue:Null "false" true.
//
// Undocumented (SPEC §10.1): an element "" of a multi value, as in ["", "a"].
// No AWS page says whether Null sees such an element as null. Reading
// taken, the one that denies: for that element the clause holds in a Deny
// and not in an Allow, so ForAllValues:Null "false" is false on ["", "a"] in
// an Allow and ForAnyValue:Null "true" is true on it in a Deny.
func (c *clause) nullHolds(x string, u *Undocumented) bool {
	if x == "" {
		*u |= UndocumentedNullEmpty
		return c.deny
	}
	for _, want := range c.bools {
		if !want {
			return true
		}
	}
	return c.unknown && c.deny // a placeholder never grants
}
