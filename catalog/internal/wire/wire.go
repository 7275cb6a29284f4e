// Package wire is the encoding of the catalog's embedded data, shared by the
// generator that writes it (catalog/internal/gen) and the package that reads
// it (catalog), so that the two cannot drift apart.
//
// The file is gzip-compressed. The uncompressed payload is
//
//	magic, uvarint FormatVersion, string DataVersion
//	counts: uvarint services, resource types, actions, action resources,
//	        condition keys
//	string table: uvarint n, n × uvarint length, then the n strings concatenated
//	list table: uvarint n, uvarint total elements, n × (uvarint length,
//	        length × str)
//	condition keys: n × (str name, byte type)
//	services: n × service
//
//	service  = str prefix, str name,
//	           uvarint n, n × resource type,
//	           list (condition key names),
//	           uvarint n, n × action
//	resource type = str name, list (ARN formats), list (condition keys)
//	action   = str name, byte access level, uvarint n, n × action resource,
//	           list (condition keys), list (dependent actions)
//	action resource = uvarint index of the resource type in its service,
//	           byte required (0 or 1), list (condition keys),
//	           list (dependent actions)
//
// where "str" is a uvarint index into the string table and "list" one into
// the list table. Each string and each list of strings is stored once (most
// of the 90,000 lists are empty or repeat another); the string table is
// sorted, the list table sorted by content (the empty list first). Services
// are sorted by prefix, and everything inside a service by its lower-case
// name, so the same input always gives the same bytes.
package wire

import (
	"encoding/binary"
	"errors"
	"strings"
)

// Magic opens every payload.
const Magic = "iamlogic-catalog\n"

// FormatVersion is the version of the layout above; a change of layout
// changes it.
const FormatVersion = 2

// Key type codes. A multivalued type is its element type with ArrayOf set.
const (
	KeyString    byte = 1
	KeyARN       byte = 2
	KeyNumeric   byte = 3
	KeyDate      byte = 4
	KeyBool      byte = 5
	KeyIPAddress byte = 6
	KeyBinary    byte = 7
	ArrayOf      byte = 0x10
)

// keyTypeNames are the type names of the Service Authorization Reference.
var keyTypeNames = map[string]byte{
	"String": KeyString, "ARN": KeyARN, "Numeric": KeyNumeric, "Date": KeyDate,
	"Bool": KeyBool, "IPAddress": KeyIPAddress, "Binary": KeyBinary,
}

// KeyTypeCode returns the code of a Service Authorization Reference type name
// ("String", "ArrayOfARN", …).
func KeyTypeCode(name string) (byte, bool) {
	if rest, ok := strings.CutPrefix(name, "ArrayOf"); ok {
		c, ok := keyTypeNames[rest]
		return c | ArrayOf, ok
	}
	c, ok := keyTypeNames[name]
	return c, ok
}

// Access level codes.
const (
	AccessList                  byte = 1
	AccessRead                  byte = 2
	AccessWrite                 byte = 3
	AccessPermissionsManagement byte = 4
	AccessTagging               byte = 5
)

// AccessLevelCode returns the code of an access level as the data writes it.
// The data qualifies the two kinds of write access, tagging and permissions
// management, as "Tagging, Write" and "Permissions management, Write"; both
// forms, with and without ", Write", give the specific level.
func AccessLevelCode(s string) (byte, bool) {
	switch s {
	case "List":
		return AccessList, true
	case "Read":
		return AccessRead, true
	case "Write":
		return AccessWrite, true
	case "Permissions management", "Permissions management, Write":
		return AccessPermissionsManagement, true
	case "Tagging", "Tagging, Write":
		return AccessTagging, true
	}
	return 0, false
}

// AppendUvarint appends x in the varint encoding of encoding/binary.
func AppendUvarint(b []byte, x uint64) []byte { return binary.AppendUvarint(b, x) }

// AppendString appends s with its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrCorrupt is reported for a payload that does not follow the layout.
var ErrCorrupt = errors.New("catalog data is corrupt")

// Reader reads a payload. The first error sticks: every later read returns
// zero, and Err reports it.
type Reader struct {
	b   []byte
	off int
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first error met, or nil.
func (r *Reader) Err() error { return r.err }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = ErrCorrupt
		return 0
	}
	r.off += n
	return x
}

// Int reads an unsigned varint that must be at most max.
func (r *Reader) Int(max int) int {
	x := r.Uvarint()
	if x > uint64(max) {
		r.fail()
		return 0
	}
	return int(x)
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.fail()
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

// Bytes reads n bytes, without copying.
func (r *Reader) Bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.fail()
		return nil
	}
	b := r.b[r.off : r.off+n]
	r.off += n
	return b
}

// String reads a string written by AppendString.
func (r *Reader) String() string { return string(r.Bytes(r.Int(len(r.b)))) }

// Done reports an error unless the whole payload was read.
func (r *Reader) Done() error {
	if r.err == nil && r.off != len(r.b) {
		r.fail()
	}
	return r.err
}

func (r *Reader) fail() {
	if r.err == nil {
		r.err = ErrCorrupt
	}
}
