package iamtest

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// fakeT records what the helpers report instead of failing the real test.
// Like *testing.T, Fatalf stops the calling goroutine with runtime.Goexit,
// so a helper must be called through run (or fakeT.Run) to be observed.
type fakeT struct {
	testing.TB // nil: a method the helpers should not call panics

	name string

	mu       sync.Mutex
	errors   []string // messages of Errorf
	fatals   []string // messages of Fatalf
	finished bool     // the function ran to its end (no Fatalf)
	subs     []*fakeT
}

func newFake(name string) *fakeT { return &fakeT{name: name} }

func (f *fakeT) Helper() {}

func (f *fakeT) Name() string { return f.name }

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeT) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
	f.mu.Unlock()
	runtime.Goexit()
}

func (f *fakeT) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.errors) > 0 || len(f.fatals) > 0 {
		return true
	}
	for _, s := range f.subs {
		if s.Failed() {
			return true
		}
	}
	return false
}

// Run runs fn as a subtest of f in its own goroutine, as testing.T does.
func (f *fakeT) Run(name string, fn func(*fakeT)) bool {
	sub := newFake(f.name + "/" + name)
	f.mu.Lock()
	f.subs = append(f.subs, sub)
	f.mu.Unlock()
	run(sub, fn)
	return !sub.Failed()
}

// run calls fn(f) in a new goroutine and waits for it to end, normally or
// through Fatalf.
func run(f *fakeT, fn func(*fakeT)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
		f.mu.Lock()
		f.finished = true
		f.mu.Unlock()
	}()
	<-done
}

// messages returns every message reported, fatal ones last.
func (f *fakeT) messages() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(append(append([]string(nil), f.errors...), f.fatals...), "\n")
}

// sub returns the subtest named name.
func (f *fakeT) sub(t *testing.T, name string) *fakeT {
	t.Helper()
	for _, s := range f.subs {
		if s.name == f.name+"/"+name {
			return s
		}
	}
	t.Fatalf("no subtest %q", name)
	return nil
}

// TestFakeT checks the fake itself: Fatalf stops the function, Errorf does
// not, and subtests report their failure to the parent.
func TestFakeT(t *testing.T) {
	f := newFake("t")
	run(f, func(f *fakeT) {
		f.Errorf("first %d", 1)
		f.Errorf("second")
	})
	if !f.finished || len(f.errors) != 2 || len(f.fatals) != 0 || f.errors[0] != "first 1" {
		t.Errorf("after Errorf: finished=%v errors=%q fatals=%q", f.finished, f.errors, f.fatals)
	}

	f = newFake("t")
	reached := false
	run(f, func(f *fakeT) {
		f.Fatalf("stop %s", "here")
		reached = true
	})
	if f.finished || reached || len(f.fatals) != 1 || f.fatals[0] != "stop here" {
		t.Errorf("after Fatalf: finished=%v reached=%v fatals=%q", f.finished, reached, f.fatals)
	}

	f = newFake("t")
	ok := f.Run("sub", func(s *fakeT) { s.Errorf("bad") })
	if ok || !f.Failed() || f.sub(t, "sub").messages() != "bad" {
		t.Errorf("Run: ok=%v failed=%v", ok, f.Failed())
	}
	if !f.Run("good", func(*fakeT) {}) {
		t.Error("a subtest without failures reported failure")
	}
}
