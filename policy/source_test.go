package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

// TestPositionString covers every form Position.String takes.
func TestPositionString(t *testing.T) {
	for _, tc := range []struct {
		p    policy.Position
		want string
	}{
		{policy.Position{}, "-"},
		{policy.Position{Line: 3, Column: 7}, "3:7"},
		{policy.Position{File: "a/b.json", Line: 3, Column: 7, Offset: 40}, "a/b.json:3:7"},
		{policy.Position{File: "a/b.json"}, "a/b.json"},
		{policy.Position{File: "a/b.json", Line: 3}, "a/b.json:3"},
		{policy.Position{Line: 3}, "3"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestParseAtPositions parses a policy embedded in a larger file: every
// position (model and findings) is a position in that file, and ParseFile
// and Parse agree with ParseAt at the start of a file.
func TestParseAtPositions(t *testing.T) {
	outer := "{\"cases\": [\n  {\"policy\": {\"Version\": \"2012-10-17\",\n    \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3GetObject\", \"Resource\": \"*\"}}}]}"
	at := strings.Index(outer, `{"Version"`)
	end := strings.LastIndex(outer, "}}}") + 2
	doc := outer[at:end]
	start := policy.Position{File: "cases.json", Offset: at, Line: 2, Column: at - strings.Index(outer, "\n")}
	p, err := policy.ParseAt(start, []byte(doc))
	var fs policy.Findings
	if !errors.As(err, &fs) || len(fs) != 1 {
		t.Fatalf("ParseAt = %v, want one ACTION_FORMAT finding", err)
	}
	act := strings.Index(outer, `"s3GetObject"`)
	want := policy.Position{File: "cases.json", Offset: act, Line: 3, Column: act - strings.LastIndex(outer[:act], "\n")}
	if fs[0].Pos != want {
		t.Errorf("finding at %+v, want %+v", fs[0].Pos, want)
	}
	if got, w := fs[0].Error(), "cases.json:3:"; !strings.HasPrefix(got, w) {
		t.Errorf("Error() = %q, want prefix %q", got, w)
	}
	if p.Pos != start {
		t.Errorf("policy at %+v, want %+v", p.Pos, start)
	}
	if p.Statements[0].Actions[0].Pos != want {
		t.Errorf("action at %+v, want %+v", p.Statements[0].Actions[0].Pos, want)
	}
	if p.Statements[0].Pos.Line != 3 || p.Statements[0].Pos.File != "cases.json" {
		t.Errorf("statement at %+v, want line 3 of cases.json", p.Statements[0].Pos)
	}

	plain, _ := policy.Parse([]byte(doc))
	named, _ := policy.ParseFile("p.json", []byte(doc))
	if plain.Pos != (policy.Position{Line: 1, Column: 1}) || named.Pos != (policy.Position{File: "p.json", Line: 1, Column: 1}) {
		t.Errorf("Parse at %+v, ParseFile at %+v", plain.Pos, named.Pos)
	}
	if a, b := plain.Statements[0].Actions[0].Pos, named.Statements[0].Actions[0].Pos; a.Line != b.Line || a.Column != b.Column || a.Offset != b.Offset || b.File != "p.json" {
		t.Errorf("Parse %+v and ParseFile %+v disagree", a, b)
	}
}

// TestLineAfterBackslashNewline: a raw newline right after a backslash (an
// invalid escape) still starts a line, so later findings keep their lines.
func TestLineAfterBackslashNewline(t *testing.T) {
	doc := "{\"Id\": \"a\\\nb\", \"Version\": \"2012-10-17\",\n\"Statement\": \"\x01\"}"
	_, err := policy.Parse([]byte(doc))
	var fs policy.Findings
	if !errors.As(err, &fs) {
		t.Fatalf("Parse = %v, want findings", err)
	}
	ctl := strings.IndexByte(doc, 0x01)
	for _, f := range fs {
		if f.Pos.Offset == ctl && (f.Pos.Line != 3 || f.Pos.Column != 15) {
			t.Errorf("finding at offset %d is at %d:%d, want 3:15: %v", ctl, f.Pos.Line, f.Pos.Column, f)
		}
	}
	found := false
	for _, f := range fs {
		found = found || f.Pos.Offset == ctl
	}
	if !found {
		t.Errorf("no finding at the control character: %v", fs)
	}
}
