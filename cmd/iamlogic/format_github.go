package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlogic/iamlogic/policy"
)

// GitHub Actions workflow commands
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// "::error file=F,line=L,col=C,title=T::message". The message escapes %, CR
// and LF; property values escape ":" and "," as well.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeGitHubData escapes the message part of a workflow command.
func escapeGitHubData(s string) string { return githubData.Replace(s) }

// escapeGitHubProperty escapes a property value of a workflow command.
func escapeGitHubProperty(s string) string { return githubProperty.Replace(s) }

// githubAnnotation is one "::error" or "::warning" workflow command.
type githubAnnotation struct {
	level   string          // "error" or "warning"
	at      policy.Position // file, line and column; those unknown are omitted
	title   string
	message string
}

func (a githubAnnotation) write(w io.Writer) {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(a.level)
	sep := byte(' ')
	prop := func(k, v string) {
		b.WriteByte(sep)
		sep = ','
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(escapeGitHubProperty(v))
	}
	if a.at.File != "" {
		prop("file", a.at.File)
	}
	if a.at.Line > 0 {
		prop("line", fmt.Sprint(a.at.Line))
		if a.at.Column > 0 {
			prop("col", fmt.Sprint(a.at.Column))
		}
	}
	if a.title != "" {
		prop("title", a.title)
	}
	b.WriteString("::")
	b.WriteString(escapeGitHubData(a.message))
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

// githubLevel is the workflow command of a SARIF level: GitHub has error,
// warning and notice.
func githubLevel(sarif string) string {
	if sarif == "note" {
		return "notice"
	}
	return sarif
}
