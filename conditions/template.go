package conditions

import (
	"fmt"
	"strings"

	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/internal/variable"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// Template is policy text that may hold policy variables (SPEC §5.11):
//
//	${key}             the value of a single-valued context key
//	${key, 'default'}  the same, or default when the key is absent
//	${*} ${?} ${$}     a literal '*', '?' or '$'
//
// A variable ends at the first '}'. "${" with no '}' after it is literal
// text, and anything else inside "${…}" is taken as a key name. Key names are
// case-insensitive. A Template is immutable and safe for concurrent use; the
// zero Template is the empty text.
type Template struct {
	src  string
	segs []segment
	vars bool // holds at least one ${…} token
	ctx  bool // holds at least one token that reads the context
}

type segKind uint8

const (
	segText    segKind = iota // policy text: '*' and '?' are wildcards in a glob
	segLiteral                // ${*}, ${?} or ${$}: text is the literal character
	segVar                    // ${key} or ${key, 'default'}: text is the lower-cased key
)

type segment struct {
	kind   segKind
	hasDef bool
	text   string
	def    string
}

// ParseTemplate compiles s. With variables false (a policy whose Version is
// not 2012-10-17, SPEC §3.3) the whole of s is literal policy text, "${…}"
// included. The grammar is package internal/variable's, the one the
// validator checks.
func ParseTemplate(s string, variables bool) Template {
	t := Template{src: s}
	if !variables || !strings.Contains(s, "${") {
		if s != "" {
			t.segs = []segment{{kind: segText, text: s}}
		}
		return t
	}
	for i := 0; i < len(s); {
		var p variable.Part
		p, i = variable.Next(s, i)
		switch p.Kind {
		case variable.Text:
			t.segs = append(t.segs, segment{kind: segText, text: p.Value})
		case variable.Char:
			t.segs = append(t.segs, segment{kind: segLiteral, text: p.Value})
			t.vars = true
		case variable.Key:
			t.segs = append(t.segs, segment{kind: segVar, text: lowerKey(p.Value), def: p.Default, hasDef: p.HasDefault})
			t.vars, t.ctx = true, true
		}
	}
	return t
}

// CanonicalKey returns a condition key as a Context stores and looks it
// up: its ASCII letters in lower case, every other character as written
// (condition keys are case-insensitive, SPEC §1.3; "Ä" stays "Ä"). Code
// that groups or builds keys outside this package compares them in this
// form, not with strings.ToLower, which would fold "Ä" to a key no
// lookup reaches.
func CanonicalKey(key string) string { return lowerKey(key) }

// lowerKey returns key in ASCII lower case.
func lowerKey(key string) string {
	if !hasUpper(key) {
		return key
	}
	b := make([]byte, len(key))
	for i := 0; i < len(key); i++ {
		b[i] = text.Lower(key[i])
	}
	return string(b)
}

// HasVariables reports whether the template holds any "${…}" token, the
// special ${*}, ${?} and ${$} included.
func (t Template) HasVariables() bool { return t.vars }

// String returns the source text.
func (t Template) String() string { return t.src }

// resolveStatus is the outcome of resolving a template.
type resolveStatus uint8

const (
	resolved    resolveStatus = iota
	noValue                   // a variable has no value (SPEC §5.11.3)
	unrepresent               // substituted text holds a wildcard byte of the encoded form
)

// AppendGlob appends the resolved text to dst in the encoded form of package
// internal/wildcard: '*' and '?' written in the policy text are wildcards,
// while text substituted from ctx and ${*}, ${?}, ${$} are literal (SPEC
// §5.11.3, D18). ok is false when a variable has no value: its key is absent
// and has no default, or it is multi-valued. ok is also false when the
// substituted text holds the byte 0xFE or 0xFF (never part of valid UTF-8),
// which the encoded form cannot carry as literal text. AppendGlob does not
// allocate when dst has room for the result.
func (t Template) AppendGlob(dst []byte, ctx Context) (out []byte, ok bool) {
	out, st := t.appendGlob(dst, ctx)
	return out, st == resolved
}

func (t Template) appendGlob(dst []byte, ctx Context) ([]byte, resolveStatus) {
	for _, sg := range t.segs {
		switch sg.kind {
		case segText:
			dst = wildcard.AppendEncoded(dst, sg.text)
		case segLiteral:
			dst = append(dst, sg.text...)
		case segVar:
			v, ok := sg.resolve(ctx)
			if !ok {
				return dst, noValue
			}
			if hasWildcardByte(v) {
				return dst, unrepresent
			}
			dst = append(dst, v...)
		}
	}
	return dst, resolved
}

// AppendText appends the resolved text to dst, with no wildcards: every
// character is literal. ok is false when a variable has no value. It does not
// allocate when dst has room for the result.
func (t Template) AppendText(dst []byte, ctx Context) (out []byte, ok bool) {
	for _, sg := range t.segs {
		switch sg.kind {
		case segText, segLiteral:
			dst = append(dst, sg.text...)
		case segVar:
			v, ok := sg.resolve(ctx)
			if !ok {
				return dst, false
			}
			dst = append(dst, v...)
		}
	}
	return dst, true
}

// resolve returns the text a variable stands for.
func (sg *segment) resolve(ctx Context) (string, bool) {
	v, present := ctx.lookupLower(sg.text)
	switch {
	case !present:
		return sg.def, sg.hasDef
	case !v.single:
		return "", false // multivalued keys cannot be variables
	}
	return v.vals[0], true
}

func hasWildcardByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= wildcard.One {
			return true
		}
	}
	return false
}

// CheckVariables describes each malformed policy variable in s, for the
// validator's VARIABLE_SYNTAX warning: "${" with no closing '}', an empty
// "${}", a default that is not written ", 'default'" or holds a quote, a key
// with surrounding spaces or holding "${". It returns nil when every
// variable is well formed. Malformed variables are not errors at evaluation
// time: they are literal text or keys that no request has (SPEC §5.11.1).
func CheckVariables(s string) []string {
	var problems []string
	for i := 0; i < len(s); {
		var p variable.Part
		p, i = variable.Next(s, i)
		switch p.Problem {
		case variable.None:
		case variable.Unterminated:
			problems = append(problems, fmt.Sprintf(`unterminated "${" at offset %d: the rest of the value is literal text`, p.Offset))
		default:
			problems = append(problems, fmt.Sprintf("variable %q at offset %d: %s", p.Src, p.Offset, p.Problem.Reason()))
		}
	}
	return problems
}
