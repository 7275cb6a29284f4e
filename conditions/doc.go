// Package conditions implements the IAM condition language: every condition
// operator with its ...IfExists and ForAllValues:/ForAnyValue: forms, the
// request context, and policy variables.
package conditions
