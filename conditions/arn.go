package conditions

import "github.com/iamlogic/iamlogic/arn"

// compileArn compiles a policy value of an Arn operator that reads no
// context. A value that is neither "*" nor ARN-shaped matches nothing (the
// zero Pattern). Values with ${*}, ${?} or ${$} are matched in encoded form
// instead, so their pattern is unused.
func compileArn(v string, t Template) arn.Pattern {
	if t.vars {
		return arn.Pattern{}
	}
	p, err := arn.CompilePattern(v)
	if err != nil {
		return arn.Pattern{}
	}
	return p
}

// matchArn matches request ARN x against the policy patterns per part
// (SPEC §2.6): ArnEquals and ArnLike are the same operator. A request value
// that is not ARN-shaped is invalid.
func (c *clause) matchArn(x string, ctx Context) (hits int, valid bool) {
	sec, ok := arn.Split(x)
	if !ok {
		return 0, false
	}
	var buf [bufSize]byte
	for i := range c.strs {
		sv := &c.strs[i]
		switch {
		case !sv.tmpl.vars && !sv.dyn:
			if c.arns[i].MatchSections(sec) {
				hits++
			}
		case !sv.dyn: // only ${*}, ${?} or ${$}: pre-encoded
			if arn.MatchEncoded(sv.text, x) {
				hits++
			}
		default:
			b, st := sv.tmpl.appendGlob(buf[:0], ctx)
			switch st {
			case unrepresent:
				return 0, false
			case resolved:
				if arn.MatchEncoded(b, x) {
					hits++
				}
			}
		}
	}
	return hits, true
}
