package analysis

import (
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
)

// fuzzOps are the operators FuzzConditions writes clauses with, by key
// family, and fuzzVals the policy values and request samples of each key.
var (
	fuzzKeys = []string{"k:s", "k:n", "k:b", "k:ip"}
	fuzzOps  = map[string][]string{
		"k:s":  {"StringEquals", "StringNotEquals", "StringLike", "StringNotLikeIfExists", "StringEqualsIgnoreCase", "StringEqualsIfExists", "Null"},
		"k:n":  {"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericGreaterThanEqualsIfExists", "Null"},
		"k:b":  {"Bool", "BoolIfExists", "Null"},
		"k:ip": {"IpAddress", "NotIpAddress", "NotIpAddressIfExists"},
	}
	fuzzVals = map[string][]string{
		"k:s":  {"a", "ab", "a*", "*b", "A", "x?"},
		"k:n":  {"1", "2.5", "10"},
		"k:b":  {"true", "false"},
		"k:ip": {"10.0.0.0/8", "10.1.0.0/16", "192.0.2.1"},
	}
	fuzzSamples = map[string][]string{
		"k:s":  {"a", "ab", "A", "b", "xy", "aab", "z"},
		"k:n":  {"0", "1", "1.0", "2", "2.5", "3", "10", "11"},
		"k:b":  {"true", "false", "TRUE"},
		"k:ip": {"10.0.0.1", "10.1.2.3", "192.0.2.1", "192.0.2.2", "2001:db8::1"},
	}
)

// FuzzConditions builds up to three statements from the input, computes
// the residual over the four keys and checks it against the evaluator on
// every combination of sample values, and against NotGrantedWhere.
func FuzzConditions(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 1, 1, 2, 2})
	f.Add([]byte{1, 3, 1, 0, 0, 2, 1, 1, 7, 3, 3})
	f.Add([]byte{5, 2, 2, 2, 9, 1, 0, 4, 4, 3, 6, 6})
	f.Fuzz(func(t *testing.T, in []byte) {
		next := func() int {
			if len(in) == 0 {
				return 0
			}
			b := int(in[0])
			in = in[1:]
			return b
		}
		var sts []string
		for range 1 + next()%3 {
			effect := []string{"Allow", "Deny"}[next()%2]
			var clauses []string
			for range 1 + next()%2 {
				key := fuzzKeys[next()%len(fuzzKeys)]
				op := fuzzOps[key][next()%len(fuzzOps[key])]
				vals := fuzzVals[key]
				v := vals[next()%len(vals)]
				if op == "Null" {
					v = []string{"true", "false"}[next()%2]
				}
				clauses = append(clauses, `"`+op+`":{"`+key+`":["`+v+`"]}`)
			}
			sts = append(sts, `{"Effect":"`+effect+`","Action":"s3:*","Resource":"*","Condition":{`+strings.Join(dedupeOps(clauses), ",")+`}}`)
		}
		if !strings.Contains(strings.Join(sts, ""), `"Allow"`) {
			sts = append(sts, allowAllDoc)
		}
		set := docs{identity: []string{stmts(sts...)}}.policies(t)
		req := evaluator.Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}
		r, err := Conditions(set, req, fuzzKeys, Options{})
		if err != nil {
			t.Fatalf("%s: %v", sts, err)
		}
		if r.Reach == ReachUnknown {
			if r.Reason == "" {
				t.Fatal("unknown without a reason")
			}
			return
		}
		checkResidual(t, set, req, r)
		checkSamples(t, set, req, r, fuzzSamples)
		// NotGrantedWhere over the same keys agrees.
		a, err := NotGrantedWhere(set, RequestPattern{Request: req, Open: fuzzKeys}, Options{})
		if err != nil || (a.Verdict == Pass) != (r.Reach == Never) || a.Verdict == Unknown {
			t.Fatalf("%s: residual %s, NotGrantedWhere %s %s %v", sts, r, a.Verdict, a.Reason, err)
		}
	})
}

// dedupeOps drops clauses whose operator repeats one before it: a JSON
// object holds each operator once.
func dedupeOps(clauses []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range clauses {
		op, _, _ := strings.Cut(c, ":")
		if !seen[op] {
			seen[op] = true
			out = append(out, c)
		}
	}
	return out
}
