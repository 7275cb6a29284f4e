// Package show is the small amount of plumbing the runnable examples share:
// finding the example's folder, loading its policy files, and printing
// decisions with the statements that decided, located file:line:column.
package show

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/iamlogic/iamlogic/accesstest"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// module is the import path prefix of the source files when the binary was
// built with -trimpath.
const module = "github.com/iamlogic/iamlogic/"

// Dir returns the folder that holds the example's policy files: the value
// of the -dir flag, by default the folder of the calling source file, so
// that `go run ./examples/NAME` works from the repository root. args are
// the command-line arguments without the program name.
func Dir(args []string) (string, error) {
	return parseDir(args, callerDir())
}

// Main is the main function of an example program: it reads the -dir flag
// (by default the folder of the example's source file) and calls run with
// standard output. An error is printed on standard error and exits with 1.
func Main(run func(w io.Writer, dir string) error) {
	dir, err := parseDir(os.Args[1:], callerDir())
	if err == nil {
		err = run(os.Stdout, dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func parseDir(args []string, def string) (string, error) {
	fs := flag.NewFlagSet("example", flag.ContinueOnError)
	dir := fs.String("dir", def, "folder that holds the example's policy files")
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	return *dir, nil
}

// callerDir is the folder of the source file that called Dir or Main.
func callerDir() string {
	_, file, _, ok := runtime.Caller(2)
	if !ok {
		return "."
	}
	return dirOf(file)
}

// dirOf returns the folder of a source file as runtime.Caller names it.
func dirOf(file string) string {
	dir := filepath.Dir(file)
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	// Built with -trimpath: the path is the package's import path, which
	// is relative to the repository root.
	return filepath.FromSlash(strings.TrimPrefix(filepath.ToSlash(dir), module))
}

// Loader reads policy files from one folder; every position of a policy it
// loads names the file.
type Loader struct {
	dir string
	err error
}

// NewLoader returns a Loader that reads files from dir.
func NewLoader(dir string) *Loader {
	return &Loader{dir: dir}
}

// Load reads and parses the policy file name. After a failure it returns
// nil, and Err reports the first failure.
func (l *Loader) Load(name string) *policy.Policy {
	if l.err != nil {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(l.dir, name))
	if err != nil {
		l.err = err
		return nil
	}
	p, err := policy.ParseFile(name, data)
	if err != nil {
		l.err = findingsError(name, "is not a valid policy", err)
		return nil
	}
	return p
}

// Err returns the first failure of Load.
func (l *Loader) Err() error { return l.err }

// Compile compiles ps. Policies loaded by l are reported by file name.
func (l *Loader) Compile(ps evaluator.Policies) (*Set, error) {
	if l.err != nil {
		return nil, l.err
	}
	return compile(ps)
}

// compile compiles ps; a policy whose positions name a file is reported by
// that file's name.
func compile(ps evaluator.Policies) (*Set, error) {
	set, err := evaluator.Compile(ps)
	if err != nil {
		var ce *evaluator.CompileError
		if errors.As(err, &ce) {
			// Findings name the policy's file; a policy built in Go is
			// named by its place.
			name := ce.Policy.String() + " policy"
			var fs policy.Findings
			if errors.As(ce.Err, &fs) && len(fs) > 0 && fs[0].Pos.File != "" {
				name = fs[0].Pos.File
			}
			return nil, findingsError(name, "is invalid as "+string(ce.Policy.Type)+" policy", ce.Err)
		}
		return nil, err
	}
	return &Set{set: set}, nil
}

// findingsError lists the findings of err as name:line:col: message [CODE].
func findingsError(name, what string, err error) error {
	var fs policy.Findings
	if !errors.As(err, &fs) || len(fs.Errors()) == 0 {
		return fmt.Errorf("%s %s: %w", name, what, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s:", name, what)
	for _, f := range fs.Errors() {
		b.WriteString("\n  ")
		b.WriteString(f.Error())
	}
	return errors.New(b.String())
}

// Set is a compiled set of policies whose positions name their files.
type Set struct {
	set *evaluator.Set
}

// Explain evaluates req and prints what was asked, the decision and the
// statements that decided (for an implicit deny, those that applied).
func (s *Set) Explain(w io.Writer, title string, req evaluator.Request) evaluator.Result {
	res := s.set.Explain(req)
	printResult(w, title, req, res)
	return res
}

// printResult writes what Explain writes for the request req and its result.
func printResult(w io.Writer, title string, req evaluator.Request, res evaluator.Result) {
	principal := req.Principal
	if principal == "" {
		principal = "an anonymous caller"
	}
	fmt.Fprintf(w, "%s\n  %s calls %s on %s\n", title, principal, req.Action, req.Resource)
	if keys := req.Context.Keys(); len(keys) > 0 {
		parts := make([]string, len(keys))
		for i, k := range keys {
			v, _ := req.Context.Lookup(k)
			if v.IsMulti() {
				parts[i] = fmt.Sprintf("%s=%q", k, v.Values())
			} else {
				parts[i] = k + "=" + v.Values()[0]
			}
		}
		fmt.Fprintf(w, "  context: %s\n", strings.Join(parts, " "))
	}
	fmt.Fprintf(w, "  => %s: %s", res.Decision, res.Reason)
	switch {
	case res.Decision != evaluator.Allowed && res.BlockedBy != "":
		fmt.Fprintf(w, " (blocked by: %s)", res.BlockedBy)
	case res.Decision == evaluator.Allowed && res.Grant != evaluator.NoMatch:
		fmt.Fprintf(w, " (the resource policy names the caller: %s match)", res.Grant)
	}
	fmt.Fprintln(w)
	if res.Err != nil {
		fmt.Fprintf(w, "     %v\n", res.Err)
	}
	if ex := res.Explanation; ex != nil {
		refs := ex.Deciding
		if len(refs) == 0 && res.Decision == evaluator.ImplicitDeny {
			for _, a := range ex.Applicable {
				refs = append(refs, a.StatementRef)
			}
			if len(refs) > 0 {
				fmt.Fprintln(w, "     statements that applied, but not enough:")
			}
		}
		for _, r := range refs {
			fmt.Fprintf(w, "     %s %s\n", r.Effect, describe(r))
		}
	}
	fmt.Fprintln(w)
}

// describe names a statement by Sid (or index) and where it was written.
func describe(r evaluator.StatementRef) string {
	var b strings.Builder
	if r.Sid != "" {
		fmt.Fprintf(&b, "%q", r.Sid)
	} else {
		fmt.Fprintf(&b, "statement %d", r.Statement)
	}
	if r.Pos.File != "" {
		fmt.Fprintf(&b, " in %s", r.Pos)
	} else {
		fmt.Fprintf(&b, " in %s", r.Policy)
	}
	if r.Policy.Level >= 0 {
		fmt.Fprintf(&b, " (%s level %d)", strings.ToUpper(string(r.Policy.Type)), r.Policy.Level)
	}
	return b.String()
}

// AccessFile is the run function of an example whose requests are the
// cases of its access-test file: it reads dir/access.json (policy files
// named relative to dir, so positions print as "bucket-policy.json:4:5"),
// and prints every case as Explain does, titled with the case's name. A
// decision other than the case's expected one is an error, so the program
// and the access tests cannot drift apart.
func AccessFile(w io.Writer, dir string) error {
	const name = "access.json"
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	cases, err := accesstest.Parse(name, data, func(rel string) (string, []byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		return rel, b, err
	})
	if err != nil {
		return err
	}
	for _, c := range cases {
		o := accesstest.Run(c)
		if o.Err != nil {
			return fmt.Errorf("%s: case %q: %w", c.Pos, c.Name, o.Err)
		}
		switch {
		case o.Witness != nil:
			// A case about a set of requests: the allowed one found.
			printResult(w, c.Name, *o.Witness, o.Result)
		case c.Quantified != nil && o.Answer != nil:
			fmt.Fprintf(w, "%s\n  => %s: no request of the set is allowed (proved over %d requests)\n\n", c.Name, c.Expectation(), o.Answer.Stats.Points)
		default:
			printResult(w, c.Name, c.Request, o.Result)
		}
		if p := o.Problem(); p != "" {
			return fmt.Errorf("%s: case %q: %s", c.Pos, c.Name, p)
		}
	}
	return nil
}
