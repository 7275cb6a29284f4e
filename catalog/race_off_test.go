//go:build !race

package catalog

// raceDetector is set when the tests run with -race, which slows decoding
// tenfold.
const raceDetector = false
