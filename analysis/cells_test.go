package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/evaluator"
	"github.com/iamlogic/iamlogic/policy"
)

// TestClassesAgreeWithEvaluator checks actionClasses, classFeatures and
// featuresOf against the evaluator: under policies that match every
// request alike, two requests whose actions are of one class and whose
// resources have one account and the same features of that class are
// decided alike, for every caller and every way a policy set places the
// policies. The actions are every sts:, iam: and kms: action of the
// catalog and a few of other services, so an action the evaluator comes to
// treat apart, and the table lacks, fails here.
func TestClassesAgreeWithEvaluator(t *testing.T) {
	actions := []string{"s3:GetObject", "ec2:RunInstances", "sqs:SendMessage", "q:Q", "s3:q"}
	for _, svc := range []string{"sts", "iam", "kms"} {
		s, ok := catalog.Default().Service(svc)
		if !ok {
			t.Fatalf("no %s in the catalog", svc)
		}
		for _, a := range s.Actions {
			actions = append(actions, svc+":"+a.Name)
		}
		actions = append(actions, svc+":Q", strings.ToUpper(svc)+":getcalleridentity")
	}
	resources := []string{"*", "arn:aws:s3:::b", "arn:aws:s3:::b/role/x", "arn:aws:ec2:us-east-1:111122223333:instance/i", "arn:aws:ec2:us-east-1:aws:policy/x"}
	for _, acct := range []string{"111122223333", "444455556666", "aws", ""} {
		for _, res := range []string{
			"policy/P", "policy/aws-service-role/P", "role/R", "role/aws-reserved/R", "role/aws-reserved/sso.amazonaws.com/R",
			"role/aws-service-role/R", "role/aws-service-role/sso.amazonaws.com/R", "user/U", "Role/R",
		} {
			resources = append(resources, "arn:aws:iam::"+acct+":"+res, "arn:aws:iam:us-east-1:"+acct+":"+res)
		}
		for _, res := range []string{"key/K", "Key/K", "alias/aws/x", "alias/AWS/x", "alias/aws/", "alias/x", "alias/awsx"} {
			resources = append(resources, "arn:aws:kms:us-east-1:"+acct+":"+res, "arn:aws:kms::"+acct+":"+res)
		}
		resources = append(resources, "arn:aws:sts::"+acct+":role/R", "arn:aws-cn:iam::"+acct+":role/R")
	}
	all := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	anyone := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:*"}]}`
	var sets []*evaluator.Set
	for _, ps := range []evaluator.Policies{
		{Identity: []*policy.Policy{mustParse(t, "id.json", all)}},
		{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{allowAll}, Resource: mustParse(t, "rp.json", anyone), ResourceType: policy.TypeResource},
		{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{allowAll}, Resource: mustParse(t, "trust.json", trust), ResourceType: policy.TypeTrust},
	} {
		s, err := evaluator.Compile(ps)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, s)
	}
	callers := [][2]string{
		{"arn:aws:iam::111122223333:root", ""}, {"arn:aws:iam::111122223333:user/u", ""},
		{"arn:aws:sts::111122223333:assumed-role/r/s", "arn:aws:iam::111122223333:role/r"},
		{"arn:aws:sts::111122223333:assumed-role/a/s", "arn:aws:iam::111122223333:role/aws-service-role/sso.amazonaws.com/a"},
		{"arn:aws:sts::111122223333:federated-user/f", ""}, {"arn:aws:iam::444455556666:user/u", ""},
		{"", ""}, {"ec2.amazonaws.com", ""}, {"federated:accounts.google.com", ""},
	}
	outcome := func(a, r, ra string) string {
		var b strings.Builder
		fmt.Fprint(&b, evaluator.IsTrustRequest(&evaluator.Request{Action: a, Resource: r}))
		for _, s := range sets {
			for _, c := range callers {
				res := s.Evaluate(evaluator.Request{Principal: c[0], SessionIssuer: c[1], Action: a, Resource: r, ResourceAccount: ra})
				fmt.Fprintf(&b, "|%s %s %s %v", res.Decision, res.Reason, res.Grant, res.Err != nil)
			}
		}
		return b.String()
	}
	type cell struct {
		class    actionClass
		account  string
		ra       string
		f        feature
		wildcard bool
	}
	seen := map[cell]string{}
	where := map[cell]string{}
	for _, a := range actions {
		c := classOf(a)
		cf := classFeatures(c)
		for _, r := range resources {
			sec, _ := splitPattern(r)
			for _, ra := range []string{"", "444455556666"} {
				if r != "*" && sec[3] != "" && ra != "" {
					continue
				}
				k := cell{class: c, account: sec[3], ra: ra, f: featuresOf(r) & cf, wildcard: r == "*"}
				got := outcome(a, r, ra)
				if want, ok := seen[k]; !ok {
					seen[k], where[k] = got, a+" on "+r
				} else if got != want {
					t.Errorf("%s on %s (ra %q) is decided unlike %s, of the same cell:\n got %s\nwant %s", a, r, ra, where[k], got, want)
				}
			}
		}
	}
}

// TestReductionsAgreeWithExhaustive checks the reductions that rest on the
// evaluator's structure (liveActions, mergeActions, classFeatures, the
// keys an action reads, the interchangeable fresh accounts) against the
// enumeration without them, on random policies of every type: the
// verdicts agree, and every witness replays.
func TestReductionsAgreeWithExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	n := 70
	if testing.Short() {
		n = 14
	}
	types := []policy.Type{policy.TypeIdentity, policy.TypeBoundary, policy.TypeSession, policy.TypeSCP, policy.TypeEndpoint, policy.TypeResource, policy.TypeTrust}
	for i := range n {
		typ := types[i%len(types)]
		refDoc, candDoc := reductionPolicy(r, typ), reductionPolicy(r, typ)
		ref, err1 := policy.ParseFile("ref.json", []byte(refDoc))
		cand, err2 := policy.ParseFile("cand.json", []byte(candDoc))
		if err1 != nil || err2 != nil {
			continue
		}
		opts := Options{MaxEvaluations: 400_000, MaxWitnesses: 2}
		asked := append(append([]string(nil), fuzzActions...), "sts:GetCallerIdentity", "iam:GetPolicy", "iam:DeletePolicy")
		acts := []string{asked[r.IntN(len(asked))]}
		for _, mk := range []func() (check, error){
			func() (check, error) { return compareCheck(typ, ref, cand, opts) },
			func() (check, error) { return notGrantedCheck(typ, cand, acts, nil, opts) },
			func() (check, error) {
				if typ != policy.TypeResource {
					return check{}, errSkip
				}
				return publicCheck(cand, opts)
			},
		} {
			c, err := mk()
			if err == errSkip {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			reduced, err := c.run()
			if err != nil {
				t.Fatalf("%v\nref %s\ncand %s", err, refDoc, candDoc)
			}
			c.exhaustive = true
			full, err := c.run()
			if err != nil {
				t.Fatal(err)
			}
			if reduced.Verdict != full.Verdict && full.Verdict != Unknown {
				t.Errorf("%s check %d (%s): reduced %s (%s), exhaustive %s (%s)\nref %s\ncand %s", typ, c.kind, acts, reduced.Verdict, reduced.Reason, full.Verdict, full.Reason, refDoc, candDoc)
			}
			if reduced.Verdict == Pass && reduced.Stats.Points > full.Stats.Points {
				t.Errorf("%s: the reduced walk evaluated %d points, the full one %d", typ, reduced.Stats.Points, full.Stats.Points)
			}
		}
	}
}

var errSkip = errors.New("skip")

// reductionPolicy returns a random policy of type typ over the fuzzer's
// vocabulary, with principals for the types that carry them and actions
// the evaluator treats apart.
func reductionPolicy(r *rand.Rand, typ policy.Type) string {
	actions := append(append([]string(nil), fuzzActions...), "iam:DeleteRole", "iam:*", "sts:AssumeRole", "sts:*", "kms:CreateAlias", "kms:*", "iam:Get*")
	resources := append(append([]string(nil), fuzzResources...), "arn:aws:iam::*:role/*", "arn:aws:iam::aws:policy/*", "arn:aws:kms:*:*:alias/*", "arn:aws:iam::111122223333:role/aws-*")
	principals := []string{`"*"`, `{"AWS":"111122223333"}`, `{"AWS":"arn:aws:iam::444455556666:role/R"}`, `{"Service":"ec2.amazonaws.com"}`, `{"AWS":"*"}`}
	conds := append(append([]string(nil), fuzzConds...), `{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`, `{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}`, `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/R"}}`)
	pick := func(v []string) []string {
		var out []string
		for range 1 + r.IntN(2) {
			out = append(out, v[r.IntN(len(v))])
		}
		return out
	}
	var sts []string
	for range 1 + r.IntN(3) {
		st := map[string]any{"Effect": []string{"Allow", "Allow", "Deny"}[r.IntN(3)]}
		if r.IntN(5) == 0 {
			st["NotAction"] = pick(actions)
		} else {
			st["Action"] = pick(actions)
		}
		if typ != policy.TypeTrust {
			st["Resource"] = pick(resources)
		} else {
			st["Action"] = []string{"sts:AssumeRole"}
		}
		if c := conds[r.IntN(len(conds))]; c != "" {
			st["Condition"] = json.RawMessage(c)
		}
		if typ == policy.TypeResource || typ == policy.TypeTrust || typ == policy.TypeEndpoint {
			st["Principal"] = json.RawMessage(principals[r.IntN(len(principals))])
		}
		b, _ := json.Marshal(st)
		sts = append(sts, string(b))
	}
	return stmts(sts...)
}

func TestMergeActions(t *testing.T) {
	for _, tc := range []struct {
		actions, patterns, want []string
	}{
		// Plain actions that every pattern matches alike are one cell,
		// whatever their service.
		{[]string{"s3:GetObject", "ec2:q", "q:Q", "s3:b"}, []string{"s3:Get*"}, []string{"s3:GetObject", "ec2:q"}},
		{[]string{"s3:GetObject", "ec2:q", "q:Q"}, []string{"s3:Get*", "ec2:*"}, []string{"s3:GetObject", "ec2:q", "q:Q"}},
		// The classes the evaluator treats apart stay apart.
		{[]string{"iam:CreatePolicy", "iam:DeletePolicy", "iam:DeleteRole", "iam:PassRole", "iam:q"}, []string{"*"}, []string{"iam:CreatePolicy", "iam:DeleteRole", "iam:PassRole"}},
		{[]string{"iam:CreatePolicy", "iam:DeletePolicy"}, []string{"iam:Create*"}, []string{"iam:CreatePolicy", "iam:DeletePolicy"}},
		{[]string{"sts:AssumeRole", "sts:TagSession", "sts:AssumeRoleWithSAML", "sts:GetCallerIdentity", "sts:q", "s3:q"}, nil, []string{"sts:AssumeRole", "sts:TagSession", "sts:GetCallerIdentity", "sts:q", "s3:q"}},
	} {
		if got := mergeActions(tc.actions, tc.patterns); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("mergeActions(%v, %v) = %v, want %v", tc.actions, tc.patterns, got, tc.want)
		}
	}
}

func TestFeaturesOf(t *testing.T) {
	for _, tc := range []struct {
		arn  string
		want feature
	}{
		{"*", 0},
		{"arn:aws:s3:::b", 0},
		{"arn:aws:iam::aws:policy/P", fManagedPolicy},
		{"arn:aws:iam:us-east-1:aws:policy/P", fManagedPolicy},
		{"arn:aws:iam::111122223333:policy/P", 0},
		{"arn:aws:iam::111122223333:role/R", fRole | fTrust},
		{"arn:aws:iam:us-east-1:111122223333:role/R", fRole},
		{"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/R", fRole | fTrust | fReservedRole | fSSORole},
		{"arn:aws:iam::111122223333:role/aws-service-role/R", fRole | fTrust | fServiceRole},
		{"arn:aws:kms:us-east-1:111122223333:key/K", fKey},
		{"arn:aws:kms:us-east-1:111122223333:alias/AWS/x", fAWSAlias},
		{"arn:aws:kms:us-east-1:111122223333:alias/aws/", 0},
		{"arn:aws:kms:us-east-1:111122223333:Alias/aws/x", 0},
	} {
		if got := featuresOf(tc.arn); got != tc.want {
			t.Errorf("featuresOf(%s) = %b, want %b", tc.arn, got, tc.want)
		}
	}
}

// TestInnerSpace checks that an action's requests vary the condition keys
// its statements read, and only those.
func TestInnerSpace(t *testing.T) {
	p := mustParse(t, "p.json", stmts(
		`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":["a","b"]},"StringLike":{"aws:PrincipalOrgID":"o-*"}}}`,
		`{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}`,
	))
	s, _, err := docPolicies(policy.TypeIdentity, p)
	if err != nil {
		t.Fatal(err)
	}
	c := check{kind: checkNotGranted, mode: modeIdentity, sets: []evaluator.Policies{s}, opts: Options{}}
	at, err := collect(c.sets, nil)
	if err != nil {
		t.Fatal(err)
	}
	reads, needed := actionReads(at, []string{"s3:GetObject", "ec2:RunInstances", "sqs:SendMessage"}, false)
	cs, err := c.contextSpace(at, at.accounts(), 1000, needed)
	if err != nil {
		t.Fatal(err)
	}
	inner, err := cs.perAction(reads)
	if err != nil {
		t.Fatal(err)
	}
	forms := func(key string) int {
		for _, k := range cs.ctxKeys {
			if k.key == key {
				return len(k.forms)
			}
		}
		t.Fatalf("no key %s", key)
		return 0
	}
	for i, want := range []struct{ ctxs, porg, times int }{
		{forms("s3:prefix"), len(cs.porg), 1},            // s3:prefix and the organization
		{forms("aws:securetransport"), 1, len(cs.times)}, // aws:SecureTransport and the time
		{1, 1, 1}, // nothing
	} {
		in := inner[i]
		if len(in.ctxs) != want.ctxs || len(in.porg) != want.porg || len(in.times) != want.times {
			t.Errorf("action %d: %d contexts, %d organizations, %d times; want %+v", i, len(in.ctxs), len(in.porg), len(in.times), want)
		}
	}
}

func TestAccounts(t *testing.T) {
	a := &atoms{literals: []string{"arn:aws:iam::111122223333:root", "111122223333:444455556666", "1234567890123", "x555566667777", "12345678901"}}
	got := a.accounts()
	want := []string{"111122223333", "444455556666", "555566667777", "900000000001", "900000000002"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("accounts() = %v, want %v", got, want)
	}
}

// TestAccountOperators checks that a comparison of an account key that
// could tell accounts no policy names apart is Unknown, not a Pass.
func TestAccountOperators(t *testing.T) {
	for _, tc := range []struct {
		cond string
		want Verdict
	}{
		{`{"NumericLessThan":{"aws:PrincipalAccount":"500000000000"}}`, Unknown},
		{`{"StringLike":{"aws:ResourceAccount":"9*"}}`, Unknown},
		{`{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`, Fail},
		{`{"Null":{"aws:ResourceAccount":"false"}}`, Fail},
	} {
		p := mustParse(t, "p.json", stmts(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":`+tc.cond+`}`))
		a, err := NotGranted(policy.TypeIdentity, p, []string{"s3:GetObject"}, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, a)
		if a.Verdict != tc.want {
			t.Errorf("%s: %s (%s), want %s", tc.cond, a.Verdict, a.Reason, tc.want)
		}
	}
}
