package placeholder

// Prefix starts every placeholder.
const Prefix = "\x00"

// Is reports whether s is a placeholder.
func Is(s string) bool { return len(s) > 0 && s[0] == 0 }

// Make returns the placeholder described by desc.
func Make(desc string) string { return Prefix + desc }

// Text returns the description of placeholder s, or s itself when it is
// not one.
func Text(s string) string {
	if Is(s) {
		return s[1:]
	}
	return s
}
