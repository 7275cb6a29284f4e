// Package analysis answers questions about every request a set of
// policies could receive, not one request at a time: does a candidate
// policy allow anything its reference does not, is an action never
// allowed, is a resource public.
//
// Its answers follow one contract, whatever the question:
//
//   - [Fail] ("yes, there is such access") always carries at least one
//     witness: a complete evaluator.Request that the concrete evaluator has
//     replayed and decided as the answer claims, with the deciding
//     statements at their file:line:col;
//   - [Pass] ("no such access") is a proof over the whole request space,
//     under assumptions the answer states;
//   - [Unknown] is returned when a budget ran out or a policy uses
//     something the analysis cannot reason about: never a silent Pass.
//
// The package builds on the evaluator's decision procedure; it does not
// restate it.
//
// # The questions
//
// [Compare] and [CompareSets] answer IAM Access Analyzer's CheckNoNewAccess:
// does the candidate allow a request the reference does not? [NotGranted]
// and [NotGrantedSet] answer CheckAccessNotGranted: is none of these
// actions (on these resources) ever allowed? [Public] answers
// CheckNoPublicAccess: can a caller outside the resource's account and
// organization, or an anonymous one, be allowed? [NotGrantedWhere] is
// NotGrantedSet over a [RequestPattern]: the fields it fixes stay fixed
// (the quantified cases of package accesstest). [Conditions] answers, for
// one request whose condition keys are left open, when it is allowed: a
// [Residual], a disjunction of conjunctions of [Constraint] values on those
// keys, exact and checked against the evaluator cell by cell (openkeys.go
// says how keys are cut into cells), or ReachUnknown with the reason.
//
// A single document is placed in a policy set as its type reads it. An
// identity-based policy is attached to an IAM user or role that calls in
// its own account. A permissions boundary, session policy, SCP or VPC
// endpoint policy is checked with identity-based policies that allow
// everything. A resource-based or trust policy is checked for what it
// grants on its own: callers in another account than the resource's, whose
// identity-based policies allow the request, and callers that are not IAM
// identities (services, identity providers, anonymous); for a trust
// policy, only sts: actions on the role. Access that needs no policy at all
// (sts:GetCallerIdentity) or comes from the identity-based policies alone
// (an AWS managed policy, which every account reads) is not the resource
// policy's.
//
// # How a Pass is proved
//
// The request space is infinite, but the policies apply finitely many
// predicates to it: every Action, Resource and Principal entry and every
// condition clause. The analysis cuts each dimension of a request into the
// cells those predicates cannot tell apart and decides one representative
// of every cell with the concrete evaluator:
//
//   - actions, per service named: the action-name patterns (compared
//     without regard to case) are globs; a breadth-first search over the
//     product of their automata, over the characters they name plus a
//     fresh one, yields one name per reachable vector of "matches / does
//     not match" (see search in glob.go for why this realises every
//     vector), plus the actions the evaluator itself treats apart
//     (sts:GetCallerIdentity, the trust actions, the writes refused on
//     AWS-owned resources) and one action of a service no pattern names;
//   - resources and ARN-valued condition keys: each of the five ARN
//     sections is searched the same way (partitions are the real ones),
//     the account section takes every account ID the policies hold and two
//     fresh ones (and "" and "aws"), and the product is kept once per
//     vector of whole-pattern outcomes;
//   - callers: the root user, users, role sessions (with role paths) and
//     federated users of every account and partition class, with names
//     searched over the principal patterns (Principal entries and
//     aws:PrincipalArn), every session named, every service and identity
//     provider named and a fresh one of each, and the anonymous caller;
//     the caller's and the resource's accounts are enumerated as a pair, so
//     "same account" and "another account" are both realised;
//   - string condition keys by the same search over their values;
//     numbers, dates (aws:CurrentTime and aws:EpochTime through the request
//     time) and IP addresses by the boundaries the policies use (each
//     boundary and a value either side); Bool by true and false; every key
//     may also be absent, except aws:SecureTransport, aws:ViaAWSService and
//     aws:RequestedRegion, which AWS puts in every request;
//   - a key compared with ForAllValues or ForAnyValue takes sets of at most
//     k representatives, k the number of such clauses on the key: a set
//     satisfies a ForAnyValue clause when one element does and violates a
//     ForAllValues clause when one element does, so one element per clause
//     realises every combination of outcomes.
//
// The dimensions are independent given those predicates, and the product
// of the representatives is evaluated point by point (about a microsecond
// each, on each side), up to Options.MaxEvaluations. The walk leaves out
// the points that cannot be decided otherwise than one it keeps, each for
// a reason stated where it is taken (cells.go, analysis.go):
//
//   - an action no statement of the documents analysed matches (the two
//     sides of a Compare decide it alike, and a document grants nothing
//     through a statement that does not apply), sts:GetCallerIdentity
//     aside for NotGranted, since it needs no permission;
//   - all but one of the actions of one class (the groups the evaluator's
//     own rules treat alike) that every pattern matches alike;
//   - per action, all but one resource per cell of the patterns of the
//     statements that match it, its account and the resource shapes the
//     evaluator's rules read for the action's class;
//   - per action, the values of the condition keys (organizations, tags
//     and time included) that no statement matching it reads;
//   - the callers of the second fresh account, which is interchangeable
//     with the first.
//
// Tests check the classes against the evaluator and the reductions against
// the walk without them.
//
// # What is Unknown
//
// Where a dimension is not independent, or a predicate is not modelled,
// the answer is Unknown with a reason, never a Pass: policy variables
// (${aws:username} in a Resource or a condition value couples the context
// to the principal), aws:username, aws:userid and aws:PrincipalOrgPaths,
// unique IDs in a Principal, wildcard account patterns other than "*", a
// condition key compared by operators of different families (except
// String patterns on an ARN-valued key whose first five sections hold no
// wildcard), dates with sub-second precision, and a search or product
// larger than the budget. A denial that rests on an undocumented behaviour
// (evaluator.Result.Undocumented) is read on the side that makes the check
// fail: with no witness found, the answer is Unknown.
//
// NotGranted for actions written out in full (no wildcard) leaves out the
// statements whose Action or NotAction takes part for none of them: such
// a statement never applies to a request of the check, so what it reads
// makes no answer Unknown. Over the AWS managed policies, NotGranted of
// iam:PassRole is Unknown for 19 of 1,594 (234 before this reduction).
//
// # Assumptions
//
// Every Answer lists what it assumed; in short: the evaluator's decision
// procedure is AWS's; request Facts are at their zero value (not the
// management account, not a service-linked role); keys compared with
// ForAllValues/ForAnyValue may carry several values, others one; an
// organization ID may take any value for any account; a fed-user session's
// issuer is none or a user the policies name.
package analysis
