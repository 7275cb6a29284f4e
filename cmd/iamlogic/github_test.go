package main

import (
	"github.com/iamlogic/iamlogic/policy"

	"strings"
	"testing"
)

func TestGitHubEscaping(t *testing.T) {
	cases := []struct {
		in, data, property string
	}{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\nb", "a%0Ab", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"s3:GetObject, s3:PutObject", "s3:GetObject, s3:PutObject", "s3%3AGetObject%2C s3%3APutObject"},
		{"%0A", "%250A", "%250A"},
		{"::error::", "::error::", "%3A%3Aerror%3A%3A"},
		{"", "", ""},
	}
	for _, tc := range cases {
		if got := escapeGitHubData(tc.in); got != tc.data {
			t.Errorf("escapeGitHubData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeGitHubProperty(tc.in); got != tc.property {
			t.Errorf("escapeGitHubProperty(%q) = %q, want %q", tc.in, got, tc.property)
		}
	}
}

func TestGitHubAnnotation(t *testing.T) {
	cases := []struct {
		name string
		a    githubAnnotation
		want string
	}{
		{
			"full",
			githubAnnotation{level: "error", at: policy.Position{File: "policies/a,b:c.json", Line: 3, Column: 7}, title: "ACTION_FORMAT", message: "Action \"s3GetObject\": 100% wrong\nfix it"},
			"::error file=policies/a%2Cb%3Ac.json,line=3,col=7,title=ACTION_FORMAT::Action \"s3GetObject\": 100%25 wrong%0Afix it\n",
		},
		{
			"warning without column",
			githubAnnotation{level: "warning", at: policy.Position{File: "p.json", Line: 2}, title: "SID_CHARSET", message: "m"},
			"::warning file=p.json,line=2,title=SID_CHARSET::m\n",
		},
		{
			"no position",
			githubAnnotation{level: "error", at: policy.Position{File: "p.json"}, title: "INPUT_LIMIT", message: "too big"},
			"::error file=p.json,title=INPUT_LIMIT::too big\n",
		},
		{
			"no properties",
			githubAnnotation{level: "error", message: "m"},
			"::error::m\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			tc.a.write(&b)
			if b.String() != tc.want {
				t.Errorf("got  %q\nwant %q", b.String(), tc.want)
			}
		})
	}
}

// unescapeGitHub reverses the escaping, as the runner does.
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func FuzzGitHubEscaping(f *testing.F) {
	for _, s := range []string{"", "%", "a\nb", "::x::", "%0A%25", "a,b:c\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, esc := range []string{escapeGitHubData(s), escapeGitHubProperty(s)} {
			if strings.ContainsAny(esc, "\r\n") {
				t.Fatalf("escaped %q still holds a line break: %q", s, esc)
			}
			if got := unescapeGitHub(esc); got != s {
				t.Fatalf("unescape(escape(%q)) = %q", s, got)
			}
		}
		if p := escapeGitHubProperty(s); strings.ContainsAny(p, ":,") {
			t.Fatalf("escaped property %q holds ':' or ','", p)
		}
	})
}
