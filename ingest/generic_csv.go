package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The generic CSV kinds (SPEC, "Sources"): conversations_csv and posts_csv,
// for every community space that has no reader of its own (a support desk,
// a forum, a Facebook Page export reworked in a spreadsheet). The user
// writes the file; docs/import-csv.md says how. They are RFC 4180 files
// read with encoding/csv (no lazy quotes), known by their header row, whose
// columns may come in any order and may be left out, except text.
//
// Defaults, chosen so that a file made by hand still gives rows that the
// community numbers can use (docs/import-csv.md says the same to the user):
//
//   - platform: empty is "other"; else lower-cased, and it must then be a
//     safe partition name (up to 32 letters, digits, '_', '-').
//   - ts: required in every record. A message or post without a time cannot
//     be placed in a period, answered or counted per week, and the
//     warehouse's ts is not nullable: such a record is a reject, as is a
//     time without a zone (RFC 3339 wants one; guessing UTC would move
//     messages across days without a word).
//   - conversations: an empty thread_id puts the message in the platform's
//     one thread without id (csvNoThread), as a chat room's messages are one
//     thread: answers are then found by mentions and order (SPEC, "answered").
//     An empty message_id is built from a hash of (platform, author, ts,
//     text), so that the same message in a later export keeps its key.
//   - posts: an empty post_id is built from (platform, account, ts, text);
//     an empty account is the config's own account on the platform.
//
// A record whose fields are all empty (a spreadsheet's blank row of commas,
// however many), or that repeats the header row (two files pasted
// together), is skipped and counted, not rejected.

const (
	// csvNoThread is the thread of the messages that name none. The "csv:"
	// prefix of the ids this reader builds keeps them apart from any real
	// id a platform gives.
	csvNoThread = "csv:none"
	// csvRecordMax bounds one record: a longer one (an opening quote never
	// closed swallows the rest of the file) ends the input, so that memory
	// stays bounded whatever the file.
	csvRecordMax = 16 << 20
	// csvTailMax is how many of the last bytes read the raw keeper holds: more
	// than the csv.Reader's read-ahead (its 4 KiB bufio buffer).
	csvTailMax = 16 << 10
)

// csvLayout is one of the two generic CSV kinds: its columns as SPEC lists
// them and how a record becomes a row.
type csvLayout struct {
	kind    string
	columns []string
	record  func(r *csvReader, f []string, line int64) (Record, error)
}

var (
	conversationsCSV = &csvLayout{
		kind:    "conversations_csv",
		columns: []string{"platform", "thread_id", "message_id", "parent_id", "author", "is_own_account", "ts", "text", "status", "url"},
		record:  csvMessage,
	}
	postsCSV = &csvLayout{
		kind:    "posts_csv",
		columns: []string{"platform", "account", "post_id", "ts", "kind", "text", "url", "likes", "reposts", "replies", "impressions"},
		record:  csvPost,
	}
	csvLayouts = []*csvLayout{conversationsCSV, postsCSV}
)

func (l *csvLayout) has(name string) bool {
	for _, c := range l.columns {
		if c == name {
			return true
		}
	}
	return false
}

// own reports whether name is a column of l and of no other generic kind:
// such a column tells which kind a header is.
func (l *csvLayout) own(name string) bool {
	if !l.has(name) {
		return false
	}
	for _, o := range csvLayouts {
		if o != l && o.has(name) {
			return false
		}
	}
	return true
}

// csvOtherKind names the generic kind that has column name, for the error
// that lists a header's unknown columns.
func csvOtherKind(l *csvLayout, name string) string {
	for _, o := range csvLayouts {
		if o != l && o.has(name) {
			return o.kind
		}
	}
	return ""
}

// claims reports whether a header row is one of l: it has text, at least
// one column that only l has and none that only another kind has. A header
// of shared columns only (platform, ts, text, url) could be either kind and
// is left to --format. Unknown columns are allowed when two of l's own
// columns say what the file is meant to be: the reader then stops with an
// error that names them, which helps more than "no kind matches".
func (l *csvLayout) claims(names []string) bool {
	text, mine, others, unknown := false, 0, 0, 0
	for _, n := range names {
		switch {
		case n == "text":
			text = true
		case n == "":
		case l.own(n):
			mine++
		case l.has(n):
		case csvOtherKind(l, n) != "":
			others++
		default:
			unknown++
		}
	}
	return text && others == 0 && mine >= 1 && (unknown == 0 || mine >= 2)
}

// detectCSV returns the Detect of a generic kind: its header row, read from
// the head of the input.
func detectCSV(l *csvLayout) func(head []byte) bool {
	return func(head []byte) bool {
		names, ok := csvHeaderOf(head)
		return ok && l.claims(names)
	}
}

// csvHeaderOf reads the header row at the start of head, names normalised.
func csvHeaderOf(head []byte) ([]string, bool) {
	head = bytes.TrimPrefix(head, csvBOM)
	line := csvHeaderLine(head)
	cr := csv.NewReader(bytes.NewReader(line))
	cr.Comma = csvComma(line)
	names, err := cr.Read()
	if err != nil {
		return nil, false
	}
	for i := range names {
		names[i] = csvColumnName(names[i])
	}
	return names, true
}

var csvBOM = []byte("\uFEFF")

// csvComma chooses the field separator from the header row: a comma as RFC
// 4180 says, or the semicolon that spreadsheets write where the comma is
// the decimal mark (French, German), or a tab. Column names hold none of
// them, so the header row decides safely.
func csvComma(header []byte) rune {
	for _, c := range []byte{',', ';', '\t'} {
		if bytes.IndexByte(header, c) >= 0 {
			return rune(c)
		}
	}
	return ','
}

// csvColumnName is a header cell as the layouts name columns: "Thread ID"
// is thread_id.
func csvColumnName(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_")
}

// csvReader reads a generic CSV input of one layout.
type csvReader struct {
	src     *Source
	layout  *csvLayout
	in      *bufio.Reader
	raw     *csvRawKeeper
	cr      *csv.Reader
	cols    map[string]int // column name -> index in a record
	unnamed []int          // columns with an empty header cell
	started bool
	skipped int64
	err     error // the error that ended the input, returned again
}

var (
	_ Reader  = (*csvReader)(nil)
	_ Skipper = (*csvReader)(nil)
)

func openCSV(l *csvLayout) func(src *Source) Reader {
	return func(src *Source) Reader { return &csvReader{src: src, layout: l} }
}

// Skipped counts the records whose fields were all empty and the repeated
// header rows.
func (r *csvReader) Skipped() int64 { return r.skipped }

func (r *csvReader) Next() (Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if !r.started {
		r.started = true
		if err := r.start(); err != nil {
			r.err = err
			return nil, err
		}
	}
	for {
		f, err := r.cr.Read()
		off := r.cr.InputOffset()
		if err != nil && !(errors.Is(err, csv.ErrFieldCount) && csvBlankRecord(f)) {
			return nil, r.failed(err, off)
		}
		if csvBlankRecord(f) || r.isHeader(f) {
			r.raw.next(off)
			r.skipped++
			continue
		}
		line, _ := r.cr.FieldPos(0)
		rec, err := r.build(f, int64(line))
		if err != nil {
			err = r.reject(int64(line), err, off)
		} else {
			r.raw.next(off)
		}
		return rec, err
	}
}

// failed turns a csv.Reader error into a reject (a record of bad CSV, after
// which the csv.Reader goes on) or the end of the input.
func (r *csvReader) failed(err error, off int64) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			err = fmt.Errorf("%w: the header has %d", csv.ErrFieldCount, len(r.cols)+len(r.unnamed))
		} else {
			err = pe.Err
		}
		return r.reject(int64(pe.StartLine), err, off)
	}
	if errors.Is(err, errCSVRecordTooLong) {
		err = fmt.Errorf("the record from line %d on is longer than %d MiB (a quote never closed?): %w", r.raw.recLine, csvRecordMax>>20, err)
	}
	r.err = err
	return err
}

func (r *csvReader) reject(line int64, err error, off int64) error {
	raw := r.raw.text(off)
	r.raw.next(off)
	return &ParseError{File: r.src.Name, Line: line, Err: err, Raw: raw}
}

// isHeader reports whether a record repeats the header row, as it does
// where two exports were pasted one after the other. With one column, a
// message that says "text" would be taken for it: that takes two.
func (r *csvReader) isHeader(f []string) bool {
	if len(r.cols) < 2 {
		return false
	}
	for name, i := range r.cols {
		if csvColumnName(f[i]) != name {
			return false
		}
	}
	return true
}

func csvBlankRecord(f []string) bool {
	for _, v := range f {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// start reads the header row and checks its columns.
func (r *csvReader) start() error {
	r.in = bufio.NewReaderSize(r.src.R, 64<<10)
	head, _ := r.in.Peek(4 << 10)
	comma := csvComma(csvHeaderLine(bytes.TrimPrefix(head, csvBOM)))
	if bytes.HasPrefix(head, csvBOM) {
		r.in.Discard(len(csvBOM))
	}
	r.raw = &csvRawKeeper{r: r.in, recLine: 1}
	r.cr = csv.NewReader(r.raw)
	r.cr.Comma = comma
	names, err := r.cr.Read()
	r.raw.next(r.cr.InputOffset())
	if err == io.EOF {
		return io.EOF // an empty file holds no records
	}
	if err != nil {
		return fmt.Errorf("reading the header row: %w", err)
	}
	return r.useHeader(names)
}

// csvHeaderLine is the first line of b, with its line end.
func csvHeaderLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1]
	}
	return b
}

// useHeader maps the header's columns, or says what is wrong with them: a
// misspelt column would otherwise be dropped without a word.
func (r *csvReader) useHeader(cells []string) error {
	r.cols = map[string]int{}
	var unknown []string
	for i, c := range cells {
		n := csvColumnName(c)
		switch {
		case strings.ContainsRune(n, '\r'):
			return errors.New(`header row: its lines end in a bare CR (an old Mac format): save the file again as "CSV UTF-8"`)
		case n == "":
			r.unnamed = append(r.unnamed, i)
		case !r.layout.has(n):
			unknown = append(unknown, csvUnknownColumn(r.layout, n))
		default:
			if _, dup := r.cols[n]; dup {
				return fmt.Errorf("header row: column %q appears twice", n)
			}
			r.cols[n] = i
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("header row: unknown columns %s; the columns of %s are %s",
			strings.Join(unknown, ", "), r.layout.kind, strings.Join(r.layout.columns, ","))
	}
	if _, ok := r.cols["text"]; !ok {
		return fmt.Errorf("header row: no text column; the columns of %s are %s", r.layout.kind, strings.Join(r.layout.columns, ","))
	}
	return nil
}

func csvUnknownColumn(l *csvLayout, name string) string {
	if k := csvOtherKind(l, name); k != "" {
		return fmt.Sprintf("%q (a %s column)", name, k)
	}
	return strconv.Quote(name)
}

// build checks what every record needs, then makes the layout's row.
func (r *csvReader) build(f []string, line int64) (Record, error) {
	for _, v := range f {
		if !utf8.ValidString(v) {
			return nil, errCSVNotUTF8
		}
	}
	for _, i := range r.unnamed {
		if strings.TrimSpace(f[i]) != "" {
			return nil, fmt.Errorf("a value in column %d, which the header row does not name", i+1)
		}
	}
	return r.layout.record(r, f, line)
}

// value returns a record's field of column name, spaces trimmed; "" when
// the header has no such column.
func (r *csvReader) value(f []string, name string) string {
	i, ok := r.cols[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(f[i])
}

// text returns the record's text as written (only a text of spaces is none).
func (r *csvReader) text(f []string) *string {
	t := f[r.cols["text"]]
	if strings.TrimSpace(t) == "" {
		return nil
	}
	return &t
}

// csvMessage makes a conversations row.
func csvMessage(r *csvReader, f []string, line int64) (Record, error) {
	platform, ts, err := r.placed(f)
	if err != nil {
		return nil, err
	}
	status, err := csvStatus(r.value(f, "status"))
	if err != nil {
		return nil, err
	}
	own, err := csvBool(r.value(f, "is_own_account"))
	if err != nil {
		return nil, err
	}
	m := &Message{Line: line}
	c := &m.Conversation
	c.Platform, c.TS, c.Status, c.Text = platform, ts, status, r.text(f)
	c.ThreadID = r.value(f, "thread_id")
	if c.ThreadID == "" {
		c.ThreadID = csvNoThread
	}
	c.Author = csvOptional(r.value(f, "author"))
	c.ParentID = csvOptional(r.value(f, "parent_id"))
	c.URL = csvOptional(r.value(f, "url"))
	c.IsOwnAccount = own || c.Author != nil && r.src.Own.Is(platform, *c.Author)
	c.Kind = "comment"
	if c.ParentID != nil {
		c.Kind = "reply"
	}
	c.MessageID = r.value(f, "message_id")
	if c.MessageID == "" {
		c.MessageID = csvID(platform, r.value(f, "author"), ts, r.value(f, "text"))
	}
	return m, nil
}

// csvPost makes a social_posts row. post_id is kept as written, not made
// unique per account: platforms' post ids are unique on the platform, the
// warehouse keys posts by it, and the same post read from a platform's own
// archive then keeps one row.
func csvPost(r *csvReader, f []string, line int64) (Record, error) {
	platform, ts, err := r.placed(f)
	if err != nil {
		return nil, err
	}
	kind, err := csvPostKind(r.value(f, "kind"))
	if err != nil {
		return nil, err
	}
	p := &Post{Line: line}
	s := &p.SocialPost
	s.Platform, s.TS, s.Kind, s.Text = platform, ts, kind, r.text(f)
	for _, c := range []struct {
		name string
		to   **int64
	}{{"likes", &s.Likes}, {"reposts", &s.Reposts}, {"replies", &s.Replies}, {"impressions", &s.Impressions}} {
		if *c.to, err = csvCount(c.name, r.value(f, c.name)); err != nil {
			return nil, err
		}
	}
	s.Account = r.value(f, "account")
	s.PostID = r.value(f, "post_id")
	if s.PostID == "" {
		// From the account as written, not as the config fills it in: a
		// handle added to the config later must not change the ids.
		s.PostID = csvID(platform, s.Account, ts, r.value(f, "text"))
	}
	if s.Account == "" {
		s.Account = r.src.Own.Account(platform)
	}
	s.URL = csvOptional(r.value(f, "url"))
	if s.Text != nil {
		s.Links, s.Hashtags, s.Mentions = textLinks(*s.Text), hashtags(*s.Text), mentions(*s.Text)
	}
	return p, nil
}

// placed returns what places every record: its platform and time.
func (r *csvReader) placed(f []string) (string, time.Time, error) {
	platform, err := csvPlatform(r.value(f, "platform"))
	if err != nil {
		return "", time.Time{}, err
	}
	ts, err := csvTime(r.value(f, "ts"))
	return platform, ts, err
}

func csvOptional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// csvID builds the id of a record that has none from what identifies it,
// the time in one spelling so that "+01:00" and "Z" give the same id, and
// the text without the spaces around it, which spreadsheets may trim.
func csvID(platform, who string, ts time.Time, text string) string {
	h := sha256.New()
	for _, s := range []string{platform, who, ts.UTC().Format(time.RFC3339Nano), text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "csv:" + hex.EncodeToString(h.Sum(nil)[:12])
}

// Reasons for rejecting a generic CSV record. Rejects are grouped by these
// texts: keep them short and stable.
var (
	errCSVNoTS          = errors.New("no ts: a record without a time cannot be placed")
	errCSVNoZone        = errors.New("ts has no time zone: add Z (UTC) or an offset such as +01:00")
	errCSVBadTS         = errors.New("ts is not an RFC 3339 time such as 2026-03-05T14:02:00Z")
	errCSVOldTS         = errors.New("ts is before 1970")
	errCSVBadPlatform   = errors.New("platform is not a name of up to 32 letters, digits, '_' or '-'")
	errCSVBadBool       = errors.New("is_own_account is not true or false")
	errCSVBadStatus     = errors.New("status is not approved, pending, spam or trash")
	errCSVBadKind       = errors.New("kind is not post, reply, repost or quote")
	errCSVNotUTF8       = errors.New(`not UTF-8 text: save the file as "CSV UTF-8"`)
	errCSVRecordTooLong = errors.New("record too long")
)

// csvPlatform returns the platform, lower-cased. It names a warehouse
// folder (platform=<p>), so only what snapshot ingest takes as a name
// (platformName) passes.
func csvPlatform(s string) (string, error) {
	if s == "" {
		return "other", nil
	}
	s = strings.ToLower(s)
	if !platformName.MatchString(s) {
		return "", errCSVBadPlatform
	}
	return s, nil
}

// csvTime reads an RFC 3339 time; the space that RFC 3339 allows for the T
// (and that spreadsheets write) is taken too.
func csvTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errCSVNoTS
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	switch {
	case err == nil && t.Year() < 1970:
		return time.Time{}, errCSVOldTS // 0001-01-01, a spreadsheet's empty date
	case err == nil:
		return t.UTC(), nil
	}
	for _, local := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if _, err := time.Parse(local, s); err == nil {
			return time.Time{}, errCSVNoZone
		}
	}
	return time.Time{}, errCSVBadTS
}

// csvBool reads is_own_account: true or false, in any case (spreadsheets
// write TRUE and FALSE), or 1 and 0, yes and no; empty is false.
func csvBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, errCSVBadBool
}

func csvStatus(s string) (string, error) {
	switch s = strings.ToLower(s); s {
	case "":
		return "approved", nil
	case "approved", "pending", "spam", "trash":
		return s, nil
	}
	return "", errCSVBadStatus
}

func csvPostKind(s string) (string, error) {
	switch s = strings.ToLower(s); s {
	case "":
		return "post", nil
	case "post", "reply", "repost", "quote":
		return s, nil
	}
	return "", errCSVBadKind
}

// csvCount reads a counter: empty is unknown (NULL), never 0.
func csvCount(name, s string) (*int64, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%s is not a whole number of 0 or more", name)
	}
	return &n, nil
}

// csvRawKeeper stands between the input and the csv.Reader and keeps the text
// of the record being read, for the reject of a bad one: its first maxRaw
// bytes, and the last bytes read, which hold the start of the records that
// the csv.Reader has read ahead. It also ends a record that grows past
// csvRecordMax, which the csv.Reader would hold whole.
type csvRawKeeper struct {
	r        io.Reader
	n        int64  // bytes handed to the csv.Reader
	recStart int64  // offset of the record being read
	recLine  int    // the line recStart is on (blank lines before a record count)
	lines    int    // line ends handed on
	head     []byte // its first bytes, up to maxRaw (maybe more of what follows)
	tail     []byte // the last bytes handed on, ending at n
}

func (k *csvRawKeeper) Read(p []byte) (int, error) {
	if k.n-k.recStart > csvRecordMax {
		return 0, errCSVRecordTooLong
	}
	n, err := k.r.Read(p)
	b := p[:n]
	if room := maxRaw - len(k.head); room > 0 {
		k.head = append(k.head, b[:min(room, n)]...)
	}
	k.lines += bytes.Count(b, []byte{'\n'})
	k.tail = append(k.tail, b...)
	if len(k.tail) > 2*csvTailMax {
		k.tail = k.tail[:copy(k.tail, k.tail[len(k.tail)-csvTailMax:])]
	}
	k.n += int64(n)
	return n, err
}

// text returns the text of the record that ends at off (up to maxRaw
// bytes, without its line end).
func (k *csvRawKeeper) text(off int64) []byte {
	raw := k.head
	if l := off - k.recStart; l < int64(len(raw)) {
		raw = raw[:max(l, 0)]
	}
	return bytes.Clone(bytes.TrimRight(raw, "\r\n"))
}

// next moves on to the record that starts at off.
func (k *csvRawKeeper) next(off int64) {
	ahead := min(max(k.n-off, 0), int64(len(k.tail)))
	read := k.tail[int64(len(k.tail))-ahead:]
	k.recLine = k.lines - bytes.Count(read, []byte{'\n'}) + 1
	k.head = append(k.head[:0], read...)
	if len(k.head) > maxRaw {
		k.head = k.head[:maxRaw]
	}
	k.recStart = off
}
