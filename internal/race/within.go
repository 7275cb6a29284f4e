package race

import (
	"testing"
	"time"
)

// HostileLimit is the time one call of a hostile-input test may take,
// before [Bound]: such calls take microseconds to milliseconds, and a
// second leaves room for a loaded machine.
const HostileLimit = time.Second

// Within runs f and fails t when it takes longer than Bound(HostileLimit).
func Within(t testing.TB, what string, f func()) {
	t.Helper()
	within(t, Bound(HostileLimit), what, f)
}

func within(t testing.TB, limit time.Duration, what string, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d > limit {
		t.Errorf("%s took %v, more than %v", what, d, limit)
	}
}
