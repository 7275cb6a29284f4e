package conditions

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Base is a condition operator without its set qualifier and IfExists suffix.
type Base uint8

// The base operators. The zero value is not an operator.
const (
	StringEquals Base = iota + 1
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IpAddress
	NotIpAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	numBases
)

// Family groups operators by the kind of value they compare.
type Family uint8

// The operator families.
const (
	FamilyString Family = iota + 1
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

var baseInfo = [numBases]struct {
	name    string
	family  Family
	negated bool
}{
	StringEquals:              {"StringEquals", FamilyString, false},
	StringNotEquals:           {"StringNotEquals", FamilyString, true},
	StringEqualsIgnoreCase:    {"StringEqualsIgnoreCase", FamilyString, false},
	StringNotEqualsIgnoreCase: {"StringNotEqualsIgnoreCase", FamilyString, true},
	StringLike:                {"StringLike", FamilyString, false},
	StringNotLike:             {"StringNotLike", FamilyString, true},
	NumericEquals:             {"NumericEquals", FamilyNumeric, false},
	NumericNotEquals:          {"NumericNotEquals", FamilyNumeric, true},
	NumericLessThan:           {"NumericLessThan", FamilyNumeric, false},
	NumericLessThanEquals:     {"NumericLessThanEquals", FamilyNumeric, false},
	NumericGreaterThan:        {"NumericGreaterThan", FamilyNumeric, false},
	NumericGreaterThanEquals:  {"NumericGreaterThanEquals", FamilyNumeric, false},
	DateEquals:                {"DateEquals", FamilyDate, false},
	DateNotEquals:             {"DateNotEquals", FamilyDate, true},
	DateLessThan:              {"DateLessThan", FamilyDate, false},
	DateLessThanEquals:        {"DateLessThanEquals", FamilyDate, false},
	DateGreaterThan:           {"DateGreaterThan", FamilyDate, false},
	DateGreaterThanEquals:     {"DateGreaterThanEquals", FamilyDate, false},
	Bool:                      {"Bool", FamilyBool, false},
	BinaryEquals:              {"BinaryEquals", FamilyBinary, false},
	IpAddress:                 {"IpAddress", FamilyIP, false},
	NotIpAddress:              {"NotIpAddress", FamilyIP, true},
	ArnEquals:                 {"ArnEquals", FamilyARN, false},
	ArnLike:                   {"ArnLike", FamilyARN, false},
	ArnNotEquals:              {"ArnNotEquals", FamilyARN, true},
	ArnNotLike:                {"ArnNotLike", FamilyARN, true},
	Null:                      {"Null", FamilyNull, false},
}

// String returns the operator's canonical name.
func (b Base) String() string {
	if b == 0 || b >= numBases {
		return fmt.Sprintf("Base(%d)", uint8(b))
	}
	return baseInfo[b].name
}

// Valid reports whether b is one of the base operators.
func (b Base) Valid() bool { return b > 0 && b < numBases }

// Family returns the kind of value the operator compares.
func (b Base) Family() Family {
	if !b.Valid() {
		return 0
	}
	return baseInfo[b].family
}

// Negated reports whether the operator is a negated one (StringNotEquals,
// NotIpAddress, …): several policy values are NOR-ed and a missing key
// makes it true.
func (b Base) Negated() bool { return b.Valid() && baseInfo[b].negated }

// Positive returns the positive twin of a negated operator, whose
// comparison it negates (StringNotLike → StringLike, NotIpAddress →
// IpAddress, ArnNotEquals → ArnEquals, …). Other operators are returned
// unchanged.
func (b Base) Positive() Base {
	switch b {
	case StringNotEquals:
		return StringEquals
	case StringNotEqualsIgnoreCase:
		return StringEqualsIgnoreCase
	case StringNotLike:
		return StringLike
	case NumericNotEquals:
		return NumericEquals
	case DateNotEquals:
		return DateEquals
	case NotIpAddress:
		return IpAddress
	case ArnNotEquals:
		return ArnEquals
	case ArnNotLike:
		return ArnLike
	}
	return b
}

// AllowsVariables reports whether policy variables are substituted in the
// operator's policy values (String, ARN and Bool operators).
func (b Base) AllowsVariables() bool {
	switch b.Family() {
	case FamilyString, FamilyARN, FamilyBool:
		return true
	}
	return false
}

// Qualifier is the set qualifier of an operator.
type Qualifier uint8

// The set qualifiers.
const (
	Plain        Qualifier = iota // no qualifier
	ForAllValues                  // "ForAllValues:"
	ForAnyValue                   // "ForAnyValue:"
)

// Operator is a complete condition operator such as
// "ForAnyValue:StringLikeIfExists". It is comparable.
type Operator struct {
	Base      Base
	Qualifier Qualifier
	IfExists  bool
}

// String returns the operator's canonical spelling.
func (o Operator) String() string {
	var sb strings.Builder
	switch o.Qualifier {
	case ForAllValues:
		sb.WriteString("ForAllValues:")
	case ForAnyValue:
		sb.WriteString("ForAnyValue:")
	}
	sb.WriteString(o.Base.String())
	if o.IfExists {
		sb.WriteString("IfExists")
	}
	return sb.String()
}

var byName = func() map[string]Base {
	m := make(map[string]Base, numBases)
	for b := Base(1); b < numBases; b++ {
		m[baseInfo[b].name] = b
	}
	return m
}()

// maxOperatorName is the longest name any operator can have, even spelled
// in another case: "ForAllValues:StringNotEqualsIgnoreCaseIfExists" has 46
// bytes, and the margin leaves room for case variants that are longer in
// UTF-8 (the Kelvin sign K folds to k). ParseOperator does no suggestion
// work on a longer name.
const maxOperatorName = 64

// maxQuoted is how much of a name OperatorError quotes.
const maxQuoted = 256

// OperatorError reports a condition operator name that is not one of AWS's.
type OperatorError struct {
	Name   string // the name as written
	Reason string // what is wrong with it
}

// Error returns `condition operator "<name>": <reason>`, with a very long
// name shortened to its first bytes.
func (e *OperatorError) Error() string {
	name, more := e.Name, ""
	if len(name) > maxQuoted {
		cut := maxQuoted
		for cut > maxQuoted-utf8.UTFMax && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name, more = name[:cut], fmt.Sprintf("… (%d bytes)", len(e.Name))
	}
	return fmt.Sprintf("condition operator %q%s: %s", name, more, e.Reason)
}

// qualifiers are the set qualifiers in their canonical spelling.
var qualifiers = [...]struct {
	prefix string
	q      Qualifier
}{{"ForAllValues:", ForAllValues}, {"ForAnyValue:", ForAnyValue}}

// ParseOperator parses an operator name in its canonical (case-sensitive)
// spelling: an optional "ForAllValues:" or "ForAnyValue:" qualifier, one of
// the base operators, and an optional "IfExists" suffix. Null takes no
// IfExists suffix but may take a qualifier. The error is an *OperatorError; for a name that
// differs from an operator only by case, its reason gives the canonical
// spelling. It takes time linear in the length of name.
func ParseOperator(name string) (Operator, error) {
	var op Operator
	rest := name
	for _, q := range qualifiers {
		if r, ok := strings.CutPrefix(rest, q.prefix); ok {
			op.Qualifier, rest = q.q, r
			break
		}
	}
	if b, ok := byName[rest]; ok {
		op.Base = b
	} else if trimmed, cut := strings.CutSuffix(rest, "IfExists"); cut {
		if b, ok := byName[trimmed]; ok {
			op.Base, op.IfExists = b, true
		}
	}
	if op.Base == 0 {
		reason := "not a condition operator"
		if hint := suggest(name); hint != "" {
			reason += fmt.Sprintf(" (did you mean %q?)", hint)
		}
		return Operator{}, &OperatorError{Name: name, Reason: reason}
	}
	if op.Base == Null && op.IfExists {
		return Operator{}, &OperatorError{Name: name, Reason: nullIfExists}
	}
	return op, nil
}

// suggest returns the canonical spelling of an operator name that differs
// from a valid operator only by case, or "". It does a bounded amount of
// work: a name longer than maxOperatorName gets no suggestion.
func suggest(name string) string {
	if len(name) > maxOperatorName {
		return ""
	}
	qual, rest := "", name
	if i := strings.IndexByte(name, ':'); i >= 0 {
		for _, q := range qualifiers {
			if strings.EqualFold(name[:i+1], q.prefix) {
				qual, rest = q.prefix, name[i+1:]
			}
		}
		if qual == "" {
			return ""
		}
	}
	base, ifExists := rest, ""
	if n := len(rest) - len("IfExists"); n > 0 && strings.EqualFold(rest[n:], "IfExists") {
		base, ifExists = rest[:n], "IfExists"
	}
	for b := Base(1); b < numBases; b++ {
		var s string
		switch {
		case strings.EqualFold(baseInfo[b].name, rest):
			s = baseInfo[b].name
		case ifExists != "" && strings.EqualFold(baseInfo[b].name, base):
			s = baseInfo[b].name + ifExists
		default:
			continue
		}
		if b == Null && s != "Null" {
			return "" // Null takes no IfExists
		}
		return qual + s
	}
	return ""
}
