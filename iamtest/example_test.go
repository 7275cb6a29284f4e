package iamtest_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/iamtest"
)

// testOrdersRole is the unit test an orders service keeps beside its IAM
// policy. In the service's package it is an ordinary test:
//
//	func TestOrdersRole(t *testing.T) { … the same body … }
//
// It takes a testing.TB here only so that this example can run it.
func testOrdersRole(t testing.TB) {
	set := iamtest.Compile(t, evaluator.Policies{
		Identity: iamtest.LoadPolicies(t, "testdata/policies/orders-role.json"),
	})

	read := evaluator.Request{
		Principal: "arn:aws:sts::111122223333:assumed-role/orders/task",
		Action:    "dynamodb:GetItem",
		Resource:  "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders",
	}
	iamtest.Allowed(t, set, read)

	write := read
	write.Action = "dynamodb:PutItem"
	write.Context = iamtest.Context(iamtest.Key("aws:SourceVpc", "vpc-1a2b3c4d"))
	iamtest.Allowed(t, set, write)

	write.Context = iamtest.Context(iamtest.Key("aws:SourceVpc", "vpc-99999999"))
	iamtest.ImplicitlyDenied(t, set, write)

	drop := read
	drop.Action = "dynamodb:DeleteTable"
	iamtest.ExplicitlyDenied(t, set, drop)

	// A wrong expectation, on purpose, to show what a failure reports.
	iamtest.Allowed(t, set, drop)
}

// A service's unit test of its role's policy, and the message of a failing
// assertion.
func Example_serviceUnitTest() {
	done := make(chan struct{})
	go func() { // Fatalf ends the goroutine, as in a real test
		defer close(done)
		testOrdersRole(printingT{})
	}()
	<-done
	// Output:
	// FAIL: iamtest.Allowed: want allowed, got explicitDeny
	//   reason:     explicit-deny
	//   blocked by: identity
	//   request:
	//     principal:         arn:aws:sts::111122223333:assumed-role/orders/task
	//     action:            dynamodb:DeleteTable
	//     resource:          arn:aws:dynamodb:eu-west-1:111122223333:table/Orders
	//     context:           (no keys)
	//   deciding statements:
	//     Deny identity[0] statement 2 (Sid "NeverDeleteTables") at testdata/policies/orders-role.json:17:5
}

// printingT stands in for *testing.T: it prints failures.
type printingT struct{ testing.TB }

func (printingT) Helper() {}

func (printingT) Errorf(format string, args ...any) {
	fmt.Printf("FAIL: "+format+"\n", args...)
}

func (printingT) Fatalf(format string, args ...any) {
	fmt.Printf("FATAL: "+format+"\n", args...)
	runtime.Goexit()
}
