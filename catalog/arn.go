package catalog

import "strings"

// How closely an ARN fits a format; lower is closer.
const (
	// fitExact: each placeholder stands for characters other than ':' and
	// '/' ("instance/${InstanceId}" and "instance/i-0abc").
	fitExact = iota
	// fitPath: a placeholder of the resource part also stands for a path
	// ("role/${RoleNameWithPath}" and "role/division/app"), unless it is
	// the whole resource part.
	fitPath
	// fitQualified: as fitPath, and a format's final placeholder also
	// stands for a qualifier after ':' ("function:${FunctionName}" and
	// "function:app:prod").
	fitQualified
	noFit
)

type tokenKind uint8

const (
	tokLiteral tokenKind = iota
	tokHole              // ${...}: one or more characters
	tokStar              // '*': any characters, none included
)

type arnToken struct {
	kind tokenKind
	lit  string
	// For a hole: in the resource part (after the fifth ':'), the whole
	// resource part, the last token of the format.
	resource, whole, final bool
}

// An arnFormat is an ARN format of the Service Authorization Reference,
// compiled.
type arnFormat struct {
	tokens []arnToken
	// resourceHead is the literal text the resource part starts with
	// ("role/"), which an ARN must start its resource part with.
	resourceHead string
}

func compileARNFormat(f string) arnFormat {
	var af arnFormat
	colons := 0
	resourceStart := -1 // index in tokens of the first token of the resource part
	lit := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] == ':' {
				colons++
				if colons == 5 {
					// Split the literal at the fifth colon, so that the
					// resource part starts with a token of its own.
					if i+1 > 0 {
						af.tokens = append(af.tokens, arnToken{kind: tokLiteral, lit: s[:i+1]})
					}
					resourceStart = len(af.tokens)
					s, i = s[i+1:], -1
				}
			}
		}
		if s != "" {
			af.tokens = append(af.tokens, arnToken{kind: tokLiteral, lit: s})
		}
	}
	for f != "" {
		i := strings.IndexAny(f, "$*")
		if i < 0 {
			lit(f)
			break
		}
		if f[i] == '*' {
			lit(f[:i])
			af.tokens = append(af.tokens, arnToken{kind: tokStar, resource: colons >= 5})
			f = f[i+1:]
			continue
		}
		j := strings.IndexByte(f[i:], '}')
		if i+1 >= len(f) || f[i+1] != '{' || j < 0 {
			lit(f[:i+1])
			f = f[i+1:]
			continue
		}
		lit(f[:i])
		af.tokens = append(af.tokens, arnToken{kind: tokHole, resource: colons >= 5})
		f = f[i+j+1:]
	}
	if resourceStart < 0 {
		resourceStart = len(af.tokens)
	}
	if n := len(af.tokens); n > 0 && af.tokens[n-1].kind == tokHole {
		af.tokens[n-1].final = true
		if resourceStart == n-1 {
			af.tokens[n-1].whole = true
		}
	}
	if resourceStart < len(af.tokens) && af.tokens[resourceStart].kind == tokLiteral {
		af.resourceHead = af.tokens[resourceStart].lit
	}
	return af
}

// arnService returns the service field of an ARN format, "" when it is not
// literal ("arn:${Partition}:${Vendor}:…").
func arnService(format string) string {
	rest, ok := strings.CutPrefix(format, "arn:")
	if !ok {
		return ""
	}
	_, rest, _ = strings.Cut(rest, ":")
	svc, _, ok := strings.Cut(rest, ":")
	if !ok || strings.ContainsAny(svc, "${}*") {
		return ""
	}
	return svc
}

// holeAllows reports whether a hole token may hold byte c when matching
// with closeness level.
func (t *arnToken) holeAllows(c byte, level int) bool {
	switch {
	case c != ':' && c != '/':
		return true
	case level >= fitQualified && t.final && !t.whole:
		return true
	case level >= fitPath && t.resource && !t.whole:
		return c == '/'
	}
	return false
}

// matches reports whether s fits the format at the given closeness level.
// It runs in time linear in len(s) times the number of tokens.
func (f *arnFormat) matches(s string, level int) bool {
	n := len(s)
	var b1, b2 [256]bool
	prev, cur := b1[:], b2[:]
	if n+1 > len(b1) {
		prev, cur = make([]bool, n+1), make([]bool, n+1)
	}
	prev, cur = prev[:n+1], cur[:n+1]
	clear(prev)
	prev[0] = true
	// prev[j]: the tokens so far match s[:j].
	for ti := range f.tokens {
		t := &f.tokens[ti]
		clear(cur)
		any := false
		switch t.kind {
		case tokLiteral:
			l := len(t.lit)
			for j := 0; j+l <= n; j++ {
				if prev[j] && s[j:j+l] == t.lit {
					cur[j+l] = true
					any = true
				}
			}
		case tokStar:
			for j := 0; j <= n; j++ {
				cur[j] = prev[j] || j > 0 && cur[j-1]
				any = any || cur[j]
			}
		case tokHole:
			for j := 1; j <= n; j++ {
				cur[j] = (prev[j-1] || cur[j-1]) && t.holeAllows(s[j-1], level)
				any = any || cur[j]
			}
		}
		if !any {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[n]
}

// splitARN returns the service field and the resource part of an ARN
// ("arn:partition:service:region:account:resource").
func splitARN(arn string) (service, resource string, ok bool) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return "", "", false
	}
	var fields [4]string
	for i := range fields {
		k := strings.IndexByte(rest, ':')
		if k < 0 {
			return "", "", false
		}
		fields[i], rest = rest[:k], rest[k+1:]
	}
	return fields[1], rest, true
}

// compiled returns the compiled ARN formats, compiling them on first use:
// most programs never match an ARN, and decoding stays fast.
func (r *ResourceType) compiled() []arnFormat {
	r.once.Do(func() {
		r.formats = make([]arnFormat, len(r.ARNFormats))
		for i, f := range r.ARNFormats {
			r.formats[i] = compileARNFormat(f)
		}
	})
	return r.formats
}

// fit returns how closely arn fits the resource type: the closest level of
// any of its formats, or noFit.
func (r *ResourceType) fit(arn string) int {
	_, res, ok := splitARN(arn)
	if !ok {
		return noFit
	}
	return r.fitWithin(arn, res, fitQualified)
}

// fitWithin is fit for an ARN already split, trying the levels up to limit.
func (r *ResourceType) fitWithin(arn, resource string, limit int) int {
	best := noFit
	formats := r.compiled()
	for i := range formats {
		f := &formats[i]
		if !strings.HasPrefix(resource, f.resourceHead) {
			continue
		}
		for level := fitExact; level <= limit && level < best; level++ {
			if f.matches(arn, level) {
				best = level
				break
			}
		}
	}
	return best
}
