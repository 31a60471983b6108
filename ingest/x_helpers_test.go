package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Test helpers of the X archive readers.

// xResult is what a reader made of one file.
type xResult struct {
	recs    []Record
	rejects []*ParseError
	skipped int64
	export  time.Time // ExportTime, zero when the reader has none
	err     error     // the error that ended the input, if any
}

// xReadFile reads content as the file name of kind, with own shared as in
// one ingest run, so that files of one folder see what the earlier ones
// told. At most limit records and rejects are read: a reader that loops
// is stopped.
func xReadFile(own *Own, kind, name, content string, limit int) xResult {
	var res xResult
	k := kindOf(kind)
	if k == nil || k.OpenSource == nil {
		res.err = errors.New("no snapshot kind " + kind)
		return res
	}
	rd := k.OpenSource(&Source{Name: name, R: strings.NewReader(content), ModTime: time.Unix(0, 0), Own: own})
	for n := 0; ; n++ {
		if n > limit {
			res.err = fmt.Errorf("more than %d records from %d bytes: the reader loops", limit, len(content))
			return res
		}
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			res.rejects = append(res.rejects, pe)
		case err != nil:
			res.err = err
			return res
		default:
			res.recs = append(res.recs, rec)
		}
	}
	if s, ok := rd.(Skipper); ok {
		res.skipped = s.Skipped()
	}
	if et, ok := rd.(ExportTimer); ok {
		if t, ok := et.ExportTime(); ok {
			res.export = t
		}
	}
	return res
}

// xPostView is what the tests compare of a post: NULLs as "null".
type xPostView struct {
	Line                                         int64
	ID, Account, TS, Kind, Text, Lang, URL       string
	ReplyTo, ReplyTS, ReplyAccount, RepostOf     string
	Likes, Reposts, Replies, Quotes, Impressions string
	Links, Hashtags, Mentions                    []string
	Edited                                       bool
}

func xViewPost(p *Post) xPostView {
	v := xPostView{
		Line: p.Line, ID: p.PostID, Account: p.Account, TS: xTS(p.TS), Kind: p.Kind,
		Text: xNull(p.Text), Lang: xNull(p.Lang), URL: xNull(p.URL),
		ReplyTo: xNull(p.InReplyToID), ReplyAccount: xNull(p.InReplyToAccount), RepostOf: xNull(p.RepostOf),
		Likes: xNullInt(p.Likes), Reposts: xNullInt(p.Reposts), Replies: xNullInt(p.Replies),
		Quotes: xNullInt(p.Quotes), Impressions: xNullInt(p.Impressions),
		Links: p.Links, Hashtags: p.Hashtags, Mentions: p.Mentions, Edited: p.Edited,
	}
	v.ReplyTS = "null"
	if p.InReplyToTS != nil {
		v.ReplyTS = xTS(*p.InReplyToTS)
	}
	return v
}

// xPost is the view of a plain post with id, at ts, on line 2, from an
// unknown account, changed by edits.
func xPost(id, ts string, edits ...func(*xPostView)) xPostView {
	v := xPostView{
		Line: 2, ID: id, TS: ts, Kind: "post", Text: "null", Lang: "null",
		URL:     "https://x.com/i/web/status/" + id,
		ReplyTo: "null", ReplyTS: "null", ReplyAccount: "null", RepostOf: "null",
		Likes: "null", Reposts: "null", Replies: "null", Quotes: "null", Impressions: "null",
	}
	for _, e := range edits {
		e(&v)
	}
	return v
}

func xTS(t time.Time) string {
	if t.IsZero() {
		return "zero"
	}
	return t.UTC().Format("2006-01-02T15:04:05.999Z")
}

func xNull(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func xNullInt(n *int64) string {
	if n == nil {
		return "null"
	}
	return fmt.Sprint(*n)
}

// xMessageView is what the tests compare of a DM.
type xMessageView struct {
	Line                                 int64
	Thread, ID, AuthorID, Author, TS     string
	Text, Space, ThreadURL, Kind, Status string
	Own                                  bool
}

func xViewMessage(m *Message) xMessageView {
	return xMessageView{
		Line: m.Line, Thread: m.ThreadID, ID: m.MessageID, AuthorID: xNull(m.AuthorID), Author: xNull(m.Author),
		TS: xTS(m.TS), Text: xNull(m.Text), Space: xNull(m.Space), ThreadURL: xNull(m.ThreadURL),
		Kind: m.Kind, Status: m.Status, Own: m.IsOwnAccount,
	}
}

// xReasons are the reasons of rejects, with their lines.
func xReasons(rs []*ParseError) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d: %v", r.Line, r.Err))
	}
	return out
}
