package policy

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// positionDump lists every positioned element of p, one per line:
// pointer, value, line:column and byte offset.
func positionDump(p *Policy) string {
	var b strings.Builder
	line := func(ptr, what string, pos Position) {
		fmt.Fprintf(&b, "%-58s %-44s %d:%d @%d\n", ptr, what, pos.Line, pos.Column, pos.Offset)
	}
	items := func(base string, its []Item) {
		for i, it := range its {
			line(p.itemPointer(base, it, i), fmt.Sprintf("%q", it.Value), it.Pos)
		}
	}
	line("", "{policy}", p.Pos)
	line("/Version", fmt.Sprintf("%q", p.Version), p.VersionPos)
	line("/Id", fmt.Sprintf("%q", p.ID), p.IDPos)
	for i := range p.Statements {
		st := &p.Statements[i]
		sp := p.stmtPointer(st)
		line(sp, "{statement}", st.Pos)
		line(sp+"/Sid", fmt.Sprintf("%q", st.Sid), st.SidPos)
		line(sp+"/Effect", fmt.Sprint(st.Effect), st.EffectPos)
		if pr := st.Principal; pr != nil {
			base := sp + "/" + elemName("Principal", st.PrincipalNegated)
			line(base, "{principal}", pr.Pos)
			items(base+"/AWS", pr.AWS)
			items(base+"/Service", pr.Service)
			items(base+"/Federated", pr.Federated)
			items(base+"/CanonicalUser", pr.CanonicalUser)
		}
		base := sp + "/" + elemName("Action", st.ActionsNegated)
		line(base, "[actions]", st.ActionsPos)
		items(base, st.Actions)
		base = sp + "/" + elemName("Resource", st.ResourcesNegated)
		line(base, "[resources]", st.ResourcesPos)
		items(base, st.Resources)
		if len(st.Conditions) > 0 {
			line(sp+"/Condition", "{condition}", st.ConditionPos)
		}
		for ci := range st.Conditions {
			c := &st.Conditions[ci]
			line(sp+"/Condition/"+pointerToken(c.Operator), "operator", c.OperatorPos)
			line(c.pointer(sp), "key", c.KeyPos)
			for vi, v := range c.Values {
				line(c.valuePointer(sp, vi), fmt.Sprintf("%q", v.Value), v.Pos)
			}
		}
	}
	return b.String()
}

func TestPositionsGolden(t *testing.T) {
	p, src := parseTestdata(t, "positions.json")
	got := positionDump(p)
	golden := filepath.Join("testdata", "positions.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("positions differ from %s (run go test -update after checking):\n%s", golden, got)
	}
	checkPositions(t, src, p)
}

// checkPositions verifies, independently of the golden file, that every
// item's offset points at its JSON text and that line and column agree
// with the offset.
func checkPositions(t *testing.T, src []byte, p *Policy) {
	t.Helper()
	check := func(what string, pos Position, text string) {
		t.Helper()
		if pos.Offset < 0 || pos.Offset+len(text) > len(src) || string(src[pos.Offset:pos.Offset+len(text)]) != text {
			t.Errorf("%s: offset %d does not point at %q", what, pos.Offset, text)
			return
		}
		before := string(src[:pos.Offset])
		line := 1 + strings.Count(before, "\n")
		col := pos.Offset - strings.LastIndex(before, "\n")
		if pos.Line != line || pos.Column != col {
			t.Errorf("%s: position %d:%d, want %d:%d", what, pos.Line, pos.Column, line, col)
		}
	}
	check("policy", p.Pos, "{")
	for _, st := range p.Statements {
		check("statement", st.Pos, "{")
		for _, its := range [][]Item{st.Actions, st.Resources} {
			for _, it := range its {
				check(it.Value, it.Pos, `"`+it.Value+`"`)
			}
		}
		for _, c := range st.Conditions {
			check(c.Operator, c.OperatorPos, `"`+c.Operator+`"`)
			check(c.Key, c.KeyPos, `"`+c.Key+`"`)
			for _, v := range c.Values {
				if src[v.Pos.Offset] == '"' {
					check(v.Value, v.Pos, `"`+v.Value+`"`)
				} else {
					check(v.Value, v.Pos, v.Value)
				}
			}
		}
		if pr := st.Principal; pr != nil {
			for _, its := range [][]Item{pr.AWS, pr.Service, pr.Federated, pr.CanonicalUser} {
				for _, it := range its {
					check(it.Value, it.Pos, `"`+it.Value+`"`)
				}
			}
		}
	}
}

// TestPositionsCorpus checks the positions of every element of the corpus
// documents against their source.
func TestPositionsCorpus(t *testing.T) {
	for _, f := range corpusFiles(t, corpusDir)[:60] {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		checkPositions(t, src, p)
	}
}
