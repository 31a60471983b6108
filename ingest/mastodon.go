package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Mastodon account archives (Preferences > Import and export > Request
// your archive). Two of their files are read:
//
//   - outbox.json, an ActivityStreams OrderedCollection of the account's
//     activities: Create (a toot, its Note embedded) and Announce (a boost,
//     its object a URI). Each is a row of social_posts.
//   - actor.json, the account itself (a Person): it yields no row but tells
//     whose archive this is (the own account, SPEC "own account").
//
// likes.json and bookmarks.json (collections of other people's post URIs)
// are no table's: detection leaves them to the archive reader, which counts
// them as skipped. The same files come from Pleroma and Akkoma backups,
// which these readers also take.

const mastodonPlatform = "mastodon"

var (
	_ Reader      = (*mastodonOutbox)(nil)
	_ Skipper     = (*mastodonOutbox)(nil)
	_ ExportTimer = (*mastodonOutbox)(nil)
	_ Reader      = (*mastodonActor)(nil)
	_ Skipper     = (*mastodonActor)(nil)
	_ ExportTimer = (*mastodonActor)(nil)
)

// Reasons an outbox item or an actor is rejected; rejects are grouped by
// these texts, so they stay short and stable.
var (
	errNotActivity  = errors.New("outbox item is not an ActivityStreams activity")
	errNoActivityID = errors.New("activity without an id")
	errNoPublished  = errors.New("activity without a readable published time")
	errNoObject     = errors.New("activity without its object")
	errNotActor     = errors.New("not an ActivityStreams actor with a preferredUsername")
)

// asPublic is the address of "everyone" in to/cc; servers also write its
// compact forms.
const asPublic = "https://www.w3.org/ns/activitystreams#Public"

func apIsPublic(s string) bool {
	return s == asPublic || s == "as:Public" || s == "Public"
}

// --- detection

var (
	apCollectionRe = regexp.MustCompile(`"type"\s*:\s*"OrderedCollection(?:Page)?"`)
	// The outbox's own id: "outbox.json" in archives; an outbox fetched
	// from a server has its URL.
	apOutboxIDRe = regexp.MustCompile(`"id"\s*:\s*"(?:outbox\.json|[^"]*/outbox(?:\?[^"]*)?)"`)
	apActivityRe = regexp.MustCompile(`"type"\s*:\s*"(?:Create|Announce)"`)
	// The archive's other collections, whose items are URIs, not activities.
	apOtherCollectionRe = regexp.MustCompile(`"id"\s*:\s*"(?:likes|bookmarks|followers|following)\.json"`)
	apActorTypeRe       = regexp.MustCompile(`"type"\s*:\s*"(?:Person|Service|Application|Group|Organization)"`)
)

// apObjectHead returns head from its opening brace, or nil if head is not
// the start of a JSON object (a UTF-8 byte order mark and white space
// allowed before it).
func apObjectHead(head []byte) []byte {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(h) == 0 || h[0] != '{' || !bytes.Contains(h, []byte(`"@context"`)) {
		return nil
	}
	return h
}

// isMastodonOutbox: an ActivityStreams collection that is an outbox by its
// id or by its first items. Mastodon puts a 2.5 KB @context first; should
// the head end inside it (a pretty-printed copy), the context's
// status-only terms (atomUri) still tell an outbox from actor.json.
func isMastodonOutbox(head []byte) bool {
	h := apObjectHead(head)
	if h == nil || !bytes.Contains(h, []byte("https://www.w3.org/ns/activitystreams")) || apOtherCollectionRe.Match(h) {
		return false
	}
	if apCollectionRe.Match(h) {
		return apOutboxIDRe.Match(h) || apActivityRe.Match(h)
	}
	return bytes.Contains(h, []byte(`"ostatus:atomUri"`)) && !apActorTypeRe.Match(h)
}

// isMastodonActor: an ActivityStreams actor (Person, or Service for bots)
// with the fields only an actor has.
func isMastodonActor(head []byte) bool {
	h := apObjectHead(head)
	return h != nil && bytes.Contains(h, []byte("https://www.w3.org/ns/activitystreams")) &&
		apActorTypeRe.Match(h) && !apCollectionRe.Match(h) &&
		(bytes.Contains(h, []byte(`"preferredUsername"`)) || bytes.Contains(h, []byte(`"inbox"`)))
}

// --- the export's time

// mastodonArchiveNameRe is the name Mastodon gives an archive
// (archive-20240723183906-<32 hex>.zip, older ones .tar.gz) and Pleroma
// (archive-<nickname>-20240723T183906-<random>.zip): the time it was made,
// in UTC. It also matches the folder such an archive was unpacked into.
var mastodonArchiveNameRe = regexp.MustCompile(`(?:^|[/\\])archive-(?:[^/\\!]*-)?(\d{8})T?(\d{6})(?:\.\d+)?-[A-Za-z0-9_-]{8,}(?:\.zip|\.tar\.gz|\.tgz)?[/\\!]`)

// mastodonArchiveTime returns the time in the archive name of an entry
// name such as archive-20240723183906-abcd….zip!outbox.json. A renamed
// archive has none: ingest then falls back to the latest record's time.
func mastodonArchiveTime(name string) (time.Time, bool) {
	m := mastodonArchiveNameRe.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102150405", m[1]+m[2])
	if err != nil || t.Year() < 2016 {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// --- outbox.json

// mastodonOutbox streams outbox.json's items. The document is walked token
// by token and each item decoded alone, so that a large outbox is never
// held whole. Mastodon writes the key twice ("orderedItems":[],
// "orderedItems":[...]: the skeleton's empty list, then the streamed one),
// so every orderedItems array is read, not only the first; totalItems is
// ignored, as it counts the account's statuses, not the items written.
type mastodonOutbox struct {
	src     *Source
	dec     *json.Decoder
	started bool // past the document's opening brace
	inItems bool // inside an orderedItems array
	err     error
	n       int64 // items read, the position of the last one
	skipped int64
	seen    map[string]bool // activity ids, to skip an item given twice
	actor   string          // the last item's actor URI and its handle
	handle  string
}

func openMastodonOutbox(src *Source) Reader {
	return &mastodonOutbox{src: src, dec: json.NewDecoder(src.R), seen: map[string]bool{}}
}

// Skipped counts the items passed over on purpose: activities that are no
// post (Like, Follow, ...), deleted notes (Tombstone), repeated ids.
func (r *mastodonOutbox) Skipped() int64 { return r.skipped }

// ExportTime is the time in the archive's name, where it has Mastodon's.
func (r *mastodonOutbox) ExportTime() (time.Time, bool) { return mastodonArchiveTime(r.src.Name) }

// Next returns the next toot or boost.
func (r *mastodonOutbox) Next() (Record, error) {
	for r.err == nil {
		if !r.inItems {
			r.err = r.toItems()
			continue
		}
		if !r.dec.More() {
			if _, err := r.dec.Token(); err != nil { // the array's ]
				r.err = r.broken(err)
			}
			r.inItems = false
			continue
		}
		var raw json.RawMessage
		if err := r.dec.Decode(&raw); err != nil {
			r.err = r.broken(err)
			continue
		}
		r.n++
		p, err := r.item(raw)
		if err != nil {
			return nil, &ParseError{File: r.src.Name, Line: r.n, Err: err, Raw: apClip(raw)}
		}
		if p == nil {
			r.skipped++
			continue
		}
		return p, nil
	}
	return nil, r.err
}

// toItems walks the document's top-level keys up to the next orderedItems
// array, skipping the values of the others; it returns io.EOF after the
// document's closing brace.
func (r *mastodonOutbox) toItems() error {
	if !r.started {
		t, err := r.dec.Token()
		if err != nil {
			return r.broken(err)
		}
		if d, ok := t.(json.Delim); !ok || d != '{' {
			return errors.New("not a JSON object: an outbox.json is one ActivityStreams collection")
		}
		r.started = true
	}
	for r.dec.More() {
		key, err := r.dec.Token()
		if err != nil {
			return r.broken(err)
		}
		t, err := r.dec.Token()
		if err != nil {
			return r.broken(err)
		}
		d, ok := t.(json.Delim)
		if !ok {
			continue // a scalar value, read whole
		}
		if key == "orderedItems" && d == '[' {
			r.inItems = true
			return nil
		}
		if err := apSkip(r.dec); err != nil {
			return r.broken(err)
		}
	}
	if _, err := r.dec.Token(); err != nil { // the document's }
		return r.broken(err)
	}
	return io.EOF
}

// broken is the error that ends an outbox that is no longer JSON (cut
// short, or damaged): the items before it are in.
func (r *mastodonOutbox) broken(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("outbox JSON broken after item %d: %w", r.n, err)
}

// apSkip reads the rest of a value whose opening delimiter was just read.
func apSkip(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// apClip copies the first maxRaw bytes of a rejected item for rejects.raw.
func apClip(b []byte) []byte {
	if len(b) > maxRaw {
		b = b[:maxRaw]
	}
	return append([]byte(nil), b...)
}

// apActivity is an outbox item as far as it is read. Fields whose shape
// varies between servers (a string, an object, a list) are apRefs.
type apActivity struct {
	ID        string          `json:"id"`
	Type      apRefs          `json:"type"`
	Actor     apRefs          `json:"actor"`
	Published string          `json:"published"`
	To        apRefs          `json:"to"`
	CC        apRefs          `json:"cc"`
	Object    json.RawMessage `json:"object"`
}

// apNote is the object of a Create: a Note (also a Question, a poll, or an
// Article from other servers).
type apNote struct {
	ID           string                     `json:"id"`
	Type         apRefs                     `json:"type"`
	Published    string                     `json:"published"`
	Updated      string                     `json:"updated"`
	InReplyTo    apRefs                     `json:"inReplyTo"`
	URL          apRefs                     `json:"url"`
	To           apRefs                     `json:"to"`
	CC           apRefs                     `json:"cc"`
	Content      string                     `json:"content"`
	ContentMap   map[string]json.RawMessage `json:"contentMap"`
	Tag          apTags                     `json:"tag"`
	Quote        apRefs                     `json:"quote"` // FEP-044f, Mastodon 4.4+
	QuoteURI     apRefs                     `json:"quoteUri"`
	QuoteURL     apRefs                     `json:"quoteUrl"` // Pleroma, Akkoma
	MisskeyQuote apRefs                     `json:"_misskey_quote"`
}

// item returns the row of one outbox item; nil and no error for an item
// passed over on purpose.
func (r *mastodonOutbox) item(raw json.RawMessage) (*Post, error) {
	var a apActivity
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, errNotActivity
	}
	switch {
	case len(a.Type) == 0:
		return nil, errNotActivity
	case a.ID == "":
		return nil, errNoActivityID
	case r.seen[a.ID]:
		return nil, nil
	}
	var p *Post
	var err error
	switch {
	case a.Type.has("Create"):
		p, err = r.create(&a)
	case a.Type.has("Announce"):
		p, err = r.announce(&a)
	}
	if p != nil {
		r.seen[a.ID] = true
	}
	return p, err
}

// base is the part of a row that every activity has.
func (r *mastodonOutbox) base(a *apActivity, ts time.Time) *Post {
	actor := a.Actor.first()
	p := &Post{Line: r.n}
	p.Platform = mastodonPlatform
	p.Account = r.account(actor)
	p.PostID = a.ID
	p.TS = ts
	return p
}

// account is the actor's handle (name@host, from its URI as Mastodon
// builds it), which is also the own account: it is recorded in Own, as
// actor.json records it (an archive has its outbox before its actor).
func (r *mastodonOutbox) account(actor string) string {
	if actor == r.actor && r.handle != "" {
		return r.handle // every item has the same actor: one string for all rows
	}
	h := apHandle(actor)
	if r.src.Own != nil && actor != "" {
		if h != "" {
			r.src.Own.Add(mastodonPlatform, h)
		}
		r.src.Own.Add(mastodonPlatform, actor)
	}
	if h == "" && r.src.Own != nil {
		h = r.src.Own.Account(mastodonPlatform)
	}
	if h == "" {
		h = actor
	}
	r.actor, r.handle = actor, h
	return h
}

// announce is a boost: a repost of the object's URI, with no text of its own.
func (r *mastodonOutbox) announce(a *apActivity) (*Post, error) {
	var obj apRefs
	if err := obj.UnmarshalJSON(a.Object); err != nil || obj.first() == "" {
		return nil, errNoObject
	}
	ts, ok := apTime(a.Published)
	if !ok {
		return nil, errNoPublished
	}
	p := r.base(a, ts)
	p.Kind = "repost"
	p.RepostOf = apStr(obj.first())
	p.Visibility = apStr(apVisibility(a.To, a.CC, a.Actor.first()))
	return p, nil
}

// create is a toot: a post, a reply or a quote. An object given only by
// its URI (servers may do that) is a post whose text the export lacks.
func (r *mastodonOutbox) create(a *apActivity) (*Post, error) {
	obj := bytes.TrimSpace(a.Object)
	if len(obj) == 0 || string(obj) == "null" {
		return nil, errNoObject
	}
	var n apNote
	if obj[0] == '{' {
		if err := json.Unmarshal(obj, &n); err != nil {
			return nil, errNotActivity
		}
	}
	if n.Type.has("Tombstone") {
		return nil, nil // deleted
	}
	ts, ok := apTime(a.Published, n.Published)
	if !ok {
		return nil, errNoPublished
	}
	p := r.base(a, ts)
	to, cc := n.To, n.CC
	if len(to)+len(cc) == 0 {
		to, cc = a.To, a.CC
	}
	p.Visibility = apStr(apVisibility(to, cc, a.Actor.first()))
	p.Kind = "post"
	if q := n.quoteOf(); q != "" {
		p.Kind, p.RepostOf = "quote", apStr(q)
	}
	if parent := n.InReplyTo.first(); parent != "" {
		p.Kind = "reply"
		p.InReplyToID = apStr(parent)
		p.InReplyToTS = mastodonIDTime(parent, ts)
		if h := apHandle(parent); h != "" {
			p.InReplyToAccount = apStr(h)
		}
	}
	p.URL = apStr(n.URL.firstWeb())
	p.Lang = n.lang()
	p.Edited = n.Updated != "" && n.Updated != n.Published
	apNoteText(p, &n)
	return p, nil
}

// quoteOf is the URI of the post a note quotes, in whichever field its
// server writes it.
func (n *apNote) quoteOf() string {
	for _, q := range []apRefs{n.Quote, n.QuoteURI, n.QuoteURL, n.MisskeyQuote} {
		if s := q.first(); s != "" {
			return s
		}
	}
	return ""
}

// apNoteText sets a post's text, links, hashtags and mentions from the
// note's HTML content and its tag list. Mastodon writes a mention or a
// hashtag as a link (class "mention", "hashtag", rel "tag"): those are
// left out of links, which keep the links the author wrote. Where a note
// has no tag list (some servers), hashtags and mentions come from the text.
func apNoteText(p *Post, n *apNote) {
	text, links := htmlText(n.Content)
	if text != "" {
		p.Text = apStr(text)
	}
	marked := apTaggedLinks(n.Content)
	for _, t := range n.Tag.list {
		marked[t.Href] = true
	}
	for _, l := range links {
		if !marked[l] {
			p.Links = append(p.Links, l)
		}
	}
	if !n.Tag.set {
		p.Hashtags, p.Mentions = hashtags(text), mentions(text)
		return
	}
	seen := map[string]bool{}
	for _, t := range n.Tag.list {
		var v string
		var list *[]string
		switch {
		case t.Type.has("Hashtag"):
			v, list = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t.Name), "#")), &p.Hashtags
		case t.Type.has("Mention"):
			v, list = apMentionHandle(t.Name, t.Href), &p.Mentions
		}
		if key := t.Type.first() + "\x00" + v; v != "" && list != nil && !seen[key] {
			seen[key] = true
			*list = append(*list, v)
		}
	}
}

// apTaggedLinks returns the hrefs of the links of an HTML fragment that are
// mentions or hashtags by their class or rel.
func apTaggedLinks(fragment string) map[string]bool {
	out := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) != "a" || !hasAttr {
			continue
		}
		var href string
		tagged := false
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "href":
				href = string(v)
			case "class", "rel":
				for _, w := range strings.Fields(string(v)) {
					tagged = tagged || w == "mention" || w == "hashtag" || w == "tag"
				}
			}
		}
		if tagged && href != "" {
			out[href] = true
		}
	}
}

// apMentionHandle is a mentioned account as user@host. The tag's name is
// the handle people type (@user@host; @user alone for an account of the
// same server), which is right even where a server's web host differs from
// its handles' domain; the href's host completes a bare @user.
func apMentionHandle(name, href string) string {
	n := strings.TrimPrefix(strings.TrimSpace(name), "@")
	if user, host, ok := strings.Cut(n, "@"); ok && user != "" && host != "" {
		return strings.ToLower(n)
	}
	u, err := url.Parse(href)
	if err != nil || u.Hostname() == "" {
		return strings.ToLower(n)
	}
	if n == "" {
		return apHandle(href)
	}
	return strings.ToLower(n + "@" + u.Hostname())
}

// lang is the note's language where the export gives it: the key of its
// contentMap (one per toot), as an ISO 639 code.
func (n *apNote) lang() *string {
	var key string
	if len(n.ContentMap) == 1 {
		for k := range n.ContentMap {
			key = k
		}
	} else {
		for k, v := range n.ContentMap {
			var s string
			if json.Unmarshal(v, &s) == nil && s == n.Content && (key == "" || k < key) {
				key = k
			}
		}
	}
	if l := apLang(key); l != "" {
		return &l
	}
	return nil
}

// apLang returns the primary language subtag of a BCP 47 tag (pt-BR ->
// pt) if it is an ISO 639 code of a language, else "": und, zxx, mul, mis
// and the private-use codes (qaa-qtz) name none.
func apLang(tag string) string {
	l, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	l, _, _ = strings.Cut(l, "_")
	if len(l) < 2 || len(l) > 3 || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "" {
		return ""
	}
	switch {
	case l == "und" || l == "zxx" || l == "mul" || l == "mis":
		return ""
	case len(l) == 3 && l[0] == 'q' && l[1] <= 't':
		return ""
	}
	return l
}

// visibility is who could see a toot, from its addressing as Mastodon
// writes it: public (to everyone), unlisted (everyone in cc), followers
// (the author's followers collection addressed), else direct (only the
// mentioned accounts: the own side of a private conversation).
func apVisibility(to, cc apRefs, actor string) string {
	switch {
	case to.any(apIsPublic):
		return "public"
	case cc.any(apIsPublic):
		return "unlisted"
	}
	followers := func(s string) bool {
		return actor != "" && (s == actor+"/followers" || strings.HasSuffix(s, "/followers") && apSameHost(s, actor))
	}
	if to.any(followers) || cc.any(followers) {
		return "followers"
	}
	return "direct"
}

func apSameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Host != "" && strings.EqualFold(ua.Host, ub.Host)
}

// apHandle returns user@host from an account's or a status's URI as
// Mastodon and most servers build them (https://host/users/name,
// .../users/name/statuses/1, https://host/@name/1; /u/name, /profile/name),
// or "" when the URI names no user (Pleroma's /objects/<uuid>).
func apHandle(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	var name string
	switch {
	case len(segs) >= 2 && (segs[0] == "users" || segs[0] == "u" || segs[0] == "profile"):
		name = segs[1]
	case strings.HasPrefix(segs[0], "@"):
		name = segs[0][1:]
	}
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != "" {
		return ""
	}
	return strings.ToLower(name + "@" + u.Hostname())
}

// mastodonIDTime decodes the time of a Mastodon status from its id (the
// last part of .../statuses/<id> or /@name/<id>): since Mastodon 2.0 an id
// is milliseconds since 1970 shifted left 16 bits. Older sequential ids,
// and ids of other servers that decode to nonsense, give nil: a time
// before 2017 or after the reply itself is not trusted.
func mastodonIDTime(uri string, reply time.Time) *time.Time {
	u, err := url.Parse(uri)
	if err != nil {
		return nil
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	n := len(segs)
	if !(n == 4 && segs[0] == "users" && segs[2] == "statuses" || n == 2 && strings.HasPrefix(segs[0], "@")) {
		return nil
	}
	id, err := strconv.ParseUint(segs[n-1], 10, 64)
	if err != nil {
		return nil
	}
	t := time.UnixMilli(int64(id >> 16)).UTC()
	if t.Year() < 2017 || t.After(reply.Add(time.Hour)) {
		return nil
	}
	return &t
}

// apTime parses the first readable RFC 3339 time of ts, in UTC.
func apTime(ts ...string) (time.Time, bool) {
	for _, s := range ts {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(s)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// apStr is s as a nullable column: nil when empty.
func apStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// apRefs is a JSON-LD value that may be one string, an object (its id or
// href is taken), or a list of these: to, cc, actor, type, url, inReplyTo.
// Any other shape reads as empty rather than failing the item.
type apRefs []string

// UnmarshalJSON implements json.Unmarshaler.
func (r *apRefs) UnmarshalJSON(b []byte) error {
	*r = nil
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(b, &list) != nil {
			return nil
		}
		for _, e := range list {
			if s := apRefOf(e); s != "" {
				*r = append(*r, s)
			}
		}
		return nil
	}
	if s := apRefOf(b); s != "" {
		*r = apRefs{s}
	}
	return nil
}

// apRefOf reads one reference: a string, or an object's id or href.
func apRefOf(b json.RawMessage) string {
	var s string
	if json.Unmarshal(b, &s) == nil {
		return strings.TrimSpace(s)
	}
	var o struct {
		ID   string `json:"id"`
		Href string `json:"href"`
	}
	if json.Unmarshal(b, &o) == nil {
		if o.ID != "" {
			return o.ID
		}
		return o.Href
	}
	return ""
}

func (r apRefs) first() string {
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// firstWeb is the first http(s) reference: a note's url may list several
// links, and attachments' urls in archives are relative paths.
func (r apRefs) firstWeb() string {
	for _, s := range r {
		if isWebLink(s) {
			return s
		}
	}
	return ""
}

func (r apRefs) has(v string) bool {
	return r.any(func(s string) bool { return s == v })
}

func (r apRefs) any(f func(string) bool) bool {
	for _, s := range r {
		if f(s) {
			return true
		}
	}
	return false
}

// apTags is a note's tag list (Mention, Hashtag, Emoji); set tells a note
// that has one, even empty, from a note that has none.
type apTags struct {
	list []apTag
	set  bool
}

type apTag struct {
	Type apRefs `json:"type"`
	Name string `json:"name"`
	Href string `json:"href"`
}

// UnmarshalJSON implements json.Unmarshaler: a list of tags or one tag;
// a tag of another shape is left out.
func (t *apTags) UnmarshalJSON(b []byte) error {
	*t = apTags{set: true}
	b = bytes.TrimSpace(b)
	var list []json.RawMessage
	if len(b) > 0 && b[0] == '[' {
		if json.Unmarshal(b, &list) != nil {
			return nil
		}
	} else {
		list = []json.RawMessage{b}
	}
	for _, e := range list {
		var tag apTag
		if json.Unmarshal(e, &tag) == nil {
			t.list = append(t.list, tag)
		}
	}
	return nil
}

// --- actor.json

// maxActor bounds what is read of actor.json: a profile is a few KB.
const maxActor = 8 << 20

// mastodonActor reads actor.json: it records the archive's account as an
// own account (as name@host and as its URI) and yields no row; its one
// record is counted as skipped.
type mastodonActor struct {
	src     *Source
	done    bool
	skipped int64
}

func openMastodonActor(src *Source) Reader { return &mastodonActor{src: src} }

// Skipped is 1 once the actor is read: it is no table's row.
func (r *mastodonActor) Skipped() int64 { return r.skipped }

// ExportTime is the time in the archive's name, where it has Mastodon's.
func (r *mastodonActor) ExportTime() (time.Time, bool) { return mastodonArchiveTime(r.src.Name) }

// Next reads the actor and returns io.EOF, or a *ParseError if it is no
// actor.
func (r *mastodonActor) Next() (Record, error) {
	if r.done {
		return nil, io.EOF
	}
	r.done = true
	var raw json.RawMessage
	if err := json.NewDecoder(io.LimitReader(r.src.R, maxActor)).Decode(&raw); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("reading the actor (at most %d MiB of JSON): %w", maxActor>>20, err)
	}
	var a struct {
		ID                string `json:"id"`
		PreferredUsername string `json:"preferredUsername"`
	}
	if json.Unmarshal(raw, &a) != nil || a.ID == "" || strings.TrimSpace(a.PreferredUsername) == "" {
		return nil, &ParseError{File: r.src.Name, Line: 1, Err: errNotActor, Raw: apClip(raw)}
	}
	if r.src.Own != nil {
		if u, err := url.Parse(a.ID); err == nil && u.Hostname() != "" {
			r.src.Own.Add(mastodonPlatform, strings.TrimSpace(a.PreferredUsername)+"@"+strings.ToLower(u.Hostname()))
		}
		r.src.Own.Add(mastodonPlatform, a.ID)
	}
	r.skipped = 1
	return nil, io.EOF
}
