package policy

// Safety limits for untrusted input. They are far above anything AWS
// accepts (the largest AWS quota for a policy is a few tens of kilobytes),
// so a document that reaches one is not a policy AWS would store. Exceeding
// a limit is a [CodeInputLimit] error.
const (
	// MaxDocumentBytes is the largest document Parse reads. Larger input is
	// rejected before any parsing.
	MaxDocumentBytes = 1 << 20
	// MaxDepth is the deepest nesting of JSON objects and arrays Parse
	// accepts. A valid policy nests at most 6 levels (document, Statement
	// array, statement, Condition, operator, value array). Deeper input is
	// rejected before it is parsed.
	MaxDepth = 16
	// MaxStatements is the largest number of statements in one document.
	MaxStatements = 1000
	// MaxStringLength is the longest JSON string (key or value, counted in
	// bytes of the source, escapes included) or JSON number (in bytes of
	// its text, which is what a condition value written as a number holds)
	// Parse accepts. Check holds every string of a policy built in Go to it.
	MaxStringLength = 8 << 10
	// MaxConditionClauses is the largest number of (operator, key) clauses
	// in the Condition block of one statement.
	MaxConditionClauses = 1000
)
