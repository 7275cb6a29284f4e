package analysis

import (
	"encoding/binary"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/internal/wildcard"
)

// The cells of the action and resource dimensions. The evaluator reads a
// request's action and resource through the policies' Action and Resource
// elements, and through a few rules of its own (evaluator/decide.go,
// awsowned.go, evaluate.go's resourcePolicyRequired, trust.go): this file
// names those rules once, so that two actions (two resources) that no
// policy element and no rule tells apart are decided once.

// actionPattern is a compiled Action or NotAction entry: "*", or a service
// prefix (compared without regard to case, no wildcards: evaluator.Compile
// rejects them) and a name glob (compared without regard to case).
type actionPattern struct {
	all       bool
	svc, name string // name is wildcard.Encode'd
	valid     bool
}

func compileActionPattern(p string) actionPattern {
	if p == "*" {
		return actionPattern{all: true, valid: true}
	}
	svc, name, ok := strings.Cut(p, ":")
	return actionPattern{svc: svc, name: wildcard.Encode(name), valid: ok}
}

// match reports whether the pattern matches the action service:Name, as
// the evaluator matches an Action entry.
func (p actionPattern) match(action string) bool {
	if p.all {
		return true
	}
	svc, name, ok := strings.Cut(action, ":")
	return p.valid && ok && strings.EqualFold(p.svc, svc) && wildcard.Match(p.name, name, true)
}

func globMatchAction(pattern, action string) bool {
	return compileActionPattern(pattern).match(action)
}

// actionClass is how the evaluator's own rules read an action: the actions
// of one class (and of one service, for the classes of sts, iam and kms)
// differ to the evaluator only in the policy elements that match them.
type actionClass uint8

// The classes of actions: classPlain for every service but sts, iam and
// kms, one class per row of actionClasses, and the other actions of each
// of those three services.
const (
	classPlain actionClass = iota
	classSTSOther
	classIAMOther
	classKMSOther
	classGetCallerIdentity
	classAssumeRole
	classTrust
	classPolicyWrite
	classRoleWrite
	classRoleUpdate
	classAliasWrite
)

// actionClasses are the actions the evaluator treats apart, in the groups
// it treats alike (names compared without regard to case):
//   - sts:GetCallerIdentity needs no permission (noPermissionRequired) and
//     is exempt from the federated-session limit;
//   - sts:AssumeRole is refused to the root user (rootAssumeRole), and is
//     a trust action like the next row (resourcePolicyRequired: the trust
//     policy must grant even in the role's account);
//   - the writes of a managed policy, of a role, and UpdateRole with
//     UpdateRoleDescription, refused on AWS-owned resources (awsOwnedResource:
//     policyWrites, roleWrites, and the two that stay allowed on a
//     service-linked role);
//   - the KMS alias writes, refused on alias/aws/ (awsOwnedResource).
//
// Every other sts: and iam: action is refused to a federated-user session
// alike (federatedSessionLimit), and every kms: action needs the key
// policy on a key (resourcePolicyRequired).
var actionClasses = []struct {
	class actionClass
	svc   string
	names []string
}{
	{classGetCallerIdentity, "sts", []string{"GetCallerIdentity"}},
	{classAssumeRole, "sts", []string{"AssumeRole"}},
	{classTrust, "sts", []string{"AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession", "SetSourceIdentity"}},
	{classPolicyWrite, "iam", []string{"CreatePolicy", "CreatePolicyVersion", "DeletePolicy", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy"}},
	{classRoleWrite, "iam", []string{"AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
		"UpdateAssumeRolePolicy", "TagRole", "UntagRole", "DeleteRole"}},
	{classRoleUpdate, "iam", []string{"UpdateRole", "UpdateRoleDescription"}},
	{classAliasWrite, "kms", []string{"CreateAlias", "UpdateAlias", "DeleteAlias"}},
}

// classOf returns the class of action service:Name.
func classOf(action string) actionClass {
	svc, name, _ := strings.Cut(action, ":")
	var other actionClass
	switch {
	case strings.EqualFold(svc, "sts"):
		other = classSTSOther
	case strings.EqualFold(svc, "iam"):
		other = classIAMOther
	case strings.EqualFold(svc, "kms"):
		other = classKMSOther
	default:
		return classPlain
	}
	for _, c := range actionClasses {
		if !strings.EqualFold(c.svc, svc) {
			continue
		}
		for _, n := range c.names {
			if strings.EqualFold(n, name) {
				return c.class
			}
		}
	}
	return other
}

// feature is one property of a resource that a rule of the evaluator reads.
type feature uint16

const (
	// fManagedPolicy: arn:P:iam:R:aws:policy/… (sharedWithEveryAccount,
	// and awsOwnedResource for the policy writes).
	fManagedPolicy feature = 1 << iota
	// fReservedRole: an iam ARN of role/aws-reserved/… (awsOwnedResource).
	fReservedRole
	// fSSORole: an iam ARN of role/aws-reserved/sso.amazonaws.com/…
	// (ssoManages).
	fSSORole
	// fServiceRole: an iam ARN of role/aws-service-role/…
	// (awsOwnedResource).
	fServiceRole
	// fRole: an iam ARN of role/… (resourcePolicyRequired for the trust
	// actions).
	fRole
	// fTrust: an sts: action on it is a trust request
	// (evaluator.IsTrustRequest, which the trust check keeps to).
	fTrust
	// fAWSAlias: a kms ARN of alias/aws/… (awsOwnedResource, the reserved
	// prefix in any case).
	fAWSAlias
	// fKey: a kms ARN of key/… (resourcePolicyRequired).
	fKey
)

// classFeatures are the features the evaluator's rules read for an action
// of each class. Every class reads fManagedPolicy: an AWS managed policy
// is read in the caller's account whatever the action. fTrust, which
// only the trust check reads, is among them for every sts: action.
func classFeatures(c actionClass) feature {
	f := fManagedPolicy
	switch c {
	case classSTSOther, classGetCallerIdentity:
		f |= fTrust
	case classAssumeRole, classTrust:
		f |= fTrust | fRole
	case classRoleWrite:
		f |= fReservedRole | fSSORole | fServiceRole
	case classRoleUpdate:
		f |= fReservedRole | fSSORole
	case classAliasWrite:
		f |= fAWSAlias | fKey
	case classKMSOther:
		f |= fKey
	}
	return f
}

// features returns the features the check reads for an action of class
// cl: classFeatures, without fTrust but for a trust policy; with
// exhaustive, every feature.
func (c check) features(cl actionClass) feature {
	switch {
	case c.exhaustive:
		return ^feature(0)
	case c.mode != modeTrust:
		return classFeatures(cl) &^ fTrust
	}
	return classFeatures(cl)
}

// needFeatures returns the features the check reads for some action of
// actions: the resource shapes its search must realise.
func (c check) needFeatures(actions []string) feature {
	var f feature
	for _, a := range actions {
		f |= c.features(classOf(a))
	}
	return f
}

// resourceSpecials are the resource-section shapes of the features, and
// the iam and kms services they need: a search that takes the globs in
// realises every combination of the features and the patterns' outcomes.
var resourceSpecials = []struct {
	g   glob
	svc string
	f   feature
}{
	{newGlob("policy/*", true, false), "iam", fManagedPolicy},
	{newGlob("role/*", true, false), "iam", fRole | fTrust | fReservedRole | fSSORole | fServiceRole},
	{newGlob("role/aws-reserved/*", true, false), "iam", fReservedRole | fSSORole},
	{newGlob("role/aws-reserved/sso.amazonaws.com/*", true, false), "iam", fSSORole},
	{newGlob("role/aws-service-role/*", true, false), "iam", fServiceRole},
	{newGlob("key/*", true, false), "kms", fKey},
	{newGlob("alias/*", true, false), "kms", fAWSAlias},
	// The reserved prefix in any case, with something after it.
	{newGlob("alias/aws/?*", true, true), "kms", fAWSAlias},
}

// specialsFor returns the globs of the service and resource sections that
// realise the features need.
func specialsFor(need feature) (svc, res []glob) {
	var iam, kms bool
	for _, x := range resourceSpecials {
		if x.f&need == 0 {
			continue
		}
		res = append(res, x.g)
		iam, kms = iam || x.svc == "iam", kms || x.svc == "kms"
	}
	if iam {
		svc = append(svc, newGlob("iam", false, false))
	}
	if kms {
		svc = append(svc, newGlob("kms", false, false))
	}
	return svc, res
}

// featuresOf returns the features of resource r, read as the evaluator
// reads them: the sections of the ARN split at its first five colons,
// prefixes compared with case.
func featuresOf(r string) feature {
	sec, ok := arn.Split(r)
	if !ok {
		return 0
	}
	var f feature
	res := sec.Resource
	switch sec.Service {
	case "iam":
		if sec.Account == "aws" && strings.HasPrefix(res, "policy/") {
			f |= fManagedPolicy
		}
		for _, x := range []struct {
			prefix string
			f      feature
		}{{"role/", fRole}, {"role/aws-reserved/", fReservedRole}, {"role/aws-reserved/sso.amazonaws.com/", fSSORole}, {"role/aws-service-role/", fServiceRole}} {
			if strings.HasPrefix(res, x.prefix) {
				f |= x.f
			}
		}
	case "kms":
		if strings.HasPrefix(res, "key/") {
			f |= fKey
		}
		if len(res) > len("alias/aws/") && strings.HasPrefix(res, "alias/") && strings.EqualFold(res[len("alias/"):len("alias/aws/")], "aws/") {
			f |= fAWSAlias
		}
	}
	if evaluator.IsTrustRequest(&evaluator.Request{Action: "sts:AssumeRole", Resource: r}) {
		f |= fTrust
	}
	return f
}

// mergeActions keeps the first action of each cell of actions: actions of
// one class that every pattern of patterns matches alike. Two such actions
// are decided alike on every request that differs in nothing else: the
// evaluator reads the action through the Action elements (all of whose
// entries are among patterns) and through its rules, which read the class
// (actionClasses) only; the service of a plain action is read only to
// look up the statements filed under it, which its Action entries match.
func mergeActions(actions, patterns []string) []string {
	pats := make([]actionPattern, 0, len(patterns))
	seenP := map[string]bool{}
	for _, p := range patterns {
		if !seenP[p] {
			seenP[p] = true
			pats = append(pats, compileActionPattern(p))
		}
	}
	seen := map[string]bool{}
	var kb []byte
	var out []string
	for _, a := range actions {
		kb = append(kb[:0], byte(classOf(a)))
		for _, p := range pats {
			kb = append(kb, boolByte(p.match(a)))
		}
		if !seen[string(kb)] {
			seen[string(kb)] = true
			out = append(out, a)
		}
	}
	return out
}

// liveActions returns the actions of actions that can decide the check,
// for a check of documents placed by docPolicies: an action that no
// statement of the documents matches can not. Such an action's requests
// meet only the statements of allowAll, which need nothing (no Condition,
// Resource "*", no NotPrincipal): no undocumented reading is taken
// (evaluator.Undocumented is set only by the elements of a statement whose
// Action element matched). And no such request makes the check fail:
//   - for Compare, the two policy sets differ only in their documents, so
//     they decide each such request alike;
//   - for a resource or trust policy, access the policy grants has a Grant,
//     which only an applicable Allow of the resource-based policy gives;
//   - for the other identity-side documents (gated: all but a session
//     policy, which does not take part for IAM users), a caller the mode
//     admits is allowed only through an Allow of the document: the
//     identity-based policy or boundary of a user or role session (the root
//     user is no such caller), every SCP level, every endpoint policy.
//
// But sts:GetCallerIdentity needs no permission: an IAM caller is always
// allowed it, which makes NotGranted fail for an identity-side document
// (for Compare both sides allow it alike, and the access has no Grant).
func (c check) liveActions(at *atoms, actions []string) []string {
	if !c.prunesActions() {
		return actions
	}
	var keep []string
	for _, a := range actions {
		if (classOf(a) == classGetCallerIdentity && c.keepsCallerIdentity()) || docMatches(at, a) {
			keep = append(keep, a)
		}
	}
	return keep
}

// keepsCallerIdentity reports whether sts:GetCallerIdentity is live though
// no statement of the documents matches it: for NotGranted on an
// identity-side document.
func (c check) keepsCallerIdentity() bool {
	return c.kind == checkNotGranted && c.mode == modeIdentity
}

// prunesActions reports whether liveActions drops the actions no
// statement of the documents matches.
func (c check) prunesActions() bool {
	return !c.exhaustive && c.mode != modeSets && (c.kind == checkCompare || c.gated)
}

// inertService returns whether liveActions drops every action of service
// svc (lower case), sts:GetCallerIdentity aside: no statement of the
// documents has a NotAction element, an Action entry "*" or one of svc.
func (c check) inertService(at *atoms) func(svc string) bool {
	if !c.prunesActions() {
		return nil
	}
	return func(svc string) bool {
		for _, st := range at.stmts {
			if !st.doc {
				continue
			}
			if st.actNot {
				return false
			}
			for _, p := range st.actions {
				if p.all || strings.EqualFold(p.svc, svc) {
					return false
				}
			}
		}
		return true
	}
}

// docMatches reports whether a statement of a document analysed matches
// action a.
func docMatches(at *atoms, a string) bool {
	for _, st := range at.stmts {
		if st.doc && st.matchesAction(a) {
			return true
		}
	}
	return false
}

// actionMasks returns, for each action, the patterns of the n of rp that
// can tell its resources apart (actionMask), and their union; with all,
// every pattern.
func actionMasks(at *atoms, actions []string, n int, all bool) ([]bits, bits) {
	masks := make([]bits, len(actions))
	used := newBits(n)
	if all {
		used = ones(n)
	}
	for i, a := range actions {
		masks[i] = actionMask(at, a, n)
		for w := range used {
			used[w] |= masks[i][w]
		}
	}
	return masks, used
}

// perActionResources returns, for each action, the representatives of
// reps it needs. Per action, only the resource patterns of the statements
// whose Action element takes part (its mask, actionMasks) can tell
// resources apart, and of the evaluator's rules only those of the action's
// class: keep one resource per cell of those (with the account). Actions
// with the same mask and class share their list.
func (c check) perActionResources(actions []string, masks []bits, reps []arnRep) [][]arnRep {
	perAction := make([][]arnRep, len(actions))
	feats := make([]feature, len(reps))
	for i, r := range reps {
		feats[i] = featuresOf(r.arn)
	}
	lists := map[string][]arnRep{}
	var lk, kb []byte
	for i, a := range actions {
		mask := masks[i]
		cf := c.features(classOf(a))
		lk = append(mask.appendKey(lk[:0]), byte(cf), byte(cf>>8))
		if l, ok := lists[string(lk)]; ok {
			perAction[i] = l
			continue
		}
		seen := map[string]bool{}
		var l []arnRep
		for j, r := range reps {
			kb = cellKey(kb[:0], r, mask, feats[j]&cf)
			if !seen[string(kb)] {
				seen[string(kb)] = true
				l = append(l, r)
			}
		}
		lists[string(lk)] = l
		perAction[i] = l
	}
	return perAction
}

// actionMask returns the patterns, of the n of rp, that can tell
// resources apart for action a: the resources of the statements whose
// Action element matches a, and the check's own resources.
func actionMask(at *atoms, a string, n int) bits {
	mask := newBits(n)
	for _, st := range at.stmts {
		if st.matchesAction(a) {
			for _, k := range st.resIdx {
				mask.set(k)
			}
		}
	}
	for k := len(at.resources); k < n; k++ {
		mask.set(k)
	}
	return mask
}

// cellKey appends to kb the cell of r among the patterns of mask: the
// patterns it matches, its account, and the features f the action's rules
// read.
func cellKey(kb []byte, r arnRep, mask bits, f feature) []byte {
	if r.arn == "*" {
		return append(kb, '*')
	}
	for w := range mask {
		kb = binary.LittleEndian.AppendUint64(kb, r.bits[w]&mask[w])
	}
	kb = append(kb, byte(f), byte(f>>8), '|')
	return append(kb, r.account...)
}
