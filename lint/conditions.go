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

// operatorFamily is the family of the operators made for keys of type t.
func operatorFamily(t catalog.KeyType) conditions.Family {
	switch t {
	case catalog.KeyARN:
		return conditions.FamilyARN
	case catalog.KeyNumeric:
		return conditions.FamilyNumeric
	case catalog.KeyDate:
		return conditions.FamilyDate
	case catalog.KeyBool:
		return conditions.FamilyBool
	case catalog.KeyIPAddress:
		return conditions.FamilyIP
	case catalog.KeyBinary:
		return conditions.FamilyBinary
	}
	return conditions.FamilyString
}

func operatorFor(t catalog.KeyType) string {
	if t.Multivalued() {
		return "ForAnyValue:" + operatorFor(t.Elem())
	}
	switch t {
	case catalog.KeyARN:
		return "ArnLike"
	case catalog.KeyNumeric:
		return "NumericEquals"
	case catalog.KeyDate:
		return "DateGreaterThan or DateLessThan"
	case catalog.KeyBool:
		return "Bool"
	case catalog.KeyIPAddress:
		return "IpAddress"
	case catalog.KeyBinary:
		return "BinaryEquals"
	}
	return "StringEquals"
}

func familyNoun(f conditions.Family) string {
	switch f {
	case conditions.FamilyNumeric:
		return "numbers"
	case conditions.FamilyDate:
		return "dates"
	case conditions.FamilyBool:
		return "booleans"
	case conditions.FamilyBinary:
		return "binary values"
	case conditions.FamilyIP:
		return "IP addresses"
	case conditions.FamilyARN:
		return "ARNs"
	}
	return "strings"
}

func typeNoun(t catalog.KeyType) string {
	if t.Multivalued() {
		return " multivalued" + typeNoun(t.Elem())
	}
	switch t {
	case catalog.KeyARN:
		return "n ARN"
	case catalog.KeyNumeric:
		return " numeric"
	case catalog.KeyDate:
		return " date"
	case catalog.KeyBool:
		return " boolean"
	case catalog.KeyIPAddress:
		return "n IP address"
	case catalog.KeyBinary:
		return " binary"
	}
	return " string"
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
