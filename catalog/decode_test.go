package catalog

import (
	"errors"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/catalog/internal/wire"
)

// points is how many places of the payload a test of corrupt data tries:
// fewer under the race detector, where a decode is ten times slower and
// these tests look for panics, not races.
func points(n int) int {
	if raceDetector {
		return 4
	}
	return n
}

// TestDecodeTruncated: a payload cut anywhere is refused with an error, not
// a panic or a half-built catalog.
func TestDecodeTruncated(t *testing.T) {
	payload, err := gunzip(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parse(payload); err != nil {
		t.Fatal(err)
	}
	step := len(payload)/points(64) + 1
	for n := 0; n < len(payload); n += step {
		if _, err := parse(payload[:n]); !errors.Is(err, wire.ErrCorrupt) {
			t.Fatalf("parse of the first %d of %d bytes: err = %v, want ErrCorrupt", n, len(payload), err)
		}
	}
	if _, err := parse(append(payload[:len(payload):len(payload)], 0)); !errors.Is(err, wire.ErrCorrupt) {
		t.Errorf("parse with a trailing byte: err = %v", err)
	}
	if _, err := decode([]byte("not gzip")); err == nil {
		t.Error("decode of bytes that are not gzip succeeded")
	}
}

// TestDecodeCorrupted flips bytes of the payload: parse must return, with
// a catalog or an error, and never panic.
func TestDecodeCorrupted(t *testing.T) {
	payload, err := gunzip(data)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, len(payload))
	step := len(payload)/points(32) + 1
	for i := len(wire.Magic); i < len(payload); i += step {
		copy(b, payload)
		b[i] ^= 0x5a
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("parse panics when byte %d is flipped: %v", i, r)
				}
			}()
			parse(b)
		}()
	}
}

// TestLoadTime decodes the embedded data once, as the first call of Default
// does, and reports the time. The bound is loose so that a slow or loaded
// machine does not fail it; BenchmarkLoad measures it.
func TestLoadTime(t *testing.T) {
	start := time.Now()
	if _, err := decode(data); err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("decoding the embedded catalog took %v", d)
	if d > time.Second {
		t.Errorf("decoding took %v", d)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
