package policy

import (
	"sort"
	"unicode/utf8"
)

// Lines turns byte offsets of a file into positions that name it: the one
// line table for sources a policy is embedded in (access-test files,
// account snapshots, templates and plans). A policy parsed with ParseAt
// from such a source starts at Pos of its offset.
type Lines struct {
	file   string
	data   []byte
	starts []int // the offset of the first byte of every line
}

// NewLines indexes the lines of data, the content of file.
func NewLines(file string, data []byte) *Lines {
	l := &Lines{file: file, data: data, starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// File returns the name of the file.
func (l *Lines) File() string { return l.file }

// Pos returns the position of byte offset off, clamped to the file.
func (l *Lines) Pos(off int) Position {
	off = max(0, min(off, len(l.data)))
	n := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) // lines starting at or before off
	return Position{File: l.file, Offset: off, Line: n, Column: off - l.starts[n-1] + 1}
}

// At returns the position of line line, character column col (both
// 1-based; the column counts characters, as YAML parsers report it), with
// the column in bytes as Position counts it. A line outside the file gives
// a Position with the file name only.
func (l *Lines) At(line, col int) Position {
	if line < 1 || line > len(l.starts) {
		return Position{File: l.file}
	}
	off := l.starts[line-1]
	for c := 1; c < col && off < len(l.data) && l.data[off] != '\n'; c++ {
		_, w := utf8.DecodeRune(l.data[off:])
		off += w
	}
	return l.Pos(off)
}
