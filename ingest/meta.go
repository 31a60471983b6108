package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// What the readers of Meta's "Download your information" exports
// (Instagram, Facebook) share. Both write JSON files that are a list of
// records, bare ([...]) or under one key ({"comments_v2": [...]}); both
// write timestamps as Unix seconds; and both write text as mojibake: each
// UTF-8 byte of a string escaped as if it were a Latin-1 character
// ("café" arrives as "caf\u00c3\u00a9"). Nothing in these files names a
// record with an id, so the readers build one from the record's time and
// content (SPEC, "Sources"), stable across exports of the same account.

// metaText repairs Meta's mojibake in one string: a string whose runes are
// all at most U+00FF, with at least one above ASCII, and whose runes taken
// as bytes are valid UTF-8, is those bytes. Anything else (already proper
// UTF-8 with runes above U+00FF, or Latin-1 text that is not UTF-8 as
// bytes, such as a correctly written "café") is left as it is. NUL is
// removed either way: it ends strings in the tools downstream.
func metaText(s string) string {
	s = latin1Bytes(s)
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

func latin1Bytes(s string) string {
	high := false
	for _, r := range s {
		if r > 0xFF {
			return s // also U+FFFD, which stands for invalid UTF-8
		}
		if r >= 0x80 {
			high = true
		}
	}
	if !high {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// metaTime is a Meta timestamp: Unix seconds, as a JSON number (a numeric
// string or milliseconds are taken too); 0 when absent or null.
type metaTime int64

func (t *metaTime) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		*t = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e15 {
		return ErrBadTimestamp
	}
	if f > 1e11 { // milliseconds: 1e11 s would be in the year 5138
		f /= 1000
	}
	*t = metaTime(f)
	return nil
}

// utc returns the time, and false when there is none.
func (t metaTime) utc() (time.Time, bool) {
	if t <= 0 {
		return time.Time{}, false
	}
	return time.Unix(int64(t), 0).UTC(), true
}

// metaKey is an id built from a record's time and content, prefixed so
// that it cannot be taken for an id the platform gives: the time in Unix
// seconds, then the first 16 hex digits of the SHA-256 of the parts.
func metaKey(prefix string, ts metaTime, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + ":" + strconv.FormatInt(int64(ts), 10) + ":" + hex.EncodeToString(h[:8])
}

// metaMediaName is a media file's name without folder or extension: the
// part of a media URI that stays the same when an export version moves
// the file (media/posts/202406/ or public-media/posts/202406/).
func metaMediaName(uri string) string {
	b := path.Base(strings.ReplaceAll(uri, `\`, "/"))
	if b == "." || b == "/" {
		return ""
	}
	return strings.TrimSuffix(b, path.Ext(b))
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// metaArchiveRe is the name Meta gives an export and its root folder:
// instagram-<username>-<date>[-<token>], facebook-<username>-<date>...,
// the date as 2025-07-31, 20221116 or 2026-3-6.
var metaArchiveRe = regexp.MustCompile(`(?i)(?:^|[/!\\])(instagram|facebook)-([a-z0-9._]{1,50})-(\d{4})-?(\d{1,2})-?(\d{1,2})\b`)

// metaArchive returns the account an export belongs to and the day it was
// made, as its archive or root folder is named
// (instagram-jane_doe-2025-07-31-AbCd.zip); "" and a zero time when the
// name does not follow Meta's pattern. They are the fallbacks for a file
// read without its personal_information, and an export's time where its
// records would say less.
func metaArchive(name, platform string) (account string, day time.Time) {
	for _, m := range metaArchiveRe.FindAllStringSubmatch(name, -1) {
		if !strings.EqualFold(m[1], platform) {
			continue
		}
		y, _ := strconv.Atoi(m[3])
		mo, _ := strconv.Atoi(m[4])
		d, _ := strconv.Atoi(m[5])
		if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); mo >= 1 && mo <= 12 && t.Day() == d && y >= 2004 {
			day = t
		}
		return strings.ToLower(m[2]), day
	}
	return "", time.Time{}
}

// metaAccount is the own account of a Meta file: the one its archive's
// name gives (the most specific evidence, and recorded as own), else the
// first configured or learnt one.
func metaAccount(src *Source, platform string) string {
	if a, _ := metaArchive(src.Name, platform); a != "" {
		if src.Own != nil {
			src.Own.Add(platform, a)
		}
		return a
	}
	return src.Own.Account(platform)
}

// Rejects are grouped by their reason's text: keep these short and stable.
var (
	errMetaLayout  = errors.New("record of an unknown layout")
	errMetaNoTime  = errors.New("record without a timestamp")
	errMetaNotList = errors.New("not a list of records")
)

// metaRecordErr is the reason for a record that json could not decode into
// the layout its kind expects.
func metaRecordErr(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("%w (a JSON %s)", errMetaLayout, te.Value)
		}
		return fmt.Errorf("%w (%s is a JSON %s)", errMetaLayout, te.Field, te.Value)
	}
	if errors.Is(err, ErrBadTimestamp) {
		return ErrBadTimestamp
	}
	return errMetaLayout
}

// rawClip is a record's text as a reject keeps it: its first KiB.
func rawClip(raw []byte) []byte {
	if len(raw) > 1024 {
		raw = raw[:1024]
	}
	return append([]byte(nil), raw...)
}

// metaLines counts the lines of what a json.Decoder reads, so that a
// record can be told by the line it starts on. It keeps the offsets of
// the newlines the decoder has read but not yet passed, which is at most
// its buffer's worth.
type metaLines struct {
	r      io.Reader
	off    int64   // bytes read so far
	nl     []int64 // offsets of newlines not yet counted
	passed int64   // newlines before the last offset asked about
}

func (c *metaLines) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.nl = append(c.nl, c.off+int64(i))
		}
	}
	c.off += int64(n)
	return n, err
}

// lineAt returns the line (from 1) of the byte at off. Offsets asked about
// must not decrease.
func (c *metaLines) lineAt(off int64) int64 {
	i := 0
	for i < len(c.nl) && c.nl[i] < off {
		i++
	}
	c.passed += int64(i)
	c.nl = c.nl[i:]
	return c.passed + 1
}

// metaStream yields the records of a Meta JSON file one at a time, never
// holding more than one: a bare top-level list, or the lists under the
// keys a kind knows in a top-level object (other keys are passed over).
type metaStream struct {
	dec     *json.Decoder
	lines   *metaLines
	keys    []string // the keys whose list holds the kind's records (metaKeyIs)
	state   int
	wrapped bool     // the lists are under keys of a top-level object
	found   bool     // a list of records was found
	seen    []string // the first keys of the top-level object, for errors
	n       int64    // records so far
	last    int64    // the line of the record before
	flat    bool     // records share lines: positions are record numbers
}

const (
	streamStart = iota
	streamObject
	streamList
	streamEnd
)

func newMetaStream(r io.Reader, keys ...string) *metaStream {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	lc := &metaLines{r: br}
	return &metaStream{dec: json.NewDecoder(lc), lines: lc, keys: keys}
}

// metaKeyIs reports whether key is one of keys, where a key ending in
// "_v*" stands for every version Meta numbers that way (comments_v2, and
// a comments_v3 to come, whose records are then read or rejected, never
// passed over in silence).
func metaKeyIs(key string, keys ...string) bool {
	for _, k := range keys {
		if stem, ok := strings.CutSuffix(k, "_v*"); ok {
			if v, ok := strings.CutPrefix(key, stem+"_v"); ok && v != "" && strings.Trim(v, "0123456789") == "" {
				return true
			}
		} else if key == k {
			return true
		}
	}
	return false
}

// next returns the next record's JSON and its position: the line it
// starts on, or its number from 1 when the file holds several records on
// a line (minified JSON). io.EOF after the last; any other error means the
// file cannot be read further.
func (s *metaStream) next() (json.RawMessage, int64, error) {
	for {
		var err error
		switch s.state {
		case streamStart:
			err = s.start()
		case streamObject:
			err = s.nextKey()
		case streamList:
			if s.dec.More() {
				return s.record()
			}
			err = s.endList()
		default:
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

func (s *metaStream) start() error {
	tok, err := s.dec.Token()
	if err == io.EOF {
		s.state = streamEnd
		return nil
	}
	if err != nil {
		return s.broken(err)
	}
	switch tok {
	case json.Delim('['):
		s.state, s.found = streamList, true
	case json.Delim('{'):
		s.state, s.wrapped = streamObject, true
	default:
		return errMetaNotList
	}
	return nil
}

// nextKey reads the top-level object up to the next list of records.
func (s *metaStream) nextKey() error {
	tok, err := s.dec.Token()
	if err != nil {
		return s.broken(err)
	}
	if tok == json.Delim('}') {
		s.state = streamEnd
		if !s.found {
			return fmt.Errorf("%w: no key of this kind's records (keys: %s)", errMetaNotList, strings.Join(s.seen, ", "))
		}
		return nil
	}
	key, _ := tok.(string)
	if len(s.seen) < 8 {
		s.seen = append(s.seen, strconv.Quote(key))
	}
	if !metaKeyIs(key, s.keys...) {
		return s.skipValue()
	}
	tok, err = s.dec.Token()
	if err != nil {
		return s.broken(err)
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("%w: %q holds no list", errMetaNotList, key)
	}
	s.state, s.found = streamList, true
	return nil
}

// skipValue passes over a value token by token, so that a large one is
// never held whole.
func (s *metaStream) skipValue() error {
	depth := 0
	for {
		tok, err := s.dec.Token()
		if err != nil {
			return s.broken(err)
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func (s *metaStream) endList() error {
	if _, err := s.dec.Token(); err != nil { // the list's ]
		return s.broken(err)
	}
	s.state = streamObject
	if !s.wrapped {
		s.state = streamEnd
		if _, err := s.dec.Token(); err != io.EOF {
			return fmt.Errorf("line %d: data after the list of records", s.lines.lineAt(s.nextOffset()))
		}
	}
	return nil
}

func (s *metaStream) record() (json.RawMessage, int64, error) {
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return nil, 0, s.broken(err)
	}
	s.n++
	line := s.lines.lineAt(s.dec.InputOffset() - int64(len(raw)))
	if s.n > 1 && line <= s.last {
		s.flat = true
	}
	s.last = line
	if s.flat {
		return raw, s.n, nil
	}
	return raw, line, nil
}

// broken is the error of JSON that cannot be read on, which ends the
// input.
func (s *metaStream) broken(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("line %d: broken JSON after %d records (%w)", s.lines.lineAt(s.nextOffset()), s.n, err)
}

// nextOffset is the offset of the next value the decoder has not read:
// past the spaces and separators after what it has read, which it may
// hold in its buffer.
func (s *metaStream) nextOffset() int64 {
	off := s.dec.InputOffset()
	buf, _ := io.ReadAll(io.LimitReader(s.dec.Buffered(), 4096))
	for _, b := range buf {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ',' && b != ':' {
			break
		}
		off++
	}
	return off
}

// metaReader is the Reader of a Meta file: its stream's records, each
// turned into a row by conv (nil for a record passed over on purpose).
type metaReader struct {
	src     *Source
	s       *metaStream
	conv    func(raw []byte, pos int64) (Record, error)
	skipped int64
	day     time.Time // the day the export was made, from its name
	latest  time.Time // of the records so far
}

var (
	_ Reader      = (*metaReader)(nil)
	_ ExportTimer = (*metaReader)(nil)
)

func newMetaReader(src *Source, platform string, conv func(raw []byte, pos int64) (Record, error), keys ...string) *metaReader {
	_, day := metaArchive(src.Name, platform)
	return &metaReader{src: src, s: newMetaStream(src.R, keys...), conv: conv, day: day}
}

// ExportTime is the day the export's name says it was made, or its
// latest record's time where that is later (a record of the day itself):
// an export's records alone make two exports of the same account tie
// when nothing new happened between them. Without such a name, ingest
// falls back to the latest record.
func (r *metaReader) ExportTime() (time.Time, bool) {
	if r.day.IsZero() {
		return time.Time{}, false
	}
	if r.latest.After(r.day) {
		return r.latest, true
	}
	return r.day, true
}

func (r *metaReader) Next() (Record, error) {
	for {
		raw, pos, err := r.s.next()
		if err != nil {
			return nil, err
		}
		rec, err := r.conv(raw, pos)
		if err != nil {
			return nil, &ParseError{File: r.src.Name, Line: pos, Err: err, Raw: rawClip(raw)}
		}
		if rec != nil {
			if tr, ok := rec.(interface{ recordTime() time.Time }); ok && tr.recordTime().After(r.latest) {
				r.latest = tr.recordTime()
			}
			return rec, nil
		}
		r.skipped++
	}
}

// Skipped counts the records passed over on purpose.
func (r *metaReader) Skipped() int64 { return r.skipped }

// jsonHead is what detection sees of a JSON file's first bytes: the paths
// of the values and containers in them ("[]/media/[]/uri"), each with the
// first string found there, and the first key of a top-level object.
type jsonHead struct {
	root  byte // '[' or '{'; 0 when the head is not JSON
	first string
	paths map[string]string
}

type headFrame struct {
	obj     bool
	key     string
	wantKey bool
}

// readHead walks the tokens of a (truncated) JSON head up to the first
// error, which is where the head was cut.
func readHead(head []byte) jsonHead {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	h := jsonHead{paths: map[string]string{}}
	dec := json.NewDecoder(bytes.NewReader(head))
	var stack []headFrame
	for n := 0; n < 8192 && len(h.paths) < 2048; n++ {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		d, isDelim := tok.(json.Delim)
		var top *headFrame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch {
		case isDelim && (d == '[' || d == '{'):
			if top == nil {
				h.root = byte(d)
			} else {
				h.add(stack, "")
			}
			stack = append(stack, headFrame{obj: d == '{', wantKey: true})
		case isDelim: // ] or }
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].obj {
				stack[len(stack)-1].wantKey = true
			}
		case top != nil && top.obj && top.wantKey:
			top.key, top.wantKey = fmt.Sprint(tok), false
			if len(stack) == 1 && h.first == "" {
				h.first = top.key
			}
		case top != nil:
			v, _ := tok.(string)
			h.add(stack, v)
			if top.obj {
				top.wantKey = true
			}
		}
	}
	return h
}

func (h *jsonHead) add(stack []headFrame, v string) {
	parts := make([]string, len(stack))
	for i, f := range stack {
		parts[i] = "[]"
		if f.obj {
			parts[i] = f.key
		}
	}
	p := strings.Join(parts, "/")
	if _, ok := h.paths[p]; !ok || h.paths[p] == "" {
		h.paths[p] = v
	}
}

// has reports whether any of paths is in the head.
func (h *jsonHead) has(paths ...string) bool {
	for _, p := range paths {
		if _, ok := h.paths[p]; ok {
			return true
		}
	}
	return false
}

// hasUnder reports whether the head holds a path under prefix whose last
// part is one of names (compared after mojibake repair, ignoring case).
func (h *jsonHead) hasUnder(prefix string, names ...string) bool {
	for p := range h.paths {
		rest, ok := strings.CutPrefix(p, prefix+"/")
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(rest, "/")
		for _, n := range names {
			if strings.EqualFold(metaText(first), n) {
				return true
			}
		}
	}
	return false
}
