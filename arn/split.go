package arn

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
	ok = SplitTo(s, &sec)
	return sec, ok
}

// SplitTo is Split writing into sec, for hot paths that keep the sections
// in a larger structure: it saves copying them. On failure sec is left
// unchanged.
func SplitTo(s string, sec *Sections) bool {
	if len(s) < 4 || s[0] != 'a' || s[1] != 'r' || s[2] != 'n' || s[3] != ':' {
		return false
	}
	// A byte loop: the first four sections are short, where IndexByte's
	// call overhead dominates.
	var cut [4]int
	k, i := 0, len("arn:")
	for ; i < len(s) && k < 4; i++ {
		if s[i] == ':' {
			cut[k] = i
			k++
		}
	}
	if k < 4 {
		return false
	}
	sec.Partition = s[4:cut[0]]
	sec.Service = s[cut[0]+1 : cut[1]]
	sec.Region = s[cut[1]+1 : cut[2]]
	sec.Account = s[cut[2]+1 : cut[3]]
	sec.Resource = s[cut[3]+1:]
	return true
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
