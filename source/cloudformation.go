package source

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
	"gopkg.in/yaml.v3"

	"github.com/iamlogic/iamlogic/policy"
)

// policyAt is a property of a resource type that holds a policy
// document, and the policy type it implies.
type policyAt struct {
	// path is the property; "Policies[].PolicyDocument" is the
	// PolicyDocument of every entry of the list Policies.
	path string
	typ  policy.Type
}

// cfnResources are the resource types whose policies Read finds. A
// PermissionsBoundary is normally the ARN of a managed policy, which is
// not read; only a document written inline is.
var cfnResources = map[string][]policyAt{
	"AWS::IAM::Policy":        {{"PolicyDocument", policy.TypeIdentity}},
	"AWS::IAM::ManagedPolicy": {{"PolicyDocument", policy.TypeIdentity}},
	"AWS::IAM::RolePolicy":    {{"PolicyDocument", policy.TypeIdentity}},
	"AWS::IAM::UserPolicy":    {{"PolicyDocument", policy.TypeIdentity}},
	"AWS::IAM::GroupPolicy":   {{"PolicyDocument", policy.TypeIdentity}},
	"AWS::IAM::Role": {{"AssumeRolePolicyDocument", policy.TypeTrust}, {"Policies[].PolicyDocument", policy.TypeIdentity},
		{"PermissionsBoundary", policy.TypeBoundary}},
	"AWS::IAM::User":        {{"Policies[].PolicyDocument", policy.TypeIdentity}, {"PermissionsBoundary", policy.TypeBoundary}},
	"AWS::IAM::Group":       {{"Policies[].PolicyDocument", policy.TypeIdentity}},
	"AWS::S3::BucketPolicy": {{"PolicyDocument", policy.TypeResource}},
	"AWS::SQS::QueuePolicy": {{"PolicyDocument", policy.TypeResource}},
	"AWS::SNS::TopicPolicy": {{"PolicyDocument", policy.TypeResource}},
	"AWS::KMS::Key":         {{"KeyPolicy", policy.TypeResource}},
	// AWS SAM (Transform: AWS::Serverless-2016-10-31): the role SAM creates
	// for a function or state machine. Its Policies mix documents with
	// managed policy names and ARNs and SAM policy templates; only the
	// documents are read (samPolicies).
	"AWS::Serverless::Function":     {{"AssumeRolePolicyDocument", policy.TypeTrust}, {samPoliciesPath, policy.TypeIdentity}},
	"AWS::Serverless::StateMachine": {{samPoliciesPath, policy.TypeIdentity}},
}

// samPoliciesPath is the Policies property of an AWS SAM resource, read by
// samPolicies.
const samPoliciesPath = "Policies<SAM>"

// lambdaPermission is the resource type that Read maps to a one-statement
// resource-based policy (see lambdaStatement).
const lambdaPermission = "AWS::Lambda::Permission"

func readTemplateJSON(name string, data []byte, root gjson.Result) ([]Document, error) {
	b := &builder{l: policy.NewLines(name, data), calls: true}
	return b.template(b.fromJSON(root))
}

func readTemplateYAML(name string, data []byte) ([]Document, error) {
	var y yaml.Node
	if err := yaml.Unmarshal(data, &y); err != nil {
		return nil, fmt.Errorf("%s: not a CloudFormation template: %v", name, err)
	}
	b := &builder{l: policy.NewLines(name, data)}
	return b.template(b.fromYAML(&y, 0))
}

// template returns the policy documents of the template root, resource by
// resource in the order they are written.
func (b *builder) template(root node) ([]Document, error) {
	if b.count > maxNodes {
		return nil, fmt.Errorf("%s: the template has more than %d values (after YAML aliases); it was not read", b.l.File(), maxNodes)
	}
	if root.kind != kObject {
		return nil, fmt.Errorf("%s: not a CloudFormation template: the top level is not a mapping", b.l.File())
	}
	mappings, _ := root.get("Mappings")
	r := &resolver{mappings: mappings}
	res, _ := root.get("Resources")
	var docs []Document
	if res == nil {
		return docs, nil
	}
	if res.kind != kObject {
		return nil, fmt.Errorf("%s: not a CloudFormation template: Resources is not a mapping of logical IDs to resources", res.pos)
	}
	for i, id := range res.keys {
		rn := &res.args[i]
		t, _ := rn.get("Type")
		typ, _ := t.str()
		props, ok := rn.get("Properties")
		s := site{l: b.l, resource: id.text, resourceType: typ}
		if ok && props.kind != kObject && (typ == lambdaPermission || cfnResources[typ] != nil) {
			// Properties written as a function (!If …): its policies are
			// not known offline, and read as granting nothing.
			ats := cfnResources[typ]
			if typ == lambdaPermission {
				ats = []policyAt{{typ: policy.TypeResource}}
			}
			for _, cp := range ats {
				s.typ, s.address = cp.typ, id.text+".Properties"
				docs = append(docs, s.unknownDocument(s.document(), Placeholder{Pos: props.pos, Text: "the Properties of " + id.text + " (not known offline)"}))
			}
			continue
		}
		if !ok || props.kind != kObject {
			continue
		}
		if typ == lambdaPermission {
			s.address, s.typ = id.text, policy.TypeResource
			docs = append(docs, s.fromNode(lambdaStatement(props), r))
			continue
		}
		for _, cp := range cfnResources[typ] {
			s.typ = cp.typ
			docs = append(docs, s.property(props, cp, r)...)
		}
	}
	return docs, nil
}

// property returns the documents of property cp of a resource's
// Properties.
func (s site) property(props *node, cp policyAt, r *resolver) []Document {
	if cp.path == samPoliciesPath {
		return s.samPolicies(props, r)
	}
	list, member, isList := strings.Cut(cp.path, "[].")
	if !isList {
		n, ok := props.get(cp.path)
		if !ok {
			return nil
		}
		s.address = s.resource + "." + cp.path
		if cp.typ == policy.TypeBoundary && n.kind != kObject {
			return nil // the ARN of a managed policy
		}
		return s.documents(*n, r)
	}
	n, ok := props.get(list)
	if !ok {
		return nil
	}
	entries := *n
	if n.kind == kCall {
		v, st := r.eval(*n)
		switch st {
		case noValue:
			return nil
		case unknown:
			s.address = s.resource + "." + list
			return []Document{s.unknownDocument(s.document(), Placeholder{Pos: n.pos, Text: describe(*n)})}
		}
		entries = v
	}
	var docs []Document
	for i, e := range entries.args {
		s.address = s.resource + "." + list + "[" + strconv.Itoa(i) + "]"
		if e.kind == kCall {
			v, st := r.eval(e)
			if st == noValue {
				continue
			}
			if st == unknown {
				docs = append(docs, s.unknownDocument(s.document(), Placeholder{Pos: e.pos, Text: describe(e)}))
				continue
			}
			e = v
		}
		if pd, ok := e.get(member); ok {
			s.address += "." + member
			docs = append(docs, s.documents(*pd, r)...)
		}
	}
	return docs
}

// samPolicies returns the policy documents of the Policies property of an
// AWS SAM function or state machine. Policies is one value or a list, each
// an inline policy document (a mapping with Statement), the name or ARN of
// a managed policy, or a SAM policy template ({"S3ReadPolicy": {…}}). The
// documents are read, addressed Fn.Policies or Fn.Policies[i]; managed
// policies and templates are attachments kept elsewhere, not read, as
// ManagedPolicyArns are not. An entry that is not known offline is a
// document that grants nothing.
func (s site) samPolicies(props *node, r *resolver) []Document {
	n, ok := props.get("Policies")
	if !ok {
		return nil
	}
	s.address = s.resource + ".Policies"
	v, known := s.samValue(*n, r)
	if !known {
		return []Document{s.unknownDocument(s.document(), Placeholder{Pos: n.pos, Text: describe(*n)})}
	}
	if v.kind != kArray {
		if isPolicyDocument(v) {
			return s.documents(v, r)
		}
		return nil
	}
	var docs []Document
	for i, e := range v.args {
		s.address = s.resource + ".Policies[" + strconv.Itoa(i) + "]"
		ev, known := s.samValue(e, r)
		switch {
		case !known:
			docs = append(docs, s.unknownDocument(s.document(), Placeholder{Pos: e.pos, Text: describe(e)}))
		case isPolicyDocument(ev):
			docs = append(docs, s.documents(ev, r)...)
		}
	}
	return docs
}

// samValue resolves n when it is a function: known is false when its value
// is not known offline; AWS::NoValue is the empty string.
func (s site) samValue(n node, r *resolver) (v node, known bool) {
	if n.kind != kCall {
		return n, true
	}
	v, st := r.eval(n)
	switch st {
	case noValue:
		return node{kind: kString, pos: n.pos}, true
	case unknown:
		return n, false
	}
	return v, true
}

// isPolicyDocument reports whether n is a policy document as SAM tells one
// from a policy template: a mapping with Statement.
func isPolicyDocument(n node) bool {
	if n.kind != kObject {
		return false
	}
	_, ok := n.get("Statement")
	return ok
}

// documents returns the document n, unless it is AWS::NoValue.
func (s site) documents(n node, r *resolver) []Document {
	if n.kind == kCall {
		v, st := r.eval(n)
		if st == noValue {
			return nil
		}
		if st == known && v.kind == kString {
			n = v
		}
	}
	return []Document{s.fromNode(n, r)}
}

// lambdaStatement maps the properties of an AWS::Lambda::Permission to the
// statement Lambda adds to the function's resource-based policy
// (lambda:AddPermission), every element at the property it comes from:
//
//	Principal     {"Service": P} for a service principal, {"AWS": P} for an
//	              account ID or an ARN, "*" for "*"
//	Action        Action
//	Resource      none: the statement applies to the function it is attached to
//	SourceArn     Condition ArnLike AWS:SourceArn
//	SourceAccount Condition StringEquals AWS:SourceAccount
//	PrincipalOrgID, EventSourceToken, FunctionUrlAuthType
//	              Condition StringEquals aws:PrincipalOrgID,
//	              lambda:EventSourceToken, lambda:FunctionUrlAuthType
func lambdaStatement(props *node) node {
	at := props.pos
	str := func(s string) node { return node{kind: kString, text: s, pos: at} }
	obj := func() node { return node{kind: kObject, pos: at} }
	add := func(o *node, key string, v node) {
		o.keys = append(o.keys, node{kind: kString, text: key, pos: v.pos})
		o.args = append(o.args, v)
	}
	stmt := obj()
	add(&stmt, "Effect", str("Allow"))
	if p, ok := props.get("Principal"); ok {
		pr := *p
		if s, ok := p.str(); ok && s != "*" {
			pr = obj()
			pr.pos = p.pos
			key := "Service"
			if len(s) == 12 && strings.Trim(s, "0123456789") == "" || strings.HasPrefix(s, "arn:") {
				key = "AWS"
			}
			add(&pr, key, *p)
		}
		add(&stmt, "Principal", pr)
	}
	if a, ok := props.get("Action"); ok {
		add(&stmt, "Action", *a)
	}
	cond := obj()
	for _, c := range []struct{ op, key, prop string }{
		{"ArnLike", "AWS:SourceArn", "SourceArn"},
		{"StringEquals", "AWS:SourceAccount", "SourceAccount"},
		{"StringEquals", "aws:PrincipalOrgID", "PrincipalOrgID"},
		{"StringEquals", "lambda:EventSourceToken", "EventSourceToken"},
		{"StringEquals", "lambda:FunctionUrlAuthType", "FunctionUrlAuthType"},
	} {
		v, ok := props.get(c.prop)
		if !ok {
			continue
		}
		block, ok := cond.get(c.op)
		if !ok {
			add(&cond, c.op, obj())
			block = &cond.args[len(cond.args)-1]
		}
		add(block, c.key, *v)
	}
	if len(cond.keys) > 0 {
		add(&stmt, "Condition", cond)
	}
	doc := obj()
	add(&doc, "Version", str(policy.Version2012))
	list := node{kind: kArray, pos: at, args: []node{stmt}}
	add(&doc, "Statement", list)
	return doc
}
