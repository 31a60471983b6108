package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// X (Twitter) archives, "Download an archive of your data": a zip whose
// data/ folder holds one JavaScript file per data type. Each file assigns
// a JSON array to a global, `window.YTD.<type>.part<N> = [ ... ]`, with no
// trailing semicolon or newline; big types are split into part files
// (tweets-part1.js holds window.YTD.tweets.part1). data/manifest.js assigns
// an object to window.__THAR_CONFIG instead. Ids and counts are written as
// strings. The files read here:
//
//   - tweets.js (tweet.js in older archives; community-tweet.js: posts in
//     X Communities): the own posts, x_tweets (x_tweets.go);
//   - follower.js: x_followers;
//   - direct-messages.js, direct-messages-group.js (direct-message.js in
//     older archives): both sides of the DMs, x_dms (x_dms.go);
//   - account.js and manifest.js: who the archive belongs to and when it
//     was made; they yield no rows (x_account, x_manifest).
//
// Every other file (like.js, following.js, tweet-headers.js,
// deleted-tweets.js, ...) is detected as no kind, so an archive counts it
// as skipped. Archives from before 2019 (data/js/tweets/2013_01.js,
// `Grailbird.data.tweets_2013_01 = [`) are read as x_tweets too.
//
// What account.js and manifest.js tell reaches the archive's other files
// through xArchiveOf: a small table per ingest run (per *Own) and folder.
// It only helps the files read after them: account.js sorts first in an
// archive; manifest.js sorts after direct-messages.js and follower.js.

// xPlatform is the platform (partition) of everything an X archive holds.
const xPlatform = "x"

var (
	xBOM     = []byte("\xef\xbb\xbf")
	xYTDName = regexp.MustCompile(`^window\.YTD\.([A-Za-z0-9_]+)\.part[0-9]+$`)
	// The pre-2019 archives: one file per month of tweets.
	xGrailbirdName = regexp.MustCompile(`^Grailbird\.data\.tweets_[0-9]{4}_[0-9]{2}$`)
)

// Data types of an X archive file, as its global names them, by kind.
// "manifest" and "grailbird" stand for window.__THAR_CONFIG and the
// Grailbird globals.
var xKindOfType = map[string]string{
	"tweets": "x_tweets", "tweet": "x_tweets", "community_tweet": "x_tweets", "grailbird": "x_tweets",
	"follower": "x_followers",
	"account":  "x_account",
	"manifest": "x_manifest",
	// direct_message(s): both spellings occur, by archive year.
	"direct_messages": "x_dms", "direct_message": "x_dms",
	"direct_messages_group": "x_dms", "direct_message_group": "x_dms",
}

// xGlobalType returns the data type that the left-hand side of an X
// archive file's assignment names, or "" when it is none of an X archive.
func xGlobalType(lhs string) string {
	lhs = strings.TrimSpace(lhs)
	switch {
	case lhs == "window.__THAR_CONFIG":
		return "manifest"
	case xGrailbirdName.MatchString(lhs):
		return "grailbird"
	}
	if m := xYTDName.FindStringSubmatch(lhs); m != nil {
		return m[1]
	}
	return ""
}

// xHeadType returns the data type named by the head of an X archive file.
func xHeadType(head []byte) string {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, xBOM), " \t\r\n")
	eq := bytes.IndexByte(h, '=')
	if eq < 0 || eq > xMaxPrefix {
		return ""
	}
	return xGlobalType(string(h[:eq]))
}

// xDetect returns the Detect of an X kind: the file's global names one of
// the kind's data types. Files of other types (like.js) match no kind.
func xDetect(kind string) func(head []byte) bool {
	return func(head []byte) bool {
		t := xHeadType(head)
		return t != "" && xKindOfType[t] == kind
	}
}

// xMaxPrefix bounds the `window.YTD.<type>.partN =` prefix.
const xMaxPrefix = 200

// xFile is an opened X archive file: the JSON value after its prefix,
// read by a streaming decoder, with the line of each value at hand.
type xFile struct {
	name    string
	lines   *xLineIndex
	dec     *json.Decoder
	base    int64 // offset of the decoder's first byte in the file
	started bool  // the value's opening delimiter is read
	done    bool
}

// openXFile reads the prefix of src's content and returns the file with
// its decoder placed at the value. A file without a prefix is accepted if
// it is a bare JSON array or object (an archive file someone made JSON of).
// kind is the reader's: a file whose prefix names another kind's data type
// is no file of it (`--format x_followers following.js`).
func openXFile(src *Source, kind string) (*xFile, error) {
	lines := &xLineIndex{r: src.R}
	var lhs []byte
	var first [1]byte
	for {
		if _, err := io.ReadFull(lines, first[:]); err == io.EOF {
			return nil, fmt.Errorf("%s: no window.YTD.<type>.partN = prefix before the end: not an X archive file", src.Name)
		} else if err != nil {
			return nil, fmt.Errorf("reading %s: %w", src.Name, err)
		}
		c := first[0]
		if c == '=' {
			break
		}
		if (c == '[' || c == '{') && len(bytes.TrimSpace(bytes.TrimPrefix(lhs, xBOM))) == 0 {
			// A bare JSON value: the decoder gets the byte back.
			f := &xFile{name: src.Name, lines: lines, base: lines.off - 1}
			f.dec = json.NewDecoder(io.MultiReader(bytes.NewReader(first[:]), lines))
			return f, nil
		}
		if lhs = append(lhs, c); len(lhs) > xMaxPrefix {
			return nil, fmt.Errorf("%s: no window.YTD.<type>.partN = prefix in its first %d bytes: not an X archive file", src.Name, xMaxPrefix)
		}
	}
	t := xGlobalType(string(bytes.TrimPrefix(lhs, xBOM)))
	if t == "" {
		return nil, fmt.Errorf("%s: %.60q is no global of an X archive file", src.Name, lhs)
	}
	if xKindOfType[t] != kind {
		return nil, fmt.Errorf("%s: holds %s, not the data of %s", src.Name, t, kind)
	}
	return &xFile{name: src.Name, lines: lines, dec: json.NewDecoder(lines), base: lines.off}, nil
}

// errXNotArray is the error of a file whose value is no array.
var errXNotArray = errors.New("the value after the prefix is not a JSON array")

// next returns the next element of the file's array and its line; io.EOF
// after the last. A file whose JSON breaks off (a truncated download, a
// syntax error) yields one *ParseError for the rest of it, then io.EOF:
// the records before it are kept, and a decoder cannot find the next
// record after a syntax error. An I/O error ends the input.
func (f *xFile) next() (json.RawMessage, int64, error) {
	if f.done {
		return nil, 0, io.EOF
	}
	if !f.started {
		if err := f.open('['); err != nil {
			return nil, 0, err
		}
	}
	if !f.dec.More() {
		if _, err := f.dec.Token(); err != nil { // the closing ], or why it is missing
			return nil, 0, f.broken(err)
		}
		f.done = true
		return nil, 0, io.EOF
	}
	var raw json.RawMessage
	if err := f.dec.Decode(&raw); err != nil {
		return nil, 0, f.broken(err)
	}
	return raw, f.lineOf(raw), nil
}

// open reads the opening delimiter of the file's value.
func (f *xFile) open(d json.Delim) error {
	f.started = true
	tok, err := f.dec.Token()
	if err != nil {
		return f.broken(err)
	}
	if tok != d {
		f.done = true
		if d == '[' {
			return fmt.Errorf("%s: %w", f.name, errXNotArray)
		}
		return fmt.Errorf("%s: the value after the prefix is not a JSON object", f.name)
	}
	return nil
}

// lineOf returns the line where raw, the value just decoded, starts.
func (f *xFile) lineOf(raw json.RawMessage) int64 {
	return f.lines.line(f.base + f.dec.InputOffset() - int64(len(raw)))
}

// broken ends the file: a *ParseError for the rest of it when its JSON is
// damaged, else (an I/O error) the error itself.
func (f *xFile) broken(err error) error {
	f.done = true
	var syn *json.SyntaxError
	if !errors.As(err, &syn) && !errors.Is(err, io.ErrUnexpectedEOF) && err != io.EOF {
		return fmt.Errorf("reading %s: %w", f.name, err)
	}
	rest, _ := io.ReadAll(io.LimitReader(f.dec.Buffered(), 2*maxRaw))
	lead := len(rest) - len(bytes.TrimLeft(rest, " \t\r\n,"))
	line := f.lines.line(f.base + f.dec.InputOffset() + int64(lead))
	return &ParseError{File: f.name, Line: line, Err: fmt.Errorf("the JSON breaks off here (%v): the rest of the file is not read", err), Raw: xClip(rest[lead:])}
}

// reject returns the *ParseError of an element that is no record.
func (f *xFile) reject(raw json.RawMessage, line int64, err error) *ParseError {
	return &ParseError{File: f.name, Line: line, Err: xJSONError(err), Raw: xClip(raw)}
}

// xJSONError says what a JSON value of the wrong type is in the file's
// words (a member's path), not in the Go types' it was decoded into.
func xJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	want := "a " + te.Type.Kind().String()
	switch te.Type.Kind() {
	case reflect.Struct, reflect.Map, reflect.Pointer:
		want = "an object"
	case reflect.Slice, reflect.Array:
		want = "an array"
	}
	if te.Field == "" {
		return fmt.Errorf("a JSON %s where %s belongs", te.Value, want)
	}
	return fmt.Errorf("%s: a JSON %s where %s belongs", te.Field, te.Value, want)
}

// xClip returns the first maxRaw bytes of b, a copy.
func xClip(b []byte) []byte {
	if len(b) > maxRaw {
		b = b[:maxRaw]
	}
	return append([]byte(nil), b...)
}

// xLineIndex counts the lines of what is read through it, so that the
// line of an offset the decoder has reached can be told. It keeps the
// offsets of the newlines not yet asked about only: a decoder reads ahead
// by its buffer, not by the file.
type xLineIndex struct {
	r      io.Reader
	off    int64   // bytes read
	before int64   // newlines before the last offset asked about
	nl     []int64 // offsets of the newlines after it, in order
}

func (l *xLineIndex) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for b, at := p[:n], 0; ; {
		i := bytes.IndexByte(b[at:], '\n')
		if i < 0 {
			break
		}
		l.nl = append(l.nl, l.off+int64(at+i))
		at += i + 1
	}
	l.off += int64(n)
	return n, err
}

// line returns the line (from 1) of the byte at off. Offsets asked about
// must not go backwards.
func (l *xLineIndex) line(off int64) int64 {
	i := sort.Search(len(l.nl), func(i int) bool { return l.nl[i] >= off })
	l.before += int64(i)
	l.nl = l.nl[i:]
	return l.before + 1
}

// xArchiveInfo is what an archive's account.js and manifest.js tell its
// other files.
type xArchiveInfo struct {
	mu        sync.Mutex
	account   string    // the username
	accountID string    // its numeric id
	generated time.Time // the manifest's generationDate
}

func (a *xArchiveInfo) learn(account, id string, generated time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.account == "" {
		a.account = strings.TrimPrefix(strings.TrimSpace(account), "@")
	}
	if a.accountID == "" {
		a.accountID = strings.TrimSpace(id)
	}
	if a.generated.IsZero() {
		a.generated = generated
	}
}

func (a *xArchiveInfo) get() (account, id string, generated time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.account, a.accountID, a.generated
}

// xArchives holds the xArchiveInfo of each archive folder, per ingest run.
// A run is known by its *Own, which every Source of the run shares. The
// table keeps the last xRuns runs only, so that it stays small in a
// process that ingests many times (tests); a run dropped from it mid-way
// would read on with what the config says. (A field of Source for what an
// archive's files tell each other would be simpler; Source belongs to
// ingest proper.)
var xArchives struct {
	sync.Mutex
	runs  map[*Own]map[string]*xArchiveInfo
	order []*Own // oldest first
}

const xRuns = 16

// xArchiveOf returns the shared information of the archive src belongs
// to: the folder of its file ("archive.zip!data" for an entry).
func xArchiveOf(src *Source) *xArchiveInfo {
	if src.Own == nil {
		return &xArchiveInfo{}
	}
	xArchives.Lock()
	defer xArchives.Unlock()
	if xArchives.runs == nil {
		xArchives.runs = map[*Own]map[string]*xArchiveInfo{}
	}
	run := xArchives.runs[src.Own]
	if run == nil {
		if len(xArchives.order) == xRuns {
			delete(xArchives.runs, xArchives.order[0])
			xArchives.order = xArchives.order[1:]
		}
		run = map[string]*xArchiveInfo{}
		xArchives.runs[src.Own] = run
		xArchives.order = append(xArchives.order, src.Own)
	}
	dir := xFolder(src.Name)
	if run[dir] == nil {
		run[dir] = &xArchiveInfo{}
	}
	return run[dir]
}

// xFolder is the folder of an input's name: an archive's entries are
// named archive!entry.
func xFolder(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndex(name, "!"); i >= 0 {
		return name[:i+1] + path.Dir(name[i+1:])
	}
	return path.Dir(name)
}

// xBase is what every X reader has: its file, its archive, its skips.
type xBase struct {
	src     *Source
	kind    string
	archive *xArchiveInfo
	f       *xFile
	skipped int64
}

func newXBase(src *Source, kind string) xBase {
	return xBase{src: src, kind: kind, archive: xArchiveOf(src)}
}

// next opens the file on first use and returns its next element.
func (b *xBase) next() (json.RawMessage, int64, error) {
	if b.f == nil {
		f, err := openXFile(b.src, b.kind)
		if err != nil {
			return nil, 0, err
		}
		b.f = f
	}
	return b.f.next()
}

// Skipped counts the elements passed over on purpose.
func (b *xBase) Skipped() int64 { return b.skipped }

// ExportTime is the archive's generationDate, where its manifest.js was
// read before the last record of this file.
func (b *xBase) ExportTime() (time.Time, bool) {
	_, _, t := b.archive.get()
	return t, !t.IsZero()
}

// ownAccount is the account the archive belongs to: from its account.js or
// manifest.js when read before this file, else the config's first X
// account, else "" (an archive's tweets do not name their author).
func (b *xBase) ownAccount() (handle, id string) {
	handle, id, _ = b.archive.get()
	if handle == "" {
		handle = b.src.Own.Account(xPlatform)
	}
	return handle, id
}

// xStr is a JSON string or number, as a string: X archives write ids and
// counts as strings, other exports of the same objects as numbers.
type xStr string

func (s *xStr) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = xStr(strings.TrimSpace(v))
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*s = xStr(b)
	default:
		return fmt.Errorf("%.20s is neither a string nor a number", b)
	}
	return nil
}

// xOptional returns a pointer to s, or nil when it is empty.
func xOptional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// The account.js reader: the archive's own account, no rows.

type xAccountReader struct{ xBase }

var _ Reader = (*xAccountReader)(nil)

func openXAccount(src *Source) Reader {
	return &xAccountReader{newXBase(src, "x_account")}
}

type xAccountElem struct {
	Account *struct {
		Username  string `json:"username"`
		AccountID xStr   `json:"accountId"`
	} `json:"account"`
}

// Next learns the account of each element (there is one) and yields no
// record: each is counted as skipped.
func (r *xAccountReader) Next() (Record, error) {
	for {
		raw, line, err := r.next()
		if err != nil {
			return nil, err
		}
		var e xAccountElem
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, r.f.reject(raw, line, err)
		}
		if e.Account == nil || e.Account.Username == "" && e.Account.AccountID == "" {
			return nil, r.f.reject(raw, line, errors.New(`no "account" with a username or an accountId`))
		}
		r.src.Own.Add(xPlatform, e.Account.Username)
		r.src.Own.Add(xPlatform, string(e.Account.AccountID))
		r.archive.learn(e.Account.Username, string(e.Account.AccountID), time.Time{})
		r.skipped++
	}
}

// The follower.js reader.

type xFollowersReader struct{ xBase }

var _ Reader = (*xFollowersReader)(nil)

func openXFollowers(src *Source) Reader {
	return &xFollowersReader{newXBase(src, "x_followers")}
}

type xFollowerElem struct {
	Follower *struct {
		AccountID xStr   `json:"accountId"`
		UserLink  string `json:"userLink"`
	} `json:"follower"`
}

// Next returns the next follower. follower.js says neither when they
// followed nor their handle: followed_at and handle stay NULL.
func (r *xFollowersReader) Next() (Record, error) {
	raw, line, err := r.next()
	if err != nil {
		return nil, err
	}
	var e xFollowerElem
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, r.f.reject(raw, line, err)
	}
	if e.Follower == nil || e.Follower.AccountID == "" {
		return nil, r.f.reject(raw, line, errors.New(`no "follower" with an accountId`))
	}
	account, _ := r.ownAccount()
	rec := &FollowerRec{Line: line}
	rec.Platform = xPlatform
	rec.Account = account
	rec.FollowerID = string(e.Follower.AccountID)
	rec.URL = xOptional(e.Follower.UserLink)
	return rec, nil
}

// The manifest.js reader: when the archive was made, and whose it is.

type xManifestReader struct{ xBase }

var _ Reader = (*xManifestReader)(nil)

func openXManifest(src *Source) Reader {
	return &xManifestReader{newXBase(src, "x_manifest")}
}

type xManifest struct {
	UserInfo *struct {
		AccountID xStr   `json:"accountId"`
		UserName  string `json:"userName"`
	}
	ArchiveInfo *struct {
		GenerationDate string `json:"generationDate"`
	}
}

// Next reads the manifest, its one record, and yields nothing: it is
// counted as skipped, and what it tells goes to the archive's other files.
// Only userInfo and archiveInfo are read, which come first: the rest
// (dataTypes) is left unread, and some archives have a trailing comma
// there that no JSON decoder takes.
func (r *xManifestReader) Next() (Record, error) {
	if r.f != nil {
		return nil, io.EOF
	}
	f, err := openXFile(r.src, r.kind)
	if err != nil {
		return nil, err
	}
	r.f = f
	if err := f.open('{'); err != nil {
		return nil, err
	}
	m, line, err := r.read()
	if m.UserInfo == nil && m.ArchiveInfo == nil {
		if err == nil {
			err = errors.New("no userInfo and no archiveInfo")
		}
		return nil, f.reject(nil, line, fmt.Errorf("manifest: %w", err))
	}
	var gen time.Time
	if m.ArchiveInfo != nil && m.ArchiveInfo.GenerationDate != "" {
		if gen, err = time.Parse(time.RFC3339, m.ArchiveInfo.GenerationDate); err != nil {
			return nil, f.reject(nil, line, fmt.Errorf("manifest: generationDate %q: %w", m.ArchiveInfo.GenerationDate, ErrBadTimestamp))
		}
	}
	if u := m.UserInfo; u != nil {
		r.src.Own.Add(xPlatform, u.UserName)
		r.src.Own.Add(xPlatform, string(u.AccountID))
		r.archive.learn(u.UserName, string(u.AccountID), gen.UTC())
	} else {
		r.archive.learn("", "", gen.UTC())
	}
	r.skipped++
	return nil, io.EOF
}

// read decodes the manifest's members up to userInfo and archiveInfo. A
// damaged member after them does not matter.
func (r *xManifestReader) read() (xManifest, int64, error) {
	var m xManifest
	line := r.f.lines.line(r.f.base)
	for (m.UserInfo == nil || m.ArchiveInfo == nil) && r.f.dec.More() {
		tok, err := r.f.dec.Token()
		if err != nil {
			return m, line, err
		}
		var dst any = new(json.RawMessage)
		switch tok {
		case "userInfo":
			dst = &m.UserInfo
		case "archiveInfo":
			dst = &m.ArchiveInfo
		}
		if err := r.f.dec.Decode(dst); err != nil {
			return m, line, err
		}
	}
	return m, line, nil
}
