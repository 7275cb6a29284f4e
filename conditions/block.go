package conditions

import (
	"net/netip"
	"slices"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/placeholder"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// Clause is one (operator, key, values) triple of a Condition block, such as
// {StringEquals, "aws:PrincipalTag/team", ["blue", "red"]}.
type Clause struct {
	Operator Operator
	Key      string
	Values   []string
}

// Options tune how Compile reads policy values.
type Options struct {
	// Variables enables policy variables: true for a policy whose Version is
	// 2012-10-17 (SPEC §3.3). Otherwise "${…}" is literal text.
	Variables bool

	// Lenient keeps policy values that are invalid for their family (a
	// Numeric value "ten", a Bool value "yes") instead of failing: such a
	// value never compares equal (SPEC §5.4), so it matches nothing under a
	// positive operator and does not block the NOR of a negated one. AWS
	// accepts such policies (it rejects only invalid dates when a policy is
	// created); validators warn about them. An empty list of values and an
	// invalid operator remain errors.
	Lenient bool

	// Deny says the block guards a Deny statement. Where AWS documents no
	// outcome for a comparison (a request value the operator cannot parse,
	// or no parseable policy value deciding while an invalid one was kept
	// by Lenient), the clause takes the reading under which the request is
	// denied (SPEC §10.1): it holds in a Deny and not in an Allow, so no
	// Allow applies and no Deny is skipped on a guess.
	Deny bool

	// Placeholders reads a policy value that starts with U+0000 as a
	// placeholder, a value the policy's source leaves unknown
	// (policy.IsPlaceholder): when no other value decides, the clause
	// holds in a Deny and not in an Allow, so that it never grants.
	// Otherwise such a value is invalid for every family but String.
	Placeholders bool
}

// Block is a compiled Condition block: its clauses are AND-ed. A Block is
// immutable and safe for concurrent use. A nil *Block, like an empty one,
// has no clauses and is always true.
type Block struct {
	clauses []clause
}

// bufSize is the size of the stack buffer that holds a policy value after
// variable substitution; longer values spill to the heap.
const bufSize = 256

// clause is a compiled Clause.
type clause struct {
	src      Clause // as given, for Block.Clause
	key      string // lower case
	base     Base
	family   Family
	qual     Qualifier
	ifExists bool
	negated  bool
	// deny: the clause guards a Deny (Options.Deny); unknown comparisons
	// hold. invalid: a policy value was invalid for the family and kept.
	deny, invalid bool
	// malformed: a policy value holds a malformed policy variable, which
	// has no value (UndocumentedMalformedVariable).
	malformed bool
	// unknown: a policy value is a placeholder (package
	// internal/placeholder), a value the policy's source leaves unknown.
	unknown bool

	// Policy values, pre-parsed for the family.
	strs     []strValue     // String, ARN and Bool families
	arns     []arn.Pattern  // ARN family, aligned with strs: values without variables
	nums     []decimal      // Numeric
	dates    []instant      // Date
	prefixes []netip.Prefix // IP
	bins     [][]byte       // Binary: decoded bytes
	bools    []bool         // Bool (static values) and Null
}

// strValue is one policy value of the String, ARN or Bool family.
type strValue struct {
	text string         // literal text, encoded glob (StringLike), or Bool text
	glob *wildcard.Glob // text compiled, for a StringLike value that reads no key
	tmpl Template       // the value as a template
	dyn  bool           // reads the request context: resolve at evaluation
}

// Compile compiles a Condition block. Every operator is resolved once and
// every policy value pre-parsed: numbers and dates into exact forms, CIDR
// blocks into prefixes, base64 decoded, globs encoded, variables into
// Templates, keys lower-cased. A clause that cannot be compiled is reported
// as a *ClauseError: an invalid operator, no values, or a value that is
// invalid for its family (see CheckValue), unless opts.Lenient. An empty list
// of clauses is a Block that is always true.
func Compile(clauses []Clause, opts Options) (*Block, error) {
	b := &Block{clauses: make([]clause, len(clauses))}
	for i, src := range clauses {
		if err := b.clauses[i].compile(src, opts); err != nil {
			err.Clause = i
			return nil, err
		}
	}
	return b, nil
}

func (c *clause) compile(src Clause, opts Options) *ClauseError {
	op := src.Operator
	if !op.Base.Valid() || op.Qualifier > ForAnyValue {
		return &ClauseError{Value: -1, Err: &OperatorError{Name: op.String(), Reason: "not a condition operator"}}
	}
	if op.Base == Null && op.IfExists {
		return &ClauseError{Value: -1, Err: &OperatorError{Name: op.String(), Reason: nullIfExists}}
	}
	if len(src.Values) == 0 {
		return &ClauseError{Value: -1, Err: ErrNoValues}
	}
	src.Values = slices.Clone(src.Values)
	*c = clause{
		src:      src,
		key:      lowerKey(src.Key),
		base:     op.Base,
		family:   op.Base.Family(),
		qual:     op.Qualifier,
		ifExists: op.IfExists,
		negated:  op.Base.Negated(),
		deny:     opts.Deny,
	}
	variables := opts.Variables && op.Base.AllowsVariables()
	for j, v := range src.Values {
		if opts.Placeholders && placeholder.Is(v) {
			c.unknown = true
			continue
		}
		if variables && len(CheckVariables(v)) != 0 {
			c.malformed = true
		}
		if p := c.addValue(v, variables); p != "" {
			if !opts.Lenient {
				return &ClauseError{Value: j, Err: &ValueError{Family: c.family, Value: v, Reason: p}}
			}
			c.invalid = true
		}
	}
	return nil
}

// addValue pre-parses one policy value; it returns the reason it is invalid,
// having added nothing: a value that never compares equal is the same as no
// value.
func (c *clause) addValue(v string, variables bool) string {
	if err := CheckValue(c.base, v); err != nil {
		if ve, ok := err.(*ValueError); ok {
			return ve.Reason
		}
		return err.Error()
	}
	switch c.family {
	case FamilyString, FamilyARN, FamilyBool:
		t := ParseTemplate(v, variables)
		sv := strValue{text: v, tmpl: t}
		switch {
		case t.ctx:
			sv.dyn = true
		case c.base == StringLike || c.base == StringNotLike || c.family == FamilyARN:
			b, _ := t.AppendGlob(nil, Context{})
			sv.text = string(b)
			if c.family == FamilyString {
				g := wildcard.CompileGlob(sv.text, false)
				sv.glob = &g
			}
		default:
			sv.text = t.literalText()
		}
		if c.family == FamilyBool && !sv.dyn {
			val, p := parseBool(sv.text)
			if p.bad { // "${…}" is literal text when variables are off
				return reason(c.family, v, p)
			}
			c.bools = append(c.bools, val)
			return ""
		}
		if c.family == FamilyARN {
			c.arns = append(c.arns, compileArn(v, t))
		}
		c.strs = append(c.strs, sv)
	case FamilyNumeric:
		appendParsed(&c.nums, parseDecimal, v)
	case FamilyDate:
		appendParsed(&c.dates, parseDate, v)
	case FamilyIP:
		appendParsed(&c.prefixes, parsePrefix, v)
	case FamilyBinary:
		appendParsed(&c.bins, decodeBase64, v)
	case FamilyNull:
		appendParsed(&c.bools, parseBool, v)
	}
	return ""
}

// appendParsed appends the value parse reads from v to *dst; addValue has
// checked v with CheckValue, so parse reads it.
func appendParsed[T any](dst *[]T, parse func(string) (T, problem), v string) {
	x, _ := parse(v)
	*dst = append(*dst, x)
}

// Eval reports whether every clause holds for ctx. It does not allocate.
func (b *Block) Eval(ctx Context) bool {
	holds, _ := b.EvalUndocumented(ctx)
	return holds
}

// EvalUndocumented is Eval that also reports the readings of behaviour AWS
// does not document that the clauses it evaluated took (SPEC §10.1). Clauses
// are evaluated in order up to the first that is false. It does not
// allocate.
func (b *Block) EvalUndocumented(ctx Context) (holds bool, u Undocumented) {
	if b == nil {
		return true, 0
	}
	for i := range b.clauses {
		if !b.clauses[i].eval(ctx, &u) {
			return false, u
		}
	}
	return true, u
}

// EvalClause reports whether clause i alone holds for ctx, for explanations.
// It is false when i is out of range.
func (b *Block) EvalClause(i int, ctx Context) bool {
	if b == nil || i < 0 || i >= len(b.clauses) {
		return false
	}
	var u Undocumented
	return b.clauses[i].eval(ctx, &u)
}

// Len returns the number of clauses.
func (b *Block) Len() int {
	if b == nil {
		return 0
	}
	return len(b.clauses)
}

// Clause returns clause i as it was given to Compile, or the zero Clause
// when i is out of range. The caller must not modify its Values.
func (b *Block) Clause(i int) Clause {
	if b == nil || i < 0 || i >= len(b.clauses) {
		return Clause{}
	}
	return b.clauses[i].src
}

// eval evaluates one clause: SPEC §5.4.
//
// Under a set qualifier each request value is decided on its own (SPEC §5.7,
// revision 2): ForAllValues is the AND over the values of holds, ForAnyValue
// the OR. reference_policies_multi-value-conditions.md (now
// reference_policies_condition-single-vs-multi-valued-context-keys.md):
// ForAllValues "returns true if every key value in the request matches at
// least one value in the policy. It also returns true if there are no keys in
// the request, or if the key values resolve to a null data set, such as an
// empty string"; ForAnyValue "returns true if any one of the key values in
// the request matches any one of the condition values in the policy. For no
// matching key or a null dataset, the condition returns false." A request
// value of the wrong type for a typed operator ("abc" for NumericLessThan,
// "not-an-ip" for IpAddress) matches no policy value, so it does not satisfy
// the operator: it cannot make ForAnyValue true, and does not stop another
// value from doing so; it makes ForAllValues false.
//
// u collects the undocumented readings taken (SPEC §10.1).
func (c *clause) eval(ctx Context, u *Undocumented) bool {
	if c.malformed {
		*u |= UndocumentedMalformedVariable
	}
	v, present := ctx.lookupLower(c.key)
	switch c.qual {
	case ForAllValues:
		if !present {
			return true
		}
		for _, s := range v.elements() {
			if !c.holds(s, ctx, u) {
				return false // a non-match, or a value of the wrong type
			}
		}
		return true
	case ForAnyValue:
		if !present {
			return c.ifExists // never for Null, which takes no IfExists
		}
		for _, s := range v.elements() {
			if c.holds(s, ctx, u) {
				return true
			}
		}
		return false
	}
	if c.family == FamilyNull {
		return c.matchNull(v, present, u)
	}
	if !present {
		return c.ifExists || c.negated
	}
	if !v.single {
		return false // §5.8, D5
	}
	return c.holds(v.vals[0], ctx, u)
}

// holds reports whether request value x satisfies the operator: OR over the
// policy values for a positive operator, NOR for a negated one. When no
// known policy value decides and one is a placeholder, a value the
// policy's source leaves unknown, the clause holds in a Deny and not in an
// Allow, so the placeholder never grants. A value of
// the wrong type does not match a positive comparison (a request value
// "abc" is not less than 10; a policy value "ten" equals nothing), and does
// not stop another value from matching.
//
// Undocumented (SPEC §10.1): what a negated operator makes of a comparison
// it cannot make — a request value of the wrong type (NumericNotEquals on
// "abc", NotIpAddress on "not-an-ip", ArnNotLike on a value that is not an
// ARN), or, when no parseable policy value decides, a policy value of the
// wrong type that AWS accepted with a warning (NotIpAddress on
// "123456789012", NumericNotEquals on "ten") — and what Bool makes of a
// request value that is neither true nor false. No AWS page says whether
// "abc" is "not equal" to 10. Reading taken, the one that denies: such a
// comparison holds in a Deny statement and not in an Allow (Options.Deny),
// plain or under ForAllValues/ForAnyValue, so no Allow applies and no Deny
// is skipped because of a value AWS cannot compare.
func (c *clause) holds(x string, ctx Context, u *Undocumented) bool {
	if c.family == FamilyNull {
		return c.nullHolds(x, u)
	}
	hits, valid := c.match(x, ctx)
	unknown := c.negated || c.family == FamilyBool
	switch {
	case !valid && unknown && c.family != FamilyString:
		*u |= UndocumentedUncomparable
		return c.deny
	case !valid:
		return false // no match; for strings, an unresolved variable (SPEC §5.11)
	case hits > 0:
		return !c.negated
	case c.unknown:
		// No known value decides, and an unknown one might: read so that
		// it never grants.
		return c.deny
	case c.invalid && unknown:
		*u |= UndocumentedUncomparable
		return c.deny
	}
	return c.negated
}

// match counts the policy values for which the positive comparison of the
// operator holds against request value x. valid is false when x does not
// parse for the family, or a substituted value cannot be matched.
func (c *clause) match(x string, ctx Context) (hits int, valid bool) {
	switch c.family {
	case FamilyString:
		return c.matchString(x, ctx)
	case FamilyNumeric:
		return c.matchNumeric(x)
	case FamilyDate:
		return c.matchDate(x)
	case FamilyBool:
		return c.matchBool(x, ctx)
	case FamilyBinary:
		return c.matchBinary(x)
	case FamilyIP:
		return c.matchIP(x)
	case FamilyARN:
		return c.matchArn(x, ctx)
	}
	return 0, false
}
