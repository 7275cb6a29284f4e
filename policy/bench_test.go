package policy

import (
	"os"
	"path/filepath"
	"testing"
)

// benchDoc is the corpus policy closest to 3.5 KB.
const benchDoc = "AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity.json"

// smallestDoc is the smallest policy of the corpus copy (141 bytes).
const smallestDoc = "AWSElementalMediaLiveFullAccess.json"

// medianDoc is the policy of median size in the corpus copy (1.4 KB).
const medianDoc = "AmazonWorkSpacesThinClientReadOnlyAccess.json"

// largestDoc is the largest AWS managed policy.
const largestDoc = "AWSSupportServiceRolePolicy.json"

func readCorpus(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func benchmarkParse(b *testing.B, name string) {
	data := readCorpus(b, name)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse measures Parse on managed policies of several sizes: the
// smallest and the median of the corpus copy, one of ~3.5 KB (target: at most
// 20 µs) and the largest AWS managed policy.
func BenchmarkParse(b *testing.B) {
	b.Run("smallest", func(b *testing.B) { benchmarkParse(b, smallestDoc) })
	b.Run("median", func(b *testing.B) { benchmarkParse(b, medianDoc) })
	b.Run("3.5KB", func(b *testing.B) { benchmarkParse(b, benchDoc) })
	b.Run("largest", func(b *testing.B) { benchmarkParse(b, largestDoc) })
}

// BenchmarkValidate measures per-type validation of a parsed ~3.5 KB
// policy.
func BenchmarkValidate(b *testing.B) {
	p, err := Parse(readCorpus(b, benchDoc))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs := p.Validate(TypeIdentity); fs.HasErrors() {
			b.Fatal(fs)
		}
	}
}

// BenchmarkMarshalJSON measures the canonical form of a ~3.5 KB policy.
func BenchmarkMarshalJSON(b *testing.B) {
	p, err := Parse(readCorpus(b, benchDoc))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
