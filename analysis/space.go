package analysis

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// unsupported reports a feature the analysis cannot reason about soundly;
// the answer is then Unknown with the message as its reason.
type unsupported struct{ msg string }

func (u *unsupported) Error() string { return u.msg }

func unsup(format string, args ...any) error {
	return &unsupported{msg: fmt.Sprintf(format, args...)}
}

// clauseUse is one condition clause as a policy wrote it.
type clauseUse struct {
	op     conditions.Operator
	values []string
}

// atoms are the literals and patterns every policy of the analysis uses,
// sorted by the dimension of the request they constrain.
type atoms struct {
	actions    []string               // Action / NotAction entries
	resources  []string               // Resource / NotResource entries (full ARN patterns)
	aws        []string               // Principal AWS entries
	services   []string               // Principal Service entries and aws:PrincipalServiceName values
	providers  []string               // Principal Federated entries
	principals []string               // ARN patterns of aws:PrincipalArn (per section)
	keys       map[string][]clauseUse // free and field keys, lower case
	keyNames   []string
	literals   []string // every string, scanned for account IDs
	stmts      []stmtAtoms
	// only, when set, are the actions of every request of the check: the
	// statements that take part for none of them are left out (takesPart).
	only []string
}

// stmtAtoms is what one statement matches the action and resource by, and
// the condition keys it reads.
type stmtAtoms struct {
	actions []actionPattern
	actNot  bool
	// anyAction: the Action (NotAction) element holds a placeholder, which
	// may stand for any action, so the statement takes part for every one.
	anyAction bool
	resIdx    []int    // indices in atoms.resources
	keys      []string // the keys of atoms.keys its Condition element reads
	doc       bool     // it is a statement of a policy analysed, not of allowAll
}

// matchesAction reports whether the statement's Action (NotAction) element
// takes part for action a.
func (s *stmtAtoms) matchesAction(a string) bool {
	if s.anyAction {
		return true
	}
	m := false
	for _, p := range s.actions {
		if p.match(a) {
			m = true
			break
		}
	}
	return m != s.actNot
}

// Keys the evaluator derives from the principal, resource or time that the
// analysis enumerates through those instead of the context.
const (
	keyPrincipalArn     = "aws:principalarn"
	keyPrincipalAccount = "aws:principalaccount"
	keyResourceAccount  = "aws:resourceaccount"
	keyPrincipalOrgID   = "aws:principalorgid"
	keyResourceOrgID    = "aws:resourceorgid"
	keyCurrentTime      = "aws:currenttime"
	keyEpochTime        = "aws:epochtime"
	keyServiceName      = "aws:principalservicename"
	tagPrefix           = "aws:principaltag/"
)

// derivedFromEnumeration are keys whose values follow from the enumerated
// principal and resource (kinds and accounts are enumerated in full).
var derivedFromEnumeration = map[string]bool{
	"aws:principaltype": true, "aws:principalisawsservice": true,
}

// unsupportedKeys couple the context to the principal in ways the
// enumeration does not model.
var unsupportedKeys = map[string]string{
	"aws:username":          "aws:username ties the context to the user's name, which the enumeration does not model",
	"aws:userid":            "aws:userid ties the context to the principal's unique ID, which the enumeration does not model",
	"aws:principalorgpaths": "aws:PrincipalOrgPaths is a multivalued key derived from the caller's account, which the enumeration does not model",
}

// alwaysPresent keys are in every request AWS authorizes and may vary
// between requests: they are enumerated, never absent.
var alwaysPresent = map[string]bool{
	"aws:securetransport": true, "aws:viaawsservice": true, "aws:requestedregion": true,
}

func policiesOf(p evaluator.Policies) []*policy.Policy {
	var out []*policy.Policy
	out = append(out, p.Identity...)
	for _, x := range []*policy.Policy{p.Resource, p.Boundary} {
		if x != nil {
			out = append(out, x)
		}
	}
	out = append(out, p.Session...)
	for _, l := range p.SCPs {
		out = append(out, l...)
	}
	for _, l := range p.RCPs {
		out = append(out, l...)
	}
	out = append(out, p.Endpoints...)
	return out
}

// collect returns the atoms of the policies of sets. With only, the
// actions of every request of the check, it leaves out the statements
// that take part for none of them.
func collect(sets []evaluator.Policies, only []string) (*atoms, error) {
	a := &atoms{keys: map[string][]clauseUse{}, only: only}
	for _, s := range sets {
		for _, p := range policiesOf(s) {
			if p == nil {
				continue
			}
			if err := a.add(p, p != allowAll); err != nil {
				return nil, err
			}
		}
	}
	for k := range a.keys {
		a.keyNames = append(a.keyNames, k)
	}
	sort.Strings(a.keyNames)
	return a, nil
}

func hasVar(s string) bool { return strings.Contains(s, "${") }

// add adds the atoms of the statements of p; doc says whether p is a
// policy analysed (not allowAll).
func (a *atoms) add(p *policy.Policy, doc bool) error {
	vars := p.Version == policy.Version2012
	for i := range p.Statements {
		if err := a.addStatement(&p.Statements[i], vars, doc); err != nil {
			return err
		}
	}
	return nil
}

// addStatement adds the atoms of st: its actions, resources, principals
// and condition clauses. vars says whether its policy reads policy
// variables; doc whether it is a statement of a policy analysed (not of
// allowAll). Placeholders (policy.IsPlaceholder), values the policy's
// source leaves unknown, are no atoms: the evaluator reads them as
// matching everything or nothing, and notes that a decision relied on one
// (evaluator.UndocumentedUnknownValue); no representative, and so no
// witness, is made of one.
func (a *atoms) addStatement(st *policy.Statement, vars, doc bool) error {
	if a.only != nil && !a.takesPart(st) {
		return nil
	}
	sa, err := a.addTargets(st, vars, doc)
	if err != nil {
		return err
	}
	if pr := st.Principal; pr != nil {
		if err := a.addPrincipal(pr); err != nil {
			return err
		}
	}
	for i := range st.Conditions {
		if err := a.addCondition(&st.Conditions[i], vars, &sa); err != nil {
			return err
		}
	}
	a.stmts = append(a.stmts, sa)
	return nil
}

// takesPart reports whether the Action (NotAction) element of st takes
// part for one of the actions a.only. One that takes part for none never
// applies to a request of the check: the evaluator compares the Action
// element first and stops there (stmt.firstMiss). Its resources,
// principals and conditions then tell no two requests apart, and a policy
// variable or an unmodelled key in them does not make the answer Unknown.
func (a *atoms) takesPart(st *policy.Statement) bool {
	sa := actionAtoms(st) // a placeholder action may stand for any action
	for _, q := range a.only {
		if sa.matchesAction(q) {
			return true
		}
	}
	return false
}

// actionAtoms returns the statement atoms of the Action (NotAction)
// element of st: its compiled patterns, or anyAction for a placeholder.
func actionAtoms(st *policy.Statement) stmtAtoms {
	sa := stmtAtoms{actNot: st.ActionsNegated}
	for _, it := range st.Actions {
		if policy.IsPlaceholder(it.Value) {
			sa.anyAction = true
			continue
		}
		sa.actions = append(sa.actions, compileActionPattern(it.Value))
	}
	return sa
}

// addTargets adds the Action and Resource entries of st (its resources
// also as literals) and returns the statement's atoms so far. With vars, a
// policy variable in a Resource entry is unsupported: it ties the
// resource to the request.
func (a *atoms) addTargets(st *policy.Statement, vars, doc bool) (stmtAtoms, error) {
	sa := actionAtoms(st)
	sa.doc = doc
	for _, it := range st.Actions {
		if !policy.IsPlaceholder(it.Value) {
			a.actions = append(a.actions, it.Value)
		}
	}
	for _, it := range st.Resources {
		if policy.IsPlaceholder(it.Value) {
			continue
		}
		if vars && hasVar(it.Value) {
			return sa, unsup("policy variables in Resource %q at %s tie the resource to the request context", it.Value, it.Pos)
		}
		sa.resIdx = append(sa.resIdx, len(a.resources))
		a.resources = append(a.resources, it.Value)
		a.literals = append(a.literals, it.Value)
	}
	return sa, nil
}

// addPrincipal adds the AWS principals, services and federated providers
// of a statement's Principal element.
func (a *atoms) addPrincipal(pr *policy.Principal) error {
	for _, it := range pr.AWS {
		if policy.IsPlaceholder(it.Value) {
			continue
		}
		a.aws = append(a.aws, it.Value)
		a.literals = append(a.literals, it.Value)
		if strings.HasPrefix(it.Value, "AIDA") || strings.HasPrefix(it.Value, "AROA") {
			return unsup("Principal %q at %s names a unique ID, which the enumeration does not model", it.Value, it.Pos)
		}
	}
	for _, it := range pr.Service {
		if !policy.IsPlaceholder(it.Value) {
			a.services = append(a.services, it.Value)
		}
	}
	for _, it := range pr.Federated {
		if policy.IsPlaceholder(it.Value) {
			continue
		}
		a.providers = append(a.providers, it.Value)
		a.literals = append(a.literals, it.Value)
	}
	return nil
}

// addCondition adds the values of the condition clause c as literals and
// records the clause on its key, and the key on the statement's atoms sa,
// unless the key is one the enumeration derives or does not model.
func (a *atoms) addCondition(c *policy.Condition, vars bool, sa *stmtAtoms) error {
	op, err := conditions.ParseOperator(c.Operator)
	if err != nil {
		return err
	}
	key := conditions.CanonicalKey(c.Key)
	vals := make([]string, 0, len(c.Values))
	for _, v := range c.Values {
		if policy.IsPlaceholder(v.Value) {
			continue
		}
		vals = append(vals, v.Value)
		if vars && op.Base.AllowsVariables() && hasVar(v.Value) {
			return unsup("policy variable in the value %q of %s at %s ties the context to other request values", v.Value, c.Key, v.Pos)
		}
		a.literals = append(a.literals, v.Value)
	}
	if why, ok := unsupportedKeys[key]; ok {
		return unsup("%s (at %s)", why, c.KeyPos)
	}
	switch {
	case key == keyPrincipalArn:
		if op.Base.Family() != conditions.FamilyNull {
			return a.addPrincipalPatterns(op, vals)
		}
	case key == keyPrincipalAccount || key == keyResourceAccount:
		return checkAccountClause(c, op, vals)
	case key == keyServiceName:
		return a.addServiceNames(c, vals)
	case derivedFromEnumeration[key]:
	default:
		a.keys[key] = append(a.keys[key], clauseUse{op: op, values: vals})
		sa.keys = append(sa.keys, key)
	}
	return nil
}

// addPrincipalPatterns adds the ARN patterns of the values of a clause
// with operator op on aws:PrincipalArn.
func (a *atoms) addPrincipalPatterns(op conditions.Operator, vals []string) error {
	for _, v := range vals {
		pat, err := arnKeyPattern(op, v)
		if err != nil {
			return err
		}
		a.principals = append(a.principals, pat)
	}
	return nil
}

// checkAccountClause rejects the clauses on an account key that the
// enumeration of accounts (the IDs the policies name and two fresh ones)
// does not cover: those of another family than String and Null (a numeric
// comparison would tell accounts apart that no policy names), and wildcard
// patterns other than "*".
func checkAccountClause(c *policy.Condition, op conditions.Operator, vals []string) error {
	switch op.Base.Family() {
	case conditions.FamilyNull:
		return nil
	case conditions.FamilyString:
	default:
		return unsup("operator %s on %s at %s is not modelled", op, c.Key, c.KeyPos)
	}
	if op.Base != conditions.StringLike && op.Base != conditions.StringNotLike {
		return nil
	}
	for _, v := range vals {
		if v != "*" && strings.ContainsAny(v, "*?") {
			return unsup("the wildcard account pattern %q of %s at %s is not modelled", v, c.Key, c.KeyPos)
		}
	}
	return nil
}

// addServiceNames adds the service names of the values of clause c on
// aws:PrincipalServiceName, which must hold no wildcard but "*".
func (a *atoms) addServiceNames(c *policy.Condition, vals []string) error {
	for _, v := range vals {
		if strings.ContainsAny(v, "*?") && v != "*" {
			return unsup("the wildcard service name %q of %s at %s is not modelled", v, c.Key, c.KeyPos)
		}
		a.services = append(a.services, v)
	}
	return nil
}

// arnKeyPattern returns the per-section ARN pattern a clause on an
// ARN-valued key applies: ArnLike values as they are; String values only
// when their first five sections hold no wildcard (then the text and the
// per-section readings agree on every ARN).
func arnKeyPattern(op conditions.Operator, v string) (string, error) {
	switch op.Base.Family() {
	case conditions.FamilyARN:
		return v, nil
	case conditions.FamilyString:
		if v == "*" && (op.Base == conditions.StringLike || op.Base == conditions.StringNotLike) {
			return "*", nil
		}
		parts := strings.SplitN(v, ":", 6)
		if len(parts) == 6 {
			head := strings.Join(parts[:5], ":")
			if !strings.ContainsAny(head, "*?") || (op.Base != conditions.StringLike && op.Base != conditions.StringNotLike) {
				if op.Base == conditions.StringEqualsIgnoreCase || op.Base == conditions.StringNotEqualsIgnoreCase {
					return "", unsup("case-insensitive comparison of ARN-valued key with %q is not modelled", v)
				}
				if op.Base == conditions.StringEquals || op.Base == conditions.StringNotEquals {
					if strings.ContainsAny(v, "*?") {
						return "", unsup("StringEquals value %q on an ARN-valued key holds wildcard characters, which the enumeration does not model", v)
					}
				}
				return v, nil
			}
		}
		return "", unsup("the string pattern %q on an ARN-valued key spans ARN sections; not modelled", v)
	}
	return "", unsup("operator %s on an ARN-valued key is not modelled", op)
}

// accounts returns the account representatives: every 12-digit literal the
// policies hold, and two fresh accounts, so that "equal" and "different"
// are both realised for accounts no policy names.
func (a *atoms) accounts() []string {
	set := map[string]bool{}
	for _, s := range a.literals {
		// Every run of exactly twelve digits (two IDs separated by one
		// character are two runs).
		for i := 0; i < len(s); {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j-i == 12 {
				set[s[i:j]] = true
			}
			i = max(j, i+1)
		}
	}
	out := make([]string, 0, len(set)+2)
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	n := 0
	for f := 900000000001; n < 2; f++ {
		s := fmt.Sprint(f)
		if !set[s] {
			out = append(out, s)
			n++
		}
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// freshAccounts are the two accounts accounts() added.
func freshAccounts(acc []string) []string { return acc[len(acc)-2:] }

// ---- ARN spaces ----

// arnSpace builds representative ARNs for a set of per-section patterns:
// one per combination of pattern outcomes, section specials and account.
type arnSpace struct {
	patterns []string
	need     feature // the features of resources to realise (specialsFor)
	acc      []string
	maxComb  int
	// values: the ARNs are values of a condition key, not resources, so
	// their sections are any text a context value may hold, empty ones
	// included ("arn:aws:s3:::" is a value ArnLike "arn:aws:s3:::"
	// matches, "arn:foo:s3:::b" one ArnLike "arn:*:s3:::b" matches), and
	// an account may be any text the patterns name.
	values bool
}

type arnRep struct {
	arn     string
	account string // the account section
	bits    bits   // which patterns it matches
	special string // the special shapes it has, where they matter
}

func splitPattern(p string) ([5]string, bool) {
	if n := arn.ShortParts(p); n > 0 {
		if !arn.ShortWildcard(p) {
			return [5]string{}, false
		}
		parts := strings.Split(p, ":")[1:]
		for len(parts) < 5 {
			parts = append(parts, "*")
		}
		return [5]string(parts), true
	}
	sec, ok := arn.Split(p)
	if !ok {
		return [5]string{}, false
	}
	return [5]string{sec.Partition, sec.Service, sec.Region, sec.Account, sec.Resource}, true
}

func lowerAlnumDash(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' }

// sectionText is what a section of an ARN value other than the resource
// may hold: printable text without the colon that ends it.
func sectionText(r rune) bool { return printable(r) && r != ':' }
func printable(r rune) bool {
	return r > ' ' && r != 0x7f && r != 0xFFFD
}

type bits []uint64

func newBits(n int) bits      { return make(bits, (n+63)/64) }
func (b bits) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bits) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// key returns b as a map key.
func (b bits) key() string { return string(b.appendKey(nil)) }

// appendKey appends the words of b to dst, eight bytes each.
func (b bits) appendKey(dst []byte) []byte {
	for _, w := range b {
		dst = binary.LittleEndian.AppendUint64(dst, w)
	}
	return dst
}

// and returns the intersection of b and c, which have the same length.
func (b bits) and(c bits) bits {
	out := make(bits, len(b))
	for w := range b {
		out[w] = b[w] & c[w]
	}
	return out
}

// ones returns the set of n bits, all set.
func ones(n int) bits {
	b := newBits(n)
	for i := range n {
		b.set(i)
	}
	return b
}

type secRep struct {
	s       string
	bits    bits
	special string
}

func (sp arnSpace) build() ([]arnRep, error) {
	n := len(sp.patterns)
	var secs [5][]string // per pattern section text
	valid := make([]bool, n)
	for i, p := range sp.patterns {
		parts, ok := splitPattern(p)
		valid[i] = ok
		if ok && parts[3] != "*" && strings.ContainsAny(parts[3], "*?") {
			// Accounts are enumerated from the literal IDs: a partial
			// wildcard would leave the IDs it matches unrepresented.
			return nil, unsup("the wildcard account section of %q is not modelled", p)
		}
		for k := range 5 {
			secs[k] = append(secs[k], parts[k])
		}
	}
	// globsFor returns the globs of the distinct texts of section k, and
	// the index of each pattern's among them: patterns that share a
	// section (a policy and its copy) are searched once.
	globsFor := func(k int) ([]glob, []int) {
		var gs []glob
		idx := make([]int, n)
		at := map[string]int{}
		for i := range n {
			j, ok := at[secs[k][i]]
			if !ok {
				j = len(gs)
				at[secs[k][i]] = j
				gs = append(gs, newGlob(secs[k][i], true, false))
			}
			idx[i] = j
		}
		return gs, idx
	}
	var reps [5][]secRep
	matched := make([]bool, n)
	evalRep := func(gs []glob, idx []int, s string, specials []glob) secRep {
		for j, g := range gs {
			matched[j] = g.match(s)
		}
		b := newBits(n)
		for i := range n {
			if valid[i] && matched[idx[i]] {
				b.set(i)
			}
		}
		var sb strings.Builder
		for _, g := range specials {
			if g.match(s) {
				sb.WriteByte('1')
			} else {
				sb.WriteByte('0')
			}
		}
		return secRep{s: s, bits: b, special: sb.String()}
	}
	dedupe := func(rs []secRep) []secRep {
		seen := map[string]bool{}
		var out []secRep
		for _, r := range rs {
			k := r.bits.key() + r.special
			if !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
		return out
	}
	// Partitions: the real ones; for values, also those a search of the
	// partition sections finds.
	{
		gs, idx := globsFor(0)
		for _, p := range arn.Partitions() {
			reps[0] = append(reps[0], evalRep(gs, idx, p, nil))
		}
		if sp.values {
			res, err := searchSpec{globs: gs, allowed: sectionText, fresh: freshRunes, minLen: 0, perVector: 1, maxStates: 200000}.run()
			if err != nil {
				return nil, err
			}
			for _, r := range res {
				reps[0] = append(reps[0], evalRep(gs, idx, r.s, nil))
			}
		}
		reps[0] = dedupe(reps[0])
	}
	type secCfg struct {
		allowed  func(rune) bool
		minLen   int
		specials []glob
	}
	cfgs := map[int]secCfg{
		1: {lowerAlnumDash, 1, nil},
		2: {lowerAlnumDash, 0, []glob{newGlob("", false, false)}},
		4: {printable, 1, nil},
	}
	if sp.need != 0 {
		svc, res := specialsFor(sp.need)
		cfgs[1] = secCfg{lowerAlnumDash, 1, svc}
		cfgs[4] = secCfg{printable, 1, res}
	}
	if sp.values {
		cfgs[1] = secCfg{sectionText, 0, nil}
		cfgs[2] = secCfg{sectionText, 0, cfgs[2].specials}
		cfgs[4] = secCfg{printable, 0, nil}
	}
	for _, k := range []int{1, 2, 4} {
		c := cfgs[k]
		gs, idx := globsFor(k)
		all := append(slices.Clone(gs), c.specials...)
		res, err := searchSpec{globs: all, allowed: c.allowed, fresh: freshRunes, minLen: c.minLen, perVector: 1, maxStates: 200000}.run()
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			reps[k] = append(reps[k], evalRep(gs, idx, r.s, c.specials))
		}
		reps[k] = dedupe(reps[k])
	}
	{
		gs, idx := globsFor(3)
		accs := append(slices.Clone(sp.acc), "", "aws")
		if sp.values {
			// Any text the patterns name as an account ("x", "12345"),
			// and one none names.
			for _, a := range secs[3] {
				if !strings.ContainsAny(a, "*?") {
					accs = append(accs, a)
				}
			}
			accs = append(accs, "x")
		}
		for _, a := range accs {
			reps[3] = append(reps[3], evalRep(gs, idx, a, nil))
		}
		if sp.values {
			reps[3] = dedupe(reps[3])
		}
	}
	return sp.combine(reps, n)
}

// partialARN is the product of the first sections of a representative
// ARN: its text, the patterns that match those sections, the special
// shapes that matter so far, and its account once the account section is
// in.
type partialARN struct {
	text       string
	bits       bits
	spec       string
	svcSpecial bool // the service is iam or kms: the region and resource shapes matter
	account    string
}

// combine returns the representative ARNs of the sections' representatives
// reps: one per combination of whole-pattern outcomes (the intersection of
// the sections' bits), special shapes and account.
//
// It extends the ARNs one section at a time and keeps, at each step, the
// first partial ARN of each (bits so far, special shapes so far, account):
// two partial ARNs that agree on those give the same final bits, shapes and
// account for every choice of the sections left, so dropping the second
// loses no final combination; and since the first one found is kept at
// every step, the result is the one the full product, walked in order and
// deduplicated on the final combination, gives.
func (sp arnSpace) combine(reps [5][]secRep, n int) ([]arnRep, error) {
	parts := []partialARN{{text: "arn", bits: ones(n)}}
	var kb []byte
	for k := range 5 {
		if len(parts)*len(reps[k]) > sp.maxComb {
			return nil, unsup("the ARN patterns have more than %d section combinations, more than the budget allows", sp.maxComb)
		}
		seen := map[string]bool{}
		next := make([]partialARN, 0, len(parts))
		for _, p := range parts {
			for _, s := range reps[k] {
				spec, svcSpecial, account := p.spec, p.svcSpecial, p.account
				switch {
				case k == 1:
					// The resource shapes matter to the evaluator only for
					// iam and kms ARNs, the empty region only for iam.
					spec, svcSpecial = s.special, strings.Contains(s.special, "1")
				case k == 3:
					account = s.s
				case svcSpecial:
					spec += s.special
				}
				kb = kb[:0]
				for w := range p.bits {
					kb = binary.LittleEndian.AppendUint64(kb, p.bits[w]&s.bits[w])
				}
				kb = append(append(append(append(kb, '|'), spec...), '|'), account...)
				if seen[string(kb)] {
					continue
				}
				seen[string(kb)] = true
				next = append(next, partialARN{text: p.text + ":" + s.s, bits: p.bits.and(s.bits), spec: spec, svcSpecial: svcSpecial, account: account})
			}
		}
		parts = next
	}
	out := make([]arnRep, len(parts))
	for i, p := range parts {
		out[i] = arnRep{arn: p.text, account: p.account, bits: p.bits, special: p.spec}
	}
	return out, nil
}

// ---- action space ----

func actionChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
}

// actionReps returns one action per combination of the patterns' outcomes
// within each service the policies name, the actions the evaluator treats
// apart, one action of a service no pattern names, and extra (Options).
// When the check asks about actions (restrict), only their services are
// searched: check.actionsAsked keeps no other. Nor are the services inert
// says check.liveActions drops every action of, but sts:GetCallerIdentity,
// which it keeps.
func actionReps(patterns, extra []string, restrict []string, inert func(svc string) bool) ([]string, error) {
	bySvc := map[string][]glob{}
	for _, p := range append(slices.Clone(patterns), restrict...) {
		if p == "*" {
			continue
		}
		svc, name, ok := strings.Cut(p, ":")
		if !ok {
			continue
		}
		svc = strings.ToLower(svc)
		bySvc[svc] = append(bySvc[svc], newGlob(name, true, true))
	}
	// The actions the evaluator treats apart count in every service, for
	// NotAction and "*" reach them.
	for _, c := range actionClasses {
		for _, n := range c.names {
			bySvc[c.svc] = append(bySvc[c.svc], newGlob(n, false, true))
		}
	}
	svcs := make([]string, 0, len(bySvc))
	for s := range bySvc {
		if asked(restrict, s) {
			svcs = append(svcs, s)
		}
	}
	sort.Strings(svcs)
	seen := map[string]bool{}
	var out []string
	addA := func(a string) {
		if !seen[strings.ToLower(a)] {
			seen[strings.ToLower(a)] = true
			out = append(out, a)
		}
	}
	// The known names first: mergeActions keeps the first action of each
	// cell, so a witness names a real action where one falls in its cell.
	for _, a := range extra {
		addA(a)
	}
	for _, svc := range svcs {
		if inert != nil && inert(svc) {
			// The search would find it (it is a literal of its own), and
			// liveActions may keep it.
			if svc == "sts" {
				addA("sts:GetCallerIdentity")
			}
			continue
		}
		res, err := searchSpec{globs: bySvc[svc], allowed: actionChar, fresh: freshRunes, minLen: 1, perVector: 1, maxStates: 200000}.run()
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			addA(svc + ":" + r.s)
		}
	}
	fresh := "q"
	for bySvc[fresh] != nil {
		fresh += "q"
	}
	addA(fresh + ":Q")
	return out, nil
}

// asked reports whether the actions restrict, when there are any, name
// service svc (lower case) or "*".
func asked(restrict []string, svc string) bool {
	if len(restrict) == 0 {
		return true
	}
	for _, p := range restrict {
		ps, _, _ := strings.Cut(p, ":")
		if p == "*" || strings.EqualFold(ps, svc) {
			return true
		}
	}
	return false
}

// ---- principal space ----

type principalRep struct {
	principal, issuer, account string
	kind                       evaluator.PrincipalKind
}

func nameChar(slash bool) func(rune) bool {
	return func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+=,.@_-", r) || (slash && r == '/')
	}
}

func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// principalReps enumerates callers: for each partition class and account,
// the root user, users, role sessions and federated users whose names
// realise every outcome of the principal patterns; each literal session;
// each service and identity provider named, and a fresh one of each; and
// the anonymous caller. With sso, the sessions of IAM Identity Center's
// service-linked role are among the role sessions: the evaluator lets
// them change the roles it reserves (ssoManages), which matters only to
// the actions that write roles.
func (a *atoms) principalReps(acc []string, sso bool) ([]principalRep, error) {
	resParts, partGlobs, sessions, err := a.principalGlobs(sso)
	if err != nil {
		return nil, err
	}
	names, err := principalNames(resParts)
	if err != nil {
		return nil, err
	}
	var out []principalRep
	for _, p := range partitionClasses(partGlobs) {
		for _, ac := range acc {
			out = a.accountPrincipals(out, p, ac, names)
		}
	}
	out = appendSessionReps(out, sessions)
	out = appendServiceReps(out, a.services)
	out = appendProviderReps(out, a.providers)
	out = append(out, principalRep{principal: "", kind: evaluator.Anonymous})
	return out, nil
}

// principalGlobs returns the globs of the resource and partition sections
// of the principals the policies name (in Principal elements and in
// aws:PrincipalArn patterns), with the path of the SSO service role when
// sso, and the literal role sessions among them.
func (a *atoms) principalGlobs(sso bool) (resParts, partGlobs []glob, sessions []string, err error) {
	for _, v := range a.aws {
		if sec, ok := arn.Split(v); ok {
			resParts = append(resParts, newGlob(sec.Resource, false, false))
			partGlobs = append(partGlobs, newGlob(sec.Partition, false, false))
			if strings.HasPrefix(sec.Resource, "assumed-role/") {
				sessions = append(sessions, v)
			}
		}
	}
	for _, p := range a.principals {
		if p == "*" {
			continue
		}
		parts, ok := splitPattern(p)
		if !ok {
			continue
		}
		if parts[3] != "*" && strings.ContainsAny(parts[3], "*?") {
			return nil, nil, nil, unsup("the wildcard account section of %q is not modelled", p)
		}
		resParts = append(resParts, newGlob(parts[4], true, false))
		partGlobs = append(partGlobs, newGlob(parts[0], true, false))
	}
	if sso {
		resParts = append(resParts, newGlob("role/aws-service-role/sso.amazonaws.com/*", true, false))
	}
	return resParts, partGlobs, sessions, nil
}

// principalNames returns, for each of "user/", "role/" and
// "federated-user/", the names that realise every outcome of the resource
// globs resParts.
func principalNames(resParts []glob) (map[string][]string, error) {
	names := map[string][]string{}
	for _, kind := range []string{"user/", "role/", "federated-user/"} {
		res, err := searchSpec{globs: resParts, prefix: kind, allowed: nameChar(kind != "federated-user/"), fresh: freshRunes, minLen: 1, perVector: 1, maxStates: 200000, components: true}.run()
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			names[kind] = append(names[kind], r.s)
		}
	}
	return names, nil
}

// partitionClasses returns one partition of each class the partition
// globs make: partitions that match the same globs are one class.
func partitionClasses(partGlobs []glob) []string {
	var parts []string
	seenP := map[string]bool{}
	for _, p := range arn.Partitions() {
		var sb strings.Builder
		for _, g := range partGlobs {
			if g.match(p) {
				sb.WriteByte('1')
			} else {
				sb.WriteByte('0')
			}
		}
		if !seenP[sb.String()] {
			seenP[sb.String()] = true
			parts = append(parts, p)
		}
	}
	return parts
}

// accountPrincipals appends to out the callers of account ac in partition
// p: its root user, users, role sessions and federated users (each also
// as issued by each user the policies name in that account).
func (a *atoms) accountPrincipals(out []principalRep, p, ac string, names map[string][]string) []principalRep {
	pre := "arn:" + p + ":iam::" + ac + ":"
	out = append(out, principalRep{principal: pre + "root", account: ac, kind: evaluator.RootUser})
	for _, u := range names["user/"] {
		out = append(out, principalRep{principal: pre + "user/" + u, account: ac, kind: evaluator.IAMUser})
	}
	for _, r := range names["role/"] {
		out = append(out, principalRep{principal: "arn:" + p + ":sts::" + ac + ":assumed-role/" + lastPart(r) + "/s", issuer: pre + "role/" + r, account: ac, kind: evaluator.RoleSession})
	}
	for _, f := range names["federated-user/"] {
		fp := "arn:" + p + ":sts::" + ac + ":federated-user/" + f
		out = append(out, principalRep{principal: fp, account: ac, kind: evaluator.FederatedUser})
		for _, u := range a.aws {
			if strings.HasPrefix(u, pre+"user/") {
				out = append(out, principalRep{principal: fp, issuer: u, account: ac, kind: evaluator.FederatedUser})
			}
		}
	}
	return out
}

// appendSessionReps appends to out each literal role session, issued by
// its role.
func appendSessionReps(out []principalRep, sessions []string) []principalRep {
	for _, s := range sessions {
		sec, _ := arn.Split(s)
		rest := strings.TrimPrefix(sec.Resource, "assumed-role/")
		role, _, _ := strings.Cut(rest, "/")
		out = append(out, principalRep{principal: s, issuer: "arn:" + sec.Partition + ":iam::" + sec.Account + ":role/" + role, account: sec.Account, kind: evaluator.RoleSession})
	}
	return out
}

// appendServiceReps appends to out each service principal named (lower
// case, "*" and "" left out) and a fresh one, in name order.
func appendServiceReps(out []principalRep, services []string) []principalRep {
	svcs := map[string]bool{}
	for _, s := range services {
		if s != "*" && s != "" {
			svcs[strings.ToLower(s)] = true
		}
	}
	fresh := "qfresh.amazonaws.com"
	svcList := []string{fresh}
	for s := range svcs {
		svcList = append(svcList, s)
	}
	sort.Strings(svcList)
	for _, s := range svcList {
		out = append(out, principalRep{principal: s, kind: evaluator.ServicePrincipal})
	}
	return out
}

// appendProviderReps appends to out each identity provider named (an OIDC
// provider's ARN also as its host) and a fresh one, in name order.
func appendProviderReps(out []principalRep, providers []string) []principalRep {
	provs := map[string]bool{"qfresh.example.com": true}
	for _, p := range providers {
		provs[p] = true
		if sec, ok := arn.Split(p); ok && strings.HasPrefix(sec.Resource, "oidc-provider/") {
			provs[strings.TrimPrefix(sec.Resource, "oidc-provider/")] = true
		}
	}
	var provList []string
	for p := range provs {
		provList = append(provList, p)
	}
	sort.Strings(provList)
	for _, p := range provList {
		out = append(out, principalRep{principal: "federated:" + p, kind: evaluator.IdentityProvider})
	}
	return out
}

// ---- context values ----

// valueReps returns the values of one key that realise every combination
// of the outcomes of its clauses, and whether the key must always be
// present. Families are not mixed, except String with ARN when the string
// patterns read as ARN patterns.
func valueReps(key string, uses []clauseUse, acc []string, maxComb int) (vals []string, err error) {
	fams := familiesOf(uses)
	if fams[conditions.FamilyARN] {
		return arnValueReps(uses, acc, maxComb)
	}
	if len(fams) > 1 {
		return nil, unsup("condition key %s is compared by operators of different families; not modelled", key)
	}
	var fam conditions.Family = conditions.FamilyNull
	for f := range fams {
		fam = f
	}
	var all []string
	for _, u := range uses {
		all = append(all, u.values...)
	}
	switch fam {
	case conditions.FamilyNull:
		return []string{"x"}, nil
	case conditions.FamilyString:
		return stringValueReps(uses)
	case conditions.FamilyNumeric:
		return numericReps(all), nil
	case conditions.FamilyDate:
		return dateValueReps(all)
	case conditions.FamilyIP:
		return ipReps(all), nil
	case conditions.FamilyBool:
		return []string{"true", "false"}, nil
	case conditions.FamilyBinary:
		return binaryReps(all), nil
	}
	return nil, unsup("condition key %s: family not modelled", key)
}

// familiesOf returns the operator families of uses, but Null.
func familiesOf(uses []clauseUse) map[conditions.Family]bool {
	fams := map[conditions.Family]bool{}
	for _, u := range uses {
		if f := u.op.Base.Family(); f != conditions.FamilyNull {
			fams[f] = true
		}
	}
	return fams
}

// arnValueReps returns the ARNs that realise every combination of the ARN
// patterns of uses (their values read as ARN patterns, "*" left out).
func arnValueReps(uses []clauseUse, acc []string, maxComb int) ([]string, error) {
	var pats []string
	for _, u := range uses {
		if u.op.Base.Family() == conditions.FamilyNull {
			continue
		}
		for _, v := range u.values {
			p, err := arnKeyPattern(u.op, v)
			if err != nil {
				return nil, err
			}
			if p != "*" {
				pats = append(pats, p)
			}
		}
	}
	reps, err := arnSpace{patterns: pats, acc: acc, maxComb: maxComb, values: true}.build()
	if err != nil {
		return nil, err
	}
	var vals []string
	for _, r := range reps {
		vals = append(vals, r.arn)
	}
	return vals, nil
}

// stringValueReps returns the strings that realise every combination of
// the outcomes of the String clauses uses: their values are globs for the
// Like operators, case-insensitive literals for the IgnoreCase ones, and
// literals otherwise.
func stringValueReps(uses []clauseUse) ([]string, error) {
	var gs []glob
	for _, u := range uses {
		for _, v := range u.values {
			switch u.op.Base {
			case conditions.StringLike, conditions.StringNotLike:
				gs = append(gs, newGlob(v, true, false))
			case conditions.StringEqualsIgnoreCase, conditions.StringNotEqualsIgnoreCase:
				gs = append(gs, newGlob(v, false, true))
			default:
				gs = append(gs, newGlob(v, false, false))
			}
		}
	}
	res, err := searchSpec{globs: gs, allowed: func(r rune) bool { return r >= ' ' && r != 0x7f && r != 0xFFFD }, fresh: freshRunes, minLen: 0, perVector: 1, maxStates: 200000}.run()
	if err != nil {
		return nil, err
	}
	var vals []string
	for _, r := range res {
		vals = append(vals, r.s)
	}
	return vals, nil
}

// dateValueReps returns an instant, in RFC 3339, in every cell of the
// partition the date values all make. An instant RFC 3339 cannot write
// (a year past 9999 or before 1) is unsupported: the evaluator would not
// read it, and the cell would go untested.
func dateValueReps(all []string) ([]string, error) {
	ts, err := dateBoundaries(all)
	if err != nil {
		return nil, err
	}
	var vals []string
	for _, t := range instantReps(ts) {
		if y := t.UTC().Year(); y < 1 || y > 9999 {
			return nil, unsup("a date value of %v is beyond the years RFC 3339 writes; not modelled", all)
		}
		vals = append(vals, t.UTC().Format(time.RFC3339Nano))
	}
	return vals, nil
}

// binaryReps returns the binary values all that are base64, one text for
// each decoded value (BinaryEquals compares bytes: "cQ==" and "cR==" are
// both "q"), and a value none of them decodes to.
func binaryReps(all []string) []string {
	var vals []string
	seen := map[string]bool{} // decoded bytes
	for _, v := range all {
		// A value that is not base64 as the evaluator reads it (padded, no
		// line breaks) equals nothing, and is no request's value: the
		// fresh value below stands for it.
		if conditions.CheckValue(conditions.BinaryEquals, v) != nil {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil || seen[string(b)] {
			continue
		}
		seen[string(b)] = true
		vals = append(vals, v)
	}
	fresh := []byte{'q'}
	for seen[string(fresh)] {
		fresh = append(fresh, 'q')
	}
	return append(vals, base64.StdEncoding.EncodeToString(fresh))
}

func numericReps(vals []string) []string {
	var bs []*big.Rat
	for _, v := range vals {
		r, ok := new(big.Rat).SetString(strings.TrimPrefix(v, "+"))
		if ok && !strings.ContainsAny(v, "eE/") {
			bs = append(bs, r)
		}
	}
	if len(bs) == 0 {
		return []string{"0"}
	}
	slices.SortFunc(bs, func(a, b *big.Rat) int { return a.Cmp(b) })
	bs = slices.CompactFunc(bs, func(a, b *big.Rat) bool { return a.Cmp(b) == 0 })
	var out []*big.Rat
	one := big.NewRat(1, 1)
	out = append(out, new(big.Rat).Sub(bs[0], one))
	for i, b := range bs {
		out = append(out, b)
		if i+1 < len(bs) {
			m := new(big.Rat).Add(b, bs[i+1])
			out = append(out, m.Quo(m, big.NewRat(2, 1)))
		}
	}
	out = append(out, new(big.Rat).Add(bs[len(bs)-1], one))
	var s []string
	for _, r := range out {
		s = append(s, decimal(r))
	}
	return s
}

// decimal writes r, which has a finite decimal expansion (a sum and halves
// of decimals), exactly.
func decimal(r *big.Rat) string {
	for prec := 0; prec < 400; prec++ {
		s := r.FloatString(prec)
		back, _ := new(big.Rat).SetString(s)
		if back.Cmp(r) == 0 {
			return s
		}
	}
	return r.FloatString(400)
}

var dateLayouts = []string{
	"2006-01", "2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
}

func parseDate(v string) (time.Time, bool) {
	if isDigits(v) && v != "" {
		// Decimal, as the evaluator reads it: "0100" is 100 seconds.
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func dateBoundaries(vals []string) ([]time.Time, error) {
	var ts []time.Time
	for _, v := range vals {
		t, ok := parseDate(v)
		if !ok {
			// The evaluator reads such a value as never equal; an invalid
			// date the analysis cannot place is reported, not guessed.
			return nil, unsup("the date value %q is not understood by the analysis", v)
		}
		if t.Nanosecond() != 0 || subSecond(v) {
			return nil, unsup("the date value %q has sub-second precision; not modelled", v)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// subSecond reports whether the date text v has a non-zero digit in a
// fraction of a second. time.Parse keeps nine digits and drops the rest;
// the evaluator compares them all.
func subSecond(v string) bool {
	i := strings.IndexByte(v, '.')
	if i < 0 {
		return false
	}
	for _, c := range v[i+1:] {
		if c < '0' || c > '9' {
			break
		}
		if c != '0' {
			return true
		}
	}
	return false
}

// instantReps returns, for boundaries at whole seconds, an instant in every
// cell of the partition they make: each boundary, the second before it,
// and half a second and a second after it. Between two boundaries a
// second apart the only instants are fractions of a second: request
// times are read to the nanosecond.
func instantReps(ts []time.Time) []time.Time {
	if len(ts) == 0 {
		return []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	type instant struct{ sec, nsec int64 }
	seen := map[instant]bool{}
	var out []time.Time
	for _, t := range ts {
		for _, d := range []time.Duration{-time.Second, 0, time.Second / 2, time.Second} {
			u := t.Add(d).UTC()
			if at := (instant{u.Unix(), int64(u.Nanosecond())}); !seen[at] {
				seen[at] = true
				out = append(out, u)
			}
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

func ipReps(vals []string) []string {
	seen := map[netip.Addr]bool{}
	var out []string
	add := func(a netip.Addr) {
		if a.IsValid() && !seen[a] {
			seen[a] = true
			out = append(out, a.String())
		}
	}
	v4, v6 := false, false
	for _, v := range vals {
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, err := netip.ParseAddr(v)
			if err != nil {
				continue
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		p = p.Masked()
		first := p.Addr()
		last := lastAddr(p)
		add(first)
		add(last)
		add(first.Prev())
		add(last.Next())
		if first.Is4() {
			v4 = true
		} else {
			v6 = true
		}
	}
	if !v4 {
		add(netip.MustParseAddr("192.0.2.1"))
	}
	if !v6 {
		add(netip.MustParseAddr("2001:db8::1"))
	}
	return out
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	bitsN := p.Bits()
	for i := range b {
		for j := 0; j < 8; j++ {
			if i*8+j >= bitsN {
				b[i] |= 1 << (7 - j)
			}
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
