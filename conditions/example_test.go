package conditions_test

import (
	"fmt"

	"github.com/iamlogic/iamlogic/conditions"
)

// A Condition block is compiled once and evaluated against each request.
func ExampleCompile() {
	op := func(name string) conditions.Operator {
		o, err := conditions.ParseOperator(name)
		if err != nil {
			panic(err)
		}
		return o
	}
	// "Condition": {
	//   "StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/"]},
	//   "IpAddress":  {"aws:SourceIp": "203.0.113.0/24"}
	// }
	block, err := conditions.Compile([]conditions.Clause{
		{Operator: op("StringLike"), Key: "s3:prefix", Values: []string{"", "home/", "home/${aws:username}/"}},
		{Operator: op("IpAddress"), Key: "aws:SourceIp", Values: []string{"203.0.113.0/24"}},
	}, conditions.Options{Variables: true}) // policy Version 2012-10-17
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, prefix := range []string{"home/David/", "home/Alice/"} {
		ctx := conditions.NewContext(map[string]conditions.Value{
			"aws:username": conditions.Single("David"),
			"aws:SourceIp": conditions.Single("203.0.113.7"),
			"s3:prefix":    conditions.Single(prefix),
		})
		fmt.Println(prefix, block.Eval(ctx))
	}
	// Output:
	// home/David/ true
	// home/Alice/ false
}

// Compile reports a policy value that is invalid for its operator.
func ExampleCompile_error() {
	_, err := conditions.Compile([]conditions.Clause{{
		Operator: conditions.Operator{Base: conditions.DateLessThan},
		Key:      "aws:CurrentTime",
		Values:   []string{"2020-13-01"},
	}}, conditions.Options{})
	fmt.Println(err)
	// Output:
	// condition clause 0, value 0: "2020-13-01" is not a date: month 13 out of range (use ISO 8601 such as 2020-01-31T00:00:00Z, or epoch seconds)
}

// A template substitutes request-context values; text it substitutes is
// literal, while wildcards written in the policy stay wildcards.
func ExampleParseTemplate() {
	ctx := conditions.NewContext(map[string]conditions.Value{
		"aws:username": conditions.Single("David"),
	})
	t := conditions.ParseTemplate("home/${aws:username}/${aws:PrincipalTag/team, 'none'}/*", true)
	text, ok := t.AppendText(nil, ctx)
	fmt.Println(string(text), ok)

	_, ok = conditions.ParseTemplate("${aws:PrincipalTag/team}", true).AppendText(nil, ctx)
	fmt.Println("absent without default:", ok)

	old := conditions.ParseTemplate("home/${aws:username}", false) // Version 2008-10-17
	text, _ = old.AppendText(nil, ctx)
	fmt.Println(string(text))
	// Output:
	// home/David/none/* true
	// absent without default: false
	// home/${aws:username}
}

// Keys that differ only by case are one key; AWS treats them as one
// multivalued key, which plain operators never match.
func ExampleNewContext() {
	ctx := conditions.NewContext(map[string]conditions.Value{
		"aws:SourceIp":        conditions.Single("203.0.113.7"),
		"aws:ResourceTag/env": conditions.Single("prod"),
		"aws:ResourceTag/ENV": conditions.Single("dev"),
	})
	fmt.Println(ctx.Keys())
	v, _ := ctx.Lookup("AWS:SOURCEIP")
	fmt.Println(v.Values(), v.IsMulti())
	v, _ = ctx.Lookup("aws:resourcetag/env")
	fmt.Println(v.Values(), v.IsMulti())
	// Output:
	// [aws:resourcetag/env aws:sourceip]
	// [203.0.113.7] false
	// [dev prod] true
}

func ExampleCheckVariables() {
	for _, p := range conditions.CheckVariables("home/${aws:username,'guest'}/${") {
		fmt.Println(p)
	}
	// Output:
	// variable "${aws:username,'guest'}" at offset 5: a default value is written ${key, 'default'} (a comma, one space, the value in single quotes); as written, the whole text is taken as the key name
	// unterminated "${" at offset 29: the rest of the value is literal text
}
