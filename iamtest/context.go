package iamtest

import "github.com/iamlogic/iamlogic/conditions"

// KeyValue is one key of a request context with its value, for Context.
type KeyValue struct {
	name  string
	value conditions.Value
}

// Key is a single-valued context key, such as aws:SourceIp or
// aws:MultiFactorAuthPresent (booleans and numbers are written as text:
// "true", "3600").
func Key(name, value string) KeyValue {
	return KeyValue{name: name, value: conditions.Single(value)}
}

// MultiKey is a multivalued context key, such as aws:TagKeys or
// aws:PrincipalServiceNamesList. A multivalued key with one value is not
// the same as a single-valued key: plain condition operators never match a
// multivalued key.
func MultiKey(name string, values ...string) KeyValue {
	return KeyValue{name: name, value: conditions.Multi(values...)}
}

// Context builds a request context from keys:
//
//	iamtest.Context(
//		iamtest.Key("aws:SourceIp", "203.0.113.7"),
//		iamtest.MultiKey("aws:TagKeys", "team", "env"),
//	)
//
// Keys compare case-insensitively, as in AWS. When a key is given twice,
// the last value wins; keys that differ only by case are merged into one
// multivalued key (conditions.NewContext).
func Context(keys ...KeyValue) conditions.Context {
	m := make(map[string]conditions.Value, len(keys))
	for _, k := range keys {
		m[k.name] = k.value
	}
	return conditions.NewContext(m)
}
