// Package enum is the one way the project's small enumerations (a uint8
// with a table of names: decisions, reasons, verdicts, kinds of input)
// become text and back.
package enum
