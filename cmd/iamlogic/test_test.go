package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTestDecidingPositions checks that deciding statements point at the
// statement's opening brace, in the access-test file for inline policies
// and in the policy file otherwise.
func TestTestDecidingPositions(t *testing.T) {
	_, stdout, _ := runCLI("test", "--format", "json", tests+"fail.json", tests+"pass.jsonl")
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	checked, inline := 0, 0
	for _, c := range rep.Cases {
		for _, d := range c.Deciding {
			data, err := os.ReadFile(d.File)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			if d.Line < 1 || d.Line > len(lines) || d.Column < 1 || d.Column > len(lines[d.Line-1]) {
				t.Fatalf("%s: %s:%d:%d is outside the file", c.Name, d.File, d.Line, d.Column)
			}
			// The statement's first Sid after its brace is its own.
			rest := strings.Join(append([]string{lines[d.Line-1][d.Column-1:]}, lines[d.Line:]...), "\n")
			_, afterSid, _ := strings.Cut(rest, `"Sid"`)
			afterSid = strings.TrimLeft(afterSid, " :")
			if !strings.HasPrefix(rest, "{") || (d.Sid != "" && !strings.HasPrefix(afterSid, strconv.Quote(d.Sid))) {
				t.Errorf("%s: %s:%d:%d is not the statement %q: %.60q", c.Name, d.File, d.Line, d.Column, d.Sid, rest)
			}
			checked++
			if d.File == c.File {
				inline++
			}
		}
	}
	if checked == 0 || inline == 0 {
		t.Fatalf("checked %d deciding statements, %d inline; want some of both", checked, inline)
	}
}

var (
	summaryLine = regexp.MustCompile(`^(\d+) passed, (\d+) failed$`)
	failLine    = regexp.MustCompile(`^FAIL .+: (expected (allowed|explicitDeny|implicitDeny), got (allowed|explicitDeny|implicitDeny)|expected the decision to rely on undocumented behaviour \[.*\], it relied on \[.*\]|strict: .+|cannot evaluate: .+)$`)
)

// TestConformanceFile runs the project's conformance cases through
// `iamlogic test`. The counts depend on the evaluator; the format and the
// exit status must not.
func TestConformanceFile(t *testing.T) {
	const file = "../../testdata/conformance/aws-docs.jsonl"
	code, stdout, stderr := runCLI("test", file)
	if code != 0 && code != 1 {
		t.Fatalf("exit status %d, want 0 or 1\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("last line %q is not \"N passed, N failed\"", lines[len(lines)-1])
	}
	passed, _ := strconv.Atoi(m[1])
	failed, _ := strconv.Atoi(m[2])
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			want++
		}
	}
	if passed+failed != want {
		t.Errorf("%d passed + %d failed, want %d cases", passed, failed, want)
	}
	if (failed > 0) != (code == 1) {
		t.Errorf("exit status %d with %d failures", code, failed)
	}
	fails := 0
	for _, l := range lines[:len(lines)-1] {
		switch {
		case strings.HasPrefix(l, "FAIL "):
			fails++
			if !failLine.MatchString(l) {
				t.Errorf("malformed FAIL line %q", l)
			}
		case !strings.HasPrefix(l, "    "):
			t.Errorf("detail line %q is not indented", l)
		}
	}
	if fails != failed {
		t.Errorf("%d FAIL lines, summary says %d failed", fails, failed)
	}
	t.Logf("conformance through iamlogic test: %s", lines[len(lines)-1])
}
