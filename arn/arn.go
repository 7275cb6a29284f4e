package arn

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ARN is a parsed Amazon Resource Name. It is a comparable value type; the
// zero ARN is not a valid ARN.
type ARN struct {
	Partition string // "aws", "aws-cn", …
	Service   string // service namespace: "iam", "s3", "lambda", …
	Region    string // may be empty
	AccountID string // may be empty; "aws" for AWS managed IAM policies
	Resource  string // everything after the fifth colon; may contain ':' and '/'
}

// Error reports why a string is not a valid ARN or ARN pattern.
type Error struct {
	Input  string // the rejected input, unchanged
	Reason string // what is wrong, e.g. `has no service`
}

// maxQuoted bounds how much of the input an error message repeats.
const maxQuoted = 256

// Error returns `arn: "<input>" <reason>`, with very long inputs shortened.
func (e *Error) Error() string {
	in := e.Input
	suffix := ""
	if len(in) > maxQuoted {
		in = in[:maxQuoted]
		suffix = "…"
	}
	return "arn: " + strconv.Quote(in) + suffix + " " + e.Reason
}

// Parse parses s strictly as a concrete ARN:
// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, split at the first five
// colons. The partition must be known (see [KnownPartition]), the service and
// the resource non-empty; region and account may be empty. s must be valid
// UTF-8 without control characters. The error is always an *[Error].
func Parse(s string) (ARN, error) {
	if !utf8.ValidString(s) {
		return ARN{}, &Error{Input: s, Reason: "is not valid UTF-8"}
	}
	for i, r := range s {
		if unicode.IsControl(r) {
			return ARN{}, &Error{Input: s, Reason: "contains control character " +
				strconv.QuoteRune(r) + " at byte " + strconv.Itoa(i)}
		}
	}
	sec, ok := Split(s)
	if !ok {
		if !strings.HasPrefix(s, "arn:") {
			return ARN{}, &Error{Input: s, Reason: `does not start with "arn:"`}
		}
		n := strings.Count(s, ":")
		return ARN{}, &Error{Input: s, Reason: "has " + strconv.Itoa(n) + " " + plural(n, "colon") +
			"; an ARN has at least five (arn:partition:service:region:account:resource)"}
	}
	switch {
	case sec.Partition == "":
		return ARN{}, &Error{Input: s, Reason: "has an empty partition"}
	case !KnownPartition(sec.Partition):
		return ARN{}, &Error{Input: s, Reason: "has unknown partition " + strconv.Quote(sec.Partition) +
			" (known: " + strings.Join(Partitions(), ", ") + ")"}
	case sec.Service == "":
		return ARN{}, &Error{Input: s, Reason: "has an empty service"}
	case sec.Resource == "":
		return ARN{}, &Error{Input: s, Reason: "has an empty resource"}
	}
	return ARN{
		Partition: sec.Partition,
		Service:   sec.Service,
		Region:    sec.Region,
		AccountID: sec.Account,
		Resource:  sec.Resource,
	}, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// MustParse is like [Parse] but panics if s is not a valid ARN. It is meant
// only for tests, examples and package-level values built from constants;
// never call it on input from users or policies.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// String returns the ARN in its textual form; for a parsed ARN it returns the
// string that was parsed.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.AccountID + ":" + a.Resource
}

// ResourceType returns the resource type: the text of the resource part
// before its first '/' or ':' ("user" for "user/path/name", "function" for
// "function:fn:PROD", "table" for "table/T/stream/S"). It is empty when the
// resource has no separator ("root", an SNS topic name), when the separator
// is the first character, and for S3 buckets and objects (service "s3" with
// empty region and account), whose resource part "bucket/key" has no type.
func (a ARN) ResourceType() string {
	t, _ := a.splitResource()
	return t
}

// ResourceID returns the resource part without the type and its separator
// ("path/name" for "user/path/name", "fn:PROD" for "function:fn:PROD"); it
// is the whole resource part when [ARN.ResourceType] is empty.
func (a ARN) ResourceID() string {
	_, id := a.splitResource()
	return id
}

func (a ARN) splitResource() (typ, id string) {
	if a.Service == "s3" && a.Region == "" && a.AccountID == "" {
		return "", a.Resource
	}
	i := strings.IndexAny(a.Resource, "/:")
	if i <= 0 {
		return "", a.Resource
	}
	return a.Resource[:i], a.Resource[i+1:]
}

// KnownPartition reports whether p is one of the AWS partitions listed by
// [Partitions]. The comparison is exact (case-sensitive).
func KnownPartition(p string) bool {
	switch p {
	case "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc":
		return true
	}
	return false
}

// Partitions returns the known AWS partitions, a fresh slice on every call.
func Partitions() []string {
	return []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
}
