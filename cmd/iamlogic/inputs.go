package main

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"github.com/iamlogic/iamlogic/catalog"
	"github.com/iamlogic/iamlogic/internal/text"
	"github.com/iamlogic/iamlogic/policy"
	"github.com/iamlogic/iamlogic/source"
)

// inputFile is one file read through package source: its name in
// messages, its bytes and its documents.
type inputFile struct {
	name string
	data []byte
	docs []source.Document
	err  error // the file is a template or plan that cannot be read
}

// readInput reads file ("-" is standard input), and its documents.
func readInput(file string) (inputFile, error) {
	name, data, err := source.ReadInput(file)
	if err != nil {
		return inputFile{name: name}, err
	}
	docs, err := source.Read(name, data, source.Options{})
	return inputFile{name: name, data: data, docs: docs, err: err}, nil
}

// readSelected reads one policy argument: a file, "-", or FILE#ADDRESS,
// which selects the document of that address in a template or plan. A
// file that does not exist is an error of os.ReadFile's.
func readSelected(arg string) (inputFile, error) {
	file, addr := arg, ""
	if i := strings.LastIndexByte(arg, '#'); i > 0 {
		if _, err := os.Stat(arg); errors.Is(err, fs.ErrNotExist) {
			file, addr = arg[:i], arg[i+1:]
		}
	}
	in, err := readInput(file)
	if err != nil || in.err != nil || addr == "" {
		return in, err
	}
	for _, d := range in.docs {
		if d.Address == addr {
			in.docs = []source.Document{d}
			return in, nil
		}
	}
	in.err = errors.New(text.Quote(in.name) + " has no policy document " + text.Quote(addr) + "; it has " + addresses(in.docs))
	return in, nil
}

// addresses lists the addresses of docs, for messages.
func addresses(docs []source.Document) string {
	if len(docs) == 0 {
		return "none"
	}
	q := make([]string, len(docs))
	for i, d := range docs {
		q[i] = text.Quote(d.Address) + " (" + string(d.Type) + ")"
	}
	return strings.Join(q, ", ")
}

// docType is the type a document is validated as: the one its container
// implies, or loose for a loose policy file.
func docType(d source.Document, loose policy.Type) policy.Type {
	if d.Type != "" {
		return d.Type
	}
	return loose
}

// checkDocument validates the parsed document d as type t, with the
// refinements of o (only for the types that take them) and, unless cat is
// nil, the findings of package lint. A document inside a template or plan
// names itself in every message: "ADDRESS: message".
func checkDocument(d source.Document, t policy.Type, o policy.Options, cat *catalog.Catalog) (*policy.Policy, policy.Findings) {
	if o.Managed && t != policy.TypeIdentity && t != policy.TypeBoundary {
		o.Managed = false
	}
	p, out := checkParsed(d.File, d.Policy, d.Findings, t, o, cat)
	if d.Address != "" {
		for i := range out {
			out[i].Message = d.Address + ": " + out[i].Message
		}
	}
	return p, out
}
