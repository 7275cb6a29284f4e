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
