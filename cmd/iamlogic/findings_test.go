package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const findingsDoc = "../../docs/findings.md"

// renderFindingsDoc writes docs/findings.md from rules(): one section per
// rule, anchored by its id, under the heading of its group.
func renderFindingsDoc() string {
	var b strings.Builder
	b.WriteString(`# Findings and rules

Every result iamlogic reports carries a rule id: the code of a policy finding
(` + "`validate`" + `, and every policy a command reads), of a catalog check, of a
failing access-test case, of an analysis, or of an input file that cannot be
used. The id is the ` + "`[CODE]`" + ` of text output, the ` + "`code`" + ` of JSON output,
the ` + "`title`" + ` of GitHub annotations, the ` + "`type`" + ` of JUnit failures and TAP
diagnostics, and the ` + "`ruleId`" + ` of SARIF results, whose ` + "`helpUri`" + ` links to
the section of this page with the same anchor. Ids never change.

This page is generated from ` + "`cmd/iamlogic/rules.go`" + ` by
` + "`go test ./cmd/iamlogic -run TestFindingsDoc -update`" + `; a test fails when a code
of package ` + "`policy`" + ` or ` + "`lint`" + ` has no section.
`)
	group := ""
	for _, r := range rules() {
		if r.group != group {
			group = r.group
			b.WriteString("\n## " + group + "\n")
		}
		b.WriteString("\n<a id=\"" + r.id + "\"></a>\n\n### " + r.id + "\n\n")
		b.WriteString(r.short + " Severity: " + r.severity + ".\n\n")
		b.WriteString(r.full + "\n\n")
		b.WriteString("**Fix:** " + r.fix + "\n")
	}
	return b.String()
}

// TestFindingsDoc keeps docs/findings.md what rules() says (rewrite it with
// -update).
func TestFindingsDoc(t *testing.T) {
	checkFile(t, findingsDoc, renderFindingsDoc())
}

// codeConstants returns the string values of the constants of file whose
// type is typ (a selector such as policy.Code, or a name) or, with typ "",
// those whose name starts with prefix.
func codeConstants(t *testing.T, file, typ, prefix string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			typeName := ""
			switch x := vs.Type.(type) {
			case *ast.Ident:
				typeName = x.Name
			case *ast.SelectorExpr:
				typeName = x.X.(*ast.Ident).Name + "." + x.Sel.Name
			}
			for i, name := range vs.Names {
				if (typ != "" && typeName != typ) || (typ == "" && !strings.HasPrefix(name.Name, prefix)) || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s: %s is not a string literal", file, name.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no constants of type %q or prefix %q", file, typ, prefix)
	}
	return out
}

// TestEveryCodeDocumented: every finding code of packages policy and lint,
// and every rule of the commands, has an entry in rules() (and so a section
// in docs/findings.md and a SARIF rule with help); rules() documents
// nothing else, each id once, and its texts are well-formed Markdown.
func TestEveryCodeDocumented(t *testing.T) {
	var codes []string
	codes = append(codes, codeConstants(t, filepath.Join("..", "..", "policy", "finding.go"), "Code", "")...)
	codes = append(codes, codeConstants(t, filepath.Join("..", "..", "lint", "lint.go"), "policy.Code", "")...)
	codes = append(codes, codeConstants(t, "rules.go", "", "rule")...)
	var ids []string
	for _, r := range rules() {
		if slices.Contains(ids, r.id) {
			t.Errorf("rule %s is listed twice", r.id)
		}
		ids = append(ids, r.id)
		if !slices.Contains(codes, r.id) {
			t.Errorf("rule %s is not a code of policy, lint or the commands", r.id)
		}
		if r.group == "" || r.severity == "" || r.short == "" || r.full == "" || r.fix == "" {
			t.Errorf("rule %s lacks a group, severity or text", r.id)
		}
		for _, s := range []string{r.short, r.full, r.fix} {
			if strings.Count(s, "`")%2 != 0 {
				t.Errorf("rule %s: unbalanced backticks in %q", r.id, s)
			}
			if outside := codeSpan.ReplaceAllString(s, ""); strings.ContainsAny(outside, "*_<[") {
				t.Errorf("rule %s: Markdown syntax outside backticks in %q", r.id, s)
			}
		}
	}
	for _, c := range codes {
		if !slices.Contains(ids, c) {
			t.Errorf("code %s has no entry in rules() and so no section in docs/findings.md", c)
		}
	}
	if len(codes) < 70 {
		t.Errorf("found %d codes; the source files hold more", len(codes))
	}
}

var codeSpan = regexp.MustCompile("`[^`]*`")
