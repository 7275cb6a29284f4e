package conditions

import (
	"net/netip"
	"testing"
)

func TestParsePrefix(t *testing.T) {
	valid := []struct{ in, want string }{
		{"203.0.113.0/24", "203.0.113.0/24"},
		{"203.0.113.7/24", "203.0.113.0/24"}, // host bits ignored
		{"203.0.113.1", "203.0.113.1/32"},
		{"0.0.0.0/0", "0.0.0.0/0"},
		{"2001:DB8:1234:5678::/64", "2001:db8:1234:5678::/64"},
		{"2001:db8:1234:5678:abcd::1/64", "2001:db8:1234:5678::/64"},
		{"2001:db8::1", "2001:db8::1/128"},
		{"::/0", "::/0"},
		{"::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104"}, // IPv4-mapped stays IPv6
		{"::ffff:10.0.0.1", "::ffff:10.0.0.1/128"},
	}
	for _, tc := range valid {
		t.Run(tc.in, func(t *testing.T) {
			p, prob := parsePrefix(tc.in)
			if prob.bad {
				t.Fatalf("parsePrefix(%q): %s", tc.in, prob.render(tc.in))
			}
			if p.String() != tc.want {
				t.Errorf("parsePrefix(%q) = %s, want %s", tc.in, p, tc.want)
			}
		})
	}
	invalid := []problemCase{
		{"", "empty"},
		{"fe80::1%eth0", "IPv6 zones are not allowed"},
		{"fe80::%eth0/64", "IPv6 zones are not allowed"},
		{"10.0.0.0/33", "prefix length must be a number from 0 to 32"},
		{"2001:db8::/129", "prefix length must be a number from 0 to 128"},
		{"10.0.0.0/", "prefix length must be a number from 0 to 32"},
		{"10.0.0.0/08", "prefix length must be a number from 0 to 32"},
		{"10.0.0.0/+8", "prefix length must be a number from 0 to 32"},
		{"10.0.0.0/8/8", "prefix length must be a number from 0 to 32"},
		{"300.0.0.0/8", "IPv4 field has value >255"},
		{"10.0.0", "IPv4 address too short"},
		{"010.0.0.1", "IPv4 field has octet with leading zero"},
		{" 10.0.0.1", `unexpected character (at " 10.0.0.1")`},
		{"*", "unable to parse IP"},
		{"10.0.0.*", `unexpected character (at "*")`},
	}
	checkProblems(t, "invalid/", "parsePrefix", parsePrefix, invalid)
}

func TestIPOperators(t *testing.T) {
	both := []string{"203.0.113.0/24", "2001:DB8:1234:5678::/64"}
	v4 := []string{"192.0.2.0/24", "203.0.113.0/24"}
	runEvalCases(t, []evalCase{
		{name: "inside CIDR", op: "IpAddress", values: []string{"203.0.113.0/24"}, v: single("203.0.113.77"), want: true},
		{name: "outside CIDR", op: "IpAddress", values: []string{"203.0.113.0/24"}, v: single("198.51.100.7"), want: false},
		{name: "IPv6 in mixed list", op: "IpAddress", values: both, v: single("2001:db8:1234:5678:abcd::1"), want: true},
		{name: "IPv6 hex case-insensitive", op: "IpAddress", values: both, v: single("2001:DB8:1234:5678:ABCD:0:0:1"), want: true},
		{name: "bare address is /32", op: "IpAddress", values: []string{"203.0.113.0"}, v: single("203.0.113.1"), want: false},
		{name: "bare address matches itself", op: "IpAddress", values: []string{"203.0.113.1"}, v: single("203.0.113.1"), want: true},
		{name: "host bits ignored", op: "IpAddress", values: []string{"203.0.113.7/24"}, v: single("203.0.113.200"), want: true},
		{name: "NotIpAddress outside", op: "NotIpAddress", values: v4, v: single("198.51.100.9"), want: true},
		{name: "NotIpAddress inside one", op: "NotIpAddress", values: v4, v: single("192.0.2.9"), want: false},
		{name: "NotIpAddress IPv6 caller vs IPv4 blocks", op: "NotIpAddress", values: v4, v: single("2001:db8::1"), want: true},
		{name: "IPv4 never in IPv6 block", op: "IpAddress", values: []string{"::/0"}, v: single("10.0.0.1"), want: false},
		{name: "IPv6 never in IPv4 block", op: "IpAddress", values: []string{"0.0.0.0/0"}, v: single("::1"), want: false},
		{name: "IPv4-mapped request is IPv6", op: "IpAddress", values: []string{"203.0.113.0/24"}, v: single("::ffff:203.0.113.1"), want: false},
		{name: "IPv4-mapped request in mapped block", op: "IpAddress", values: []string{"::ffff:0:0/96"}, v: single("::ffff:203.0.113.1"), want: true},
		{name: "zone in request is invalid", op: "NotIpAddress", values: v4, v: single("fe80::1%eth0"), want: false},
		{name: "CIDR in request is invalid", op: "NotIpAddress", values: v4, v: single("10.0.0.0/8"), want: false},
		{name: "text in request is invalid", op: "NotIpAddress", values: v4, v: single("localhost"), want: false},
		{name: "empty request is invalid", op: "NotIpAddress", values: v4, v: single(""), want: false},
	})
}

func TestParsePrefixMatchesNetip(t *testing.T) {
	for _, s := range []string{"10.1.2.3/8", "2001:db8::ff/120", "::ffff:1.2.3.4/100", "1.2.3.4/0"} {
		want := netip.MustParsePrefix(s).Masked()
		got, p := parsePrefix(s)
		if p.bad || got != want {
			t.Errorf("parsePrefix(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzParseRequestAddr: parseRequestAddr agrees with netip.ParseAddr (zones
// rejected) on every input.
func FuzzParseRequestAddr(f *testing.F) {
	for _, s := range []string{"10.1.2.3", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3",
		"1.2.3.4.", "::1", "::ffff:10.1.2.3", "2001:DB8::1", "fe80::1%eth0", "abc", "not-an-ip", "203.0.113.0/24", "", "1.2.3.04", "0.1.2.3", "00.1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseRequestAddr(s)
		want, err := netip.ParseAddr(s)
		wantOK := err == nil && want.Zone() == ""
		if ok != wantOK || ok && got != want {
			t.Fatalf("parseRequestAddr(%q) = %v, %v; netip: %v, %v", s, got, ok, want, err)
		}
	})
}
