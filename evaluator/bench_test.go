package evaluator_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
)

// benchCases loads the benchmark scenarios of testdata/bench (access-test
// cases; the same inputs are measured against other engines).
func benchCases(tb testing.TB) []*accesstest.Case {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "bench", "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no benchmark scenarios: %v", err)
	}
	var out []*accesstest.Case
	for _, f := range files {
		cs, err := accesstest.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, c := range cs {
			if c.Err != nil {
				tb.Fatalf("%s: %v", c.Name, c.Err)
			}
			out = append(out, c)
		}
	}
	return out
}

// TestBenchScenariosDecide checks that every benchmark scenario decides what
// it says, so the benchmarks time the intended paths.
func TestBenchScenariosDecide(t *testing.T) {
	for _, c := range benchCases(t) {
		set, err := evaluator.Compile(c.Policies)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if got := set.Evaluate(c.Request).Decision; got != c.Expected {
			t.Errorf("%s: got %v, want %v\n%v", c.Name, got, c.Expected, set.Explain(c.Request))
		}
	}
}

// TestEvaluateDoesNotAllocate pins the zero-allocation property of the
// decision path on every benchmark scenario.
func TestEvaluateDoesNotAllocate(t *testing.T) {
	for _, c := range benchCases(t) {
		set, err := evaluator.Compile(c.Policies)
		if err != nil {
			t.Fatal(err)
		}
		r := c.Request
		if n := testing.AllocsPerRun(200, func() { set.Evaluate(r) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %.1f times per call", c.Name, n)
		}
	}
}

// benchCompiled runs body as a sub-benchmark, reporting allocations, for
// each benchmark scenario that keep accepts, with the scenario's policies
// compiled.
func benchCompiled(b *testing.B, keep func(name string) bool, body func(b *testing.B, set *evaluator.Set, c *accesstest.Case)) {
	for _, c := range benchCases(b) {
		if !keep(c.Name) {
			continue
		}
		set, err := evaluator.Compile(c.Policies)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			body(b, set, c)
		})
	}
}

func every(string) bool { return true }

func BenchmarkEvaluate(b *testing.B) {
	benchCompiled(b, every, func(b *testing.B, set *evaluator.Set, c *accesstest.Case) {
		r := c.Request
		for b.Loop() {
			if set.Evaluate(r).Decision != c.Expected {
				b.Fatal("wrong decision")
			}
		}
	})
}

func BenchmarkExplain(b *testing.B) {
	benchCompiled(b, func(name string) bool { return strings.HasPrefix(name, "B-") }, func(b *testing.B, set *evaluator.Set, c *accesstest.Case) {
		r := c.Request
		for b.Loop() {
			set.Explain(r)
		}
	})
}

func BenchmarkCompile(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := evaluator.Compile(c.Policies); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluateParallel shows that one compiled set scales across cores.
func BenchmarkEvaluateParallel(b *testing.B) {
	benchCompiled(b, func(name string) bool { return name == "B-realistic-allow" }, func(b *testing.B, set *evaluator.Set, c *accesstest.Case) {
		r := c.Request
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if set.Evaluate(r).Decision != c.Expected {
					b.Error("wrong decision")
					return
				}
			}
		})
	})
}
