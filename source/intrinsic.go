package source

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/internal/text"
)

// state says what is known of a value offline.
type state uint8

const (
	known   state = iota
	unknown       // a value only deployment knows (a parameter, an attribute, a condition)
	noValue       // AWS::NoValue: the member or element is left out
)

// resolver evaluates CloudFormation intrinsic functions offline, as far as
// a template alone decides them.
type resolver struct {
	mappings *node // the template's Mappings section, if any
	depth    int
	steps    int // calls evaluated, up to maxSteps
}

// maxSteps bounds the calls one template's evaluation makes: Mappings can
// refer to themselves through Fn::FindInMap.
const maxSteps = 100_000

// pseudo holds the pseudo parameters a template decides by itself.
// AWS::Partition is "aws" for the commercial partition, the one offline
// checks assume; AWS::AccountId, AWS::Region and the stack's names are
// left to deployment.
var pseudo = map[string]string{"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}

// eval returns n with every call it holds evaluated, or the state of the
// first call that cannot be (unknown or noValue, for n itself).
func (r *resolver) eval(n node) (node, state) {
	if n.kind != kCall {
		if n.kind != kArray && n.kind != kObject {
			return n, known
		}
		out := n
		out.args = make([]node, 0, len(n.args))
		out.keys = nil
		for i, a := range n.args {
			v, st := r.eval(a)
			switch st {
			case unknown:
				return n, unknown
			case noValue:
				continue
			}
			if n.kind == kObject {
				out.keys = append(out.keys, n.keys[i])
			}
			out.args = append(out.args, v)
		}
		return out, known
	}
	if r.depth > 32 || r.steps >= maxSteps {
		return n, unknown
	}
	r.steps++
	r.depth++
	defer func() { r.depth-- }()
	arg := n.args[0]
	lit := func(s string) (node, state) { return node{kind: kString, text: s, pos: n.pos}, known }
	switch n.fn {
	case "Ref":
		name, ok := arg.str()
		if name == "AWS::NoValue" {
			return n, noValue
		}
		if v, isPseudo := pseudo[name]; ok && isPseudo {
			return lit(v)
		}
	case "Fn::Sub":
		if s, ok := r.sub(arg); ok {
			return lit(s)
		}
	case "Fn::Join":
		if s, ok := r.join(arg); ok {
			return lit(s)
		}
	case "Fn::Select":
		if v, ok := r.selectOf(arg); ok {
			return v, known
		}
	case "Fn::Split":
		if parts, ok := r.strings(arg, 2); ok {
			out := node{kind: kArray, pos: n.pos}
			for _, p := range strings.Split(parts[1], parts[0]) {
				out.args = append(out.args, node{kind: kString, text: p, pos: n.pos})
			}
			return out, known
		}
	case "Fn::Base64":
		if v, st := r.eval(arg); st == known && v.kind == kString {
			return lit(base64.StdEncoding.EncodeToString([]byte(v.text)))
		}
	case "Fn::FindInMap":
		if v, ok := r.findInMap(arg); ok {
			return r.eval(v)
		}
	}
	return n, unknown
}

// strings evaluates arg, a list of n strings.
func (r *resolver) strings(arg node, n int) ([]string, bool) {
	v, st := r.eval(arg)
	if st != known || v.kind != kArray || len(v.args) != n {
		return nil, false
	}
	out := make([]string, n)
	for i, a := range v.args {
		s, ok := a.str()
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// sub evaluates the argument of Fn::Sub: a string, or [string, {name:
// value}]. ${!Literal} is the literal ${Literal}.
func (r *resolver) sub(arg node) (string, bool) {
	vars := map[string]string{}
	tmpl := arg
	if arg.kind == kArray {
		if len(arg.args) != 2 {
			return "", false
		}
		tmpl = arg.args[0]
		m, st := r.eval(arg.args[1])
		if st != known || m.kind != kObject {
			return "", false
		}
		for i, k := range m.keys {
			if s, ok := m.args[i].str(); ok {
				vars[k.text] = s
			}
		}
	}
	s, ok := tmpl.str()
	if !ok {
		return "", false
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			b.WriteString(s[i:])
			return b.String(), true
		}
		name := s[i+2 : i+end]
		switch v, isVar := vars[name]; {
		case strings.HasPrefix(name, "!"):
			b.WriteString("${" + name[1:] + "}")
		case isVar:
			b.WriteString(v)
		case pseudo[name] != "":
			b.WriteString(pseudo[name])
		default:
			return "", false
		}
		s = s[i+end+1:]
	}
}

// join evaluates the argument of Fn::Join: [delimiter, [values]].
func (r *resolver) join(arg node) (string, bool) {
	if arg.kind != kArray || len(arg.args) != 2 {
		return "", false
	}
	d, ok := arg.args[0].str()
	if !ok {
		return "", false
	}
	list, st := r.eval(arg.args[1])
	if st != known || list.kind != kArray {
		return "", false
	}
	parts := make([]string, len(list.args))
	for i, a := range list.args {
		if parts[i], ok = a.str(); !ok {
			return "", false
		}
	}
	return strings.Join(parts, d), true
}

// selectOf evaluates the argument of Fn::Select: [index, [values]].
func (r *resolver) selectOf(arg node) (node, bool) {
	if arg.kind != kArray || len(arg.args) != 2 {
		return node{}, false
	}
	idx, st := r.eval(arg.args[0])
	if st != known || (idx.kind != kString && idx.kind != kNumber) {
		return node{}, false
	}
	i, err := strconv.Atoi(idx.text)
	list, st := r.eval(arg.args[1])
	if err != nil || st != known || list.kind != kArray || i < 0 || i >= len(list.args) {
		return node{}, false
	}
	return list.args[i], true
}

// findInMap evaluates the argument of Fn::FindInMap: [map, top key,
// second key], looked up in the template's Mappings.
func (r *resolver) findInMap(arg node) (node, bool) {
	keys, ok := r.strings(arg, 3)
	if !ok {
		return node{}, false
	}
	m, ok := r.mappings.get(keys[0])
	if !ok {
		return node{}, false
	}
	top, ok := m.get(keys[1])
	if !ok {
		return node{}, false
	}
	v, ok := top.get(keys[2])
	if !ok {
		return node{}, false
	}
	return *v, true
}

// describe writes a call in the short form, for messages: !Sub
// arn:aws:s3:::${Bucket}/*, !GetAtt Role.Arn, !If [IsProd, a, b].
func describe(n node) string {
	var b strings.Builder
	writeValue(&b, n)
	s := b.String()
	if len(s) > 120 {
		cut := 117
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func writeValue(b *strings.Builder, n node) {
	if b.Len() > 200 {
		return
	}
	switch n.kind {
	case kCall:
		name := strings.TrimPrefix(n.fn, "Fn::")
		if !strings.HasPrefix(name, "!") {
			name = "!" + name
		}
		b.WriteString(name + " ")
		if a := n.args[0]; n.fn == "Fn::GetAtt" && a.kind == kArray {
			for i, e := range a.args {
				if i > 0 {
					b.WriteByte('.')
				}
				writeValue(b, e)
			}
			return
		}
		writeValue(b, n.args[0])
	case kArray, kObject:
		open, end := byte('['), byte(']')
		if n.kind == kObject {
			open, end = '{', '}'
		}
		b.WriteByte(open)
		for i, e := range n.args {
			if i > 0 {
				b.WriteString(", ")
			}
			if n.kind == kObject {
				writeValue(b, n.keys[i])
				b.WriteString(": ")
			}
			writeValue(b, e)
		}
		b.WriteByte(end)
	case kString:
		if plainWord(n.text) {
			b.WriteString(n.text)
		} else {
			b.WriteString(text.Quote(n.text))
		}
	default:
		b.WriteString(n.text)
	}
}

// plainWord reports whether s reads unquoted in a description: a name
// such as Bucket, Role.Arn or AWS::AccountId.
func plainWord(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] >= '0' && s[0] <= '9')
}
