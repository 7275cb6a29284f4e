package main

import (
	"github.com/iamlogic/iamlogic/internal/text"

	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns a FlagSet that reports nothing by itself: parseArgs
// prints errors and usage where they belong.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("iamlogic "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseArgs parses args with fs, allowing flags after positional arguments
// ("iamlogic validate policy.json --type trust"); "--" ends the flags. It
// returns the positional arguments. When done is true the caller returns
// code at once: -h was given (usage on stdout, status 0) or the flags are
// wrong (message on stderr, status 2).
func parseArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, usage func(io.Writer)) (pos []string, code int, done bool) {
	pos, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage(stdout)
		return nil, exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\nRun '%s -h' for usage.\n", fs.Name(), err, fs.Name())
		return nil, exitUsage, true
	}
	return pos, exitOK, false
}

// parseInterleaved is fs.Parse, continuing after each positional argument.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" && !takesValue(fs, args, used-1) {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// takesValue reports whether args[i] is the value of the flag before it
// ("--action --" names the action "--"), rather than the end of the flags.
func takesValue(fs *flag.FlagSet, args []string, i int) bool {
	if i == 0 {
		return false
	}
	prev := args[i-1]
	if !strings.HasPrefix(prev, "-") || prev == "-" || prev == "--" || strings.Contains(prev, "=") {
		return false
	}
	f := fs.Lookup(strings.TrimLeft(prev, "-"))
	if f == nil {
		return false
	}
	if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
		return false
	}
	return true
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// onceFlag is a string flag that may be given once: a second value is a
// usage error, not "the last one wins", so that a command line that names
// two actions or two resource policies is refused rather than half ignored.
type onceFlag struct {
	dst *string
	set bool
}

func once(dst *string) *onceFlag { return &onceFlag{dst: dst} }

func (o *onceFlag) String() string {
	if o == nil || o.dst == nil {
		return ""
	}
	return *o.dst
}

func (o *onceFlag) Set(s string) error {
	if o.set {
		return fmt.Errorf("given twice (first %s, then %s); it takes one value", text.Quote(*o.dst), text.Quote(s))
	}
	*o.dst, o.set = s, true
	return nil
}

// choiceFlag is a string flag limited to a fixed set of values.
type choiceFlag struct {
	value   string
	choices []string
	set     bool
}

func (c *choiceFlag) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choiceFlag) Set(s string) error {
	if c.set {
		return fmt.Errorf("given twice (first %s, then %s); it takes one value", text.Quote(c.value), text.Quote(s))
	}
	c.set = true
	for _, ch := range c.choices {
		if s == ch {
			c.value = s
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", s, strings.Join(c.choices, ", "))
}
