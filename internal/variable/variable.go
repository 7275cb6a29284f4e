package variable

import "strings"

// Kind says what a [Part] is.
type Kind uint8

// The kinds of part.
const (
	// Text is policy text outside any variable; in a glob its '*' and '?'
	// are wildcards.
	Text Kind = iota
	// Char is ${*}, ${?} or ${$}: Value is the literal character.
	Char
	// Key is ${key} or ${key, 'default'}: Value is the key name as written.
	Key
)

// Problem says what is malformed in a part; None for a well-formed one.
type Problem uint8

// The problems. Only Unterminated occurs on a Text part; the others occur on
// Key parts, whose Value is then the whole text between "${" and "}", a key
// no request has.
const (
	None Problem = iota
	// Unterminated: "${" with no '}' after it. The part is literal text.
	Unterminated
	// Empty: "${}".
	Empty
	// EmptyKey: a default with no key before it, "${, 'x'}".
	EmptyKey
	// QuoteInDefault: the default holds a single quote, "${k, 'it's'}".
	QuoteInDefault
	// BadDefault: a ',' or '\'' that is not the documented ", 'default'",
	// e.g. "${k,'x'}", "${k, x}", "${k,  'x'}".
	BadDefault
	// Nested: the key holds "${"; the token ended at the first '}'.
	Nested
	// Spaces: the key begins or ends with a space, which is part of the
	// name. The part is otherwise read as written.
	Spaces
)

// Part is one piece of policy text: literal text or one "${…}" token.
type Part struct {
	Kind       Kind
	Value      string // Text: the text; Char: the character; Key: the key name, case kept
	Default    string // Key with HasDefault: the default, quotes removed
	HasDefault bool
	Src        string  // the source text of the part, "${" and "}" included
	Offset     int     // byte offset of Src in the text
	Problem    Problem // None when well formed
}

// Next returns the part of s that starts at byte offset i (0 <= i < len(s))
// and the offset just after it. A loop from 0 while i < len(s) visits every
// part; Text parts never hold a well-formed "${…}". Next does not allocate.
func Next(s string, i int) (p Part, next int) {
	j := strings.Index(s[i:], "${")
	switch {
	case j < 0:
		return Part{Kind: Text, Value: s[i:], Src: s[i:], Offset: i}, len(s)
	case j > 0:
		return Part{Kind: Text, Value: s[i : i+j], Src: s[i : i+j], Offset: i}, i + j
	}
	k := strings.IndexByte(s[i+2:], '}')
	if k < 0 {
		// No '}' follows, so no later "${" is terminated either.
		return Part{Kind: Text, Value: s[i:], Src: s[i:], Offset: i, Problem: Unterminated}, len(s)
	}
	end := i + 2 + k + 1
	p = token(s[i+2 : i+2+k])
	p.Src, p.Offset = s[i:end], i
	return p, end
}

// token parses the text between "${" and "}".
func token(body string) Part {
	switch body {
	case "":
		return Part{Kind: Key, Problem: Empty}
	case "*", "?", "$":
		return Part{Kind: Char, Value: body}
	}
	whole := Part{Kind: Key, Value: body}
	if i := strings.Index(body, ", '"); i >= 0 {
		key, def := body[:i], body[i+len(", '"):]
		switch {
		case !strings.HasSuffix(def, "'"):
			whole.Problem = BadDefault
			return whole
		case key == "":
			whole.Problem = EmptyKey
			return whole
		case strings.ContainsRune(def[:len(def)-1], '\''):
			whole.Problem = QuoteInDefault
			return whole
		}
		p := Part{Kind: Key, Value: key, Default: def[:len(def)-1], HasDefault: true}
		p.Problem = keyProblem(key)
		if p.Problem == BadDefault || p.Problem == Nested {
			// The key cannot be a real one: never substitute the default.
			whole.Problem = p.Problem
			return whole
		}
		return p
	}
	whole.Problem = keyProblem(body)
	return whole
}

// keyProblem checks a key name.
func keyProblem(key string) Problem {
	switch {
	case strings.Contains(key, "${"):
		return Nested
	case strings.ContainsAny(key, ",'"):
		return BadDefault
	case key[0] == ' ' || key[len(key)-1] == ' ':
		return Spaces
	}
	return None
}

// First returns the first malformed part of s, if any.
func First(s string) (Part, bool) {
	for i := 0; i < len(s); {
		var p Part
		p, i = Next(s, i)
		if p.Problem != None {
			return p, true
		}
	}
	return Part{}, false
}

// Reason describes a problem in a few words, for messages.
func (p Problem) Reason() string {
	switch p {
	case Unterminated:
		return `"${" has no closing "}": the rest of the text is literal, not a policy variable`
	case Empty:
		return "empty variable name: the variable never has a value"
	case EmptyKey:
		return "empty variable name before the default: the whole text is taken as the key name, which no request has, so the default is not used"
	case QuoteInDefault:
		return "the default value holds a single quote: the whole text is taken as the key name, which no request has, so the default is not used"
	case BadDefault:
		return `a default value is written ${key, 'default'} (a comma, one space, the value in single quotes); as written, the whole text is taken as the key name`
	case Nested:
		return `a variable ends at the first "}": variables cannot be nested`
	case Spaces:
		return "the key name has surrounding spaces, which are part of the name"
	}
	return ""
}
