package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Discourse forums: a topic as its JSON API gives it (/t/<id>.json, also
// ?print=true and /t/<id>/posts.json), the latest posts (/posts.json), or a
// CSV of posts from the Data Explorer plugin (discourse_csv.go). Each post
// is a row of conversations: thread = the topic, key topic id + post id.
//
// A topic's JSON writes post_stream before the topic's id, title and slug,
// and a reply names its parent by post number, not by id: the posts of a
// topic are held until its object ends, then given their title and parent
// (a page of a topic is at most the 1,000 posts of ?print=true, and ingest
// holds an export's rows until its end anyway).

// discoursePlatform is the partition of Discourse's rows.
const discoursePlatform = "discourse"

// dcPost is the part of a Discourse post the reader uses (the post
// serializer's field names; the Data Explorer CSV uses the posts table's,
// which are the same).
type dcPost struct {
	ID          jsonID  `json:"id"`
	TopicID     jsonID  `json:"topic_id"`
	PostNumber  jsonID  `json:"post_number"`
	ReplyTo     jsonID  `json:"reply_to_post_number"`
	Username    string  `json:"username"`
	UserID      jsonID  `json:"user_id"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
	Cooked      string  `json:"cooked"`
	Raw         string  `json:"raw"`
	PostType    jsonID  `json:"post_type"`
	Version     jsonID  `json:"version"`
	Staff       bool    `json:"staff"`
	Admin       bool    `json:"admin"`
	Moderator   bool    `json:"moderator"`
	Hidden      bool    `json:"hidden"`
	DeletedAt   *string `json:"deleted_at"`
	UserDeleted bool    `json:"user_deleted"`
	TopicSlug   string  `json:"topic_slug"`
	TopicTitle  string  `json:"topic_title"`
	Avatar      string  `json:"avatar_template"`
}

// dcSmallAction is the post_type of the notes Discourse writes into a
// topic (closed, pinned, split, a user removed): no one's message.
const dcSmallAction = "3"

// dcTopic is what is known of the topic whose posts are being read.
type dcTopic struct {
	id, title, slug string
	host            string // the forum's host, from an avatar's path
}

// dcHeld is a post read but not yet given out: its row, and what its
// links and parent are made of once its topic is known.
type dcHeld struct {
	msg     *Message
	number  string // its post number
	replyTo string // reply_to_post_number
	slug    string // the post's topic_slug
	quote   dcQuote
}

// dcThread gives held posts their topic, parents (by post number within
// their topic), title and links.
type dcThread struct {
	held    []*dcHeld
	numbers map[string]string // topic id + "#" + post number -> post id
}

func (t *dcThread) add(h *dcHeld) {
	if t.numbers == nil {
		t.numbers = map[string]string{}
	}
	if h.number != "" {
		t.numbers[h.msg.ThreadID+"#"+h.number] = h.msg.MessageID
	}
	t.held = append(t.held, h)
}

// release finishes the held posts with what the topic says of itself and
// returns them in input order (a post of no known topic is a reject).
func (t *dcThread) release(top dcTopic, name string) []tgItem {
	out := make([]tgItem, 0, len(t.held))
	for _, h := range t.held {
		if h.msg.ThreadID == "" && top.id != "" {
			h.msg.ThreadID = top.id
			if h.number != "" {
				t.numbers[top.id+"#"+h.number] = h.msg.MessageID
			}
		}
	}
	for _, h := range t.held {
		if h.msg.ThreadID == "" {
			out = append(out, tgItem{err: &ParseError{File: name, Line: h.msg.Line, Err: errors.New("post has no topic_id")}})
			continue
		}
		h.finish(top, t.numbers)
		out = append(out, tgItem{rec: h.msg})
	}
	t.held, t.numbers = nil, nil
	return out
}

// answers is the post number a post answers: its reply_to_post_number,
// else the post of its topic that it quotes first. Discourse leaves
// reply_to_post_number empty for an answer to the opening post and for a
// reply written with a quote rather than the reply button.
func (h *dcHeld) answers() string {
	if h.replyTo != "" {
		return h.replyTo
	}
	if q := h.quote; q.post != "" && q.post != h.number && (q.topic == "" || q.topic == h.msg.ThreadID) {
		return q.post
	}
	return ""
}

// finish sets a post's parent, kind, title and links. A reply to a post
// that is not in the file (another page of the topic) has no parent.
func (h *dcHeld) finish(top dcTopic, numbers map[string]string) {
	m := h.msg
	if n := h.answers(); n != "" {
		m.Kind = "reply"
		if id, ok := numbers[m.ThreadID+"#"+n]; ok {
			m.ParentID = &id
		}
	}
	if m.ThreadTitle == nil {
		m.ThreadTitle = optText(top.title)
	}
	dcLinks(h, top)
}

var dcAvatarHost = regexp.MustCompile(`/user_avatar/([A-Za-z0-9.-]+\.[A-Za-z]{2,})/`)

// dcLinks sets a post's links, /t/<slug>/<topic>/<n>. The API gives no
// base URL; an uploaded avatar's path names the forum's host, and then the
// links are https://<host>/t/...: else they stay relative to the forum.
func dcLinks(h *dcHeld, top dcTopic) {
	m := h.msg
	base := ""
	if top.host != "" {
		base = "https://" + top.host
		m.Space = optText(top.host)
	}
	slug := h.slug
	if slug == "" {
		slug = top.slug
	}
	if slug == "" {
		slug = "-" // Discourse redirects /t/-/<id> to the topic
	}
	thread := base + "/t/" + slug + "/" + m.ThreadID
	m.ThreadURL = &thread
	if h.number != "" {
		u := thread + "/" + h.number
		m.URL = &u
	}
}

// dcRow is a post's row, held until its topic is known; its kind is
// message until it is found to answer another post.
func dcRow(p *dcPost, own *Own, line int64) (*dcHeld, error) {
	if p.ID == "" {
		return nil, errors.New("post has no id")
	}
	ts, err := dcTime(p.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("created_at: %w", err)
	}
	h := &dcHeld{number: string(p.PostNumber), replyTo: string(p.ReplyTo), slug: p.TopicSlug}
	text := p.Raw
	if p.Cooked != "" {
		text, h.quote = dcCooked(p.Cooked)
	}
	m := &Message{Line: line}
	m.Conversation = warehouse.Conversation{
		Platform:     discoursePlatform,
		ThreadID:     string(p.TopicID),
		MessageID:    string(p.ID),
		ThreadTitle:  optText(p.TopicTitle),
		Author:       optText(p.Username),
		AuthorID:     optText(dcAuthorID(p)),
		IsOwnAccount: p.Staff || p.Admin || p.Moderator || own.Is(discoursePlatform, p.Username),
		TS:           ts,
		Text:         &text,
		Status:       dcStatus(p),
		Kind:         "message",
		Edited:       dcEdited(p, ts),
	}
	h.msg = m
	return h, nil
}

// dcAuthorID is the user's id where the export has it (it outlives a
// rename), else the username.
func dcAuthorID(p *dcPost) string {
	if p.UserID != "" {
		return string(p.UserID)
	}
	return p.Username
}

// dcStatus: a deleted post is trash; a post hidden by flags waits for the
// staff's review, as a comment pending approval does.
func dcStatus(p *dcPost) string {
	switch {
	case p.DeletedAt != nil && *p.DeletedAt != "", p.UserDeleted:
		return "trash"
	case p.Hidden:
		return "pending"
	}
	return "approved"
}

// dcEdited: Discourse counts a version for each edit after the first few
// minutes; an edit within them only moves updated_at.
func dcEdited(p *dcPost, created time.Time) bool {
	if v, err := strconv.Atoi(string(p.Version)); err == nil && v > 1 {
		return true
	}
	up, err := dcTime(p.UpdatedAt)
	return err == nil && up.Sub(created) > time.Minute
}

// dcTime reads a Discourse time: ISO 8601 from the API
// (2017-09-03T09:38:53.031Z), PostgreSQL's text from the Data Explorer
// (2017-09-03 09:38:53.031, in UTC as Discourse stores it, or with a zone).
func dcTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07",
		"2006-01-02 15:04:05.999999999 -0700", "2006-01-02 15:04:05.999999999 MST", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if s == "" {
		return time.Time{}, errors.New("no time")
	}
	return time.Time{}, fmt.Errorf("%q is not an ISO 8601 time", s)
}

// discourseReader reads a topic's (or the latest posts') JSON.
type discourseReader struct {
	src     *Source
	js      *jsonStream
	topic   dcTopic
	thread  dcThread
	out     []tgItem
	err     error
	started bool
	skipped int64
}

var _ Reader = (*discourseReader)(nil)
var _ Skipper = (*discourseReader)(nil)

// openDiscourse reads a topic's JSON, or a Data Explorer CSV when the
// content does not start with an object.
func openDiscourse(src *Source) Reader {
	br := bufio.NewReader(src.R)
	if !dcIsJSON(br) {
		return newDiscourseCSV(src, br)
	}
	return &discourseReader{src: src, js: newJSONStream(src.Name, br)}
}

// dcIsJSON peeks at the first byte that is not a space or a BOM.
func dcIsJSON(br *bufio.Reader) bool {
	peek, _ := br.Peek(512)
	head := bytes.TrimLeft(bytes.TrimPrefix(peek, utf8BOM), " \t\r\n")
	if len(head) > 0 && head[0] != '{' {
		return false
	}
	if bytes.HasPrefix(peek, utf8BOM) {
		br.Discard(3) // encoding/json reads no BOM
	}
	return true
}

// Skipped counts the small-action notes of a topic (closed, pinned...).
func (r *discourseReader) Skipped() int64 { return r.skipped }

func (r *discourseReader) Next() (Record, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return nil, r.err
		}
		r.err = r.step()
	}
	it := r.out[0]
	r.out = r.out[1:]
	return it.rec, it.err
}

// step reads one key of the top object and what it holds.
func (r *discourseReader) step() error {
	if !r.started {
		r.started = true
		ok, err := r.js.open('{')
		if err == nil && !ok {
			err = fmt.Errorf("%s: %w: not a Discourse topic (no top object)", r.src.Name, errStructure)
		}
		return err
	}
	k, ok, err := r.js.key()
	if err != nil {
		return err
	}
	if !ok {
		r.out = append(r.out, r.thread.release(r.topic, r.src.Name)...)
		return io.EOF
	}
	return r.field(k)
}

func (r *discourseReader) field(k string) error {
	switch k {
	case "post_stream":
		return r.postStream()
	case "latest_posts":
		return r.posts()
	case "id", "title", "slug":
		v, err := r.js.scalar()
		switch k {
		case "id":
			r.topic.id = v
		case "title":
			r.topic.title = v
		case "slug":
			r.topic.slug = v
		}
		return err
	}
	return r.js.skip()
}

// postStream reads post_stream's posts, passing over the stream of ids.
func (r *discourseReader) postStream() error {
	ok, err := r.js.open('{')
	if !ok || err != nil {
		return err
	}
	for {
		k, more, err := r.js.key()
		if err != nil || !more {
			return err
		}
		if k != "posts" {
			if err := r.js.skip(); err != nil {
				return err
			}
			continue
		}
		if err := r.posts(); err != nil {
			return err
		}
	}
}

// posts reads an array of posts into the thread, which holds them.
func (r *discourseReader) posts() error {
	ok, err := r.js.open('[')
	if !ok || err != nil {
		return err
	}
	for r.js.more() {
		raw, line, err := r.js.value()
		if err != nil {
			return err
		}
		r.post(raw, line)
	}
	return r.js.closeList()
}

func (r *discourseReader) post(raw json.RawMessage, line int64) {
	reject := func(err error) {
		r.out = append(r.out, tgItem{err: &ParseError{File: r.src.Name, Line: line, Err: err, Raw: bytes.Clone(rawCut(raw, maxRaw))}})
	}
	var p dcPost
	if err := json.Unmarshal(raw, &p); err != nil {
		reject(fmt.Errorf("unreadable post: %w", err))
		return
	}
	if p.PostType == dcSmallAction {
		r.skipped++
		return
	}
	if r.topic.host == "" {
		if m := dcAvatarHost.FindStringSubmatch(p.Avatar); m != nil {
			r.topic.host = strings.ToLower(m[1])
		}
	}
	h, err := dcRow(&p, r.src.Own, line)
	if err != nil {
		reject(err)
		return
	}
	r.thread.add(h)
}

var (
	dcStreamKey = regexp.MustCompile(`"post_stream"\s*:\s*\{`)
	dcPostKeys  = []*regexp.Regexp{regexp.MustCompile(`"topic_slug"\s*:`), regexp.MustCompile(`"post_number"\s*:`), regexp.MustCompile(`"cooked"\s*:`)}
)

// detectDiscourse tells a topic's JSON by its first key, post_stream (or
// latest_posts for /posts.json); a topic saved with its keys sorted starts
// elsewhere, and then post_stream or a post's own keys must be in the
// head. A CSV is told by its header (detectDiscourseCSV).
func detectDiscourse(head []byte) bool {
	head = bytes.TrimPrefix(head, utf8BOM)
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return detectDiscourseCSV(head)
	}
	t, err := dec.Token()
	if err != nil {
		return false
	}
	if k, ok := t.(string); ok && (k == "post_stream" || k == "latest_posts") {
		return true
	}
	if dcStreamKey.Match(head) {
		return true
	}
	for _, re := range dcPostKeys {
		if !re.Match(head) {
			return false
		}
	}
	return true
}

// dcQuote is the post a post quotes first: Discourse cooks a quote as
// <aside class="quote" data-post="5" data-topic="3525">.
type dcQuote struct{ topic, post string }

// dcCooked is a cooked body's text without its asides, which are not the
// author's words: quotes of other posts (dropped; the first one is
// returned, as what the post answers) and oneboxes, the previews of a
// linked page (kept as the page's address).
func dcCooked(cooked string) (string, dcQuote) {
	var q dcQuote
	if !strings.Contains(cooked, "<aside") {
		text, _ := htmlText(cooked)
		return text, q
	}
	z := html.NewTokenizer(strings.NewReader(cooked))
	var b strings.Builder
	depth := 0
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		raw := string(z.Raw())
		name, hasAttr := z.TagName()
		if string(name) != "aside" || tt == html.SelfClosingTagToken {
			if depth == 0 {
				b.WriteString(raw)
			}
			continue
		}
		if tt == html.EndTagToken {
			depth = max(depth-1, 0)
			continue
		}
		depth++
		attrs := map[string]string{}
		for more := hasAttr; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		if src := attrs["data-onebox-src"]; depth == 1 && src != "" {
			b.WriteString(" " + html.EscapeString(src) + " ")
		}
		if q.post == "" && strings.Contains(" "+attrs["class"]+" ", " quote ") {
			q = dcQuote{attrs["data-topic"], attrs["data-post"]}
		}
	}
	text, _ := htmlText(b.String())
	return text, q
}
