package policy

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// member is one statement element as raw JSON.
type member struct{ key, raw string }

// stmtBuilder builds a one-statement policy whose elements the test
// replaces or removes.
type stmtBuilder struct {
	version string // "" for no Version
	members []member
}

func (b *stmtBuilder) set(key, raw string) {
	for i := range b.members {
		if b.members[i].key == key {
			b.members[i].raw = raw
			return
		}
	}
	b.members = append(b.members, member{key, raw})
}

func (b *stmtBuilder) del(keys ...string) {
	b.members = slices.DeleteFunc(b.members, func(m member) bool { return slices.Contains(keys, m.key) })
}

func (b *stmtBuilder) String() string {
	var sb strings.Builder
	sb.WriteString("{")
	if b.version != "" {
		sb.WriteString(`"Version": "` + b.version + `", `)
	}
	sb.WriteString(`"Statement": [{`)
	for i, m := range b.members {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(`"` + m.key + `": ` + m.raw)
	}
	sb.WriteString("}]}")
	return sb.String()
}

// baseStatement is a statement valid as policy type t.
func baseStatement(t Type) *stmtBuilder {
	b := &stmtBuilder{version: Version2012}
	switch t {
	case TypeTrust:
		b.members = []member{{"Effect", `"Allow"`}, {"Principal", `{"Service": "ec2.amazonaws.com"}`}, {"Action", `"sts:AssumeRole"`}}
	case TypeResource, TypeEndpoint:
		b.members = []member{{"Effect", `"Allow"`}, {"Principal", `{"AWS": "111122223333"}`}, {"Action", `"s3:GetObject"`}, {"Resource", `"arn:aws:s3:::bucket/*"`}}
	case TypeRCP:
		b.members = []member{{"Effect", `"Deny"`}, {"Principal", `"*"`}, {"Action", `"s3:GetObject"`}, {"Resource", `"*"`}}
	default:
		b.members = []member{{"Effect", `"Allow"`}, {"Action", `"s3:GetObject"`}, {"Resource", `"*"`}}
	}
	return b
}

func types(ts ...Type) []Type { return ts }

var (
	noPrincipalTypes = types(TypeIdentity, TypeBoundary, TypeSession, TypeSCP)
	principalTypes   = types(TypeResource, TypeTrust, TypeRCP, TypeEndpoint)
)

// TestPolicyTypeTable covers every cell of the table of SPEC §3.6: for each
// element variant and each policy type, the error codes of Check.
func TestPolicyTypeTable(t *testing.T) {
	cells := []struct {
		name   string
		mutate func(Type, *stmtBuilder)
		// want maps a type to the error codes Check must report; types not
		// listed must pass.
		want map[Type][]Code
	}{
		{"base statement", func(Type, *stmtBuilder) {}, nil},
		{"Version missing", func(_ Type, b *stmtBuilder) { b.version = "" },
			map[Type][]Code{TypeRCP: {CodeVersionInvalid}}},
		{"Version 2008-10-17", func(_ Type, b *stmtBuilder) { b.version = Version2008 },
			map[Type][]Code{TypeRCP: {CodeVersionInvalid}}},
		{"Principal AWS account", func(_ Type, b *stmtBuilder) { b.set("Principal", `{"AWS": "111122223333"}`) },
			withAll(noPrincipalTypes, CodePrincipalProhibited, map[Type][]Code{TypeRCP: {CodeRCPElement}})},
		{"Principal *", func(_ Type, b *stmtBuilder) { b.set("Principal", `"*"`) },
			withAll(noPrincipalTypes, CodePrincipalProhibited, nil)},
		{"Principal missing", func(_ Type, b *stmtBuilder) { b.del("Principal") },
			withAll(principalTypes, CodePrincipalMissing, nil)},
		{"NotPrincipal with Deny", func(_ Type, b *stmtBuilder) {
			b.del("Principal")
			b.set("Effect", `"Deny"`)
			b.set("NotPrincipal", `{"AWS": "111122223333"}`)
		}, withAll(noPrincipalTypes, CodePrincipalProhibited, map[Type][]Code{
			TypeTrust: {CodeNotPrincipalInTrust}, TypeRCP: {CodeRCPElement},
		})},
		{"NotPrincipal with Allow", func(_ Type, b *stmtBuilder) {
			b.del("Principal")
			b.set("Effect", `"Allow"`)
			b.set("NotPrincipal", `{"AWS": "111122223333"}`)
		}, withAll(noPrincipalTypes, CodePrincipalProhibited, map[Type][]Code{
			// Resource and endpoint policies: a warning (some services accept it).
			TypeTrust: {CodeNotPrincipalInTrust}, TypeRCP: {CodeRCPAllow, CodeRCPElement},
		})},
		{"Action s3:GetObject", func(_ Type, b *stmtBuilder) { b.set("Action", `"s3:GetObject"`) },
			map[Type][]Code{TypeTrust: {CodeTrustAction}}},
		{"Action *", func(_ Type, b *stmtBuilder) { b.set("Action", `"*"`) },
			map[Type][]Code{TypeTrust: {CodeTrustAction}}},
		{"Action sts:AssumeRole* family", func(_ Type, b *stmtBuilder) {
			b.set("Action", `["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity"]`)
		}, nil},
		{"Action other sts: action", func(_ Type, b *stmtBuilder) { b.set("Action", `["STS:SetContext", "sts:*"]`) }, nil},
		{"NotAction", func(_ Type, b *stmtBuilder) {
			b.del("Action")
			b.set("NotAction", `"s3:DeleteObject"`)
		}, map[Type][]Code{TypeTrust: {CodeTrustAction}, TypeRCP: {CodeRCPElement}}},
		{"Resource", func(_ Type, b *stmtBuilder) { b.set("Resource", `"*"`) },
			map[Type][]Code{TypeTrust: {CodeResourceProhibited}}},
		{"NotResource", func(_ Type, b *stmtBuilder) {
			b.del("Resource")
			b.set("NotResource", `"arn:aws:s3:::bucket/*"`)
		}, map[Type][]Code{TypeTrust: {CodeResourceProhibited}}},
		{"Resource missing", func(_ Type, b *stmtBuilder) { b.del("Resource", "NotResource") },
			withAll(types(TypeIdentity, TypeBoundary, TypeSession, TypeSCP, TypeRCP), CodeResourceMissing, nil)},
		{"Condition", func(_ Type, b *stmtBuilder) {
			b.set("Condition", `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}, "Bool": {"aws:SecureTransport": false}}`)
		}, nil},
		{"Effect Allow", func(_ Type, b *stmtBuilder) { b.set("Effect", `"Allow"`) },
			map[Type][]Code{TypeRCP: {CodeRCPAllow}}},
		{"Effect Deny", func(_ Type, b *stmtBuilder) { b.set("Effect", `"Deny"`) }, nil},
		{"RCPFullAWSAccess", func(typ Type, b *stmtBuilder) {
			b.members = []member{{"Effect", `"Allow"`}, {"Principal", `"*"`}, {"Action", `"*"`}, {"Resource", `"*"`}}
		}, withAll(noPrincipalTypes, CodePrincipalProhibited, map[Type][]Code{TypeTrust: {CodeResourceProhibited, CodeTrustAction}})},
	}
	for _, cell := range cells {
		for _, typ := range Types() {
			t.Run(cell.name+"/"+string(typ), func(t *testing.T) {
				b := baseStatement(typ)
				cell.mutate(typ, b)
				p := mustParse(t, b.String())
				var got []Code
				if err := p.Check(typ); err != nil {
					var fs Findings
					if !errors.As(err, &fs) {
						t.Fatalf("Check error is %T", err)
					}
					got = codeSet(fs)
				}
				want := slices.Clone(cell.want[typ])
				sortCodes(want)
				if !slices.Equal(got, want) {
					t.Errorf("Check(%s) codes = %v, want %v\n%s\n%v", typ, got, want, b, p.Check(typ))
				}
			})
		}
	}
}

// withAll returns m (copied) with code added for every type in ts.
func withAll(ts []Type, code Code, m map[Type][]Code) map[Type][]Code {
	out := map[Type][]Code{}
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	for _, t := range ts {
		out[t] = append(out[t], code)
	}
	return out
}

// TestPolicyTypeWarnings covers the warning cells of SPEC §3.6: Id and Sid
// characters per type.
func TestPolicyTypeWarnings(t *testing.T) {
	for _, typ := range Types() {
		t.Run(string(typ), func(t *testing.T) {
			b := baseStatement(typ)
			b.set("Sid", `"read objects"`)
			doc := strings.Replace(b.String(), "{", `{"Id": "doc-1", `, 1)
			p := mustParse(t, doc)
			fs := p.Validate(typ)
			if fs.HasErrors() {
				t.Fatalf("unexpected errors: %v", fs)
			}
			idWarn := len(withCode(fs, CodeIDInIdentityPolicy)) > 0
			wantID := !slices.Contains(types(TypeResource, TypeTrust, TypeEndpoint), typ)
			if idWarn != wantID {
				t.Errorf("ID_IN_IDENTITY_POLICY = %v, want %v: %v", idWarn, wantID, fs)
			}
			sidWarn := len(withCode(fs, CodeSidCharset)) > 0
			wantSid := !slices.Contains(types(TypeResource, TypeEndpoint), typ)
			if sidWarn != wantSid {
				t.Errorf("SID_CHARSET = %v, want %v: %v", sidWarn, wantSid, fs)
			}
			if err := p.Check(typ); err != nil {
				t.Errorf("Check fails on warnings: %v", err)
			}
		})
	}
}

func TestParseType(t *testing.T) {
	for _, typ := range Types() {
		got, err := ParseType(strings.ToUpper(string(typ)))
		if err != nil || got != typ {
			t.Errorf("ParseType(%q) = %q, %v", strings.ToUpper(string(typ)), got, err)
		}
		if typ.String() != string(typ) {
			t.Errorf("String() = %q", typ.String())
		}
	}
	if n := len(Types()); n != 8 {
		t.Errorf("Types() has %d types, want 8", n)
	}
	_, err := ParseType("bucket")
	var te *TypeError
	if !errors.As(err, &te) || te.Name != "bucket" || !strings.Contains(err.Error(), "identity, resource, trust") {
		t.Errorf("ParseType(bucket) error = %v", err)
	}
}

func TestValidateUnknownType(t *testing.T) {
	p := mustParse(t, stmtDoc(`"Effect": "Allow", "Action": "*", "Resource": "*"`))
	fs := p.Validate("bucket")
	if len(fs) != 1 || fs[0].Code != CodePolicyType || fs[0].Severity != Error || !strings.Contains(fs[0].Message, `"bucket"`) {
		t.Fatalf("Validate(bucket) = %v", fs)
	}
	if err := p.Check("bucket"); err == nil {
		t.Fatal("Check(bucket) = nil")
	}
}
