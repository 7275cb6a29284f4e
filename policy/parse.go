package policy

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamlogic/iamlogic/conditions"
)

// parseMeta is what Parse learned about a document beyond the model.
type parseMeta struct {
	findings   Findings // the error findings of Parse
	stmtObject bool     // Statement was written as a single object
	// scalars holds, in increasing order, the offsets in the source
	// (Position.Offset) of the items that were written as a lone string
	// where a list is allowed (Action, Resource, principal lists). JSON
	// pointers to them have no array index.
	scalars []int32
	chars   int // characters of the source (SCP/RCP quotas count them all)
}

func (m *parseMeta) isScalar(it Item) bool {
	if m == nil {
		return false
	}
	_, found := slices.BinarySearch(m.scalars, int32(it.Pos.Offset))
	return found
}

// seg is one step of a JSON pointer: an object key, or an array index when
// idx >= 0.
type seg struct {
	key string
	idx int
}

// parser walks a document that scan found to be valid JSON with gjson and
// builds the model.
type parser struct {
	src        source
	containers []container
	path       []seg
	findings   Findings
	scalars    []int32
	stmtObject bool
	// dropped counts the findings not kept once maxFindings were reported.
	dropped int
	// pool is one backing array for the items of the document, sized by
	// the number of string values, so that lists do not allocate one by one.
	pool []Item
}

// items returns an empty slice with room for n items.
func (ps *parser) items(n int) []Item {
	if l := len(ps.pool); cap(ps.pool)-l >= n {
		ps.pool = ps.pool[:l+n]
		return ps.pool[l : l : l+n]
	}
	return make([]Item, 0, n)
}

// Parse parses a policy document and checks everything that does not
// depend on the policy type (see the package documentation). It reports
// every problem it finds, not just the first: the error, if not nil, is a
// [Findings] holding the error-severity findings in document order. The
// policy is returned whenever the JSON itself is usable, even with errors,
// so that tools can show more context; it must not be evaluated then (its
// Check method keeps failing). Parse never panics.
//
// Positions have no file name; use [ParseFile] or [ParseAt] to give one.
func Parse(data []byte) (*Policy, error) { return ParseAt(Position{}, data) }

// ParseFile is [Parse] for a document read from the file (or other source)
// name: every position of the policy and of its findings names it.
func ParseFile(name string, data []byte) (*Policy, error) {
	return ParseAt(Position{File: name}, data)
}

// ParseAt is [Parse] for a document that starts at start in a larger
// source, such as an inline policy of an access-test case or a template:
// every position of the policy and of its findings is a position in that
// source (File, Offset, Line and Column). A start without a line is line 1,
// column 1 of start.File.
func ParseAt(start Position, data []byte) (*Policy, error) {
	if !start.IsValid() {
		start = Position{File: start.File, Line: 1, Column: 1}
	}
	start.Column = max(start.Column, 1)
	return parse(source{base: start}, data)
}

// ParseMapped is [Parse] for a document converted from another format (a
// YAML template, a policy held in a JSON string of a Terraform plan):
// locate returns, for every byte offset of data, the position in the
// original source of what was converted to it, and every position of the
// policy and of its findings is the position locate returns. locate must
// not be nil; it is called only with offsets from 0 to len(data).
//
// The document may hold placeholders, values its source leaves unknown
// offline: strings that start with the escape \u0000, followed by a
// description of the value (see [IsPlaceholder]). They may stand for an
// Action, NotAction, Resource or NotResource entry or list, a Principal or
// NotPrincipal element, principal list or entry, and a condition value or
// list of values, and are not checked as such values are; the evaluator
// reads them so that they never grant. Elsewhere a placeholder is invalid
// as any other value of the wrong form is.
func ParseMapped(data []byte, locate func(offset int) Position) (*Policy, error) {
	return parse(source{locate: locate}, data)
}

// parse parses data, placing its offsets with src.
func parse(src source, data []byte) (*Policy, error) {
	start := src.base
	if src.locate != nil {
		start = src.locate(0)
	}
	if len(data) > MaxDocumentBytes {
		return nil, Findings{{
			Code: CodeInputLimit,
			Message: fmt.Sprintf("document of %d bytes is larger than the limit of %d bytes (MaxDocumentBytes); it was not parsed",
				len(data), MaxDocumentBytes),
			Pos: Position{File: start.File},
		}}
	}
	sr := scan(data, src.locate != nil)
	src.lineStarts = sr.lineStarts
	ps := &parser{
		src:        src,
		containers: sr.containers,
		path:       make([]seg, 0, 8),
		pool:       make([]Item, 0, sr.values),
	}
	for _, pr := range sr.problems {
		ps.findings = append(ps.findings, Finding{Code: pr.code, Message: pr.msg, Pos: ps.src.pos(pr.off)})
	}
	if sr.tooDeep {
		return nil, ps.done().err()
	}
	if sr.synMsg != "" {
		ps.addSyntax(sr.synOff, sr.synMsg)
		return nil, ps.done().err()
	}
	ps.src.text = string(data)
	root := gjson.Parse(ps.src.text)
	if !root.IsObject() {
		ps.report(CodeSyntax, root.Index, "a policy must be a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": [...]}, found %s; Syntax errors in policy",
			jsonType(root))
		return nil, ps.done().err()
	}
	pol := &Policy{Pos: ps.src.pos(root.Index), Size: sr.size, RawSize: len(data)}
	ps.document(root, pol)
	fs := ps.done()
	if src.locate != nil {
		slices.Sort(ps.scalars) // converted documents need not keep their order
	}
	pol.meta = &parseMeta{findings: fs, stmtObject: ps.stmtObject, scalars: ps.scalars, chars: sr.chars}
	return pol, fs.err()
}

// err returns fs as an error, or nil (not a nil Findings in an error
// interface) when fs is empty.
func (fs Findings) err() error {
	if len(fs) == 0 {
		return nil
	}
	return fs
}

// addSyntax adds a JSON syntax error unless a bad character was already
// reported at the same place.
func (ps *parser) addSyntax(off int, msg string) {
	at := ps.src.pos(off)
	for _, f := range ps.findings {
		if f.Pos == at && f.Code == CodeSyntax {
			return
		}
	}
	ps.findings = append(ps.findings, Finding{Code: CodeSyntax, Message: "invalid JSON: " + msg + "; Syntax errors in policy", Pos: at})
}

// done sorts the findings into document order and returns them.
func (ps *parser) done() Findings {
	if len(ps.findings) == 0 {
		return nil
	}
	sort.SliceStable(ps.findings, func(i, j int) bool { return ps.findings[i].Pos.Offset < ps.findings[j].Pos.Offset })
	if ps.dropped > 0 {
		last := ps.findings[len(ps.findings)-1]
		ps.findings = append(ps.findings, Finding{
			Code:    last.Code,
			Message: fmt.Sprintf("%d more problems after this one are not listed; fix the ones above first", ps.dropped),
			Pos:     last.Pos,
			Pointer: last.Pointer,
		})
	}
	return ps.findings
}

func (ps *parser) push(key string) { ps.path = append(ps.path, seg{key: key, idx: -1}) }
func (ps *parser) pushIdx(i int)   { ps.path = append(ps.path, seg{idx: i}) }
func (ps *parser) pop()            { ps.path = ps.path[:len(ps.path)-1] }

// pointer renders the current path as an RFC 6901 JSON pointer.
func (ps *parser) pointer() string {
	var b strings.Builder
	for _, s := range ps.path {
		b.WriteByte('/')
		if s.idx >= 0 {
			b.WriteString(strconv.Itoa(s.idx))
		} else {
			writePointerToken(&b, s.key)
		}
	}
	return b.String()
}

func writePointerToken(b *strings.Builder, key string) {
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(key[i])
		}
	}
}

// maxFindings caps the findings Parse reports for one document; the rest
// are counted in a last finding. A document within MaxDocumentBytes can
// hold a hundred thousand bad keys, and nobody reads that many messages.
const maxFindings = 1000

// report adds an error finding at byte offset off for the current path.
func (ps *parser) report(code Code, off int, format string, args ...any) {
	ps.reportAt(code, ps.src.pos(off), format, args...)
}

// reportAt adds an error finding at position at for the current path.
func (ps *parser) reportAt(code Code, at Position, format string, args ...any) {
	if len(ps.findings) >= maxFindings {
		ps.dropped++
		return
	}
	ps.findings = append(ps.findings, Finding{
		Code:    code,
		Message: fmt.Sprintf(format, args...),
		Pos:     at,
		Pointer: ps.pointer(),
	})
}

// reportIn is report with one more pointer step.
func (ps *parser) reportIn(s seg, code Code, off int, format string, args ...any) {
	ps.reportInAt(s, code, ps.src.pos(off), format, args...)
}

// reportInAt is reportAt with one more pointer step.
func (ps *parser) reportInAt(s seg, code Code, at Position, format string, args ...any) {
	ps.path = append(ps.path, s)
	ps.reportAt(code, at, format, args...)
	ps.pop()
}

// count returns the number of members or elements of the object or array
// v, from the pre-scan.
func (ps *parser) count(v gjson.Result) int {
	i, found := slices.BinarySearchFunc(ps.containers, int32(v.Index), func(c container, off int32) int {
		return int(c.off - off)
	})
	if !found {
		return 0
	}
	return int(ps.containers[i].n)
}

func jsonType(v gjson.Result) string {
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	if v.IsArray() {
		return "an array"
	}
	return "an object"
}

// keySet detects duplicate keys in one JSON object. Keys compare exactly
// (after JSON unescaping), as AWS compares element names.
type keySet struct {
	small [10]string
	n     int
	m     map[string]struct{}
}

// add records k and reports whether it was already there.
func (s *keySet) add(k string) bool {
	if s.m != nil {
		if _, ok := s.m[k]; ok {
			return true
		}
		s.m[k] = struct{}{}
		return false
	}
	for _, x := range s.small[:s.n] {
		if x == k {
			return true
		}
	}
	if s.n < len(s.small) {
		s.small[s.n] = k
		s.n++
		return false
	}
	s.m = make(map[string]struct{}, 2*len(s.small))
	for _, x := range s.small {
		s.m[x] = struct{}{}
	}
	s.m[k] = struct{}{}
	return false
}

var (
	topElements  = []string{"Version", "Id", "Statement"}
	stmtElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// unknownElement reports an element name that is not in allowed.
func (ps *parser) unknownElement(k gjson.Result, where string, allowed []string) {
	name := k.Str
	for _, a := range allowed {
		if strings.EqualFold(a, name) {
			ps.report(CodeUnknownElement, k.Index, "unknown element %q in %s; did you mean %q? Element names are case-sensitive",
				name, where, a)
			return
		}
	}
	ps.report(CodeUnknownElement, k.Index, "unknown element %q in %s; allowed elements: %s",
		name, where, strings.Join(allowed, ", "))
}

func (ps *parser) duplicateKey(k gjson.Result, where string) {
	ps.report(CodeDuplicateKey, k.Index, "duplicate key %q in %s; a key may appear only once in a JSON object (AWS rejects duplicates; many JSON tools silently keep the last one)",
		k.Str, where)
}

func (ps *parser) document(root gjson.Result, pol *Policy) {
	var seen keySet
	var stmt, stmtKey gjson.Result
	root.ForEach(func(k, v gjson.Result) bool {
		ps.push(k.Str)
		defer ps.pop()
		if seen.add(k.Str) {
			ps.duplicateKey(k, "the policy")
			return true
		}
		switch k.Str {
		case "Version":
			if v.Type != gjson.String {
				ps.report(CodeVersionInvalid, v.Index, "Version must be the string %q (or %q), found %s", Version2012, Version2008, jsonType(v))
				return true
			}
			pol.Version, pol.VersionPos = v.Str, ps.src.pos(v.Index)
			if v.Str != Version2012 && v.Str != Version2008 {
				ps.report(CodeVersionInvalid, v.Index, "Version %q is not valid; use %q (the current policy language) or %q", v.Str, Version2012, Version2008)
			}
		case "Id":
			if v.Type != gjson.String {
				ps.report(CodeSyntax, v.Index, "Id must be a string, found %s; Syntax errors in policy", jsonType(v))
				return true
			}
			pol.ID, pol.IDPos, pol.HasID = v.Str, ps.src.pos(v.Index), true
		case "Statement":
			stmt, stmtKey = v, k
		default:
			ps.unknownElement(k, "the policy (top level)", topElements)
		}
		return true
	})
	if !stmtKey.Exists() {
		ps.report(CodeStatementMissing, root.Index, "the policy has no Statement element; add \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]; Syntax errors in policy")
		return
	}
	ps.push("Statement")
	defer ps.pop()
	switch {
	case stmt.IsObject():
		ps.stmtObject = true
		pol.Statements = make([]Statement, 1)
		ps.statement(stmt, 0, &pol.Statements[0])
	case stmt.IsArray():
		n := ps.count(stmt)
		if n == 0 {
			ps.report(CodeStatementEmpty, stmt.Index, "Statement is an empty array; a policy needs at least one statement; Syntax errors in policy")
			return
		}
		if n > MaxStatements {
			ps.report(CodeInputLimit, stmt.Index, "Statement has %d entries, more than the limit of %d (MaxStatements); it was not parsed", n, MaxStatements)
			return
		}
		pol.Statements = make([]Statement, 0, n)
		i := 0
		stmt.ForEach(func(_, v gjson.Result) bool {
			if v.IsObject() {
				pol.Statements = append(pol.Statements, Statement{})
				ps.pushIdx(i)
				ps.statement(v, i, &pol.Statements[len(pol.Statements)-1])
				ps.pop()
			} else {
				ps.reportIn(seg{idx: i}, CodeStatementEmpty, v.Index, "statement %d must be an object {\"Effect\": ..., ...}, found %s; Syntax errors in policy", i, jsonType(v))
			}
			i++
			return true
		})
	default:
		ps.report(CodeStatementMissing, stmt.Index, "Statement must be an object or an array of objects, found %s; Syntax errors in policy", jsonType(stmt))
	}
}

// second reports, as code, a statement that holds both forms of one element
// (Action and NotAction, …) and returns true; otherwise it records k as the
// element's key and returns false.
func (ps *parser) second(seen *gjson.Result, k gjson.Result, name string, code Code) bool {
	if seen.Exists() {
		ps.report(code, k.Index, "the statement has both %s and %s; use only one of them; Syntax errors in policy", seen.Str, name)
		return true
	}
	*seen = k
	return false
}

// checkedList reads the string list val of element name and reports each
// entry that problem finds fault with.
func (ps *parser) checkedList(val gjson.Result, name string, missing Code, problem func(string) (Code, string)) []Item {
	items := ps.stringList(val, name, missing)
	for i, it := range items {
		if IsPlaceholder(it.Value) {
			continue
		}
		if code, msg := problem(it.Value); code != "" {
			ps.reportItem(val, i, code, it.Pos, "%s", msg)
		}
	}
	return items
}

// stmtKeys remembers which paired elements a statement has, to report
// Action+NotAction and the like.
type stmtKeys struct {
	effect, action, resource, principal gjson.Result
}

func (ps *parser) statement(v gjson.Result, idx int, st *Statement) {
	st.Index = idx
	st.Pos = ps.src.pos(v.Index)
	var seen keySet
	var keys stmtKeys
	v.ForEach(func(k, val gjson.Result) bool {
		name := k.Str
		ps.push(name)
		defer ps.pop()
		if seen.add(name) {
			ps.duplicateKey(k, "the statement")
			return true
		}
		switch name {
		case "Sid":
			if val.Type != gjson.String {
				ps.report(CodeSyntax, val.Index, "Sid must be a string, found %s; Syntax errors in policy", jsonType(val))
				return true
			}
			st.Sid, st.HasSid, st.SidPos = val.Str, true, ps.src.pos(val.Index)
		case "Effect":
			keys.effect = k
			ps.effect(val, st)
		case "Action", "NotAction":
			if ps.second(&keys.action, k, name, CodeActionBoth) {
				return true
			}
			st.ActionsNegated = name == "NotAction"
			st.ActionsPos = ps.src.pos(val.Index)
			st.Actions = ps.checkedList(val, name, CodeActionMissing, actionProblem)
		case "Resource", "NotResource":
			if ps.second(&keys.resource, k, name, CodeResourceBoth) {
				return true
			}
			st.ResourcesNegated = name == "NotResource"
			st.ResourcesPos = ps.src.pos(val.Index)
			st.HasResource = true
			st.Resources = ps.checkedList(val, name, CodeResourceMissing, resourceProblem)
		case "Principal", "NotPrincipal":
			if ps.second(&keys.principal, k, name, CodePrincipalBoth) {
				return true
			}
			st.PrincipalNegated = name == "NotPrincipal"
			st.Principal = ps.principal(val, name)
		case "Condition":
			st.ConditionPos = ps.src.pos(val.Index)
			ps.condition(val, st)
		default:
			ps.unknownElement(k, "the statement", stmtElements)
		}
		return true
	})
	if !keys.effect.Exists() {
		ps.report(CodeEffectInvalid, v.Index, "the statement has no Effect; add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"; The policy failed legacy parsing")
	}
	if !keys.action.Exists() {
		ps.report(CodeActionMissing, v.Index, "the statement has neither Action nor NotAction; add for example \"Action\": \"s3:GetObject\"; Policy statement must contain actions")
	}
}

func (ps *parser) effect(v gjson.Result, st *Statement) {
	if v.Type != gjson.String {
		ps.report(CodeEffectInvalid, v.Index, "Effect must be the string \"Allow\" or \"Deny\", found %s; The policy failed legacy parsing", jsonType(v))
		return
	}
	st.EffectPos = ps.src.pos(v.Index)
	switch v.Str {
	case "Allow":
		st.Effect = Allow
	case "Deny":
		st.Effect = Deny
	default:
		hint := ""
		if strings.EqualFold(v.Str, "Allow") {
			hint = "; did you mean \"Allow\"? The value is case-sensitive"
		} else if strings.EqualFold(v.Str, "Deny") {
			hint = "; did you mean \"Deny\"? The value is case-sensitive"
		}
		ps.report(CodeEffectInvalid, v.Index, "Effect %q is not valid: it must be exactly \"Allow\" or \"Deny\"%s; The policy failed legacy parsing", v.Str, hint)
	}
}

// stringList reads a string or a non-empty array of strings. An empty array
// is reported with emptyCode; other type errors with CodeSyntax. Items of
// the wrong type are skipped.
func (ps *parser) stringList(v gjson.Result, name string, emptyCode Code) []Item {
	switch {
	case v.Type == gjson.String:
		at := ps.src.pos(v.Index)
		ps.scalars = append(ps.scalars, int32(at.Offset))
		return append(ps.items(1), Item{Value: v.Str, Pos: at})
	case v.IsArray():
		n := ps.count(v)
		if n == 0 {
			msg := "%s is an empty list; list at least one value"
			switch emptyCode {
			case CodeActionMissing:
				msg += "; Policy statement must contain actions"
			case CodeResourceMissing:
				msg += "; Policy statement must contain resources"
			case CodePrincipalFormat:
				msg += "; Invalid principal in policy"
			}
			ps.report(emptyCode, v.Index, msg, name)
			return nil
		}
		items := ps.items(n)
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type == gjson.String {
				items = append(items, Item{Value: e.Str, Pos: ps.src.pos(e.Index)})
			} else {
				code := CodeSyntax
				if emptyCode == CodePrincipalFormat {
					code = CodePrincipalFormat
				}
				ps.reportIn(seg{idx: i}, code, e.Index, "%s entries must be strings, found %s; Syntax errors in policy", name, jsonType(e))
			}
			i++
			return true
		})
		return items
	}
	code := CodeSyntax
	if emptyCode == CodePrincipalFormat {
		code = CodePrincipalFormat
	}
	ps.report(code, v.Index, "%s must be a string or an array of strings, found %s; Syntax errors in policy", name, jsonType(v))
	return nil
}

// reportItem reports a problem with entry i, at at, of a list written as
// list (or as a lone string when list is a string).
func (ps *parser) reportItem(list gjson.Result, i int, code Code, at Position, format string, args ...any) {
	if list.Type == gjson.String {
		ps.reportAt(code, at, format, args...)
		return
	}
	ps.reportInAt(seg{idx: i}, code, at, format, args...)
}

var principalKeys = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (ps *parser) principal(v gjson.Result, name string) *Principal {
	pr := &Principal{Pos: ps.src.pos(v.Index)}
	switch {
	case v.Type == gjson.String:
		switch {
		case v.Str == "*":
			pr.Wildcard = true
		case IsPlaceholder(v.Str):
			// A whole Principal left unknown by the source: read as an
			// unknown AWS principal, which never grants.
			pr.AWS = ps.stringList(v, name, CodePrincipalFormat)
		default:
			ps.report(CodePrincipalFormat, v.Index, "%s %q is not valid: the string form must be \"*\"; name principals in an object such as {\"AWS\": %q}; Invalid principal in policy",
				name, v.Str, principalExample(v.Str))
		}
		return pr
	case v.IsObject():
	default:
		ps.report(CodePrincipalFormat, v.Index, "%s must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}, found %s; Invalid principal in policy", name, jsonType(v))
		return pr
	}
	var seen keySet
	members := 0
	v.ForEach(func(k, val gjson.Result) bool {
		members++
		ps.push(k.Str)
		defer ps.pop()
		if seen.add(k.Str) {
			ps.duplicateKey(k, name)
			return true
		}
		var dst *[]Item
		kind := principalKind(k.Str)
		switch kind {
		case kindAWS:
			dst = &pr.AWS
		case kindService:
			dst = &pr.Service
		case kindFederated:
			dst = &pr.Federated
		case kindCanonicalUser:
			dst = &pr.CanonicalUser
		default:
			hint := ""
			for _, a := range principalKeys {
				if strings.EqualFold(a, k.Str) {
					hint = fmt.Sprintf(" (did you mean %q? Keys are case-sensitive)", a)
				}
			}
			ps.report(CodePrincipalFormat, k.Index, "unknown principal type %q in %s%s; use AWS, Service, Federated or CanonicalUser; Invalid principal in policy", k.Str, name, hint)
			return true
		}
		*dst = ps.stringList(val, name+" "+k.Str, CodePrincipalFormat)
		for i, it := range *dst {
			if IsPlaceholder(it.Value) {
				continue
			}
			if code, msg := principalProblem(kind, it.Value); code != "" {
				ps.reportItem(val, i, code, it.Pos, "%s", msg)
			}
		}
		return true
	})
	if members == 0 {
		ps.report(CodePrincipalFormat, v.Index, "%s is an empty object; name at least one principal, e.g. {\"AWS\": \"arn:aws:iam::123456789012:root\"}, or use \"*\"; Invalid principal in policy", name)
	}
	return pr
}

func (ps *parser) condition(v gjson.Result, st *Statement) {
	if !v.IsObject() {
		ps.report(CodeConditionShape, v.Index, "Condition must be an object such as {\"StringEquals\": {\"aws:PrincipalTag/team\": \"blue\"}}, found %s; Syntax errors in policy", jsonType(v))
		return
	}
	var seenOps keySet
	limited := false
	v.ForEach(func(opKey, block gjson.Result) bool {
		opName := opKey.Str
		ps.push(opName)
		defer ps.pop()
		if seenOps.add(opName) {
			ps.report(CodeDuplicateKey, opKey.Index, "duplicate condition operator %q in Condition; merge its keys into one block (a key may appear only once in a JSON object)", opName)
			return true
		}
		op, opErr := conditions.ParseOperator(opName)
		if opErr != nil {
			ps.report(operatorCode(opName), opKey.Index, "%s; Syntax errors in policy", opErr.Error())
		}
		if !block.IsObject() {
			ps.report(CodeConditionShape, block.Index, "the value of condition operator %q must be an object of condition keys, such as {\"aws:SourceIp\": \"203.0.113.0/24\"}, found %s; Syntax errors in policy",
				opName, jsonType(block))
			return true
		}
		if st.Conditions == nil {
			st.Conditions = make([]Condition, 0, ps.count(block))
		}
		var seenKeys keySet
		block.ForEach(func(key, val gjson.Result) bool {
			ps.push(key.Str)
			defer ps.pop()
			if seenKeys.add(key.Str) {
				ps.report(CodeDuplicateKey, key.Index, "duplicate condition key %q under operator %q; list all values in one array instead", key.Str, opName)
				return true
			}
			if IsPlaceholder(key.Str) {
				// A value left unknown stands only where a value does: a key
				// that is not known would read no value of the request, so
				// that a negated or IfExists clause holds (and a Deny's
				// positive one fails) on a guess. Refused, as AWS refuses
				// the character.
				ps.report(CodeSyntax, key.Index, "a condition key under operator %q is not known offline; write the key itself; Syntax errors in policy", opName)
				return true
			}
			if len(st.Conditions) >= MaxConditionClauses {
				if !limited {
					limited = true
					ps.report(CodeInputLimit, key.Index, "the Condition block has more than %d clauses (MaxConditionClauses); the rest were not parsed", MaxConditionClauses)
				}
				return false
			}
			c := Condition{Operator: opName, OperatorPos: ps.src.pos(opKey.Index), Key: key.Str, KeyPos: ps.src.pos(key.Index)}
			c.Values, c.ValuesAreList = ps.conditionValues(val, opName, key.Str)
			if opErr == nil && op.Base.Family() == conditions.FamilyDate {
				for i, it := range c.Values {
					if IsPlaceholder(it.Value) {
						continue
					}
					if err := conditions.CheckValue(op.Base, it.Value); err != nil {
						ps.reportValue(c, i, CodeConditionValueType, "%s value for %q: %v; The policy failed legacy parsing",
							opName, key.Str, err)
					}
				}
			}
			st.Conditions = append(st.Conditions, c)
			return true
		})
		return !limited
	})
}

// reportValue reports a problem with value i of condition clause c, at the
// current path (which ends at the clause's key).
func (ps *parser) reportValue(c Condition, i int, code Code, format string, args ...any) {
	if c.ValuesAreList {
		ps.reportInAt(seg{idx: i}, code, c.Values[i].Pos, format, args...)
		return
	}
	ps.reportAt(code, c.Values[i].Pos, format, args...)
}

// operatorCode chooses the code for an operator ParseOperator rejected.
func operatorCode(name string) Code {
	base := name
	base = strings.TrimPrefix(base, "ForAllValues:")
	base = strings.TrimPrefix(base, "ForAnyValue:")
	base = strings.TrimSuffix(base, "IfExists")
	if base == "Null" {
		return CodeConditionNullModifier
	}
	return CodeConditionOperatorUnknown
}

// conditionValues reads a scalar or a non-empty array of scalars. Numbers
// and booleans keep their literal text.
func (ps *parser) conditionValues(v gjson.Result, op, key string) ([]Item, bool) {
	if v.IsArray() {
		n := ps.count(v)
		if n == 0 {
			ps.report(CodeConditionShape, v.Index, "condition key %q under %q has an empty list of values; give at least one value; Syntax errors in policy", key, op)
			return nil, true
		}
		items := ps.items(n)
		i := 0
		v.ForEach(func(_, e gjson.Result) bool {
			if s, ok := scalarText(e); ok {
				items = append(items, Item{Value: s, Pos: ps.src.pos(e.Index)})
			} else {
				ps.reportIn(seg{idx: i}, CodeConditionShape, e.Index, "values of condition key %q under %q must be strings, numbers or booleans, found %s; Syntax errors in policy", key, op, jsonType(e))
			}
			i++
			return true
		})
		return items, true
	}
	if s, ok := scalarText(v); ok {
		return append(ps.items(1), Item{Value: s, Pos: ps.src.pos(v.Index)}), false
	}
	ps.report(CodeConditionShape, v.Index, "the value of condition key %q under %q must be a string, number, boolean or an array of them, found %s; Syntax errors in policy", key, op, jsonType(v))
	return nil, false
}

func scalarText(v gjson.Result) (string, bool) {
	switch v.Type {
	case gjson.String:
		return v.Str, true
	case gjson.Number, gjson.True, gjson.False:
		return v.Raw, true
	}
	return "", false
}
