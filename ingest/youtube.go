package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// YouTube Studio's analytics export: Analytics > Advanced mode, the
// Content tab, then the download button's "Comma-separated values (.csv)".
// Its "Table data.csv" holds one row per video with the metrics the user
// picked as columns (named in the Studio's language: the English names are
// read here), after a "Total" row for the channel. It gives no account, and
// no time of its own: a video's row is the state of its counters when the
// export was made.

const youTube = "youtube"

var (
	errYTNoID      = errors.New("no video id in Content")
	errYTBadID     = errors.New("the Content cell is not a video id")
	errYTNoDate    = errors.New("no Video publish time")
	errYTBadDate   = errors.New("unreadable Video publish time")
	errYTNoContent = errors.New("no Content column in the header")
)

// ytID is a YouTube video id: 11 characters of base64url.
var ytID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)

// ytDateLayouts: the Studio writes an English date without a time
// ("Apr 29, 2020"); the others spare a reject should that change.
var ytDateLayouts = []string{"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "2 Jan 2006", "2006-01-02"}

// ytCounters are the columns read into social_posts counters.
var ytCounters = []struct {
	col string
	set func(p *Post, v *int64)
}{
	{"views", func(p *Post, v *int64) { p.Views = v }},
	{"impressions", func(p *Post, v *int64) { p.Impressions = v }},
	{"likes", func(p *Post, v *int64) { p.Likes = v }},
	{"comments added", func(p *Post, v *int64) { p.Replies = v }},
}

// isYouTubeStudio detects a Content tab's Table data.csv by its header.
func isYouTubeStudio(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if len(line) == len(head) && len(head) >= 4096 {
		return false
	}
	cols := liHeader(strings.TrimSpace(string(line)))
	return len(cols) > 1 && cols[0] == "content" && slices.Contains(cols, "video title")
}

// youTubeStudioReader reads Table data.csv into social_posts.
type youTubeStudioReader struct {
	src     *Source
	cr      *csv.Reader
	cols    map[string]int
	err     error
	seen    map[string]bool
	skipped int64
}

var _ Reader = (*youTubeStudioReader)(nil)

func openYouTubeStudio(src *Source) Reader {
	cr := csv.NewReader(src.R)
	cr.LazyQuotes, cr.FieldsPerRecord, cr.ReuseRecord = true, -1, true
	return &youTubeStudioReader{src: src, cr: cr, seen: map[string]bool{}}
}

// Skipped counts the Total row (and any repeat of a video).
func (r *youTubeStudioReader) Skipped() int64 { return r.skipped }

// ExportTime is the file's time: Studio writes it into the zip it
// downloads, and the file says nothing of when it was made. Its latest
// record (the newest video's publish day) would make two exports a month
// apart tie, and the later ingest win, whichever is newer.
func (r *youTubeStudioReader) ExportTime() (time.Time, bool) {
	return r.src.ModTime, !r.src.ModTime.IsZero()
}

func (r *youTubeStudioReader) header() error {
	if r.cols != nil || r.err != nil {
		return r.err
	}
	rec, err := r.cr.Read()
	if err == io.EOF {
		err = errYTNoContent
	}
	if err != nil {
		r.err = err
		return err
	}
	r.cols = map[string]int{}
	for i, c := range rec {
		if i == 0 {
			c = strings.TrimPrefix(c, "\uFEFF")
		}
		c = strings.ToLower(strings.TrimSpace(c))
		if _, dup := r.cols[c]; !dup {
			r.cols[c] = i
		}
	}
	if _, ok := r.cols["content"]; !ok {
		r.err = errYTNoContent
	}
	return r.err
}

// Next returns the next video.
func (r *youTubeStudioReader) Next() (Record, error) {
	if err := r.header(); err != nil {
		return nil, err
	}
	for {
		rec, err := r.cr.Read()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &ParseError{File: r.src.Name, Line: int64(pe.StartLine), Err: pe.Err, Raw: ytRaw(rec)}
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.cr.FieldPos(0)
		id := r.cell(rec, "content")
		if strings.EqualFold(id, "total") {
			r.skipped++
			continue
		}
		p, err := r.post(rec, id, int64(line))
		if err != nil {
			return nil, &ParseError{File: r.src.Name, Line: int64(line), Err: err, Raw: ytRaw(rec)}
		}
		if r.seen[id] {
			r.skipped++
			continue
		}
		r.seen[strings.Clone(id)] = true // not a part of the row's text
		return p, nil
	}
}

func (r *youTubeStudioReader) post(rec []string, id string, line int64) (*Post, error) {
	switch {
	case id == "":
		return nil, errYTNoID
	case !ytID.MatchString(id):
		return nil, errYTBadID
	}
	ts, err := ytDate(r.cell(rec, "video publish time"))
	if err != nil {
		return nil, err
	}
	url := "https://www.youtube.com/watch?v=" + id
	p := &Post{Line: line}
	p.Platform, p.Account, p.PostID, p.URL, p.TS, p.Kind = youTube, r.src.Own.Account(youTube), id, &url, ts, "post"
	if title := r.cell(rec, "video title"); title != "" {
		p.Title = &title
		p.Hashtags, _ = liTags(title)
	}
	for _, c := range ytCounters {
		v, err := ytCount(r.cell(rec, c.col))
		if err != nil {
			return nil, errors.New("unreadable number in " + c.col)
		}
		c.set(p, v)
	}
	return p, nil
}

// cell returns the named column's trimmed value, "" where the file or the
// row has none.
func (r *youTubeStudioReader) cell(rec []string, name string) string {
	if i, ok := r.cols[name]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// ytDate reads a publish date as midnight UTC: the export gives the day
// only, in the channel's time zone, which it does not name.
func ytDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errYTNoDate
	}
	for _, l := range ytDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errYTBadDate
}

// ytCount reads a counter: nil when empty; thousands separators allowed;
// a whole number written with decimals is taken.
func ytCount(s string) (*int64, error) {
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(s)
	if s == "" {
		return nil, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return &n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return nil, errors.New("not a whole number")
	}
	n := int64(f)
	return &n, nil
}

// ytRaw is a row as text for its reject, cut at 1 KiB.
func ytRaw(rec []string) []byte {
	raw := []byte(strings.Join(rec, ","))
	if len(raw) > liMaxRaw {
		raw = raw[:liMaxRaw]
	}
	return raw
}
