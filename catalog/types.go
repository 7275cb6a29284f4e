package catalog

import (
	"strconv"
	"sync"

	"github.com/iamlogic/iamlogic/catalog/internal/wire"
)

// A Service is one AWS service of the Service Authorization Reference.
type Service struct {
	// Prefix is the service prefix of its actions ("s3", "ec2"), lower case.
	Prefix string
	// Name is the service's name ("Amazon S3").
	Name string
	// Actions are the service's actions, sorted by lower-case name.
	Actions []*Action
	// ResourceTypes are the service's resource types, sorted by lower-case
	// name.
	ResourceTypes []*ResourceType
	// ConditionKeys are the condition keys the reference lists for the
	// service, sorted by lower-case name: its own keys and the global keys
	// (aws:RequestTag/${TagKey}, …) its actions support.
	ConditionKeys []*ConditionKey
}

// An Action is one action of a service.
type Action struct {
	// Service is the service the action belongs to.
	Service *Service
	// Name is the action's name in AWS's casing ("GetObject").
	Name string
	// Access is the action's access level.
	Access AccessLevel
	// Resources are the resource types the action can be granted on, in the
	// reference's order. An action without any is granted on "*" only.
	Resources []ActionResource
	// ConditionKeys are the condition keys the action supports whatever the
	// resource, as the reference writes them.
	ConditionKeys []string
	// DependentActions are the actions the reference says the action also
	// needs ("iam:PassRole").
	DependentActions []string

	// key is "prefix:name" in lower case.
	key string
}

// String returns the action as a policy names it: "s3:GetObject".
func (a *Action) String() string { return a.Service.Prefix + ":" + a.Name }

// An ActionResource is a resource type an action can be granted on.
type ActionResource struct {
	// Type is the resource type.
	Type *ResourceType
	// Required is set when the action always acts on a resource of this
	// type (the reference's asterisk): a statement that grants the action
	// must name such a resource.
	Required bool
	// ConditionKeys are the condition keys the action supports for this
	// resource type.
	ConditionKeys []string
	// DependentActions are the actions also needed for this resource type.
	DependentActions []string
}

// A ResourceType is a kind of resource of a service, with the ARN formats
// that name it.
type ResourceType struct {
	// Service is the service that defines the resource type.
	Service *Service
	// Name is the resource type's name ("bucket", "object", "role").
	Name string
	// ARNFormats are the ARN formats of the resource type, as the reference
	// writes them: "arn:${Partition}:s3:::${BucketName}/${ObjectName}". Most
	// resource types have one; a few (API Gateway's) have several.
	ARNFormats []string
	// ConditionKeys are the condition keys that apply to resources of this
	// type.
	ConditionKeys []string

	once    sync.Once // compiles formats
	formats []arnFormat
}

// Matches reports whether arn fits one of the resource type's ARN formats.
// A ${...} placeholder stands for one or more characters other than ':' and
// '/'; in the resource part of the ARN a placeholder may also stand for a
// path ("role/${RoleNameWithPath}" fits "role/division/app"), unless it is
// the whole resource part (an S3 bucket name never holds '/'); and a format
// that ends in a placeholder also fits an ARN with a qualifier after it
// ("function:${FunctionName}" fits "function:app:prod"). A '*' in a format
// stands for any characters.
//
// Catalog.ResourceTypes uses the same rules but keeps only the closest
// fits.
func (r *ResourceType) Matches(arn string) bool {
	return r.fit(arn) <= fitQualified
}

// A ConditionKey is a condition key a policy can test.
type ConditionKey struct {
	// Name is the key as AWS writes it ("aws:SourceIp", "s3:prefix"). The
	// name of a key that stands for a family of keys holds a placeholder:
	// "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>".
	Name string
	// Type is the type of the key's value.
	Type KeyType
	// Global is set for the keys AWS documents on its page of global
	// condition context keys: the aws: keys and the cross-service keys
	// (ec2:SourceInstanceArn, lambda:SourceFunctionArn, …) that the request
	// context of every service can hold.
	Global bool

	lname string // Name in lower case
	tmpl  *template
}

// AccessLevel is the access level of an action, as the Service Authorization
// Reference classifies it.
type AccessLevel uint8

// The access levels. The reference counts tagging and permissions
// management as kinds of write access; an action has exactly one of these
// levels.
const (
	AccessList                  = AccessLevel(wire.AccessList)
	AccessRead                  = AccessLevel(wire.AccessRead)
	AccessWrite                 = AccessLevel(wire.AccessWrite)
	AccessPermissionsManagement = AccessLevel(wire.AccessPermissionsManagement)
	AccessTagging               = AccessLevel(wire.AccessTagging)
)

// String returns AWS's words for the level: "List", "Read", "Write",
// "Permissions management" or "Tagging".
func (l AccessLevel) String() string {
	switch l {
	case AccessList:
		return "List"
	case AccessRead:
		return "Read"
	case AccessWrite:
		return "Write"
	case AccessPermissionsManagement:
		return "Permissions management"
	case AccessTagging:
		return "Tagging"
	}
	return "AccessLevel(" + strconv.Itoa(int(l)) + ")"
}

// KeyType is the type of a condition key's value, as the Service
// Authorization Reference names them. A multivalued type (ArrayOfString) is
// an array of its element type.
type KeyType uint8

// The key types.
const (
	KeyString    = KeyType(wire.KeyString)
	KeyARN       = KeyType(wire.KeyARN)
	KeyNumeric   = KeyType(wire.KeyNumeric)
	KeyDate      = KeyType(wire.KeyDate)
	KeyBool      = KeyType(wire.KeyBool)
	KeyIPAddress = KeyType(wire.KeyIPAddress)
	KeyBinary    = KeyType(wire.KeyBinary)

	KeyArrayOfString    = KeyString | arrayOf
	KeyArrayOfARN       = KeyARN | arrayOf
	KeyArrayOfNumeric   = KeyNumeric | arrayOf
	KeyArrayOfDate      = KeyDate | arrayOf
	KeyArrayOfBool      = KeyBool | arrayOf
	KeyArrayOfIPAddress = KeyIPAddress | arrayOf
	KeyArrayOfBinary    = KeyBinary | arrayOf
)

const arrayOf = KeyType(wire.ArrayOf)

var keyTypeNames = [...]string{
	KeyString: "String", KeyARN: "ARN", KeyNumeric: "Numeric", KeyDate: "Date",
	KeyBool: "Bool", KeyIPAddress: "IPAddress", KeyBinary: "Binary",
}

func (t KeyType) valid() bool { e := t &^ arrayOf; return t&^(arrayOf|7) == 0 && e != 0 }

// String returns the reference's name of the type: "String", "ARN",
// "Numeric", "Date", "Bool", "IPAddress", "Binary", or "ArrayOf" and the
// element type's name.
func (t KeyType) String() string {
	if !t.valid() {
		return "KeyType(" + strconv.Itoa(int(t)) + ")"
	}
	e := t &^ arrayOf
	if t.Multivalued() {
		return "ArrayOf" + keyTypeNames[e]
	}
	return keyTypeNames[e]
}

// Multivalued reports whether a value of the type is a set of values
// (ArrayOfString, …): a policy tests it with ForAnyValue or ForAllValues.
func (t KeyType) Multivalued() bool { return t&arrayOf != 0 }

// Elem returns the type of one value: String for ArrayOfString, and t
// itself for a single-valued type.
func (t KeyType) Elem() KeyType { return t &^ arrayOf }
