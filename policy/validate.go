package policy

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlogic/iamlogic/arn"
	"github.com/iamlogic/iamlogic/conditions"
)

// Validate applies the rules of policy type t (SPEC §3.4, §3.6, §9) and
// returns its findings, errors and warnings, in document order. It does
// not repeat the findings of Parse. The warnings that do not depend on the
// type (policy variables, condition values) are reported here too, so
// that Parse returns only errors.
//
// Validate may be called on a policy built in Go; it then reads only the
// model (use Check to also run Parse's checks of element values).
func (p *Policy) Validate(t Type) Findings { return p.ValidateWith(t, Options{}) }

// Options refine the rules that ValidateWith and CheckWith apply for a
// policy type. The zero Options are the rules of Validate and Check.
type Options struct {
	// Managed applies the rules IAM adds when a customer managed policy is
	// written (iam:CreatePolicy, iam:CreatePolicyVersion): the Version must
	// be "2012-10-17", so a missing Version or "2008-10-17" is a
	// [CodeVersionInvalid] error ("Policy document must be version
	// 2012-10-17 or greater"; SPEC §3.3), where an inline policy accepts
	// both. Managed policies are identity-based policies or permissions
	// boundaries: with another type, Managed is a [CodePolicyType] error.
	// Without Managed the rules are those of inline policies, which also
	// hold for managed policies already stored (AWS managed policies
	// written in "2008-10-17" remain usable).
	Managed bool
}

// ValidateWith is Validate with the refinements of o.
func (p *Policy) ValidateWith(t Type, o Options) Findings {
	if p == nil {
		return Findings{{Code: CodeSyntax, Message: "no policy (nil *Policy)"}}
	}
	r, ok := rulesFor(t)
	if !ok {
		return Findings{{Code: CodePolicyType, Message: (&TypeError{Name: string(t)}).Error(), Pos: p.Pos}}
	}
	if o.Managed && t != TypeIdentity && t != TypeBoundary {
		return Findings{{Code: CodePolicyType, Message: fmt.Sprintf("a managed policy is an identity-based policy or a permissions boundary, not %s; use type %q or %q with Managed", r.desc, TypeIdentity, TypeBoundary), Pos: p.Pos}}
	}
	v := &validator{p: p, r: r, managed: o.Managed}
	v.document()
	for i := range p.Statements {
		v.statement(&p.Statements[i])
	}
	v.sids()
	v.variables()
	sort.SliceStable(v.out, func(i, j int) bool { return v.out[i].Pos.Offset < v.out[j].Pos.Offset })
	return v.out
}

// Check returns the error-severity findings of Parse and of Validate(t) as
// a [Findings], or nil when the policy may be evaluated as type t. For a
// policy built in Go it runs Parse's checks of element values on the model
// (actions, resources, principals, condition operators, …), and holds every
// string of the model (Version, Id, Sid, list entries, condition operators,
// keys and values) to the characters and length Parse accepts in a
// document. Warnings never make Check fail.
func (p *Policy) Check(t Type) error { return p.CheckWith(t, Options{}) }

// CheckWith is Check with the refinements of o; see [Options].
func (p *Policy) CheckWith(t Type, o Options) error {
	if p == nil {
		return Findings{{Code: CodeSyntax, Message: "no policy (nil *Policy)"}}
	}
	var fs Findings
	if p.meta != nil {
		fs = append(fs, p.meta.findings...)
	} else {
		fs = p.modelFindings()
	}
	fs = append(fs, p.ValidateWith(t, o).Errors()...)
	return fs.Errors().err()
}

type validator struct {
	p       *Policy
	r       *typeRules
	managed bool // Options.Managed
	out     Findings
}

func (v *validator) add(sev Severity, code Code, pos Position, ptr, format string, args ...any) {
	v.out = append(v.out, Finding{Code: code, Severity: sev, Message: fmt.Sprintf(format, args...), Pos: pos, Pointer: ptr})
}

// stmtPointer is the JSON pointer of statement st.
func (p *Policy) stmtPointer(st *Statement) string {
	if p.meta != nil && p.meta.stmtObject {
		return "/Statement"
	}
	return "/Statement/" + strconv.Itoa(st.Index)
}

// itemPointer is the JSON pointer of entry i of a list at base.
func (p *Policy) itemPointer(base string, it Item, i int) string {
	if p.meta.isScalar(it) {
		return base
	}
	return base + "/" + strconv.Itoa(i)
}

func pointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	var b strings.Builder
	writePointerToken(&b, s)
	return b.String()
}

func (c *Condition) pointer(stmt string) string {
	return stmt + "/Condition/" + pointerToken(c.Operator) + "/" + pointerToken(c.Key)
}

func (c *Condition) valuePointer(stmt string, i int) string {
	if c.ValuesAreList {
		return c.pointer(stmt) + "/" + strconv.Itoa(i)
	}
	return c.pointer(stmt)
}

func (v *validator) document() {
	p, r := v.p, v.r
	pos, found := p.VersionPos, "no Version"
	if p.Version != "" {
		found = fmt.Sprintf("Version %q", p.Version)
	} else {
		pos = p.Pos
	}
	switch {
	case p.Version == Version2012:
	case r.rcp:
		v.add(Error, CodeVersionInvalid, pos, "/Version", "%s requires \"Version\": %q, found %s", r.desc, Version2012, found)
	case v.managed && (p.Version == "" || p.Version == Version2008):
		// IAM's CreatePolicy and CreatePolicyVersion refuse it (SPEC §3.3).
		v.add(Error, CodeVersionInvalid, pos, "/Version", "a managed policy requires \"Version\": %q, found %s; Policy document must be version 2012-10-17 or greater", Version2012, found)
	case p.Version == "":
		// Accepted: "If you don't include the Version element and set it to
		// an appropriate version date, variables like ${aws:username} are
		// treated as literal strings in the policy"
		// (reference_policies_variables.md).
		v.add(Warning, CodeVersionMissing, pos, "/Version", "the policy has no Version element, so it is read in the older policy language, where policy variables such as ${aws:username} are literal text; add \"Version\": %q", Version2012)
	}
	if p.HasID && !r.idAllowed {
		v.add(Warning, CodeIDInIdentityPolicy, p.IDPos, "/Id", "Id %q is not accepted in %s (only resource-based and trust policies take an Id); remove it", p.ID, r.desc)
	}
	size, what := p.Size, "non-white-space characters"
	if r.sizeAllChars {
		size, what = p.RawSize, "characters"
		if p.meta != nil {
			size = p.meta.chars
		}
	}
	if p.meta == nil && size == 0 {
		if b, err := p.MarshalJSON(); err == nil {
			size = len(b)
		}
	}
	if size > r.sizeLimit {
		v.add(Warning, CodeSizeLimit, p.Pos, "", "the policy has %d %s, more than the %d allowed for %s (%s); Cannot exceed quota for PolicySize: %d",
			size, what, r.sizeLimit, r.desc, r.sizeNote, r.sizeLimit)
	}
}

func elemName(base string, negated bool) string {
	if negated {
		return "Not" + base
	}
	return base
}

func (v *validator) statement(st *Statement) {
	// sp is the statement's JSON pointer, built only for a finding.
	sp := func() string { return v.p.stmtPointer(st) }
	v.principal(st, sp)
	v.resource(st, sp)
	v.shortResources(st, sp)
	if v.r.stsActionsOnly {
		v.trustActions(st, sp)
	}
	if v.r.rcp {
		v.rcpStatement(st, sp)
	}
	if r := v.r; r.sidAlnum && st.HasSid && !isAlnum(st.Sid) {
		v.add(Warning, CodeSidCharset, st.SidPos, sp()+"/Sid", "Sid %q has characters other than ASCII letters and digits, which %s does not accept", st.Sid, r.desc)
	}
}

// principal applies the type's rules for Principal and NotPrincipal to
// statement st, whose pointer sp returns.
func (v *validator) principal(st *Statement, sp func() string) {
	r := v.r
	pr := st.Principal
	if pr == nil {
		if r.principal == required {
			v.add(Error, CodePrincipalMissing, st.Pos, sp(), "Missing required field Principal: every statement of %s must name the principals it applies to, e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}", r.desc)
		}
		return
	}
	elem := elemName("Principal", st.PrincipalNegated)
	ptr := func() string { return sp() + "/" + elem }
	switch {
	case st.PrincipalNegated && r.notPrincipal == npTrust:
		v.add(Error, CodeNotPrincipalInTrust, pr.Pos, ptr(), "NotPrincipal is not allowed in %s; name who may assume the role with \"Principal\"", r.desc)
	case st.PrincipalNegated && r.notPrincipal == npRCP:
		v.add(Error, CodeRCPElement, pr.Pos, ptr(), "NotPrincipal is not allowed in %s; use \"Principal\": \"*\" with a Condition on aws:PrincipalArn", r.desc)
	case st.PrincipalNegated && r.notPrincipal == npDenyOnly && st.Effect == Allow:
		// A warning, not an error: "Most resource-based policy types do not
		// allow the use of NotPrincipal with "Effect": "Allow"", so some do
		// (reference_policies_elements_notprincipal.md). Which ones is not
		// documented, so the evaluator takes the reading that denies (SPEC
		// §10.1): such a statement grants nothing.
		v.add(Warning, CodeNotPrincipalWithAllow, pr.Pos, ptr(), "NotPrincipal is only supported with Deny by most resource-based policy types; this statement has \"Effect\": \"Allow\", which would allow every principal except those listed, including anonymous callers; evaluation treats it as allowing no one; use Principal (or \"Principal\": \"*\" with a Condition on aws:PrincipalArn)")
	case r.principal == forbidden:
		v.add(Error, CodePrincipalProhibited, pr.Pos, ptr(), "Policy document should not specify a principal: %s applies to the identities it is attached to; remove %s", r.desc, elem)
	case r.rcp && !st.PrincipalNegated && !pr.Wildcard:
		v.add(Error, CodeRCPElement, pr.Pos, ptr(), "%s accepts only \"Principal\": \"*\"; narrow the principals with a Condition (e.g. on aws:PrincipalOrgID)", r.desc)
	}
}

// resource applies the type's rule for Resource and NotResource to
// statement st, whose pointer sp returns.
func (v *validator) resource(st *Statement, sp func() string) {
	r := v.r
	resElem := elemName("Resource", st.ResourcesNegated)
	switch {
	case st.HasResource && r.resource == forbidden:
		v.add(Error, CodeResourceProhibited, st.ResourcesPos, sp()+"/"+resElem, "Has prohibited field %s: %s applies to the role it is attached to; remove %s", resElem, r.desc, resElem)
	case !st.HasResource && r.resource == required:
		v.add(Error, CodeResourceMissing, st.Pos, sp(), "the statement has neither Resource nor NotResource, which %s requires; add for example \"Resource\": \"*\"; Policy statement must contain resources", r.desc)
	}
}

// sids reports statements that reuse the Sid of an earlier statement. "In
// IAM, the Sid value must be unique within a JSON policy"
// (reference_policies_elements_sid.md), so it is an error in the policy
// types IAM processes; other services "might require this element and have
// uniqueness requirements" of their own, and Access Analyzer says only
// that "For some policy types, statement IDs must be unique"
// (access-analyzer-reference-policy-checks.md), so elsewhere it is a
// warning.
func (v *validator) sids() {
	p := v.p
	sev := Warning
	if v.r.sidUnique {
		sev = Error
	}
	first := make(map[string]int, len(p.Statements))
	for i := range p.Statements {
		st := &p.Statements[i]
		if !st.HasSid || st.Sid == "" {
			continue
		}
		j, dup := first[st.Sid]
		if !dup {
			first[st.Sid] = i
			continue
		}
		prev := &p.Statements[j]
		line := ""
		if prev.SidPos.Line > 0 {
			line = fmt.Sprintf(" (line %d)", prev.SidPos.Line)
		}
		v.add(sev, CodeSidDuplicate, st.SidPos, p.stmtPointer(st)+"/Sid", "Sid %q is already used by statement %d%s; Statement IDs (SID) in a single policy must be unique in %s",
			st.Sid, prev.Index, line, v.r.desc)
	}
}

// shortResources warns about the short ARNs among the resources of
// statement st, whose pointer sp returns (SPEC §2.5, §2.6, revision 2).
// Entries with an error (Parse's resourceProblem) are not repeated.
func (v *validator) shortResources(st *Statement, sp func() string) {
	elem := elemName("Resource", st.ResourcesNegated)
	for i, it := range st.Resources {
		s := it.Value
		if arn.ShortParts(s) == 0 {
			continue
		}
		if code, _ := resourceProblem(s); code != "" {
			continue
		}
		var meaning string
		switch {
		case v.r.orgs:
			meaning = fmt.Sprintf("whether %s accepts short ARNs, and what they match there, is undocumented, so evaluation takes the reading that denies: %s", v.r.desc, shortDenyingReading(st))
		case arn.ShortWildcard(s):
			meaning = fmt.Sprintf("it matches every ARN that begins with %q", s[:len(s)-1])
		default:
			meaning = "what a short ARN without a trailing \"*\" matches is undocumented, so evaluation takes the reading that denies: " + shortDenyingReading(st)
		}
		v.add(Warning, CodeResourceShortARN, it.Pos, v.p.itemPointer(sp()+"/"+elem, it, i),
			"%s %q is a short ARN (%d of the 6 parts of arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE); IAM accepts it and %s; write the full ARN, e.g. %q",
			elem, s, arn.ShortParts(s), meaning, shortExample(s))
	}
}

// shortDenyingReading says what an undocumented short ARN matches in st.
func shortDenyingReading(st *Statement) string {
	switch {
	case st.Effect == Deny && !st.ResourcesNegated:
		return "in this Deny statement it matches every resource"
	case st.Effect == Deny:
		return "in this Deny statement's NotResource it excludes no resource"
	case st.ResourcesNegated:
		return "in this Allow statement's NotResource it excludes every resource, so the statement allows nothing"
	}
	return "in this Allow statement it matches no resource"
}

// shortExample pads a short ARN to six parts with "*".
func shortExample(s string) string {
	n := arn.ShortParts(s)
	if s[len(s)-1] != '*' {
		s += ":*"
		n++
	}
	return s + strings.Repeat(":*", 6-n)
}

// trustActions applies the rule of trust policies, STS actions only, to
// statement st, whose pointer sp returns.
func (v *validator) trustActions(st *Statement, sp func() string) {
	if st.ActionsNegated {
		v.add(Error, CodeTrustAction, st.ActionsPos, sp()+"/NotAction", "NotAction is not allowed in %s; list the STS actions with Action, e.g. \"sts:AssumeRole\"; AssumeRole policy may only specify STS AssumeRole actions.", v.r.desc)
		return
	}
	for i, it := range st.Actions {
		if IsPlaceholder(it.Value) {
			continue
		}
		if len(it.Value) < 4 || !strings.EqualFold(it.Value[:4], "sts:") {
			v.add(Error, CodeTrustAction, it.Pos, v.p.itemPointer(sp()+"/Action", it, i),
				"Action %q is not allowed in %s; use STS actions such as \"sts:AssumeRole\", \"sts:AssumeRoleWithWebIdentity\", \"sts:AssumeRoleWithSAML\", \"sts:TagSession\" or \"sts:SetSourceIdentity\"; AssumeRole policy may only specify STS AssumeRole actions.",
				it.Value, v.r.desc)
		}
	}
}

// rcpStatement applies the action and effect rules of resource control
// policies to statement st, whose pointer sp returns.
func (v *validator) rcpStatement(st *Statement, sp func() string) {
	if st.ActionsNegated {
		v.add(Error, CodeRCPElement, st.ActionsPos, sp()+"/"+elemName("Action", st.ActionsNegated), "NotAction is not allowed in %s; list the denied actions with Action", v.r.desc)
	}
	if st.Effect == Allow && !isRCPFullAWSAccess(st) {
		v.add(Error, CodeRCPAllow, st.EffectPos, sp()+"/Effect", "The effect of Allow is only supported for RCPFullAWSAccess: %s may only deny; use \"Effect\": \"Deny\"", v.r.desc)
	}
}

// isRCPFullAWSAccess reports whether st is the statement of the AWS
// managed RCPFullAWSAccess policy: Allow, Principal "*", Action "*",
// Resource "*", no condition.
func isRCPFullAWSAccess(st *Statement) bool {
	return st.Effect == Allow && st.Principal != nil && st.Principal.Wildcard && !st.PrincipalNegated &&
		!st.ActionsNegated && len(st.Actions) == 1 && st.Actions[0].Value == "*" &&
		!st.ResourcesNegated && len(st.Resources) == 1 && st.Resources[0].Value == "*" &&
		len(st.Conditions) == 0
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// variables reports the warnings about policy variables and condition
// values (SPEC §3.3, §5.11, §3.8).
func (v *validator) variables() {
	p := v.p
	v2012 := p.Version == Version2012
	oldReported := false
	oldWithVariable := func(it Item, ptr string) {
		if v2012 || oldReported {
			return
		}
		oldReported = true
		version := "no Version"
		if p.Version != "" {
			version = fmt.Sprintf("Version %q", p.Version)
		}
		v.add(Warning, CodeVersionOldWithVariables, it.Pos, ptr, "%q looks like it uses a policy variable, but variables are substituted only under \"Version\": %q; with %s it is literal text", it.Value, Version2012, version)
	}
	for si := range p.Statements {
		st := &p.Statements[si]
		for i, it := range st.Resources {
			if !strings.Contains(it.Value, "${") || IsPlaceholder(it.Value) {
				continue
			}
			ptr := p.itemPointer(p.stmtPointer(st)+"/"+elemName("Resource", st.ResourcesNegated), it, i)
			oldWithVariable(it, ptr)
			if !v2012 {
				continue
			}
			if variableOutsideResourcePart(it.Value) {
				v.add(Warning, CodeVariableOutsideResourcePart, it.Pos, ptr, "Resource %q has a policy variable before the fifth colon; variables are substituted only in the resource part (after arn:PARTITION:SERVICE:REGION:ACCOUNT:), elsewhere they are literal text", it.Value)
			}
			if msg := variableProblem(resourcePart(it.Value)); msg != "" {
				v.add(Warning, CodeVariableSyntax, it.Pos, ptr, "Resource %s", msg)
			}
		}
		for ci := range st.Conditions {
			c := &st.Conditions[ci]
			op, err := conditions.ParseOperator(c.Operator)
			for i, it := range c.Values {
				if IsPlaceholder(it.Value) {
					continue
				}
				ptr := func() string { return c.valuePointer(p.stmtPointer(st), i) }
				hasVar := strings.Contains(it.Value, "${")
				if hasVar {
					oldWithVariable(it, ptr())
				}
				if err != nil {
					continue
				}
				hasVar = hasVar && v2012
				switch {
				case hasVar && op.Base.AllowsVariables():
					if msg := variableProblem(it.Value); msg != "" {
						v.add(Warning, CodeVariableSyntax, it.Pos, ptr(), "%s value %s", c.Operator, msg)
					}
				case hasVar:
					v.add(Warning, CodeConditionVariableNotAllowed, it.Pos, ptr(), "%s value %q for %q contains a policy variable, but %s operators do not substitute variables; the text is compared literally and will not match",
						c.Operator, it.Value, c.Key, familyName(op.Base.Family()))
				case op.Base.Family() != conditions.FamilyDate:
					if err := conditions.CheckValue(op.Base, it.Value); err != nil {
						v.add(Warning, CodeConditionValueType, it.Pos, ptr(), "%s value for %q: %v; this value never matches", c.Operator, c.Key, err)
					}
				}
			}
		}
	}
}

func familyName(f conditions.Family) string {
	switch f {
	case conditions.FamilyString:
		return "String"
	case conditions.FamilyNumeric:
		return "Numeric"
	case conditions.FamilyDate:
		return "Date"
	case conditions.FamilyBool:
		return "Bool"
	case conditions.FamilyBinary:
		return "Binary"
	case conditions.FamilyIP:
		return "IP address"
	case conditions.FamilyARN:
		return "ARN"
	case conditions.FamilyNull:
		return "Null"
	}
	return "these"
}

// modelFindings runs Parse's checks of element values on a policy built
// in Go, where there is no source to point into: positions are those of
// the model (usually zero) and pointers assume the list form.
func (p *Policy) modelFindings() Findings {
	m := &modelChecker{p: p}
	if p.Version != "" && p.Version != Version2012 && p.Version != Version2008 {
		m.add(CodeVersionInvalid, p.VersionPos, "/Version", "Version %q is not valid; use %q (the current policy language) or %q", p.Version, Version2012, Version2008)
	}
	if len(p.Statements) == 0 {
		m.add(CodeStatementMissing, p.Pos, "/Statement", "the policy has no statements")
	}
	if len(p.Statements) > MaxStatements {
		m.add(CodeInputLimit, p.Pos, "/Statement", "the policy has %d statements, more than the limit of %d (MaxStatements)", len(p.Statements), MaxStatements)
	}
	m.str(Item{Value: p.Version, Pos: p.VersionPos}, "/Version")
	if p.HasID {
		m.str(Item{Value: p.ID, Pos: p.IDPos}, "/Id")
	}
	for si := range p.Statements {
		m.statement(si)
	}
	return m.out
}

// modelChecker collects the findings of modelFindings.
type modelChecker struct {
	p   *Policy
	out Findings
}

func (m *modelChecker) add(code Code, pos Position, ptr, format string, args ...any) {
	m.out = append(m.out, Finding{Code: code, Message: fmt.Sprintf(format, args...), Pos: pos, Pointer: ptr})
}

// str applies to a string of the model what Parse's scan applies to every
// string of a document: the allowed characters and MaxStringLength.
func (m *modelChecker) str(it Item, ptr string) {
	if off, what := stringProblem(it.Value); what != "" {
		m.add(CodeSyntax, it.Pos, ptr, "%q: %s at byte %d%s", it.Value, what, off, notAllowed)
	}
	if len(it.Value) > MaxStringLength {
		m.add(CodeInputLimit, it.Pos, ptr, "string of %d bytes is longer than the limit of %d bytes (MaxStringLength)", len(it.Value), MaxStringLength)
	}
}

// statement checks statement si: its Effect, Sid, lists and conditions.
func (m *modelChecker) statement(si int) {
	p := m.p
	st := &p.Statements[si]
	sp := p.stmtPointer(st)
	if st.Effect != Allow && st.Effect != Deny {
		m.add(CodeEffectInvalid, st.Pos, sp+"/Effect", "the statement has no valid Effect; it must be Allow or Deny")
	}
	if st.HasSid {
		m.str(Item{Value: st.Sid, Pos: st.SidPos}, sp+"/Sid")
	}
	actBase := sp + "/" + elemName("Action", st.ActionsNegated)
	if len(st.Actions) == 0 {
		m.add(CodeActionMissing, st.Pos, actBase, "the statement has no actions; Policy statement must contain actions")
	}
	m.items(st.Actions, actBase, actionProblem)
	resBase := sp + "/" + elemName("Resource", st.ResourcesNegated)
	if st.HasResource && len(st.Resources) == 0 {
		m.add(CodeResourceMissing, st.ResourcesPos, resBase, "%s is an empty list; Policy statement must contain resources", elemName("Resource", st.ResourcesNegated))
	}
	m.items(st.Resources, resBase, resourceProblem)
	if pr := st.Principal; pr != nil && !pr.Wildcard {
		m.principal(pr, sp+"/"+elemName("Principal", st.PrincipalNegated))
	}
	if len(st.Conditions) > MaxConditionClauses {
		m.add(CodeInputLimit, st.ConditionPos, sp+"/Condition", "the Condition block has %d clauses, more than the limit of %d (MaxConditionClauses)", len(st.Conditions), MaxConditionClauses)
	}
	for ci := range st.Conditions {
		m.condition(&st.Conditions[ci], sp)
	}
}

// items checks the entries of a list at JSON pointer base with str and
// problem, which returns the code and message of a bad value (or "").
func (m *modelChecker) items(items []Item, base string, problem func(string) (Code, string)) {
	for i, it := range items {
		ptr := m.p.itemPointer(base, it, i)
		m.str(it, ptr)
		if code, msg := problem(it.Value); code != "" {
			m.add(code, it.Pos, ptr, "%s", msg)
		}
	}
}

// principal checks a principal other than "*" at JSON pointer base.
func (m *modelChecker) principal(pr *Principal, base string) {
	lists := [...]struct {
		kind  principalKindT
		items []Item
	}{{kindAWS, pr.AWS}, {kindService, pr.Service}, {kindFederated, pr.Federated}, {kindCanonicalUser, pr.CanonicalUser}}
	n := 0
	for _, l := range lists {
		n += len(l.items)
		kind := l.kind
		m.items(l.items, base+"/"+kind.String(), func(v string) (Code, string) { return principalProblem(kind, v) })
	}
	if n == 0 {
		m.add(CodePrincipalFormat, pr.Pos, base, "the principal names no one; use \"*\" or list principals; Invalid principal in policy")
	}
}

// condition checks condition clause c of the statement at JSON pointer sp.
func (m *modelChecker) condition(c *Condition, sp string) {
	opPtr := sp + "/Condition/" + pointerToken(c.Operator)
	m.str(Item{Value: c.Operator, Pos: c.OperatorPos}, opPtr)
	m.str(Item{Value: c.Key, Pos: c.KeyPos}, c.pointer(sp))
	op, err := conditions.ParseOperator(c.Operator)
	if err != nil {
		m.add(operatorCode(c.Operator), c.OperatorPos, opPtr, "%s", err.Error())
	}
	if len(c.Values) == 0 {
		m.add(CodeConditionShape, c.KeyPos, c.pointer(sp), "condition key %q under %q has no values", c.Key, c.Operator)
	}
	date := err == nil && op.Base.Family() == conditions.FamilyDate
	for i, it := range c.Values {
		m.str(it, c.valuePointer(sp, i))
		if !date {
			continue
		}
		if verr := conditions.CheckValue(op.Base, it.Value); verr != nil {
			m.add(CodeConditionValueType, it.Pos, c.valuePointer(sp, i), "%s value for %q: %v; The policy failed legacy parsing", c.Operator, c.Key, verr)
		}
	}
}
