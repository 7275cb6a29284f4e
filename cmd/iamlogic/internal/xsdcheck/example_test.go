package xsdcheck_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/cmd/iamlogic/internal/xsdcheck"
)

func ExampleSchema_Validate() {
	s, err := xsdcheck.Parse([]byte(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="testcase">
    <xs:complexType>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="time" type="xs:decimal"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Validate([]byte(`<testcase name="reads" time="0.5"/>`)))
	fmt.Println(s.Validate([]byte(`<testcase time="fast"/>`)))
	// Output:
	// <nil>
	// xsdcheck: line 1: <testcase>: attribute time="fast" is not a valid decimal
	// xsdcheck: line 1: <testcase>: the required attribute "name" is missing
}
