package conditions

// CheckValue reports whether a policy value is valid for the operator family
// of b: a number for Numeric operators, a date for Date operators, a CIDR or
// address for IP operators, base64 for BinaryEquals, true/false for Bool and
// Null. String and ARN values are always valid. The error says what is wrong.
//
// TODO(conditions): placeholder until the value parsers land.
func CheckValue(b Base, value string) error { return nil }
