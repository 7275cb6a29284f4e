package account

import (
	"strings"
)

// step is one permission a technique needs: Action allowed on every one of
// Resources (templates: ACCOUNT is the attacker's account; a name the
// attacker chooses is "iamlogic"), with Context.
type step struct {
	Action    string
	Resources []string
}

// passTechnique is a technique that passes a role to a service that then
// runs the attacker's code with the role's credentials.
type passTechnique struct {
	ID      string // pathfinding.cloud ID
	Name    string
	Service string // the service principal the role must trust
	// Steps are all needed; each is a list of alternatives (one suffices).
	Steps [][]step
	// InstanceProfile: the role must be in an instance profile, or the
	// attacker must be able to create one and add the role.
	InstanceProfile bool
	// Optional lists a step whose absence only adds an assumption.
	Optional *step
	Assumes  []string // facts outside the snapshot the technique relies on
	IfNot    string   // the assumption when Optional is not allowed
}

const region = "us-east-1"

func fn(name string) string {
	return "arn:aws:lambda:" + region + ":ACCOUNT:function:" + name
}

// PassTechniques are the iam:PassRole techniques the analysis knows, after
// the pathfinding.cloud catalogue.
var passTechniques = []passTechnique{
	{ID: "lambda-001", Name: "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction", Service: "lambda.amazonaws.com",
		Steps: [][]step{{{"lambda:CreateFunction", []string{fn("iamlogic")}}}, {{"lambda:InvokeFunction", []string{fn("iamlogic")}}}}},
	{ID: "lambda-006", Name: "iam:PassRole + lambda:CreateFunction + lambda:AddPermission", Service: "lambda.amazonaws.com",
		Steps: [][]step{{{"lambda:CreateFunction", []string{fn("iamlogic")}}}, {{"lambda:AddPermission", []string{fn("iamlogic")}}}}},
	{ID: "lambda-002", Name: "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping", Service: "lambda.amazonaws.com",
		Steps:   [][]step{{{"lambda:CreateFunction", []string{fn("iamlogic")}}}, {{"lambda:CreateEventSourceMapping", []string{"*"}}}},
		Assumes: []string{"an event source (stream or queue) the attacker can write to"}},
	{ID: "ec2-001", Name: "iam:PassRole + ec2:RunInstances", Service: "ec2.amazonaws.com", InstanceProfile: true,
		Steps: [][]step{{{"ec2:RunInstances", []string{
			"arn:aws:ec2:" + region + ":ACCOUNT:instance/*",
			"arn:aws:ec2:" + region + "::image/ami-iamlogic",
			"arn:aws:ec2:" + region + ":ACCOUNT:network-interface/*",
			"arn:aws:ec2:" + region + ":ACCOUNT:subnet/subnet-iamlogic",
			"arn:aws:ec2:" + region + ":ACCOUNT:security-group/sg-iamlogic",
			"arn:aws:ec2:" + region + ":ACCOUNT:volume/*",
		}}}},
		Assumes: []string{"the region has a default VPC or a subnet the attacker may launch into"}},
	{ID: "ec2-003", Name: "iam:PassRole + ec2:RequestSpotInstances", Service: "ec2.amazonaws.com", InstanceProfile: true,
		Steps:   [][]step{{{"ec2:RequestSpotInstances", []string{"arn:aws:ec2:" + region + ":ACCOUNT:spot-instances-request/*"}}}},
		Assumes: []string{"the region has a default VPC or a subnet the attacker may launch into"}},
	{ID: "ecs-002", Name: "iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask", Service: "ecs-tasks.amazonaws.com",
		Steps: [][]step{{{"ecs:RegisterTaskDefinition", []string{"*"}}},
			{{"ecs:RunTask", []string{"arn:aws:ecs:" + region + ":ACCOUNT:task-definition/iamlogic:1"}},
				{"ecs:StartTask", []string{"arn:aws:ecs:" + region + ":ACCOUNT:task-definition/iamlogic:1"}},
				{"ecs:CreateService", []string{"arn:aws:ecs:" + region + ":ACCOUNT:service/iamlogic/iamlogic"}}}},
		Optional: &step{"ecs:CreateCluster", []string{"arn:aws:ecs:" + region + ":ACCOUNT:cluster/iamlogic"}},
		IfNot:    "an ECS cluster the attacker may run tasks in exists"},
	{ID: "glue-001", Name: "iam:PassRole + glue:CreateDevEndpoint", Service: "glue.amazonaws.com",
		Steps: [][]step{{{"glue:CreateDevEndpoint", []string{"arn:aws:glue:" + region + ":ACCOUNT:devEndpoint/iamlogic"}}}}},
	{ID: "glue-003", Name: "iam:PassRole + glue:CreateJob + glue:StartJobRun", Service: "glue.amazonaws.com",
		Steps: [][]step{{{"glue:CreateJob", []string{"arn:aws:glue:" + region + ":ACCOUNT:job/iamlogic"}}},
			{{"glue:StartJobRun", []string{"arn:aws:glue:" + region + ":ACCOUNT:job/iamlogic"}},
				{"glue:CreateTrigger", []string{"arn:aws:glue:" + region + ":ACCOUNT:trigger/iamlogic"}}}}},
	{ID: "cloudformation-001", Name: "iam:PassRole + cloudformation:CreateStack", Service: "cloudformation.amazonaws.com",
		Steps: [][]step{{{"cloudformation:CreateStack", []string{"arn:aws:cloudformation:" + region + ":ACCOUNT:stack/iamlogic/00000000-0000-0000-0000-000000000000"}}}}},
	{ID: "codebuild-001", Name: "iam:PassRole + codebuild:CreateProject + codebuild:StartBuild", Service: "codebuild.amazonaws.com",
		Steps: [][]step{{{"codebuild:CreateProject", []string{"arn:aws:codebuild:" + region + ":ACCOUNT:project/iamlogic"}}},
			{{"codebuild:StartBuild", []string{"arn:aws:codebuild:" + region + ":ACCOUNT:project/iamlogic"}},
				{"codebuild:StartBuildBatch", []string{"arn:aws:codebuild:" + region + ":ACCOUNT:project/iamlogic"}}}}},
	{ID: "sagemaker-001", Name: "iam:PassRole + sagemaker:CreateNotebookInstance", Service: "sagemaker.amazonaws.com",
		Steps: [][]step{{{"sagemaker:CreateNotebookInstance", []string{"arn:aws:sagemaker:" + region + ":ACCOUNT:notebook-instance/iamlogic"}}},
			{{"sagemaker:CreatePresignedNotebookInstanceUrl", []string{"arn:aws:sagemaker:" + region + ":ACCOUNT:notebook-instance/iamlogic"}}}}},
	{ID: "sagemaker-002", Name: "iam:PassRole + sagemaker:CreateTrainingJob", Service: "sagemaker.amazonaws.com",
		Steps: [][]step{{{"sagemaker:CreateTrainingJob", []string{"arn:aws:sagemaker:" + region + ":ACCOUNT:training-job/iamlogic"}}}}},
	{ID: "sagemaker-003", Name: "iam:PassRole + sagemaker:CreateProcessingJob", Service: "sagemaker.amazonaws.com",
		Steps: [][]step{{{"sagemaker:CreateProcessingJob", []string{"arn:aws:sagemaker:" + region + ":ACCOUNT:processing-job/iamlogic"}}}}},
	{ID: "datapipeline-001", Name: "iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition", Service: "datapipeline.amazonaws.com",
		Steps: [][]step{{{"datapipeline:CreatePipeline", []string{"*"}}},
			{{"datapipeline:PutPipelineDefinition", []string{"arn:aws:datapipeline:" + region + ":ACCOUNT:pipeline/df-iamlogic"}}},
			{{"datapipeline:ActivatePipeline", []string{"arn:aws:datapipeline:" + region + ":ACCOUNT:pipeline/df-iamlogic"}}}}},
	{ID: "apprunner-001", Name: "iam:PassRole + apprunner:CreateService", Service: "tasks.apprunner.amazonaws.com",
		Steps: [][]step{{{"apprunner:CreateService", []string{"arn:aws:apprunner:" + region + ":ACCOUNT:service/iamlogic/00000000000000000000000000000000"}}}}},
}

// Techniques lists the IDs and names of every technique the analysis
// models.
func Techniques() []string {
	out := []string{
		"sts-001 sts:AssumeRole",
		"iam-012 iam:UpdateAssumeRolePolicy + sts:AssumeRole",
		"iam-002 iam:CreateAccessKey (another user)",
		"iam-004 iam:CreateLoginProfile (another user)",
		"iam-006 iam:UpdateLoginProfile (another user)",
		"iam-001 iam:CreatePolicyVersion",
		"iam-001b iam:SetDefaultPolicyVersion",
		"iam-008 iam:AttachUserPolicy", "iam-009 iam:AttachRolePolicy", "iam-010 iam:AttachGroupPolicy",
		"iam-007 iam:PutUserPolicy", "iam-005 iam:PutRolePolicy", "iam-011 iam:PutGroupPolicy",
		"iam-013 iam:AddUserToGroup",
		"iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
		"iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary",
		"iam:CreatePolicy + iam:Attach*Policy",
	}
	for _, t := range passTechniques {
		out = append(out, t.ID+" "+t.Name)
	}
	return out
}

// matchAction reports whether the policy action pattern p (with * and ?)
// matches action a, case-insensitively.
func matchAction(p, a string) bool {
	return globMatch(strings.ToLower(p), strings.ToLower(a))
}

func globMatch(p, s string) bool {
	// iterative glob with backtracking on the last star
	px, sx, star, mark := 0, 0, -1, 0
	for sx < len(s) {
		switch {
		case px < len(p) && (p[px] == '?' || p[px] == s[sx]):
			px++
			sx++
		case px < len(p) && p[px] == '*':
			star, mark = px, sx
			px++
		case star >= 0:
			px = star + 1
			mark++
			sx = mark
		default:
			return false
		}
	}
	for px < len(p) && p[px] == '*' {
		px++
	}
	return px == len(p)
}
