package catalog_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/catalog"
)

func TestVersion(t *testing.T) {
	v, err := os.ReadFile("VERSION")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := catalog.Default().Version(), strings.TrimSpace(string(v)); got != want {
		t.Errorf("Version() = %q, VERSION says %q", got, want)
	}
}

// TestDocsNameVersion: the package documentation and the README name the
// data version of VERSION, the one place a refresh changes.
func TestDocsNameVersion(t *testing.T) {
	v := catalog.Default().Version()
	for file, want := range map[string]string{"doc.go": "version " + v + " ", "../README.md": "version `" + v + "`"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s does not name the data version %s; update it with VERSION", file, v)
		}
	}
}

func TestServices(t *testing.T) {
	c := catalog.Default()
	ss := c.Services()
	if len(ss) < 400 {
		t.Fatalf("%d services, want hundreds", len(ss))
	}
	if !slices.IsSortedFunc(ss, func(a, b *catalog.Service) int { return strings.Compare(a.Prefix, b.Prefix) }) {
		t.Error("Services() is not sorted by prefix")
	}
	ss[0] = nil // the slice is the caller's
	if c.Services()[0] == nil {
		t.Error("Services() returns the catalog's own slice")
	}
	for _, s := range c.Services() {
		if s.Name == "" || s.Prefix != strings.ToLower(s.Prefix) {
			t.Errorf("service %q %q", s.Prefix, s.Name)
		}
		if !slices.IsSortedFunc(s.Actions, func(a, b *catalog.Action) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		}) {
			t.Errorf("%s: actions not sorted", s.Prefix)
		}
		for _, a := range s.Actions {
			if a.Service != s {
				t.Errorf("%s: Service is %s", a, a.Service.Prefix)
			}
			for _, r := range a.Resources {
				if r.Type.Service != s {
					t.Errorf("%s: resource type %s of service %s", a, r.Type.Name, r.Type.Service.Prefix)
				}
			}
		}
	}

	for _, tc := range []struct {
		prefix, want string
	}{
		{"s3", "s3"}, {"S3", "s3"}, {"EC2", "ec2"}, {"iam", "iam"}, {"Lambda", "lambda"},
		{"s3-outposts", "s3-outposts"}, {"access-analyzer", "access-analyzer"},
		{"s4", ""}, {"", ""}, {"s3:", ""}, {"*", ""}, {strings.Repeat("s", 1000), ""},
	} {
		s, ok := c.Service(tc.prefix)
		switch {
		case tc.want == "" && ok:
			t.Errorf("Service(%q) = %s, want none", tc.prefix, s.Prefix)
		case tc.want != "" && (!ok || s.Prefix != tc.want):
			t.Errorf("Service(%q) = %v, %v, want %s", tc.prefix, s, ok, tc.want)
		}
	}
	if s, _ := c.Service("s3"); s.Name != "Amazon S3" {
		t.Errorf("s3 is named %q", s.Name)
	}
}

func TestAction(t *testing.T) {
	c := catalog.Default()
	for _, tc := range []struct {
		name, want string
		access     catalog.AccessLevel
	}{
		{"s3:GetObject", "s3:GetObject", catalog.AccessRead},
		{"s3:getobject", "s3:GetObject", catalog.AccessRead},
		{"S3:GETOBJECT", "s3:GetObject", catalog.AccessRead},
		{"s3:ListBucket", "s3:ListBucket", catalog.AccessList},
		{"s3:PutObject", "s3:PutObject", catalog.AccessWrite},
		{"s3:PutObjectTagging", "s3:PutObjectTagging", catalog.AccessTagging},
		{"s3:PutBucketPolicy", "s3:PutBucketPolicy", catalog.AccessPermissionsManagement},
		{"iam:PassRole", "iam:PassRole", catalog.AccessWrite},
		{"iam:putrolepolicy", "iam:PutRolePolicy", catalog.AccessPermissionsManagement},
		{"iam:TagRole", "iam:TagRole", catalog.AccessTagging},
		{"ec2:DescribeInstances", "ec2:DescribeInstances", catalog.AccessList},
		{"sts:AssumeRole", "sts:AssumeRole", catalog.AccessWrite},
		{"vpc-lattice:AssociateViaAWSService-EventsAndStates", "vpc-lattice:AssociateViaAWSService-EventsAndStates", catalog.AccessPermissionsManagement},

		{"s3:GetObjects", "", 0},
		{"s3:Get*", "", 0},
		{"s3:*", "", 0},
		{"*", "", 0},
		{"s3:", "", 0},
		{":GetObject", "", 0},
		{"s3GetObject", "", 0},
		{"s3::GetObject", "", 0},
		{"", "", 0},
		{"s3:GetObjéct", "", 0},
		{"nosuchservice:GetObject", "", 0},
		{"s3:GetObject" + strings.Repeat("x", 300), "", 0},
	} {
		a, ok := c.Action(tc.name)
		if tc.want == "" {
			if ok {
				t.Errorf("Action(%q) = %s, want none", tc.name, a)
			}
			continue
		}
		if !ok {
			t.Errorf("Action(%q) not found", tc.name)
			continue
		}
		if a.String() != tc.want || a.Access != tc.access {
			t.Errorf("Action(%q) = %s %s, want %s %s", tc.name, a, a.Access, tc.want, tc.access)
		}
	}

	get, _ := c.Action("s3:GetObject")
	var object *catalog.ActionResource
	for i := range get.Resources {
		if get.Resources[i].Type.Name == "object" {
			object = &get.Resources[i]
		}
	}
	if object == nil || !slices.Contains(object.Type.ARNFormats, "arn:${Partition}:s3:::${BucketName}/${ObjectName}") {
		t.Errorf("s3:GetObject resources: %+v", get.Resources)
	}
	if !slices.Contains(get.ConditionKeys, "s3:ExistingObjectTag/<key>") {
		t.Errorf("s3:GetObject condition keys %v lack s3:ExistingObjectTag/<key>", get.ConditionKeys)
	}
	if pass, _ := c.Action("iam:PassRole"); len(pass.Resources) != 1 || !pass.Resources[0].Required || pass.Resources[0].Type.Name != "role" {
		t.Errorf("iam:PassRole resources: %+v", pass.Resources)
	}
	if run, _ := c.Action("ec2:RunInstances"); len(run.Resources) < 10 {
		t.Errorf("ec2:RunInstances has %d resource types", len(run.Resources))
	}
	if list, _ := c.Action("s3:ListAllMyBuckets"); len(list.Resources) != 0 {
		t.Errorf("s3:ListAllMyBuckets has resource types %v; it is granted on * only", list.Resources)
	}
	for _, a := range c.Expand("*") {
		if a.ConditionKeys == nil || a.DependentActions == nil {
			t.Fatalf("%s: nil list", a)
		}
	}
}

func TestAccessLevelAndKeyTypeStrings(t *testing.T) {
	for l, want := range map[catalog.AccessLevel]string{
		catalog.AccessList: "List", catalog.AccessRead: "Read", catalog.AccessWrite: "Write",
		catalog.AccessPermissionsManagement: "Permissions management", catalog.AccessTagging: "Tagging",
		0: "AccessLevel(0)", 9: "AccessLevel(9)",
	} {
		if l.String() != want {
			t.Errorf("AccessLevel(%d).String() = %q, want %q", uint8(l), l, want)
		}
	}
	for _, tc := range []struct {
		typ   catalog.KeyType
		name  string
		multi bool
		elem  catalog.KeyType
	}{
		{catalog.KeyString, "String", false, catalog.KeyString},
		{catalog.KeyARN, "ARN", false, catalog.KeyARN},
		{catalog.KeyNumeric, "Numeric", false, catalog.KeyNumeric},
		{catalog.KeyDate, "Date", false, catalog.KeyDate},
		{catalog.KeyBool, "Bool", false, catalog.KeyBool},
		{catalog.KeyIPAddress, "IPAddress", false, catalog.KeyIPAddress},
		{catalog.KeyBinary, "Binary", false, catalog.KeyBinary},
		{catalog.KeyArrayOfString, "ArrayOfString", true, catalog.KeyString},
		{catalog.KeyArrayOfARN, "ArrayOfARN", true, catalog.KeyARN},
		{catalog.KeyArrayOfNumeric, "ArrayOfNumeric", true, catalog.KeyNumeric},
		{catalog.KeyArrayOfDate, "ArrayOfDate", true, catalog.KeyDate},
		{catalog.KeyArrayOfBool, "ArrayOfBool", true, catalog.KeyBool},
		{catalog.KeyArrayOfIPAddress, "ArrayOfIPAddress", true, catalog.KeyIPAddress},
		{catalog.KeyArrayOfBinary, "ArrayOfBinary", true, catalog.KeyBinary},
	} {
		if tc.typ.String() != tc.name || tc.typ.Multivalued() != tc.multi || tc.typ.Elem() != tc.elem {
			t.Errorf("%s: String %q, Multivalued %v, Elem %s; want %q, %v, %s", tc.name, tc.typ, tc.typ.Multivalued(), tc.typ.Elem(), tc.name, tc.multi, tc.elem)
		}
	}
	if s := catalog.KeyType(0).String(); s != "KeyType(0)" {
		t.Errorf("KeyType(0).String() = %q", s)
	}
}

func names(as []*catalog.Action) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

func sortedByServiceThenName(as []*catalog.Action) bool {
	return slices.IsSortedFunc(as, func(a, b *catalog.Action) int {
		if d := strings.Compare(a.Service.Prefix, b.Service.Prefix); d != 0 {
			return d
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

func TestExpand(t *testing.T) {
	c := catalog.Default()
	all := c.Expand("*")
	if len(all) < 20000 {
		t.Fatalf(`Expand("*") gives %d actions, want >= 20,000`, len(all))
	}
	if !sortedByServiceThenName(all) {
		t.Error(`Expand("*") is not sorted by service then name`)
	}
	all[0] = nil
	if c.Expand("*")[0] == nil {
		t.Error(`Expand("*") returns the catalog's own slice`)
	}

	// Each pattern against a plain filter over every action.
	filters := map[string]func(a *catalog.Action) bool{
		"s3:Put*": func(a *catalog.Action) bool {
			return a.Service.Prefix == "s3" && strings.HasPrefix(a.Name, "Put")
		},
		"S3:put*": func(a *catalog.Action) bool {
			return a.Service.Prefix == "s3" && strings.HasPrefix(a.Name, "Put")
		},
		"*:Describe*": func(a *catalog.Action) bool { return strings.HasPrefix(a.Name, "Describe") },
		"ec2:*":       func(a *catalog.Action) bool { return a.Service.Prefix == "ec2" },
		"*:*":         func(a *catalog.Action) bool { return true },
		"s3:GetObjec?": func(a *catalog.Action) bool {
			return a.String() == "s3:GetObject"
		},
		"s3:?etObject": func(a *catalog.Action) bool { return a.String() == "s3:GetObject" },
		"s3*:Get*": func(a *catalog.Action) bool {
			return strings.HasPrefix(a.Service.Prefix, "s3") && strings.HasPrefix(a.Name, "Get")
		},
		"ec?:*Instances": func(a *catalog.Action) bool {
			return len(a.Service.Prefix) == 3 && strings.HasPrefix(a.Service.Prefix, "ec") && strings.HasSuffix(a.Name, "Instances")
		},
		"s3*Object": func(a *catalog.Action) bool {
			return strings.HasPrefix(a.String(), "s3") && strings.HasSuffix(a.Name, "Object")
		},
		"iam:PassRole":  func(a *catalog.Action) bool { return a.String() == "iam:PassRole" },
		"IAM:passrole":  func(a *catalog.Action) bool { return a.String() == "iam:PassRole" },
		"nope:*":        func(a *catalog.Action) bool { return false },
		"s3:Get:Object": func(a *catalog.Action) bool { return false },
		"":              func(a *catalog.Action) bool { return false },
		"s3:":           func(a *catalog.Action) bool { return false },
		"s3:GetObject?": func(a *catalog.Action) bool {
			return strings.HasPrefix(a.String(), "s3:GetObject") && len(a.Name) == len("GetObject")+1
		},
		"*:GetObjectAcl*": func(a *catalog.Action) bool { return strings.HasPrefix(a.Name, "GetObjectAcl") },
	}
	for pattern, keep := range filters {
		var want []*catalog.Action
		for _, a := range c.Expand("*") {
			if keep(a) {
				want = append(want, a)
			}
		}
		got := c.Expand(pattern)
		if !slices.Equal(got, want) {
			t.Errorf("Expand(%q) = %d actions %.300v\nwant %d %.300v", pattern, len(got), names(got), len(want), names(want))
		}
	}
	if n := len(c.Expand("s3:Put*")); n < 20 {
		t.Errorf("s3:Put* covers %d actions", n)
	}
	if n := len(c.Expand("*:Describe*")); n < 1000 {
		t.Errorf("*:Describe* covers %d actions", n)
	}
	ec2, _ := c.Service("ec2")
	if n := len(c.Expand("ec2:*")); n != len(ec2.Actions) {
		t.Errorf("ec2:* covers %d actions, ec2 has %d", n, len(ec2.Actions))
	}
}

func TestConditionKey(t *testing.T) {
	c := catalog.Default()
	for _, tc := range []struct {
		name, want string
		typ        catalog.KeyType
		global     bool
	}{
		// Global keys, typed as AWS's page documents them.
		{"aws:SourceIp", "aws:SourceIp", catalog.KeyIPAddress, true},
		{"AWS:SOURCEIP", "aws:SourceIp", catalog.KeyIPAddress, true},
		{"aws:CurrentTime", "aws:CurrentTime", catalog.KeyDate, true},
		{"aws:EpochTime", "aws:EpochTime", catalog.KeyDate, true},
		{"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent", catalog.KeyBool, true},
		{"aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", catalog.KeyNumeric, true},
		{"aws:TagKeys", "aws:TagKeys", catalog.KeyArrayOfString, true},
		{"aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", catalog.KeyArrayOfString, true},
		{"aws:CalledVia", "aws:CalledVia", catalog.KeyArrayOfString, true},
		{"aws:SourceVpce", "aws:SourceVpce", catalog.KeyString, true},
		{"aws:VpcSourceIp", "aws:VpcSourceIp", catalog.KeyIPAddress, true},
		{"aws:SecureTransport", "aws:SecureTransport", catalog.KeyBool, true},
		{"aws:ViaAWSService", "aws:ViaAWSService", catalog.KeyBool, true},
		{"aws:PrincipalIsAWSService", "aws:PrincipalIsAWSService", catalog.KeyBool, true},
		{"aws:ResourceOrgPaths", "aws:ResourceOrgPaths", catalog.KeyArrayOfString, true},
		{"aws:SourceArn", "aws:SourceArn", catalog.KeyARN, true},
		{"aws:PrincipalArn", "aws:PrincipalArn", catalog.KeyARN, true},
		{"aws:userid", "aws:userid", catalog.KeyString, true},
		{"aws:username", "aws:username", catalog.KeyString, true},
		{"aws:TokenIssueTime", "aws:TokenIssueTime", catalog.KeyDate, true},
		{"aws:RequestedRegion", "aws:RequestedRegion", catalog.KeyString, true},
		{"aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourceVpc", catalog.KeyString, true},
		{"aws:Ec2InstanceSourcePrivateIPv4", "aws:Ec2InstanceSourcePrivateIPv4", catalog.KeyIPAddress, true},
		{"aws:SourceOrgID", "aws:SourceOrgID", catalog.KeyString, true},
		{"aws:SourceOrgPaths", "aws:SourceOrgPaths", catalog.KeyArrayOfString, true},
		{"aws:VpceOrgPaths", "aws:VpceOrgPaths", catalog.KeyArrayOfString, true},
		{"aws:AssumedRoot", "aws:AssumedRoot", catalog.KeyBool, true},
		{"ec2:SourceInstanceArn", "ec2:SourceInstanceArn", catalog.KeyARN, true},
		{"ec2:SourceInstanceARN", "ec2:SourceInstanceArn", catalog.KeyARN, true},
		{"lambda:SourceFunctionArn", "lambda:SourceFunctionArn", catalog.KeyARN, true},
		{"identitystore:UserId", "identitystore:UserId", catalog.KeyString, true},

		// Families: the template itself and concrete keys.
		{"aws:PrincipalTag/${TagKey}", "aws:PrincipalTag/${TagKey}", catalog.KeyString, true},
		{"aws:PrincipalTag/Team", "aws:PrincipalTag/${TagKey}", catalog.KeyString, true},
		{"aws:RequestTag/Env", "aws:RequestTag/${TagKey}", catalog.KeyString, true},
		{"aws:requesttag/env", "aws:RequestTag/${TagKey}", catalog.KeyString, true},
		{"aws:ResourceTag/aws:cloudformation:stack-name", "aws:ResourceTag/${TagKey}", catalog.KeyString, true},
		{"aws:ResourceTag/a/b", "aws:ResourceTag/${TagKey}", catalog.KeyString, true},
		{"s3:ExistingObjectTag/x", "s3:ExistingObjectTag/<key>", catalog.KeyString, false},
		{"s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/<key>", catalog.KeyString, false},
		{"S3:RequestObjectTag/Project", "s3:RequestObjectTag/<key>", catalog.KeyString, false},
		{"ec2:ResourceTag/Name", "ec2:ResourceTag/${TagKey}", catalog.KeyString, false},
		{"secretsmanager:ResourceTag/aws:secretsmanager:owningService", "secretsmanager:ResourceTag/tag-key", catalog.KeyString, false},
		{"secretsmanager:ResourceTag/tag-key", "secretsmanager:ResourceTag/tag-key", catalog.KeyString, false},
		{"kms:EncryptionContext:aws:pi:service", "kms:EncryptionContext:${EncryptionContextKey}", catalog.KeyString, false},
		{"codebuild:secondarySources/src1.auth.type", "codebuild:secondarySources/${sourceIdentifier}.auth.type", catalog.KeyString, false},
		{"token.actions.githubusercontent.com:actor", "token.actions.githubusercontent.com:actor", catalog.KeyString, false},
		{"token.actions.githubusercontent.com/octo/repo:actor", "token.actions.githubusercontent.com/${SubPath}:actor", catalog.KeyString, false},
		{"token.actions.octo.ghe.com:actor", "token.actions.${Domain}.ghe.com:actor", catalog.KeyString, false},

		// Service keys.
		{"s3:prefix", "s3:prefix", catalog.KeyString, false},
		{"s3:max-keys", "s3:max-keys", catalog.KeyNumeric, false},
		{"s3:signatureage", "s3:signatureAge", catalog.KeyNumeric, false},
		{"iam:PassedToService", "iam:PassedToService", catalog.KeyString, false},
		{"ec2:InstanceType", "ec2:InstanceType", catalog.KeyString, false},

		// Unknown.
		{"aws:SourceIpx", "", 0, false},
		{"aws:RequestTag", "", 0, false},
		{"aws:RequestTag/", "", 0, false},
		{"aws:", "", 0, false},
		{"s3:nope", "", 0, false},
		{"SourceIp", "", 0, false},
		{"", "", 0, false},
		{"aws:RequestTagEnv", "", 0, false},
	} {
		k, ok := c.ConditionKey(tc.name)
		if tc.want == "" {
			if ok {
				t.Errorf("ConditionKey(%q) = %s, want none", tc.name, k.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("ConditionKey(%q) not found", tc.name)
			continue
		}
		if k.Name != tc.want || k.Type != tc.typ || k.Global != tc.global {
			t.Errorf("ConditionKey(%q) = %s %s global=%v, want %s %s global=%v", tc.name, k.Name, k.Type, k.Global, tc.want, tc.typ, tc.global)
		}
	}

	// A service lists the global keys its actions support, as the shared
	// ConditionKey.
	ec2, _ := c.Service("ec2")
	tag, _ := c.ConditionKey("aws:RequestTag/x")
	if !slices.Contains(ec2.ConditionKeys, tag) {
		t.Error("ec2's condition keys lack aws:RequestTag/${TagKey}")
	}
	if !slices.IsSortedFunc(ec2.ConditionKeys, func(a, b *catalog.ConditionKey) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}) {
		t.Error("ec2's condition keys are not sorted")
	}
}

func TestResourceTypes(t *testing.T) {
	c := catalog.Default()
	for _, tc := range []struct {
		arn  string
		want []string // service/name
	}{
		{"arn:aws:s3:::amzn-s3-demo-bucket", []string{"s3/bucket"}},
		{"arn:aws:s3:::amzn-s3-demo-bucket/report.csv", []string{"s3/object"}},
		{"arn:aws:s3:::amzn-s3-demo-bucket/2026/q1/report.csv", []string{"s3/object"}},
		{"arn:aws-cn:s3:::bucket/key", []string{"s3/object"}},
		{"arn:aws:s3:us-east-1:111122223333:accesspoint/ap1", []string{"s3/accesspoint"}},
		{"arn:aws:iam::111122223333:role/app", []string{"iam/role"}},
		{"arn:aws:iam::111122223333:role/division/team/app", []string{"iam/role"}},
		{"arn:aws:iam::111122223333:user/alice", []string{"iam/user"}},
		{"arn:aws:iam::111122223333:user/staff/alice", []string{"iam/user"}},
		{"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", []string{"ec2/instance"}},
		{"arn:aws:lambda:us-east-1:111122223333:function:app", []string{"lambda/function"}},
		// A qualifier is an alias or a version; the ARN does not say which.
		{"arn:aws:lambda:us-east-1:111122223333:function:app:prod", []string{"lambda/function alias", "lambda/function version"}},
		{"arn:aws:lambda:us-east-1:111122223333:function:app:7", []string{"lambda/function alias", "lambda/function version"}},
		{"arn:aws:lambda:us-east-1:111122223333:layer:lib", []string{"lambda/layer"}},
		{"arn:aws:lambda:us-east-1:111122223333:layer:lib:3", []string{"lambda/layerVersion"}},
		{"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app", []string{"logs/log-group"}},
		{"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:*", []string{"logs/log-group"}},
		{"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:log-stream:2026/x", []string{"logs/log-stream"}},
		{"arn:aws:sns:us-east-1:111122223333:alerts", []string{"sns/topic"}},
		{"arn:aws:dynamodb:us-east-1:111122223333:table/Orders", []string{"dynamodb/table"}},
		// ARNs of one service named by another's resource types.
		{"arn:aws:compute-optimizer::111122223333:automation-rule/r1", []string{"aco-automation/AutomationRule"}},

		{"arn:aws:s3:::", nil},
		{"arn:aws:iam::111122223333:role/", nil},
		{"arn:aws:nosuchservice:us-east-1:111122223333:thing/x", nil},
		{"not an arn", nil},
		{"arn:aws:s3", nil},
		{"", nil},
	} {
		var got []string
		for _, r := range c.ResourceTypes(tc.arn) {
			got = append(got, r.Service.Prefix+"/"+r.Name)
			if !r.Matches(tc.arn) {
				t.Errorf("%s is among the ResourceTypes of %s but does not Match it", r.Name, tc.arn)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ResourceTypes(%q) = %v, want %v", tc.arn, got, tc.want)
		}
	}

	// Matches is the looser test: a format ending in a placeholder fits
	// an ARN with a qualifier, but a bucket name never holds '/'.
	s3, _ := c.Service("s3")
	lambda, _ := c.Service("lambda")
	rt := func(s *catalog.Service, name string) *catalog.ResourceType {
		for _, r := range s.ResourceTypes {
			if r.Name == name {
				return r
			}
		}
		t.Fatalf("%s has no resource type %s", s.Prefix, name)
		return nil
	}
	for _, tc := range []struct {
		r    *catalog.ResourceType
		arn  string
		want bool
	}{
		{rt(s3, "bucket"), "arn:aws:s3:::b", true},
		{rt(s3, "bucket"), "arn:aws:s3:::b/k", false},
		{rt(s3, "object"), "arn:aws:s3:::b/k", true},
		{rt(s3, "object"), "arn:aws:s3:::b", false},
		{rt(s3, "object"), "arn:aws:s3:::b/", false},
		{rt(lambda, "layer"), "arn:aws:lambda:us-east-1:111122223333:layer:lib:3", true},
		{rt(lambda, "function"), "arn:aws:lambda:us-east-1:111122223333:function:app:prod", true},
		{rt(lambda, "function"), "arn:aws:lambda:us-east-1:111122223333:function:", false},
		{rt(lambda, "function"), "arn:aws:s3:us-east-1:111122223333:function:app", false},
		{rt(lambda, "function"), "function:app", false},
	} {
		if got := tc.r.Matches(tc.arn); got != tc.want {
			t.Errorf("%s.Matches(%q) = %v, want %v", tc.r.Name, tc.arn, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	c := catalog.Default()
	// Each row is a name and the suggestion it must get ("" for none).
	for _, lookup := range []struct {
		name    string
		suggest func(string) (string, bool)
		cases   [][2]string
	}{
		{"SuggestAction", c.SuggestAction, [][2]string{
			{"s3:GetObjcet", "s3:GetObject"},
			{"s3:getobject", "s3:GetObject"},
			{"s3:GetObjet", "s3:GetObject"},
			{"S3:PutObjct", "s3:PutObject"},
			{"iam:PasRole", "iam:PassRole"},
			{"ec2:DescribeInstance", "ec2:DescribeInstances"},
			{"s3:GetObjectFooBarBaz", ""},
			{"zzzz:Qqqqqq", ""},
			{"", ""},
		}},
		{"SuggestService", c.SuggestService, [][2]string{
			{"s3", "s3"}, {"EC2", "ec2"}, {"lamdba", "lambda"}, {"dynamdb", "dynamodb"},
			{"cloudwatc", "cloudwatch"}, {"qqqqqqqqq", ""}, {"", ""},
		}},
		{"SuggestConditionKey", c.SuggestConditionKey, [][2]string{
			{"aws:SoruceIp", "aws:SourceIp"},
			{"aws:sourceip", "aws:SourceIp"},
			{"aws:SourceIP", "aws:SourceIp"},
			{"aws:MultiFactorAuthPresnt", "aws:MultiFactorAuthPresent"},
			{"aws:requesttag/Env", "aws:RequestTag/Env"},
			{"aws:RequestTga/Env", "aws:RequestTag/Env"},
			{"aws:PrincipleTag/team", "aws:PrincipalTag/team"},
			{"s3:ExistingObjectTag/x", "s3:ExistingObjectTag/x"},
			{"s3:prefx", "s3:prefix"},
			{"aws:Nothing/Like/This", ""},
			{"", ""},
			{"qqqq:zzzzzzzz", ""},
		}},
	} {
		for _, tc := range lookup.cases {
			name, want := tc[0], tc[1]
			got, ok := lookup.suggest(name)
			if got != want || ok != (want != "") {
				t.Errorf("%s(%q) = %q, %v, want %q", lookup.name, name, got, ok, want)
			}
		}
	}
}

// TestConcurrentUse: the catalog is shared by every goroutine that calls
// Default; run with -race.
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	var first *catalog.Catalog
	var mu sync.Mutex
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := catalog.Default()
			mu.Lock()
			if first == nil {
				first = c
			} else if first != c {
				t.Error("Default returned two catalogs")
			}
			mu.Unlock()
			for range 50 {
				if _, ok := c.Action("s3:GetObject"); !ok {
					t.Error("s3:GetObject not found")
				}
				c.ConditionKey("aws:RequestTag/Env")
				c.Expand("s3:Put*")
				// Compiles the ARN formats on first use.
				if len(c.ResourceTypes("arn:aws:s3:::b/k")) != 1 {
					t.Error("no single type for an S3 object")
				}
				c.SuggestConditionKey("aws:SoruceIp")
				_ = i
			}
		}()
	}
	wg.Wait()
}

func TestLookupsDoNotAllocate(t *testing.T) {
	c := catalog.Default()
	c.ResourceTypes("arn:aws:s3:::warm/up")
	for name, f := range map[string]func(){
		"Action lower":           func() { c.Action("s3:getobject") },
		"Action mixed":           func() { c.Action("s3:GetObject") },
		"Action unknown":         func() { c.Action("s3:GetObjectX") },
		"Service":                func() { c.Service("EC2") },
		"ConditionKey":           func() { c.ConditionKey("aws:SourceIp") },
		"ConditionKey template":  func() { c.ConditionKey("aws:RequestTag/Env") },
		"ConditionKey unknown":   func() { c.ConditionKey("aws:NoSuchKey") },
		"ConditionKey web ident": func() { c.ConditionKey("token.actions.octo.ghe.com:actor") },
		"Matches":                func() { c.ResourceTypes("arn:aws:s3:::b")[0].Matches("arn:aws:s3:::b") },
	} {
		if name == "Matches" {
			r := c.ResourceTypes("arn:aws:s3:::b")[0]
			f = func() { r.Matches("arn:aws:s3:::b") }
		}
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
}

// TestHostileInputs: lookups take input from policies and command lines,
// which may be long and odd; each must stay fast (milliseconds, with room
// for the race detector and a loaded machine).
func TestHostileInputs(t *testing.T) {
	c := catalog.Default()
	const bound = 500 * time.Millisecond
	long := strings.Repeat("a/", 8000)
	for name, f := range map[string]func(){
		"ResourceTypes path":      func() { c.ResourceTypes("arn:aws:ec2:us-east-1:111122223333:instance/" + long) },
		"ResourceTypes no head":   func() { c.ResourceTypes("arn:aws:apigateway:us-east-1::/restapis/" + long) },
		"ResourceTypes colons":    func() { c.ResourceTypes("arn:aws:lambda:r:a:function:" + strings.Repeat(":", 16000)) },
		"ResourceTypes any":       func() { c.ResourceTypes("arn:aws:x:r:a:" + strings.Repeat(":x", 8000)) },
		"Expand stars":            func() { c.Expand(strings.Repeat("*a", 4000)) },
		"Expand service stars":    func() { c.Expand(strings.Repeat("*?", 4000) + ":" + strings.Repeat("*e", 4000)) },
		"ConditionKey template":   func() { c.ConditionKey("codebuild:secondarySources/" + long) },
		"SuggestAction long":      func() { c.SuggestAction(strings.Repeat("s3:GetObject", 1000)) },
		"SuggestConditionKey":     func() { c.SuggestConditionKey("aws:RequestTag/" + long) },
		"SuggestService long":     func() { c.SuggestService(long) },
		"Action long":             func() { c.Action(long) },
		"ConditionKey long plain": func() { c.ConditionKey(long) },
	} {
		start := time.Now()
		f()
		if d := time.Since(start); d > bound {
			t.Errorf("%s took %v", name, d)
		}
	}
}
