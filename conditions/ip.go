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
	addr, ok := parseRequestAddr(x)
	if !ok {
		return 0, false
	}
	for _, p := range c.prefixes {
		if p.Contains(addr) {
			hits++
		}
	}
	return hits, true
}

// parseRequestAddr parses a request value of IpAddress / NotIpAddress as
// netip.ParseAddr does, rejecting zones, without allocating on the common
// invalid values: netip.ParseAddr allocates its error, and under
// ForAnyValue / ForAllValues every value of the wrong type is parsed
// (SPEC §5.7). IPv4 is parsed here; text that cannot be an IPv6 address is
// rejected before netip sees it.
func parseRequestAddr(x string) (netip.Addr, bool) {
	// Most request addresses are IPv4: one pass decides them. Text that
	// parseIPv4 refuses and that has no colon is no address at all.
	if addr, ok := parseIPv4(x); ok {
		return addr, true
	}
	colon := false
	for i := 0; i < len(x); i++ {
		switch ch := x[i]; {
		case ch == ':':
			colon = true
		case ch == '.' || isDigit(ch) || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F':
		default:
			return netip.Addr{}, false // '%' (a zone), '/', space, other text
		}
	}
	if !colon {
		return netip.Addr{}, false
	}
	addr, err := netip.ParseAddr(x)
	return addr, err == nil
}

// parseIPv4 parses dotted-decimal IPv4 with netip's rules: four fields of
// one to three digits, each at most 255, without leading zeros.
func parseIPv4(x string) (netip.Addr, bool) {
	var b [4]byte
	field, n, digits := 0, 0, 0
	for i := 0; i <= len(x); i++ {
		if i == len(x) || x[i] == '.' {
			if digits == 0 || field > 3 {
				return netip.Addr{}, false
			}
			b[field] = byte(n)
			field, n, digits = field+1, 0, 0
			continue
		}
		ch := x[i]
		if !isDigit(ch) || (digits == 1 && n == 0) {
			return netip.Addr{}, false // a letter, or a leading zero
		}
		n = n*10 + int(ch-'0')
		digits++
		if n > 255 {
			return netip.Addr{}, false
		}
	}
	if field != 4 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(b), true
}
