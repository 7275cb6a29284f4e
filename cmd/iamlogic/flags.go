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
	onlyOnce(fs)
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

// repeatable is implemented by the values of the flags that may be given
// more than once (--identity, --scp, --context, ...). Every other flag takes
// one value: onlyOnce makes a second one a usage error.
type repeatable interface {
	flag.Value
	repeatable()
}

// onlyOnce wraps every flag of fs whose value is not repeatable, so that
// giving it twice is a usage error, not "the last one wins": a command line
// that names two actions, two formats or two budgets is refused rather than
// half ignored. parseArgs calls it, so every command's flags obey it.
func onlyOnce(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		switch f.Value.(type) {
		case repeatable, *singleValue:
			return
		}
		f.Value = &singleValue{Value: f.Value}
	})
}

// singleValue is a flag value that accepts one Set.
type singleValue struct {
	flag.Value
	set bool
}

func (s *singleValue) Set(v string) error {
	if s.set {
		return fmt.Errorf("given twice (first %s, then %s); it takes one value", text.Quote(s.Value.String()), text.Quote(v))
	}
	s.set = true
	return s.Value.Set(v)
}

// IsBoolFlag keeps a boolean flag boolean ("-v" needs no value).
func (s *singleValue) IsBoolFlag() bool {
	b, ok := s.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func (l *listFlag) repeatable() {}

// onceFlag is a string flag; parseArgs refuses a second value (onlyOnce).
type onceFlag struct {
	dst *string
}

func once(dst *string) *onceFlag { return &onceFlag{dst: dst} }

func (o *onceFlag) String() string {
	if o == nil || o.dst == nil {
		return ""
	}
	return *o.dst
}

func (o *onceFlag) Set(s string) error {
	*o.dst = s
	return nil
}

// choiceFlag is a string flag limited to a fixed set of values.
type choiceFlag struct {
	value   string
	choices []string
}

func (c *choiceFlag) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choiceFlag) Set(s string) error {
	for _, ch := range c.choices {
		if s == ch {
			c.value = s
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", s, strings.Join(c.choices, ", "))
}
