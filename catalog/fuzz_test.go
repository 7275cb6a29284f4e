package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

var patternSeeds = []string{
	"*", "s3:Put*", "*:Describe*", "ec2:*", "s3:GetObjec?", "?", "*:*", "s3*Object", "S3:PUT*",
	"iam:PassRole", "", ":", "s3:", "s3:Get:Object", "?3:*", "*?*:*?", "é:*", "\xff:*", "s3:*\xff",
}

// FuzzExpand: Expand returns exactly the actions whose name the pattern
// matches as a whole (as the evaluator's matcher decides), sorted, and each
// is found again by its name.
func FuzzExpand(f *testing.F) {
	for _, s := range patternSeeds {
		f.Add(s)
	}
	c := catalog.Default()
	all := c.Expand("*")
	f.Fuzz(func(t *testing.T, pattern string) {
		got := c.Expand(pattern)
		enc := wildcard.Encode(pattern)
		// A 0xFE or 0xFF byte, which the encoding reserves for its
		// wildcards, is a literal that no action name holds.
		reserved := strings.IndexByte(pattern, wildcard.Star) >= 0 || strings.IndexByte(pattern, wildcard.One) >= 0
		var want []*catalog.Action
		for _, a := range all {
			if !reserved && wildcard.Match(enc, a.String(), true) {
				want = append(want, a)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("Expand(%q) gives %d actions, the matcher %d", pattern, len(got), len(want))
		}
		for _, a := range got {
			if b, ok := c.Action(a.String()); !ok || b != a {
				t.Fatalf("Action(%q) does not return the action Expand gave", a)
			}
		}
	})
}

// FuzzLookup: no lookup panics, and what is found fits what was asked.
func FuzzLookup(f *testing.F) {
	for _, s := range append(patternSeeds, "s3:GetObjcet", "aws:SoruceIp", "aws:RequestTag/Env",
		"arn:aws:s3:::b/k", "arn:aws:lambda:us-east-1:111122223333:function:f:1", "arn:aws:iam::1:role/a/b",
		"token.actions.x.ghe.com:actor", "arn:${Partition}:s3:::${BucketName}") {
		f.Add(s)
	}
	c := catalog.Default()
	f.Fuzz(func(t *testing.T, name string) {
		if a, ok := c.Action(name); ok && !strings.EqualFold(a.String(), name) {
			t.Fatalf("Action(%q) = %s", name, a)
		}
		if s, ok := c.Service(name); ok && !strings.EqualFold(s.Prefix, name) {
			t.Fatalf("Service(%q) = %s", name, s.Prefix)
		}
		if k, ok := c.ConditionKey(name); ok && !strings.ContainsAny(k.Name, "$<") && !strings.EqualFold(k.Name, name) {
			t.Fatalf("ConditionKey(%q) = %s", name, k.Name)
		}
		for _, r := range c.ResourceTypes(name) {
			if !r.Matches(name) {
				t.Fatalf("ResourceTypes(%q) holds %s, which does not match it", name, r.Name)
			}
		}
		if s, ok := c.SuggestAction(name); ok {
			if _, found := c.Action(s); !found {
				t.Fatalf("SuggestAction(%q) = %q, not an action", name, s)
			}
		}
		if s, ok := c.SuggestService(name); ok {
			if _, found := c.Service(s); !found {
				t.Fatalf("SuggestService(%q) = %q, not a service", name, s)
			}
		}
		if s, ok := c.SuggestConditionKey(name); ok {
			if _, found := c.ConditionKey(s); !found {
				t.Fatalf("SuggestConditionKey(%q) = %q, not a condition key", name, s)
			}
		}
	})
}
