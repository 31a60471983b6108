package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"
)

// The LinkedIn data export ("Get a copy of your data"): Shares.csv, the
// member's own posts, and Comments.csv, the comments they wrote. Neither
// names the account (ingest takes it from the config) and neither holds a
// counter (likes, comments, impressions stay NULL). The quoting of both is
// broken in ways linkedin_csv.go reads.

const linkedIn = "linkedin"

var (
	errLINoShareLink = errors.New("no ShareLink")
	errLINoLink      = errors.New("no Link")
)

// liTimeLayouts are the Date formats seen: the export writes UTC as
// "2025-07-01 09:19:59"; the others cost nothing and spare a reject should
// it change.
var liTimeLayouts = []string{"2006-01-02 15:04:05", time.RFC3339, "2006-01-02 15:04", "2006-01-02"}

// liTime reads a Date cell as UTC.
func liTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errLINoDate
	}
	s = strings.TrimSuffix(s, " UTC")
	for _, l := range liTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errLIBadDate
}

// isLinkedInShares detects Shares.csv by its header.
func isLinkedInShares(head []byte) bool {
	cols := liHeaderOf(head)
	return len(cols) > 0 && cols[0] == "date" && slices.Contains(cols, "sharelink") && slices.Contains(cols, "sharecommentary")
}

// isLinkedInComments detects Comments.csv by its header.
func isLinkedInComments(head []byte) bool {
	cols := liHeaderOf(head)
	return len(cols) > 0 && cols[0] == "date" && slices.Contains(cols, "link") && slices.Contains(cols, "message") &&
		!slices.Contains(cols, "sharelink")
}

// liFile is what both readers share: the table, the header read once, the
// keys seen (an export repeats a share once per media file), the skips.
type liFile struct {
	src     *Source
	t       *liTable
	free    string
	opened  bool
	err     error
	seen    map[string]bool
	skipped int64
}

func (f *liFile) open() error {
	if !f.opened {
		f.opened = true
		f.t = newLITable(f.src.Name, f.src.R)
		f.seen = map[string]bool{}
		f.err = f.t.readHeader(f.free)
	}
	return f.err
}

// next returns the next record's fields, or the record as a reject.
func (f *liFile) next() ([]string, liRecord, error) {
	if err := f.open(); err != nil {
		return nil, liRecord{}, err
	}
	rec, err := f.t.record()
	if err != nil {
		return nil, rec, err
	}
	fields, err := f.t.fields(rec)
	if err != nil {
		return nil, rec, f.t.reject(rec, err)
	}
	return fields, rec, nil
}

// cell returns the named column's trimmed value, "" where the file has no
// such column.
func (f *liFile) cell(fields []string, name string) string {
	if i := f.t.col(name); i >= 0 {
		return strings.TrimSpace(fields[i])
	}
	return ""
}

// once reports whether key is seen for the first time; a repeat is counted
// as skipped.
func (f *liFile) once(key string) bool {
	if f.seen[key] {
		f.skipped++
		return false
	}
	f.seen[strings.Clone(key)] = true // not a part of the record's whole text, kept alive by it
	return true
}

func (f *liFile) Skipped() int64 { return f.skipped }

// linkedInSharesReader reads Shares.csv into social_posts, one row per
// ShareLink.
type linkedInSharesReader struct{ liFile }

var _ Reader = (*linkedInSharesReader)(nil)

func openLinkedInShares(src *Source) Reader {
	return &linkedInSharesReader{liFile{src: src, free: "sharecommentary"}}
}

// Next returns the next share. A share with several media files is written
// once per file, the rest of the row the same: the repeats are skipped.
func (r *linkedInSharesReader) Next() (Record, error) {
	for {
		fields, rec, err := r.next()
		if err != nil {
			return nil, err
		}
		p, err := r.post(fields, rec.line)
		if err != nil {
			return nil, r.t.reject(rec, err)
		}
		if r.once(p.PostID) {
			return p, nil
		}
	}
}

func (r *linkedInSharesReader) post(fields []string, line int64) (*Post, error) {
	link := strings.Clone(r.cell(fields, "sharelink")) // held until the export is read: not the record's whole text
	if link == "" {
		return nil, errLINoShareLink
	}
	ts, err := liTime(r.cell(fields, "date"))
	if err != nil {
		return nil, err
	}
	p := &Post{Line: line}
	p.Platform, p.Account, p.PostID, p.URL, p.TS = linkedIn, r.src.Own.Account(linkedIn), link, &link, ts
	text := fields[r.t.free]
	shared, media := r.cell(fields, "sharedurl"), r.cell(fields, "mediaurl")
	// A repost without a comment of one's own is a row with nothing but
	// its date and link: the export does not say what was reposted.
	p.Kind = "post"
	if strings.TrimSpace(text) == "" && shared == "" && media == "" {
		p.Kind = "repost"
	} else if strings.TrimSpace(text) != "" {
		p.Text = &text
		p.Hashtags, p.Mentions = liTags(text)
	}
	p.Links = liLinks(shared, text)
	p.Visibility = liVisibility(r.cell(fields, "visibility"))
	return p, nil
}

// liTags returns a text's hashtags and mentions, sparing their regular
// expressions (most of the time a share takes to read) a text without a #
// or an @.
func liTags(text string) (tags, ments []string) {
	if strings.IndexByte(text, '#') >= 0 {
		tags = hashtags(text)
	}
	if strings.IndexByte(text, '@') >= 0 {
		ments = mentions(text)
	}
	return tags, ments
}

// liLinks are the shared URL and the links of the text, without repeats.
func liLinks(shared, text string) []string {
	var links []string
	if isWebLink(shared) {
		links = append(links, shared)
	}
	for _, l := range textLinks(text) {
		if !slices.Contains(links, l) {
			links = append(links, l)
		}
	}
	return links
}

// liVisibility maps the export's Visibility to the warehouse's values.
// MEMBER_NETWORK is what the export writes for a post to anyone (every post
// of the public sample, all of them public on the web); the others are the
// values of LinkedIn's API. An unknown or empty value is NULL.
func liVisibility(v string) *string {
	var out string
	switch strings.ToUpper(v) {
	case "MEMBER_NETWORK", "PUBLIC", "ANYONE", "LOGGED_IN":
		out = "public"
	case "CONNECTIONS", "CONNECTIONS_ONLY":
		out = "followers"
	default:
		return nil
	}
	return &out
}

// linkedInCommentsReader reads Comments.csv into conversations: each row
// is a comment of the own account, its thread the post commented on.
type linkedInCommentsReader struct{ liFile }

var _ Reader = (*linkedInCommentsReader)(nil)

func openLinkedInComments(src *Source) Reader {
	return &linkedInCommentsReader{liFile{src: src, free: "message"}}
}

// Next returns the next comment.
func (r *linkedInCommentsReader) Next() (Record, error) {
	for {
		fields, rec, err := r.next()
		if err != nil {
			return nil, err
		}
		m, err := r.message(fields, rec.line)
		if err != nil {
			return nil, r.t.reject(rec, err)
		}
		if r.once(m.ThreadID + "\x00" + m.MessageID) {
			return m, nil
		}
	}
}

func (r *linkedInCommentsReader) message(fields []string, line int64) (*Message, error) {
	link := strings.Clone(r.cell(fields, "link"))
	if link == "" {
		return nil, errLINoLink
	}
	ts, err := liTime(r.cell(fields, "date"))
	if err != nil {
		return nil, err
	}
	m := &Message{Line: line}
	m.Platform, m.ThreadID, m.ThreadURL, m.MessageID = linkedIn, link, &link, liCommentID(ts, link)
	m.IsOwnAccount, m.TS, m.Status, m.Kind = true, ts, "approved", "comment"
	if a := r.src.Own.Account(linkedIn); a != "" {
		m.Author = &a
	}
	if text := fields[r.t.free]; strings.TrimSpace(text) != "" {
		m.Text = &text
	}
	return m, nil
}

// liCommentID is a comment's id, which the export does not give: its time
// and a hash of the post's link, so that it is the same in every export of
// the account whatever the Date's layout ("c:" keeps it apart from real
// ids).
func liCommentID(ts time.Time, link string) string {
	h := sha256.Sum256([]byte(link))
	return "c:" + ts.UTC().Format(time.RFC3339) + ":" + hex.EncodeToString(h[:8])
}
