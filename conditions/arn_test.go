package conditions

import "testing"

func TestArnOperators(t *testing.T) {
	const doc = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	runEvalCases(t, []evalCase{
		{name: "ArnEquals exact", op: "ArnEquals", values: []string{"arn:aws:sns:us-east-1:123456789012:TOPIC-ID"}, v: single("arn:aws:sns:us-east-1:123456789012:TOPIC-ID"), want: true},
		{name: "ArnEquals case-sensitive", op: "ArnEquals", values: []string{"arn:aws:sns:us-east-1:123456789012:topic-id"}, v: single("arn:aws:sns:us-east-1:123456789012:TOPIC-ID"), want: false},
		{name: "ArnEquals wildcards per part", op: "ArnEquals", values: []string{"arn:aws:sns:*:123456789012:TOPIC-?"}, v: single("arn:aws:sns:us-east-1:123456789012:TOPIC-7"), want: true},
		{name: "ArnLike * stays in its part", op: "ArnLike", values: []string{"arn:aws:someservice:*:111122223333:finance/*"}, v: single(doc), want: false},
		{name: "StringLike * crosses colons", op: "StringLike", values: []string{"arn:aws:someservice:*:111122223333:finance/*"}, v: single(doc), want: true},
		{name: "resource wildcard crosses colons", op: "ArnLike", values: []string{"arn:aws:lambda:*:*:function:fn*"}, v: single("arn:aws:lambda:us-east-1:123456789012:function:fn:PROD"), want: true},
		{name: "empty parts are not wildcards", op: "ArnLike", values: []string{"arn:aws:s3:::b/k"}, v: single("arn:aws:s3:us-east-1::b/k"), want: false},
		{name: "ArnNotLike blocked topic", op: "ArnNotLike", values: []string{"arn:aws:sns:*:*:blocked"}, v: single("arn:aws:sns:us-east-1:123456789012:blocked"), want: false},
		{name: "ArnNotLike other topic", op: "ArnNotLike", values: []string{"arn:aws:sns:*:*:blocked"}, v: single("arn:aws:sns:us-east-1:123456789012:open"), want: true},
		{name: "ArnNotEquals NOR", op: "ArnNotEquals", values: []string{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"}, v: single("arn:aws:iam::1:role/b"), want: false},
		{name: "pattern * matches any ARN", op: "ArnLike", values: []string{"*"}, v: single("arn:aws:s3:::b"), want: true},
		{name: "non-ARN pattern matches nothing", op: "ArnLike", values: []string{"bucket/*"}, v: single("arn:aws:s3:::bucket/k"), want: false},
		{name: "non-ARN pattern never blocks the NOR", op: "ArnNotLike", values: []string{"bucket/*"}, v: single("arn:aws:s3:::bucket/k"), want: true},
		{name: "request not an ARN", op: "ArnNotLike", values: []string{"arn:aws:s3:::b"}, v: single("b"), want: false},
		{name: "request * is not an ARN", op: "ArnLike", values: []string{"*"}, v: single("*"), want: false},
		// Variables anywhere in an Arn value (SPEC §5.11.2).
		{name: "variable in resource", op: "ArnLike", values: []string{"arn:aws:iam::*:user/${aws:username}"}, v: single("arn:aws:iam::123456789012:user/Ana"), extra: map[string]Value{"aws:username": Single("Ana")}, want: true},
		{name: "variable in account", op: "ArnEquals", values: []string{"arn:aws:iam::${aws:PrincipalAccount}:role/*"}, v: single("arn:aws:iam::123456789012:role/r"), extra: map[string]Value{"aws:PrincipalAccount": Single("123456789012")}, want: true},
		{name: "substituted * is literal", op: "ArnLike", values: []string{"arn:aws:iam::1:user/${aws:username}"}, v: single("arn:aws:iam::1:user/Ana"), extra: map[string]Value{"aws:username": Single("*")}, want: false},
		{name: "special ${*} is literal", op: "ArnLike", values: []string{"arn:aws:s3:::b/${*}"}, v: single("arn:aws:s3:::b/k"), want: false},
		{name: "special ${*} matches a star", op: "ArnLike", values: []string{"arn:aws:s3:::b/${*}"}, v: single("arn:aws:s3:::b/*"), want: true},
		{name: "without variables ${*} is a wildcard", op: "ArnLike", values: []string{"arn:aws:s3:::b/${*}"}, v: single("arn:aws:s3:::b/${x}"), novars: true, want: true},
		{name: "unresolved variable: positive never matches", op: "ArnLike", values: []string{"arn:aws:iam::1:user/${aws:username}"}, v: single("arn:aws:iam::1:user/"), want: false},
		{name: "unresolved variable: negated not blocked", op: "ArnNotLike", values: []string{"arn:aws:iam::1:user/${aws:username}"}, v: single("arn:aws:iam::1:user/"), want: true},
		{name: "substituted wildcard byte fails closed", op: "ArnNotLike", values: []string{"arn:aws:iam::1:user/${aws:username}"}, v: single("arn:aws:iam::1:user/x"), extra: map[string]Value{"aws:username": Single("\xff")}, want: false},
	})
}
