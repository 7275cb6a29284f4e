package policy

import "testing"

// TestManagedOption checks Options.Managed: IAM's CreatePolicy refuses a
// missing or "2008-10-17" Version, inline policies accept both (SPEC §3.3).
func TestManagedOption(t *testing.T) {
	body := `"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`
	for _, tc := range []struct {
		version string
		typ     Type
		managed bool
		wantErr bool
		want    Code // a finding that must be present, or ""
	}{
		{`"Version": "2012-10-17", `, TypeIdentity, true, false, ""},
		{`"Version": "2012-10-17", `, TypeBoundary, true, false, ""},
		{`"Version": "2008-10-17", `, TypeIdentity, true, true, CodeVersionInvalid},
		{``, TypeIdentity, true, true, CodeVersionInvalid},
		{``, TypeBoundary, true, true, CodeVersionInvalid},
		{`"Version": "2008-10-17", `, TypeIdentity, false, false, ""},
		{``, TypeIdentity, false, false, CodeVersionMissing},
		{``, TypeSession, false, false, CodeVersionMissing},
		{`"Version": "2012-10-17", `, TypeSession, true, true, CodePolicyType},
		{`"Version": "2012-10-17", `, TypeSCP, true, true, CodePolicyType},
	} {
		p := mustParse(t, `{`+tc.version+body+`}`)
		o := Options{Managed: tc.managed}
		err := p.CheckWith(tc.typ, o)
		if (err != nil) != tc.wantErr {
			t.Errorf("%q as %s, %+v: CheckWith = %v", tc.version, tc.typ, o, err)
		}
		fs := p.ValidateWith(tc.typ, o)
		if tc.want != "" && len(withCode(fs, tc.want)) == 0 {
			t.Errorf("%q as %s, %+v: no %s in %v", tc.version, tc.typ, o, tc.want, fs)
		}
		if tc.want == CodeVersionInvalid && len(withCode(fs, CodeVersionMissing)) != 0 {
			t.Errorf("%q as %s: VERSION_MISSING repeats the VERSION_INVALID error", tc.version, tc.typ)
		}
		if !tc.managed && len(fs.Errors()) != 0 {
			t.Errorf("%q as inline %s: errors %v", tc.version, tc.typ, fs.Errors())
		}
		if !tc.managed && p.Check(tc.typ) != nil {
			t.Errorf("Check and CheckWith(zero Options) disagree")
		}
	}
}
