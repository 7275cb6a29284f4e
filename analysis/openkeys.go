package analysis

import (
	"maps"
	"slices"

	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/principal"
	"github.com/iamlogic/iamlogic/internal/variable"
	"github.com/iamlogic/iamlogic/policy"
)

// This file holds what Conditions and NotGrantedWhere share: the condition
// keys a request leaves open, cut into the cells the policies cannot tell
// apart.
//
// A policy compares an open key k only through clauses "Op k [v…]". For a
// key that holds one value of the type its operators compare, every such
// clause is decided by two kinds of fact (reference_policies_elements_
// condition_operators.md: a negated operator matches when the value matches
// none of the policy values, and when the key is absent; …IfExists matches
// an absent key; Null tests presence):
//
//   - whether k is present;
//   - for each value v of each clause, whether the positive comparison
//     "Op⁺ k v" holds (Op⁺ the operator without Not, IfExists: StringLike
//     for StringNotLike, IpAddress for NotIpAddress, …).
//
// These facts are the atoms of the key. Two values with the same atoms are
// decided alike by every clause, hence by every policy, so one value per
// realisable vector of atoms (found by the same searches the rest of the
// package uses: valueReps) and "absent" stand for the whole key.

// atom is one positive comparison of an open key with one policy value.
type atom struct {
	base  conditions.Base // positive, no qualifier, no IfExists
	value string
	block *conditions.Block
}

// keyCell is one cell of an open key: a value (or absence) and the atoms it
// satisfies. lits[0] is litYes when the key is present, litNo when absent;
// lits[1+j] says whether atom j holds.
type keyCell struct {
	present bool
	value   string
	lits    []int8
}

// The states of a literal: in a cell, litYes or litNo; in a term, also
// litAny (the term does not constrain it).
const (
	litAny int8 = iota
	litYes
	litNo
)

// openKey is a condition key left open.
type openKey struct {
	name   string // as a policy first spells it
	lower  string
	family conditions.Family // of its atoms; FamilyNull when it has none
	atoms  []atom
	cells  []keyCell
	// nonEmpty: a policy tests the key with Null, so its cells are those of
	// non-empty values (what Null makes of "" is undocumented).
	nonEmpty bool
	// arnValued: some policy compares the key with an ARN operator, so its
	// values are ARNs (valueReps), whatever its other operators.
	arnValued bool
}

// openSpace is the product of the cells of the open keys that some policy
// reads.
type openSpace struct {
	keys []openKey
	// lower holds every open key, lower case, read or not.
	lower map[string]bool
	// unread are the open keys no policy reads, as the caller wrote them.
	unread []string
}

// size returns the number of points of the space, or budget+1 when it has
// more than budget.
func (sp *openSpace) size(budget int) int {
	n := 1
	for _, k := range sp.keys {
		n *= len(k.cells)
		if n > budget {
			return budget + 1
		}
	}
	return n
}

// each calls f with the cell index of every key, for every point of the
// space in order, until f returns false.
func (sp *openSpace) each(f func(idx []int) bool) {
	idx := make([]int, len(sp.keys))
	for {
		if !f(idx) {
			return
		}
		i := len(idx) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(sp.keys[i].cells) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return
		}
	}
}

// baseContext returns the entries of ctx but the open keys.
func (sp *openSpace) baseContext(ctx conditions.Context) map[string]conditions.Value {
	m := map[string]conditions.Value{}
	for _, k := range ctx.Keys() {
		if !sp.lower[k] {
			v, _ := ctx.Lookup(k)
			m[k] = v
		}
	}
	return m
}

// context returns base with the values of the cells idx of the open keys.
func (sp *openSpace) context(base map[string]conditions.Value, idx []int) conditions.Context {
	m := maps.Clone(base)
	for i, k := range sp.keys {
		if c := k.cells[idx[i]]; c.present {
			m[k.lower] = conditions.Single(c.value)
		}
	}
	if len(m) == 0 {
		return conditions.Context{}
	}
	return conditions.NewContext(m)
}

// newOpenSpace collects how the policies of set compare the keys of open
// and cuts each key into cells. It is unsupported (the answer is Unknown)
// when a policy variable ties an open key to another value, when an open
// key is compared with ForAllValues or ForAnyValue, with operators of
// different families, or with a value invalid for its operator.
func newOpenSpace(set evaluator.Policies, open []string, budget int) (*openSpace, error) {
	sp := &openSpace{lower: map[string]bool{}}
	var order []string
	given := map[string]string{}
	for _, k := range open {
		lk := conditions.CanonicalKey(k)
		if !sp.lower[lk] {
			sp.lower[lk] = true
			order = append(order, lk)
			given[lk] = k
		}
	}
	uses, names, err := openUses(set, sp.lower)
	if err != nil {
		return nil, err
	}
	for _, lk := range order {
		if len(uses[lk]) == 0 {
			sp.unread = append(sp.unread, given[lk])
			continue
		}
		k, err := newOpenKey(names[lk], lk, uses[lk], budget)
		if err != nil {
			return nil, err
		}
		sp.keys = append(sp.keys, k)
	}
	return sp, nil
}

// openUses returns the clauses of the policies of set on the open keys, by
// key, and the spelling each key first has. Every policy variable is
// checked: one that reads an open key, or one in a value compared with an
// open key, couples the key to other values.
func openUses(set evaluator.Policies, open map[string]bool) (map[string][]clauseUse, map[string]string, error) {
	uses := map[string][]clauseUse{}
	names := map[string]string{}
	for _, p := range policiesOf(set) {
		if p == nil {
			continue
		}
		vars := p.Version == policy.Version2012
		for i := range p.Statements {
			st := &p.Statements[i]
			if open[keyUserID] && namesUniqueID(st.Principal) {
				// The evaluator matches a unique ID in Principal or
				// NotPrincipal against aws:userid (evaluator/principal.go).
				return nil, nil, unsup("the open key aws:userid is read by the unique ID in the Principal at %s, which the residual does not model", st.Principal.Pos)
			}
			if vars {
				for _, it := range st.Resources {
					if k, ok := readsOpen(it.Value, open); ok {
						return nil, nil, unsup("the policy variable ${%s} in Resource %q at %s reads an open key", k, it.Value, it.Pos)
					}
				}
			}
			for j := range st.Conditions {
				if err := addOpenUse(&st.Conditions[j], vars, open, uses, names); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return uses, names, nil
}

// keyUserID is the key the evaluator reads a caller's unique ID from.
const keyUserID = "aws:userid"

// namesUniqueID reports whether a Principal or NotPrincipal element names
// an IAM user's or role's unique ID (AIDA…, AROA…).
func namesUniqueID(pr *policy.Principal) bool {
	if pr == nil {
		return false
	}
	for _, it := range pr.AWS {
		if principal.IsUniqueID(it.Value) {
			return true
		}
	}
	return false
}

// addOpenUse records the clause c in uses when its key is open.
func addOpenUse(c *policy.Condition, vars bool, open map[string]bool, uses map[string][]clauseUse, names map[string]string) error {
	key := conditions.CanonicalKey(c.Key)
	op, err := conditions.ParseOperator(c.Operator)
	if err != nil {
		return err
	}
	if vars && op.Base.AllowsVariables() {
		if err := checkOpenVariables(c, open); err != nil {
			return err
		}
	}
	if !open[key] {
		return nil
	}
	if op.Qualifier != conditions.Plain {
		return unsup("the open key %s is compared with %s at %s; keys with several values are not modelled", c.Key, op, c.KeyPos)
	}
	if _, ok := names[key]; !ok {
		names[key] = c.Key
	}
	u := clauseUse{op: op}
	for _, v := range c.Values {
		u.values = append(u.values, v.Value)
	}
	uses[key] = append(uses[key], u)
	return nil
}

// checkOpenVariables rejects the policy variables of the values of c that
// read an open key, and any variable in the value of an open key: each
// couples the key to other values.
func checkOpenVariables(c *policy.Condition, open map[string]bool) error {
	for _, v := range c.Values {
		if !hasVar(v.Value) {
			continue
		}
		if k, ok := readsOpen(v.Value, open); ok {
			return unsup("the policy variable ${%s} in the value %q of %s at %s reads an open key", k, v.Value, c.Key, v.Pos)
		}
		if open[conditions.CanonicalKey(c.Key)] {
			return unsup("the value %q of the open key %s at %s holds a policy variable, which ties it to other request values", v.Value, c.Key, v.Pos)
		}
	}
	return nil
}

// readsOpen returns the first open key a policy variable of s reads.
func readsOpen(s string, open map[string]bool) (string, bool) {
	for i := 0; i < len(s); {
		var p variable.Part
		p, i = variable.Next(s, i)
		if p.Kind == variable.Key && p.Problem == variable.None && open[conditions.CanonicalKey(p.Value)] {
			return p.Value, true
		}
	}
	return "", false
}

// newOpenKey builds the atoms and cells of the open key lower, written
// name, from the clauses uses that compare it.
func newOpenKey(name, lower string, uses []clauseUse, budget int) (openKey, error) {
	k := openKey{name: name, lower: lower, family: conditions.FamilyNull}
	type av struct {
		b conditions.Base
		v string
	}
	seen := map[av]bool{}
	add := func(b conditions.Base, v string) error {
		if seen[av{b, v}] {
			return nil
		}
		seen[av{b, v}] = true
		if err := conditions.CheckValue(b, v); err != nil {
			return unsup("the value %q of %s is not valid for %s; what AWS makes of it is not modelled", v, name, b)
		}
		blk, err := conditions.Compile([]conditions.Clause{{Operator: conditions.Operator{Base: b}, Key: lower, Values: []string{v}}}, conditions.Options{})
		if err != nil {
			return unsup("the value %q of %s: %v", v, name, err)
		}
		k.atoms = append(k.atoms, atom{base: b, value: v, block: blk})
		return nil
	}
	var lits []string
	for _, u := range uses {
		b := u.op.Base.Positive()
		if b == conditions.Null {
			continue
		}
		k.family = b.Family()
		for _, v := range u.values {
			lits = append(lits, v)
			if b == conditions.Bool {
				// Both readings of a Bool key, so that "is true" reads
				// as such rather than as "present and not false".
				if err := add(b, "true"); err != nil {
					return k, err
				}
				v = "false"
			}
			if err := add(b, v); err != nil {
				return k, err
			}
		}
	}
	if familiesOf(uses)[conditions.FamilyARN] {
		// ARN and String operators on one key: its values are ARNs
		// (valueReps), whichever clause came last.
		k.family = conditions.FamilyARN
	}
	k.arnValued = familiesOf(uses)[conditions.FamilyARN]
	vals, err := valueReps(name, uses, (&atoms{literals: lits}).accounts(), budget)
	if err == nil && slices.ContainsFunc(uses, isNull) {
		// What Null makes of a key present with "" is undocumented
		// (conditions/null.go): the residual assumes such a key is never
		// empty, so its cells are those of non-empty values, and says so.
		// A key compared by String operators alone is searched again for
		// them; of any other (ARN, or Null alone) the empty value is left
		// out. The other families have no empty value.
		fams := familiesOf(uses)
		switch {
		case len(fams) == 1 && fams[conditions.FamilyString]:
			vals, err = nonEmptyReps(uses)
			k.nonEmpty = true
		case len(fams) == 0 || fams[conditions.FamilyARN] || fams[conditions.FamilyString]:
			vals = slices.DeleteFunc(vals, func(v string) bool { return v == "" })
			k.nonEmpty = true
		}
	}
	if err != nil {
		return k, err
	}
	seenCell := map[string]bool{}
	addCell := func(c keyCell) {
		if key := string(cellKey8(c.lits)); !seenCell[key] {
			seenCell[key] = true
			k.cells = append(k.cells, c)
		}
	}
	if !alwaysPresent[lower] {
		addCell(k.cell(false, ""))
	}
	for _, v := range vals {
		addCell(k.cell(true, v))
	}
	return k, nil
}

func isNull(u clauseUse) bool { return u.op.Base == conditions.Null }

// nonEmptyReps returns the non-empty strings that realise every vector of
// outcomes of the String clauses uses: the search of stringValueReps with
// the empty string left out.
func nonEmptyReps(uses []clauseUse) ([]string, error) {
	var gs []glob
	for _, u := range uses {
		b := u.op.Base.Positive()
		for _, v := range u.values {
			if b != conditions.Null {
				gs = append(gs, newGlob(v, b == conditions.StringLike, b == conditions.StringEqualsIgnoreCase))
			}
		}
	}
	res, err := searchSpec{globs: gs, allowed: func(r rune) bool { return r >= ' ' && r != 0x7f && r != 0xFFFD }, fresh: freshRunes, minLen: 1, perVector: 1, maxStates: 200000}.run()
	if err != nil {
		return nil, err
	}
	vals := make([]string, len(res))
	for i, r := range res {
		vals[i] = r.s
	}
	return vals, nil
}

func cellKey8(l []int8) []byte {
	b := make([]byte, len(l))
	for i, x := range l {
		b[i] = byte(x)
	}
	return b
}

// cell returns the cell of the key for a value (present) or for absence.
func (k *openKey) cell(present bool, value string) keyCell {
	c := keyCell{present: present, value: value, lits: make([]int8, 1+len(k.atoms))}
	c.lits[0] = litNo
	var ctx conditions.Context
	if present {
		c.lits[0] = litYes
		ctx = conditions.NewContext(map[string]conditions.Value{k.lower: conditions.Single(value)})
	}
	for j, a := range k.atoms {
		c.lits[1+j] = litNo
		if a.block.Eval(ctx) {
			c.lits[1+j] = litYes
		}
	}
	return c
}
