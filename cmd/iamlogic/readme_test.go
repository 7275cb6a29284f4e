package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The README's examples are run against the binary the tests build, in the
// repository root:
//
//   - a ```console block is a terminal session: each "$ iamlogic ..." (or
//     "$ cat FILE") line, with its "\" continuation lines, is run and what it
//     prints (standard output and error as a terminal interleaves them) must
//     be the lines that follow, where a line "…" stands for any lines;
//   - in a ```sh block each iamlogic command ("iamlogic ...", "go run
//     ./cmd/iamlogic ...") must exit with one of the documented statuses,
//     0 to 3; other commands (go install, git clone, aws) are not run.
//
// Commands are split into words as a POSIX shell does for quotes,
// backslashes and comments; unquoted glob patterns are expanded; "> FILE"
// discards the output. Other shell syntax is refused, so that an example
// never silently tests less than it shows.

const readmeFile = "../../README.md"

// readmeBlock is a fenced code block of the README.
type readmeBlock struct {
	lang  string
	line  int // of the opening fence
	lines []string
}

func readmeBlocks(text string) []readmeBlock {
	var out []readmeBlock
	var cur *readmeBlock
	for i, l := range strings.Split(text, "\n") {
		switch {
		case cur == nil && strings.HasPrefix(l, "```"):
			cur = &readmeBlock{lang: strings.TrimSpace(strings.TrimPrefix(l, "```")), line: i + 1}
		case cur != nil && strings.TrimSpace(l) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, l)
		}
	}
	return out
}

// joinContinuations joins the lines that end with a backslash to the next,
// and returns each logical line with the number of its first line.
func joinContinuations(lines []string, first int) (texts []string, at []int) {
	for i := 0; i < len(lines); i++ {
		start, text := i, lines[i]
		for strings.HasSuffix(text, `\`) && i+1 < len(lines) {
			i++
			text = strings.TrimSuffix(text, `\`) + " " + strings.TrimSpace(lines[i])
		}
		texts = append(texts, text)
		at = append(at, first+start)
	}
	return texts, at
}

// shellCommand is one command line split into words.
type shellCommand struct {
	words    []string
	redirect bool // "> FILE": the output is discarded
}

// splitShell splits a command line into words: single and double quotes,
// backslash escapes, "#" comments, unquoted globs expanded in dir, "> FILE".
func splitShell(line, dir string) (shellCommand, error) {
	var c shellCommand
	var word strings.Builder
	inWord, quoted, glob := false, false, false
	flush := func() error {
		if !inWord {
			return nil
		}
		w := word.String()
		word.Reset()
		inWord = false
		if !quoted && glob {
			matches, err := filepath.Glob(filepath.Join(dir, w))
			if err != nil {
				return err
			}
			if len(matches) > 0 {
				for _, m := range matches {
					rel, _ := filepath.Rel(dir, m)
					c.words = append(c.words, rel)
				}
				quoted, glob = false, false
				return nil
			}
		}
		c.words = append(c.words, w)
		quoted, glob = false, false
		return nil
	}
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case ch == ' ' || ch == '\t':
			if err := flush(); err != nil {
				return c, err
			}
		case ch == '#' && !inWord:
			return c, flush()
		case ch == '\\' && i+1 < len(line):
			i++
			word.WriteByte(line[i])
			inWord = true
		case ch == '\'' || ch == '"':
			end := strings.IndexByte(line[i+1:], ch)
			if end < 0 {
				return c, fmt.Errorf("unterminated %c quote", ch)
			}
			s := line[i+1 : i+1+end]
			if ch == '"' && strings.ContainsAny(s, "$`\\") {
				return c, errors.New("expansions inside double quotes are not supported")
			}
			word.WriteString(s)
			i += end + 1
			inWord, quoted = true, true
		case ch == '>' && !inWord:
			if err := flush(); err != nil {
				return c, err
			}
			rest := strings.Fields(line[i+1:])
			if len(rest) == 0 || c.redirect {
				return c, errors.New("a redirection without a file")
			}
			c.redirect = true
			i += strings.Index(line[i:], rest[0]) + len(rest[0]) - 1
		case strings.IndexByte("|;&$`()<>", ch) >= 0:
			return c, fmt.Errorf("shell syntax %q is not supported in README examples", ch)
		default:
			if ch == '*' || ch == '?' || ch == '[' {
				glob = true
			}
			word.WriteByte(ch)
			inWord = true
		}
	}
	return c, flush()
}

// iamlogicArgs returns the arguments of an iamlogic command line, and false
// for another command.
func iamlogicArgs(words []string) ([]string, bool) {
	switch {
	case len(words) > 0 && words[0] == "iamlogic":
		return words[1:], true
	case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/iamlogic":
		return words[3:], true
	}
	return nil, false
}

// runReadme runs the binary with args in dir and returns what it printed,
// standard output and error interleaved, and its exit status.
func runReadme(t *testing.T, bin, dir string, args []string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	return runCombined(t, cmd)
}

// matchLines reports whether got is want, where a line of want that is
// "…" stands for any number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

func TestMatchLines(t *testing.T) {
	cases := []struct {
		want, got string
		ok        bool
	}{
		{"a\nb", "a\nb", true},
		{"a\n…", "a\nb\nc", true},
		{"a\n…", "a", true},
		{"…\nc", "a\nb\nc", true},
		{"a\n…\nc", "a\nc", true},
		{"a\n…\nc", "a\nb", false},
		{"a\nb", "a\nb\nc", false},
		{"a", "b", false},
	}
	for _, tc := range cases {
		if got := matchLines(strings.Split(tc.want, "\n"), strings.Split(tc.got, "\n")); got != tc.ok {
			t.Errorf("matchLines(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.ok)
		}
	}
}

func TestSplitShell(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.json", "b.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		line     string
		words    string // joined by |
		redirect bool
		bad      bool
	}{
		{`iamlogic actions 'sts:Assume*' iam:PassRole`, "iamlogic|actions|sts:Assume*|iam:PassRole", false, false},
		{`iamlogic validate *.json   # both files`, "iamlogic|validate|a.json|b.json", false, false},
		{`iamlogic validate "*.json" c*.yaml`, "iamlogic|validate|*.json|c*.yaml", false, false},
		{`iamlogic x --context aws:TagKeys=a\ b`, "iamlogic|x|--context|aws:TagKeys=a b", false, false},
		{`iamlogic validate --format sarif a.json > out.sarif`, "iamlogic|validate|--format|sarif|a.json", true, false},
		{`iamlogic test a.json | tee log`, "", false, true},
		{`iamlogic test "$FILE"`, "", false, true},
		{`iamlogic test 'a.json`, "", false, true},
	}
	for _, tc := range cases {
		c, err := splitShell(tc.line, dir)
		if (err != nil) != tc.bad {
			t.Errorf("splitShell(%q): error %v, want an error: %v", tc.line, err, tc.bad)
			continue
		}
		if !tc.bad && (strings.Join(c.words, "|") != tc.words || c.redirect != tc.redirect) {
			t.Errorf("splitShell(%q) = %q (redirect %v), want %q (%v)", tc.line, c.words, c.redirect, tc.words, tc.redirect)
		}
	}
}

func TestREADMEExamples(t *testing.T) {
	data, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	bin := iamlogicBinary(t)
	consoleRuns, shRuns := 0, 0
	for _, b := range readmeBlocks(string(data)) {
		switch b.lang {
		case "console":
			consoleRuns += checkConsoleBlock(t, bin, root, b)
		case "sh":
			texts, at := joinContinuations(b.lines, b.line+1)
			for i, text := range texts {
				c, err := splitShell(text, root)
				if err != nil {
					t.Errorf("README.md:%d: %v: %s", at[i], err, text)
					continue
				}
				args, ok := iamlogicArgs(c.words)
				if !ok {
					continue
				}
				out, code := runReadme(t, bin, root, args)
				if code < 0 || code > 3 || strings.Contains(out, "goroutine ") {
					t.Errorf("README.md:%d: %s: exit status %d, want 0 to 3\n%s", at[i], text, code, out)
				}
				shRuns++
			}
		}
	}
	t.Logf("ran %d console and %d sh commands of README.md", consoleRuns, shRuns)
	if consoleRuns < 8 || shRuns < 4 {
		t.Errorf("ran %d console and %d sh commands of README.md; it holds more", consoleRuns, shRuns)
	}
}

// checkConsoleBlock runs the commands of a console block and compares their
// output; it returns how many it ran.
func checkConsoleBlock(t *testing.T, bin, root string, b readmeBlock) int {
	t.Helper()
	texts, at := joinContinuations(b.lines, b.line+1)
	ran := 0
	for i := 0; i < len(texts); i++ {
		line := at[i]
		cmdText, ok := strings.CutPrefix(texts[i], "$ ")
		if !ok {
			t.Errorf("README.md:%d: a console block line that is neither a command nor its output: %q", at[i], texts[i])
			continue
		}
		var want []string
		for i+1 < len(texts) && !strings.HasPrefix(texts[i+1], "$ ") {
			i++
			want = append(want, texts[i])
		}
		c, err := splitShell(cmdText, root)
		if err != nil {
			t.Errorf("README.md:%d: %v: %s", line, err, cmdText)
			continue
		}
		var got string
		if args, ok := iamlogicArgs(c.words); ok {
			var code int
			got, code = runReadme(t, bin, root, args)
			if code < 0 || code > 3 {
				t.Errorf("README.md:%d: %s: exit status %d", line, cmdText, code)
			}
		} else if len(c.words) == 2 && c.words[0] == "cat" {
			data, err := os.ReadFile(filepath.Join(root, c.words[1]))
			if err != nil {
				t.Errorf("README.md:%d: %v", line, err)
				continue
			}
			got = string(data)
		} else {
			t.Errorf("README.md:%d: console blocks run iamlogic and cat only, not %q", line, cmdText)
			continue
		}
		if c.redirect {
			got = ""
		}
		gotLines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if got == "" {
			gotLines = nil
		}
		if !matchLines(want, gotLines) {
			t.Errorf("README.md:%d: $ %s\n--- README shows ---\n%s\n--- it prints ---\n%s", line, cmdText, strings.Join(want, "\n"), got)
		}
		ran++
	}
	return ran
}
