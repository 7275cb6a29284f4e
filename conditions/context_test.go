package conditions

import (
	"slices"
	"testing"
	"unsafe"
)

func TestValue(t *testing.T) {
	tests := []struct {
		name   string
		v      Value
		multi  bool
		values []string
		null   bool
	}{
		{"zero is an empty list", Value{}, true, nil, true},
		{"Multi()", Multi(), true, nil, true},
		{"Single", Single("a"), false, []string{"a"}, false},
		{"Single empty", Single(""), false, []string{""}, true},
		{"Multi one", Multi("a"), true, []string{"a"}, false},
		{"Multi of empty string", Multi(""), true, []string{""}, false},
		{"Multi two", Multi("a", "b"), true, []string{"a", "b"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.v.IsMulti() != tc.multi {
				t.Errorf("IsMulti = %v", tc.v.IsMulti())
			}
			if !slices.Equal(tc.v.Values(), tc.values) {
				t.Errorf("Values = %q", tc.v.Values())
			}
			if tc.v.isNull() != tc.null {
				t.Errorf("isNull = %v", tc.v.isNull())
			}
		})
	}
	t.Run("Multi copies its arguments", func(t *testing.T) {
		in := []string{"a"}
		v := Multi(in...)
		in[0] = "b"
		if v.Values()[0] != "a" {
			t.Error("Multi aliases the caller's slice")
		}
	})
}

func TestNewContext(t *testing.T) {
	ctx := NewContext(map[string]Value{
		"aws:SourceIp":        Single("203.0.113.1"),
		"aws:username":        Single("Ana"),
		"AWS:TagKeys":         Multi("a", "b"),
		"aws:ResourceTag/ec2": Single("test1"),
		"aws:ResourceTag/EC2": Single("test2"),
		"aws:resourcetag/Ec2": Multi("test3", "test4"),
	})
	if got, want := ctx.Keys(), []string{"aws:resourcetag/ec2", "aws:sourceip", "aws:tagkeys", "aws:username"}; !slices.Equal(got, want) {
		t.Errorf("Keys = %q, want %q", got, want)
	}
	if ctx.Len() != 4 {
		t.Errorf("Len = %d", ctx.Len())
	}
	lookups := []struct {
		key    string
		found  bool
		multi  bool
		values []string
	}{
		{"aws:sourceip", true, false, []string{"203.0.113.1"}},
		{"AWS:SOURCEIP", true, false, []string{"203.0.113.1"}},
		{"aws:SourceIP", true, false, []string{"203.0.113.1"}},
		{"aws:tagkeys", true, true, []string{"a", "b"}},
		// Merged in byte order of the original keys.
		{"aws:ResourceTag/ec2", true, true, []string{"test2", "test1", "test3", "test4"}},
		{"aws:sourceip ", false, false, nil},
		{"aws:source", false, false, nil},
		{"", false, false, nil},
		{"zzz", false, false, nil},
	}
	for _, tc := range lookups {
		t.Run(tc.key, func(t *testing.T) {
			v, ok := ctx.Lookup(tc.key)
			if ok != tc.found {
				t.Fatalf("Lookup found = %v", ok)
			}
			if !ok {
				return
			}
			if v.IsMulti() != tc.multi || !slices.Equal(v.Values(), tc.values) {
				t.Errorf("Lookup = multi %v %q", v.IsMulti(), v.Values())
			}
		})
	}
}

func TestEmptyContext(t *testing.T) {
	for _, ctx := range []Context{{}, NewContext(nil), NewContext(map[string]Value{})} {
		if _, ok := ctx.Lookup("aws:username"); ok || ctx.Len() != 0 || len(ctx.Keys()) != 0 {
			t.Errorf("empty context %+v is not empty", ctx)
		}
	}
}

func TestContextNoAlloc(t *testing.T) {
	ctx := NewContext(map[string]Value{"aws:SourceIp": Single("1.2.3.4"), "aws:username": Single("Ana")})
	if n := testing.AllocsPerRun(100, func() {
		ctx.Lookup("aws:sourceip")
		ctx.Lookup("AWS:USERNAME")
		ctx.Lookup("missing")
	}); n != 0 {
		t.Errorf("Lookup allocations = %v, want 0", n)
	}
}

func TestCompareFold(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "A", 0}, {"a", "b", -1}, {"B", "a", 1}, {"ab", "A", 1}, {"A", "ab", -1},
		{"[", "a", -1}, // '[' sorts before 'a' but after 'A': compare lower-cased
		{"_", "A", -1},
	}
	for _, tc := range tests {
		if got := compareFold(tc.a, tc.b); got != tc.want {
			t.Errorf("compareFold(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestContextShape pins the two properties the evaluator's speed rests on:
// a Context is four words (passed to every clause by value, in two 16-byte
// moves), and its entries are reached without another pointer; and the
// dirty mark survives WithFallback.
func TestContextShape(t *testing.T) {
	if n := unsafe.Sizeof(Context{}); n != 32 {
		t.Errorf("a Context is %d bytes, want 32", n)
	}
	dirty := NewContext(map[string]Value{"k": Single("a\x00b"), "j": Single("x")})
	if dirty.Clean() || dirty.WithFallback(&Fallback{}).Clean() {
		t.Error("a context with a NUL is clean")
	}
	clean := NewContext(map[string]Value{"k": Single("a"), "K": Single("b"), "j": Single("x")})
	if !clean.Clean() || !clean.WithFallback(&Fallback{}).Clean() || !(Context{}).Clean() {
		t.Error("a clean context is not clean")
	}
	if v, ok := dirty.Lookup("j"); !ok || v.Values()[0] != "x" {
		t.Errorf("dirty context lookup: %v %v", v, ok)
	}
}
