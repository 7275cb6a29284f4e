package catalog

import "strings"

// The Suggest methods answer "did you mean": the known name closest to a
// misspelt one, by edit distance (insertions, deletions, substitutions and
// swaps of two adjacent characters each count one), ignoring case. A name
// is close when it is within 1 edit of a name of up to 4 characters, 2 of
// one of up to 12 and 3 of a longer one. Among equally close names the
// first in sorted order wins (for an action, one of the same service
// first). A known name suggests itself in AWS's casing; the empty name
// suggests nothing.

// suggestLimit is the largest distance a suggestion may have for a name of
// n bytes.
func suggestLimit(n int) int {
	switch {
	case n <= 4:
		return 1
	case n <= 12:
		return 2
	}
	return 3
}

// SuggestService returns the known service prefix closest to prefix, and
// false when none is close.
func (c *Catalog) SuggestService(prefix string) (string, bool) {
	if s, ok := c.Service(prefix); ok {
		return s.Prefix, true
	}
	if prefix == "" {
		return "", false
	}
	lp := lowerString(prefix)
	limit := suggestLimit(len(lp))
	var e editDistance
	var best *Service
	bestD := limit + 1
	for _, s := range c.services {
		if d := e.distance(lp, s.Prefix, limit); d < bestD {
			best, bestD = s, d
		}
	}
	if best == nil {
		return "", false
	}
	return best.Prefix, true
}

// SuggestAction returns the known action closest to name ("s3:GetObjcet"
// gives "s3:GetObject"), as a policy writes it, and false when none is
// close.
func (c *Catalog) SuggestAction(name string) (string, bool) {
	if a, ok := c.Action(name); ok {
		return a.String(), true
	}
	if name == "" {
		return "", false
	}
	ln := lowerString(name)
	svc, _, _ := strings.Cut(ln, ":")
	limit := suggestLimit(len(ln))
	byLen := c.actionsByLength()
	var e editDistance
	best, bestD, bestSame := -1, limit+1, false
	// Only names within limit of the length can be within limit.
	for l := max(0, len(ln)-limit); l <= len(ln)+limit && l < len(byLen); l++ {
		for _, k := range byLen[l] {
			d := e.distance(ln, k.key, limit)
			if d > bestD || d > limit {
				continue
			}
			same := strings.HasPrefix(k.key, svc) && len(k.key) > len(svc) && k.key[len(svc)] == ':'
			// Ties: an action of the same service, then the first in
			// the catalog's order.
			if d < bestD || same && !bestSame || same == bestSame && int(k.index) < best {
				best, bestD, bestSame = int(k.index), d, same
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return c.all[best].String(), true
}

// lengthKey is an action's lower-case name and its index in Catalog.all.
type lengthKey struct {
	key   string
	index int32
}

// actionsByLength returns the actions' lower-case names by their length,
// built on first use: a suggestion then visits only the names of about the
// right length, which sit together in memory.
func (c *Catalog) actionsByLength() [][]lengthKey {
	c.suggestOnce.Do(func() {
		c.byLength = make([][]lengthKey, c.maxAction+1)
		for i, a := range c.all {
			c.byLength[len(a.key)] = append(c.byLength[len(a.key)], lengthKey{a.key, int32(i)})
		}
	})
	return c.byLength
}

// SuggestConditionKey returns the known condition key closest to name
// ("aws:SoruceIp" gives "aws:SourceIp"), and false when none is close. For a
// key of a family ("aws:RequestTag/${TagKey}"), the suggestion keeps the
// name's own part: "aws:requesttag/Env" and "aws:RequestTga/Env" give
// "aws:RequestTag/Env".
func (c *Catalog) SuggestConditionKey(name string) (string, bool) {
	if k, ok := c.ConditionKey(name); ok {
		switch {
		case k.tmpl == nil:
			return k.Name, true
		case k.tmpl.suffixHole:
			return k.tmpl.head + name[len(k.tmpl.head):], true
		}
		return name, true
	}
	if name == "" {
		return "", false
	}
	ln := lowerString(name)
	limit := suggestLimit(len(ln))
	// A concrete key of a family whose name ends in its placeholder
	// ("aws:RequestTag/Env") is compared by the part up to the '/' that
	// ends the family's literal head.
	var head, tail string
	if i := strings.IndexByte(ln, ':'); i >= 0 {
		if j := strings.IndexByte(ln[i:], '/'); j >= 0 && i+j+1 < len(ln) {
			head, tail = ln[:i+j+1], name[i+j+1:]
		}
	}
	var e editDistance
	best := ""
	bestD := limit + 1
	for _, k := range c.keyList {
		var d int
		var s string
		switch {
		case k.tmpl == nil:
			d, s = e.distance(ln, k.lname, limit), k.Name
		case k.tmpl.suffixHole && head != "" && strings.HasSuffix(k.tmpl.head, "/"):
			l := suggestLimit(len(head))
			if d = e.distance(head, k.lname[:len(k.tmpl.head)], l); d > l {
				continue
			}
			s = k.tmpl.head + tail
		default:
			continue
		}
		if d < bestD {
			best, bestD = s, d
		}
	}
	return best, best != ""
}

// editDistance computes distances, reusing its rows from one to the next.
type editDistance struct{ rows [3][]int }

// distance returns the optimal string alignment distance between a and b,
// or limit+1 when it is more than limit. Only the cells within limit of the
// diagonal are computed (a path through any other costs more than limit),
// so a distance takes time linear in len(a).
func (e *editDistance) distance(a, b string, limit int) int {
	n, m := len(a), len(b)
	if d := n - m; d > limit || -d > limit {
		return limit + 1
	}
	inf := limit + 1
	for i := range e.rows {
		if cap(e.rows[i]) < m+2 {
			e.rows[i] = make([]int, m+2, max(2*(m+2), 64))
		}
	}
	// Row i holds the distances between a[:i] and b[:j]; cells outside the
	// band, read at its edges, hold inf.
	prev2, prev, cur := e.rows[0][:m+2], e.rows[1][:m+2], e.rows[2][:m+2]
	for j := range prev {
		prev[j] = inf
		if j <= limit {
			prev[j] = j
		}
	}
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-limit), min(m, i+limit)
		cur[lo-1] = inf
		if lo == 1 && i <= limit {
			cur[0] = i
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, inf)
			rowMin = min(rowMin, cur[j])
		}
		cur[hi+1] = inf
		if rowMin > limit {
			return inf
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[m], inf)
}
