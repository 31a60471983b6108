package ingest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The WordPress eXtended RSS reader (kind wxr): a blog's export from Tools >
// Export, WXR 1.0 to 1.2, as WordPress, WordPress.com and the Blogger
// converters write it. Its records are the channel's items and the comments
// inside them: a published post is a social_posts row (platform blog), a
// comment on any item a conversations row whose thread is the item; pages,
// drafts, attachments, menu items and other post types are counted skips.
//
// WXR names no time zone: post_date_gmt and comment_date_gmt are UTC, and
// where they are empty or zero (drafts, some converters) the local
// post_date or comment_date is read less the blog's offset from UTC as the
// records read so far show it (both dates set; an item's comments are read
// before its post), else as UTC, which it is only on a blog set to UTC.
// Daylight saving time can make that offset an hour off.

const blogPlatform = "blog"

var (
	// wxrNSRe finds a WXR namespace in a file's first bytes: the version
	// (1.0, 1.1, 1.2) and the scheme (WordPress.com writes https) vary.
	wxrNSRe = regexp.MustCompile(`https?://wordpress\.org/export/1\.[0-9]+/`)
	// wxrSpaceRe is the wp: namespace itself, not excerpt: beneath it.
	wxrSpaceRe = regexp.MustCompile(`^https?://wordpress\.org/export/1\.[0-9]+/?$`)
	// wxrCreatedRe is the generator comment WordPress writes before <rss>.
	wxrCreatedRe = regexp.MustCompile(`created="(\d{4}-\d{2}-\d{2} \d{2}:\d{2})"`)
)

// Reasons a WXR record is rejected; rejects are grouped by these texts.
var (
	errWXRNoID          = errors.New("item has no guid, link or post_id")
	errWXRNoDate        = errors.New("post has no date (post_date_gmt, post_date, pubDate)")
	errWXRNoThread      = errors.New("comment's item has no guid, link or post_id")
	errWXRNoCommentDate = errors.New("comment has no date (comment_date_gmt, comment_date)")
	errWXRApproved      = errors.New("unknown comment_approved value")
)

// wxrFieldMax bounds the text kept of one element: a post with megabytes
// of inline images must not hold the whole export's worth of memory.
const wxrFieldMax = 16 << 20

// detectWXR: an <rss> with a WXR namespace, or WordPress's own opening
// comment, where a long preamble pushes <rss> past the first bytes.
func detectWXR(head []byte) bool {
	return bytes.Contains(head, []byte("<rss")) && wxrNSRe.Match(head) ||
		bytes.Contains(head, []byte("This is a WordPress eXtended RSS file"))
}

var _ Reader = (*wxrReader)(nil)

// wxrReader streams a WXR document token by token, one item at a time: an
// item's fields and comments are read up to </item>, then its records are
// queued (the post first, then its comments).
type wxrReader struct {
	src      *Source
	in       *wxrInput
	dec      *xml.Decoder
	err      error // what ends the input once met: io.EOF or a fatal error
	depth    int   // 0 outside <rss>, 1 in it, 2 in <channel>
	sawRSS   bool
	tokStart int64 // input offset of the token last asked for
	// After a broken item the reading goes on with a new decoder at the
	// next <item> (resync): its lines and offsets count from these, and it
	// is given the <rss> start tag's namespaces.
	lineBase, offBase int64
	rssAttrs          []xml.Attr
	brokenRaw         []byte // the text of the item that failed, for its reject
	resyncAt          int64  // the input read at the last resync
	blog              wxrBlog
	created           time.Time // from the generator comment
	// ownUsers are the comment_user_id values of the blog's own authors:
	// the wp:author ids, and the user id of any comment written with an
	// own author's e-mail (WordPress.com exports have no author ids).
	ownUsers map[string]bool
	authors  bool              // the channel listed wp:author entries
	offset   time.Duration     // the blog's local time less UTC, as last seen
	guids    map[string]string // guid -> wp:post_id of the item that has it
	out      []wxrOut
	skipped  int64
}

type wxrOut struct {
	rec Record
	err error
}

// wxrBlog is what the channel says of the blog.
type wxrBlog struct {
	title, link, baseURL, lang, pubDate string
	host                                string
}

type wxrItem struct {
	line                                         int64
	raw                                          []byte
	title, link, guid, creator, content, pubDate string
	postID, date, dateGMT, modified, modifiedGMT string
	status, postType                             string
	lang                                         string // Polylang's, where it is
	tags                                         []string
	comments                                     []wxrComment
}

type wxrComment struct {
	line                                     int64
	raw                                      []byte
	id, author, email, userID, date, dateGMT string
	content, approved, ctype, parent         string
}

func openWXR(src *Source) Reader {
	r := &wxrReader{src: src, ownUsers: map[string]bool{}, guids: map[string]string{}}
	in, err := newWXRInput(src.R)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", src.Name, err)
		return r
	}
	r.in = in
	r.newDecoder()
	return r
}

// newDecoder starts a decoder at the input's current place.
func (r *wxrReader) newDecoder() {
	r.dec = xml.NewDecoder(r.in)
	// Strict: a misnested tag fails its item (a reject, then resync)
	// rather than closing elements early and garbling the items after it;
	// the bare & that non-strict decoding would forgive is mended in
	// wxrInput.
	r.dec.Strict = true
	r.dec.Entity = xml.HTMLEntity
	r.dec.CharsetReader = wxrCharsetReader
	r.offBase = r.in.n
}

// Next returns the next post or comment.
func (r *wxrReader) Next() (Record, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return nil, r.err
		}
		r.err = r.advance()
	}
	o := r.out[0]
	r.out = r.out[1:]
	return o.rec, o.err
}

// Skipped counts the items and comments passed over on purpose.
func (r *wxrReader) Skipped() int64 { return r.skipped }

// ExportTime is the channel's pubDate, which WordPress (since WXR 1.1)
// sets to the time of the export and WXR 1.0 to the last post's change,
// else the generator comment's created= (UTC).
func (r *wxrReader) ExportTime() (time.Time, bool) {
	if t, ok := wxrRSSTime(r.blog.pubDate); ok {
		return t, true
	}
	return r.created, !r.created.IsZero()
}

// OwnSite is the blog's address (the channel's link), whose pages are the
// own site's: for ingest's links_own_site, should it ask.
func (r *wxrReader) OwnSite() string { return cmp.Or(r.blog.link, r.blog.baseURL) }

// advance reads on to the end of the next item, queueing its records, or
// to the end of the document.
func (r *wxrReader) advance() error {
	for {
		tok, err := r.token()
		if err == io.EOF && r.sawRSS {
			return io.EOF
		}
		if err == io.EOF {
			err = errors.New("no <rss> element: not a WXR export")
		}
		if err != nil {
			return r.resync(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			item, err := r.start(t)
			if err != nil {
				return r.resync(err)
			}
			if item {
				return nil
			}
		case xml.EndElement:
			r.depth--
		case xml.Comment:
			r.generatorComment(t)
		}
	}
}

func (r *wxrReader) token() (xml.Token, error) {
	r.tokStart = r.offBase + r.dec.InputOffset()
	return r.dec.Token()
}

func (r *wxrReader) line() int64 {
	l, _ := r.dec.InputPos()
	return r.lineBase + int64(l)
}

// fatal is an error that ends the input: the document breaks off or is
// not WXR. The records before it are in.
func (r *wxrReader) fatal(err error) error {
	return fmt.Errorf("%s:%d: reading WXR: %w", r.src.Name, r.line(), err)
}

func (r *wxrReader) generatorComment(c xml.Comment) {
	if r.depth != 0 {
		return
	}
	if m := wxrCreatedRe.FindSubmatch(c); m != nil {
		if t, err := time.Parse("2006-01-02 15:04", string(m[1])); err == nil {
			r.created = t
		}
	}
}

// start handles an element's start tag by where it is, and reports whether
// it was an item (read to its end).
func (r *wxrReader) start(t xml.StartElement) (item bool, err error) {
	switch {
	case r.depth == 0 && t.Name.Local != "rss":
		return false, fmt.Errorf("root element <%s>, not <rss>: not a WXR export", t.Name.Local)
	case r.depth == 0:
		if !r.sawRSS {
			r.rssAttrs = slices.Clone(t.Attr)
		}
		r.sawRSS, r.depth = true, 1
	case r.depth == 1 && t.Name.Local == "channel":
		r.depth = 2
	case r.depth == 2:
		return r.channelChild(t)
	default:
		return false, r.dec.Skip()
	}
	return false, nil
}

// channelChild reads one child of <channel> to its end.
func (r *wxrReader) channelChild(t xml.StartElement) (item bool, err error) {
	n := t.Name
	if n.Space == "" && n.Local == "item" {
		return true, r.item()
	}
	if wxrSpace(n.Space) && n.Local == "author" {
		return false, r.author()
	}
	var dst *string
	switch {
	case n.Space == "" && n.Local == "title":
		dst = &r.blog.title
	case n.Space == "" && n.Local == "link":
		dst = &r.blog.link
	case n.Space == "" && n.Local == "language":
		dst = &r.blog.lang
	case n.Space == "" && n.Local == "pubDate":
		dst = &r.blog.pubDate
	case wxrSpace(n.Space) && n.Local == "base_blog_url":
		dst = &r.blog.baseURL
	default:
		return false, r.dec.Skip()
	}
	s, err := r.text()
	*dst = strings.TrimSpace(s)
	r.blog.host = cmp.Or(wxrHost(r.blog.link), wxrHost(r.blog.baseURL))
	return false, err
}

// author reads a wp:author and makes the author an own account: their
// login, e-mail and display name for Own, their user id for the comments'
// comment_user_id.
func (r *wxrReader) author() error {
	var id, login, email, name string
	err := r.fields(func(n xml.Name) *string {
		if !wxrSpace(n.Space) {
			return nil
		}
		switch n.Local {
		case "author_id":
			return &id
		case "author_login":
			return &login
		case "author_email":
			return &email
		case "author_display_name":
			return &name
		}
		return nil
	}, nil)
	if uid := wxrNonZero(id); uid != "" {
		r.ownUsers[uid] = true
	}
	r.authors = true
	r.addOwn(login, wxrEmail(email), wxrPlain(name))
	return err
}

func (r *wxrReader) addOwn(ids ...string) {
	if r.src.Own == nil {
		return
	}
	for _, id := range ids {
		r.src.Own.Add(blogPlatform, id)
	}
}

// item reads an <item> to its end and queues its records.
func (r *wxrReader) item() error {
	it := &wxrItem{line: r.line()}
	c := r.in.startCapture(r.tokStart)
	err := r.fields(it.field, func(t xml.StartElement) (bool, error) { return r.itemChild(it, t) })
	it.raw = r.in.endCapture(c)
	if err != nil {
		r.brokenRaw = it.raw
		return err
	}
	r.emit(it)
	return nil
}

// field returns where the text of an item's child goes, nil if nowhere.
func (it *wxrItem) field(n xml.Name) *string {
	switch {
	case n.Space == "":
		switch n.Local {
		case "title":
			return &it.title
		case "link":
			return &it.link
		case "guid":
			return &it.guid
		case "pubDate":
			return &it.pubDate
		}
	case n.Local == "encoded" && (n.Space == "content" || strings.Contains(n.Space, "purl.org/rss/1.0/modules/content")):
		return &it.content
	case n.Local == "creator" && (n.Space == "dc" || strings.Contains(n.Space, "purl.org/dc/elements")):
		return &it.creator
	case wxrSpace(n.Space):
		return it.wpField(n.Local)
	}
	return nil
}

func (it *wxrItem) wpField(local string) *string {
	switch local {
	case "post_id":
		return &it.postID
	case "post_date":
		return &it.date
	case "post_date_gmt":
		return &it.dateGMT
	case "post_modified":
		return &it.modified
	case "post_modified_gmt":
		return &it.modifiedGMT
	case "status":
		return &it.status
	case "post_type":
		return &it.postType
	}
	return nil
}

// itemChild reads the children of an item that are not plain fields: its
// tags and its comments.
func (r *wxrReader) itemChild(it *wxrItem, t xml.StartElement) (bool, error) {
	if t.Name.Space == "" && t.Name.Local == "category" {
		domain := wxrAttr(t, "domain")
		if domain == "language" { // Polylang's language of the post
			it.lang = wxrAttr(t, "nicename")
			return false, nil
		}
		if domain != "post_tag" && domain != "tag" { // WXR 1.0 wrote domain="tag"
			return false, nil
		}
		s, err := r.text()
		if tag := strings.ToLower(wxrPlain(s)); tag != "" && err == nil {
			it.tags = wxrAppendNew(it.tags, []string{tag})
		}
		return true, err
	}
	if !wxrSpace(t.Name.Space) || t.Name.Local != "comment" {
		return false, nil
	}
	c := wxrComment{line: r.line()}
	capt := r.in.startCapture(r.tokStart)
	err := r.fields(c.field, nil)
	c.raw = r.in.endCapture(capt)
	if err == nil {
		it.comments = append(it.comments, c)
	}
	return true, err
}

// field returns where the text of a comment's child goes. The commenter's
// IP and URL are never read; the e-mail only to tell own authors.
func (c *wxrComment) field(n xml.Name) *string {
	if !wxrSpace(n.Space) {
		return nil
	}
	switch n.Local {
	case "comment_id":
		return &c.id
	case "comment_author":
		return &c.author
	case "comment_author_email":
		return &c.email
	case "comment_user_id":
		return &c.userID
	case "comment_date":
		return &c.date
	case "comment_date_gmt":
		return &c.dateGMT
	case "comment_content":
		return &c.content
	case "comment_approved":
		return &c.approved
	case "comment_type":
		return &c.ctype
	case "comment_parent":
		return &c.parent
	}
	return nil
}

// fields reads the children of the element just started, to its end: the
// text of a child that field has a place for goes there, a child that
// nested takes is its own, and the rest are skipped.
func (r *wxrReader) fields(field func(xml.Name) *string, nested func(xml.StartElement) (bool, error)) error {
	for {
		tok, err := r.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if dst := field(t.Name); dst != nil {
				s, err := r.text()
				if err != nil {
					return err
				}
				*dst = s
				continue
			}
			if nested != nil {
				took, err := nested(t)
				if err != nil {
					return err
				}
				if took {
					continue
				}
			}
			if err := r.dec.Skip(); err != nil {
				return err
			}
		}
	}
}

// text reads the character data of the element just started, to its end:
// the CDATA sections WordPress splits a "]]>" into, and the text of any
// element nested by mistake, joined.
func (r *wxrReader) text() (string, error) {
	var b []byte
	for depth := 1; ; {
		tok, err := r.dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if n := min(len(t), wxrFieldMax-len(b)); n > 0 {
				b = append(b, t[:n]...)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth--; depth == 0 {
				return string(b), nil
			}
		}
	}
}

// emit queues an item's records: its post (or counts it skipped), then
// its comments.
func (r *wxrReader) emit(it *wxrItem) {
	if !r.authors {
		// WXR 1.0 lists no wp:author: the items' creators are the authors.
		r.addOwn(strings.TrimSpace(it.creator))
	}
	r.when(it.dateGMT, it.date) // any item tells the blog's offset, pages too
	key := r.postKey(it)
	msgs := make([]wxrOut, 0, len(it.comments))
	var replies int64
	for i := range it.comments {
		o, ok := r.message(it, r.thread(it, key), &it.comments[i])
		if !ok {
			r.skipped++
			continue
		}
		if m, _ := o.rec.(*Message); m != nil && m.Status == "approved" && (m.Kind == "comment" || m.Kind == "reply") {
			replies++
		}
		msgs = append(msgs, o)
	}
	if o, ok := r.post(it, key, replies); ok {
		r.out = append(r.out, o)
	} else {
		r.skipped++
	}
	r.out = append(r.out, msgs...)
}

// postKey is an item's id on the blog platform: its guid, which WordPress
// keeps when a post's address changes; its link where the guid is missing
// or another item of the export has it already (an import copies guids:
// two posts of the theme test data share one); the post id where it has
// neither. An id without a scheme (no ":", not a URL or tag: URI) is
// prefixed with the blog's host, so that two blogs' ids cannot meet.
func (r *wxrReader) postKey(it *wxrItem) string {
	guid, id := strings.TrimSpace(it.guid), strings.TrimSpace(it.postID)
	if guid != "" {
		if prev, seen := r.guids[guid]; seen && prev != id {
			guid = ""
		} else {
			r.guids[guid] = id
		}
	}
	key := cmp.Or(guid, strings.TrimSpace(it.link))
	if key == "" && id != "" {
		key = "?p=" + id
	}
	if key != "" && !strings.Contains(key, ":") {
		key = "wxr:" + r.blog.host + "/" + key
	}
	return key
}

// wxrThread is the thread of an item's comments: its wp:post_id, the id
// WordPress files its comments under (comment_post_ID), else its post key.
// It is unique within one blog only: two blogs in one warehouse share the
// platform and can share post ids.
func wxrThread(it *wxrItem, key string) string {
	return cmp.Or(strings.TrimSpace(it.postID), key)
}

// thread is a comment's thread_id: the post's id within the blog, after the
// blog's host (blog.example.org/42) so that two blogs in one warehouse,
// whose post and comment ids meet, do not overwrite each other's comments
// (conversations are keyed by thread_id and message_id).
func (r *wxrReader) thread(it *wxrItem, key string) string {
	t := wxrThread(it, key)
	if r.blog.host == "" || t == "" || strings.HasPrefix(t, "wxr:") || strings.Contains(t, "://") {
		return t // none, or already the blog's (a guid, a link)
	}
	return r.blog.host + "/" + t
}

// post returns the social_posts row of an item, a reject, or false for an
// item that is no published post (pages, drafts, scheduled and private
// posts, attachments, menu items, other post types).
func (r *wxrReader) post(it *wxrItem, key string, replies int64) (wxrOut, bool) {
	typ := cmp.Or(strings.ToLower(strings.TrimSpace(it.postType)), "post")
	status := cmp.Or(strings.ToLower(strings.TrimSpace(it.status)), "publish")
	if typ != "post" || status != "publish" {
		return wxrOut{}, false
	}
	if key == "" {
		return r.reject(it.line, errWXRNoID, it.raw), true
	}
	ts, ok := r.when(it.dateGMT, it.date)
	if !ok {
		if ts, ok = wxrRSSTime(it.pubDate); !ok || ts.Year() <= 1970 {
			return r.reject(it.line, errWXRNoDate, it.raw), true
		}
	}
	text, links := htmlText(it.content)
	p := &Post{Line: it.line}
	p.Platform, p.Account, p.PostID, p.TS, p.Kind = blogPlatform, r.blog.host, key, ts, "post"
	p.Title = wxrOptional(wxrPlain(it.title))
	p.Text = wxrOptional(text)
	p.URL = wxrOptional(strings.TrimSpace(it.link))
	p.Lang = r.lang(it)
	p.Replies = &replies
	p.Links = wxrAppendNew(links, textLinks(text))
	p.Hashtags = it.tags
	p.Edited = wxrEdited(it)
	return wxrOut{rec: p}, true
}

// wxrEdited: the post was changed after it was published, by its _gmt
// dates, else by its local ones.
func wxrEdited(it *wxrItem) bool {
	d, ok1 := wxrTime(it.dateGMT)
	m, ok2 := wxrTime(it.modifiedGMT)
	if !ok1 || !ok2 {
		d, ok1 = wxrTime(it.date)
		m, ok2 = wxrTime(it.modified)
	}
	return ok1 && ok2 && m.After(d)
}

// message returns the conversations row of a comment, a reject, or false
// for a comment type that is no conversation (WooCommerce order notes,
// action logs and the like).
func (r *wxrReader) message(it *wxrItem, thread string, c *wxrComment) (wxrOut, bool) {
	kind, ok := wxrKind(c.ctype, c.parent)
	if !ok {
		return wxrOut{}, false
	}
	status, ok := wxrStatus(c.approved)
	switch {
	case !ok:
		return r.reject(c.line, errWXRApproved, c.raw), true
	case thread == "":
		return r.reject(c.line, errWXRNoThread, c.raw), true
	}
	ts, ok := r.when(c.dateGMT, c.date)
	if !ok {
		return r.reject(c.line, errWXRNoCommentDate, c.raw), true
	}
	author := wxrPlain(c.author)
	text, links := htmlText(c.content)
	m := &Message{Line: c.line}
	id, link := strings.TrimSpace(c.id), strings.TrimSpace(it.link)
	if link != "" && id != "" {
		m.URL = wxrOptional(link + "#comment-" + id)
	}
	if id == "" {
		id = wxrCommentID(ts, author, c.content)
	}
	m.Platform, m.ThreadID, m.MessageID, m.TS = blogPlatform, thread, id, ts
	m.Space = wxrOptional(cmp.Or(wxrPlain(r.blog.title), r.blog.host))
	m.ParentID = wxrOptional(wxrNonZero(c.parent))
	m.ThreadTitle = wxrOptional(wxrPlain(it.title))
	m.ThreadURL = wxrOptional(link)
	m.Author = wxrOptional(author)
	m.AuthorID = wxrOptional(wxrNonZero(c.userID))
	m.IsOwnAccount = r.isOwn(author, c.email, c.userID)
	m.Text = wxrOptional(text)
	// The links of its <a href>s, which the text no longer shows, and bare
	// ones; the mentions (@Jane replying) are left to ingest, from the text.
	m.Links = wxrAppendNew(links, textLinks(text))
	m.Status, m.Kind = status, kind
	return wxrOut{rec: m}, true
}

// isOwn tells a comment by one of the blog's authors: by user id, or by an
// author's e-mail or name (from wp:author or the config). A user id seen
// with an own e-mail is own from then on: WordPress.com exports list no
// author ids, and an author may comment under another name.
func (r *wxrReader) isOwn(name, email, userID string) bool {
	uid := wxrNonZero(userID)
	if uid != "" && r.ownUsers[uid] {
		return true
	}
	if email = wxrEmail(email); email != "" && r.src.Own.Is(blogPlatform, email) {
		if uid != "" {
			r.ownUsers[uid] = true
		}
		return true
	}
	return r.src.Own.Is(blogPlatform, name)
}

func (r *wxrReader) reject(line int64, err error, raw []byte) wxrOut {
	return wxrOut{err: &ParseError{File: r.src.Name, Line: line, Err: err, Raw: raw}}
}

// lang is a post's language as an ISO 639 code: the one Polylang gives
// it, else the blog's (<language>en-US</language>), which is wrong for the
// posts of a blog in two languages without such a plugin; nil when none.
func (r *wxrReader) lang(it *wxrItem) *string {
	l, _, _ := strings.Cut(strings.ToLower(cmp.Or(strings.TrimSpace(it.lang), r.blog.lang)), "-")
	if len(l) < 2 || len(l) > 3 || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "" {
		return nil
	}
	return &l
}

// wxrKind maps comment_type to the kind of a conversations row; false
// for types that are not conversation. Webmentions are the pingbacks of
// today (the Webmention plugin's type).
func wxrKind(ctype, parent string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(ctype)) {
	case "pingback", "webmention":
		return "pingback", true
	case "trackback":
		return "trackback", true
	case "", "comment", "review":
		if wxrNonZero(parent) != "" {
			return "reply", true
		}
		return "comment", true
	}
	return "", false
}

// wxrStatus maps comment_approved: 1, 0, spam, trash, and post-trashed
// (the comments of a trashed post); missing is approved.
func wxrStatus(approved string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(approved)) {
	case "1", "", "approve", "approved":
		return "approved", true
	case "0", "hold", "pending":
		return "pending", true
	case "spam":
		return "spam", true
	case "trash", "post-trashed":
		return "trash", true
	}
	return "", false
}

// when reads a record's time: its _gmt date, else its local date less the
// blog's offset from UTC, learnt from the last record that had both.
func (r *wxrReader) when(gmt, local string) (time.Time, bool) {
	g, gok := wxrTime(gmt)
	l, lok := wxrTime(local)
	switch {
	case gok && lok:
		if off := l.Sub(g).Round(15 * time.Minute); off.Abs() <= 14*time.Hour {
			r.offset = off
		}
		return g, true
	case gok:
		return g, true
	case lok:
		return l.Add(-r.offset), true
	}
	return time.Time{}, false
}

// wxrTime reads the first of WXR's dates (2006-01-02 15:04:05, UTC) that is
// set: the _gmt one, else the local one taken as UTC. WordPress writes
// 0000-00-00 00:00:00 for a date it has not set, which fails to parse.
func wxrTime(dates ...string) (time.Time, bool) {
	for _, d := range dates {
		d = strings.TrimSpace(d)
		for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05", time.RFC3339} {
			if t, err := time.Parse(layout, d); err == nil {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}

// wxrRSSTime reads an RSS pubDate.
func wxrRSSTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func wxrCommentID(ts time.Time, author, content string) string {
	h := sha256.Sum256([]byte(author + "\x00" + content))
	return "wxr:" + ts.Format("20060102T150405Z") + "-" + hex.EncodeToString(h[:8])
}

func wxrSpace(space string) bool { return space == "wp" || wxrSpaceRe.MatchString(space) }

func wxrAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// wxrNonZero is an id WordPress writes as 0 for none (comment_parent,
// comment_user_id), "" for none.
func wxrNonZero(s string) string {
	if s = strings.TrimSpace(s); s == "0" {
		return ""
	}
	return s
}

// wxrEmail is an e-mail that names someone: Blogger's converters give every
// commenter noreply@blogger.com, which must not make them all one author.
func wxrEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	local, _, ok := strings.Cut(s, "@")
	if !ok {
		return ""
	}
	for _, p := range []string{"noreply", "no-reply", "donotreply", "do-not-reply"} {
		if strings.HasPrefix(local, p) {
			return ""
		}
	}
	return s
}

// wxrPlain is an HTML title or name as one line of text.
func wxrPlain(s string) string {
	t, _ := htmlText(s)
	return strings.Join(strings.Fields(t), " ")
}

func wxrHost(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

func wxrOptional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// wxrAppendNew appends to list the values of more it does not hold yet.
func wxrAppendNew(list, more []string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

var errWXRBadXML = errors.New("malformed XML")

// resync passes over XML that encoding/xml cannot read (a converter's
// unescaped text, a CDATA section ended early), as WordPress's importer
// does with its fallback parser: what was read of it is one reject, and a
// new decoder goes on at the next <item>. Without a next item the export
// ends: at its </rss> if it has one; else it broke off, which is an error.
func (r *wxrReader) resync(err error) error {
	var se *xml.SyntaxError
	if !errors.As(err, &se) || !r.sawRSS || r.in.read == r.resyncAt {
		return r.fatal(err) // not WXR, not XML, or no progress since the last resync
	}
	line := r.line()
	reject := r.reject(r.lineBase+int64(se.Line), fmt.Errorf("%w: %s", errWXRBadXML, se.Msg), r.brokenRaw)
	r.brokenRaw = nil
	if r.offBase+r.dec.InputOffset() < r.in.n {
		r.in.unread(1) // the byte the decoder had read ahead
	}
	found, end, lines, serr := r.in.scanToItem()
	switch {
	case serr != nil && serr != io.EOF:
		return r.fatal(serr)
	case !found && !end:
		return r.fatal(err)
	}
	r.out = append(r.out, reject)
	if !found {
		return io.EOF
	}
	r.resyncAt = r.in.read
	r.in.inject(r.resyncHead())
	r.newDecoder()
	r.lineBase, r.depth = line+lines-1, 0
	return nil
}

// resyncHead is what the new decoder reads before the <item> it starts at:
// the <rss> start tag, for its namespaces, and <channel>.
func (r *wxrReader) resyncHead() []byte {
	var b bytes.Buffer
	b.WriteString("<rss")
	for _, a := range r.rssAttrs {
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + name
		}
		b.WriteString(" " + name + `="`)
		xml.EscapeText(&b, []byte(a.Value))
		b.WriteString(`"`)
	}
	b.WriteString("><channel>")
	return b.Bytes()
}
