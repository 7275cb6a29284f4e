// Command assume-role-mfa-externalid shows a cross-account role whose trust
// policy requires both the external ID agreed with a partner and MFA, and
// the difference between the Bool and BoolIfExists condition operators for
// aws:MultiFactorAuthPresent, a key that requests signed with long-term
// access keys do not carry at all.
// Its requests are the cases of access.json, each printed with the decision
// and the statements that decided it:
//
//	go run ./examples/assume-role-mfa-externalid [-dir examples/assume-role-mfa-externalid]
package main

import "github.com/iamlogic/iamlogic/examples/internal/show"

func main() { show.Main(show.AccessFile) }
