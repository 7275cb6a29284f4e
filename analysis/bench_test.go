package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamlogic/iamlogic/policy"
)

// fiftyStatements builds an identity policy of 50 statements over a few
// services, with the statements of the candidate differing in one action.
func fiftyStatements(widen bool) string {
	svcs := []string{"ec2", "dynamodb", "sqs", "sns", "lambda"}
	verbs := []string{"Get", "Put", "Delete", "List", "Describe", "Create", "Update", "Tag", "Untag", "Start"}
	var sts []string
	for i := range 50 {
		svc := svcs[i%len(svcs)]
		act := fmt.Sprintf("%s:%s%s%d", svc, verbs[i%len(verbs)], "Thing", i)
		if widen && i == 49 {
			act = svc + ":" + verbs[i%len(verbs)] + "*"
		}
		res := fmt.Sprintf("arn:aws:%s:us-east-1:111122223333:thing/%d/*", svc, i)
		cond := ""
		if i%7 == 0 {
			cond = `,"Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}`
		}
		sts = append(sts, `{"Effect":"Allow","Action":"`+act+`","Resource":"`+res+`"`+cond+`}`)
	}
	return stmts(sts...)
}

func BenchmarkCompare50(b *testing.B) {
	ref := mustParse(b, "ref.json", fiftyStatements(false))
	cand := mustParse(b, "cand.json", fiftyStatements(false))
	b.ResetTimer()
	for b.Loop() {
		a, err := Compare(policy.TypeIdentity, ref, cand, Options{})
		if err != nil || a.Verdict != Pass {
			b.Fatal(a.Verdict, a.Reason, err)
		}
		b.ReportMetric(float64(a.Stats.Points), "points")
	}
}

func BenchmarkCompare50Fail(b *testing.B) {
	ref := mustParse(b, "ref.json", fiftyStatements(false))
	cand := mustParse(b, "cand.json", fiftyStatements(true))
	for b.Loop() {
		a, err := Compare(policy.TypeIdentity, ref, cand, Options{})
		if err != nil || a.Verdict != Fail {
			b.Fatal(a.Verdict, a.Reason, err)
		}
	}
}

// BenchmarkNotGrantedManaged runs NotGranted(iam:PassRole) on every AWS
// managed policy of ../shared/corpus/aws-managed and reports the median.
func BenchmarkNotGrantedManaged(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "aws-managed", "*.json"))
	if len(files) == 0 {
		b.Skip("no AWS managed policies in ../shared/corpus/aws-managed")
	}
	if n := os.Getenv("MANAGED_SAMPLE"); n != "" {
		var k int
		fmt.Sscan(n, &k)
		if k > 0 && k < len(files) {
			step := len(files) / k
			var s []string
			for i := 0; i < len(files); i += step {
				s = append(s, files[i])
			}
			files = s
		}
	}
	var ps []*policy.Policy
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		p, err := policy.ParseFile(filepath.Base(f), data)
		if err != nil {
			continue
		}
		ps = append(ps, p)
	}
	for b.Loop() {
		var times []time.Duration
		verdicts := map[string]int{}
		for _, p := range ps {
			start := time.Now()
			a, err := NotGranted(policy.TypeIdentity, p, []string{"iam:PassRole"}, nil, Options{MaxEvaluations: 200_000})
			times = append(times, time.Since(start))
			if err != nil {
				verdicts["error"]++
				continue
			}
			v := a.Verdict.String()
			if a.Verdict == Unknown {
				r := a.Reason
				if i := strings.IndexAny(r, "\"("); i > 0 {
					r = r[:i]
				}
				v += ": " + r
			}
			verdicts[v]++
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
		b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "ms-p90")
		b.Logf("%d policies: %v", len(ps), verdicts)
	}
}

func BenchmarkPublicBucket(b *testing.B) {
	p := mustParse(b, "bucket.json", stmts(
		`{"Sid":"ReadFromOrg","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`,
		`{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`,
		`{"Sid":"CloudTrail","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/AWSLogs/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}`,
	))
	for b.Loop() {
		a, err := Public(p, Options{})
		if err != nil || a.Verdict != Pass {
			b.Fatal(a.Verdict, a.Reason, err)
		}
		b.ReportMetric(float64(a.Stats.Points), "points")
	}
}
