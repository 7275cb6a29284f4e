package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// TAP version 13 (https://testanything.org/tap-version-13-specification.html):
// the version line, the plan "1..N", then one test line per case and per
// file that cannot be used, "ok N - NAME" or "not ok N - NAME". A failure is
// followed by a YAML block, indented by two spaces between "---" and "...",
// with the problem (message), the rule it breaks (type), where the case is
// and the explanation (details). With -v a passing case's gaps follow it as
// "# gap: ..." comments.

// tapDiagnostic is the YAML block of a failure. Message is one line;
// Details is lines that each start with their text (a literal block:
// yaml.v3 drops a leading empty line of one).
type tapDiagnostic struct {
	Message  string `yaml:"message"`
	Severity string `yaml:"severity"`
	Type     string `yaml:"type"`
	File     string `yaml:"file"`
	Line     int    `yaml:"line,omitempty"`
	Expected string `yaml:"expected,omitempty"`
	Got      string `yaml:"got,omitempty"`
	Details  string `yaml:"details,omitempty"`
}

// writeTAP writes the TAP report of a test run.
func writeTAP(w io.Writer, run []testFile, verbose bool) {
	n := 0
	for _, tf := range run {
		n += len(tf.outcomes)
		if tf.problem != nil {
			n++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "TAP version 13\n1..%d\n", n)
	i := 0
	for _, tf := range run {
		if p := tf.problem; p != nil {
			i++
			fmt.Fprintf(&b, "not ok %d - %s\n", i, tapDescription(tf.name))
			writeTAPDiagnostic(&b, tapDiagnostic{Message: oneLine(p.msg), Severity: "fail", Type: p.rule, File: p.at.File, Line: p.at.Line})
		}
		for _, o := range tf.outcomes {
			i++
			if o.Passed() {
				fmt.Fprintf(&b, "ok %d - %s\n", i, tapDescription(o.Case.Name))
				if verbose {
					writeCaseGaps(&b, o, "# ")
				}
				continue
			}
			fmt.Fprintf(&b, "not ok %d - %s\n", i, tapDescription(o.Case.Name))
			d := tapDiagnostic{Message: oneLine(o.Problem()), Severity: "fail", Type: caseRule(o), File: o.Case.Pos.File, Line: o.Case.Pos.Line,
				Expected: o.Case.Expected.String(), Details: caseExplanation(o, verbose)}
			if o.Err == nil {
				d.Got = o.Result.Decision.String()
			}
			writeTAPDiagnostic(&b, d)
		}
	}
	io.WriteString(w, b.String())
}

// tapDescription keeps a test line's description on one line, and escapes
// '#', which would start a directive.
func tapDescription(s string) string {
	return strings.ReplaceAll(oneLine(s), "#", `\#`)
}

// writeTAPDiagnostic writes d as a YAML block, indented by two spaces.
func writeTAPDiagnostic(b *strings.Builder, d tapDiagnostic) {
	var y bytes.Buffer
	enc := yaml.NewEncoder(&y)
	enc.SetIndent(2)
	if err := errors.Join(enc.Encode(d), enc.Close()); err != nil {
		// Strings and ints always encode; run reports a panic as an
		// internal error rather than leave the output half written.
		panic("encoding TAP diagnostics: " + err.Error())
	}
	b.WriteString("  ---\n")
	for _, l := range strings.SplitAfter(y.String(), "\n") {
		if l != "" {
			b.WriteString("  " + l)
		}
	}
	b.WriteString("  ...\n")
}
