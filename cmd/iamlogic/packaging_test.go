package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionFile is the composite GitHub Action at the repository root
// (https://docs.github.com/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions).
type actionFile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name             string            `yaml:"name"`
			ID               string            `yaml:"id"`
			Uses             string            `yaml:"uses"`
			With             map[string]string `yaml:"with"`
			Shell            string            `yaml:"shell"`
			WorkingDirectory string            `yaml:"working-directory"`
			Env              map[string]string `yaml:"env"`
			Run              string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) (actionFile, string) {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true) // a misspelt key would be ignored by the runner
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

var (
	pinnedAction = regexp.MustCompile(`^[a-z0-9-]+/[a-z0-9-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$`)
	exprRef      = regexp.MustCompile(`\$\{\{\s*([a-z]+)\.([a-z0-9_.-]+)\s*\}\}`)
)

// TestAction checks the fields the runner requires of a composite action,
// and what iamlogic's promises: Go set up by a pinned actions/setup-go,
// iamlogic built from the action's own checkout, inputs command, args,
// files and format (default github), inputs passed through the
// environment.
func TestAction(t *testing.T) {
	a, text := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml lacks name, description, runs.using: composite or steps: %+v", a)
	}
	for _, in := range []string{"command", "args", "files", "format"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("no input %q", in)
		}
	}
	if f := a.Inputs["format"]; f.Default == nil || *f.Default != "github" {
		t.Errorf("input format defaults to %v, want github", f.Default)
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
	}
	var setupGo, build, run bool
	for i, s := range a.Runs.Steps {
		switch {
		case s.Uses != "":
			if !pinnedAction.MatchString(s.Uses) {
				t.Errorf("step %d uses %q: pin an action by its full version or commit", i, s.Uses)
			}
			if strings.HasPrefix(s.Uses, "actions/setup-go@") {
				setupGo = true
				if !strings.Contains(s.With["go-version-file"], "github.action_path") && s.With["go-version"] == "" {
					t.Errorf("setup-go has neither go-version nor the action's go.mod as go-version-file")
				}
			}
		case s.Run != "":
			if s.Shell == "" {
				t.Errorf("step %d (%s): a run step of a composite action needs shell", i, s.Name)
			}
			if strings.Contains(s.Run, "${{") {
				t.Errorf("step %d (%s): an expression in the script's text can inject code; pass it through env", i, s.Name)
			}
			if strings.Contains(s.Run, "go build") && strings.Contains(s.Run, "./cmd/iamlogic") && s.WorkingDirectory == "${{ github.action_path }}" {
				build = true
			}
			if strings.Contains(s.Run, "$IAMLOGIC_COMMAND") {
				run = true
			}
		}
	}
	if !setupGo || !build || !run {
		t.Errorf("steps: setup-go %v, build from github.action_path %v, run %v; want all three", setupGo, build, run)
	}
	for _, m := range exprRef.FindAllStringSubmatch(text, -1) {
		switch m[1] {
		case "inputs":
			if _, ok := a.Inputs[m[2]]; !ok {
				t.Errorf("${{ inputs.%s }} names no input", m[2])
			}
		case "github", "steps":
		default:
			t.Errorf("unexpected expression context %q", m[1])
		}
	}
}

// TestActionRun runs the action's run step as the runner would, with the
// inputs in the environment and the binary in RUNNER_TEMP: the step exits
// with iamlogic's status, expands the files' globs and writes output.
func TestActionRun(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed; the runner's shell: bash cannot be tried")
	}
	a, _ := readAction(t)
	script, env := "", map[string]string{}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "$IAMLOGIC_COMMAND") {
			script, env = s.Run, s.Env
		}
	}
	runnerTemp := t.TempDir()
	if err := os.Symlink(iamlogicBinary(t), filepath.Join(runnerTemp, "iamlogic")); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		inputs map[string]string
		code   int
		want   string // in the output
	}{
		{"test, github annotations", map[string]string{"command": "test", "files": "cmd/iamlogic/testdata/tests/c*.json"}, 1, "::error file=cmd/iamlogic/testdata/tests/ci.json,line=15"},
		{"validate with args", map[string]string{"command": "validate", "args": "--type scp", "files": "examples/scp-guardrails/region-lock.json"}, 0, ""},
		{"sarif to a file", map[string]string{"command": "validate", "format": "sarif", "files": "cmd/iamlogic/testdata/readme/bad.json", "output": "OUT"}, 1, `"ruleId": "ACTION_FORMAT"`},
		{"no format", map[string]string{"command": "eval", "format": "", "args": "--action s3:GetObject --resource *"}, 0, "decision: implicitDeny"},
		{"a glob that matches nothing", map[string]string{"command": "test", "files": "nowhere/*.json"}, 2, "cannot read"},
		{"an input cannot inject code", map[string]string{"command": "version", "format": "", "args": "$(touch INJECTED) `touch INJECTED`"}, 2, "takes no arguments"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			ghOutput := filepath.Join(t.TempDir(), "github-output")
			cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "RUNNER_TEMP="+runnerTemp, "GITHUB_OUTPUT="+ghOutput)
			for k, v := range env {
				m := exprRef.FindStringSubmatch(v)
				if m == nil || m[1] != "inputs" {
					t.Fatalf("env %s=%q is not an input", k, v)
				}
				val, ok := tc.inputs[m[2]]
				if !ok && a.Inputs[m[2]].Default != nil {
					val = *a.Inputs[m[2]].Default
				}
				if val == "OUT" {
					val = out
				}
				cmd.Env = append(cmd.Env, k+"="+val)
			}
			printed, code := runCombined(t, cmd)
			if written, err := os.ReadFile(out); err == nil {
				printed += string(written)
			}
			if code != tc.code || !strings.Contains(printed, tc.want) {
				t.Errorf("exit %d, want %d; output lacks %q:\n%s", code, tc.code, tc.want, printed)
			}
			if o, _ := os.ReadFile(ghOutput); string(o) != "exit-code="+strconv.Itoa(tc.code)+"\n" {
				t.Errorf("GITHUB_OUTPUT holds %q, want exit-code=%d", o, tc.code)
			}
			if _, err := os.Stat(filepath.Join(root, "INJECTED")); err == nil {
				os.Remove(filepath.Join(root, "INJECTED"))
				t.Fatal("an input ran as shell code")
			}
		})
	}
}

// preCommitHook is one hook of .pre-commit-hooks.yaml
// (https://pre-commit.com/#creating-new-hooks).
type preCommitHook struct {
	ID                      string   `yaml:"id"`
	Name                    string   `yaml:"name"`
	Description             string   `yaml:"description"`
	Entry                   string   `yaml:"entry"`
	Language                string   `yaml:"language"`
	Files                   string   `yaml:"files"`
	Args                    []string `yaml:"args"`
	MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version"`
	PassFilenames           *bool    `yaml:"pass_filenames"`
}

// TestPreCommitHooks checks what pre-commit requires of each hook (id, name,
// entry, language) and iamlogic's hooks: validate and test, built with Go,
// an entry that is a subcommand, and a files pattern for JSON and YAML.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	want := map[string]string{"iamlogic-validate": "validate", "iamlogic-test": "test"}
	for _, h := range hooks {
		sub, ok := want[h.ID]
		if !ok {
			t.Errorf("unexpected hook %q", h.ID)
			continue
		}
		delete(want, h.ID)
		if h.Name == "" || h.Language != "golang" || h.Entry != "iamlogic "+sub {
			t.Errorf("hook %s: name %q, language %q, entry %q; want a name, golang, \"iamlogic %s\"", h.ID, h.Name, h.Language, h.Entry, sub)
		}
		if c, ok := lookup(sub); !ok || c.run == nil {
			t.Errorf("hook %s runs %q, which is not a subcommand", h.ID, sub)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil || h.Files == "" {
			t.Errorf("hook %s: files %q is not a pattern: %v", h.ID, h.Files, err)
			continue
		}
		for file, match := range map[string]bool{"policies/a.json": true, "stack.yaml": true, "b.yml": true, "main.go": false, "README.md": false} {
			if re.MatchString(file) != match {
				t.Errorf("hook %s: files %q matches %s: %v, want %v", h.ID, h.Files, file, !match, match)
			}
		}
	}
	for id := range want {
		t.Errorf("no hook %s", id)
	}
}
