package policy_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/iamlogic/iamlogic/policy"
)

func TestScratch(t *testing.T) {
	s := func(m string) string { return `{"Version":"2012-10-17","Statement":[{` + m + `}]}` }
	keys := func(n int, f string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, f, i)
		}
		return b.String()
	}
	for _, d := range []string{
		s(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateEquals":{"k":[` + keys(100000, `"%d-"`) + `]}}`),
		s(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateEquals":{"k":[` + keys(100000, `"-"`) + `]}}`),
		s(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateEquals":{"k":[` + keys(50, `"`+strings.Repeat("-", 8000)+`"`) + `]}}`),
		s(`"Effect":"Allow","Resource":"*","Action":[` + keys(50, `"`+strings.Repeat("x", 8000)+`"`) + `]`),
	} {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		_, err := policy.Parse([]byte(d))
		runtime.ReadMemStats(&m1)
		t.Logf("input %d bytes, Parse allocated %d bytes, %d findings, Error() %d bytes", len(d), m1.TotalAlloc-m0.TotalAlloc, len(err.(policy.Findings)), len(err.Error()))
	}
}
