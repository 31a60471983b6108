package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cmpulse/cmpulse/warehouse"
)

// The readers of Facebook's "Download your information" export, JSON
// format (issue 7, item 11b), of a profile or of a Page: the posts
// (your_posts_N.json, your_posts__check_ins__photos_and_videos_N.json, a
// Page's profile_posts_N.json), the comments the account wrote
// (comments.json, comments_N.json) and profile_information.json (whose
// account it is). Layouts, as exports have written them since 2019:
//
//   - posts: a bare list of {timestamp, data: [{post: text},
//     {update_timestamp}], attachments: [{data: [{media: {uri,
//     description}}, {external_context: {url}}, {note: {title, text}},
//     {place}, {event}]}], title: "X updated his status."}; a post may
//     also come as {timestamp, label_values: [{label: "Message", value},
//     {label: "URL", href}], fbid} (archive and trash since 2024).
//   - comments: {"comments_v2": [...]} (2021 on; {"comments": [...]}
//     before) of {timestamp, data: [{comment: {timestamp, comment,
//     author, group?}}], attachments?, title: "X commented on Y's post."}.
//   - profile_information.json: {"profile_v2": {name: {full_name}}}.
//
// Shares Meta's conventions with Instagram (meta.go): mojibake, Unix
// seconds. Nothing holds a post's id or permalink in the main files, nor
// its likes or comment counts; a comment does not say which post it is on
// (its title names whose).

const platformFacebook = "facebook"

// --- detection ---

func detectFacebookPosts(head []byte) bool {
	h := readHead(head)
	if h.root == '{' {
		return metaKeyIs(h.first, "posts_v*") && h.has(h.first+"/[]/timestamp")
	}
	return h.root == '[' && h.has("[]/timestamp") &&
		h.has("[]/data/[]/post", "[]/data/[]/update_timestamp", "[]/attachments/[]/data") &&
		!h.has("[]/data/[]/comment", "[]/data/[]/reaction", "[]/media", "[]/string_list_data", "[]/string_map_data")
}

func detectFacebookComments(head []byte) bool {
	h := readHead(head)
	switch {
	case h.root == '{' && metaKeyIs(h.first, "comments_v*"):
		return true
	case h.root == '{' && h.first == "comments":
		return h.has("comments/[]/data/[]/comment")
	case h.root == '[':
		return h.has("[]/timestamp") && h.has("[]/data/[]/comment") && !h.has("[]/data/[]/post")
	}
	return false
}

func detectFacebookAccount(head []byte) bool {
	h := readHead(head)
	return h.root == '{' && h.first == "profile_v2"
}

// --- shared record parts ---

// metaString is a JSON string, or "" for any other value: label_values
// hold nested lists and dicts where a flat file holds strings.
type metaString string

func (s *metaString) UnmarshalJSON(b []byte) error {
	var v string
	if json.Unmarshal(b, &v) == nil {
		*s = metaString(v)
	}
	return nil
}

type fbData struct {
	Post            *string    `json:"post"`
	UpdateTimestamp metaTime   `json:"update_timestamp"`
	Comment         *fbComment `json:"comment"`
}

type fbComment struct {
	Timestamp metaTime `json:"timestamp"`
	Comment   string   `json:"comment"`
	Author    string   `json:"author"`
	Group     string   `json:"group"`
}

type fbAttachment struct {
	Data []struct {
		Media *struct {
			URI         string `json:"uri"`
			Description string `json:"description"`
		} `json:"media"`
		ExternalContext *struct {
			URL string `json:"url"`
		} `json:"external_context"`
		Note *struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		} `json:"note"`
	} `json:"data"`
}

type fbLabel struct {
	Label metaString `json:"label"`
	Value metaString `json:"value"`
	Href  metaString `json:"href"`
}

// fbAttached is what a record's attachments hold that a row keeps.
type fbAttached struct {
	links     []string // external links, in order
	media     string   // the first media file's name (part of the key)
	mediaText string   // the description of a lone media item
	note      struct{ title, text string }
}

func fbAttachments(atts []fbAttachment) fbAttached {
	var a fbAttached
	nMedia := 0
	for _, att := range atts {
		for _, d := range att.Data {
			if d.Media != nil {
				if nMedia++; nMedia == 1 {
					a.media = metaMediaName(metaText(d.Media.URI))
					a.mediaText = strings.TrimSpace(metaText(d.Media.Description))
				}
			}
			if d.ExternalContext != nil && isWebLink(d.ExternalContext.URL) {
				a.links = append(a.links, metaText(d.ExternalContext.URL))
			}
			if d.Note != nil && a.note.title == "" && a.note.text == "" {
				a.note.title, a.note.text = strings.TrimSpace(metaText(d.Note.Title)), strings.TrimSpace(metaText(d.Note.Text))
			}
		}
	}
	if nMedia > 1 {
		a.mediaText = ""
	}
	return a
}

// mergeLinks is a then b without repeats.
func mergeLinks(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range append(append([]string(nil), a...), b...) {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// --- posts ---

type fbPost struct {
	Timestamp   metaTime       `json:"timestamp"`
	Title       *string        `json:"title"`
	Data        *[]fbData      `json:"data"`
	Attachments []fbAttachment `json:"attachments"`
	LabelValues []fbLabel      `json:"label_values"`
}

// openFacebookPosts reads the own posts of a profile or a Page; posts in
// groups (group_posts_v2) have the same records and are read when named
// with --format.
func openFacebookPosts(src *Source) Reader {
	account := metaAccount(src, platformFacebook)
	return newMetaReader(src, platformFacebook, func(raw []byte, pos int64) (Record, error) {
		return facebookPost(raw, pos, account)
	}, "posts_v*", "group_posts_v*")
}

func facebookPost(raw []byte, pos int64, account string) (Record, error) {
	var p fbPost
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, metaRecordErr(err)
	}
	if p.Data == nil && p.Attachments == nil && p.Title == nil && p.LabelValues == nil {
		return nil, errMetaLayout
	}
	t, ok := p.Timestamp.utc()
	if !ok {
		return nil, errMetaNoTime
	}
	att := fbAttachments(p.Attachments)
	text, edited := fbPostText(&p, att)
	key := att.media
	if key == "" && len(att.links) > 0 {
		key = att.links[0]
	}
	post := &Post{SocialPost: warehouse.SocialPost{
		Platform: platformFacebook, Account: account, PostID: metaKey("fb", p.Timestamp, text, key),
		TS: t, Kind: "post", Title: strPtr(att.note.title), Text: strPtr(text), Edited: edited,
		Links: mergeLinks(att.links, textLinks(text)), Hashtags: hashtags(text), Mentions: mentions(text),
	}, Line: pos}
	for _, l := range p.LabelValues {
		if strings.EqualFold(string(l.Label), "URL") && isWebLink(string(l.Href)) {
			post.URL = strPtr(string(l.Href))
		}
	}
	return post, nil
}

// fbPostText is a post's text (its data's post, else a label_values
// message, else the text of a note or of a lone photo's description) and
// whether it was edited after it was posted.
func fbPostText(p *fbPost, att fbAttached) (string, bool) {
	text, edited := "", false
	if p.Data != nil {
		for _, d := range *p.Data {
			if d.Post != nil && text == "" {
				text = strings.TrimSpace(metaText(*d.Post))
			}
			if d.UpdateTimestamp > p.Timestamp {
				edited = true
			}
		}
	}
	for _, l := range p.LabelValues {
		if text == "" && labelIn(metaText(string(l.Label)), []string{"Message", "Post", "Text"}) {
			text = strings.TrimSpace(metaText(string(l.Value)))
		}
	}
	for _, alt := range []string{att.note.text, att.mediaText} {
		if text == "" {
			text = alt
		}
	}
	return text, edited
}

// --- comments ---

type fbCommentEntry struct {
	Timestamp   metaTime       `json:"timestamp"`
	Title       *string        `json:"title"`
	Data        *[]fbData      `json:"data"`
	Attachments []fbAttachment `json:"attachments"`
}

// openFacebookComments reads the comments the account wrote. Facebook
// exports only the account's own comments, so every one is the own
// account's; a comment does not say which post it is on, so each is a
// thread of its own, titled as the export titles it ("X commented on Y's
// post."). Comments in groups (group_comments_v2) have the same records
// and are read when named with --format; the group is their space.
func openFacebookComments(src *Source) Reader {
	account := metaAccount(src, platformFacebook)
	return newMetaReader(src, platformFacebook, func(raw []byte, pos int64) (Record, error) {
		return facebookComment(raw, pos, account)
	}, "comments_v*", "comments", "group_comments_v*")
}

func facebookComment(raw []byte, pos int64, account string) (Record, error) {
	var e fbCommentEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, metaRecordErr(err)
	}
	if e.Data == nil && e.Attachments == nil && e.Title == nil {
		return nil, errMetaLayout
	}
	var c fbComment
	if e.Data != nil {
		for _, d := range *e.Data {
			if d.Comment != nil {
				c = *d.Comment
				break
			}
		}
	}
	ts := c.Timestamp
	if ts == 0 {
		ts = e.Timestamp
	}
	t, ok := ts.utc()
	if !ok {
		return nil, errMetaNoTime
	}
	att := fbAttachments(e.Attachments)
	text := strings.TrimSpace(metaText(c.Comment))
	key := att.media
	if key == "" && len(att.links) > 0 {
		key = att.links[0]
	}
	author := strings.TrimSpace(metaText(c.Author))
	if author == "" {
		author = account
	}
	id := metaKey("fbc", ts, text, key)
	m := &Message{Conversation: warehouse.Conversation{
		Platform: platformFacebook, Space: strPtr(strings.TrimSpace(metaText(c.Group))), ThreadID: id, MessageID: id,
		Author: strPtr(author), IsOwnAccount: true, TS: t, Text: strPtr(text), Status: "approved", Kind: "comment",
	}, Line: pos}
	if e.Title != nil {
		m.ThreadTitle = strPtr(strings.TrimSpace(metaText(*e.Title)))
	}
	return m, nil
}

// --- the account ---

// facebookAccountReader reads profile_information.json for the name of
// the account the export belongs to, which it adds to the own accounts;
// it yields no rows and counts its one record as skipped. The file is a
// single small object, decoded whole (up to a limit).
type facebookAccountReader struct {
	src     *Source
	done    bool
	skipped int64
}

var _ Reader = (*facebookAccountReader)(nil)

func openFacebookAccount(src *Source) Reader { return &facebookAccountReader{src: src} }

const fbProfileLimit = 16 << 20

var errFBProfileLayout = errors.New("profile_information without profile_v2.name")

func (r *facebookAccountReader) Next() (Record, error) {
	if r.done {
		return nil, io.EOF
	}
	r.done = true
	var p struct {
		Profile *struct {
			Name struct {
				FullName string `json:"full_name"`
			} `json:"name"`
		} `json:"profile_v2"`
	}
	lr := &io.LimitedReader{R: r.src.R, N: fbProfileLimit}
	if err := json.NewDecoder(lr).Decode(&p); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("profile_information larger than %d MiB", fbProfileLimit>>20)
		}
		return nil, &ParseError{File: r.src.Name, Line: 1, Err: metaRecordErr(err)}
	}
	if p.Profile == nil || strings.TrimSpace(p.Profile.Name.FullName) == "" {
		return nil, &ParseError{File: r.src.Name, Line: 1, Err: errFBProfileLayout}
	}
	name := strings.TrimSpace(metaText(p.Profile.Name.FullName))
	if r.src.Own != nil {
		r.src.Own.Add(platformFacebook, name)
	}
	r.skipped = 1
	return nil, io.EOF
}

// Skipped counts the profile record, read for the account only.
func (r *facebookAccountReader) Skipped() int64 { return r.skipped }
