package conditions

import "bytes"

// decodeBase64 decodes standard base64 with padding (RFC 4648 §4): the
// length is a multiple of 4 and '=' appears only as final padding. Line
// breaks are not accepted. Unused low bits of the last character are
// ignored, as by most decoders.
func decodeBase64(s string) ([]byte, problem) {
	if p := checkBase64(s); p.bad {
		return nil, p
	}
	out := make([]byte, 0, len(s)/4*3)
	for i := 0; i < len(s); i += 4 {
		q, n := quartet(s, i)
		out = append(out, q[:n]...)
	}
	return out, problem{}
}

// checkBase64 validates s as padded standard base64.
func checkBase64(s string) problem {
	if len(s)%4 != 0 {
		return problem{bad: true, what: "length %d is not a multiple of 4", n: len(s)}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			// Padding: only in the last two places, and only at the end.
			if i < len(s)-2 || (i == len(s)-2 && s[i+1] != '=') {
				return unexpected(i)
			}
			continue
		}
		if _, ok := decode6(c); !ok {
			return unexpected(i)
		}
	}
	return problem{}
}

// quartet decodes the 4 characters of a valid base64 string at i.
func quartet(s string, i int) (q [3]byte, n int) {
	var v [4]byte
	n = 3
	for k := 0; k < 4; k++ {
		if s[i+k] == '=' {
			n = min(n, k-1)
			continue
		}
		v[k], _ = decode6(s[i+k])
	}
	q[0] = v[0]<<2 | v[1]>>4
	q[1] = v[1]<<4 | v[2]>>2
	q[2] = v[2]<<6 | v[3]
	return q, n
}

func decode6(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// matchBinary compares the bytes of request value x, itself base64, with the
// decoded policy values, decoding x on the fly.
func (c *clause) matchBinary(x string) (hits int, valid bool) {
	if checkBase64(x).bad {
		return 0, false
	}
	for _, want := range c.bins {
		if base64Equal(x, want) {
			hits++
		}
	}
	return hits, true
}

// base64Equal reports whether valid base64 s decodes to want.
func base64Equal(s string, want []byte) bool {
	for i := 0; i < len(s); i += 4 {
		q, n := quartet(s, i)
		if len(want) < n || !bytes.Equal(q[:n], want[:n]) {
			return false
		}
		want = want[n:]
	}
	return len(want) == 0
}
