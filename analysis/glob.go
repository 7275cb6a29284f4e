package analysis

import (
	"encoding/binary"
	"errors"
	mbits "math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A glob is a compiled pattern over one string: literal characters
// (optionally compared with Unicode simple case folding, as
// strings.EqualFold does), '?' (exactly one code point) and '*' (any run
// of code points). It is the shape of every string predicate a policy
// applies: action names, the sections of ARN patterns, StringEquals,
// StringEqualsIgnoreCase and StringLike values.
type glob struct {
	toks []tok
}

type tokKind uint8

const (
	tLit tokKind = iota
	tOne
	tStar
)

type tok struct {
	kind tokKind
	r    rune
	fold bool
}

// newGlob compiles s. With wild, '*' and '?' are wildcards; otherwise s is
// literal text. With fold, literals compare without regard to case.
func newGlob(s string, wild, fold bool) glob {
	var g glob
	for _, r := range s {
		switch {
		case wild && r == '*':
			if n := len(g.toks); n > 0 && g.toks[n-1].kind == tStar {
				continue
			}
			g.toks = append(g.toks, tok{kind: tStar})
		case wild && r == '?':
			g.toks = append(g.toks, tok{kind: tOne})
		default:
			g.toks = append(g.toks, tok{kind: tLit, r: r, fold: fold})
		}
	}
	return g
}

// match reports whether the glob matches s (used to evaluate predicates on
// fixed values such as partitions; the search below never calls it).
func (g glob) match(s string) bool {
	if len(g.toks) < 64 {
		return g.matchWord(s)
	}
	return g.matchSets(s)
}

// matchSets is match over state sets, for globs of any length.
func (g glob) matchSets(s string) bool {
	st := g.start()
	for _, r := range s {
		st = g.step(st, r)
		if st.empty() {
			return false
		}
	}
	return st.has(len(g.toks))
}

// matchWord is match for a glob of at most 63 tokens, its state set in
// one word.
func (g glob) matchWord(s string) bool {
	var star uint64
	for k, t := range g.toks {
		if t.kind == tStar {
			star |= 1 << k
		}
	}
	closeW := func(x uint64) uint64 { return x | (x&star)<<1 }
	x := closeW(1)
	for _, r := range s {
		var n uint64
		for y := x; y != 0; y &= y - 1 {
			k := mbits.TrailingZeros64(y)
			if k == len(g.toks) {
				continue
			}
			switch t := g.toks[k]; t.kind {
			case tStar:
				n |= 1 << k
			case tOne:
				n |= 1 << (k + 1)
			case tLit:
				if t.r == r || (t.fold && foldEq(t.r, r)) {
					n |= 1 << (k + 1)
				}
			}
		}
		if x = closeW(n); x == 0 {
			return false
		}
	}
	return x&(1<<len(g.toks)) != 0
}

// stateSet is a set of glob positions (0..len(toks)).
type stateSet []uint64

func (s stateSet) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }
func (s stateSet) add(i int)      { s[i>>6] |= 1 << (i & 63) }
func (s stateSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (g glob) newSet() stateSet { return make(stateSet, (len(g.toks)+1+63)/64) }

// close adds the positions reachable by letting a '*' match nothing.
func (g glob) close(s stateSet) stateSet {
	for i := range g.toks {
		if s.has(i) && g.toks[i].kind == tStar {
			s.add(i + 1)
		}
	}
	return s
}

func (g glob) start() stateSet {
	s := g.newSet()
	s.add(0)
	return g.close(s)
}

func (g glob) step(s stateSet, r rune) stateSet {
	n := g.newSet()
	for i, t := range g.toks {
		if !s.has(i) {
			continue
		}
		switch t.kind {
		case tStar:
			n.add(i)
		case tOne:
			n.add(i + 1)
		case tLit:
			if t.r == r || (t.fold && foldEq(t.r, r)) {
				n.add(i + 1)
			}
		}
	}
	return g.close(n)
}

func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// errSearchBudget is returned when the product automaton has more states
// than the search may visit.
var errSearchBudget = errors.New("the string patterns of one dimension have too many combinations")

// search is the representative-string construction: a breadth-first search
// over the product of the globs' automata, over an alphabet made of every
// literal character of the globs (with its case-fold orbit when a glob
// folds) plus fresh characters that no glob names. It returns, for every
// vector of "matches / does not match" that some string over the allowed
// characters realises, up to perVector shortest strings realising it.
//
// Why this is complete: map every character of any string that is not in
// the alphabet to a fresh character of the same class (allowed by the same
// domain). No glob literal equals either character, nor folds to it, and
// '?' and '*' accept both, so every glob decides the image as it decides
// the original; the image is over the alphabet, and the search visits every
// product state reachable over the alphabet.
//
// allowed restricts the characters (nil: any character); minLen is the
// shortest string that counts (0 or 1). maxStates bounds the search.
type searchSpec struct {
	globs     []glob
	prefix    string // consumed by every glob before the search starts
	allowed   func(rune) bool
	fresh     []rune // candidates for fresh characters, in order of preference
	minLen    int
	perVector int
	maxStates int
	// components: the string is '/'-separated components, none empty
	// (IAM names with paths): no leading, trailing or double '/'.
	components bool
	// slow turns off the one-word fast path (for tests).
	slow bool
}

type searchResult struct {
	vec string // one byte per glob: 1 when it matches
	s   string
}

// run returns the representative strings of the search (see searchSpec).
func (sp searchSpec) run() ([]searchResult, error) {
	if out, ok := sp.literals(); ok {
		return out, nil
	}
	alpha := sp.alphabet()
	letters, err := sp.addFresh(sp.letters(alpha), alpha)
	if err != nil {
		return nil, err
	}
	if out, ok, err := sp.runMasks(letters); ok && !sp.slow {
		return out, err
	}
	return sp.runSets(letters)
}

// alphabet returns the literal characters of the globs, with the case-fold
// orbit of those a glob folds.
func (sp searchSpec) alphabet() map[rune]bool {
	alpha := map[rune]bool{}
	for _, g := range sp.globs {
		for _, t := range g.toks {
			if t.kind != tLit {
				continue
			}
			alpha[t.r] = true
			if t.fold {
				for f := unicode.SimpleFold(t.r); f != t.r; f = unicode.SimpleFold(f) {
					alpha[f] = true
				}
			}
		}
	}
	return alpha
}

// letterRank orders the letters: lower case first, for readable
// representatives, then digits, the rest, and upper case.
func letterRank(r rune) int {
	switch {
	case unicode.IsLower(r):
		return 0
	case unicode.IsDigit(r):
		return 1
	case unicode.IsUpper(r):
		return 3
	}
	return 2
}

// letters returns the allowed characters of alpha, by rank and then by
// code point.
func (sp searchSpec) letters(alpha map[rune]bool) []rune {
	var letters []rune
	for r := range alpha {
		if sp.allowed == nil || sp.allowed(r) {
			letters = append(letters, r)
		}
	}
	slices.SortFunc(letters, func(a, b rune) int {
		if ra, rb := letterRank(a), letterRank(b); ra != rb {
			return ra - rb
		}
		return int(a) - int(b)
	})
	return letters
}

// addFresh appends to letters one fresh character per class the domain
// distinguishes: digits and the rest (see freshRunes). A fresh character
// is allowed and neither in alpha nor folds to a character of it.
func (sp searchSpec) addFresh(letters []rune, alpha map[rune]bool) ([]rune, error) {
	seenClass := map[bool]bool{}
	for _, r := range sp.fresh {
		if alpha[r] || (sp.allowed != nil && !sp.allowed(r)) {
			continue
		}
		folded := false
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if alpha[f] {
				folded = true
			}
		}
		if folded {
			continue
		}
		d := r >= '0' && r <= '9'
		if !seenClass[d] {
			seenClass[d] = true
			letters = append(letters, r)
		}
	}
	if len(seenClass) == 0 {
		return nil, errors.New("no character is left to stand for the characters no pattern names")
	}
	return letters, nil
}

// tally collects the results of a search: up to per strings for each
// vector.
type tally struct {
	per    int
	counts map[string]int
	out    []searchResult
}

// record adds s, which realises vec, unless vec has per strings already.
func (t *tally) record(vec []byte, s string) {
	if t.counts[string(vec)] < t.per {
		t.counts[string(vec)]++
		t.out = append(t.out, searchResult{vec: string(vec), s: s})
	}
}

// startSets returns the globs' state sets once they have consumed
// sp.prefix.
func (sp searchSpec) startSets() []stateSet {
	startSets := make([]stateSet, len(sp.globs))
	for i, g := range sp.globs {
		s := g.start()
		for _, r := range sp.prefix {
			s = g.step(s, r)
		}
		startSets[i] = s
	}
	return startSets
}

// runSets is the search of run over state sets, for globs of any length.
func (sp searchSpec) runSets(letters []rune) ([]searchResult, error) {
	type node struct {
		sets  []stateSet
		s     string
		slash bool // the last character was '/' (or, with components, the string is empty)
	}
	var kb []byte
	key := func(sets []stateSet, nonEmpty, slash bool) string {
		kb = append(kb[:0], boolByte(nonEmpty)|boolByte(slash)<<1)
		for _, s := range sets {
			for _, w := range s {
				kb = binary.LittleEndian.AppendUint64(kb, w)
			}
		}
		return string(kb)
	}
	startSets := sp.startSets()
	seen := map[string]int{}
	queue := []node{{sets: startSets, slash: sp.components}}
	seen[key(startSets, false, sp.components)] = 1
	per := max(sp.perVector, 1)
	res := tally{per: per, counts: map[string]int{}}
	visited := 0
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		visited++
		if sp.maxStates > 0 && visited > sp.maxStates {
			return nil, errSearchBudget
		}
		if utf8.RuneCountInString(n.s) >= sp.minLen && !(sp.components && n.slash) {
			vec := make([]byte, len(sp.globs))
			for i, g := range sp.globs {
				if n.sets[i].has(len(g.toks)) {
					vec[i] = 1
				}
			}
			res.record(vec, n.s)
		}
		for _, r := range letters {
			slash := false
			if sp.components && r == '/' {
				if n.slash {
					continue
				}
				slash = true
			}
			next := make([]stateSet, len(sp.globs))
			for i, g := range sp.globs {
				next[i] = g.step(n.sets[i], r)
			}
			s := n.s + string(r)
			k := key(next, utf8.RuneCountInString(s) >= sp.minLen, slash)
			if seen[k] >= per {
				continue
			}
			seen[k]++
			queue = append(queue, node{sets: next, s: s, slash: slash})
		}
	}
	return res.out, nil
}

// freshRunes are the characters tried as fresh ones, in order.
var freshRunes = []rune("qzxjkvwybgfmpdhucnlrtsoiea0123456789-_.~+=@,")

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// literals is the search when every glob is a literal text compared
// without regard to case and no prefix is given: a string matches exactly
// the literals it equals (folded), so each literal, and one fresh
// character that no literal holds, realise every vector.
func (sp searchSpec) literals() ([]searchResult, bool) {
	if sp.prefix != "" || sp.components || sp.minLen > 1 {
		return nil, false
	}
	used := map[rune]bool{}
	texts := make([]string, len(sp.globs))
	for i, g := range sp.globs {
		var b strings.Builder
		for _, t := range g.toks {
			if t.kind != tLit || !t.fold || t.r >= utf8.RuneSelf {
				return nil, false
			}
			b.WriteRune(t.r)
			used[unicode.ToLower(t.r)] = true
		}
		texts[i] = b.String()
		if (sp.allowed != nil && strings.ContainsFunc(texts[i], func(r rune) bool { return !sp.allowed(r) })) || texts[i] == "" {
			return nil, false
		}
	}
	var out []searchResult
	seen := map[string]bool{}
	vecOf := func(s string) string {
		vec := make([]byte, len(texts))
		for i, t := range texts {
			if strings.EqualFold(t, s) {
				vec[i] = 1
			}
		}
		return string(vec)
	}
	for _, t := range texts {
		v := vecOf(t)
		if !seen[v] {
			seen[v] = true
			out = append(out, searchResult{vec: v, s: t})
		}
	}
	for _, r := range sp.fresh {
		if r < utf8.RuneSelf && !used[unicode.ToLower(r)] && (sp.allowed == nil || sp.allowed(r)) && unicode.IsLower(r) {
			out = append(out, searchResult{vec: vecOf(string(r)), s: string(r)})
			return out, true
		}
	}
	return nil, false
}

// wordMasks are the tokens of globs of at most 63 tokens as bit masks:
// bit k of a glob's mask stands for its token k, and bit len(toks) for
// the accepting state.
type wordMasks struct {
	star, one, accept []uint64
	lit               [][]uint64 // by letter, by glob: the literal tokens the letter matches
}

// newWordMasks builds the masks of sp's globs over letters, or reports
// false when a glob has more than 63 tokens.
func (sp searchSpec) newWordMasks(letters []rune) (*wordMasks, bool) {
	n := len(sp.globs)
	m := &wordMasks{
		star:   make([]uint64, n),
		one:    make([]uint64, n),
		accept: make([]uint64, n),
		lit:    make([][]uint64, len(letters)),
	}
	for i, g := range sp.globs {
		if len(g.toks) > 63 {
			return nil, false
		}
		m.accept[i] = 1 << len(g.toks)
		for k, t := range g.toks {
			switch t.kind {
			case tStar:
				m.star[i] |= 1 << k
			case tOne:
				m.one[i] |= 1 << k
			}
		}
	}
	flat := make([]uint64, len(letters)*n)
	for li, r := range letters {
		m.lit[li] = flat[li*n : (li+1)*n : (li+1)*n]
		for i, g := range sp.globs {
			m.lit[li][i] = litMask(g, r)
		}
	}
	return m, true
}

// matchesAt reports whether letters[li] matches a literal token at the
// states sets of some glob.
func (m *wordMasks) matchesAt(li int, sets []uint64) bool {
	for i, l := range m.lit[li] {
		if sets[i]&l != 0 {
			return true
		}
	}
	return false
}

// litMask returns the mask of the literal tokens of g that r matches.
func litMask(g glob, r rune) uint64 {
	var m uint64
	for k, t := range g.toks {
		if t.kind == tLit && (t.r == r || (t.fold && foldEq(t.r, r))) {
			m |= 1 << k
		}
	}
	return m
}

// close returns the states x of glob i with those a star skips to.
func (m *wordMasks) close(i int, x uint64) uint64 { return x | (x&m.star[i])<<1 }

// step returns the states of glob i after letters[li] from states x.
func (m *wordMasks) step(i, li int, x uint64) uint64 {
	if x == 0 {
		return 0
	}
	return m.close(i, (x&(m.one[i]|m.lit[li][i]))<<1|x&m.star[i])
}

// start returns the globs' states once they have consumed sp.prefix.
func (m *wordMasks) start(sp searchSpec, letters []rune) []uint64 {
	start := make([]uint64, len(sp.globs))
	for i := range sp.globs {
		x := m.close(i, 1)
		for _, r := range sp.prefix {
			li := slices.Index(letters, r)
			if li < 0 {
				// A prefix character no glob names and no fresh one stands
				// for: step it directly.
				x = m.close(i, (x&(m.one[i]|litMask(sp.globs[i], r)))<<1|x&m.star[i])
				continue
			}
			x = m.step(i, li, x)
		}
		start[i] = x
	}
	return start
}

// runMasks is the search of run for globs of at most 63 tokens, whose
// state sets fit one machine word: a step is a few bit operations. It
// reports false when a glob is longer; it visits the states runSets does,
// so a search over budget here is over budget there.
func (sp searchSpec) runMasks(letters []rune) ([]searchResult, bool, error) {
	n := len(sp.globs)
	m, ok := sp.newWordMasks(letters)
	if !ok {
		return nil, false, nil
	}
	// The state sets of the nodes live in one arena, n words each; a
	// successor is stepped into scratch and copied in only when new.
	type node struct {
		off, runes int
		s          string
		slash      bool
	}
	var kb []byte
	key := func(sets []uint64, nonEmpty, slash bool) []byte {
		kb = append(kb[:0], boolByte(nonEmpty)|boolByte(slash)<<1)
		for _, w := range sets {
			kb = binary.LittleEndian.AppendUint64(kb, w)
		}
		return kb
	}
	start := m.start(sp, letters)
	arena := slices.Clone(start)
	per := max(sp.perVector, 1)
	seen := map[string]int{string(key(start, false, sp.components)): 1}
	res := tally{per: per, counts: map[string]int{}}
	queue := []node{{slash: sp.components}}
	vec := make([]byte, n)
	scratch := make([]uint64, n)
	for head := 0; head < len(queue); head++ {
		nd := queue[head]
		if sp.maxStates > 0 && head >= sp.maxStates {
			return nil, true, errSearchBudget
		}
		sets := arena[nd.off : nd.off+n]
		if nd.runes >= sp.minLen && !(sp.components && nd.slash) {
			for i := range n {
				vec[i] = boolByte(sets[i]&m.accept[i] != 0)
			}
			res.record(vec, nd.s)
		}
		// A letter that no literal token at these states matches steps
		// every glob as every other such letter does: with one string per
		// state, the first of them stands for all (the others would find
		// its state seen).
		unmatchedDone := false
		for li, r := range letters {
			slash := false
			if sp.components && r == '/' {
				if nd.slash {
					continue
				}
				slash = true
			} else if per == 1 && !m.matchesAt(li, sets) {
				if unmatchedDone {
					continue
				}
				unmatchedDone = true
			}
			for i := range n {
				scratch[i] = m.step(i, li, sets[i])
			}
			k := key(scratch, nd.runes+1 >= sp.minLen, slash)
			if seen[string(k)] >= per {
				continue
			}
			seen[string(k)]++
			queue = append(queue, node{off: len(arena), runes: nd.runes + 1, s: nd.s + string(r), slash: slash})
			arena = append(arena, scratch...)
		}
	}
	return res.out, true, nil
}
