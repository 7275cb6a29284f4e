package conditions

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// fuzzOperator maps a byte to an operator form: base × qualifier × IfExists.
func fuzzOperator(n uint8) Operator {
	nb := uint8(numBases - 1)
	return Operator{
		Base:      Base(1 + n%nb),
		Qualifier: Qualifier(n / nb % 3),
		IfExists:  n/nb/3%2 == 1,
	}
}

// parsesFor reports whether request value x parses for family f.
func parsesFor(f Family, x string) bool {
	switch f {
	case FamilyNumeric:
		_, p := parseDecimal(x)
		return !p.bad
	case FamilyDate:
		_, p := parseDate(x)
		return !p.bad
	case FamilyBool:
		_, p := parseBool(x)
		return !p.bad
	case FamilyBinary:
		return !checkBase64(x).bad
	case FamilyIP:
		_, err := netip.ParseAddr(x)
		return err == nil && !strings.Contains(x, "%")
	case FamilyARN:
		_, ok := arn.Split(x)
		return ok
	}
	return true
}

func FuzzCondition(f *testing.F) {
	for b := Base(1); b < numBases; b++ {
		s := samples[b]
		f.Add(uint8(b-1), s.policy, s.match)
		f.Add(uint8(b-1), s.policy, s.nomatch)
		f.Add(uint8(b-1)+26, s.policy, s.invalid)
	}
	f.Add(uint8(StringLike-1), "home/${aws:username}/*", "home/x/y")
	f.Add(uint8(StringNotEquals-1), "${k}", "${k}")
	f.Add(uint8(Null-1), "true", "")
	f.Add(uint8(Null-1)+uint8(numBases-1), "true", "")    // ForAllValues:Null
	f.Add(uint8(Null-1)+2*uint8(numBases-1), "false", "") // ForAnyValue:Null
	f.Add(uint8(ArnLike-1), "arn:${k}:*", "arn:aws:s3:::b")
	f.Fuzz(func(t *testing.T, n uint8, policy, x string) {
		op := fuzzOperator(n)
		other := "false" // a second, valid policy value
		if s, ok := samples[op.Base]; ok {
			other = s.nomatch
		}
		compile := func(op Operator) *Block {
			b, err := Compile([]Clause{{Operator: op, Key: "k", Values: []string{policy, other}}}, Options{Variables: true, Lenient: len(policy)%2 == 0})
			if err != nil {
				var ce *ClauseError
				if !errors.As(err, &ce) {
					t.Fatalf("Compile error %T is not a *ClauseError: %v", err, err)
				}
				return nil
			}
			return b
		}
		b := compile(op)
		if b == nil {
			return
		}
		single := NewContext(map[string]Value{"k": Single(x), "aws:username": Single(x)})
		got := b.Eval(single)
		b.Eval(NewContext(map[string]Value{"k": Multi(x, x+"a")}))
		b.Eval(Context{})
		checkSetPerValue(t, op, policy, other, x)
		// Where the Allow and the Deny readings differ, an undocumented
		// reading was taken and is reported (SPEC §10.1).
		for _, ctx := range []Context{single, NewContext(map[string]Value{"k": Multi(x, "")}), Context{}} {
			checkUndocumented(t, op.String(), []string{policy, other}, true, ctx)
		}
		if op.Base == Null {
			return
		}
		fam := op.Base.Family()
		valid := parsesFor(fam, x)
		if !valid && got && !(op.Qualifier == ForAllValues && x == "") { // "" is the empty set
			t.Fatalf("%v %q: invalid request value %q made the clause true", op, policy, x)
		}
		noVars := !ParseTemplate(policy, true).HasVariables() || !op.Base.AllowsVariables()
		// A negated operator and its positive twin disagree on a present,
		// single, valid value against a valid policy value when no
		// variables are involved. (Where either value cannot be compared,
		// the outcome is undocumented and the clause takes the reading that
		// denies: false here, in an Allow block; see clause.holds.)
		if op.Base.Negated() && op.Qualifier == Plain && valid && CheckValue(op.Base, policy) == nil && noVars {
			twin := op
			twin.Base = op.Base.Positive()
			if tb := compile(twin); tb != nil && tb.Eval(single) == got {
				t.Fatalf("%v and %v agree (%v) on %q against %q", op, twin, got, x, policy)
			}
		}
		// On a single value the set operators see a one-element set (or the
		// empty set for "").
		if op.Qualifier == Plain && !op.IfExists {
			all := op
			all.Qualifier = ForAllValues
			anyOp := op
			anyOp.Qualifier = ForAnyValue
			gotAll := compile(all).Eval(single)
			gotAny := compile(anyOp).Eval(single)
			switch {
			case x == "" && (!gotAll || gotAny):
				t.Fatalf("%v on \"\": ForAllValues %v, ForAnyValue %v", op, gotAll, gotAny)
			case x != "" && (gotAll != got || gotAny != got):
				t.Fatalf("%v %q on %q: plain %v, ForAllValues %v, ForAnyValue %v", op, policy, x, got, gotAll, gotAny)
			}
		}
	})
}

// setKey is the key checkSetPerValue puts a multi value under; a policy
// value that names it is skipped, since a variable on a multi value has no
// value while the same variable on a single one does.
const setKey = "fuzz:set"

// checkSetPerValue checks SPEC §5.7 (revision 2) on multi values that mix
// the fuzzed value x with valid and invalid request values of the family:
// ForAnyValue is the OR over the values of the plain operator's result on
// that value alone, ForAllValues the AND, and a value that does not parse for
// the family never satisfies the operator, whatever its polarity. For Null
// the plain result on a single value is Null's meaning for one value of a
// present key (nullHolds): "" is null, anything else is not.
func checkSetPerValue(t *testing.T, op Operator, policy, other, x string) {
	t.Helper()
	if op.Qualifier == Plain || strings.Contains(strings.ToLower(policy), setKey) {
		return
	}
	compile := func(op Operator) *Block {
		b, err := Compile([]Clause{{Operator: op, Key: setKey, Values: []string{policy, other}}}, Options{Variables: true, Lenient: true})
		if err != nil {
			return nil
		}
		return b
	}
	set, plain := compile(op), compile(Operator{Base: op.Base})
	if set == nil || plain == nil {
		return
	}
	s := samples[op.Base]
	bad := s.invalid
	if bad == "" {
		bad = "not-a-value"
	}
	for _, vals := range [][]string{{x}, {x, bad}, {bad, x, s.match}, {s.nomatch, bad, x}, {bad, bad}, {s.match, s.nomatch}, {x, "", bad}} {
		anyHolds, allHold := false, true
		for _, v := range vals {
			holds := plain.Eval(NewContext(map[string]Value{setKey: Single(v), "k": Single(x), "aws:username": Single(x)}))
			if holds && !parsesFor(op.Base.Family(), v) {
				t.Fatalf("%v %q: value %q of the wrong type satisfies the operator", op.Base, policy, v)
			}
			anyHolds = anyHolds || holds
			allHold = allHold && holds
		}
		want := anyHolds
		if op.Qualifier == ForAllValues {
			want = allHold
		}
		if got := set.Eval(NewContext(map[string]Value{setKey: Multi(vals...), "k": Single(x), "aws:username": Single(x)})); got != want {
			t.Fatalf("%v %q on %q = %v, want %v (per value: any %v, all %v)", op, policy, vals, got, want, anyHolds, allHold)
		}
	}
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"", "plain*?", "home/${aws:username}/*", "${k, 'd*'}", "${*}${?}${$}", "a${b", "${}", "${a${b}}", "${k,'x'}", "\xff${k}"} {
		f.Add(s, "value")
	}
	f.Fuzz(func(t *testing.T, s, val string) {
		ctx := NewContext(map[string]Value{"k": Single(val), "aws:username": Single(val), "m": Multi(val)})
		CheckVariables(s)
		literal := ParseTemplate(s, false)
		if literal.HasVariables() || literal.String() != s {
			t.Fatalf("literal template of %q: HasVariables %v, String %q", s, literal.HasVariables(), literal.String())
		}
		if text, ok := literal.AppendText(nil, ctx); !ok || string(text) != s {
			t.Fatalf("literal AppendText(%q) = %q, %v", s, text, ok)
		}
		if glob, ok := literal.AppendGlob(nil, ctx); !ok || string(glob) != string(wildcard.AppendEncoded(nil, s)) {
			t.Fatalf("literal AppendGlob(%q) = %q, %v", s, glob, ok)
		}
		tm := ParseTemplate(s, true)
		if tm.String() != s {
			t.Fatalf("String() = %q, want %q", tm.String(), s)
		}
		text, okText := tm.AppendText(nil, ctx)
		glob, okGlob := tm.AppendGlob(nil, ctx)
		if !strings.Contains(s, "${") {
			if tm.HasVariables() || !okText || string(text) != s {
				t.Fatalf("template without ${ changed: %q -> %q", s, text)
			}
		}
		if okGlob && !okText {
			t.Fatalf("AppendGlob resolved %q but AppendText did not", s)
		}
		if okGlob {
			// The encoded glob has wildcards exactly where the text has
			// policy '*' and '?': same length, same other bytes.
			if len(glob) != len(text) {
				t.Fatalf("glob %q and text %q differ in length", glob, text)
			}
			for i := range glob {
				if glob[i] != text[i] && !(glob[i] == wildcard.Star && text[i] == '*') && !(glob[i] == wildcard.One && text[i] == '?') {
					t.Fatalf("glob %q and text %q differ at %d", glob, text, i)
				}
			}
		}
	})
}

func FuzzCheckValue(f *testing.F) {
	for b := Base(1); b < numBases; b++ {
		s := samples[b]
		f.Add(uint8(b), s.policy)
		f.Add(uint8(b), s.invalid)
	}
	f.Add(uint8(DateEquals), "2020-02-30T10:00:00.5+01:00")
	f.Add(uint8(NumericEquals), "-.5")
	f.Fuzz(func(t *testing.T, n uint8, value string) {
		b := Base(n % uint8(numBases))
		err := CheckValue(b, value)
		if !b.Valid() {
			if err == nil {
				t.Fatal("CheckValue accepted an invalid operator")
			}
			return
		}
		_, cerr := Compile([]Clause{{Operator: Operator{Base: b}, Key: "k", Values: []string{value}}}, Options{Variables: true})
		if (err == nil) != (cerr == nil) {
			t.Fatalf("CheckValue(%v, %q) = %v but Compile = %v", b, value, err, cerr)
		}
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || !errors.As(cerr, &ve) || ve.Value != value {
				t.Fatalf("errors are not *ValueError: %v / %v", err, cerr)
			}
			return
		}
		if b.Family() == FamilyNumeric {
			if _, ok := new(big.Rat).SetString(value); !ok {
				t.Fatalf("valid number %q is not a rational", value)
			}
		}
	})
}

// FuzzNumericCompare checks the allocation-free comparison against
// math/big.
func FuzzNumericCompare(f *testing.F) {
	f.Add("10", "10.0")
	f.Add("-0.5", "-.50")
	f.Add("0010", "9.999")
	f.Fuzz(func(t *testing.T, a, b string) {
		da, pa := parseDecimal(a)
		db, pb := parseDecimal(b)
		if pa.bad || pb.bad {
			return
		}
		ra, ok1 := new(big.Rat).SetString(a)
		rb, ok2 := new(big.Rat).SetString(b)
		if !ok1 || !ok2 {
			t.Fatalf("big.Rat rejects %q or %q", a, b)
		}
		if got, want := cmpDecimal(da, db), ra.Cmp(rb); got != want {
			t.Fatalf("cmpDecimal(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

// FuzzDateRoundTrip formats instants with package time, in any time zone
// and to the nanosecond, and checks that parseDate reads them back exactly.
func FuzzDateRoundTrip(f *testing.F) {
	f.Add(int64(1589544000), uint32(0), int16(120))
	f.Add(int64(-62135596800), uint32(999999999), int16(-59))
	f.Add(int64(253402300799), uint32(1), int16(0))
	f.Fuzz(func(t *testing.T, sec int64, nsec uint32, offsetMin int16) {
		const lo, hi = -62135596800 + 86400, 253402300799 - 86400 // years 0001–9999
		sec = lo + (sec%(hi-lo)+(hi-lo))%(hi-lo)
		zone := time.FixedZone("", int(offsetMin)%(24*60)*60)
		tm := time.Unix(sec, int64(nsec%1e9)).In(zone)
		for _, layout := range []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04Z07:00"} {
			s := tm.Format(layout)
			got, p := parseDate(s)
			if p.bad {
				t.Fatalf("parseDate(%q): %s", s, p.render(s))
			}
			back, err := time.Parse(layout, s)
			if err != nil {
				t.Fatal(err)
			}
			if got.sec != back.Unix() {
				t.Fatalf("parseDate(%q).sec = %d, want %d", s, got.sec, back.Unix())
			}
			frac := strings.TrimRight(fmt.Sprintf("%09d", back.Nanosecond()), "0")
			if got.frac != frac {
				t.Fatalf("parseDate(%q).frac = %q, want %q", s, got.frac, frac)
			}
		}
	})
}
