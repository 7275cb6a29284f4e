package source

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/policy"
)

// site is where a document stands in its file: the file and its lines,
// the address, the resource and the policy type it implies.
type site struct {
	l                      *policy.Lines
	address                string
	resource, resourceType string
	typ                    policy.Type
}

func (s site) document() Document {
	return Document{File: s.l.File(), Address: s.address, Resource: s.resource, ResourceType: s.resourceType, Type: s.typ}
}

// fromNode converts the policy document n of a template.
func (s site) fromNode(n node, r *resolver) Document {
	switch {
	case n.kind == kString && n.raw != "":
		// IAM's PolicyDocument properties also take the document as a
		// JSON string.
		return s.fromString(n.raw, n.pos.Offset)
	case n.kind == kString:
		return s.fromText(s.document(), n.text, n.pos, nil)
	case n.raw != "" && !n.hasCalls():
		return s.fromRaw(n.raw, n.pos.Offset)
	}
	d := s.document()
	e := &emitter{r: r}
	e.value(n, wDoc)
	d.Placeholders = e.ph
	if e.unknown != nil {
		return s.unknownDocument(d, *e.unknown)
	}
	p, err := policy.ParseMapped(e.buf, e.locate)
	d.Policy, d.Findings = p, findingsOf(err)
	return d.withWarning()
}

// fromRaw parses the JSON text raw, at offset off of the file, as it is
// written there: positions come for free.
func (s site) fromRaw(raw string, off int) Document {
	d := s.document()
	p, err := policy.ParseAt(s.l.Pos(off), []byte(raw))
	d.Policy, d.Findings = p, findingsOf(err)
	return d
}

// fromString parses the policy held in the JSON string raw, at offset at
// of the file (a Terraform plan's attribute, a template's PolicyDocument
// written as a string): every offset of the decoded text is placed at the
// character of the string it was decoded from.
func (s site) fromString(raw string, at int) Document {
	text, offs := decodeString(raw)
	return s.fromText(s.document(), text, s.l.Pos(at), func(off int) policy.Position {
		if len(offs) == 0 {
			return s.l.Pos(at)
		}
		return s.l.Pos(at + offs[max(0, min(off, len(offs)-1))])
	})
}

// fromText parses text, the value of a string at at, placing its offsets
// with locate (at for every offset when locate is nil).
func (s site) fromText(d Document, text string, at policy.Position, locate func(int) policy.Position) Document {
	if locate == nil {
		locate = func(int) policy.Position { return at }
	}
	p, err := policy.ParseMapped([]byte(text), locate)
	if holdsPlaceholder(p) {
		// The text itself wrote \u0000, which no policy may hold: parse it
		// as AWS would, positions at the string.
		p, err = policy.ParseAt(at, []byte(text))
	}
	d.Policy, d.Findings = p, findingsOf(err)
	return d
}

// holdsPlaceholder reports whether p holds a placeholder.
func holdsPlaceholder(p *policy.Policy) bool {
	if p == nil {
		return false
	}
	for _, st := range p.Statements {
		lists := [][]policy.Item{st.Actions, st.Resources}
		if pr := st.Principal; pr != nil {
			lists = append(lists, pr.AWS, pr.Service, pr.Federated, pr.CanonicalUser)
		}
		for _, c := range st.Conditions {
			lists = append(lists, c.Values)
		}
		for _, l := range lists {
			for _, it := range l {
				if policy.IsPlaceholder(it.Value) {
					return true
				}
			}
		}
	}
	return false
}

// unknownDocument makes d the document that stands for one not known
// offline: a Deny of everything through placeholders, which grants
// nothing, and on which every decision says it relied on an unknown value.
func (s site) unknownDocument(d Document, why Placeholder) Document {
	ph := appendPlaceholder(nil, why.Text)
	stmt := `{"Effect":"Deny","Action":` + string(ph) + `,"Resource":` + string(ph) + `}`
	switch s.typ {
	case policy.TypeTrust:
		stmt = `{"Effect":"Deny","Principal":` + string(ph) + `,"Action":` + string(ph) + `}`
	case policy.TypeResource, policy.TypeEndpoint, policy.TypeRCP:
		stmt = `{"Effect":"Deny","Principal":` + string(ph) + `,"Action":` + string(ph) + `,"Resource":` + string(ph) + `}`
	}
	doc := `{"Version":"2012-10-17","Statement":[` + stmt + `]}`
	p, err := policy.ParseMapped([]byte(doc), func(int) policy.Position { return why.Pos })
	d.Policy, d.Findings = p, findingsOf(err)
	if len(d.Placeholders) == 0 {
		d.Placeholders = []Placeholder{why}
	}
	d.Findings = append(d.Findings, policy.Finding{
		Code: CodeUnresolvedValue, Severity: policy.Warning, Pos: why.Pos,
		Message: fmt.Sprintf("the document is not known offline (%s); it is read as denying everything, so that it grants nothing", why.Text),
	})
	return d
}

// withWarning adds the CodeUnresolvedValue warning of d's placeholders,
// at the first of them.
func (d Document) withWarning() Document {
	if len(d.Placeholders) == 0 {
		return d
	}
	const reading = "read as granting nothing (in an Allow it matches nothing, in a Deny everything)"
	first := d.Placeholders[0]
	msg := fmt.Sprintf("the value of %s is not known offline; it is %s", first.Text, reading)
	if n := len(d.Placeholders); n > 1 {
		var list []string
		for i, p := range d.Placeholders {
			if i == 5 {
				list = append(list, fmt.Sprintf("and %d more", n-i))
				break
			}
			list = append(list, fmt.Sprintf("%s (%d:%d)", p.Text, p.Pos.Line, p.Pos.Column))
		}
		msg = fmt.Sprintf("%d values are not known offline: %s; each is %s", n, strings.Join(list, ", "), reading)
	}
	d.Findings = append(d.Findings, policy.Finding{Code: CodeUnresolvedValue, Severity: policy.Warning, Pos: first.Pos, Message: msg})
	sort.SliceStable(d.Findings, func(i, j int) bool { return d.Findings[i].Pos.Offset < d.Findings[j].Pos.Offset })
	return d
}

// decodeString decodes the JSON string raw (with its quotes; valid JSON)
// and returns the offset in raw of every byte of the text.
func decodeString(raw string) (string, []int) {
	b := make([]byte, 0, len(raw))
	offs := make([]int, 0, len(raw))
	end := len(raw) - 1 // the closing quote
	for i := 1; i < end; {
		start := i
		if raw[i] != '\\' || i+1 >= end {
			b = append(b, raw[i])
			i++
		} else {
			e, n := raw[i+1], 2
			switch e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				var r rune
				r, n = escapedRune(raw[i:end])
				b = utf8.AppendRune(b, r)
			default: // '"', '\\', '/'
				b = append(b, e)
			}
			i += n
		}
		for len(offs) < len(b) {
			offs = append(offs, start)
		}
	}
	return string(b), offs
}

// escapedRune decodes the \uXXXX escape (or surrogate pair) that s starts
// with, and returns its length; a lone surrogate is U+FFFD.
func escapedRune(s string) (rune, int) {
	hi, ok := hex4(s)
	if !ok {
		return utf8.RuneError, 2
	}
	if utf16.IsSurrogate(hi) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
		if lo, ok := hex4(s[6:]); ok {
			if r := utf16.DecodeRune(hi, lo); r != utf8.RuneError {
				return r, 12
			}
		}
	}
	return hi, 6 // a lone surrogate becomes U+FFFD in utf8.AppendRune
}

// hex4 reads the four hex digits of the \u escape s starts with.
func hex4(s string) (rune, bool) {
	if len(s) < 6 {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 32)
	return rune(v), err == nil
}
