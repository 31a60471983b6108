// Package rfc4180 writes CSV exactly as RFC 4180 says: CRLF between
// records, and fields holding a comma, quote, CR or LF quoted, with quotes
// doubled. encoding/csv with UseCRLF rewrites line breaks inside fields
// (a lone CR is dropped, LF becomes CRLF), which changes values read from
// logs; this writer keeps every byte.
package rfc4180

import (
	"bufio"
	"io"
	"strings"
)

// Writer writes CSV records.
type Writer struct {
	w *bufio.Writer
}

// NewWriter returns a Writer on w. Call Flush at the end.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Write writes one record.
func (w *Writer) Write(fields []string) error {
	for i, f := range fields {
		if i > 0 {
			w.w.WriteByte(',')
		}
		if !strings.ContainsAny(f, ",\"\r\n") {
			w.w.WriteString(f)
			continue
		}
		w.w.WriteByte('"')
		w.w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.w.WriteByte('"')
	}
	_, err := w.w.WriteString("\r\n")
	return err
}

// Flush writes any buffered data.
func (w *Writer) Flush() error { return w.w.Flush() }
