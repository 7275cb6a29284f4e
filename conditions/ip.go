package conditions

import (
	"net/netip"
	"strings"
)

// parsePrefix parses a policy value of IpAddress / NotIpAddress: a CIDR
// block or a single address (/32 or /128). Host bits are cleared (SPEC §5.9);
// an IPv4-mapped IPv6 address stays IPv6; zones are rejected.
func parsePrefix(s string) (netip.Prefix, problem) {
	if s == "" {
		return netip.Prefix{}, problem{bad: true, what: "empty"}
	}
	if i := strings.IndexByte(s, '%'); i >= 0 {
		return netip.Prefix{}, problem{bad: true, what: "IPv6 zones are not allowed"}
	}
	addrText, bitsText, hasBits := strings.Cut(s, "/")
	addr, err := netip.ParseAddr(addrText)
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, "): "); i >= 0 {
			msg = msg[i+3:]
		}
		return netip.Prefix{}, problem{bad: true, what: strings.ReplaceAll(msg, "%", "%%")}
	}
	bits := addr.BitLen()
	if hasBits {
		n, ok := prefixLen(bitsText)
		if !ok || n > addr.BitLen() {
			return netip.Prefix{}, problem{bad: true, what: "prefix length must be a number from 0 to %d", n: addr.BitLen()}
		}
		bits = n
	}
	p, err := addr.Prefix(bits)
	if err != nil {
		return netip.Prefix{}, problem{bad: true, what: "invalid prefix length"}
	}
	return p, problem{}
}

// prefixLen parses the decimal length of a CIDR prefix: digits, no sign, no
// leading zero.
func prefixLen(s string) (int, bool) {
	if s == "" || len(s) > 3 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// matchIP tests request address x against the policy blocks. An IPv4
// address never falls in an IPv6 block nor the reverse, and an IPv4-mapped
// IPv6 address is IPv6. A value that is not an address (a zone, a CIDR
// block, text) is invalid.
func (c *clause) matchIP(x string) (hits int, valid bool) {
	if strings.IndexByte(x, '%') >= 0 {
		return 0, false
	}
	addr, err := netip.ParseAddr(x)
	if err != nil {
		return 0, false
	}
	for _, p := range c.prefixes {
		if p.Contains(addr) {
			hits++
		}
	}
	return hits, true
}
