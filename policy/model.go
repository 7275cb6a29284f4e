package policy

import (
	"strconv"

	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/internal/placeholder"
)

// Position locates an element in the source it was read from. File names
// the source ("" when the document was parsed without a name, as by
// [Parse]); Line and Column are 1-based, Column counts bytes; Offset is the
// 0-based byte offset in that source. A document embedded in a larger file
// (an inline policy of an access-test case, a template) is parsed with
// [ParseAt], so its positions are positions in the larger file. The zero
// Position means "unknown" (a policy built in Go rather than parsed); see
// [Position.IsValid].
type Position struct {
	File   string `json:"file,omitempty"`
	Offset int    `json:"offset"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsValid reports whether the position has a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String renders the position the way compilers do (and go/token does):
// "file:line:col"; "file:line" when Column is 0 (a whole line); without the
// file name and its colon when File is ""; "file" alone when the line is
// unknown; and "-" for the zero Position.
func (p Position) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Column > 0 {
			s += ":" + strconv.Itoa(p.Column)
		}
	}
	if s == "" {
		return "-"
	}
	return s
}

// Effect is a statement's effect.
type Effect uint8

// The two effects. The zero value is not a valid effect.
const (
	Allow Effect = iota + 1
	Deny
)

// String returns "Allow" or "Deny" ("Effect(n)" for an invalid value).
func (e Effect) String() string { return enum.String(effectNames[:], e, "Effect(%d)") }

var effectNames = [...]string{Allow: "Allow", Deny: "Deny"}

// The two policy language versions. A missing Version behaves as Version2008.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Item is one string of a policy (an action, a resource, a principal, a
// condition value) with the place it was written. Condition values given as
// JSON numbers or booleans hold their literal text ("10", "true").
type Item struct {
	Value string
	Pos   Position
}

// Policy is a parsed policy document. It is immutable once returned by Parse.
type Policy struct {
	Version    string   // "2012-10-17", "2008-10-17" or "" when absent
	VersionPos Position // zero when absent
	ID         string
	IDPos      Position
	HasID      bool
	Statements []Statement
	Pos        Position // the opening brace of the document
	// Size is the number of non-white-space characters of the source
	// document, the measure AWS applies to most policy size quotas.
	Size int
	// RawSize is the length of the source in bytes (SCP/RCP quotas count
	// white space too).
	RawSize int

	// meta is what Parse learned beyond the model: its findings (so that
	// Check fails closed on a policy whose Parse error was ignored) and the
	// shape of the source (for JSON pointers). nil for a policy built in Go.
	meta *parseMeta
}

// Statement is one statement of a policy.
type Statement struct {
	Index  int      // position in the Statement array, from 0
	Pos    Position // the statement's opening brace
	Sid    string
	HasSid bool
	SidPos Position
	Effect Effect
	// EffectPos locates the Effect value.
	EffectPos Position

	// Principal is nil when the statement has neither Principal nor
	// NotPrincipal. PrincipalNegated is true for NotPrincipal.
	Principal        *Principal
	PrincipalNegated bool

	// Actions holds Action or NotAction entries; ActionsNegated is true for NotAction.
	Actions        []Item
	ActionsNegated bool
	ActionsPos     Position

	// Resources holds Resource or NotResource entries; ResourcesNegated is
	// true for NotResource. HasResource is false when neither was written
	// (a trust policy, or a resource policy that implies its resource).
	Resources        []Item
	ResourcesNegated bool
	HasResource      bool
	ResourcesPos     Position

	// Conditions are the (operator, key, values) clauses of the Condition
	// block in document order. They are AND-ed.
	Conditions   []Condition
	ConditionPos Position
}

// Principal is the value of a Principal or NotPrincipal element.
type Principal struct {
	Pos Position
	// Wildcard is true for the string form "*". ({"AWS": "*"} is kept in AWS.)
	Wildcard      bool
	AWS           []Item
	Service       []Item
	Federated     []Item
	CanonicalUser []Item
}

// Condition is one clause of a Condition block: an operator applied to one
// context key with one or more policy values.
type Condition struct {
	Operator    string // as written, e.g. "ForAnyValue:StringLikeIfExists"
	OperatorPos Position
	Key         string // as written; keys compare case-insensitively
	KeyPos      Position
	Values      []Item
	// ValuesAreList is true when the values were written as a JSON array.
	ValuesAreList bool
}

// IsPlaceholder reports whether s, an Item's Value, is a placeholder: a
// value the document's source leaves unknown offline, such as a
// CloudFormation intrinsic function that cannot be resolved or a Terraform
// value known only after apply. A placeholder starts with U+0000, which no
// document parsed by [Parse], [ParseFile] or [ParseAt] and no policy built
// in Go that passes [Policy.Check] can hold; only [ParseMapped] accepts it.
// The evaluator reads a placeholder so that it never grants: in an Allow
// statement it matches nothing, in a Deny statement everything (in
// NotAction, NotResource, NotPrincipal and under a negated condition
// operator, the mirror image).
func IsPlaceholder(s string) bool { return placeholder.Is(s) }

// Placeholder returns the placeholder described by desc, as ParseMapped
// reads it from a JSON string that starts with \u0000.
func Placeholder(desc string) string { return placeholder.Make(desc) }

// PlaceholderText returns the description of placeholder s ("!Sub
// arn:aws:s3:::${Bucket}/*"), or s itself when it is not one.
func PlaceholderText(s string) string { return placeholder.Text(s) }
