package catalog

// maxLookup bounds the names looked up with a stack buffer. Every name in
// the tables is shorter (decode checks); a longer name is unknown.
const maxLookup = 256

// lookupFold looks name up in m, whose keys are in lower case, ignoring
// ASCII case and without allocating; a name longer than longest (the longest
// key) is not there.
func lookupFold[V any](m map[string]V, longest int, name string) (V, bool) {
	if len(name) > longest {
		var zero V
		return zero, false
	}
	if isLower(name) {
		v, ok := m[name]
		return v, ok
	}
	var buf [maxLookup]byte
	v, ok := m[string(toLower(buf[:len(name)], name))]
	return v, ok
}

// isLower reports whether s holds no ASCII upper-case letter.
func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// toLower writes s into buf, which has its length, with ASCII letters in
// lower case, and returns buf. Names in the catalog are ASCII: a name with
// other bytes cannot match, whatever their case.
func toLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		buf[i] = lowerByte(s[i])
	}
	return buf
}

// lowerInPlace turns the ASCII letters of b to lower case and returns b.
func lowerInPlace(b []byte) []byte {
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return b
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerString is strings.ToLower for ASCII, for names being indexed.
func lowerString(s string) string {
	if isLower(s) {
		return s
	}
	b := make([]byte, len(s))
	return string(toLower(b, s))
}
