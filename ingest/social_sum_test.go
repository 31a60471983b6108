package ingest

import (
	"errors"
	"strconv"
	"testing"
	"time"
)

// Test helpers of the LinkedIn and YouTube readers: a record summed up in
// the fields their tests check, so that a case's want reads as one line.

// postSum is a social_posts record as the tests compare it; a NULL is
// "<nil>" (strings) or -1 (counters).
type postSum struct {
	Line                        int64
	ID, TS, Kind, Title, Text   string
	URL, Vis, Account           string
	Links, Tags                 []string
	Views, Impr, Likes, Replies int64
}

func sumPost(p *Post) postSum {
	return postSum{
		Line: p.Line, ID: p.PostID, TS: p.TS.Format(time.RFC3339), Kind: p.Kind,
		Title: str(p.Title), Text: str(p.Text), URL: str(p.URL), Vis: str(p.Visibility), Account: p.Account,
		Links: p.Links, Tags: p.Hashtags,
		Views: num(p.Views), Impr: num(p.Impressions), Likes: num(p.Likes), Replies: num(p.Replies),
	}
}

// msgSum is a conversations record as the tests compare it.
type msgSum struct {
	Line                         int64
	Thread, ID, TS, Text, Author string
	ThreadURL, Status, Kind, URL string
	Own                          bool
}

func sumMsg(m *Message) msgSum {
	return msgSum{
		Line: m.Line, Thread: m.ThreadID, ID: m.MessageID, TS: m.TS.Format(time.RFC3339), Text: str(m.Text),
		Author: str(m.Author), ThreadURL: str(m.ThreadURL), Status: m.Status, Kind: m.Kind, URL: str(m.URL),
		Own: m.IsOwnAccount,
	}
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func num(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

// rejectSum is a reject as "line: reason".
func rejectSum(pe *ParseError) string { return strconv.FormatInt(pe.Line, 10) + ": " + pe.Err.Error() }

func rejectSums(pes []*ParseError) []string {
	var out []string
	for _, pe := range pes {
		out = append(out, rejectSum(pe))
	}
	return out
}

// checkFuzzed checks what a reader gave for any input: rejects that name a
// line and keep at most 1 KiB, records of the kind's table with a key, an
// error that is no ParseError.
func checkFuzzed(t *testing.T, table string, recs []Record, rejects []*ParseError, err error) {
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Errorf("a ParseError ended the input: %v", err)
	}
	for _, r := range rejects {
		if r.Line < 1 || len(r.Raw) > 1024 || r.Err == nil {
			t.Errorf("reject %+v", r)
		}
	}
	for _, r := range recs {
		if r.Table() != table || r.Position() < 1 {
			t.Errorf("record %+v: table %s, position %d", r, r.Table(), r.Position())
		}
		switch v := r.(type) {
		case *Post:
			if v.PostID == "" || v.Platform == "" {
				t.Errorf("post without key: %+v", v)
			}
		case *Message:
			if v.ThreadID == "" || v.MessageID == "" || v.Platform == "" {
				t.Errorf("message without key: %+v", v)
			}
		}
	}
}
