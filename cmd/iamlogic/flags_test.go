package main

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/conditions"
)

func TestParseInterleaved(t *testing.T) {
	cases := []struct {
		name string
		args []string
		pos  []string
		typ  string
		v    bool
		list []string
	}{
		{"flags first", []string{"--type", "trust", "a.json", "b.json"}, []string{"a.json", "b.json"}, "trust", false, nil},
		{"flags after files", []string{"a.json", "--type", "trust", "b.json", "-v"}, []string{"a.json", "b.json"}, "trust", true, nil},
		{"flags after last file", []string{"a.json", "--type=scp"}, []string{"a.json"}, "scp", false, nil},
		{"double dash ends flags", []string{"a.json", "--", "-v", "--type"}, []string{"a.json", "-v", "--type"}, "identity", false, nil},
		{"double dash as a flag value", []string{"--list", "--", "a.json", "-v"}, []string{"a.json"}, "identity", true, []string{"--"}},
		{"double dash after a bool flag", []string{"-v", "--", "-x.json"}, []string{"-x.json"}, "identity", true, nil},
		{"repeated list", []string{"--list", "a", "x.json", "--list", "b"}, []string{"x.json"}, "identity", false, []string{"a", "b"}},
		{"single dash is positional", []string{"-", "-v"}, []string{"-"}, "identity", true, nil},
		{"nothing", nil, nil, "identity", false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFlagSet("x")
			typ := fs.String("type", "identity", "")
			v := fs.Bool("v", false, "")
			var list listFlag
			fs.Var(&list, "list", "")
			pos, err := parseInterleaved(fs, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pos, tc.pos) || *typ != tc.typ || *v != tc.v || !reflect.DeepEqual([]string(list), tc.list) {
				t.Errorf("got pos %q type %q v %v list %q; want %q %q %v %q", pos, *typ, *v, list, tc.pos, tc.typ, tc.v, tc.list)
			}
		})
	}
}

func TestParseInterleavedErrors(t *testing.T) {
	for _, args := range [][]string{
		{"a.json", "--nope"},
		{"a.json", "--type"},
		{"--v=maybe"},
	} {
		fs := newFlagSet("x")
		fs.String("type", "", "")
		fs.Bool("v", false, "")
		if _, err := parseInterleaved(fs, args); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestContextFlag(t *testing.T) {
	cases := []struct {
		name   string
		single []string
		multi  []string
		want   map[string]conditions.Value
	}{
		{"single", []string{"aws:SourceIp=10.1.2.3"}, nil, map[string]conditions.Value{"aws:SourceIp": conditions.Single("10.1.2.3")}},
		{"value with =", []string{"aws:UserAgent=a=b"}, nil, map[string]conditions.Value{"aws:UserAgent": conditions.Single("a=b")}},
		{"empty value", []string{"s3:prefix="}, nil, map[string]conditions.Value{"s3:prefix": conditions.Single("")}},
		{"repeated key is multivalued", []string{"aws:TagKeys=a", "aws:SourceIp=10.0.0.1", "aws:TagKeys=b"}, nil, map[string]conditions.Value{
			"aws:TagKeys": conditions.Multi("a", "b"), "aws:SourceIp": conditions.Single("10.0.0.1"),
		}},
		{"context-multi with one value", nil, []string{"aws:TagKeys=a"}, map[string]conditions.Value{"aws:TagKeys": conditions.Multi("a")}},
		{"mixed", []string{"aws:TagKeys=a"}, []string{"aws:TagKeys=b"}, map[string]conditions.Value{"aws:TagKeys": conditions.Multi("a", "b")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, m := newContextFlags()
			for _, v := range tc.single {
				if err := s.Set(v); err != nil {
					t.Fatal(err)
				}
			}
			for _, v := range tc.multi {
				if err := m.Set(v); err != nil {
					t.Fatal(err)
				}
			}
			got := s.context()
			want := conditions.NewContext(tc.want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
	s, _ := newContextFlags()
	for _, bad := range []string{"", "aws:SourceIp", "=value"} {
		if err := s.Set(bad); err == nil || !strings.Contains(err.Error(), "KEY=VALUE") {
			t.Errorf("Set(%q) = %v, want a KEY=VALUE error", bad, err)
		}
	}
}

func FuzzContextFlag(f *testing.F) {
	for _, s := range []string{"aws:SourceIp=10.1.2.3", "=", "k=", "a=b=c", ""} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s, m := newContextFlags()
		errA, errB := s.Set(a), m.Set(b)
		if errA == nil && strings.HasPrefix(a, "=") {
			t.Fatalf("Set(%q) accepted an empty key", a)
		}
		if errB == nil && !strings.Contains(b, "=") {
			t.Fatalf("Set(%q) accepted a value without '='", b)
		}
		ctx := s.context()
		for _, kv := range []struct {
			s   string
			err error
		}{{a, errA}, {b, errB}} {
			if kv.err != nil {
				continue
			}
			k, v, _ := strings.Cut(kv.s, "=")
			got, ok := ctx.Lookup(k)
			if !ok || !slices.Contains(got.Values(), v) {
				t.Fatalf("after Set(%q), Lookup(%q) = %v, %v", kv.s, k, got.Values(), ok)
			}
		}
	})
}

// usageFlag finds the flags a usage text names: "--name" or "-v" after a
// space, "[" or "(".
var usageFlag = regexp.MustCompile(`(?:^|[\s\[(])(--?[a-z][a-z0-9-]*)`)

// TestRepeatedFlags gives every flag each command's usage names twice: a
// flag that takes one value must be refused (exit 2, "given twice"), and
// only the flags that collect values may repeat. The list of those is here,
// so that a new flag that forgets to be single-valued fails this test.
func TestRepeatedFlags(t *testing.T) {
	repeatable := map[string][]string{
		"eval":        {"--context", "--context-multi", "--identity", "--session-policy", "--scp", "--rcp", "--endpoint-policy", "--open"},
		"not-granted": {"--action", "--resource"},
		"who-can":     {"--account-data", "--context"},
		"paths":       {"--account-data"},
		"can-assume":  {"--account-data"},
		"what-can":    {"--account-data"},
	}
	// A value each flag accepts once; any string for the others.
	value := map[string]string{
		"--format": "json", "--type": "identity", "--time": "2026-01-01T00:00:00Z",
		"--expect": "allowed", "--max-evaluations": "5",
	}
	checked := 0
	for _, c := range commands() {
		if c.usage == nil {
			continue
		}
		var usage strings.Builder
		c.usage(&usage)
		names := map[string]bool{}
		for _, m := range usageFlag.FindAllStringSubmatch(usage.String(), -1) {
			if strings.Contains(usage.String(), "terraform show "+m[1]) {
				continue // another program's flag, quoted in the text
			}
			names[m[1]] = true
		}
		for name := range names {
			if name == "-h" || name == "--help" || name == "--version" { // --version is iamlogic's, not a subcommand's
				continue
			}
			v, ok := value[name]
			if !ok {
				v = "true"
			}
			t.Run(c.name+" "+name, func(t *testing.T) {
				code, stdout, stderr := runCLI(c.name, name+"="+v, name+"="+v)
				if strings.Contains(stderr, "flag provided but not defined") {
					t.Fatalf("the usage of %s names %s, which it does not define", c.name, name)
				}
				twice := strings.Contains(stderr, "given twice")
				if slices.Contains(repeatable[c.name], name) {
					if twice {
						t.Errorf("%s %s is documented as repeatable, but refused twice: %s", c.name, name, stderr)
					}
					return
				}
				if code != exitUsage || !twice || stdout != "" || !strings.Contains(stderr, "-"+strings.TrimLeft(name, "-")+":") && !strings.Contains(stderr, " "+strings.TrimLeft(name, "-")+":") {
					t.Errorf("%s %s given twice: exit %d, stdout %q, stderr %q; want exit 2 and a \"given twice\" message naming the flag", c.name, name, code, stdout, stderr)
				}
			})
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("checked %d flags; the usage texts name more", checked)
	}
}
