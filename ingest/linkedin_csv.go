package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
)

// LinkedIn's data export writes its CSV files in two broken dialects, and
// one file may mix them:
//
//   - Shares.csv doubles a quote (RFC 4180) but writes each line break of
//     the text as `"` newline `"`, so a strict reader's text has a stray
//     quote at the end and the start of every inner line (""…"" once
//     doubled). Its records a strict reader finds right (all 202 of the
//     public sample): the damage is to the text;
//   - Comments.csv, as tools that read real exports report (no public file
//     exists), escapes a quote as \" (and \"" where a quote ends the
//     text), which a strict reader takes as the end of the field: the rest
//     of the comment splits into fragment records whose text lands in Date.
//
// So the records are not found by quote parity alone. liTable finds them by
// the line a record starts with (a date, then a link: both files' first two
// columns), with a tolerant quote state as the judge where no such line
// follows; and it splits a record around its one free-text column (the
// columns before it read from the left, those after it from the right), so
// that however the text is quoted it cannot shift the other columns.

const (
	liMaxRecord = 1 << 20 // LinkedIn caps a post at 3,000 characters, a comment at 1,250
	liMaxRaw    = 1 << 10
	liMaxLines  = 64 // lines read before the header at most (a Notes: preamble)
)

var (
	errLIFields   = errors.New("fewer fields than the header")
	errLITooLong  = errors.New("record longer than 1 MiB")
	errLINoDate   = errors.New("no Date")
	errLIBadDate  = errors.New("unreadable Date")
	errLINoHeader = errors.New("no LinkedIn header line (Date,...)")
)

// liStart is the start of a record's first line: a Date (or none: real
// exports have comments with a blank Date), then a link.
var liStart = regexp.MustCompile(`^"?(?:\d{4}-\d{2}-\d{2}[^,"]{0,32})?"?,"?https?://`)

// liTable reads the records of one LinkedIn CSV file.
type liTable struct {
	name     string
	br       *bufio.Reader
	line     int64  // lines read
	pending  []byte // a line read ahead, not yet part of a record
	pendLine int64
	pendLong bool
	hasPend  bool
	cols     map[string]int // lower-case header name -> index
	ncols    int
	free     int  // the free-text column's index
	anchored bool // records start with a Date then a link (liStart)
}

// liRecord is a record's text: its lines joined by \n, \r dropped, cut at
// liMaxRecord.
type liRecord struct {
	line    int64
	text    []byte
	tooLong bool
}

func newLITable(name string, r io.Reader) *liTable {
	return &liTable{name: name, br: bufio.NewReaderSize(r, 64<<10)}
}

// readHeader reads the header line (after a BOM and a "Notes:" preamble,
// which other files of the export have) and finds the free-text column.
func (t *liTable) readHeader(free string) error {
	inNotes := false
	for i := 0; i < liMaxLines; i++ {
		l, _, n, err := t.take()
		if err == io.EOF {
			return errLINoHeader
		}
		if err != nil {
			return err
		}
		if n == 1 {
			l = bytes.TrimPrefix(l, []byte("\uFEFF"))
		}
		s := strings.TrimSpace(string(l))
		switch {
		case n == 1 && strings.HasPrefix(s, "Notes:"):
			inNotes = true
		case s == "":
			inNotes = false
		case !inNotes:
			return t.setHeader(liHeader(s), free)
		}
	}
	return errLINoHeader
}

func (t *liTable) setHeader(cols []string, free string) error {
	if len(cols) < 2 || cols[0] != "date" {
		return errLINoHeader
	}
	t.cols = map[string]int{}
	for i, c := range cols {
		if _, dup := t.cols[c]; !dup {
			t.cols[c] = i
		}
	}
	i, ok := t.cols[free]
	if !ok {
		return errors.New("no " + free + " column in the header")
	}
	t.ncols, t.free = len(cols), i
	t.anchored = cols[1] == "link" || cols[1] == "sharelink"
	return nil
}

// liHeader splits a header line into lower-case column names.
func liHeader(line string) []string {
	cols := strings.Split(line, ",")
	for i, c := range cols {
		cols[i] = strings.ToLower(strings.Trim(strings.TrimSpace(c), `"`))
	}
	return cols
}

// liHeaderOf returns the header columns of a file's first bytes, for
// detection: the first line, or the first after a "Notes:" preamble.
func liHeaderOf(head []byte) []string {
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	lines := strings.Split(string(head), "\n")
	inNotes := false
	for i, l := range lines {
		s := strings.TrimSpace(l)
		switch {
		case i == 0 && strings.HasPrefix(s, "Notes:"):
			inNotes = true
		case s == "":
			inNotes = false
		case !inNotes:
			if i == len(lines)-1 && len(head) >= 4096 {
				return nil // the line may be cut short
			}
			return liHeader(s)
		}
	}
	return nil
}

// col returns the index of a header column, -1 if the file has none.
func (t *liTable) col(name string) int {
	if i, ok := t.cols[name]; ok {
		return i
	}
	return -1
}

// take returns the line read ahead, or reads one: without its \n and \r,
// cut at liMaxRecord (long says so), with its number.
func (t *liTable) take() (l []byte, long bool, n int64, err error) {
	if t.hasPend {
		t.hasPend = false
		return t.pending, t.pendLong, t.pendLine, nil
	}
	for {
		frag, err := t.br.ReadSlice('\n')
		if room := liMaxRecord - len(l); len(frag) > room {
			l, long = append(l, frag[:room]...), true
		} else {
			l = append(l, frag...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || len(l) == 0 && !long) {
			return nil, false, 0, err
		}
		t.line++
		l = bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte("\r"))
		return l, long, t.line, nil
	}
}

func (t *liTable) putBack(l []byte, long bool, n int64) {
	t.pending, t.pendLong, t.pendLine, t.hasPend = l, long, n, true
}

// record returns the next record; io.EOF after the last. Blank lines
// between records are passed over.
func (t *liTable) record() (liRecord, error) {
	var rec liRecord
	var sc liScan
	for {
		l, long, n, err := t.take()
		if err != nil {
			return rec, err
		}
		if len(bytes.TrimSpace(l)) > 0 || long {
			rec = liRecord{line: n}
			rec.add(l, long)
			sc.feed(l)
			break
		}
	}
	for {
		l, long, n, err := t.take()
		if err == io.EOF {
			return rec, nil
		}
		if err != nil {
			return rec, err
		}
		if t.anchored && liStart.Match(l[:min(len(l), 96)]) || sc.complete(t.ncols) {
			t.putBack(l, long, n)
			return rec, nil
		}
		sc.step('\n')
		sc.feed(l)
		rec.add([]byte{'\n'}, false)
		rec.add(l, long)
	}
}

func (r *liRecord) add(b []byte, long bool) {
	if room := liMaxRecord - len(r.text); len(b) > room {
		b, long = b[:room], true
	}
	r.text = append(r.text, b...)
	r.tooLong = r.tooLong || long
}

// fields splits a record into the header's columns, the free text decoded.
func (t *liTable) fields(rec liRecord) ([]string, error) {
	if rec.tooLong {
		return nil, errLITooLong
	}
	return liSplit(string(rec.text), t.ncols, t.free)
}

// reject is a record that could not be read, as a *ParseError.
func (t *liTable) reject(rec liRecord, err error) *ParseError {
	raw := rec.text
	if len(raw) > liMaxRaw {
		raw = raw[:liMaxRaw]
	}
	return &ParseError{File: t.name, Line: rec.line, Err: err, Raw: append([]byte(nil), raw...)}
}

// liScan follows the quoting of a record as its lines are read, tolerant of
// both dialects: in a quoted field "" and \" are quotes, and a quote that
// is followed by neither a comma nor the end of the line is taken as text.
type liScan struct {
	state  uint8
	commas int
}

const (
	scStart  = iota // at the start of a field
	scBare          // in an unquoted field
	scQuoted        // in a quoted field
	scQuote         // a quote in a quoted field: its end, or a doubled quote
	scEscape        // a backslash in a quoted field
)

func (s *liScan) feed(b []byte) {
	for _, c := range b {
		s.step(c)
	}
}

func (s *liScan) step(c byte) {
	switch s.state {
	case scStart, scBare:
		switch {
		case c == ',':
			s.commas++
			s.state = scStart
		case c == '"' && s.state == scStart:
			s.state = scQuoted
		default:
			s.state = scBare
		}
	case scQuoted:
		switch c {
		case '"':
			s.state = scQuote
		case '\\':
			s.state = scEscape
		}
	case scEscape:
		s.state = scQuoted
	case scQuote:
		switch c {
		case ',':
			s.commas++
			s.state = scStart
		case '\\':
			s.state = scEscape
		default:
			// A doubled quote, or a quote that was text after all (a
			// line of a record that is still short of fields).
			s.state = scQuoted
		}
	}
}

// complete reports whether the record read so far can end here: outside
// quotes, with at least the header's number of fields.
func (s *liScan) complete(ncols int) bool {
	return s.state != scQuoted && s.state != scEscape && s.commas+1 >= ncols
}

// liSplit returns a record's ncols fields: those before the free-text
// column read from the left, those after it from the right, and what is
// left between them as the free text.
func liSplit(s string, ncols, free int) ([]string, error) {
	out := make([]string, ncols)
	for i := 0; i < free; i++ {
		v, rest, ok := liLeftField(s)
		if !ok {
			return nil, errLIFields
		}
		out[i], s = v, rest
	}
	for i := ncols - 1; i > free; i-- {
		v, rest, ok := liRightField(s)
		if !ok {
			return nil, errLIFields
		}
		out[i], s = v, rest
	}
	out[free] = liText(s)
	return out, nil
}

// liLeftField takes the first field of s (which must be followed by a
// comma): quoted with doubled quotes, or bare.
func liLeftField(s string) (v, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			return "", "", false
		}
		return s[:i], s[i+1:], true
	}
	for i := 1; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			i++
			continue
		}
		if i+1 < len(s) && s[i+1] == ',' {
			return strings.ReplaceAll(s[1:i], `""`, `"`), s[i+2:], true
		}
	}
	return "", "", false
}

// liRightField takes the last field of s (which must follow a comma).
func liRightField(s string) (v, rest string, ok bool) {
	if len(s) < 2 || s[len(s)-1] != '"' {
		i := strings.LastIndexByte(s, ',')
		if i < 0 {
			return "", "", false
		}
		return s[i+1:], s[:i], true
	}
	for k := len(s) - 2; k > 0; k-- {
		if s[k] != '"' {
			continue
		}
		switch s[k-1] {
		case ',':
			return strings.ReplaceAll(s[k+1:len(s)-1], `""`, `"`), s[:k-1], true
		case '"':
			k-- // a doubled quote
		}
	}
	return "", "", false
}

// liText decodes the free-text field to the text as written: the field's
// quotes removed, its quotes unescaped in whichever dialect it uses, and
// the quotes LinkedIn puts around each line break taken out.
func liText(raw string) string {
	s := raw
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = liUnquote(s[1 : len(s)-1])
	}
	return liUnwrap(strings.ReplaceAll(s, "\r\n", "\n"))
}

// liUnquote unescapes a quoted field's inside: RFC 4180 where every quote
// is doubled (Shares; a backslash is then text), else \" and "" both as a
// quote (Comments).
func liUnquote(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	if liDoubled(s) {
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return liUnescape(s)
}

// liUnescape reads \" and "" as one quote; any other character is text.
func liUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if (s[i] == '\\' || s[i] == '"') && i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// liDoubled reports whether every quote of s is one of a doubled pair.
func liDoubled(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		if i+1 >= len(s) || s[i+1] != '"' {
			return false
		}
		i++
	}
	return true
}

// liUnwrap takes out the quote before and after each line break, where the
// text has them at every line break (LinkedIn writes a break as `"\n"`);
// a text where some break lacks them is left as it is.
func liUnwrap(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || i+1 == len(s) || s[i-1] != '"' || s[i+1] != '"') {
			return s
		}
	}
	return strings.ReplaceAll(s, "\"\n\"", "\n")
}
