package enum

import (
	"fmt"
	"strings"
)

// String returns names[v], or, for a value without a name, invalid, with
// a "%d" in it replaced by v ("Verdict(%d)" gives "Verdict(7)").
func String[T ~uint8](names []string, v T, invalid string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	if strings.Contains(invalid, "%d") {
		return fmt.Sprintf(invalid, uint8(v))
	}
	return invalid
}

// Parse returns the value that names s exactly, and whether there is one.
func Parse[T ~uint8](names []string, s string) (T, bool) {
	for i, n := range names {
		if n != "" && n == s {
			return T(i), true
		}
	}
	return 0, false
}
