package source

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/policy"
)

// tfResources are the Terraform resource types whose policies Read finds;
// "inline_policy[].policy" is the policy of every inline_policy block.
var tfResources = map[string][]policyAt{
	"aws_iam_policy":       {{"policy", policy.TypeIdentity}},
	"aws_iam_role":         {{"assume_role_policy", policy.TypeTrust}, {"inline_policy[].policy", policy.TypeIdentity}},
	"aws_iam_role_policy":  {{"policy", policy.TypeIdentity}},
	"aws_iam_user_policy":  {{"policy", policy.TypeIdentity}},
	"aws_iam_group_policy": {{"policy", policy.TypeIdentity}},
	"aws_s3_bucket_policy": {{"policy", policy.TypeResource}},
	"aws_sqs_queue_policy": {{"policy", policy.TypeResource}},
	"aws_sns_topic_policy": {{"policy", policy.TypeResource}},
	"aws_kms_key":          {{"policy", policy.TypeResource}},
}

// knownAfterApply describes a Terraform value that is unknown in a plan.
const knownAfterApply = "known after apply"

// plan is a Terraform plan being read.
type plan struct {
	l    *policy.Lines
	root gjson.Result
}

// readPlan returns the policies the plan leaves in place: those of
// planned_values, modules included, with the values known only after
// apply (resource_changes' after_unknown) as placeholders; a plan without
// planned_values gives those of resource_changes' after.
func readPlan(name string, data []byte, root gjson.Result) ([]Document, error) {
	pl := plan{l: policy.NewLines(name, data), root: root}
	unknowns := map[string]gjson.Result{}
	for _, rc := range root.Get("resource_changes").Array() {
		unknowns[rc.Get("address").String()] = rc.Get("change.after_unknown")
	}
	var docs []Document
	if pv := root.Get("planned_values.root_module"); pv.Exists() {
		pl.module(pv, unknowns, &docs, 0)
		return docs, nil
	}
	for _, rc := range root.Get("resource_changes").Array() {
		if rc.Get("mode").String() == "managed" {
			docs = append(docs, pl.resource(rc, rc.Get("change.after"), rc.Get("change.after_unknown"))...)
		}
	}
	return docs, nil
}

// module adds the documents of the module m and its child modules.
func (pl plan) module(m gjson.Result, unknowns map[string]gjson.Result, docs *[]Document, depth int) {
	if depth > 100 {
		return
	}
	for _, r := range m.Get("resources").Array() {
		if r.Get("mode").String() == "managed" {
			*docs = append(*docs, pl.resource(r, r.Get("values"), unknowns[r.Get("address").String()])...)
		}
	}
	for _, c := range m.Get("child_modules").Array() {
		pl.module(c, unknowns, docs, depth+1)
	}
}

// resource returns the documents of resource r (an entry of
// planned_values or resource_changes) with the values vals, of which
// unknown marks those known after apply.
func (pl plan) resource(r, vals, unknown gjson.Result) []Document {
	typ := r.Get("type").String()
	s := site{l: pl.l, resource: r.Get("address").String(), resourceType: typ}
	var docs []Document
	for _, pa := range tfResources[typ] {
		s.typ = pa.typ
		for _, a := range attributes(vals, unknown, pa.path) {
			s.address = s.resource + "." + a.path
			if d, ok := s.attribute(a, r); ok {
				docs = append(docs, d)
			}
		}
	}
	return docs
}

// attr is one policy attribute of a resource's values.
type attr struct {
	path    string       // "policy", "inline_policy[0].policy"
	key     string       // for a block of a list, its name, to pair before and after
	value   gjson.Result // the JSON string
	unknown gjson.Result // its after_unknown entry: true when known after apply
}

// attributes returns the attributes at path of vals.
func attributes(vals, unknown gjson.Result, path string) []attr {
	list, member, isList := strings.Cut(path, "[].")
	if !isList {
		return []attr{{path: path, value: vals.Get(gjsonKey(path)), unknown: unknown.Get(gjsonKey(path))}}
	}
	if u := unknown.Get(gjsonKey(list)); u.Type == gjson.True {
		return []attr{{path: list, unknown: u}}
	}
	var out []attr
	uList := unknown.Get(gjsonKey(list)).Array()
	for i, b := range vals.Get(gjsonKey(list)).Array() {
		a := attr{path: list + "[" + strconv.Itoa(i) + "]." + member, key: b.Get("name").String(), value: b.Get(gjsonKey(member))}
		if i < len(uList) {
			a.unknown = uList[i].Get(gjsonKey(member))
		}
		out = append(out, a)
	}
	return out
}

// gjsonKey escapes a key for a gjson path.
func gjsonKey(k string) string {
	return strings.NewReplacer(".", `\.`, "*", `\*`, "?", `\?`, "#", `\#`, "|", `\|`, "@", `\@`).Replace(k)
}

// attribute returns the document of attribute a of resource r; ok is false
// when the attribute holds no policy.
func (s site) attribute(a attr, r gjson.Result) (Document, bool) {
	if a.unknown.Type == gjson.True {
		at := a.unknown.Index
		if at == 0 {
			at = r.Index
		}
		return s.unknownDocument(s.document(), Placeholder{Pos: s.l.Pos(at), Text: knownAfterApply}), true
	}
	if a.value.Type != gjson.String || strings.TrimSpace(a.value.Str) == "" {
		return Document{}, false
	}
	return s.fromString(a.value.Raw, a.value.Index), true
}

// Change is a policy that a Terraform plan changes: its documents before
// and after the change.
type Change struct {
	// Address is the document's (resource address and attribute:
	// "aws_iam_role.app.assume_role_policy"); Resource and ResourceType
	// are the resource's.
	Address, Resource, ResourceType string
	// Type is the policy type the resource implies.
	Type policy.Type
	// Actions are the plan's actions on the resource ("create",
	// "update", "delete", both of "delete" and "create" for a
	// replacement).
	Actions []string
	// Before and After are the policy before and after the change; nil
	// when there is none on that side (a created or deleted resource or
	// attribute). An After that is known only after apply is a document
	// that denies everything through a placeholder (Document.Policy).
	Before, After *Document
	// Unread, when not empty, says why the change cannot be compared: it
	// changes access in a way this package does not read (a resource type
	// without a policy it knows, a boundary or managed-policy attachment, a
	// policy attribute that is not a JSON string). Before and After are
	// then nil; a comparison must not read it as no new access.
	Unread string
}

// ReadChanges returns the policies that the Terraform plan data, read
// from the file name, changes, in the order of its resource_changes:
// resources that are created, updated, replaced or deleted, and of those
// the policy attributes whose text changes or is known only after apply.
func ReadChanges(name string, data []byte) ([]Change, error) {
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes is more than the limit of %d (MaxFileBytes)", name, len(data), MaxFileBytes)
	}
	isJSON, root := parseJSON(data)
	if !isJSON || detect(data, true, root) != TerraformPlan {
		return nil, fmt.Errorf("%s: not a Terraform plan (terraform show -json): it has no format_version and resource_changes", name)
	}
	pl := plan{l: policy.NewLines(name, data), root: root}
	var out []Change
	for _, rc := range root.Get("resource_changes").Array() {
		actions := stringsOf(rc.Get("change.actions"))
		if rc.Get("mode").String() != "managed" || !slices.ContainsFunc(actions, func(a string) bool { return a == "create" || a == "update" || a == "delete" }) {
			continue
		}
		out = append(out, pl.changes(rc, actions)...)
	}
	return out, nil
}

// changes returns the changed policies of the resource change rc.
func (pl plan) changes(rc gjson.Result, actions []string) []Change {
	typ := rc.Get("type").String()
	s := site{l: pl.l, resource: rc.Get("address").String(), resourceType: typ}
	var out []Change
	if _, known := tfResources[typ]; !known && affectsAccess(typ) {
		return []Change{{Address: s.resource, Resource: s.resource, ResourceType: typ, Actions: actions,
			Unread: "resource type " + typ + " changes who can do what, and diff does not read it"}}
	}
	for _, attr := range accessAttributes[typ] {
		b, a := rc.Get("change.before."+attr), rc.Get("change.after."+attr)
		if b.Raw != a.Raw || rc.Get("change.after_unknown."+attr).Type == gjson.True {
			out = append(out, Change{Address: s.resource + "." + attr, Resource: s.resource, ResourceType: typ, Actions: actions,
				Unread: "its " + attr + " changes, and diff does not read attached policies"})
		}
	}
	for _, pa := range tfResources[typ] {
		s.typ = pa.typ
		before := attributes(rc.Get("change.before"), gjson.Result{}, pa.path)
		after := attributes(rc.Get("change.after"), rc.Get("change.after_unknown"), pa.path)
		for _, p := range pairs(before, after) {
			c := Change{Resource: s.resource, ResourceType: typ, Type: pa.typ, Actions: actions}
			var b, a *Document
			if p[0] != nil {
				s.address = s.resource + "." + p[0].path
				if d, ok := s.attribute(*p[0], rc); ok {
					b = &d
				}
			}
			if p[1] != nil {
				s.address = s.resource + "." + p[1].path
				if d, ok := s.attribute(*p[1], rc); ok {
					a = &d
				} else if v := p[1].value; v.Exists() && v.Type != gjson.Null {
					// Only null or absent is no policy: any other value
					// that is not a policy document is not read as one.
					c.Address, c.Unread = s.address, "the policy after the change is not a JSON policy document"
					out = append(out, c)
					continue
				}
			}
			if b == nil && a == nil || p[0] != nil && p[1] != nil && p[1].unknown.Type != gjson.True && p[0].value.Str == p[1].value.Str {
				continue // no policy, or the same text
			}
			c.Address, c.Before, c.After = s.address, b, a
			out = append(out, c)
		}
	}
	return out
}

// accessAttributes are the attributes of a resource type that diff reads
// that change access without holding a policy document: a permissions
// boundary and managed policies attached by ARN.
var accessAttributes = map[string][]string{
	"aws_iam_role": {"permissions_boundary", "managed_policy_arns"},
	"aws_iam_user": {"permissions_boundary"},
}

// affectsAccess reports whether a resource type of the AWS provider may
// change who can do what: IAM and Organizations resources, anything named
// for a policy or a permission. A change to one that diff does not read is
// never taken for no new access.
func affectsAccess(typ string) bool {
	return strings.HasPrefix(typ, "aws_iam_") || strings.HasPrefix(typ, "aws_organizations_") ||
		strings.Contains(typ, "policy") || strings.Contains(typ, "permission") || strings.HasPrefix(typ, "aws_ssoadmin_")
}

// pairs pairs the attributes before and after a change: a block of a list
// by its name when it has one, otherwise by its place.
func pairs(before, after []attr) [][2]*attr {
	var out [][2]*attr
	used := make([]bool, len(before))
	for i := range after {
		j := slices.IndexFunc(before, func(b attr) bool { return b.key == after[i].key && b.path == after[i].path })
		if after[i].key != "" {
			j = slices.IndexFunc(before, func(b attr) bool { return b.key == after[i].key })
		}
		if j >= 0 && !used[j] {
			used[j] = true
			out = append(out, [2]*attr{&before[j], &after[i]})
			continue
		}
		out = append(out, [2]*attr{nil, &after[i]})
	}
	for j := range before {
		if !used[j] {
			out = append(out, [2]*attr{&before[j], nil})
		}
	}
	return out
}

func stringsOf(v gjson.Result) []string {
	var out []string
	for _, e := range v.Array() {
		out = append(out, e.String())
	}
	return out
}
