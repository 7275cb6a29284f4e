package account

import (
	"bufio"
	"encoding/json"
	"os"
	"sync"
	"testing"
)

const sampleDir = "../../shared/account/"

func loadSample(t testing.TB) *Analyzer {
	t.Helper()
	s, err := LoadFiles(sampleDir + "authorization-details.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range s.Warnings {
		t.Log("warning:", w)
	}
	return NewAnalyzer(s)
}

// TestSample checks the verdict of every principal of the shared sample.
func TestSample(t *testing.T) {
	if _, err := os.Stat(sampleDir + "expected.jsonl"); err != nil {
		t.Skip("sample not present")
	}
	a := loadSample(t)
	g := a.BuildGraph(Options{}, 2)
	from := map[string][]Path{}
	for _, p := range g.PathsToAdmin(nil) {
		from[p.From] = append(from[p.From], p)
	}
	f, _ := os.Open(sampleDir + "expected.jsonl")
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e struct {
			Principal string
			Escalates bool
			Technique string
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		p := a.S.Principal(e.Principal)
		if p == nil {
			t.Errorf("%s: not in the snapshot", e.Principal)
			continue
		}
		admin := a.IsAdmin(p, nil)
		got := len(from[e.Principal]) > 0
		switch {
		case e.Technique == "already-admin":
			if !admin || got {
				t.Errorf("%s: admin %v, paths %d; want already admin and no path", e.Principal, admin, len(from[e.Principal]))
			}
		case e.Escalates != got || admin:
			t.Errorf("%s (%s): escalates %v, want %v; paths %+v", e.Principal, e.Technique, got, e.Escalates, from[e.Principal])
		}
	}
}

// TestBuildGraphProgress: the progress callback sees every principal once,
// ending at the total.
func TestBuildGraphProgress(t *testing.T) {
	if _, err := os.Stat(sampleDir + "expected.jsonl"); err != nil {
		t.Skip("sample not present")
	}
	a := loadSample(t)
	var mu sync.Mutex
	calls, maxDone, total := 0, 0, 0
	a.BuildGraph(Options{Progress: func(done, n int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		maxDone, total = max(maxDone, done), n
	}}, 2)
	if n := len(a.S.Principals); calls != n || maxDone != n || total != n {
		t.Errorf("progress: %d calls, last %d of %d; want %d of %d", calls, maxDone, total, n, n)
	}
}
