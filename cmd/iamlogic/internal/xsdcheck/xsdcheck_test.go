package xsdcheck

import (
	"os"
	"strings"
	"testing"
)

// testSchema uses every construct of the subset: global and local
// elements, ref, a named and an anonymous complexType, mixed content,
// sequence, choice and all with occurrences, and each attribute type.
const testSchema = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:documentation>a test schema</xs:documentation></xs:annotation>
  <xs:element name="note" type="xs:string"/>
  <xs:element name="count" type="xs:int"/>
  <xs:complexType name="item">
    <xs:all>
      <xs:element name="title" type="xs:token"/>
      <xs:element name="price" type="xs:decimal" minOccurs="0"/>
    </xs:all>
    <xs:attribute name="id" type="xs:int" use="required"/>
    <xs:attribute name="when" type="xs:dateTime"/>
    <xs:attribute name="ok" type="xs:boolean" use="optional"/>
  </xs:complexType>
  <xs:element name="order">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="note" minOccurs="0" maxOccurs="2"/>
        <xs:element name="item" type="item" maxOccurs="unbounded"/>
        <xs:choice minOccurs="0">
          <xs:element name="paid">
            <xs:complexType mixed="true">
              <xs:attribute name="amount" type="xs:decimal" use="required"/>
            </xs:complexType>
          </xs:element>
          <xs:element ref="count"/>
        </xs:choice>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`

func TestValidate(t *testing.T) {
	s, err := Parse([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	item := `<item id="1"><title>a</title></item>`
	cases := []struct {
		name, doc string
		problem   string // "" for a valid document; otherwise a part of the error
	}{
		{"minimal", `<order name="o">` + item + `</order>`, ""},
		{"everything", `<?xml version="1.0"?><order name="o" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><note>n1</note><note>n2</note>
			<item id="-7" when="2026-01-02T03:04:05Z" ok="true"><price>1.50</price><title> a  b </title></item>` + item +
			`<paid amount=".5">mixed text</paid></order>`, ""},
		{"choice second branch", `<order name="o">` + item + `<count> 42 </count></order>`, ""},
		{"a global element as root", `<note>just a note</note>`, ""},

		{"missing required attribute", `<order>` + item + `</order>`, `required attribute "name"`},
		{"undeclared attribute", `<order name="o" colour="red">` + item + `</order>`, `attribute "colour" is not declared`},
		{"bad int attribute", `<order name="o"><item id="one"><title>a</title></item></order>`, `id="one" is not a valid int`},
		{"int out of range", `<order name="o"><item id="2147483648"><title>a</title></item></order>`, "not a valid int"},
		{"bad dateTime", `<order name="o"><item id="1" when="2026-13-01T00:00:00Z"><title>a</title></item></order>`, "not a valid dateTime"},
		{"bad boolean", `<order name="o"><item id="1" ok="yes"><title>a</title></item></order>`, "not a valid boolean"},
		{"bad decimal element", `<order name="o"><item id="1"><title>a</title><price>1,5</price></item></order>`, `"1,5" is not a valid decimal`},
		{"bad decimal attribute", `<order name="o">` + item + `<paid amount="1e3"/></order>`, "not a valid decimal"},
		{"required element missing", `<order name="o"></order>`, "do not match the content model"},
		{"wrong order", `<order name="o">` + item + `<note>late</note></order>`, "do not match"},
		{"too many", `<order name="o"><note/><note/><note/>` + item + `</order>`, "do not match"},
		{"both branches of a choice", `<order name="o">` + item + `<paid amount="1"/><count>1</count></order>`, "do not match"},
		{"unknown child", `<order name="o">` + item + `<extra/></order>`, "do not match"},
		{"all: an element twice", `<order name="o"><item id="1"><title>a</title><title>b</title></item></order>`, "do not match"},
		{"all: a required element missing", `<order name="o"><item id="1"><price>1</price></item></order>`, "do not match"},
		{"text in element-only content", `<order name="o">stray` + item + `</order>`, "text is not allowed"},
		{"child in a simple element", `<note><b>bold</b></note>`, "not allowed in an element of type string"},
		{"attribute on a simple element", `<note lang="en">n</note>`, "not allowed on an element of simple type"},
		{"child of an empty type", `<order name="o">` + item + `<paid amount="1"><x/></paid></order>`, "no content model"},
		{"undeclared root", `<invoice/>`, "declares no global element"},
		{"not well-formed", `<order name="o">`, "not well-formed"},
		{"two roots", `<note/><note/>`, "second root"},
		{"empty", ``, "no root element"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Validate([]byte(tc.doc))
			switch {
			case tc.problem == "" && err != nil:
				t.Errorf("valid document refused: %v", err)
			case tc.problem != "" && err == nil:
				t.Errorf("invalid document accepted, want a problem containing %q", tc.problem)
			case tc.problem != "" && !strings.Contains(err.Error(), tc.problem):
				t.Errorf("error %q does not contain %q", err, tc.problem)
			}
		})
	}
}

func TestParseRefusesWhatItCannotCheck(t *testing.T) {
	wrap := func(body string) string {
		return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + body + `</xs:schema>`
	}
	cases := map[string]string{
		"simpleType":       wrap(`<xs:simpleType name="t"><xs:restriction base="xs:string"/></xs:simpleType>`),
		"complexContent":   wrap(`<xs:complexType name="t"><xs:complexContent><xs:extension base="u"/></xs:complexContent></xs:complexType>`),
		"any":              wrap(`<xs:element name="e"><xs:complexType><xs:sequence><xs:any/></xs:sequence></xs:complexType></xs:element>`),
		"unknown type":     wrap(`<xs:element name="e" type="xs:float"/>`),
		"undefined type":   wrap(`<xs:element name="e" type="missing"/>`),
		"dangling ref":     wrap(`<xs:element name="e"><xs:complexType><xs:sequence><xs:element ref="nope"/></xs:sequence></xs:complexType></xs:element>`),
		"attribute type":   wrap(`<xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:anyURI"/></xs:complexType></xs:element>`),
		"attribute use":    wrap(`<xs:element name="e"><xs:complexType><xs:attribute name="a" use="prohibited"/></xs:complexType></xs:element>`),
		"maxOccurs in all": wrap(`<xs:element name="e"><xs:complexType><xs:all><xs:element name="x" maxOccurs="2"/></xs:all></xs:complexType></xs:element>`),
		"bad minOccurs":    wrap(`<xs:element name="e"><xs:complexType><xs:sequence minOccurs="-1"/></xs:complexType></xs:element>`),
		"max below min":    wrap(`<xs:element name="e"><xs:complexType><xs:sequence minOccurs="2" maxOccurs="1"/></xs:complexType></xs:element>`),
		"nameless element": wrap(`<xs:element type="xs:string"/>`),
		"not a schema":     `<schemata/>`,
		"not XML":          `<<`,
	}
	for name, xsd := range cases {
		if _, err := Parse([]byte(xsd)); err == nil {
			t.Errorf("%s: Parse accepted a schema outside the subset", name)
		}
	}
}

// TestJenkinsSchema checks the schema the tests of cmd/iamlogic use on a
// report of each shape, and on reports that break it.
func TestJenkinsSchema(t *testing.T) {
	xsd, err := os.ReadFile("../../testdata/schemas/junit.xsd")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(xsd)
	if err != nil {
		t.Fatal(err)
	}
	valid := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="n" tests="2" failures="1" errors="0">
  <testsuite name="f.json" tests="2" failures="1" errors="0">
    <testcase name="a" classname="f.json"></testcase>
    <testcase name="b" classname="f.json"><failure message="m" type="T">explanation
  on lines</failure></testcase>
    <testcase name="c" classname="f.json"><error message="m" type="T">why</error><system-out>out</system-out></testcase>
  </testsuite>
</testsuites>`
	if err := s.Validate([]byte(valid)); err != nil {
		t.Fatalf("a valid report is refused: %v", err)
	}
	for name, doc := range map[string]string{
		"testsuite without name":    strings.Replace(valid, `<testsuite name="f.json"`, `<testsuite`, 1),
		"testsuite without tests":   strings.Replace(valid, `name="f.json" tests="2"`, `name="f.json"`, 1),
		"testcase without name":     strings.Replace(valid, `<testcase name="a" `, `<testcase `, 1),
		"failure before error":      strings.Replace(valid, `<error message="m" type="T">why</error><system-out>out</system-out>`, `<system-out>out</system-out><error message="m" type="T">why</error>`, 1),
		"error in a testsuite":      strings.Replace(valid, `<testcase name="a" classname="f.json"></testcase>`, `<error message="m">e</error>`, 1),
		"unknown testcase property": strings.Replace(valid, `classname="f.json"></testcase>`, `classname="f.json" file="f.json"></testcase>`, 1),
		"failure with a child":      strings.Replace(valid, `explanation`, `<b>explanation</b>`, 1),
		"text in a testsuite":       strings.Replace(valid, `<testcase name="a"`, `stray text<testcase name="a"`, 1),
	} {
		if doc == valid {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		if err := s.Validate([]byte(doc)); err == nil {
			t.Errorf("%s: a broken report is accepted", name)
		}
	}
}

func FuzzValidate(f *testing.F) {
	s, err := Parse([]byte(testSchema))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`<order name="o"><item id="1"><title>a</title></item></order>`,
		`<note>x</note>`, `<count>1</count>`, `<order/>`, `<<`, ``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		err := s.Validate([]byte(doc))
		if err != nil && len(strings.Split(err.Error(), "\n")) > maxErrors+1 {
			t.Fatalf("more than %d problems reported", maxErrors)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(testSchema)
	f.Add(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="e"/></xs:schema>`)
	f.Fuzz(func(t *testing.T, xsd string) {
		s, err := Parse([]byte(xsd))
		if err != nil {
			return
		}
		// A schema that parses validates any document without panicking.
		_ = s.Validate([]byte(`<e a="1"><x/>text</e>`))
	})
}
