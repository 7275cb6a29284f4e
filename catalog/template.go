package catalog

import (
	"strings"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// A template is a condition key name that stands for a family of keys:
// "aws:RequestTag/${TagKey}" stands for "aws:RequestTag/Env" and every other
// tag key. A placeholder, ${...} or <...>, stands for one or more characters
// of any kind (tag keys may hold ':' and '/': "aws:ResourceTag/aws:cloudformation:stack-name").
type template struct {
	key *ConditionKey
	// enc is the name as a wildcard pattern, each placeholder "?*".
	enc string
	// head is the literal text before the first placeholder; literal counts
	// the name's literal characters (a longer one is a closer fit).
	head    string
	literal int
	// suffixHole is set when the only placeholder ends the name (the tag
	// keys): the name is head followed by anything.
	suffixHole bool
}

// placeholders returns the [start, end) ranges of the placeholders in a key
// name.
func placeholders(name string) [][2]int {
	var out [][2]int
	for i := 0; i < len(name); i++ {
		var closer byte
		switch {
		case name[i] == '$' && i+1 < len(name) && name[i+1] == '{':
			closer = '}'
		case name[i] == '<':
			closer = '>'
		default:
			continue
		}
		j := strings.IndexByte(name[i+1:], closer)
		if j < 0 {
			break
		}
		out = append(out, [2]int{i, i + 1 + j + 1})
		i += j + 1
	}
	// The reference also writes a tag-key family as ".../tag-key"
	// (secretsmanager:ResourceTag/tag-key, ssm:resourceTag/tag-key).
	const tagKey = "/tag-key"
	if len(out) == 0 && len(name) > len(tagKey) && strings.EqualFold(name[len(name)-len(tagKey):], tagKey) {
		out = append(out, [2]int{len(name) - len(tagKey) + 1, len(name)})
	}
	return out
}

// newTemplate returns the template of a key whose name holds placeholders,
// or nil.
func newTemplate(k *ConditionKey) *template {
	holes := placeholders(k.Name)
	if len(holes) == 0 {
		return nil
	}
	t := &template{key: k, head: k.Name[:holes[0][0]]}
	var b []byte
	last := 0
	for _, h := range holes {
		lit := k.Name[last:h[0]]
		t.literal += len(lit)
		b = wildcard.AppendEncoded(b, lit)
		b = append(b, wildcard.One, wildcard.Star)
		last = h[1]
	}
	t.literal += len(k.Name) - last
	b = wildcard.AppendEncoded(b, k.Name[last:])
	t.enc = string(b)
	t.suffixHole = len(holes) == 1 && holes[0][1] == len(k.Name)
	return t
}

// matches reports whether a concrete key name belongs to the family,
// ignoring case. The literal head is compared first: most names that reach
// a template do not start with it.
func (t *template) matches(name string) bool {
	if len(name) <= len(t.head) || !strings.EqualFold(name[:len(t.head)], t.head) {
		return false
	}
	return t.suffixHole || wildcard.Match(t.enc, name, true)
}

// templateIndex finds the template a concrete key name belongs to.
type templateIndex struct {
	// byPrefix holds the templates whose service prefix (the text before
	// the first ':') is literal, by the lower-case prefix.
	byPrefix map[string][]*template
	// byFirst holds the others (the web-identity keys of AWS STS, such as
	// "token.actions.${Domain}.ghe.com:sub") by the lower-case first byte of
	// their name; any holds those that start with a placeholder.
	byFirst [256][]*template
	any     []*template
}

func (ix *templateIndex) add(t *template) {
	if i := strings.IndexByte(t.head, ':'); i >= 0 {
		if ix.byPrefix == nil {
			ix.byPrefix = map[string][]*template{}
		}
		p := strings.ToLower(t.head[:i])
		ix.byPrefix[p] = insertTemplate(ix.byPrefix[p], t)
		return
	}
	if t.head == "" {
		ix.any = insertTemplate(ix.any, t)
		return
	}
	c := lowerByte(t.head[0])
	ix.byFirst[c] = insertTemplate(ix.byFirst[c], t)
}

// insertTemplate keeps a list in the order in which templates are tried:
// more literal text first (the closer fit), then by name.
func insertTemplate(list []*template, t *template) []*template {
	i := 0
	for i < len(list) && (list[i].literal > t.literal || list[i].literal == t.literal && list[i].key.lname < t.key.lname) {
		i++
	}
	list = append(list, nil)
	copy(list[i+1:], list[i:])
	list[i] = t
	return list
}

// find returns the template name belongs to. It does not allocate.
func (ix *templateIndex) find(name string) *template {
	if i := strings.IndexByte(name, ':'); i > 0 && i <= maxLookup {
		var buf [maxLookup]byte
		for _, t := range ix.byPrefix[string(toLower(buf[:i], name[:i]))] {
			if t.matches(name) {
				return t
			}
		}
	}
	if name != "" {
		for _, t := range ix.byFirst[lowerByte(name[0])] {
			if t.matches(name) {
				return t
			}
		}
	}
	for _, t := range ix.any {
		if t.matches(name) {
			return t
		}
	}
	return nil
}
