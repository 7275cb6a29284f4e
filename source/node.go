package source

import (
	"encoding/json"
	"strings"

	"github.com/tidwall/gjson"
	"gopkg.in/yaml.v3"

	"github.com/iamlogic/iamlogic/policy"
)

// kind is the JSON type of a node.
type kind uint8

const (
	kNull kind = iota
	kString
	kNumber
	kBool
	kArray
	kObject
	kCall        // a CloudFormation intrinsic function: fn applied to args[0]
	kPlaceholder // a value not known offline, described by text (written by the emitter)
)

// node is one value of a template or plan, read from JSON or YAML, with
// where it was written. Objects keep every member in order, duplicates
// included, so that package policy still reports duplicate keys.
type node struct {
	kind kind
	text string // a string's value; the JSON literal of a number, boolean or null
	pos  policy.Position
	keys []node // an object's keys (strings), aligned with args
	args []node // an object's values, an array's elements, a call's argument
	fn   string // a call's function: "Ref", "Fn::Sub", …
	// raw is, for a value read from JSON, its text in the file (at
	// pos.Offset), so that a document without calls is parsed as written.
	raw string
}

// get returns the value of member key of an object node.
func (n *node) get(key string) (*node, bool) {
	if n == nil || n.kind != kObject {
		return nil, false
	}
	for i := range n.keys {
		if n.keys[i].text == key {
			return &n.args[i], true
		}
	}
	return nil, false
}

// str returns the value of a string node.
func (n *node) str() (string, bool) {
	if n == nil || n.kind != kString {
		return "", false
	}
	return n.text, true
}

// hasCalls reports whether n holds an intrinsic function call.
func (n *node) hasCalls() bool {
	if n.kind == kCall {
		return true
	}
	for i := range n.args {
		if n.args[i].hasCalls() {
			return true
		}
	}
	return false
}

// intrinsicName reports whether key names a CloudFormation intrinsic
// function in its long form, as the only member of an object.
func intrinsicName(key string) bool {
	return key == "Ref" || strings.HasPrefix(key, "Fn::")
}

// maxNodes bounds the nodes one file may expand to (YAML aliases can
// repeat a subtree exponentially often).
const maxNodes = 1 << 19

// builder converts parsed JSON or YAML into nodes, within maxNodes.
type builder struct {
	l     *policy.Lines
	count int
	calls bool // single-member objects with an intrinsic's name are calls
}

func (b *builder) full() bool {
	b.count++
	return b.count > maxNodes
}

// fromJSON converts the gjson value v of the file.
func (b *builder) fromJSON(v gjson.Result) node {
	n := node{pos: b.l.Pos(v.Index), raw: v.Raw}
	if b.full() {
		return n
	}
	switch {
	case v.Type == gjson.String:
		n.kind, n.text = kString, v.Str
	case v.Type == gjson.Number:
		n.kind, n.text = kNumber, v.Raw
	case v.Type == gjson.True || v.Type == gjson.False:
		n.kind, n.text = kBool, v.Raw
	case v.IsArray():
		n.kind = kArray
		v.ForEach(func(_, e gjson.Result) bool {
			n.args = append(n.args, b.fromJSON(e))
			return b.count <= maxNodes
		})
	case v.IsObject():
		n.kind = kObject
		v.ForEach(func(k, e gjson.Result) bool {
			n.keys = append(n.keys, node{kind: kString, text: k.Str, pos: b.l.Pos(k.Index)})
			n.args = append(n.args, b.fromJSON(e))
			return b.count <= maxNodes
		})
		if b.calls && len(n.keys) == 1 && intrinsicName(n.keys[0].text) {
			return node{kind: kCall, fn: n.keys[0].text, pos: n.pos, args: n.args, raw: v.Raw}
		}
	default:
		n.kind, n.text = kNull, "null"
	}
	return n
}

// shortForms maps the YAML short-form tags of CloudFormation's intrinsic
// functions to their long names.
var shortForms = map[string]string{
	"!Ref": "Ref", "!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt", "!Join": "Fn::Join", "!If": "Fn::If",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap", "!ImportValue": "Fn::ImportValue",
	"!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!GetAZs": "Fn::GetAZs", "!Equals": "Fn::Equals", "!Not": "Fn::Not",
	"!And": "Fn::And", "!Or": "Fn::Or", "!Condition": "Condition", "!Transform": "Fn::Transform",
	"!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
}

// fromYAML converts the YAML node y of the file; depth counts the aliases
// followed, which may not loop.
func (b *builder) fromYAML(y *yaml.Node, depth int) node {
	n := node{pos: b.l.At(y.Line, y.Column)}
	if b.full() || depth > 64 {
		return n
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) > 0 {
			return b.fromYAML(y.Content[0], depth)
		}
		return n
	case yaml.AliasNode:
		if y.Alias == nil {
			return n
		}
		a := b.fromYAML(y.Alias, depth+1)
		a.pos = n.pos
		return a
	case yaml.ScalarNode:
		n = b.scalar(y, n)
	case yaml.SequenceNode:
		n.kind = kArray
		for _, c := range y.Content {
			n.args = append(n.args, b.fromYAML(c, depth))
		}
	case yaml.MappingNode:
		n.kind = kObject
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := b.fromYAML(y.Content[i], depth)
			if kn := y.Content[i]; kn.Kind == yaml.ScalarNode {
				// Keys are text as written, as CloudFormation reads them:
				// Null is the operator, not null.
				k = node{kind: kString, text: kn.Value, pos: k.pos}
			}
			n.keys = append(n.keys, k)
			n.args = append(n.args, b.fromYAML(y.Content[i+1], depth))
		}
		if len(n.keys) == 1 && intrinsicName(n.keys[0].text) && y.Tag == "!!map" {
			return node{kind: kCall, fn: n.keys[0].text, pos: n.pos, args: n.args}
		}
	}
	if fn, ok := shortForms[y.Tag]; ok {
		return node{kind: kCall, fn: fn, pos: n.pos, args: []node{untagged(n)}}
	}
	if strings.HasPrefix(y.Tag, "!") && !strings.HasPrefix(y.Tag, "!!") {
		// A tag CloudFormation does not define: a call nothing resolves.
		return node{kind: kCall, fn: y.Tag, pos: n.pos, args: []node{untagged(n)}}
	}
	return n
}

// untagged is the argument of a short-form tag: the tagged scalar is
// text, whatever it looks like.
func untagged(n node) node {
	if n.kind == kNumber || n.kind == kBool || n.kind == kNull {
		n.kind = kString
	}
	return n
}

// scalar converts a YAML scalar by the type its tag resolves to; numbers
// stay numbers only when JSON reads them as YAML does.
func (b *builder) scalar(y *yaml.Node, n node) node {
	n.kind, n.text = kString, y.Value
	if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n
	}
	switch y.Tag {
	case "!!int", "!!float":
		if json.Valid([]byte(y.Value)) {
			n.kind = kNumber
		}
	case "!!bool":
		n.kind, n.text = kBool, strings.ToLower(y.Value)
	case "!!null":
		n.kind, n.text = kNull, "null"
	}
	return n
}
