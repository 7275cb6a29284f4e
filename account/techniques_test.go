package account

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

const acctID = "111122223333"

func arnOf(kind, name string) string { return "arn:aws:iam::" + acctID + ":" + kind + "/" + name }

func stmt(effect string, actions any, resource any, cond map[string]any) map[string]any {
	s := map[string]any{"Effect": effect, "Action": actions, "Resource": resource}
	if cond != nil {
		s["Condition"] = cond
	}
	return s
}

func docOf(stmts ...map[string]any) map[string]any {
	return map[string]any{"Version": "2012-10-17", "Statement": stmts}
}

func trustOf(principal map[string]any, cond map[string]any) map[string]any {
	s := map[string]any{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
	if cond != nil {
		s["Condition"] = cond
	}
	return docOf(s)
}

var aa = []map[string]any{{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}}

// world is a snapshot under construction: a fixed cast of targets plus
// the attacker user the case defines.
type world struct {
	users, roles, groups, policies []map[string]any
}

func (w *world) role(name string, trust map[string]any, attached []map[string]any, profile bool) {
	r := map[string]any{"Path": "/", "RoleName": name, "RoleId": "AROA" + strings.ToUpper(name), "Arn": arnOf("role", name),
		"AssumeRolePolicyDocument": trust, "RolePolicyList": []any{}, "AttachedManagedPolicies": attached, "Tags": []any{}, "InstanceProfileList": []any{}}
	if profile {
		r["InstanceProfileList"] = []any{map[string]any{"Arn": arnOf("instance-profile", name)}}
	}
	w.roles = append(w.roles, r)
}

func baseWorld() *world {
	w := &world{}
	for _, svc := range []string{"lambda", "ec2", "glue", "cloudformation", "codebuild", "sagemaker", "ecs-tasks", "datapipeline", "tasks.apprunner"} {
		w.role("svc-"+strings.ReplaceAll(svc, ".", "-"), trustOf(map[string]any{"Service": svc + ".amazonaws.com"}, nil), aa, svc == "ec2")
	}
	w.role("ec2-noprofile", trustOf(map[string]any{"Service": "ec2.amazonaws.com"}, nil), aa, false)
	w.role("root-trusting-admin", trustOf(map[string]any{"AWS": "arn:aws:iam::" + acctID + ":root"}, nil), aa, false)
	w.role("extid-admin", trustOf(map[string]any{"AWS": "arn:aws:iam::" + acctID + ":root"}, map[string]any{"StringEquals": map[string]any{"sts:ExternalId": "secret"}}), aa, false)
	w.role("victim-role", trustOf(map[string]any{"AWS": arnOf("user", "attacker")}, nil), nil, false)
	w.users = append(w.users, map[string]any{"Path": "/", "UserName": "victim-admin", "UserId": "AIDAVICTIM", "Arn": arnOf("user", "victim-admin"),
		"UserPolicyList": []any{}, "GroupList": []any{}, "AttachedManagedPolicies": aa, "Tags": []any{}})
	w.groups = append(w.groups,
		map[string]any{"GroupName": "admins", "Arn": arnOf("group", "admins"), "GroupPolicyList": []any{}, "AttachedManagedPolicies": aa},
		map[string]any{"GroupName": "team", "Arn": arnOf("group", "team"), "GroupPolicyList": []any{}, "AttachedManagedPolicies": []any{}})
	w.policies = append(w.policies,
		map[string]any{"PolicyName": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
			"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "*", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}},
		map[string]any{"PolicyName": "attacker-managed", "Arn": arnOf("policy", "attacker-managed"),
			"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "s3:ListAllMyBuckets", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}},
		map[string]any{"PolicyName": "unattached", "Arn": arnOf("policy", "unattached"),
			"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "s3:ListAllMyBuckets", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}},
		map[string]any{"PolicyName": "s3-only", "Arn": arnOf("policy", "s3-only"),
			"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "s3:*", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}},
		map[string]any{"PolicyName": "delete-boundary-only", "Arn": arnOf("policy", "delete-boundary-only"),
			"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "iam:DeleteUserPermissionsBoundary", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}},
	)
	return w
}

// attacker describes the attacker user of a case.
type attacker struct {
	stmts    []map[string]any
	attached []string // managed policy names of the account (or AdministratorAccess)
	boundary string   // managed policy name
	groups   []string
}

func (w *world) snapshot(t *testing.T, at attacker, scp map[string]any) *Analyzer {
	t.Helper()
	att := []map[string]any{}
	for _, n := range at.attached {
		a := arnOf("policy", n)
		if n == "AdministratorAccess" {
			a = "arn:aws:iam::aws:policy/AdministratorAccess"
		}
		att = append(att, map[string]any{"PolicyName": n, "PolicyArn": a})
	}
	u := map[string]any{"Path": "/", "UserName": "attacker", "UserId": "AIDAATTACKER", "Arn": arnOf("user", "attacker"),
		"UserPolicyList": []any{map[string]any{"PolicyName": "attacker", "PolicyDocument": docOf(at.stmts...)}},
		"GroupList":      at.groups, "AttachedManagedPolicies": att, "Tags": []any{}}
	if at.groups == nil {
		u["GroupList"] = []any{}
	}
	if at.boundary != "" {
		u["PermissionsBoundary"] = map[string]any{"PermissionsBoundaryArn": arnOf("policy", at.boundary)}
	}
	data, _ := json.Marshal(map[string]any{"UserDetailList": append([]map[string]any{u}, w.users...), "RoleDetailList": w.roles, "GroupDetailList": w.groups, "Policies": w.policies})
	s := New()
	if err := s.AddAuthorizationDetails("case.json", data); err != nil {
		t.Fatal(err)
	}
	if scp != nil {
		org, _ := json.Marshal(map[string]any{"Id": "o-test", "ManagementAccount": "999999999999", "Root": map[string]any{"Id": "r-test",
			"SCPs":     []any{map[string]any{"Name": "FullAWSAccess", "Document": docOf(stmt("Allow", "*", "*", nil))}},
			"Accounts": []any{map[string]any{"Id": acctID, "SCPs": []any{map[string]any{"Name": "guard", "Document": scp}}}}}})
		if err := s.AddOrg("org.json", org); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	for _, w := range s.Warnings {
		t.Fatalf("warning: %s", w)
	}
	return NewAnalyzer(s)
}

func pass(role, svc string) map[string]any {
	return stmt("Allow", "iam:PassRole", arnOf("role", role), map[string]any{"StringEquals": map[string]any{"iam:PassedToService": svc}})
}

func allow(actions ...string) map[string]any { return stmt("Allow", actions, "*", nil) }

// TestTechniques runs every technique both ways: an attacker that can
// escalate, and attackers that almost can (one permission missing, a
// boundary, an SCP, a trust condition, a Deny).
func TestTechniques(t *testing.T) {
	type tc struct {
		name      string
		at        attacker
		technique string // prefix of a hop's technique; "" = must not escalate
	}
	lambda := []map[string]any{pass("svc-lambda", "lambda.amazonaws.com"), allow("lambda:CreateFunction", "lambda:InvokeFunction")}
	cases := []tc{
		{"lambda-001", attacker{stmts: lambda}, "lambda-001"},
		{"lambda-001 no invoke", attacker{stmts: []map[string]any{pass("svc-lambda", "lambda.amazonaws.com"), allow("lambda:CreateFunction")}}, ""},
		{"lambda-001 wrong PassedToService", attacker{stmts: []map[string]any{pass("svc-lambda", "glue.amazonaws.com"), allow("lambda:CreateFunction", "lambda:InvokeFunction")}}, ""},
		{"lambda-001 role trusts another service", attacker{stmts: []map[string]any{pass("svc-glue", "lambda.amazonaws.com"), allow("lambda:CreateFunction", "lambda:InvokeFunction")}}, ""},
		{"lambda-006", attacker{stmts: []map[string]any{pass("svc-lambda", "lambda.amazonaws.com"), allow("lambda:CreateFunction", "lambda:AddPermission")}}, "lambda-006"},
		{"lambda-002", attacker{stmts: []map[string]any{pass("svc-lambda", "lambda.amazonaws.com"), allow("lambda:CreateFunction", "lambda:CreateEventSourceMapping")}}, "lambda-002"},
		{"ec2-001", attacker{stmts: []map[string]any{pass("svc-ec2", "ec2.amazonaws.com"), allow("ec2:RunInstances")}}, "ec2-001"},
		{"ec2-001 no instance profile", attacker{stmts: []map[string]any{pass("ec2-noprofile", "ec2.amazonaws.com"), allow("ec2:RunInstances")}}, ""},
		{"ec2-001 creates the profile", attacker{stmts: []map[string]any{pass("ec2-noprofile", "ec2.amazonaws.com"), allow("ec2:RunInstances", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile")}}, "ec2-001"},
		{"ec2-001 instances only", attacker{stmts: []map[string]any{pass("svc-ec2", "ec2.amazonaws.com"), stmt("Allow", "ec2:RunInstances", "arn:aws:ec2:*:*:instance/*", nil)}}, ""},
		{"ec2-003", attacker{stmts: []map[string]any{pass("svc-ec2", "ec2.amazonaws.com"), allow("ec2:RequestSpotInstances")}}, "ec2-003"},
		{"ecs", attacker{stmts: []map[string]any{pass("svc-ecs-tasks", "ecs-tasks.amazonaws.com"), allow("ecs:RegisterTaskDefinition", "ecs:RunTask")}}, "ecs-002"},
		{"ecs no run", attacker{stmts: []map[string]any{pass("svc-ecs-tasks", "ecs-tasks.amazonaws.com"), allow("ecs:RegisterTaskDefinition")}}, ""},
		{"glue-001", attacker{stmts: []map[string]any{pass("svc-glue", "glue.amazonaws.com"), allow("glue:CreateDevEndpoint")}}, "glue-001"},
		{"glue-003", attacker{stmts: []map[string]any{pass("svc-glue", "glue.amazonaws.com"), allow("glue:CreateJob", "glue:StartJobRun")}}, "glue-003"},
		{"glue job never runs", attacker{stmts: []map[string]any{pass("svc-glue", "glue.amazonaws.com"), allow("glue:CreateJob")}}, ""},
		{"cloudformation-001", attacker{stmts: []map[string]any{pass("svc-cloudformation", "cloudformation.amazonaws.com"), allow("cloudformation:CreateStack")}}, "cloudformation-001"},
		{"codebuild-001", attacker{stmts: []map[string]any{pass("svc-codebuild", "codebuild.amazonaws.com"), allow("codebuild:CreateProject", "codebuild:StartBuild")}}, "codebuild-001"},
		{"codebuild no start", attacker{stmts: []map[string]any{pass("svc-codebuild", "codebuild.amazonaws.com"), allow("codebuild:CreateProject")}}, ""},
		{"sagemaker-001", attacker{stmts: []map[string]any{pass("svc-sagemaker", "sagemaker.amazonaws.com"), allow("sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl")}}, "sagemaker-001"},
		{"sagemaker-002", attacker{stmts: []map[string]any{pass("svc-sagemaker", "sagemaker.amazonaws.com"), allow("sagemaker:CreateTrainingJob")}}, "sagemaker-002"},
		{"datapipeline-001", attacker{stmts: []map[string]any{pass("svc-datapipeline", "datapipeline.amazonaws.com"), allow("datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline")}}, "datapipeline-001"},
		{"datapipeline not activated", attacker{stmts: []map[string]any{pass("svc-datapipeline", "datapipeline.amazonaws.com"), allow("datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition")}}, ""},
		{"apprunner-001", attacker{stmts: []map[string]any{pass("svc-tasks-apprunner", "tasks.apprunner.amazonaws.com"), allow("apprunner:CreateService")}}, "apprunner-001"},
		{"iam-001", attacker{stmts: []map[string]any{stmt("Allow", "iam:CreatePolicyVersion", arnOf("policy", "attacker-managed"), nil)}, attached: []string{"attacker-managed"}}, "iam-001"},
		{"iam-001 policy nobody holds", attacker{stmts: []map[string]any{stmt("Allow", "iam:CreatePolicyVersion", arnOf("policy", "unattached"), nil)}, attached: []string{"attacker-managed"}}, ""},
		{"iam-002", attacker{stmts: []map[string]any{stmt("Allow", "iam:CreateAccessKey", arnOf("user", "victim-admin"), nil)}}, "iam-002"},
		{"iam-002 itself", attacker{stmts: []map[string]any{stmt("Allow", "iam:CreateAccessKey", arnOf("user", "${aws:username}"), nil)}}, ""},
		{"iam-004", attacker{stmts: []map[string]any{stmt("Allow", "iam:CreateLoginProfile", arnOf("user", "victim-admin"), nil)}}, "iam-004"},
		{"iam-006", attacker{stmts: []map[string]any{stmt("Allow", "iam:UpdateLoginProfile", arnOf("user", "victim-admin"), nil)}}, "iam-006"},
		{"iam-007", attacker{stmts: []map[string]any{stmt("Allow", "iam:PutUserPolicy", arnOf("user", "attacker"), nil)}}, "iam-007"},
		{"iam-007 on another user", attacker{stmts: []map[string]any{stmt("Allow", "iam:PutUserPolicy", arnOf("user", "nobody"), nil)}}, ""},
		{"iam-008", attacker{stmts: []map[string]any{stmt("Allow", "iam:AttachUserPolicy", arnOf("user", "attacker"), nil)}}, "iam-008"},
		{"iam-008 PolicyARN limited", attacker{stmts: []map[string]any{stmt("Allow", "iam:AttachUserPolicy", arnOf("user", "attacker"),
			map[string]any{"ArnEquals": map[string]any{"iam:PolicyARN": arnOf("policy", "s3-only")}})}}, ""},
		{"iam-009 + sts:AssumeRole (iam-014)", attacker{stmts: []map[string]any{stmt("Allow", "iam:AttachRolePolicy", arnOf("role", "victim-role"), nil)}}, "iam-009"},
		{"iam-005 + sts:AssumeRole (iam-017)", attacker{stmts: []map[string]any{stmt("Allow", "iam:PutRolePolicy", arnOf("role", "victim-role"), nil)}}, "iam-005"},
		{"iam-010", attacker{stmts: []map[string]any{stmt("Allow", "iam:AttachGroupPolicy", arnOf("group", "team"), nil)}, groups: []string{"team"}}, "iam-010"},
		{"iam-010 not a member", attacker{stmts: []map[string]any{stmt("Allow", "iam:AttachGroupPolicy", arnOf("group", "team"), nil)}}, ""},
		{"iam-011", attacker{stmts: []map[string]any{stmt("Allow", "iam:PutGroupPolicy", arnOf("group", "team"), nil)}, groups: []string{"team"}}, "iam-011"},
		{"iam-013", attacker{stmts: []map[string]any{stmt("Allow", "iam:AddUserToGroup", arnOf("group", "admins"), nil)}}, "iam-013"},
		{"iam-013 harmless group", attacker{stmts: []map[string]any{stmt("Allow", "iam:AddUserToGroup", arnOf("group", "team"), nil)}}, ""},
		{"iam-012", attacker{stmts: []map[string]any{stmt("Allow", "iam:UpdateAssumeRolePolicy", arnOf("role", "svc-glue"), nil)}}, "iam-012"},
		{"iam-012 Deny sts:AssumeRole", attacker{stmts: []map[string]any{stmt("Allow", "iam:UpdateAssumeRolePolicy", arnOf("role", "svc-glue"), nil), stmt("Deny", "sts:AssumeRole", "*", nil)}}, ""},
		{"sts-001", attacker{stmts: []map[string]any{stmt("Allow", "sts:AssumeRole", arnOf("role", "root-trusting-admin"), nil)}}, "sts-001"},
		{"sts-001 external ID", attacker{stmts: []map[string]any{stmt("Allow", "sts:AssumeRole", arnOf("role", "extid-admin"), nil)}}, ""},
		{"sts-001 role trusts only a service", attacker{stmts: []map[string]any{stmt("Allow", "sts:AssumeRole", arnOf("role", "svc-lambda"), nil)}}, ""},
		{"delete boundary", attacker{stmts: []map[string]any{allow("*")}, boundary: "delete-boundary-only"}, "iam:DeleteUserPermissionsBoundary"},
		{"boundary without delete", attacker{stmts: []map[string]any{allow("*")}, boundary: "s3-only"}, ""},
		{"put boundary", attacker{stmts: []map[string]any{allow("*")}, boundary: "s3-only"}, ""},
		{"CreatePolicy + attach", attacker{stmts: []map[string]any{allow("iam:CreatePolicy"), stmt("Allow", "iam:AttachUserPolicy", arnOf("user", "attacker"),
			map[string]any{"ArnLike": map[string]any{"iam:PolicyARN": arnOf("policy", "iamlogic-*")}})}}, "iam:CreatePolicy"},
	}
	scpDenyIAM := docOf(stmt("Deny", []string{"iam:*", "sts:*", "lambda:*", "ec2:*", "ecs:*", "glue:*", "cloudformation:*", "codebuild:*", "sagemaker:*", "datapipeline:*", "apprunner:*"}, "*", nil))
	for _, c := range cases {
		// Each escalating case also runs with a boundary that allows only
		// S3, with an SCP that denies the services used, and with a Deny
		// of everything: none of them may escalate.
		variants := []struct {
			suffix string
			at     attacker
			scp    map[string]any
			want   string
		}{{"", c.at, nil, c.technique}}
		if c.technique != "" && c.at.boundary == "" {
			b := c.at
			b.boundary = "s3-only"
			d := c.at
			d.stmts = append(append([]map[string]any(nil), d.stmts...), stmt("Deny", "*", "*", nil))
			variants = append(variants,
				struct {
					suffix string
					at     attacker
					scp    map[string]any
					want   string
				}{"/boundary", b, nil, ""},
				struct {
					suffix string
					at     attacker
					scp    map[string]any
					want   string
				}{"/scp", c.at, scpDenyIAM, ""},
				struct {
					suffix string
					at     attacker
					scp    map[string]any
					want   string
				}{"/deny", d, nil, ""})
		}
		for _, v := range variants {
			t.Run(c.name+v.suffix, func(t *testing.T) {
				a := baseWorld().snapshot(t, v.at, v.scp)
				me := a.S.Principal(arnOf("user", "attacker"))
				g := a.BuildGraph(Options{}, 1)
				paths := g.PathsToAdmin(me)
				if v.want == "" {
					if len(paths) > 0 {
						t.Fatalf("escalates, want not: %s", describe(paths))
					}
					return
				}
				for _, p := range paths {
					for _, h := range p.Hops {
						if strings.HasPrefix(h.Technique, v.want) && len(h.Statements) > 0 {
							return
						}
					}
				}
				t.Fatalf("no path using %s: %s", v.want, describe(paths))
			})
		}
	}
}

func describe(ps []Path) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n%s -> %s:", p.From, p.To)
		for _, h := range p.Hops {
			fmt.Fprintf(&b, " [%s: %s on %s]", h.Principal, h.Technique, h.Target)
		}
	}
	if b.Len() == 0 {
		return "no path"
	}
	return b.String()
}
