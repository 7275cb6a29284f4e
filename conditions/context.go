package conditions

import (
	"slices"
	"strings"

	"github.com/iamlogic/iamlogic/internal/text"
)

// Value is one request-context value: single (one string) or multi (a list of
// strings, possibly empty or of one element). Whether a key is multi-valued is
// a property of the key, not of how many values it has (SPEC §1.3), so
// Multi("a") is not the same as Single("a"): plain operators never match a
// multi value (§5.8).
//
// The zero Value is an empty multi value, the same as Multi().
type Value struct {
	vals   []string
	single bool
}

// Single returns a single value.
func Single(s string) Value { return Value{vals: []string{s}, single: true} }

// Multi returns a multi value holding a copy of values.
func Multi(values ...string) Value {
	return Value{vals: slices.Clone(values)}
}

// Values returns the value's strings: one for a single value, any number for
// a multi value. The caller must not modify the slice.
func (v Value) Values() []string { return v.vals }

// IsMulti reports whether v is a multi value.
func (v Value) IsMulti() bool { return !v.single }

// isNull reports whether v is what AWS calls a null value: "" or [].
func (v Value) isNull() bool {
	if v.single {
		return v.vals[0] == ""
	}
	return len(v.vals) == 0
}

// elements returns the value as a set for ForAllValues / ForAnyValue: a
// single "" is the empty set (SPEC §5.4, D4).
func (v Value) elements() []string {
	if v.single && v.vals[0] == "" {
		return nil
	}
	return v.vals
}

// Context is an immutable request context: condition keys and their values.
// Keys are canonicalised once, when the Context is built, so that every
// lookup is case-insensitive (SPEC §1.3). The zero Context is empty. A
// Context is safe for concurrent use.
//
// A Context is four words, copied in two 16-byte moves, so that passing it to
// every condition clause by value costs little: a fifth word (the dirty flag
// of NewContext alone) made the copies overlap and stall, so the flag is kept
// in the spare capacity of entries (see dirtyEntries).
type Context struct {
	entries []entry // sorted by key, keys unique and ASCII lower-case
	// fallback, when set, answers for the keys entries lack (WithFallback).
	fallback *Fallback
}

// dirtyEntries returns entries marked as holding a control character or
// invalid UTF-8 (see Clean): a clean Context's entries have no spare
// capacity, a dirty one's exactly one slot.
func dirtyEntries(entries []entry) []entry {
	out := make([]entry, len(entries), len(entries)+1)
	copy(out, entries)
	return out
}

// Fallback is a second source of values for a Context: what a lookup finds
// when the Context itself lacks the key. The evaluator uses it for the keys
// AWS puts in every request (SPEC §8.3), so that a key the caller set always
// wins, and fills it lazily: a lookup that reaches an entry that is not
// Ready yet finds nothing and marks it Wanted; the owner then fills the
// wanted entries and evaluates again. A policy that never looks a key up
// costs nothing, and the owner learns exactly which keys were read and
// missing from the Context.
//
// Keys are ASCII lower case and unique; bit i of Ready, Present and Wanted
// stands for Keys[i], bit len(Keys) for the keys under Prefix. The value of
// Keys[i], when Present, is the multi value Multi[i] if that is non-nil and
// otherwise the single value Values[i][0]. A key longer than Prefix that
// starts with it (compared case-insensitively) and is not in Keys is looked
// up in Under with Prefix cut off. Lookups only read a Fallback, apart from
// Wanted, so that its owner can keep it and its arrays on the stack; the
// owner must not change them while a lookup runs.
type Fallback struct {
	Keys                   []string
	Values                 [][1]string
	Multi                  [][]string
	Prefix                 string
	Under                  Context
	Ready, Present, Wanted uint64
}

// WithFallback returns c with f as its fallback (nil: none). Lookup finds a
// key of c first, then of f. Len, Keys and Clean describe c alone. It does
// not allocate.
func (c Context) WithFallback(f *Fallback) Context {
	c.fallback = f
	return c
}

// lookup finds key, in any case, in f.
func (f *Fallback) lookup(key string) (Value, bool) {
	for i, k := range f.Keys {
		if len(k) == len(key) && compareFold(k, key) == 0 {
			switch bit := uint64(1) << i; {
			case f.Ready&bit == 0:
				f.Wanted |= bit
			case f.Present&bit == 0:
			case i < len(f.Multi) && f.Multi[i] != nil:
				return Value{vals: f.Multi[i]}, true
			default:
				return Value{vals: f.Values[i][:], single: true}, true
			}
			return Value{}, false
		}
	}
	if n := len(f.Prefix); n > 0 && len(key) > n && compareFold(key[:n], f.Prefix) == 0 {
		if bit := uint64(1) << len(f.Keys); f.Ready&bit == 0 {
			f.Wanted |= bit
			return Value{}, false
		}
		return f.Under.Lookup(key[n:])
	}
	return Value{}, false
}

type entry struct {
	key string
	val Value
}

// NewContext builds a Context from m. Keys are canonicalised to ASCII lower
// case; keys of m that differ only by case are merged into one multi-valued
// key holding all their values, in the byte-wise order of the original keys
// (SPEC §1.3, D6), so that plain operators fail on them as AWS's do.
func NewContext(m map[string]Value) Context {
	if len(m) == 0 {
		return Context{}
	}
	entries := make([]entry, 0, len(m))
	n := 0 // bytes of keys that need lower-casing
	for k, v := range m {
		entries = append(entries, entry{key: k, val: v})
		if hasUpper(k) {
			n += len(k)
		}
	}
	// Sort by canonical key, then by original key so that merging is
	// deterministic.
	slices.SortFunc(entries, func(a, b entry) int {
		if c := compareFold(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	if n > 0 {
		// One allocation holds every lower-cased key.
		var sb strings.Builder
		sb.Grow(n)
		for _, e := range entries {
			if hasUpper(e.key) {
				for i := 0; i < len(e.key); i++ {
					sb.WriteByte(text.Lower(e.key[i]))
				}
			}
		}
		lowered, off := sb.String(), 0
		for i := range entries {
			if k := entries[i].key; hasUpper(k) {
				entries[i].key, off = lowered[off:off+len(k)], off+len(k)
			}
		}
	}
	dirty := false
	for _, e := range entries {
		if len(e.key) > MaxValueBytes || !text.Clean(e.key, false) {
			dirty = true
		}
		for _, v := range e.val.vals {
			if len(v) > MaxValueBytes || !text.Clean(v, true) {
				dirty = true
			}
		}
	}
	entries = slices.Clip(mergeDuplicates(entries))
	if dirty {
		entries = dirtyEntries(entries)
	}
	return Context{entries: entries}
}

// MaxValueBytes bounds the length of a context key or value. AWS's own
// limits are far lower (a tag value has at most 256 characters, an HTTP
// header a few KiB); the bound keeps the worst case of a glob match against
// a request value (a StringLike pattern of up to policy.MaxStringLength with
// '?' in a middle segment) to a fraction of a second.
const MaxValueBytes = 16 << 10

// Clean reports whether every key and value of the context is valid UTF-8
// without control characters (and keys without spaces), and at most
// MaxValueBytes long. No AWS request carries other values; the evaluator
// refuses a context that is not clean. The check is made once, by
// NewContext.
func (c Context) Clean() bool { return cap(c.entries) == len(c.entries) }

// mergeDuplicates merges adjacent entries with the same key into one multi
// value (the rare case of case-variant keys).
func mergeDuplicates(entries []entry) []entry {
	out := entries[:0]
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].key == entries[i].key {
			j++
		}
		if j == i+1 {
			out = append(out, entries[i])
		} else {
			var vals []string
			for _, e := range entries[i:j] {
				vals = append(vals, e.val.vals...)
			}
			out = append(out, entry{key: entries[i].key, val: Value{vals: vals}})
		}
		i = j
	}
	return out
}

// Lookup returns the value of key, found ASCII-case-insensitively. It does
// not allocate; passing an already lower-cased key is fastest.
func (c Context) Lookup(key string) (Value, bool) {
	if hasUpper(key) {
		return c.search(key, compareFold)
	}
	return c.lookupLower(key)
}

// lookupLower is Lookup for a key known to be in lower case: the keys are
// sorted by their lower-case bytes, so plain comparison finds it.
func (c Context) lookupLower(key string) (Value, bool) {
	return c.search(key, strings.Compare)
}

func (c Context) search(key string, cmp func(a, b string) int) (Value, bool) {
	entries := c.entries
	lo, hi := 0, len(entries)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch r := cmp(entries[mid].key, key); {
		case r == 0:
			return entries[mid].val, true
		case r < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	if c.fallback != nil {
		return c.fallback.lookup(key)
	}
	return Value{}, false
}

// Len returns the number of distinct keys.
func (c Context) Len() int { return len(c.entries) }

// Keys returns the canonical (lower-case) keys in sorted order.
func (c Context) Keys() []string {
	keys := make([]string, c.Len())
	for i := range keys {
		keys[i] = c.entries[i].key
	}
	return keys
}

// compareFold compares a and b byte-wise after ASCII lower-casing.
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := text.Lower(a[i]), text.Lower(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
