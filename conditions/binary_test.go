package conditions

import (
	"bytes"
	"encoding/base64"
	"testing"
)

func TestDecodeBase64(t *testing.T) {
	for _, raw := range []string{"", "f", "fo", "foo", "foob", "fooba", "foobar", "BinaryValueInBase64", "\x00\xff\xfe\x80"} {
		enc := base64.StdEncoding.EncodeToString([]byte(raw))
		t.Run(enc, func(t *testing.T) {
			got, p := decodeBase64(enc)
			if p.bad {
				t.Fatalf("decodeBase64(%q): %s", enc, p.render(enc))
			}
			if !bytes.Equal(got, []byte(raw)) {
				t.Errorf("decodeBase64(%q) = %q, want %q", enc, got, raw)
			}
			if !base64Equal(enc, []byte(raw)) {
				t.Errorf("base64Equal(%q, %q) = false", enc, raw)
			}
			if base64Equal(enc, append([]byte(raw), 'x')) {
				t.Errorf("base64Equal(%q, %q+x) = true", enc, raw)
			}
			if len(raw) > 0 && base64Equal(enc, []byte(raw)[1:]) {
				t.Errorf("base64Equal with a shorter value = true")
			}
		})
	}
	invalid := []problemCase{
		{"abc", "length 3 is not a multiple of 4"},
		{"Zm9v\n", "length 5 is not a multiple of 4"},
		{"Zm9\n", "unexpected '\\n' at offset 3"},
		{"Zm9=Zm9v", "unexpected '=' at offset 3"},
		{"Z===", "unexpected '=' at offset 1"},
		{"Zm=v", "unexpected '=' at offset 2"},
		{"Zm-_", "unexpected '-' at offset 2"},
		{"Zm 9", "unexpected ' ' at offset 2"},
	}
	checkProblems(t, "invalid/", "decodeBase64", decodeBase64, invalid)
}

func TestBinaryEquals(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "same bytes", op: "BinaryEquals", values: []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, v: single("QmluYXJ5VmFsdWVJbkJhc2U2NA=="), want: true},
		{name: "different bytes", op: "BinaryEquals", values: []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, v: single("QmluYXJ5VmFsdWVJbkJhc2U2NQ=="), want: false},
		{name: "unused low bits ignored", op: "BinaryEquals", values: []string{"QQ=="}, v: single("QR=="), want: true},
		{name: "one of several", op: "BinaryEquals", values: []string{"QQ==", "Qg=="}, v: single("Qg=="), want: true},
		{name: "empty", op: "BinaryEquals", values: []string{""}, v: single(""), want: true},
		{name: "unpadded request invalid", op: "BinaryEquals", values: []string{"QQ=="}, v: single("QQ"), want: false},
		{name: "raw bytes request invalid", op: "BinaryEquals", values: []string{"QQ=="}, v: single("A"), want: false},
		{name: "variables are literal", op: "BinaryEquals", values: []string{"JHt4fQ=="}, v: single("JHt4fQ=="), extra: map[string]Value{"x": Single("y")}, want: true},
	})
}
