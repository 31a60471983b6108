package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Helpers that the JSON readers of community exports (telegram.go,
// discourse.go) share: a json.Decoder that walks an export token by token,
// knows the line each value starts on, and skips what it does not need
// without holding it. Exports of a big group run to hundreds of MB, so
// nothing here keeps more than one value of the array being read.

// jsonStream is a decoder over an export and where its values start.
type jsonStream struct {
	name  string
	dec   *json.Decoder
	lines *jsonLines
	// n counts the values read with value; byOrdinal is set when the
	// first one starts on line 1 (a one-line export, as the Discourse API
	// writes), where lines mean nothing and a value's number is its
	// position instead.
	n         int64
	byOrdinal int8 // 0 undecided, 1 ordinal, -1 lines
}

func newJSONStream(name string, r io.Reader) *jsonStream {
	nl := &jsonLines{r: r}
	dec := json.NewDecoder(nl)
	dec.UseNumber()
	return &jsonStream{name: name, dec: dec, lines: nl}
}

// errStructure is what an export whose layout cannot be walked ends with.
var errStructure = errors.New("unexpected JSON structure")

// token returns the next token; a syntax error or a cut file ends the
// input, since a decoder cannot resynchronise inside broken JSON.
func (s *jsonStream) token() (json.Token, error) {
	t, err := s.dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("reading %s: %w", s.name, io.ErrUnexpectedEOF)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s at byte %d: %w", s.name, s.dec.InputOffset(), err)
	}
	return t, nil
}

// key returns the next key of an object, or "" and false at its end.
func (s *jsonStream) key() (string, bool, error) {
	t, err := s.token()
	if err != nil {
		return "", false, err
	}
	switch v := t.(type) {
	case string:
		return v, true, nil
	case json.Delim:
		if v == '}' {
			return "", false, nil
		}
	}
	return "", false, fmt.Errorf("reading %s at byte %d: %w: %v where a key was expected", s.name, s.dec.InputOffset(), errStructure, t)
}

// open reads the delimiter d ('{' or '['), or returns ok false having
// skipped the value when it is something else (a null list, a string).
func (s *jsonStream) open(d json.Delim) (ok bool, err error) {
	t, err := s.token()
	if err != nil {
		return false, err
	}
	if t == d {
		return true, nil
	}
	if dl, isDelim := t.(json.Delim); isDelim {
		return false, s.skipRest(dl)
	}
	return false, nil
}

// skip passes over the next value without keeping it.
func (s *jsonStream) skip() error {
	t, err := s.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); ok {
		return s.skipRest(d)
	}
	return nil
}

// skipRest passes over the rest of the array or object opened by d.
func (s *jsonStream) skipRest(d json.Delim) error {
	if d != '{' && d != '[' {
		return fmt.Errorf("reading %s at byte %d: %w: unexpected %v", s.name, s.dec.InputOffset(), errStructure, d)
	}
	for depth := 1; depth > 0; {
		t, err := s.token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// more reports whether the array or object being read has another element.
func (s *jsonStream) more() bool { return s.dec.More() }

// closeList reads the ']' that ends an array after more said false.
func (s *jsonStream) closeList() error {
	_, err := s.token()
	return err
}

// value reads the next value whole (one message, one post) and returns its
// bytes and position: its line, or its number from 1 in a one-line export.
func (s *jsonStream) value() (json.RawMessage, int64, error) {
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, 0, fmt.Errorf("reading %s at byte %d: %w", s.name, s.dec.InputOffset(), err)
	}
	s.n++
	line := 1 + s.lines.before(s.dec.InputOffset()) - int64(bytes.Count(raw, []byte{'\n'}))
	if s.byOrdinal == 0 {
		s.byOrdinal = -1
		if line == 1 {
			s.byOrdinal = 1
		}
	}
	if s.byOrdinal == 1 {
		return raw, s.n, nil
	}
	return raw, line, nil
}

// decode reads the next value into v (a scalar or a small object, such as
// a chat's name or an export's personal information).
func (s *jsonStream) decode(v any) error {
	if err := s.dec.Decode(v); err != nil {
		return fmt.Errorf("reading %s at byte %d: %w", s.name, s.dec.InputOffset(), err)
	}
	return nil
}

// scalar reads the next value and returns it as text when it is a string
// or a number, "" when it is anything else (null, an object): a chat's or
// a topic's name of an unexpected shape is no reason to stop.
func (s *jsonStream) scalar() (string, error) {
	var raw json.RawMessage
	if err := s.decode(&raw); err != nil {
		return "", err
	}
	var id jsonID
	if json.Unmarshal(raw, &id) != nil {
		return "", nil
	}
	return string(id), nil
}

// jsonLines passes its reader's bytes through and notes where the newlines
// are, so that a decoder's offset can be turned into a line. It keeps only
// the newlines the decoder has read ahead of the last value asked about.
type jsonLines struct {
	r    io.Reader
	off  int64   // bytes passed through
	at   []int64 // offsets of the newlines not yet counted in base
	base int64   // newlines before at[0]
}

func (n *jsonLines) Read(p []byte) (int, error) {
	c, err := n.r.Read(p)
	b := p[:c]
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		n.at = append(n.at, n.off+int64(len(p[:c])-len(b))+int64(i))
		b = b[i+1:]
		i = bytes.IndexByte(b, '\n')
	}
	n.off += int64(c)
	return c, err
}

// before returns how many newlines lie before offset off; off never goes
// back between calls.
func (n *jsonLines) before(off int64) int64 {
	i := 0
	for i < len(n.at) && n.at[i] < off {
		i++
	}
	n.base += int64(i)
	n.at = n.at[i:]
	return n.base
}

// jsonID is an id that exports write as a number or as a string (Telegram
// Desktop wrote from_id as a number before 2021, "user123" since), kept as
// its text.
type jsonID string

func (f *jsonID) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = jsonID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id %s is neither a number nor a string", rawCut(b, 40))
	}
	*f = jsonID(n.String())
	return nil
}

// isInteger reports whether an id is a plain number.
func (f jsonID) isInteger() bool {
	_, err := strconv.ParseInt(string(f), 10, 64)
	return err == nil
}

// utf8BOM starts files that an editor saved again.
var utf8BOM = []byte("\xef\xbb\xbf")

// rawCut returns at most n bytes of b, for error messages and rejects.
func rawCut(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// optText returns a pointer to s, or nil when s is empty.
func optText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
