package arn

import "strings"

// Sections is an ARN-shaped string split at its first five colons, with no
// validation beyond that. The "arn" prefix is not kept.
type Sections struct {
	Partition, Service, Region, Account, Resource string
}

// Split splits s at its first five colons. ok is false when s does not start
// with "arn:" or has fewer than five colons. The sections are substrings of s:
// Split never allocates, and it stops at the fifth colon, so its cost does not
// depend on how many colons the resource part holds.
func Split(s string) (sec Sections, ok bool) {
	if !strings.HasPrefix(s, "arn:") {
		return Sections{}, false
	}
	rest := s[len("arn:"):]
	var parts [4]string
	for i := range parts {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return Sections{}, false
		}
		parts[i], rest = rest[:j], rest[j+1:]
	}
	return Sections{parts[0], parts[1], parts[2], parts[3], rest}, true
}

// bounds are the start and end offsets of the five sections of an ARN-shaped
// byte sequence, for splitting without converting to a string.
type bounds [5][2]int

// splitBytes is Split for either strings or byte slices; it returns offsets.
func splitBytes[P ~string | ~[]byte](p P) (b bounds, ok bool) {
	if len(p) < 4 || p[0] != 'a' || p[1] != 'r' || p[2] != 'n' || p[3] != ':' {
		return b, false
	}
	start, k := 4, 0
	for i := 4; i < len(p) && k < 4; i++ {
		if p[i] == ':' {
			b[k] = [2]int{start, i}
			start = i + 1
			k++
		}
	}
	if k < 4 {
		return b, false
	}
	b[4] = [2]int{start, len(p)}
	return b, true
}
