package ingest

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// No public sample of the generic CSV kinds exists (they are cmpulse's
// own). These tests write real exports out as generic CSV, as a community
// manager would from a spreadsheet, and read them back: real forum and
// LinkedIn text (HTML, quotes, commas, line breaks, emoji, "math bold"
// letters) through the reader, with counts made by python3 on the source
// files.

// csvDiscoursePost is what the test takes of a post of a Discourse topic.
type csvDiscoursePost struct {
	ID         int64  `json:"id"`
	Username   string `json:"username"`
	CreatedAt  string `json:"created_at"`
	Cooked     string `json:"cooked"`
	PostNumber int    `json:"post_number"`
	ReplyTo    *int   `json:"reply_to_post_number"`
	Staff      bool   `json:"staff"`
	TopicID    int64  `json:"topic_id"`
}

// TestGenericCSVRealDiscourse writes the two Discourse topics of
// ../shared/data/real/discourse as one conversations CSV (columns in
// another order than SPEC's, CRLF line ends, staff as the own account,
// replies' parent the post they answer) and reads it.
//
// Expected counts, from the JSON (run in ../shared/data/real):
//
//	python3 -c "import json,glob; ps=[p for f in sorted(glob.glob('discourse/*.json')) for p in json.load(open(f))['post_stream']['posts']]; print(len(ps), sum(p['staff'] for p in ps), sum(p['reply_to_post_number'] is not None for p in ps), sum('\n' in p['cooked'] for p in ps), sum('\"' in p['cooked'] for p in ps))"
//
// gives 77 posts (22 in topic 3525, 55 in 5079), 29 by staff, 35 with
// reply_to_post_number, 34 with line breaks and 21 with quotes.
func TestGenericCSVRealDiscourse(t *testing.T) {
	in, byID := csvFromDiscourse(t)
	recs, rejects, skipped := readSource(t, "conversations_csv", "urho3d.csv", in, nil)
	if len(recs) != 77 || len(rejects) != 0 || skipped != 0 {
		t.Fatalf("read %d records, %d rejects (%v), %d skipped; want 77, 0, 0", len(recs), len(rejects), rejects, skipped)
	}
	perThread, own, replies, breaks, quotes := map[string]int{}, 0, 0, 0, 0
	for _, r := range recs {
		m := r.(*Message)
		p := byID[m.MessageID]
		if m.Text == nil || *m.Text != p.Cooked || *m.Author != p.Username || m.Platform != "discourse" || m.TS.Format("2006-01-02T15:04:05.000Z") != p.CreatedAt {
			t.Errorf("line %d: message %s does not read back as written: %+v", m.Line, m.MessageID, m.Conversation)
		}
		perThread[m.ThreadID]++
		own += csvB2I(m.IsOwnAccount)
		replies += csvB2I(m.Kind == "reply" && m.ParentID != nil)
		breaks += csvB2I(strings.Contains(*m.Text, "\n"))
		quotes += csvB2I(strings.Contains(*m.Text, `"`))
	}
	if perThread["3525"] != 22 || perThread["5079"] != 55 || own != 29 || replies != 35 || breaks != 34 || quotes != 21 {
		t.Errorf("per thread %v, own %d, replies %d, with line breaks %d, with quotes %d; want 22 and 55, 29, 35, 34, 21",
			perThread, own, replies, breaks, quotes)
	}
}

// csvFromDiscourse writes the Discourse topics of ../shared/data/real as
// a conversations CSV, and returns it with the posts by message_id.
func csvFromDiscourse(t *testing.T) (string, map[string]csvDiscoursePost) {
	t.Helper()
	dir := realSample(t, "discourse")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write([]string{"Text", "TS", "Author", "Is_Own_Account", "Parent_ID", "Message_ID", "Thread_ID", "Platform", "URL"})
	byID := map[string]csvDiscoursePost{}
	for _, f := range files {
		var topic struct {
			PostStream struct{ Posts []csvDiscoursePost } `json:"post_stream"`
		}
		data, err := os.ReadFile(f)
		if err != nil || json.Unmarshal(data, &topic) != nil {
			t.Fatalf("reading %s: %v", f, err)
		}
		idOf := map[int]int64{}
		for _, p := range topic.PostStream.Posts {
			idOf[p.PostNumber] = p.ID
		}
		for _, p := range topic.PostStream.Posts {
			parent := ""
			if p.ReplyTo != nil {
				parent = strconv.FormatInt(idOf[*p.ReplyTo], 10)
			}
			id, thread := strconv.FormatInt(p.ID, 10), strconv.FormatInt(p.TopicID, 10)
			w.Write([]string{p.Cooked, p.CreatedAt, p.Username, strconv.FormatBool(p.Staff), parent, id, thread, "Discourse",
				"https://discourse.urho3d.io/t/" + thread + "/" + strconv.Itoa(p.PostNumber)})
			byID[id] = p
		}
	}
	w.Flush()
	return b.String(), byID
}

// TestGenericCSVRealLinkedIn writes LinkedIn's Shares.csv
// (../shared/data/real/linkedin_export) as a posts CSV, with semicolons
// and times in the spreadsheet form "2025-07-01 14:33:22Z", and reads it.
//
// Expected counts, from Shares.csv (run in ../shared/data/real):
//
//	python3 -c "import csv,re; rows=list(csv.DictReader(open('linkedin_export/Shares.csv',newline='',encoding='utf-8'))); print(len(rows), sum(r['ShareCommentary'].strip()=='' for r in rows), sum(bool(re.search(r'https?://[^\s<>\"\'\`]', r['ShareCommentary'])) for r in rows))"
//
// gives 202 shares, 14 without commentary and 133 whose text has a link.
func TestGenericCSVRealLinkedIn(t *testing.T) {
	in, shares := csvFromLinkedIn(t)
	own := NewOwn(map[string][]string{"linkedin": {"sanand0"}})
	recs, rejects, skipped := readSource(t, "posts_csv", "shares.csv", in, own)
	if len(recs) != 202 || len(rejects) != 0 || skipped != 0 {
		t.Fatalf("read %d records, %d rejects (%v), %d skipped; want 202, 0, 0", len(recs), len(rejects), rejects, skipped)
	}
	noText, withLinks := 0, 0
	for i, r := range recs {
		p := r.(*Post)
		s := shares[i+1]
		if p.PostID != s[1] || p.Account != "sanand0" || p.Kind != "post" || p.TS.Format("2006-01-02 15:04:05") != s[0] || (p.Text != nil && *p.Text != s[2]) {
			t.Errorf("line %d: share %s does not read back as written: %+v", p.Line, s[1], p.SocialPost)
		}
		noText += csvB2I(p.Text == nil)
		withLinks += csvB2I(len(p.Links) > 0)
	}
	if noText != 14 || withLinks != 133 {
		t.Errorf("%d without text, %d with links; want 14 and 133", noText, withLinks)
	}
}

// csvFromLinkedIn writes Shares.csv of ../shared/data/real as a posts CSV,
// and returns it with the shares as Shares.csv holds them (header first).
func csvFromLinkedIn(t *testing.T) (string, [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(realSample(t, "linkedin_export"), "Shares.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	shares, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading Shares.csv: %v", err)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.Write([]string{"platform", "post_id", "ts", "text", "url"})
	for _, s := range shares[1:] { // Date,ShareLink,ShareCommentary,...
		w.Write([]string{"linkedin", s[1], s[0] + "Z", s[2], s[1]})
	}
	w.Flush()
	return b.String(), shares
}

func csvB2I(b bool) int {
	if b {
		return 1
	}
	return 0
}
