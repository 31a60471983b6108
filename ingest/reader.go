package ingest

import (
	"errors"
	"fmt"
)

// Reader yields the records of one input, in input order.
//
// Next returns the next record, or io.EOF after the last one. A record that
// cannot be read is returned as a *ParseError; the reader stays usable and
// the caller keeps the bad record as a reject. Any other error ends the input.
//
// New formats implement Reader in a file of their own, with a
// `var _ Reader = ...` beside it, and add one entry to kinds (format.go).
type Reader interface {
	Next() (Record, error)
}

// Record is one typed row for one warehouse table, with where it came from.
type Record interface {
	// Table names the warehouse table the record belongs to ("hits", ...).
	Table() string
	// Position returns the record's line (or record number) in its input.
	Position() int64
}

// ParseError is a record of an input that could not be read.
type ParseError struct {
	File string // the input's name as shown to the user
	Line int64  // 1-based line or record number
	Err  error  // what was wrong
	Raw  []byte // the input text of the record (may be truncated by the reader)
}

func (e *ParseError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Sentinel errors for the reasons a log line is rejected. Rejects are grouped
// by these texts in the warehouse, so keep them short and stable.
var (
	ErrEmptyLine     = errors.New("empty line")
	ErrNoTimestamp   = errors.New("no [timestamp] field")
	ErrBadTimestamp  = errors.New("unreadable timestamp")
	ErrNoRequest     = errors.New("no quoted request field")
	ErrBadStatus     = errors.New("status is not a 3-digit number")
	ErrBadBytes      = errors.New("byte count is not a number")
	ErrLineTooLong   = errors.New("line longer than 64 KiB")
	ErrNotAccessLine = errors.New("not an access log line")
)
