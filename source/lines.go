package source

import (
	"sort"
	"unicode/utf8"

	"github.com/iamlogic/iamlogic/policy"
)

// lines turns byte offsets of a file into positions, and the line and
// character column a YAML parser reports back into byte offsets.
type lines struct {
	file   string
	data   []byte
	starts []int // the offset of the first byte of every line
}

func newLines(file string, data []byte) *lines {
	l := &lines{file: file, data: data, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// pos returns the position of byte offset off (clamped to the file).
func (l *lines) pos(off int) policy.Position {
	off = max(0, min(off, len(l.data)))
	n := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) // lines starting at or before off
	return policy.Position{File: l.file, Offset: off, Line: n, Column: off - l.starts[n-1] + 1}
}

// at returns the position of line line, character column col (both
// 1-based; columns count characters, as YAML parsers do), with the column
// in bytes as policy.Position counts it.
func (l *lines) at(line, col int) policy.Position {
	if line < 1 || line > len(l.starts) {
		return policy.Position{File: l.file}
	}
	off := l.starts[line-1]
	for c := 1; c < col && off < len(l.data) && l.data[off] != '\n'; c++ {
		_, w := utf8.DecodeRune(l.data[off:])
		off += w
	}
	return l.pos(off)
}
