package text

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many bytes of an input [Quote] shows at most.
const MaxQuoted = 200

// Quote is the one way messages of this module echo input: s as a
// double-quoted Go string literal, escaped as strconv.Quote escapes it
// (control characters such as a newline, invalid UTF-8, and characters
// that are not printable such as U+2028 become escapes, so the result is
// one line of valid UTF-8 that cannot forge a line of output). An input
// longer than MaxQuoted bytes is cut at a character boundary, never inside
// a UTF-8 sequence, and the quote is followed by "…" and the input's
// length: "arn:aws:…"… (5000 bytes).
func Quote(s string) string {
	if len(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	cut := MaxQuoted
	// Back up to the start of the character that straddles the limit; a
	// run of stray continuation bytes is cut anywhere (each byte is
	// escaped on its own).
	for i := 0; i < utf8.UTFMax-1 && cut > 0 && !utf8.RuneStart(s[cut]); i++ {
		cut--
	}
	if !utf8.RuneStart(s[cut]) {
		cut = MaxQuoted
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
