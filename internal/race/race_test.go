package race

import (
	"testing"
	"time"
)

func TestBound(t *testing.T) {
	want := time.Second
	if Enabled {
		want *= Slowdown
	}
	if got := Bound(time.Second); got != want {
		t.Errorf("Bound(1s) = %v, want %v (race detector on: %v)", got, want, Enabled)
	}
}

// recorder is a testing.TB that records a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestWithin(t *testing.T) {
	ran := false
	Within(t, "a quick call", func() { ran = true })
	if !ran {
		t.Error("Within did not run f")
	}
	slow := &recorder{}
	within(slow, time.Nanosecond, "a slow call", func() { time.Sleep(time.Millisecond) })
	if !slow.failed {
		t.Error("Within did not fail a call over its limit")
	}
}
