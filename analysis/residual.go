package analysis

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/internal/enum"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/text"
)

// Reach says for which values of the open condition keys a request is
// allowed.
type Reach uint8

// The reaches. The zero value is ReachUnknown, so that a residual that was
// never computed cannot be read as one.
const (
	ReachUnknown Reach = iota // the residual could not be computed exactly; Reason says why
	Never                     // no value of the open keys allows the request
	Conditional               // the request is allowed exactly when one of the terms holds
	Always                    // every value of the open keys allows the request
)

var reachNames = [...]string{ReachUnknown: "unknown", Never: "never", Conditional: "conditional", Always: "always"}

// String returns "unknown", "never", "conditional" or "always".
func (r Reach) String() string {
	return enum.String(reachNames[:], r, "Reach(%d)")
}

// Constraint is one comparison of a condition key, as an IAM condition
// clause with a positive operator makes it: the key's value compares with
// one of Values (they are OR-ed), or, with Not, with none of them. A
// negated constraint also holds when the key is absent, as a negated
// operator does (StringNotEquals). Null tests presence in the request
// context: Values ["true"] holds when the key is absent, ["false"] when it
// is present, whatever its value (an empty one included, which the Null
// operator itself may read as null).
type Constraint struct {
	// Key is the condition key as a policy first spells it.
	Key string
	// Operator is a positive base operator: StringEquals,
	// StringEqualsIgnoreCase, StringLike, a Numeric or Date comparison but
	// the NotEquals ones, Bool, BinaryEquals, IpAddress, ArnLike (ArnEquals
	// is the same), or Null.
	Operator conditions.Base
	Values   []string
	Not      bool
}

// Holds reports whether the constraint holds for the request context ctx.
// A constraint that is not a valid condition clause never holds.
func (c Constraint) Holds(ctx conditions.Context) bool {
	return compileTerm([]Constraint{c}).holds(ctx)
}

func (c Constraint) block() (*conditions.Block, error) {
	return conditions.Compile([]conditions.Clause{{Operator: conditions.Operator{Base: c.Operator}, Key: c.Key, Values: c.Values}}, conditions.Options{})
}

var constraintVerbs = map[conditions.Base]string{
	conditions.StringEquals: "equals", conditions.StringEqualsIgnoreCase: "equals (ignoring case)",
	conditions.StringLike: "matches", conditions.NumericEquals: "=", conditions.NumericLessThan: "<",
	conditions.NumericLessThanEquals: "<=", conditions.NumericGreaterThan: ">", conditions.NumericGreaterThanEquals: ">=",
	conditions.DateEquals: "is at", conditions.DateLessThan: "is before", conditions.DateLessThanEquals: "is at or before",
	conditions.DateGreaterThan: "is after", conditions.DateGreaterThanEquals: "is at or after", conditions.Bool: "is",
	conditions.BinaryEquals: "equals (base64)", conditions.IpAddress: "is in", conditions.ArnEquals: "matches the ARN",
	conditions.ArnLike: "matches the ARN",
}

// String writes the constraint for people: `aws:MultiFactorAuthPresent is
// true`, `sts:ExternalId equals "x"`, `aws:SourceIp is in one of
// 192.0.2.0/24, 203.0.113.0/24`, `aws:MultiFactorAuthAge is absent`, and,
// negated, `not (s3:prefix matches "home/*")`. Texts are quoted as
// text.Quote does.
func (c Constraint) String() string {
	key := c.Key
	if !text.Clean(key, false) {
		key = text.Quote(key)
	}
	if c.Operator == conditions.Null {
		absent := len(c.Values) == 1 && strings.EqualFold(c.Values[0], "true")
		if absent != c.Not {
			return key + " is absent"
		}
		return key + " is present"
	}
	verb, ok := constraintVerbs[c.Operator]
	if !ok {
		verb = c.Operator.String()
	}
	fam := c.Operator.Family()
	vals := make([]string, len(c.Values))
	for i, v := range c.Values {
		vals[i] = v
		if fam == conditions.FamilyString || fam == conditions.FamilyARN || !text.Clean(v, false) || strings.Contains(v, ",") {
			vals[i] = text.Quote(v)
		}
	}
	s := key + " " + verb + " " + strings.Join(vals, ", ")
	if len(vals) > 1 {
		s = key + " " + verb + " one of " + strings.Join(vals, ", ")
	}
	if c.Not {
		return "not (" + s + ")"
	}
	return s
}

// Residual is what Conditions found: the conditions under which a request
// with open condition keys is allowed.
type Residual struct {
	Reach Reach
	// Terms, for a Conditional residual, are a disjunction of conjunctions:
	// the request is allowed exactly when every constraint of one term
	// holds. Each term is prime: dropping one of its constraints would
	// allow a request the policies deny.
	Terms [][]Constraint
	// Witnesses are replayed requests: for a Conditional residual one per
	// term, in order, that satisfies it and is Allowed; for Always one.
	Witnesses []Witness
	// Reason says why the reach is ReachUnknown.
	Reason string
	// Unread are the open keys no policy reads: the decision does not
	// depend on them.
	Unread []string
	// Assumptions are what the residual is exact under.
	Assumptions []string
	// Stats.Contexts is the number of cells of the open keys, Stats.Points
	// the requests evaluated (the cells, and the probes of the check).
	Stats Stats
}

// Holds reports whether the residual allows the request context ctx.
func (r Residual) Holds(ctx conditions.Context) bool {
	return compileResidual(&r).holds(ctx)
}

// String writes the residual on one line: "never allowed", "always
// allowed", "allowed when A and B, or when C", or "unknown: REASON".
func (r Residual) String() string {
	switch r.Reach {
	case Never:
		return "never allowed"
	case Always:
		return "always allowed"
	case Conditional:
		terms := make([]string, len(r.Terms))
		for i, t := range r.Terms {
			terms[i] = TermString(t)
		}
		return "allowed when " + strings.Join(terms, ", or when ")
	}
	return "unknown: " + r.Reason
}

// TermString writes a term as its constraints joined by " and ".
func TermString(t []Constraint) string {
	parts := make([]string, len(t))
	for i, c := range t {
		parts[i] = c.String()
	}
	return strings.Join(parts, " and ")
}

// residualAssumptions are what a residual over sp (nil: not built) is
// exact under.
func residualAssumptions(sp *openSpace) []string {
	a := []string{
		"the evaluator's decision procedure is AWS's (package evaluator)",
		"an open key holds one value, of the type its operators compare (a number for Numeric operators, a date, an IP address, true or false, base64, an ARN), or is absent; aws:SecureTransport, aws:ViaAWSService and aws:RequestedRegion are never absent",
		"open keys vary independently of each other and of the request's other fields: a key AWS derives from the request (aws:PrincipalArn, aws:CurrentTime, …) takes the value a term names, as a key written in the request context does",
	}
	if sp != nil {
		for _, k := range sp.keys {
			if k.nonEmpty {
				a = append(a, fmt.Sprintf("%s, which a policy tests with Null, is not the empty string when present (what Null makes of \"\" is undocumented)", k.name))
			}
		}
	}
	return a
}

// unknownOr turns an unsupported feature or an exhausted search into an
// Unknown residual; other errors are returned.
func unknownOr(err error) (Residual, error) {
	var u *unsupported
	if errors.As(err, &u) || errors.Is(err, errSearchBudget) {
		return Residual{Reason: err.Error(), Assumptions: residualAssumptions(nil)}, nil
	}
	return Residual{}, err
}

// maxSimplifyWork bounds the work of simplifying a residual (cells
// compared); beyond it the residual is Unknown.
const maxSimplifyWork = 200_000_000

// Conditions returns the conditions under which the request r is allowed
// by the policies of set when the condition keys open are left open: each
// may take any value, or be absent. Their values in r.Context, if any, are
// ignored; the rest of r is fixed. "*" opens every key a policy reads that
// r.Context does not set, but those AWS derives from the caller, the
// resource and the time (as RequestPattern.Open does). The residual is a disjunction of
// conjunctions of constraints on the open keys, simplified; a Deny's
// condition appears negated ("A and not C"), and every policy of the chain
// takes part as the evaluator combines them.
//
// The residual is exact, and checked: every cell of the open keys (see
// openkeys.go) has been decided by the evaluator and agrees with it, and so
// do values probed around each term's witness. Where it cannot be exact —
// a policy variable that reads an open key, a set operator
// (ForAllValues/ForAnyValue) on one, operators of different families, a
// denial that rests on behaviour AWS does not document, or more cells than
// Options.MaxEvaluations — the residual is ReachUnknown with the reason.
// An invalid policy or request is an error.
func Conditions(set evaluator.Policies, r evaluator.Request, open []string, opts Options) (Residual, error) {
	if len(open) == 0 {
		return Residual{}, errors.New("analysis: Conditions needs at least one open key")
	}
	for _, k := range open {
		if k == "" || !text.Clean(k, false) {
			return Residual{}, fmt.Errorf("analysis: the open key %s is not a condition key", text.Quote(k))
		}
	}
	s, err := evaluator.Compile(set)
	if err != nil {
		return Residual{}, err
	}
	budget := opts.budget()
	sp, err := newOpenSpace(set, expandOpen(set, open, r.Context), budget)
	if err != nil {
		return unknownOr(err)
	}
	base := sp.baseContext(r.Context)
	r.Context = sp.context(base, make([]int, len(sp.keys)))
	if res := s.Evaluate(r); res.Err != nil {
		return Residual{}, fmt.Errorf("analysis: the request is invalid: %w", res.Err)
	}
	tab, err := sp.decide(s, r, base, budget)
	if err != nil {
		return unknownOr(err)
	}
	res := Residual{Unread: sp.unread, Assumptions: residualAssumptions(sp), Stats: Stats{Contexts: tab.n, Points: tab.n}}
	switch {
	case tab.allowedN == 0:
		res.Reach = Never
		return res, nil
	case tab.allowedN == tab.n:
		res.Reach = Always
	default:
		res.Reach = Conditional
		cubes, err := sp.simplify(tab)
		if err != nil {
			return unknownOr(err)
		}
		res.Terms = sp.terms(cubes)
	}
	if err := sp.check(s, r, base, tab, &res); err != nil {
		return Residual{}, err
	}
	return res, nil
}

// table is every point of an open space with its decision.
type table struct {
	n, allowedN int
	pts         []int32 // the cell index of each key, point after point
	allowed     []bool
}

func (t *table) point(p, nk int) []int32 { return t.pts[p*nk : (p+1)*nk] }

// decide evaluates r at every point of the space.
func (sp *openSpace) decide(s *evaluator.Set, r evaluator.Request, base map[string]conditions.Value, budget int) (*table, error) {
	n := sp.size(budget)
	if n > budget {
		return nil, unsup("the open keys have more than %d combinations of cells (Options.MaxEvaluations)", budget)
	}
	t := &table{n: n, pts: make([]int32, 0, n*len(sp.keys)), allowed: make([]bool, 0, n)}
	var err error
	sp.each(func(idx []int) bool {
		req := r
		req.Context = sp.context(base, idx)
		res := s.Evaluate(req)
		if res.Err != nil {
			err = fmt.Errorf("analysis: internal error: a representative request is invalid: %w", res.Err)
			return false
		}
		ok := res.Decision == evaluator.Allowed
		if !ok && res.Undocumented != 0 {
			err = unsup("a denial rests on behaviour AWS does not document (%s), under whose other reading the request is allowed, e.g. with %s", res.Undocumented, contextText(req.Context))
			return false
		}
		for _, i := range idx {
			t.pts = append(t.pts, int32(i))
		}
		t.allowed = append(t.allowed, ok)
		if ok {
			t.allowedN++
		}
		return true
	})
	return t, err
}

// contextText writes a context for a message: key=value, sorted by key.
func contextText(ctx conditions.Context) string {
	keys := ctx.Keys()
	if len(keys) == 0 {
		return "no context keys"
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		v, _ := ctx.Lookup(k)
		parts[i] = k + "=" + text.Quote(strings.Join(v.Values(), ","))
	}
	return strings.Join(parts, " ")
}

// cube is a term over the literals of an open space: for key i, its
// presence at offset off[i] and its atoms after it; litAny where the term
// does not constrain.
type cube []int8

func (sp *openSpace) offsets() []int {
	off := make([]int, len(sp.keys)+1)
	for i, k := range sp.keys {
		off[i+1] = off[i] + 1 + len(k.atoms)
	}
	return off
}

// mask returns which cells of key i satisfy the literals lits of the key.
func (sp *openSpace) mask(i int, lits []int8) []bool {
	m := make([]bool, len(sp.keys[i].cells))
	for ci, c := range sp.keys[i].cells {
		m[ci] = true
		for j, l := range lits {
			if l != litAny && l != c.lits[j] {
				m[ci] = false
				break
			}
		}
	}
	return m
}

// simplify covers the allowed points with prime terms (the expand step of
// two-level logic minimisation, with every unrealisable vector of atoms as
// a don't-care): from each allowed point not yet covered, drop its
// literals one at a time as long as the term covers no denied point,
// each time the one whose dropping covers the most allowed points (on a
// tie, a negated atom first, then presence, then an atom that holds); then
// drop the terms that others cover.
func (sp *openSpace) simplify(t *table) ([]cube, error) {
	nk := len(sp.keys)
	off := sp.offsets()
	covered := make([]bool, t.n)
	work := 0
	var cubes []cube
	masks := make([][]bool, nk)
	// reach counts the allowed points the masks cover, or -1 when they
	// cover a denied one.
	reach := func() int {
		work += t.n
		n := 0
		for p := range t.n {
			pt := t.point(p, nk)
			all := true
			for i := range nk {
				if !masks[i][pt[i]] {
					all = false
					break
				}
			}
			switch {
			case !all:
			case !t.allowed[p]:
				return -1
			default:
				n++
			}
		}
		return n
	}
	for p := range t.n {
		if !t.allowed[p] || covered[p] {
			continue
		}
		pt := t.point(p, nk)
		c := make(cube, off[nk])
		for i, k := range sp.keys {
			copy(c[off[i]:off[i+1]], k.cells[pt[i]].lits)
			masks[i] = sp.mask(i, c[off[i]:off[i+1]])
		}
		for {
			best, bestReach, bestPass := -1, -1, 3
			for i := range sp.keys {
				for j := off[i]; j < off[i+1]; j++ {
					if c[j] == litAny {
						continue
					}
					was := c[j]
					c[j] = litAny
					masks[i] = sp.mask(i, c[off[i]:off[i+1]])
					n := reach()
					c[j] = was
					masks[i] = sp.mask(i, c[off[i]:off[i+1]])
					pass := literalPass(j-off[i], was)
					if n > bestReach || (n == bestReach && n >= 0 && pass < bestPass) {
						best, bestReach, bestPass = j, n, pass
					}
				}
			}
			if work > maxSimplifyWork {
				return nil, unsup("the residual has too many cells to simplify (%d allowed of %d)", t.allowedN, t.n)
			}
			if best < 0 || bestReach < 0 {
				break
			}
			c[best] = litAny
			i := sort.SearchInts(off, best+1) - 1
			masks[i] = sp.mask(i, c[off[i]:off[i+1]])
		}
		cubes = append(cubes, c)
		sp.markCovered(c, t, covered)
	}
	return sp.irredundant(cubes, t), nil
}

// literalPass orders the literals simplify drops on a tie: j is the
// literal's place among its key's literals (0: presence).
func literalPass(j int, l int8) int {
	switch {
	case j == 0:
		return 1
	case l == litNo:
		return 0
	}
	return 2
}

// covers reports whether cube c covers point p.
func (sp *openSpace) covers(c cube, off []int, pt []int32) bool {
	for i, k := range sp.keys {
		lits := k.cells[pt[i]].lits
		for j, l := range c[off[i]:off[i+1]] {
			if l != litAny && l != lits[j] {
				return false
			}
		}
	}
	return true
}

func (sp *openSpace) markCovered(c cube, t *table, covered []bool) {
	off := sp.offsets()
	for p := range t.n {
		if t.allowed[p] && !covered[p] && sp.covers(c, off, t.point(p, len(sp.keys))) {
			covered[p] = true
		}
	}
}

// irredundant drops, last first, each cube whose allowed points the other
// cubes cover.
func (sp *openSpace) irredundant(cubes []cube, t *table) []cube {
	off := sp.offsets()
	nk := len(sp.keys)
	for i := len(cubes) - 1; i >= 0 && len(cubes) > 1; i-- {
		needed := false
		for p := range t.n {
			pt := t.point(p, nk)
			if !t.allowed[p] || !sp.covers(cubes[i], off, pt) {
				continue
			}
			other := false
			for j, c := range cubes {
				if j != i && sp.covers(c, off, pt) {
					other = true
					break
				}
			}
			if !other {
				needed = true
				break
			}
		}
		if !needed {
			cubes = slices.Delete(cubes, i, i+1)
		}
	}
	return cubes
}

// maxMergeCells bounds the cells over which terms turns two terms into
// one by checking that they are equivalent.
const maxMergeCells = 4096

// terms turns cubes into constraints, merges terms, and sorts them,
// shortest first. Two terms merge when they differ in the values of one
// positive constraint (an IAM clause ORs its values): (L and k op a) or (L
// and k op b) is L and k op (a or b); or when, with the values of two such
// constraints joined and the others of both kept, the term is equivalent to
// the two on every cell of the space (constraints read only atoms, so the
// cells decide them).
func (sp *openSpace) terms(cubes []cube) [][]Constraint {
	off := sp.offsets()
	var ts [][]Constraint
	for _, c := range cubes {
		var t []Constraint
		for i, k := range sp.keys {
			t = append(t, k.constraints(c[off[i]:off[i+1]])...)
		}
		ts = append(ts, t)
	}
	var cells []conditions.Context
	if sp.size(maxMergeCells) <= maxMergeCells {
		sp.each(func(idx []int) bool {
			cells = append(cells, sp.context(map[string]conditions.Value{}, idx))
			return true
		})
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(ts) && !merged; i++ {
			for j := i + 1; j < len(ts); j++ {
				m, ok := mergeTerms(ts[i], ts[j])
				if !ok && cells != nil {
					m, ok = joinTerms(ts[i], ts[j], cells)
				}
				if ok {
					ts[i] = m
					ts = slices.Delete(ts, j, j+1)
					merged = true
					break
				}
			}
		}
	}
	for _, t := range ts {
		for ci := range t {
			sp.orderValues(&t[ci])
		}
	}
	slices.SortStableFunc(ts, func(a, b []Constraint) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(TermString(a), TermString(b))
	})
	return ts
}

// orderValues puts the values of c in the order the policies first name
// them.
func (sp *openSpace) orderValues(c *Constraint) {
	i := slices.IndexFunc(sp.keys, func(k openKey) bool { return k.name == c.Key })
	if i < 0 {
		return
	}
	atoms := sp.keys[i].atoms
	rank := func(v string) int {
		return slices.IndexFunc(atoms, func(a atom) bool { return a.base == c.Operator && a.value == v })
	}
	slices.SortStableFunc(c.Values, func(a, b string) int { return rank(a) - rank(b) })
}

// joinTerms tries each pair of positive constraints of a and b on the same
// key and operator: b with that constraint's values joined by a's, and a's
// other constraints added, when it is equivalent to "a or b" on every cell.
func joinTerms(a, b []Constraint, cells []conditions.Context) ([]Constraint, bool) {
	ca, cb := compileTerm(a), compileTerm(b)
	for i, x := range a {
		for j, y := range b {
			if x.Not || y.Not || x.Operator == conditions.Null || x.Operator != y.Operator || x.Key != y.Key {
				continue
			}
			m := slices.Clone(b)
			m[j].Values = slices.Clone(y.Values)
			for _, v := range x.Values {
				if !slices.Contains(m[j].Values, v) {
					m[j].Values = append(m[j].Values, v)
				}
			}
			for k, c := range a {
				if k != i && !slices.ContainsFunc(m, func(d Constraint) bool { return constraintEqual(c, d) }) {
					m = append(m, c)
				}
			}
			cm := compileTerm(m)
			same := true
			for _, ctx := range cells {
				if cm.holds(ctx) != (ca.holds(ctx) || cb.holds(ctx)) {
					same = false
					break
				}
			}
			if same {
				return m, true
			}
		}
	}
	return nil, false
}

// compiledTerm is a term with its constraints compiled, to decide many
// contexts.
type compiledTerm []compiledConstraint

// compiledConstraint is a constraint compiled: a clause, or for Null the
// key whose presence it tests.
type compiledConstraint struct {
	b            *conditions.Block
	presence     string // Null: the key
	not, invalid bool
}

func compileTerm(t []Constraint) compiledTerm {
	out := make(compiledTerm, len(t))
	for i, c := range t {
		b, err := c.block()
		out[i] = compiledConstraint{b: b, not: c.Not, invalid: err != nil}
		if c.Operator == conditions.Null && err == nil {
			// Presence in the context: "is absent" is "not present".
			absent := strings.EqualFold(c.Values[0], "true")
			out[i] = compiledConstraint{presence: c.Key, not: absent != c.Not, invalid: len(c.Values) != 1}
		}
	}
	return out
}

// holds reports whether every constraint of the term holds for ctx; an
// invalid constraint never holds.
func (t compiledTerm) holds(ctx conditions.Context) bool {
	for _, c := range t {
		var ok bool
		switch {
		case c.invalid:
			return false
		case c.presence != "":
			_, ok = ctx.Lookup(c.presence)
		default:
			ok = c.b.Eval(ctx)
		}
		if ok == c.not {
			return false
		}
	}
	return true
}

// compiledResidual is Residual.Holds with its terms compiled.
type compiledResidual struct {
	reach Reach
	terms []compiledTerm
}

func compileResidual(r *Residual) compiledResidual {
	c := compiledResidual{reach: r.Reach}
	for _, t := range r.Terms {
		c.terms = append(c.terms, compileTerm(t))
	}
	return c
}

func (c compiledResidual) holds(ctx conditions.Context) bool {
	switch c.reach {
	case Always:
		return true
	case Conditional:
		for _, t := range c.terms {
			if t.holds(ctx) {
				return true
			}
		}
	}
	return false
}

// constraints returns the constraints of the literals lits of the key:
// presence, the atoms that must hold, then those that must not, one
// negated constraint per operator.
func (k *openKey) constraints(lits []int8) []Constraint {
	var out []Constraint
	switch lits[0] {
	case litYes:
		out = append(out, Constraint{Key: k.name, Operator: conditions.Null, Values: []string{"false"}})
	case litNo:
		out = append(out, Constraint{Key: k.name, Operator: conditions.Null, Values: []string{"true"}})
	}
	var neg []Constraint
	for j, a := range k.atoms {
		switch lits[1+j] {
		case litYes:
			out = append(out, Constraint{Key: k.name, Operator: a.base, Values: []string{a.value}})
		case litNo:
			i := slices.IndexFunc(neg, func(c Constraint) bool { return c.Operator == a.base })
			if i < 0 {
				neg = append(neg, Constraint{Key: k.name, Operator: a.base, Not: true})
				i = len(neg) - 1
			}
			neg[i].Values = append(neg[i].Values, a.value)
		}
	}
	return append(out, neg...)
}

// mergeTerms merges two terms equal but for one positive constraint on the
// same key and operator: (L and k op a) or (L and k op b) is L and k op
// (a or b).
func mergeTerms(a, b []Constraint) ([]Constraint, bool) {
	if len(a) != len(b) {
		return nil, false
	}
	diff := -1
	for i := range a {
		if constraintEqual(a[i], b[i]) {
			continue
		}
		if diff >= 0 || a[i].Not || b[i].Not || a[i].Operator == conditions.Null || a[i].Operator != b[i].Operator || a[i].Key != b[i].Key {
			return nil, false
		}
		diff = i
	}
	if diff < 0 {
		return nil, false
	}
	m := slices.Clone(a)
	vals := slices.Clone(a[diff].Values)
	for _, v := range b[diff].Values {
		if !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	m[diff].Values = vals
	return m, true
}

func constraintEqual(a, b Constraint) bool {
	return a.Key == b.Key && a.Operator == b.Operator && a.Not == b.Not && slices.Equal(a.Values, b.Values)
}

// check replays the residual: at every point of the table it must say what
// the evaluator said; each term gets a witness, replayed with Explain; and
// values probed around each witness, one key at a time, must be decided as
// the residual says.
func (sp *openSpace) check(s *evaluator.Set, r evaluator.Request, base map[string]conditions.Value, t *table, res *Residual) error {
	want := len(res.Terms)
	if res.Reach == Always {
		want = 1
	}
	found := make([]*evaluator.Request, want)
	cr := compileResidual(res)
	p := 0
	var err error
	sp.each(func(idx []int) bool {
		ctx := sp.context(base, idx)
		got := cr.holds(ctx)
		if got != t.allowed[p] {
			err = fmt.Errorf("analysis: internal error: the residual says %v where the evaluator says %v, with %s", got, t.allowed[p], contextText(ctx))
			return false
		}
		p++
		if !got {
			return true
		}
		for i := range found {
			if found[i] == nil && (res.Reach == Always || cr.terms[i].holds(ctx)) {
				req := r
				req.Context = ctx
				found[i] = &req
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, req := range found {
		if req == nil {
			return errors.New("analysis: internal error: a term of the residual covers no allowed request")
		}
		w, err := replayAllowed(s, *req)
		if err != nil {
			return err
		}
		res.Witnesses = append(res.Witnesses, w)
		n, err := sp.probe(s, *req, cr)
		if err != nil {
			return err
		}
		res.Stats.Points += n
	}
	return nil
}

// replayAllowed decides req with Explain, which must allow it.
func replayAllowed(s *evaluator.Set, req evaluator.Request) (Witness, error) {
	e := s.Explain(req)
	if e.Decision != evaluator.Allowed {
		return Witness{}, fmt.Errorf("analysis: internal error: witness does not replay (Explain says %s)", e.Decision)
	}
	o := Outcome{Decision: e.Decision, Reason: e.Reason, Undocumented: e.Undocumented}
	if e.Explanation != nil {
		o.Deciding = e.Explanation.Deciding
	}
	return Witness{Request: req, Outcome: o}, nil
}

// maxProbes bounds the values probed per key.
const maxProbes = 48

// probe decides req again with each String or Numeric open key changed to
// values near those the policies name (the value itself, with a character
// before or after, in upper and lower case, wildcards filled), one key at
// a time, and checks each decision against the residual. It returns the
// number of requests evaluated.
func (sp *openSpace) probe(s *evaluator.Set, req evaluator.Request, cr compiledResidual) (int, error) {
	n := 0
	for _, k := range sp.keys {
		if k.family != conditions.FamilyString && k.family != conditions.FamilyNumeric {
			continue
		}
		for _, v := range k.probes() {
			m := map[string]conditions.Value{}
			for _, key := range req.Context.Keys() {
				val, _ := req.Context.Lookup(key)
				m[key] = val
			}
			m[k.lower] = conditions.Single(v)
			q := req
			q.Context = conditions.NewContext(m)
			e := s.Evaluate(q)
			n++
			if e.Err != nil || (e.Decision != evaluator.Allowed && e.Undocumented != 0) {
				continue // outside what the residual describes
			}
			if got := cr.holds(q.Context); got != (e.Decision == evaluator.Allowed) {
				return n, fmt.Errorf("analysis: internal error: the residual says %v where the evaluator says %s, with %s", got, e.Decision, contextText(q.Context))
			}
		}
	}
	return n, nil
}

// probes returns the values to probe for the key.
func (k *openKey) probes() []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if len(out) >= maxProbes || seen[v] {
			return
		}
		if k.family == conditions.FamilyNumeric && conditions.CheckValue(conditions.NumericEquals, v) != nil {
			return
		}
		if _, isARN := arn.Split(v); k.arnValued && !isARN || k.nonEmpty && v == "" {
			return // outside the residual's assumptions: an ARN, not empty
		}
		seen[v] = true
		out = append(out, v)
	}
	add("")
	for _, a := range k.atoms {
		v := a.value
		for _, p := range []string{v, v + "0", "0" + v, "x" + v, v + "x", strings.ToUpper(v), strings.ToLower(v),
			strings.NewReplacer("*", "", "?", "z").Replace(v), strings.NewReplacer("*", "zz", "?", "z").Replace(v)} {
			add(p)
		}
	}
	return out
}
