package sampledata

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Readers of the community exports for the tests: each reads a file the
// way its format is documented, on its own (nothing here uses the
// generator's model), into records the tests compare with the facts.

// fileRec is one record of an export as read back.
type fileRec struct {
	file, thread, id, parent string
	own                      bool
	ts, parentTS             time.Time
	kind, text, status       string
	visibility, author       string
	authorID                 string
	links                    []string
	edited                   bool
	mentions                 []string // X and Mastodon handles, Telegram @handles
	mentionIDs               []string // Telegram mention_name user ids as from_id
}

// exports are the files of one WriteCommunity, read back.
type exports struct {
	recs      []fileRec
	xFiles    map[string][]byte // zip entry -> content
	followers int
	likes     int
	outbox    struct{ first, second, total int }
	wxrItems  map[string]int // post_type -> count
	wxrPub    int            // published posts
	pages     map[string]wxrItemRead
}

// writeCommunity writes cfg's exports into a new folder and reads them back.
func writeCommunity(t *testing.T, cfg Config) (*exports, []string) {
	t.Helper()
	dir := t.TempDir()
	paths, err := WriteCommunity(dir, cfg)
	if err != nil {
		t.Fatalf("WriteCommunity(%+v): %v", cfg, err)
	}
	if len(paths) != 4 {
		t.Fatalf("WriteCommunity wrote %d files, want 4: %v", len(paths), paths)
	}
	e := &exports{}
	e.readX(t, paths[0])
	e.readMastodon(t, paths[1])
	e.readWXR(t, paths[2], cfg.mustDefaults(t).TZ)
	e.readTelegram(t, paths[3], cfg.mustDefaults(t).TZ)
	return e, paths
}

// ytd strips the JavaScript assignment an X archive file starts with and
// parses the rest as JSON into v.
func ytd(t *testing.T, name string, body []byte, v any) {
	t.Helper()
	if bytes.HasSuffix(body, []byte("\n")) || bytes.HasSuffix(body, []byte(";")) {
		t.Errorf("%s ends with a newline or semicolon; real archives end with ]", name)
	}
	i := bytes.Index(body, []byte(" = "))
	if i < 0 || !bytes.HasPrefix(body, []byte("window.")) {
		t.Fatalf("%s does not start with window.<name> = : %.40q", name, body)
	}
	if err := json.Unmarshal(body[i+3:], v); err != nil {
		t.Fatalf("%s: JSON after the prefix does not parse: %v", name, err)
	}
}

func (e *exports) readX(t *testing.T, path string) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	defer zr.Close()
	e.xFiles = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		e.xFiles[f.Name] = b
	}
	var account []struct {
		Account struct{ AccountID, Username string } `json:"account"`
	}
	ytd(t, "account.js", e.xFiles["data/account.js"], &account)
	if len(account) != 1 || account[0].Account.Username != ownXHandle {
		t.Fatalf("account.js = %+v, want the own account", account)
	}
	own := account[0].Account.AccountID
	var manifest map[string]any
	ytd(t, "manifest.js", e.xFiles["data/manifest.js"], &manifest)
	var followers, likes []map[string]map[string]string
	ytd(t, "follower.js", e.xFiles["data/follower.js"], &followers)
	ytd(t, "like.js", e.xFiles["data/like.js"], &likes)
	e.followers, e.likes = len(followers), len(likes)
	e.readTweets(t, own)
	e.readDMs(t, own)
}

// snowflakeTime is when an X id was made.
func snowflakeTime(id string) time.Time {
	n, _ := strconv.ParseUint(id, 10, 64)
	return time.UnixMilli(int64(n>>22) + 1288834974657).UTC()
}

func (e *exports) readTweets(t *testing.T, own string) {
	var tweets []struct {
		Tweet map[string]any `json:"tweet"`
	}
	ytd(t, "tweets.js", e.xFiles["data/tweets.js"], &tweets)
	for _, tw := range tweets {
		m := tw.Tweet
		for _, k := range []string{"id", "id_str", "favorite_count", "retweet_count"} {
			if _, ok := m[k].(string); !ok {
				t.Errorf("tweet %v: %s is %T, want a string as in real archives", m["id"], k, m[k])
			}
		}
		r := fileRec{file: "x", id: m["id_str"].(string), own: true, kind: "post", author: ownXHandle, authorID: own}
		r.ts, _ = time.Parse("Mon Jan 02 15:04:05 -0700 2006", m["created_at"].(string))
		r.ts = r.ts.UTC()
		text := html.UnescapeString(m["full_text"].(string))
		ent := m["entities"].(map[string]any)
		for _, u := range ent["urls"].([]any) {
			u := u.(map[string]any)
			if !strings.Contains(text, u["url"].(string)) {
				t.Errorf("tweet %s: t.co link %s is not in its full_text", r.id, u["url"])
			}
			r.links = append(r.links, u["expanded_url"].(string))
		}
		for _, u := range ent["user_mentions"].([]any) {
			r.mentions = append(r.mentions, u.(map[string]any)["screen_name"].(string))
		}
		r.text = text
		switch {
		case m["in_reply_to_status_id_str"] != nil:
			r.kind, r.parent = "reply", m["in_reply_to_status_id_str"].(string)
			r.parentTS = snowflakeTime(r.parent)
		case strings.HasPrefix(text, "RT @"):
			r.kind = "repost"
		}
		e.recs = append(e.recs, r)
	}
}

func (e *exports) readDMs(t *testing.T, own string) {
	var convs []struct {
		DM struct {
			ConversationID string `json:"conversationId"`
			Messages       []struct {
				MC struct {
					ID, SenderID, RecipientID, Text, CreatedAt string
					URLs                                       []struct{ URL, Expanded string } `json:"urls"`
				} `json:"messageCreate"`
			} `json:"messages"`
		} `json:"dmConversation"`
	}
	ytd(t, "direct-messages.js", e.xFiles["data/direct-messages.js"], &convs)
	for _, cv := range convs {
		for _, msg := range cv.DM.Messages {
			mc := msg.MC
			r := fileRec{file: "x-dm", thread: cv.DM.ConversationID, id: mc.ID, own: mc.SenderID == own, kind: "dm", authorID: mc.SenderID}
			r.ts, _ = time.Parse(time.RFC3339, mc.CreatedAt)
			r.text = html.UnescapeString(mc.Text)
			for _, u := range mc.URLs {
				r.links = append(r.links, u.Expanded)
			}
			e.recs = append(e.recs, r)
		}
	}
}

var (
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	brRE   = regexp.MustCompile(`<br ?/?>`)
	hrefRE = regexp.MustCompile(`<a href="([^"]*)"( target="_blank")?( rel="nofollow noopener")?`)
)

// htmlToText is a note's or comment's text: tags dropped, entities decoded.
func htmlToText(s string) string {
	s = brRE.ReplaceAllString(s, "\n")
	return html.UnescapeString(tagRE.ReplaceAllString(s, ""))
}

func (e *exports) readMastodon(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not gzip: %v", path, err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		files[h.Name], _ = io.ReadAll(tr)
	}
	for _, name := range []string{"outbox.json", "actor.json", "likes.json", "bookmarks.json"} {
		if !json.Valid(files[name]) {
			t.Errorf("%s in %s is not valid JSON", name, path)
		}
	}
	var actor struct{ ID, Type, PreferredUsername string }
	json.Unmarshal(files["actor.json"], &actor)
	if actor.Type != "Person" || actor.PreferredUsername != ownMastodon {
		t.Errorf("actor.json = %+v, want the own Person", actor)
	}
	items := e.outboxItems(t, files["outbox.json"])
	for _, raw := range items {
		e.recs = append(e.recs, mastoRec(t, raw, actor.ID))
	}
}

// outboxItems walks the outbox's top level token by token: real outboxes
// write "orderedItems" twice, empty first.
func (e *exports) outboxItems(t *testing.T, body []byte) []json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("outbox.json does not open with an object: %v %v", tok, err)
	}
	var lists [][]json.RawMessage
	for dec.More() {
		key, _ := dec.Token()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("outbox.json: %v", err)
		}
		switch key {
		case "orderedItems":
			var l []json.RawMessage
			json.Unmarshal(v, &l)
			lists = append(lists, l)
		case "totalItems":
			e.outbox.total, _ = strconv.Atoi(string(v))
		}
	}
	if len(lists) != 2 {
		t.Fatalf("outbox.json has %d orderedItems keys, want 2 (an empty one first, as real exports)", len(lists))
	}
	e.outbox.first, e.outbox.second = len(lists[0]), len(lists[1])
	return lists[1]
}

func mastoRec(t *testing.T, raw json.RawMessage, actor string) fileRec {
	var a struct {
		ID, Type, Published string
		To, CC              []string
		Object              json.RawMessage
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("outbox item: %v", err)
	}
	r := fileRec{file: "mastodon", id: a.ID, own: true, kind: "post", author: ownMastodon + "@" + ownMastoHost, authorID: actor}
	r.ts, _ = time.Parse(time.RFC3339, a.Published)
	if a.Type == "Announce" {
		r.kind = "repost"
		json.Unmarshal(a.Object, &r.parent)
		return r
	}
	var n struct {
		InReplyTo, Content, Updated string
		To, CC                      []string
		Tag                         []struct{ Type, Name string }
	}
	json.Unmarshal(a.Object, &n)
	if n.InReplyTo != "" {
		r.kind, r.parent = "reply", n.InReplyTo
	}
	r.edited = n.Updated != ""
	r.text = htmlToText(n.Content)
	for _, m := range hrefRE.FindAllStringSubmatch(n.Content, -1) {
		if !strings.Contains(m[0], "mention") && m[2] != "" {
			r.links = append(r.links, m[1])
		}
	}
	for _, tg := range n.Tag {
		if tg.Type == "Mention" {
			r.mentions = append(r.mentions, tg.Name)
		}
	}
	has := func(l []string, s string) bool { return strings.Contains(" "+strings.Join(l, " ")+" ", " "+s+" ") }
	pub := "https://www.w3.org/ns/activitystreams#Public"
	switch {
	case has(n.To, pub):
		r.visibility = "public"
	case has(n.CC, pub):
		r.visibility = "unlisted"
	case has(n.To, actor+"/followers"):
		r.visibility = "followers"
	default:
		r.visibility = "direct"
	}
	return r
}

type wxrCommentRead struct {
	ID       string `xml:"comment_id"`
	Author   string `xml:"comment_author"`
	Email    string `xml:"comment_author_email"`
	Date     string `xml:"comment_date"`
	DateGMT  string `xml:"comment_date_gmt"`
	Content  string `xml:"comment_content"`
	Approved string `xml:"comment_approved"`
	Type     string `xml:"comment_type"`
	Parent   string `xml:"comment_parent"`
	UserID   string `xml:"comment_user_id"`
}

type wxrItemRead struct {
	Title    string           `xml:"title"`
	Link     string           `xml:"link"`
	PostID   string           `xml:"post_id"`
	PostType string           `xml:"post_type"`
	Status   string           `xml:"status"`
	Modified string           `xml:"post_modified_gmt"`
	Comments []wxrCommentRead `xml:"comment"`
}

func (e *exports) readWXR(t *testing.T, path string, tz *time.Location) {
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Token by token first: the whole document must be well formed.
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("%s does not parse as XML: %v", path, err)
		}
	}
	var doc struct {
		Channel struct {
			Link  string        `xml:"link"`
			Items []wxrItemRead `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	e.wxrItems, e.pages = map[string]int{}, map[string]wxrItemRead{}
	for _, it := range doc.Channel.Items {
		e.wxrItems[it.PostType]++
		if it.PostType == "post" && it.Status == "publish" {
			e.wxrPub++
		}
		if it.PostType == "page" {
			e.pages[it.Title] = it
		}
		for _, c := range it.Comments {
			// A thread is the post's id after the blog's host, as the
			// reader keys it.
			host := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(doc.Channel.Link, "https://"), "http://"), "/")
			e.recs = append(e.recs, wxrRec(host+"/"+it.PostID, c, tz))
		}
	}
}

func wxrRec(post string, c wxrCommentRead, tz *time.Location) fileRec {
	r := fileRec{file: "wxr", thread: post, id: c.ID, author: c.Author, kind: "comment", text: html.UnescapeString(c.Content)}
	r.own = c.UserID == "1" || c.UserID == "2" || c.Email == ownEmail || c.Email == coEmail
	if c.UserID != "0" {
		r.authorID = c.UserID
	}
	r.status = map[string]string{"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}[c.Approved]
	switch {
	case c.Type == "pingback" || c.Type == "trackback":
		r.kind = c.Type
	case c.Parent != "0":
		r.kind, r.parent = "reply", c.Parent
	}
	if c.DateGMT == "0000-00-00 00:00:00" {
		r.ts, _ = time.ParseInLocation(time.DateTime, c.Date, tz)
	} else {
		r.ts, _ = time.Parse(time.DateTime, c.DateGMT)
	}
	r.ts = r.ts.UTC()
	return r
}

func (e *exports) readTelegram(t *testing.T, path string, tz *time.Location) {
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasSuffix(body, []byte("\n")) {
		t.Errorf("%s ends with a newline; Telegram Desktop's does not", path)
	}
	var doc struct {
		Name, Type string
		ID         int64
		Messages   []map[string]any
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	if doc.Type != "private_supergroup" {
		t.Errorf("chat type %q, want private_supergroup", doc.Type)
	}
	for _, m := range doc.Messages {
		e.recs = append(e.recs, tgRec(t, strconv.FormatInt(doc.ID, 10), m, tz))
	}
}

func tgRec(t *testing.T, chat string, m map[string]any, tz *time.Location) fileRec {
	str := func(k string) string { s, _ := m[k].(string); return s }
	r := fileRec{file: "telegram", thread: chat, id: strconv.Itoa(int(m["id"].(float64))), kind: "message"}
	sec, _ := strconv.ParseInt(str("date_unixtime"), 10, 64)
	r.ts = time.Unix(sec, 0).UTC()
	if local := r.ts.In(tz).Format("2006-01-02T15:04:05"); str("date") != local {
		t.Errorf("message %s: date %q, want the local time %q of date_unixtime", r.id, str("date"), local)
	}
	r.edited = str("edited_unixtime") != ""
	r.author, r.authorID = str("from"), str("from_id")
	if p, ok := m["reply_to_message_id"].(float64); ok {
		r.parent = strconv.Itoa(int(p))
	}
	if str("type") == "service" {
		r.kind, r.author, r.authorID = "service", str("actor"), str("actor_id")
		switch str("action") {
		case "join_group_by_link":
			r.kind = "join"
		case "invite_members":
			r.kind, r.author, r.authorID = "join", m["members"].([]any)[0].(string), ""
		case "pin_message":
			r.parent = strconv.Itoa(int(m["message_id"].(float64)))
		}
	}
	r.own = r.authorID == ownTgID && r.kind != "join"
	switch text := m["text"].(type) {
	case string:
		r.text = text
	case []any:
		for _, part := range text {
			switch p := part.(type) {
			case string:
				r.text += p
			case map[string]any:
				r.text += p["text"].(string)
				switch p["type"] {
				case "link":
					r.links = append(r.links, p["text"].(string))
				case "text_link":
					r.links = append(r.links, p["href"].(string))
				case "mention":
					r.mentions = append(r.mentions, p["text"].(string))
				case "mention_name":
					r.mentionIDs = append(r.mentionIDs, "user"+strconv.FormatInt(int64(p["user_id"].(float64)), 10))
				}
			}
		}
	}
	return r
}
