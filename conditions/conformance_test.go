package conditions

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want fields of testdata/conformance.jsonl from the current results")

// conformanceCase is the condition block of one statement of a case of the
// project's AWS-documentation conformance suite (categories conditions,
// missing-key, ifexists, set-operators, null and variables), with the
// request context of the case and the result the block must have for the
// case's expected decision.
type conformanceCase struct {
	Case      string                                `json:"case"`
	Statement string                                `json:"statement"`
	Effect    string                                `json:"effect"`
	Version   string                                `json:"version"`
	Condition map[string]map[string]json.RawMessage `json:"condition"`
	Context   map[string]json.RawMessage            `json:"context"`
	Expected  string                                `json:"expected"`
	Want      *bool                                 `json:"want,omitempty"`
}

func TestConformanceBlocks(t *testing.T) {
	data, err := os.ReadFile("testdata/conformance.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var tc conformanceCase
		if err := json.Unmarshal(line, &tc); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		block, err := Compile(conformanceClauses(t, tc.Condition), Options{Variables: tc.Version == "2012-10-17"})
		if err != nil {
			t.Fatalf("%s %s: %v", tc.Case, tc.Statement, err)
		}
		got := block.Eval(conformanceContext(t, tc.Context))
		if *update {
			tc.Want = &got
			b, _ := json.Marshal(tc)
			out.Write(b)
			out.WriteByte('\n')
			continue
		}
		if tc.Want == nil {
			t.Fatalf("%s %s: no want", tc.Case, tc.Statement)
		}
		if got != *tc.Want {
			t.Errorf("%s, %s (%s): condition = %v, want %v", tc.Case, tc.Statement, tc.Effect, got, *tc.Want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/conformance.jsonl", out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n < 80 {
		t.Errorf("only %d cases read", n)
	}
}

// conformanceClauses turns a JSON Condition element into clauses, sorted so
// that the clause order is stable.
func conformanceClauses(t *testing.T, cond map[string]map[string]json.RawMessage) []Clause {
	t.Helper()
	var clauses []Clause
	for opName, keys := range cond {
		op := mustOp(t, opName)
		for key, raw := range keys {
			clauses = append(clauses, Clause{Operator: op, Key: key, Values: jsonStrings(t, raw)})
		}
	}
	sort.Slice(clauses, func(i, j int) bool {
		a, b := clauses[i], clauses[j]
		if a.Operator != b.Operator {
			return a.Operator.String() < b.Operator.String()
		}
		return a.Key < b.Key
	})
	return clauses
}

func conformanceContext(t *testing.T, raw map[string]json.RawMessage) Context {
	t.Helper()
	m := make(map[string]Value, len(raw))
	for k, r := range raw {
		if bytes.HasPrefix(bytes.TrimSpace(r), []byte("[")) {
			m[k] = Multi(jsonStrings(t, r)...)
		} else {
			m[k] = Single(jsonStrings(t, r)[0])
		}
	}
	return NewContext(m)
}

// jsonStrings reads a JSON string, boolean or number, or an array of them,
// as text.
func jsonStrings(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	out := make([]string, 0, len(list))
	for _, r := range list {
		var v any
		d := json.NewDecoder(bytes.NewReader(r))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case bool, json.Number:
			out = append(out, fmt.Sprint(v))
		default:
			t.Fatalf("unexpected JSON value %s", r)
		}
	}
	return out
}
