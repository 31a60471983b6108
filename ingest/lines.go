package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"hash"
	"io"

	"github.com/cmpulse/cmpulse/warehouse"
)

// maxLine is the longest line kept whole; longer lines are rejected (with
// their first KiB) rather than growing the buffer without bound.
const maxLine = 64 << 10

// maxRaw is how much of a rejected line the rejects table keeps.
const maxRaw = 1 << 10

// lineScanner hands out lines with their numbers and byte offsets. It accepts
// "\n" and "\r\n" ends and a last line without a newline. Every byte it
// consumes goes through h, so that the ledger can fingerprint exactly the
// part of the input that was read, even when reading stops at an error.
type lineScanner struct {
	r    *bufio.Reader
	h    hash.Hash
	line int64 // number of the last line returned
	off  int64 // input bytes consumed so far
	long []byte

	checkpoints []warehouse.Checkpoint // about every checkpointEvery bytes, at line ends
	lastCP      int64

	partial bool // the last line read had no newline (yet)
}

// newLineScanner reads r, whose first line is number firstLine and starts at
// byte offset of the whole input.
func newLineScanner(r io.Reader, h hash.Hash, firstLine, offset int64) *lineScanner {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < maxLine {
		br = bufio.NewReaderSize(r, maxLine)
	}
	return &lineScanner{r: br, h: h, line: firstLine - 1, off: offset, lastCP: offset}
}

// checkpoint records the prefix hash when a line end is far enough from the
// last checkpoint.
func (s *lineScanner) checkpoint() {
	if !s.partial && s.off-s.lastCP >= checkpointEvery {
		s.lastCP = s.off
		s.checkpoints = append(s.checkpoints, warehouse.Checkpoint{Offset: s.off, Lines: s.line, Hash: hashSum(s.h)})
	}
}

// next returns the next line without its end. The slice is valid until the
// following call. tooLong is set for a line over maxLine, of which the first
// maxRaw bytes are returned.
func (s *lineScanner) next() (line []byte, tooLong bool, err error) {
	b, err := s.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		s.long = append(s.long[:0], b[:maxRaw]...)
		n := int64(len(b))
		s.h.Write(b)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = s.r.ReadSlice('\n')
			n += int64(len(b))
			s.h.Write(b)
		}
		s.off += n
		s.line++
		if err != nil && err != io.EOF {
			return nil, false, err
		}
		s.partial = err == io.EOF // the last chunk had no newline
		s.checkpoint()
		return s.long, true, nil
	}
	if len(b) == 0 {
		if err == nil {
			err = io.EOF
		}
		return nil, false, err
	}
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	s.partial = b[len(b)-1] != '\n'
	s.h.Write(b)
	s.off += int64(len(b))
	s.line++
	s.checkpoint()
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, false, nil
}

// Read lets readers of whole-document formats (JSON archives, XML exports)
// consume the input through the scanner, so that the ledger still sees and
// fingerprints every byte they read.
func (s *lineScanner) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.h.Write(p[:n])
	s.off += int64(n)
	return n, err
}

// lineReader is a Reader over a line-based format: one parse function per
// format, everything else (numbering, long lines, rejects) shared.
type lineReader struct {
	name  string
	scan  *lineScanner
	parse func(line []byte, h *Hit) error
	hit   Hit
}

func (r *lineReader) Next() (Record, error) {
	line, tooLong, err := r.scan.next()
	if err != nil {
		return nil, err
	}
	if tooLong {
		return nil, r.reject(line, ErrLineTooLong)
	}
	r.hit.Line = r.scan.line
	if err := r.parse(line, &r.hit); err != nil {
		return nil, r.reject(line, err)
	}
	return &r.hit, nil
}

func (r *lineReader) reject(line []byte, err error) *ParseError {
	if len(line) > maxRaw {
		line = line[:maxRaw]
	}
	return &ParseError{File: r.name, Line: r.scan.line, Err: err, Raw: bytes.Clone(line)}
}
