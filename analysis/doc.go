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
package analysis
