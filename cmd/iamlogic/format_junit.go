package main

import (
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf8"
)

// JUnit XML as Jenkins reads it (the junit-4 schema of Jenkins' dtkit,
// cmd/iamlogic/testdata/schemas/junit.xsd), which GitLab and Azure DevOps
// read too: <testsuites> holds a <testsuite> per access-test file and a
// <testcase> per case. A failing case has a <failure> whose message is the
// problem and whose text is the explanation (the decision, the deciding
// statements at FILE:LINE:COL, the gaps, why each statement did not apply
// with -v); its type is the rule the case breaks (TEST_DECISION, ...). A
// file that cannot be used is a testsuite with one testcase whose <error>
// says why: the schema allows <error> only in a testcase. No time
// attributes: iamlogic's output depends on its input only.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

// junitCase is a testcase; the schema orders its children error, failure,
// system-out.
type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Error     *junitProblem `xml:"error,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",innerxml"` // escaped by xmlText
}

type junitText struct {
	Text string `xml:",innerxml"` // escaped by xmlText
}

// writeJUnit writes the JUnit XML report of a test run; verbose adds, for
// an implicit deny, why each statement did not apply, and each passing
// case's gaps as its system-out.
func writeJUnit(w io.Writer, run []testFile, verbose bool) {
	out := junitSuites{Name: "iamlogic test"}
	for _, tf := range run {
		s := junitSuite{Name: tf.name}
		if p := tf.problem; p != nil {
			s.Cases = append(s.Cases, junitCase{Name: tf.name, Classname: tf.name,
				Error: &junitProblem{Message: oneLine(p.msg), Type: p.rule, Text: xmlText(p.at.String() + ": " + p.msg)}})
			s.Errors++
		}
		for _, o := range tf.outcomes {
			c := junitCase{Name: o.Case.Name, Classname: tf.name}
			if !o.Passed() {
				c.Failure = &junitProblem{Message: oneLine(o.Problem()), Type: caseRule(o),
					Text: xmlText(oneLine(o.Problem()) + "\n" + caseExplanation(o, verbose) + "\n")}
				s.Failures++
			} else if gaps := o.Gaps(); verbose && len(gaps) > 0 {
				var b strings.Builder
				writeCaseGaps(&b, o, "")
				c.SystemOut = &junitText{Text: xmlText(b.String())}
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Suites = append(out.Suites, s)
	}
	b, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		// The program's own types always marshal; run reports a panic as
		// an internal error rather than leave the output empty.
		panic("encoding JUnit output: " + err.Error())
	}
	io.WriteString(w, xml.Header+string(b)+"\n")
}

// xmlText escapes s as XML character data, keeping line breaks and tabs as
// they are (encoding/xml writes them as character references). A character
// XML 1.0 cannot hold (a control character, invalid UTF-8) becomes U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == utf8.RuneError && n == 1, !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r is a Char of XML 1.0 (§2.2).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
