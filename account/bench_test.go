package account

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"runtime"
	"testing"
	"time"
)

// generated builds a snapshot of users+roles principals and policies
// customer managed policies, each principal attaching four of them.
func generated(tb testing.TB, users, roles, policies int) *Analyzer {
	rng := rand.New(rand.NewSource(1))
	templates := []func(i int) map[string]any{
		func(i int) map[string]any {
			return stmt("Allow", []string{"s3:GetObject", "s3:ListBucket"}, fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i), nil)
		},
		func(i int) map[string]any { return stmt("Allow", "ec2:Describe*", "*", nil) },
		func(i int) map[string]any {
			return stmt("Allow", "dynamodb:*", fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d", acctID, i), nil)
		},
		func(i int) map[string]any {
			return stmt("Allow", "sts:AssumeRole", arnOf("role", fmt.Sprintf("role-%d", i%max(roles, 1))), nil)
		},
		func(i int) map[string]any {
			return stmt("Allow", "iam:PassRole", arnOf("role", fmt.Sprintf("role-%d", i%max(roles, 1))), nil)
		},
		func(i int) map[string]any {
			return stmt("Allow", []string{"lambda:CreateFunction", "lambda:InvokeFunction"}, "*", nil)
		},
		func(i int) map[string]any {
			return stmt("Deny", "s3:DeleteBucket", "*", map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "false"}})
		},
	}
	var pols []map[string]any
	pols = append(pols, map[string]any{"PolicyName": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
		"PolicyVersionList": []any{map[string]any{"Document": docOf(stmt("Allow", "*", "*", nil)), "VersionId": "v1", "IsDefaultVersion": true}}})
	for i := range policies {
		pols = append(pols, map[string]any{"PolicyName": fmt.Sprintf("p-%d", i), "Arn": arnOf("policy", fmt.Sprintf("p-%d", i)),
			"PolicyVersionList": []any{map[string]any{"Document": docOf(templates[rng.Intn(len(templates))](i)), "VersionId": "v1", "IsDefaultVersion": true}}})
	}
	attach := func() []map[string]any {
		var out []map[string]any
		for range 4 {
			n := rng.Intn(policies)
			out = append(out, map[string]any{"PolicyName": fmt.Sprintf("p-%d", n), "PolicyArn": arnOf("policy", fmt.Sprintf("p-%d", n))})
		}
		if rng.Intn(200) == 0 {
			out = append(out, aa[0])
		}
		return out
	}
	var us, rs []map[string]any
	for i := range users {
		us = append(us, map[string]any{"UserName": fmt.Sprintf("user-%d", i), "Arn": arnOf("user", fmt.Sprintf("user-%d", i)),
			"UserPolicyList": []any{}, "GroupList": []any{}, "AttachedManagedPolicies": attach(), "Tags": []any{}})
	}
	services := []string{"lambda.amazonaws.com", "ec2.amazonaws.com", "glue.amazonaws.com"}
	for i := range roles {
		tr := trustOf(map[string]any{"AWS": "arn:aws:iam::" + acctID + ":root"}, nil)
		if i%3 == 0 {
			tr = trustOf(map[string]any{"Service": services[i%len(services)]}, nil)
		}
		rs = append(rs, map[string]any{"RoleName": fmt.Sprintf("role-%d", i), "Arn": arnOf("role", fmt.Sprintf("role-%d", i)),
			"AssumeRolePolicyDocument": tr, "RolePolicyList": []any{}, "AttachedManagedPolicies": attach(), "Tags": []any{}, "InstanceProfileList": []any{}})
	}
	data, _ := json.Marshal(map[string]any{"UserDetailList": us, "RoleDetailList": rs, "GroupDetailList": []any{}, "Policies": pols})
	s := New()
	if err := s.AddAuthorizationDetails("generated.json", data); err != nil {
		tb.Fatal(err)
	}
	if err := s.Finish(); err != nil {
		tb.Fatal(err)
	}
	return NewAnalyzer(s)
}

func memMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkLarge reports who-can and paths times on a generated snapshot
// of 5,000 principals and 20,000 policies (run with -benchtime=1x).
func BenchmarkLarge(b *testing.B) {
	for range b.N {
		t0 := time.Now()
		a := generated(b, benchUsers, benchRoles, benchPolicies)
		load := time.Since(t0)
		t1 := time.Now()
		n := len(a.WhoCan("s3:GetObject", "arn:aws:s3:::bucket-7/key", nil))
		who := time.Since(t1)
		t2 := time.Now()
		g := a.BuildGraph(Options{}, runtime.GOMAXPROCS(0))
		paths := g.PathsToAdmin(nil)
		pt := time.Since(t2)
		b.ReportMetric(load.Seconds(), "load-s")
		b.ReportMetric(who.Seconds(), "whocan-s")
		b.ReportMetric(pt.Seconds(), "paths-s")
		b.ReportMetric(float64(len(paths)), "paths")
		b.ReportMetric(float64(n), "whocan-principals")
		b.ReportMetric(memMB(), "heap-MB")
	}
}

// The generated size. The aim is 2,500 users, 2,500 roles and 20,000
// policies; paths at that size does not yet finish in minutes (see
// BENCHMARKS in the report), so the default is a tenth.
const benchUsers, benchRoles, benchPolicies = 250, 250, 2000
