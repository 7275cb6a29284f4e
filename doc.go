// Package iamlogic decides, offline and as AWS does, what a set of AWS IAM
// policies allows.
//
// This root package is the front door: [Authorize] parses a handful of
// policy documents, compiles them and decides one request with an
// explanation, in one call; the type aliases name the main types of the
// packages that do the work, so that most programs import only this one.
//
//	res, err := iamlogic.Authorize(iamlogic.Documents{
//		Identity: []iamlogic.Document{{Name: "role.json", JSON: rolePolicy}},
//	}, iamlogic.Request{
//		Principal: "arn:aws:iam::111122223333:role/app",
//		Action:    "s3:GetObject",
//		Resource:  "arn:aws:s3:::reports/q1.csv",
//	})
//
// For more, use the packages themselves:
//
//   - policy parses and validates documents (findings with codes and
//     file:line:col positions);
//   - evaluator compiles policies once into a Set that decides requests
//     concurrently, without allocating;
//   - conditions holds the condition operators and the request context;
//   - arn parses and matches ARNs;
//   - accesstest reads and runs access-test files (the format of
//     `iamlogic test`);
//   - iamtest has assertions for Go unit tests;
//   - analysis answers questions about every possible request.
package iamlogic
