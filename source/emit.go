package source

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/policy"
)

// where is the place of a value in the policy grammar, which decides what
// an unknown value there becomes.
type where uint8

const (
	wDoc        where = iota // the document: an object
	wStatements              // Statement: a statement or a list of them
	wStatement               // one statement
	wStrict                  // Version, Effect: must be known
	wDrop                    // Sid, Id: left out when unknown
	wValues                  // an entry or list of entries, a condition value or list: a placeholder
	wPrincipal               // Principal, NotPrincipal: a placeholder, or principal lists
	wCondition               // Condition: operators
	wOperator                // one operator's block: keys
)

// member returns where the value of member key of a value at w stands.
func (w where) member(key string) where {
	switch w {
	case wDoc:
		switch key {
		case "Statement":
			return wStatements
		case "Version":
			return wStrict
		case "Id":
			return wDrop
		}
	case wStatements, wStatement:
		switch key {
		case "Effect":
			return wStrict
		case "Sid":
			return wDrop
		case "Principal", "NotPrincipal":
			return wPrincipal
		case "Condition":
			return wCondition
		}
	case wCondition:
		return wOperator
	}
	return wValues
}

// element returns where an element of an array at w stands.
func (w where) element() where {
	if w == wStatements {
		return wStatement
	}
	return wValues
}

// placeholderOK reports whether an unknown value at w becomes a
// placeholder (true) or leaves the whole document unknown (false).
func (w where) placeholderOK() bool { return w == wValues || w == wPrincipal }

// mark records that the JSON text from offset off on was converted from
// what is written at pos.
type mark struct {
	off int
	pos policy.Position
}

// emitter writes a policy document held in a template as JSON, with the
// positions its text came from, evaluating intrinsic functions.
type emitter struct {
	r     *resolver
	buf   []byte
	marks []mark
	ph    []Placeholder
	// unknown is set when a value the grammar needs (a statement, an
	// Effect, …) is not known offline: the whole document is unknown.
	unknown *Placeholder
}

// locate returns the position of offset off of the JSON text: that of the
// token it is in.
func (e *emitter) locate(off int) policy.Position {
	i := sort.Search(len(e.marks), func(i int) bool { return e.marks[i].off > off })
	if i == 0 {
		if len(e.marks) == 0 {
			return policy.Position{}
		}
		return e.marks[0].pos
	}
	return e.marks[i-1].pos
}

func (e *emitter) at(p policy.Position) { e.marks = append(e.marks, mark{len(e.buf), p}) }

// value writes n, standing at w.
func (e *emitter) value(n node, w where) {
	if e.unknown != nil {
		return
	}
	if n.kind == kCall {
		v, st := e.r.eval(n)
		switch {
		case st == known:
			n = v
		case w == wStatements && n.fn == "Fn::If":
			n = node{kind: kArray, pos: n.pos, args: []node{n}} // the statements of its branches
		default:
			e.placeholder(n, w)
			return
		}
	}
	e.at(n.pos)
	switch n.kind {
	case kString:
		e.buf = appendString(e.buf, n.text)
	case kPlaceholder:
		e.buf = appendPlaceholder(e.buf, n.text)
	case kArray:
		e.buf = append(e.buf, '[')
		first := true
		elems := n.args
		if w == wStatements {
			elems = e.statements(elems)
		}
		for _, a := range elems {
			if e.dropped(a) {
				continue
			}
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.value(a, w.element())
		}
		e.buf = append(e.buf, ']')
	case kObject:
		e.buf = append(e.buf, '{')
		first := true
		for i, k := range n.keys {
			a, mw := n.args[i], w.member(k.text)
			if e.dropped(a) || (mw == wDrop && e.isUnknown(a)) {
				if mw == wDrop {
					e.note(a)
				}
				continue
			}
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.at(k.pos)
			e.buf = appendString(e.buf, k.text)
			e.buf = append(e.buf, ':')
			e.value(a, mw)
		}
		e.buf = append(e.buf, '}')
	default:
		e.buf = append(e.buf, n.text...)
	}
}

// unknownKey is the condition key of the clause that makes a statement
// conditional on a value not known offline (see statements).
const unknownKey = "iamlogic:Unknown"

// statements returns the statements of a Statement list, where a
// statement written as Fn::If (a CloudFormation condition, not known
// offline) stands for the statements of its branches (none for
// AWS::NoValue), each made conditional on the unknown value by the clause
// {"Null": {"iamlogic:Unknown": PLACEHOLDER}}: it never holds in an Allow
// and always in a Deny, so that an optional Allow grants nothing and an
// optional Deny denies. A branch that is not known offline otherwise makes
// the whole document unknown.
func (e *emitter) statements(list []node) []node {
	var out []node
	for _, a := range list {
		if a.kind != kCall || a.fn != "Fn::If" {
			out = append(out, a)
			continue
		}
		p := e.note(a)
		var branches []node
		if !e.branches(a, &branches) {
			e.unknown = &p
			return nil
		}
		for _, b := range branches {
			out = append(out, conditional(b, p))
		}
	}
	return out
}

// branches adds the statements n stands for to out: those of both
// branches of an Fn::If, none for AWS::NoValue, every statement of a list.
func (e *emitter) branches(n node, out *[]node) bool {
	switch n.kind {
	case kObject:
		*out = append(*out, n)
		return true
	case kArray:
		for _, a := range n.args {
			if !e.branches(a, out) {
				return false
			}
		}
		return true
	case kCall:
		if arg := n.args[0]; n.fn == "Fn::If" && arg.kind == kArray && len(arg.args) == 3 {
			return e.branches(arg.args[1], out) && e.branches(arg.args[2], out)
		}
		v, st := e.r.eval(n)
		switch st {
		case noValue:
			return true
		case known:
			return e.branches(v, out)
		}
		return false
	}
	*out = append(*out, n) // not a statement: package policy says so
	return true
}

// conditional returns the statement s with the clause {"Null":
// {"iamlogic:Unknown": PLACEHOLDER}} added, the placeholder standing for
// p. A Condition that is not an object is left as it is.
func conditional(s node, p Placeholder) node {
	if s.kind != kObject {
		return s
	}
	key := node{kind: kString, text: unknownKey, pos: p.Pos}
	ph := node{kind: kPlaceholder, text: p.Text, pos: p.Pos}
	withMember := func(o node, k node, v node) node {
		o.keys = append(append([]node{}, o.keys...), k)
		o.args = append(append([]node{}, o.args...), v)
		return o
	}
	nullBlock := node{kind: kObject, pos: p.Pos, keys: []node{key}, args: []node{ph}}
	c, ok := s.get("Condition")
	if !ok {
		cond := node{kind: kObject, pos: p.Pos, keys: []node{{kind: kString, text: "Null", pos: p.Pos}}, args: []node{nullBlock}}
		return withMember(s, node{kind: kString, text: "Condition", pos: p.Pos}, cond)
	}
	if c.kind != kObject {
		return s
	}
	cond := *c
	if null, ok := c.get("Null"); ok && null.kind == kObject {
		merged := withMember(*null, key, ph)
		cond.args = append([]node{}, cond.args...)
		for i := range cond.keys {
			if cond.keys[i].text == "Null" {
				cond.args[i] = merged
			}
		}
	} else if !ok {
		cond = withMember(cond, node{kind: kString, text: "Null", pos: p.Pos}, nullBlock)
	}
	out := s
	out.args = append([]node{}, s.args...)
	for i := range out.keys {
		if out.keys[i].text == "Condition" {
			out.args[i] = cond
		}
	}
	return out
}

// dropped reports whether n is AWS::NoValue (or a call that gives it).
func (e *emitter) dropped(n node) bool {
	if n.kind != kCall {
		return false
	}
	_, st := e.r.eval(n)
	return st == noValue
}

func (e *emitter) isUnknown(n node) bool {
	if n.kind != kCall {
		return false
	}
	_, st := e.r.eval(n)
	return st == unknown
}

// note records the unknown value n as a placeholder of the document.
func (e *emitter) note(n node) Placeholder {
	p := Placeholder{Pos: n.pos, Text: describe(n)}
	e.ph = append(e.ph, p)
	return p
}

// placeholder writes the unknown value n at w, or marks the document
// unknown where the grammar needs the value.
func (e *emitter) placeholder(n node, w where) {
	p := e.note(n)
	if !w.placeholderOK() {
		e.unknown = &p
		return
	}
	e.at(n.pos)
	e.buf = appendPlaceholder(e.buf, p.Text)
}

// appendString appends s as a JSON string: '"', '\\' and control
// characters escaped, everything else as it is, so that package policy
// checks the characters themselves. U+0000 is written raw, which JSON
// forbids: as the escape \u0000 at the start of a string it would make a
// placeholder, which only appendPlaceholder writes.
func appendString(b []byte, s string) []byte {
	return append(appendBody(append(b, '"'), s), '"')
}

// appendPlaceholder appends the JSON string of the placeholder described
// by desc, as policy.ParseMapped reads it (see policy.Placeholder).
func appendPlaceholder(b []byte, desc string) []byte {
	return append(appendBody(append(b, `"\u0000`...), desc), '"')
}

func appendBody(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c > 0 && c < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			_, w := utf8.DecodeRuneInString(s[i:])
			b = append(b, s[i:i+w]...)
			i += w
			continue
		}
		i++
	}
	return b
}
