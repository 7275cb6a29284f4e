package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iamlogic/iamlogic/catalog/internal/wire"
)

// decode builds a Catalog from the gzipped payload of catalog/internal/wire.
func decode(gz []byte) (*Catalog, error) {
	payload, err := gunzip(gz)
	if err != nil {
		return nil, err
	}
	return parse(payload)
}

func gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if len(gz) >= 4 {
		// The gzip trailer ends with the uncompressed size modulo 2^32.
		if n := binary.LittleEndian.Uint32(gz[len(gz)-4:]); n < 1<<28 {
			b.Grow(int(n) + bytes.MinRead)
		}
	}
	if _, err := io.Copy(&b, zr); err != nil {
		return nil, err
	}
	return b.Bytes(), zr.Close()
}

// parser reads a payload into the arrays that back the catalog, so that
// decoding allocates a few large blocks rather than one object per entry.
type parser struct {
	r     *wire.Reader
	strs  []string
	lists [][]string
}

func (p *parser) str() string { return p.strs[p.r.Int(len(p.strs)-1)] }

// list returns a list of the list table. Lists are shared (most are empty
// or repeat another) and have no room to grow, so that an append copies.
func (p *parser) list() []string { return p.lists[p.r.Int(len(p.lists)-1)] }

func parse(payload []byte) (*Catalog, error) {
	r := wire.NewReader(payload)
	if string(r.Bytes(len(wire.Magic))) != wire.Magic {
		return nil, fmt.Errorf("%w: not catalog data", wire.ErrCorrupt)
	}
	if v := r.Uvarint(); r.Err() == nil && v != wire.FormatVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", wire.ErrCorrupt, v, wire.FormatVersion)
	}
	c := &Catalog{version: r.String()}
	limit := len(payload)
	nServices, nTypes, nActions, nResources, nKeys := r.Int(limit), r.Int(limit), r.Int(limit), r.Int(limit), r.Int(limit)

	// The string table: one string, sliced.
	nStrings := r.Int(limit)
	lens := make([]int, nStrings)
	total := 0
	for i := range lens {
		lens[i] = r.Int(limit)
		total += lens[i]
	}
	if r.Err() != nil || nStrings == 0 || total > limit {
		return nil, wire.ErrCorrupt
	}
	blob := string(r.Bytes(total))
	if r.Err() != nil {
		return nil, r.Err()
	}
	p := &parser{r: r, strs: make([]string, nStrings)}
	off := 0
	for i, n := range lens {
		p.strs[i] = blob[off : off+n]
		off += n
	}

	// The list table: one backing array, sliced.
	nLists, nElems := r.Int(limit), r.Int(limit)
	if r.Err() != nil || nLists == 0 {
		return nil, wire.ErrCorrupt
	}
	p.lists = make([][]string, nLists)
	elems := make([]string, 0, nElems)
	for i := range p.lists {
		n := r.Int(nElems - len(elems))
		start := len(elems)
		for range n {
			elems = append(elems, p.str())
		}
		p.lists[i] = elems[start:len(elems):len(elems)]
	}

	// Condition keys: the global table first, then the data's keys that it
	// does not hold.
	keys := make([]ConditionKey, 0, len(globalKeys)+nKeys)
	c.keys = make(map[string]*ConditionKey, len(globalKeys)+nKeys)
	addKey := func(k ConditionKey) {
		k.lname = lowerString(k.Name)
		if _, dup := c.keys[k.lname]; dup {
			return
		}
		keys = append(keys, k)
		kp := &keys[len(keys)-1]
		c.keys[kp.lname] = kp
	}
	for _, g := range globalKeys {
		addKey(ConditionKey{Name: g.name, Type: g.typ, Global: true})
	}
	for range nKeys {
		name, typ := p.str(), KeyType(r.Byte())
		if !typ.valid() {
			return nil, fmt.Errorf("%w: condition key %s has type %d", wire.ErrCorrupt, name, typ)
		}
		addKey(ConditionKey{Name: name, Type: typ})
	}
	if r.Err() != nil {
		return nil, r.Err()
	}

	services := make([]Service, nServices)
	types := make([]ResourceType, nTypes)
	typePtrs := make([]*ResourceType, nTypes)
	actions := make([]Action, nActions)
	c.all = make([]*Action, nActions)
	resources := make([]ActionResource, nResources)
	c.services = make([]*Service, nServices)
	c.byPrefix = make(map[string]*Service, nServices)
	// The actions' lower-case keys, "prefix:name", are written into one
	// buffer and become one string, sliced, once every action is read.
	keyBuf := make([]byte, 0, nActions*32)
	keyEnd := make([]int, nActions)
	var nt, na, nr int
	for si := range services {
		s := &services[si]
		c.services[si] = s
		s.Prefix, s.Name = p.str(), p.str()
		if s.Prefix != lowerString(s.Prefix) || si > 0 && services[si-1].Prefix >= s.Prefix {
			return nil, fmt.Errorf("%w: service prefix %q out of order", wire.ErrCorrupt, s.Prefix)
		}
		c.byPrefix[s.Prefix] = s
		c.maxPrefix = max(c.maxPrefix, len(s.Prefix))

		n := r.Int(nTypes - nt)
		s.ResourceTypes = typePtrs[nt : nt+n : nt+n]
		for range n {
			t := &types[nt]
			typePtrs[nt] = t
			nt++
			t.Service, t.Name, t.ARNFormats, t.ConditionKeys = s, p.str(), p.list(), p.list()
		}

		names := p.list()
		s.ConditionKeys = make([]*ConditionKey, len(names))
		for i, name := range names {
			k := c.keys[lowerString(name)]
			if k == nil {
				return nil, fmt.Errorf("%w: service %s lists an unknown condition key %q", wire.ErrCorrupt, s.Prefix, name)
			}
			s.ConditionKeys[i] = k
		}
		slices.SortFunc(s.ConditionKeys, func(a, b *ConditionKey) int { return strings.Compare(a.lname, b.lname) })

		n = r.Int(nActions - na)
		s.Actions = c.all[na : na+n : na+n]
		for range n {
			a := &actions[na]
			c.all[na] = a
			a.Service, a.Name = s, p.str()
			a.Access = AccessLevel(r.Byte())
			if a.Access < AccessList || a.Access > AccessTagging {
				return nil, fmt.Errorf("%w: action %s:%s has access level %d", wire.ErrCorrupt, s.Prefix, a.Name, a.Access)
			}
			m := r.Int(nResources - nr)
			a.Resources = resources[nr : nr+m : nr+m]
			for i := range a.Resources {
				ar := &a.Resources[i]
				nr++
				if len(s.ResourceTypes) == 0 {
					return nil, fmt.Errorf("%w: action %s:%s names a resource type its service lacks", wire.ErrCorrupt, s.Prefix, a.Name)
				}
				ar.Type = s.ResourceTypes[r.Int(len(s.ResourceTypes)-1)]
				switch r.Byte() {
				case 0:
				case 1:
					ar.Required = true
				default:
					return nil, wire.ErrCorrupt
				}
				ar.ConditionKeys, ar.DependentActions = p.list(), p.list()
			}
			a.ConditionKeys, a.DependentActions = p.list(), p.list()
			keyBuf = append(keyBuf, s.Prefix...)
			keyBuf = append(keyBuf, ':')
			keyBuf = append(keyBuf, a.Name...)
			keyEnd[na] = len(keyBuf)
			na++
		}
		if r.Err() != nil {
			return nil, r.Err()
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	if nt != nTypes || na != nActions || nr != nResources {
		return nil, fmt.Errorf("%w: counts do not add up", wire.ErrCorrupt)
	}

	allKeys := string(lowerInPlace(keyBuf))
	c.actions = make(map[string]*Action, nActions)
	start := 0
	for i := range actions {
		a := &actions[i]
		a.key = allKeys[start:keyEnd[i]]
		start = keyEnd[i]
		c.actions[a.key] = a
		c.maxAction = max(c.maxAction, len(a.key))
	}
	if len(c.actions) != nActions {
		return nil, fmt.Errorf("%w: an action is listed twice", wire.ErrCorrupt)
	}

	c.keyList = make([]*ConditionKey, len(keys))
	for i := range keys {
		k := &keys[i]
		c.keyList[i] = k
		c.maxKey = max(c.maxKey, len(k.lname))
		if t := newTemplate(k); t != nil {
			k.tmpl = t
			c.templates.add(t)
		}
	}
	slices.SortFunc(c.keyList, func(a, b *ConditionKey) int { return strings.Compare(a.lname, b.lname) })
	c.indexARNs(typePtrs)
	if c.maxAction > maxLookup || c.maxKey > maxLookup || c.maxPrefix > maxLookup {
		return nil, fmt.Errorf("%w: a name is longer than %d bytes", wire.ErrCorrupt, maxLookup)
	}
	return c, nil
}

// indexARNs builds arnIndex and arnAny from the resource types, which are
// in service then name order.
func (c *Catalog) indexARNs(types []*ResourceType) {
	c.arnIndex = map[string][]*ResourceType{}
	for _, t := range types {
		var added []string
		for _, f := range t.ARNFormats {
			svc := arnService(f)
			if slices.Contains(added, svc) {
				continue
			}
			added = append(added, svc)
			if svc == "" {
				c.arnAny = append(c.arnAny, t)
			} else {
				c.arnIndex[svc] = append(c.arnIndex[svc], t)
			}
		}
	}
}
