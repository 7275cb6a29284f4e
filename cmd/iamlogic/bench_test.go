package main

import (
	"io"
	"testing"
)

// BenchmarkTest measures `iamlogic test` on the project's conformance file:
// reading, compiling and explaining every case.
func BenchmarkTest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"test", "../../testdata/conformance/aws-docs.jsonl"}, io.Discard, io.Discard); code == 2 {
			b.Fatal("exit status 2")
		}
	}
}

// BenchmarkValidateSARIF measures validate with the largest output format.
func BenchmarkValidateSARIF(b *testing.B) {
	b.ReportAllocs()
	args := []string{"validate", "--format", "sarif", pol + "invalid-identity.json", pol + "warning-identity.json", pol + "latin1-sid.json", pol + "identity-s3-read.json"}
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 1 {
			b.Fatalf("exit status %d", code)
		}
	}
}
