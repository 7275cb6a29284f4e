package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/lint"
	"github.com/iamlogic/iamlogic/policy"
)

// BenchmarkCheck lints a large AWS managed policy (ReadOnlyAccess, about
// 2,000 action patterns) and, without the shared corpus, a small one.
func BenchmarkCheck(b *testing.B) {
	c := catalog.Default()
	small := policy.MustParse([]byte(doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:List*"],"Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`)))
	b.Run("small", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lint.Check(small, policy.TypeIdentity, c)
		}
	})
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "aws-managed", "ReadOnlyAccess.json"))
	if err != nil {
		return
	}
	large := policy.MustParse(data)
	b.Run("ReadOnlyAccess", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lint.Check(large, policy.TypeIdentity, c)
		}
	})
}
