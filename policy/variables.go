package policy

import (
	"fmt"
	"strings"
)

// variableProblem describes the first malformed policy variable in s
// (SPEC §5.11.1), or returns "". A variable is "${" up to the first "}";
// its body is a key name, one of "*", "?", "$", or "key, 'default'" with
// exactly a comma, one space and single quotes.
func variableProblem(s string) string {
	for i := 0; ; {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			return ""
		}
		start := i + j
		end := strings.IndexByte(s[start+2:], '}')
		if end < 0 {
			return fmt.Sprintf("%q has an unterminated \"${\" (no closing '}'); it is literal text, not a policy variable", s)
		}
		body := s[start+2 : start+2+end]
		switch {
		case body == "":
			return fmt.Sprintf("%q has an empty policy variable \"${}\"; it is literal text", s)
		case body == "*" || body == "?" || body == "$":
		case strings.ContainsAny(body, ",'"):
			if !validDefault(body) {
				return fmt.Sprintf("%q: policy variable \"${%s}\" has a malformed default; write ${key, 'default'} with a comma, exactly one space and single quotes (otherwise the whole text is looked up as a key name and is never found)",
					s, body)
			}
		}
		i = start + 2 + end + 1
	}
}

// validDefault reports whether body has the form "key, 'default'".
func validDefault(body string) bool {
	k := strings.Index(body, ", '")
	if k <= 0 || strings.ContainsAny(body[:k], ",' ") {
		return false
	}
	def := body[k+len(", '"):]
	return strings.HasSuffix(def, "'") && !strings.Contains(def[:len(def)-1], "'")
}

// variableOutsideResourcePart reports whether s, an ARN-shaped resource,
// has "${" before the fifth colon, where variables are not substituted.
func variableOutsideResourcePart(s string) bool {
	v := strings.Index(s, "${")
	if v < 0 {
		return false
	}
	colons := 0
	for i := 0; i < v; i++ {
		if s[i] == ':' {
			colons++
		}
	}
	return colons < 5
}

// resourcePart returns the text after the fifth colon of s (s itself when
// it has fewer).
func resourcePart(s string) string {
	rest := s
	for range 5 {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return s
		}
		rest = rest[i+1:]
	}
	return rest
}
