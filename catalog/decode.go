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
	c     *Catalog
	strs  []string
	lists [][]string

	// The blocks that back the services, resource types, actions and action
	// resources, and how many of each have been read so far.
	services   []Service
	types      []ResourceType
	typePtrs   []*ResourceType
	actions    []Action
	resources  []ActionResource
	nt, na, nr int

	// The actions' lower-case keys, "prefix:name", are written into one
	// buffer and become one string, sliced, once every action is read.
	keyBuf []byte
	keyEnd []int
}

func (p *parser) str() string { return p.strs[p.r.Int(len(p.strs)-1)] }

// list returns a list of the list table. Lists are shared (most are empty
// or repeat another) and have no room to grow, so that an append copies.
func (p *parser) list() []string { return p.lists[p.r.Int(len(p.lists)-1)] }

// parse builds a Catalog from an uncompressed payload.
func parse(payload []byte) (*Catalog, error) {
	r := wire.NewReader(payload)
	if err := readHeader(r); err != nil {
		return nil, err
	}
	c := &Catalog{version: r.String()}
	limit := len(payload)
	nServices, nTypes, nActions, nResources, nKeys := r.Int(limit), r.Int(limit), r.Int(limit), r.Int(limit), r.Int(limit)

	p, err := readStrings(r, c, limit)
	if err != nil {
		return nil, err
	}
	if err := p.readLists(limit); err != nil {
		return nil, err
	}
	keys, err := p.readKeys(nKeys)
	if err != nil {
		return nil, err
	}

	p.allocate(nServices, nTypes, nActions, nResources)
	for si := range p.services {
		if err := p.readService(si); err != nil {
			return nil, err
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	if p.nt != nTypes || p.na != nActions || p.nr != nResources {
		return nil, fmt.Errorf("%w: counts do not add up", wire.ErrCorrupt)
	}

	if err := p.indexActions(); err != nil {
		return nil, err
	}
	c.indexKeys(keys)
	c.indexARNs(p.typePtrs)
	if c.maxAction > maxLookup || c.maxKey > maxLookup || c.maxPrefix > maxLookup {
		return nil, fmt.Errorf("%w: a name is longer than %d bytes", wire.ErrCorrupt, maxLookup)
	}
	return c, nil
}

// readHeader checks the payload's magic and format version.
func readHeader(r *wire.Reader) error {
	if string(r.Bytes(len(wire.Magic))) != wire.Magic {
		return fmt.Errorf("%w: not catalog data", wire.ErrCorrupt)
	}
	if v := r.Uvarint(); r.Err() == nil && v != wire.FormatVersion {
		return fmt.Errorf("%w: format version %d, want %d", wire.ErrCorrupt, v, wire.FormatVersion)
	}
	return nil
}

// readStrings reads the string table, one string that is sliced, and
// returns a parser for c that holds it.
func readStrings(r *wire.Reader, c *Catalog, limit int) (*parser, error) {
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
	p := &parser{r: r, c: c, strs: make([]string, nStrings)}
	off := 0
	for i, n := range lens {
		p.strs[i] = blob[off : off+n]
		off += n
	}
	return p, nil
}

// readLists reads the list table, one backing array that is sliced.
func (p *parser) readLists(limit int) error {
	r := p.r
	nLists, nElems := r.Int(limit), r.Int(limit)
	if r.Err() != nil || nLists == 0 {
		return wire.ErrCorrupt
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
	return nil
}

// readKeys builds the catalog's condition keys: the global table first,
// then the nKeys keys of the data that it does not hold. It returns the
// block that backs them, which has room for all and so never moves.
func (p *parser) readKeys(nKeys int) ([]ConditionKey, error) {
	c, r := p.c, p.r
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
	return keys, nil
}

// allocate makes the blocks that back the services, resource types,
// actions and action resources, and the catalog's tables of them.
func (p *parser) allocate(nServices, nTypes, nActions, nResources int) {
	c := p.c
	p.services = make([]Service, nServices)
	p.types = make([]ResourceType, nTypes)
	p.typePtrs = make([]*ResourceType, nTypes)
	p.actions = make([]Action, nActions)
	c.all = make([]*Action, nActions)
	p.resources = make([]ActionResource, nResources)
	c.services = make([]*Service, nServices)
	c.byPrefix = make(map[string]*Service, nServices)
	p.keyBuf = make([]byte, 0, nActions*32)
	p.keyEnd = make([]int, nActions)
}

// readService reads service si: its prefix and name, its resource types,
// its condition keys and its actions.
func (p *parser) readService(si int) error {
	c, r := p.c, p.r
	s := &p.services[si]
	c.services[si] = s
	s.Prefix, s.Name = p.str(), p.str()
	if s.Prefix != lowerString(s.Prefix) || si > 0 && p.services[si-1].Prefix >= s.Prefix {
		return fmt.Errorf("%w: service prefix %q out of order", wire.ErrCorrupt, s.Prefix)
	}
	c.byPrefix[s.Prefix] = s
	c.maxPrefix = max(c.maxPrefix, len(s.Prefix))

	p.readResourceTypes(s)
	if err := p.readServiceKeys(s); err != nil {
		return err
	}

	n := r.Int(len(p.actions) - p.na)
	s.Actions = c.all[p.na : p.na+n : p.na+n]
	for range n {
		if err := p.readAction(s); err != nil {
			return err
		}
	}
	return r.Err()
}

// readResourceTypes reads the resource types of s.
func (p *parser) readResourceTypes(s *Service) {
	nt := p.nt
	n := p.r.Int(len(p.types) - nt)
	s.ResourceTypes = p.typePtrs[nt : nt+n : nt+n]
	for range n {
		t := &p.types[p.nt]
		p.typePtrs[p.nt] = t
		p.nt++
		t.Service, t.Name, t.ARNFormats, t.ConditionKeys = s, p.str(), p.list(), p.list()
	}
}

// readServiceKeys reads the names of the condition keys of s, which must
// be in the catalog's table, and sets them in name order.
func (p *parser) readServiceKeys(s *Service) error {
	names := p.list()
	s.ConditionKeys = make([]*ConditionKey, len(names))
	for i, name := range names {
		k := p.c.keys[lowerString(name)]
		if k == nil {
			return fmt.Errorf("%w: service %s lists an unknown condition key %q", wire.ErrCorrupt, s.Prefix, name)
		}
		s.ConditionKeys[i] = k
	}
	slices.SortFunc(s.ConditionKeys, func(a, b *ConditionKey) int { return strings.Compare(a.lname, b.lname) })
	return nil
}

// readAction reads the next action of s, with its resources, and writes
// its key into keyBuf.
func (p *parser) readAction(s *Service) error {
	r := p.r
	a := &p.actions[p.na]
	p.c.all[p.na] = a
	a.Service, a.Name = s, p.str()
	a.Access = AccessLevel(r.Byte())
	if a.Access < AccessList || a.Access > AccessTagging {
		return fmt.Errorf("%w: action %s:%s has access level %d", wire.ErrCorrupt, s.Prefix, a.Name, a.Access)
	}
	m := r.Int(len(p.resources) - p.nr)
	a.Resources = p.resources[p.nr : p.nr+m : p.nr+m]
	for i := range a.Resources {
		if err := p.readActionResource(s, a, &a.Resources[i]); err != nil {
			return err
		}
	}
	a.ConditionKeys, a.DependentActions = p.list(), p.list()
	p.keyBuf = append(p.keyBuf, s.Prefix...)
	p.keyBuf = append(p.keyBuf, ':')
	p.keyBuf = append(p.keyBuf, a.Name...)
	p.keyEnd[p.na] = len(p.keyBuf)
	p.na++
	return nil
}

// readActionResource reads ar, a resource of action a of s: a resource
// type of s, whether it is required, and its lists.
func (p *parser) readActionResource(s *Service, a *Action, ar *ActionResource) error {
	r := p.r
	p.nr++
	if len(s.ResourceTypes) == 0 {
		return fmt.Errorf("%w: action %s:%s names a resource type its service lacks", wire.ErrCorrupt, s.Prefix, a.Name)
	}
	ar.Type = s.ResourceTypes[r.Int(len(s.ResourceTypes)-1)]
	switch r.Byte() {
	case 0:
	case 1:
		ar.Required = true
	default:
		return wire.ErrCorrupt
	}
	ar.ConditionKeys, ar.DependentActions = p.list(), p.list()
	return nil
}

// indexActions slices the actions' keys out of keyBuf, lower-cased, and
// builds the catalog's table of actions by key, which must be unique.
func (p *parser) indexActions() error {
	c := p.c
	allKeys := string(lowerInPlace(p.keyBuf))
	c.actions = make(map[string]*Action, len(p.actions))
	start := 0
	for i := range p.actions {
		a := &p.actions[i]
		a.key = allKeys[start:p.keyEnd[i]]
		start = p.keyEnd[i]
		c.actions[a.key] = a
		c.maxAction = max(c.maxAction, len(a.key))
	}
	if len(c.actions) != len(p.actions) {
		return fmt.Errorf("%w: an action is listed twice", wire.ErrCorrupt)
	}
	return nil
}

// indexKeys builds keyList, the condition keys in name order, and the
// templates of those keys that have one.
func (c *Catalog) indexKeys(keys []ConditionKey) {
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
