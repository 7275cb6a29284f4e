// Package iamtest provides helpers for Go unit tests that check what a set
// of AWS IAM policies allows: the policies of a service's role, a bucket
// policy, the SCPs of an organization, written as JSON files beside the
// code that needs them.
//
// A test loads and compiles the policies once and asserts decisions:
//
//	func TestOrdersRole(t *testing.T) {
//		set := iamtest.Compile(t, evaluator.Policies{
//			Identity: iamtest.LoadPolicies(t, "policies/orders-role.json"),
//		})
//		req := evaluator.Request{
//			Principal: "arn:aws:sts::111122223333:assumed-role/orders/task",
//			Action:    "dynamodb:GetItem",
//			Resource:  "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders",
//		}
//		iamtest.Allowed(t, set, req)
//		req.Action = "dynamodb:DeleteTable"
//		iamtest.Denied(t, set, req)
//	}
//
// Allowed, Denied, ExplicitlyDenied and ImplicitlyDenied report a wrong
// decision with everything needed to understand it: the request, the
// expected and actual decision, the reason, the type of policy that blocked,
// the gaps of the decision (the keys AWS always sets that it assumed, the
// behaviours AWS does not document that it relied on, the condition keys the
// request lacks), and the statements that decided (policy, statement index,
// Sid and line:column), as found by [evaluator.Set.Explain].
//
// RunFile runs an access-test file (the format `iamlogic test` runs in CI)
// as subtests, one per case, failing them as `iamlogic test` does (a strict
// case also fails on any gap); a failing case names the file and line of the
// case and the file:line:column of each deciding statement.
//
// Every helper calls t.Helper, so failures point at the test's own line.
// Loading or compiling problems stop the test with t.Fatalf; a wrong
// decision is reported with t.Errorf so that one test can report several.
package iamtest
