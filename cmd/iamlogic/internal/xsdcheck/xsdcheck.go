// Package xsdcheck validates XML documents against the small subset of XML
// Schema 1.0 (https://www.w3.org/TR/xmlschema-1/) that JUnit report schemas
// use. Go has no XSD validator; the tests of cmd/iamlogic use this one to
// hold iamlogic's JUnit output to the schema Jenkins reads.
//
// The subset: global and local element declarations (name, ref, type,
// minOccurs, maxOccurs), named and anonymous complexType (mixed), the model
// groups sequence, choice and all with minOccurs and maxOccurs, attributes
// with use="required" or "optional", and the built-in simple types string,
// normalizedString, token, int, integer, decimal, boolean and dateTime for
// attributes and for elements of simple type. annotation elements are
// ignored. Anything else in a schema (simpleType, complexContent,
// attributeGroup, any, ...) makes Parse fail rather than validate less
// than the schema says. Namespaces are not modelled: names are compared by
// their local part, and xmlns and xsi: attributes are allowed everywhere.
//
// The content models are assumed to obey the schema rule of Unique Particle
// Attribution (XML Schema 1.0 §3.8.6), as every valid schema does: a child
// element is checked against the first declaration of its name in its
// parent's content model.
package xsdcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// unbounded is maxOccurs="unbounded".
const unbounded = -1

// maxErrors bounds the problems Validate reports.
const maxErrors = 20

// Schema is a parsed schema, ready to validate documents. It is not
// modified after Parse and may be shared.
type Schema struct {
	elements map[string]*elementDecl // the global element declarations
	types    map[string]*complexType // the named complex types
}

type elementDecl struct {
	name     string
	ref      string       // a global element's name
	typ      string       // a built-in simple type, a named complex type, or "" (any content)
	complex  *complexType // an anonymous complex type
	min, max int
}

type complexType struct {
	mixed   bool
	content *particle // nil: no child elements
	attrs   []attributeDecl
}

type attributeDecl struct {
	name     string
	typ      string
	required bool
}

// particle is an element declaration or a model group, with its occurrences.
type particle struct {
	kind     string // "element", "sequence", "choice" or "all"
	elem     *elementDecl
	children []*particle
	min, max int
}

// node is an element of a parsed document, or of the schema itself.
type node struct {
	name     string // local name
	attrs    []xml.Attr
	children []*node
	text     strings.Builder // character data directly inside the element
	line     int
}

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// parseTree reads one XML document into a tree of nodes.
func parseTree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		line := 1 + bytes.Count(data[:d.InputOffset()], []byte("\n"))
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, attrs: t.Attr, line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root != nil {
				return nil, fmt.Errorf("line %d: a second root element <%s>", line, t.Name.Local)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, fmt.Errorf("line %d: text outside the root element", line)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// Parse reads a schema. It fails on anything outside the subset the
// package documents.
func Parse(xsd []byte) (*Schema, error) {
	root, err := parseTree(xsd)
	if err != nil {
		return nil, fmt.Errorf("xsdcheck: schema: %w", err)
	}
	if root.name != "schema" {
		return nil, fmt.Errorf("xsdcheck: schema: the root element is <%s>, not <schema>", root.name)
	}
	s := &Schema{elements: map[string]*elementDecl{}, types: map[string]*complexType{}}
	for _, c := range root.children {
		switch c.name {
		case "annotation":
		case "element":
			e, err := parseElement(c)
			if err != nil {
				return nil, err
			}
			if e.name == "" {
				return nil, fmt.Errorf("xsdcheck: schema line %d: a global element needs a name", c.line)
			}
			s.elements[e.name] = e
		case "complexType":
			name, _ := c.attr("name")
			if name == "" {
				return nil, fmt.Errorf("xsdcheck: schema line %d: a global complexType needs a name", c.line)
			}
			ct, err := parseComplexType(c)
			if err != nil {
				return nil, err
			}
			s.types[name] = ct
		default:
			return nil, unsupported(c)
		}
	}
	return s, s.check()
}

func unsupported(n *node) error {
	return fmt.Errorf("xsdcheck: schema line %d: <%s> is outside the supported subset", n.line, n.name)
}

// localName drops a namespace prefix: "xs:string" is "string".
func localName(s string) string {
	if _, after, ok := strings.Cut(s, ":"); ok {
		return after
	}
	return s
}

func occurs(n *node) (lo, hi int, err error) {
	lo, hi = 1, 1
	if v, ok := n.attr("minOccurs"); ok {
		if lo, err = strconv.Atoi(v); err != nil || lo < 0 {
			return 0, 0, fmt.Errorf("xsdcheck: schema line %d: minOccurs %q", n.line, v)
		}
	}
	if v, ok := n.attr("maxOccurs"); ok {
		if v == "unbounded" {
			return lo, unbounded, nil
		}
		if hi, err = strconv.Atoi(v); err != nil || hi < lo {
			return 0, 0, fmt.Errorf("xsdcheck: schema line %d: maxOccurs %q", n.line, v)
		}
	}
	return lo, hi, nil
}

func parseElement(n *node) (*elementDecl, error) {
	lo, hi, err := occurs(n)
	if err != nil {
		return nil, err
	}
	e := &elementDecl{min: lo, max: hi}
	e.name, _ = n.attr("name")
	e.ref, _ = n.attr("ref")
	e.ref = localName(e.ref)
	if t, ok := n.attr("type"); ok {
		e.typ = localName(t)
	}
	if (e.name == "") == (e.ref == "") {
		return nil, fmt.Errorf("xsdcheck: schema line %d: an element needs a name or a ref", n.line)
	}
	for _, c := range n.children {
		switch c.name {
		case "annotation":
		case "complexType":
			if e.typ != "" || e.complex != nil {
				return nil, fmt.Errorf("xsdcheck: schema line %d: an element with two types", c.line)
			}
			if e.complex, err = parseComplexType(c); err != nil {
				return nil, err
			}
		default:
			return nil, unsupported(c)
		}
	}
	return e, nil
}

func parseComplexType(n *node) (*complexType, error) {
	ct := &complexType{}
	if v, ok := n.attr("mixed"); ok {
		ct.mixed = v == "true" || v == "1"
	}
	for _, c := range n.children {
		switch c.name {
		case "annotation":
		case "sequence", "choice", "all":
			if ct.content != nil {
				return nil, fmt.Errorf("xsdcheck: schema line %d: a complexType with two model groups", c.line)
			}
			p, err := parseGroup(c)
			if err != nil {
				return nil, err
			}
			ct.content = p
		case "attribute":
			a, err := parseAttribute(c)
			if err != nil {
				return nil, err
			}
			ct.attrs = append(ct.attrs, a)
		default:
			return nil, unsupported(c)
		}
	}
	return ct, nil
}

func parseGroup(n *node) (*particle, error) {
	lo, hi, err := occurs(n)
	if err != nil {
		return nil, err
	}
	p := &particle{kind: n.name, min: lo, max: hi}
	for _, c := range n.children {
		var q *particle
		switch c.name {
		case "annotation":
			continue
		case "element":
			e, err := parseElement(c)
			if err != nil {
				return nil, err
			}
			q = &particle{kind: "element", elem: e, min: e.min, max: e.max}
		case "sequence", "choice":
			if n.name == "all" {
				return nil, fmt.Errorf("xsdcheck: schema line %d: <all> holds elements only", c.line)
			}
			if q, err = parseGroup(c); err != nil {
				return nil, err
			}
		default:
			return nil, unsupported(c)
		}
		if n.name == "all" && q.max > 1 {
			return nil, fmt.Errorf("xsdcheck: schema line %d: an element of <all> occurs at most once", c.line)
		}
		p.children = append(p.children, q)
	}
	return p, nil
}

func parseAttribute(n *node) (attributeDecl, error) {
	a := attributeDecl{typ: "string"}
	a.name, _ = n.attr("name")
	if a.name == "" {
		return a, fmt.Errorf("xsdcheck: schema line %d: an attribute needs a name (ref is outside the subset)", n.line)
	}
	if t, ok := n.attr("type"); ok {
		a.typ = localName(t)
	}
	use, _ := n.attr("use")
	switch use {
	case "", "optional":
	case "required":
		a.required = true
	default:
		return a, fmt.Errorf("xsdcheck: schema line %d: use=%q is outside the subset", n.line, use)
	}
	for _, c := range n.children {
		if c.name != "annotation" {
			return a, unsupported(c)
		}
	}
	if _, ok := simpleTypes[a.typ]; !ok {
		return a, fmt.Errorf("xsdcheck: schema line %d: attribute type %q is outside the subset", n.line, a.typ)
	}
	return a, nil
}

// check resolves every ref and type name of the schema.
func (s *Schema) check() error {
	var walk func(p *particle) error
	checkType := func(ct *complexType) error {
		if ct == nil || ct.content == nil {
			return nil
		}
		return walk(ct.content)
	}
	seen := map[*complexType]bool{}
	walk = func(p *particle) error {
		if p.kind != "element" {
			for _, c := range p.children {
				if err := walk(c); err != nil {
					return err
				}
			}
			return nil
		}
		e := p.elem
		if e.ref != "" {
			if _, ok := s.elements[e.ref]; !ok {
				return fmt.Errorf("xsdcheck: schema: ref %q names no global element", e.ref)
			}
			return nil
		}
		if e.complex != nil && !seen[e.complex] {
			seen[e.complex] = true
			return checkType(e.complex)
		}
		return s.checkTypeName(e.typ)
	}
	for _, e := range s.elements {
		if e.complex != nil {
			if err := checkType(e.complex); err != nil {
				return err
			}
		} else if err := s.checkTypeName(e.typ); err != nil {
			return err
		}
	}
	for _, ct := range s.types {
		if err := checkType(ct); err != nil {
			return err
		}
	}
	return nil
}

func (s *Schema) checkTypeName(t string) error {
	if t == "" || t == "anyType" {
		return nil
	}
	if _, ok := simpleTypes[t]; ok {
		return nil
	}
	if _, ok := s.types[t]; ok {
		return nil
	}
	return fmt.Errorf("xsdcheck: schema: type %q is neither built in (within the subset) nor defined", t)
}

var (
	intPattern      = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalPattern  = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	dateTimePattern = regexp.MustCompile(`^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$`)
)

// simpleTypes are the built-in types of the subset, each with its lexical
// check (after the whitespace collapsing XML Schema applies to them).
var simpleTypes = map[string]func(string) bool{
	"string":           func(string) bool { return true },
	"normalizedString": func(string) bool { return true },
	"token":            func(string) bool { return true },
	"int": func(v string) bool {
		if !intPattern.MatchString(v) {
			return false
		}
		_, err := strconv.ParseInt(v, 10, 32)
		return err == nil
	},
	"integer":  intPattern.MatchString,
	"decimal":  decimalPattern.MatchString,
	"boolean":  func(v string) bool { return v == "true" || v == "false" || v == "1" || v == "0" },
	"dateTime": dateTimePattern.MatchString,
}

// collapse applies whiteSpace="collapse", which every non-string type of
// the subset has.
func collapse(typ, v string) string {
	if typ == "string" {
		return v
	}
	return strings.Join(strings.Fields(v), " ")
}

// validator collects the problems of one document.
type validator struct {
	s    *Schema
	errs []string
}

func (v *validator) addf(n *node, format string, args ...any) {
	if len(v.errs) < maxErrors {
		v.errs = append(v.errs, fmt.Sprintf("line %d: <%s>: ", n.line, n.name)+fmt.Sprintf(format, args...))
	}
}

// Validate checks doc against the schema and returns every problem found
// (up to 20), or nil when the document is valid.
func (s *Schema) Validate(doc []byte) error {
	root, err := parseTree(doc)
	if err != nil {
		return fmt.Errorf("xsdcheck: not well-formed XML: %w", err)
	}
	v := &validator{s: s}
	if d, ok := s.elements[root.name]; ok {
		v.element(root, d)
	} else {
		v.addf(root, "the schema declares no global element of this name")
	}
	if len(v.errs) > 0 {
		return errors.New("xsdcheck: " + strings.Join(v.errs, "\nxsdcheck: "))
	}
	return nil
}

func (v *validator) element(n *node, d *elementDecl) {
	if d.ref != "" {
		d = v.s.elements[d.ref]
	}
	switch {
	case d.complex != nil:
		v.complex(n, d.complex)
	case d.typ == "" || d.typ == "anyType":
	case v.s.types[d.typ] != nil:
		v.complex(n, v.s.types[d.typ])
	default:
		v.simple(n, d.typ)
	}
}

// allowedEverywhere reports whether an attribute needs no declaration:
// namespace declarations and the xsi: attributes.
func allowedEverywhere(a xml.Attr) bool {
	return a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance"
}

// simple checks an element of a built-in simple type: text only.
func (v *validator) simple(n *node, typ string) {
	for _, a := range n.attrs {
		if !allowedEverywhere(a) {
			v.addf(n, "attribute %q is not allowed on an element of simple type", a.Name.Local)
		}
	}
	if len(n.children) > 0 {
		v.addf(n, "child element <%s> is not allowed in an element of type %s", n.children[0].name, typ)
	}
	if val := collapse(typ, n.text.String()); !simpleTypes[typ](val) {
		v.addf(n, "%q is not a valid %s", val, typ)
	}
}

func (v *validator) complex(n *node, ct *complexType) {
	for _, a := range n.attrs {
		if allowedEverywhere(a) {
			continue
		}
		decl, ok := findAttr(ct, a.Name.Local)
		switch {
		case !ok || a.Name.Space != "":
			v.addf(n, "attribute %q is not declared", a.Name.Local)
		case !simpleTypes[decl.typ](collapse(decl.typ, a.Value)):
			v.addf(n, "attribute %s=%q is not a valid %s", decl.name, a.Value, decl.typ)
		}
	}
	for _, decl := range ct.attrs {
		if _, ok := n.attr(decl.name); decl.required && !ok {
			v.addf(n, "the required attribute %q is missing", decl.name)
		}
	}
	if !ct.mixed && strings.TrimSpace(n.text.String()) != "" {
		v.addf(n, "text is not allowed here (the type is not mixed)")
	}
	if ct.content == nil {
		if len(n.children) > 0 {
			v.addf(n, "child element <%s> is not allowed: the type has no content model", n.children[0].name)
		}
		return
	}
	if !matches(ct.content, n.children) {
		names := make([]string, len(n.children))
		for i, c := range n.children {
			names[i] = "<" + c.name + ">"
		}
		v.addf(n, "the children [%s] do not match the content model %s", strings.Join(names, " "), describe(ct.content))
	}
	for _, c := range n.children {
		if d := findElement(ct.content, c.name); d != nil {
			v.element(c, d)
		}
	}
}

func findAttr(ct *complexType, name string) (attributeDecl, bool) {
	for _, a := range ct.attrs {
		if a.name == name {
			return a, true
		}
	}
	return attributeDecl{}, false
}

// findElement returns the first declaration of an element named name in
// the content model p.
func findElement(p *particle, name string) *elementDecl {
	if p.kind == "element" {
		if declName(p.elem) == name {
			return p.elem
		}
		return nil
	}
	for _, c := range p.children {
		if d := findElement(c, name); d != nil {
			return d
		}
	}
	return nil
}

func declName(e *elementDecl) string {
	if e.ref != "" {
		return e.ref
	}
	return e.name
}

// matches reports whether the sequence of child elements kids is a word of
// the content model p.
func matches(p *particle, kids []*node) bool {
	return match(p, kids, map[int]bool{0: true})[len(kids)]
}

// match returns the positions in kids at which p, with its occurrences,
// can end when it starts at one of the positions of from.
func match(p *particle, kids []*node, from map[int]bool) map[int]bool {
	out := map[int]bool{}
	cur := from
	if p.min == 0 {
		for i := range from {
			out[i] = true
		}
	}
	for n := 1; len(cur) > 0 && (p.max == unbounded || n <= p.max); n++ {
		next := matchOnce(p, kids, cur)
		progressed := false
		for i := range next {
			if n >= p.min && !out[i] {
				out[i] = true
				progressed = true
			}
		}
		if n >= p.min && !progressed {
			break // a repetition that adds no end position adds none later
		}
		cur = next
	}
	return out
}

// matchOnce is match for one occurrence of p.
func matchOnce(p *particle, kids []*node, from map[int]bool) map[int]bool {
	out := map[int]bool{}
	switch p.kind {
	case "element":
		name := declName(p.elem)
		for i := range from {
			if i < len(kids) && kids[i].name == name {
				out[i+1] = true
			}
		}
	case "sequence":
		cur := from
		for _, c := range p.children {
			cur = match(c, kids, cur)
		}
		return cur
	case "choice":
		for _, c := range p.children {
			for i := range match(c, kids, from) {
				out[i] = true
			}
		}
	case "all":
		for i := range from {
			if j, ok := matchAll(p, kids, i); ok {
				out[j] = true
			}
		}
	}
	return out
}

// matchAll matches an <all> group from position i: each of its elements
// at most once, in any order, every required one present. It consumes the
// longest run of children that name distinct elements of the group.
func matchAll(p *particle, kids []*node, i int) (int, bool) {
	used := map[string]bool{}
	j := i
	for ; j < len(kids); j++ {
		name := kids[j].name
		if used[name] || findElement(p, name) == nil {
			break
		}
		used[name] = true
	}
	for _, c := range p.children {
		if c.min > 0 && !used[declName(c.elem)] {
			return 0, false
		}
	}
	return j, true
}

// describe renders a content model for messages: (a, b*, (c | d)?).
func describe(p *particle) string {
	var s string
	switch p.kind {
	case "element":
		s = declName(p.elem)
	default:
		sep := map[string]string{"sequence": ", ", "choice": " | ", "all": " & "}[p.kind]
		parts := make([]string, len(p.children))
		for i, c := range p.children {
			parts[i] = describe(c)
		}
		s = "(" + strings.Join(parts, sep) + ")"
	}
	switch {
	case p.min == 0 && p.max == 1:
		s += "?"
	case p.min == 0 && p.max == unbounded:
		s += "*"
	case p.min == 1 && p.max == unbounded:
		s += "+"
	case p.min != 1 || p.max != 1:
		s += fmt.Sprintf("{%d,%d}", p.min, p.max)
	}
	return s
}
