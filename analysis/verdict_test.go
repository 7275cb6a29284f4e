package analysis

import (
	"encoding/json"
	"testing"
)

func TestVerdictText(t *testing.T) {
	for _, tc := range []struct {
		v    Verdict
		text string
	}{{Unknown, "UNKNOWN"}, {Pass, "PASS"}, {Fail, "FAIL"}} {
		if got := tc.v.String(); got != tc.text {
			t.Errorf("%d.String() = %q, want %q", tc.v, got, tc.text)
		}
		b, err := json.Marshal(tc.v)
		if err != nil || string(b) != `"`+tc.text+`"` {
			t.Errorf("Marshal(%v) = %s, %v", tc.v, b, err)
		}
		var back Verdict = 99
		if err := json.Unmarshal(b, &back); err != nil || back != tc.v {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
	var zero Verdict
	if zero != Unknown {
		t.Error("the zero Verdict is not Unknown")
	}
	if got := Verdict(7).String(); got != "Verdict(7)" {
		t.Errorf("invalid verdict prints %q", got)
	}
	if _, err := json.Marshal(Verdict(7)); err == nil {
		t.Error("an invalid verdict marshals")
	}
	for _, bad := range []string{"pass", "", "PASSED", "FAIL "} {
		if _, err := ParseVerdict(bad); err == nil {
			t.Errorf("ParseVerdict(%q) succeeds", bad)
		}
	}
}
