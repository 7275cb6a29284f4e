package lint

import (
	"strconv"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/conditions"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
)

// conditions reports unknown condition keys, operators of the wrong family
// for the key's type, and the two pitfalls of multivalued keys that
// reference_policies_condition-single-vs-multi-valued-context-keys.md
// documents: a set qualifier on a single-valued key, and a plain operator
// on a multivalued one.
func (l *linter) conditions(s *policy.Statement) {
	for i := range s.Conditions {
		cd := &s.Conditions[i]
		op, err := conditions.ParseOperator(cd.Operator)
		if err != nil {
			continue // reported by package policy
		}
		ptr := "/Statement/" + strconv.Itoa(s.Index) + "/Condition/" + escapePointer(cd.Operator) + "/" + escapePointer(cd.Key)
		k, ok := l.c.ConditionKey(cd.Key)
		if !ok {
			l.unknownKey(cd, ptr)
			continue
		}
		if op.Base == conditions.Null {
			continue // Null tests presence: every key
		}
		if !familyFits(op.Base.Family(), k) {
			want := operatorFor(k.Type)
			l.add(CodeConditionOperatorType, cd.OperatorPos, ptr, "use "+want, "%s compares %s, but %s is a%s key, compared as such only by %s",
				text.Quote(cd.Operator), familyNoun(op.Base.Family()), text.Quote(cd.Key), typeNoun(k.Type), want)
		}
		switch multi := k.Type.Multivalued(); {
		case op.Qualifier != conditions.Plain && !multi:
			why := "ForAnyValue on it is the plain operator; AWS recommends set operators only for multivalued keys"
			if op.Qualifier == conditions.ForAllValues {
				why = "ForAllValues on it is also true when the request lacks the key, which may allow more than intended"
			}
			l.add(CodeConditionSetOnSingle, cd.OperatorPos, ptr, "drop the "+qualifierName(op.Qualifier)+" qualifier",
				"%s is single-valued: %s (reference_policies_condition-single-vs-multi-valued-context-keys.md)", text.Quote(cd.Key), why)
		case op.Qualifier == conditions.Plain && multi:
			l.add(CodeConditionPlainOnMulti, cd.OperatorPos, ptr, "write ForAnyValue:"+cd.Operator+" or ForAllValues:"+cd.Operator,
				"%s is multivalued: %s without ForAllValues or ForAnyValue never matches a request with several values", text.Quote(cd.Key), text.Quote(cd.Operator))
		}
	}
}

// unknownKey reports a key the catalog does not know, when its prefix is a
// known service or "aws" (keys of identity providers, such as
// token.actions.githubusercontent.com:sub, are not the catalog's).
func (l *linter) unknownKey(cd *policy.Condition, ptr string) {
	prefix, _, ok := strings.Cut(cd.Key, ":")
	if !ok || strings.Contains(prefix, ".") {
		return
	}
	if !strings.EqualFold(prefix, "aws") {
		if _, known := l.c.Service(prefix); !known {
			return
		}
	}
	if sug, ok := l.c.SuggestConditionKey(cd.Key); ok {
		l.add(CodeConditionKeyUnknown, cd.KeyPos, ptr, "write "+sug, "unknown condition key %s; did you mean %s?", text.Quote(cd.Key), text.Quote(sug))
		return
	}
	l.add(CodeConditionKeyUnknown, cd.KeyPos, ptr, "", "unknown condition key %s: neither a global key nor one of service %s", text.Quote(cd.Key), text.Quote(prefix))
}

// familyFits reports whether operators of family f compare values of the
// key's type as the type means them. A string operator on an ARN or a
// boolean key compares the same text the typed operator would ("true",
// "arn:aws:…"), and an ARN operator on a string key whose values are ARNs
// compares them segment by segment, so neither is reported; a string
// operator on a number, a date or an IP address is: "10" does not equal
// "10.0", nor "10.0.0.1" the range "10.0.0.0/8"
// (reference_policies_elements_condition_operators.md).
func familyFits(f conditions.Family, k *catalog.ConditionKey) bool {
	t := k.Type
	if t.Multivalued() {
		t = t.Elem()
	}
	switch t {
	case catalog.KeyString:
		return f == conditions.FamilyString || f == conditions.FamilyARN
	case catalog.KeyARN, catalog.KeyBool:
		return f == conditions.FamilyString || f == operatorFamily(t)
	}
	return f == operatorFamily(t)
}

// keyTypeInfo says, for each element type of a condition key, the family
// of the operators made for it, the operator to suggest, and how a message
// names a key of the type ("a numeric key", "an IP address key").
var keyTypeInfo = map[catalog.KeyType]struct {
	family   conditions.Family
	operator string
	noun     string
}{
	catalog.KeyString:    {conditions.FamilyString, "StringEquals", " string"},
	catalog.KeyARN:       {conditions.FamilyARN, "ArnLike", "n ARN"},
	catalog.KeyNumeric:   {conditions.FamilyNumeric, "NumericEquals", " numeric"},
	catalog.KeyDate:      {conditions.FamilyDate, "DateGreaterThan or DateLessThan", " date"},
	catalog.KeyBool:      {conditions.FamilyBool, "Bool", " boolean"},
	catalog.KeyIPAddress: {conditions.FamilyIP, "IpAddress", "n IP address"},
	catalog.KeyBinary:    {conditions.FamilyBinary, "BinaryEquals", " binary"},
}

// operatorFamily is the family of the operators made for keys of type t.
func operatorFamily(t catalog.KeyType) conditions.Family {
	if i, ok := keyTypeInfo[t]; ok {
		return i.family
	}
	return conditions.FamilyString
}

// operatorFor is the operator to suggest for a key of type t.
func operatorFor(t catalog.KeyType) string {
	if t.Multivalued() {
		return "ForAnyValue:" + operatorFor(t.Elem())
	}
	if i, ok := keyTypeInfo[t]; ok {
		return i.operator
	}
	return "StringEquals"
}

// typeNoun names a key of type t after "a": " numeric", "n IP address".
func typeNoun(t catalog.KeyType) string {
	if t.Multivalued() {
		return " multivalued" + typeNoun(t.Elem())
	}
	if i, ok := keyTypeInfo[t]; ok {
		return i.noun
	}
	return " string"
}

// familyNouns name what the operators of each family compare.
var familyNouns = map[conditions.Family]string{
	conditions.FamilyString: "strings", conditions.FamilyNumeric: "numbers", conditions.FamilyDate: "dates",
	conditions.FamilyBool: "booleans", conditions.FamilyBinary: "binary values", conditions.FamilyIP: "IP addresses",
	conditions.FamilyARN: "ARNs",
}

func familyNoun(f conditions.Family) string {
	if n, ok := familyNouns[f]; ok {
		return n
	}
	return "strings"
}

func qualifierName(q conditions.Qualifier) string {
	if q == conditions.ForAllValues {
		return "ForAllValues"
	}
	return "ForAnyValue"
}

// escapePointer escapes a JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
