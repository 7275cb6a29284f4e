package source

import (
	"slices"
	"testing"

	"github.com/tidwall/gjson"
)

// decodeCases are JSON strings and, for every byte of their text, the
// offset in the string it is decoded from.
var decodeCases = map[string][]int{
	`"ab"`:           {1, 2},
	`"a\"b"`:         {1, 2, 4},
	`"\n\t\\\/"`:     {1, 3, 5, 7},
	`"\u00e9x"`:      {1, 1, 7},
	`"\ud83d\ude00"`: {1, 1, 1, 1},
	`"é"`:            {1, 2},
	`""`:             {},
}

// TestDecodeString: the text of a JSON string is decoded as gjson decodes
// it, with the offset each byte comes from.
func TestDecodeString(t *testing.T) {
	for raw, want := range decodeCases {
		tc := struct {
			raw  string
			offs []int
		}{raw, want}
		text, offs := decodeString(tc.raw)
		if want := gjson.Parse(tc.raw).Str; text != want {
			t.Errorf("%s: text %q, want %q", tc.raw, text, want)
		}
		if !slices.Equal(offs, tc.offs) {
			t.Errorf("%s: offsets %v, want %v", tc.raw, offs, tc.offs)
		}
	}
	if text, _ := decodeString(`"\ud83d"`); text != "\uFFFD" {
		t.Errorf("a lone surrogate decodes to %q, want U+FFFD", text)
	}
}
