package catalog

// globalKeys are the global condition context keys with the data type AWS
// documents for each, from the IAM User Guide page "AWS global condition
// context keys":
//
//	https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
//	(source: reference_policies_condition-keys.md)
//
// in the page's order: properties of the principal, of a role session, of
// the network, of the resource and of the request. The page's "String
// (list)" is ArrayOfString. The cross-service keys the page lists among the
// properties of a role session (ec2:RoleDelivery, …) are global too: any
// service's request context can hold them.
//
// The npm data types only the tag keys among the aws: keys; where it types a
// key of this table (the tag keys, identitystore:UserId), this table wins.
var globalKeys = []struct {
	name string
	typ  KeyType
}{
	// Properties of the principal.
	{"aws:PrincipalArn", KeyARN},
	{"aws:PrincipalAccount", KeyString},
	{"aws:PrincipalOrgPaths", KeyArrayOfString},
	{"aws:PrincipalOrgID", KeyString},
	{"aws:PrincipalTag/${TagKey}", KeyString},
	{"aws:PrincipalIsAWSService", KeyBool},
	{"aws:PrincipalServiceName", KeyString},
	{"aws:PrincipalServiceNamesList", KeyArrayOfString},
	{"aws:PrincipalType", KeyString},
	{"aws:userid", KeyString},
	{"aws:username", KeyString},

	// Properties of a role session.
	{"aws:AssumedRoot", KeyBool},
	// The page types aws:FederatedProvider as String, noting that for an
	// identity provider outside AWS the value is the provider's ARN.
	{"aws:FederatedProvider", KeyString},
	{"aws:TokenIssueTime", KeyDate},
	{"aws:SignInSessionArn", KeyARN},
	{"aws:MultiFactorAuthAge", KeyNumeric},
	{"aws:MultiFactorAuthPresent", KeyBool},
	{"aws:ChatbotSourceArn", KeyARN},
	{"aws:Ec2InstanceSourceVpc", KeyString},
	{"aws:Ec2InstanceSourcePrivateIPv4", KeyIPAddress},
	{"aws:SourceIdentity", KeyString},
	{"ec2:RoleDelivery", KeyNumeric},
	{"ec2:SourceInstanceArn", KeyARN},
	{"glue:RoleAssumedBy", KeyString},
	{"glue:CredentialIssuingService", KeyString},
	{"codebuild:BuildArn", KeyARN},
	{"codebuild:ProjectArn", KeyARN},
	{"lambda:SourceFunctionArn", KeyARN},
	{"ssm:SourceInstanceArn", KeyARN},
	{"identitystore:UserId", KeyString},

	// Properties of the network.
	{"aws:SourceIp", KeyIPAddress},
	{"aws:SourceVpc", KeyString},
	{"aws:SourceVpcArn", KeyARN},
	{"aws:SourceVpce", KeyString},
	{"aws:VpceAccount", KeyString},
	{"aws:VpceOrgID", KeyString},
	{"aws:VpceOrgPaths", KeyArrayOfString},
	{"aws:VpcSourceIp", KeyIPAddress},

	// Properties of the resource.
	{"aws:ResourceAccount", KeyString},
	{"aws:ResourceOrgID", KeyString},
	{"aws:ResourceOrgPaths", KeyArrayOfString},
	{"aws:ResourceTag/${TagKey}", KeyString},

	// Properties of the request.
	{"aws:CalledVia", KeyArrayOfString},
	{"aws:CalledViaFirst", KeyString},
	{"aws:CalledViaLast", KeyString},
	{"aws:CalledViaAWSMCP", KeyString},
	{"aws:ViaAWSService", KeyBool},
	{"aws:ViaAWSMCPService", KeyBool},
	{"aws:CurrentTime", KeyDate},
	// The page types aws:EpochTime as "Date, Numeric": it compares with the
	// date operators and, as seconds since 1970, with the numeric ones.
	{"aws:EpochTime", KeyDate},
	{"aws:referer", KeyString},
	{"aws:RequestedRegion", KeyString},
	{"aws:RequestTag/${TagKey}", KeyString},
	{"aws:TagKeys", KeyArrayOfString},
	{"aws:SecureTransport", KeyBool},
	{"aws:SourceAccount", KeyString},
	{"aws:SourceArn", KeyARN},
	{"aws:SourceOrgID", KeyString},
	{"aws:SourceOrgPaths", KeyArrayOfString},
	{"aws:UserAgent", KeyString},
	{"aws:IsMcpServiceAction", KeyBool},
}
