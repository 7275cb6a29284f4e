// Package race tells tests whether the race detector is on, so that a test
// that bounds the time of a hostile input (to catch super-linear work) can
// allow for the detector's slowdown instead of failing on a slow machine.
package race

import "time"

// Slowdown is how many times slower code runs under the race detector, at
// most, for the hostile-input bounds: the Go documentation puts the cost at
// two to twenty times; the bounds are generous already.
const Slowdown = 10

// Bound returns d, or d times Slowdown when the race detector is on.
func Bound(d time.Duration) time.Duration {
	if Enabled {
		return d * Slowdown
	}
	return d
}
