package variable

import (
	"fmt"
	"strings"
	"testing"
)

// render shows the parts of s: text as is, tokens as {kind:value|default!problem}.
func render(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		var p Part
		start := i
		p, i = Next(s, i)
		if p.Offset != start || s[p.Offset:i] != p.Src {
			return fmt.Sprintf("bad offsets: part %+v at %d..%d", p, start, i)
		}
		switch {
		case p.Kind == Text && p.Problem == None:
			b.WriteString(p.Value)
			continue
		case p.Kind == Text:
			fmt.Fprintf(&b, "{text:%s", p.Value)
		case p.Kind == Char:
			fmt.Fprintf(&b, "{char:%s", p.Value)
		default:
			fmt.Fprintf(&b, "{key:%s", p.Value)
		}
		if p.HasDefault {
			fmt.Fprintf(&b, "|%s", p.Default)
		}
		if p.Problem != None {
			fmt.Fprintf(&b, "!%d", p.Problem)
		}
		b.WriteString("}")
	}
	return b.String()
}

func TestNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"home/${aws:username}/*", "home/{key:aws:username}/*"},
		{"${AWS:UserName}", "{key:AWS:UserName}"},
		{"${aws:PrincipalTag/team, 'none'}", "{key:aws:PrincipalTag/team|none}"},
		{"${k, ''}", "{key:k|}"},
		{"${*}${?}${$}", "{char:*}{char:?}{char:$}"},
		{"$ {not} {a} $x $", "$ {not} {a} $x $"},
		{"$${k}}", "${key:k}}"},
		// Keys may hold spaces: tag keys are [\p{L}\p{Z}\p{N}_.:/=+\-@]+.
		{"arn:aws:s3:::b/${a b, 'x'}", "arn:aws:s3:::b/{key:a b|x}"},
		{"${aws:PrincipalTag/Cost Center}", "{key:aws:PrincipalTag/Cost Center}"},
		// Malformed: literal text, or the whole body as a key, no default.
		{"a/${aws:username", "a/{text:${aws:username!1}"},
		{"${ok}${", "{key:ok}{text:${!1}"},
		{"${x${y", "{text:${x${y!1}"},
		{"${}", "{key:!2}"},
		{"${, 'x'}", "{key:, 'x'!3}"},
		{"${k, 'it's'}", "{key:k, 'it's'!4}"},
		{"${k, 'x', 'y'}", "{key:k, 'x', 'y'!4}"},
		{"${k,'x'}", "{key:k,'x'!5}"},
		{"${k, x}", "{key:k, x!5}"},
		{"${k,  'x'}", "{key:k,  'x'!5}"},
		{"${k, 'x}", "{key:k, 'x!5}"},
		{"${k, '}", "{key:k, '!5}"},
		{"${a,b, 'x'}", "{key:a,b, 'x'!5}"},
		{"${k'}", "{key:k'!5}"},
		{"${a${b}}", "{key:a${b!6}}"},
		{"${a${b, 'x'}", "{key:a${b, 'x'!6}"},
		{"${ aws:username}", "{key: aws:username!7}"},
		{"${k , 'x'}", "{key:k |x!7}"},
		{"${ }", "{key: !7}"},
	}
	for _, tc := range tests {
		if got := render(tc.in); got != tc.want {
			t.Errorf("%q: parts %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestFirst(t *testing.T) {
	if p, bad := First("${a}/${b,'c'}/${"); !bad || p.Src != "${b,'c'}" || p.Offset != 5 || p.Problem != BadDefault {
		t.Errorf("First = %+v, %v", p, bad)
	}
	if p, bad := First("${a}/${b, 'c'}"); bad {
		t.Errorf("First = %+v, %v; want none", p, bad)
	}
	for pr := Unterminated; pr <= Spaces; pr++ {
		if pr.Reason() == "" {
			t.Errorf("problem %d has no reason", pr)
		}
	}
}

func TestNextNoAlloc(t *testing.T) {
	s := "home/${aws:username}/${k, 'd'}/${*}/${"
	if n := testing.AllocsPerRun(100, func() {
		for i := 0; i < len(s); {
			_, i = Next(s, i)
		}
	}); n != 0 {
		t.Errorf("allocations = %v, want 0", n)
	}
}

func FuzzNext(f *testing.F) {
	for _, s := range []string{"${a b, 'x'}", "a${b", "${}", "${k,'x'}", "${*}${"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var src strings.Builder
		for i := 0; i < len(s); {
			p, next := Next(s, i)
			if next <= i || p.Offset != i || s[i:next] != p.Src {
				t.Fatalf("Next(%q, %d) = %+v, %d", s, i, p, next)
			}
			if p.Kind == Text && p.Problem == None && strings.Contains(p.Value, "${") {
				t.Fatalf("text part %q holds a token", p.Value)
			}
			if p.HasDefault && p.Problem != None && p.Problem != Spaces {
				t.Fatalf("malformed part %+v has a default", p)
			}
			src.WriteString(p.Src)
			i = next
		}
		if src.String() != s {
			t.Fatalf("parts do not cover %q", s)
		}
	})
}
