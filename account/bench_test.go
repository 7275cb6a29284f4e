package account

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strconv"
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

// peakHeap samples HeapAlloc every few milliseconds until stop is called,
// which returns the largest value seen, in MB: the memory the run holds at
// its worst, not what is left once it has been freed.
func peakHeap() (stop func() float64) {
	done, res := make(chan struct{}), make(chan uint64)
	go func() {
		var m runtime.MemStats
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-done:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 { close(done); return float64(<-res) / (1 << 20) }
}

// BenchmarkLarge reports who-can and paths times on a generated snapshot
// (run with -benchtime=1x): by default 500 principals and 2,000 policies;
// IAMLOGIC_BENCH_SCALE=10 gives the 5,000 principals and 20,000
// policies.
func BenchmarkLarge(b *testing.B) {
	scale := 1
	if v, err := strconv.Atoi(os.Getenv("IAMLOGIC_BENCH_SCALE")); err == nil && v > 0 {
		scale = v
	}
	b.ReportAllocs()
	for range b.N {
		stop := peakHeap()
		t0 := time.Now()
		a := generated(b, benchUsers*scale, benchRoles*scale, benchPolicies*scale)
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
		b.ReportMetric(stop(), "peak-heap-MB")
	}
}

// The generated size at scale 1: a tenth of the 2,500 users,
// 2,500 roles and 20,000 policies.
const benchUsers, benchRoles, benchPolicies = 250, 250, 2000
