package conditions

// matchNull evaluates Null (SPEC §5.10): "true" holds when the key is absent
// or null ("" or []), "false" when it has a non-empty value. Several values
// are OR-ed.
func (c *clause) matchNull(v Value, present bool) bool {
	null := !present || v.isNull()
	for _, want := range c.bools {
		if want == null {
			return true
		}
	}
	return false
}
