package ingest

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/cmpulse/cmpulse/warehouse"
)

// The readers of Instagram's "Download your information" export, JSON
// format (issue 7, item 11): posts_N.json (the own posts), post_comments_N.json
// (the comments the account wrote), followers_N.json, and
// personal_information.json (whose account it is). Layouts, as exports
// have written them since 2021:
//
//   - posts_N.json: a bare list of {media: [{uri, creation_timestamp,
//     title}], title?, creation_timestamp?}. A post of one photo or video
//     keeps its caption and time on the media item; a post of several
//     (a carousel) on the post itself.
//   - post_comments_N.json: {"comments_media_comments": [...]} (2022) or a
//     bare list (2023 on) of {string_map_data: {Comment: {value}, "Media
//     Owner": {value}, Time: {timestamp}}, media_owner?}; in 2021, of
//     {title: media owner, string_list_data: [{value, timestamp}]}. The
//     string_map_data labels are in the language of the account's
//     settings (Dutch: Opmerking, Media-eigenaar, Tijd).
//   - followers_N.json: a bare list (2022 on) or {"relationships_followers":
//     [...]} (2021) of {title, string_list_data: [{href, value, timestamp}]},
//     timestamp being when they followed.
//   - personal_information.json: {"profile_user": [{string_map_data:
//     {Username: {value}, ...}}]}.
//
// The export holds no post permalink, no likes or comment counts, and the
// own comments do not say which post they are on (only whose).

const platformInstagram = "instagram"

// igField is one labelled value of string_map_data or string_list_data.
type igField struct {
	Name      string   `json:"-"`
	Href      string   `json:"href"`
	Value     string   `json:"value"`
	Timestamp metaTime `json:"timestamp"`
}

// Labels of string_map_data, after mojibake repair and ignoring case: the
// English ones, the Dutch ones seen in exports, and a few others from
// Instagram's translations. A comment whose labels are none of these is
// still read, by the order of its fields (comment, owner, time).
var (
	igCommentLabels  = []string{"Comment", "Opmerking", "Reactie", "Kommentar", "Commentaire", "Comentario", "Commento", "Comentário"}
	igOwnerLabels    = []string{"Media Owner", "Media-eigenaar", "Medieninhaber", "Propriétaire du contenu", "Propietario del contenido", "Proprietario del contenuto"}
	igTimeLabels     = []string{"Time", "Tijd", "Zeit", "Heure", "Hora", "Ora", "Tidspunkt", "Tid"}
	igUsernameLabels = []string{"Username", "Gebruikersnaam", "Benutzername", "Nom d'utilisateur", "Nom d’utilisateur", "Nombre de usuario", "Nome utente", "Nome de usuário", "Brugernavn", "Användarnamn", "Brukernavn"}
)

// --- detection ---

func detectInstagramPosts(head []byte) bool {
	h := readHead(head)
	return h.root == '[' && h.has("[]/media") && h.has("[]/media/[]/uri", "[]/creation_timestamp", "[]/media/[]/creation_timestamp") &&
		!h.has("[]/string_list_data", "[]/string_map_data", "[]/label_values", "[]/data", "[]/attachments")
}

func detectInstagramComments(head []byte) bool {
	h := readHead(head)
	switch {
	case h.root == '{' && (h.first == "comments_media_comments" || h.first == "comments"):
		return h.has(h.first+"/[]/string_map_data", h.first+"/[]/string_list_data")
	case h.root == '[':
		return h.has("[]/string_map_data") && (h.has("[]/media_owner") || h.hasUnder("[]/string_map_data", igCommentLabels...))
	}
	return false
}

func detectInstagramFollowers(head []byte) bool {
	h := readHead(head)
	if h.root == '{' {
		return h.first == "relationships_followers"
	}
	href := h.paths["[]/string_list_data/[]/href"]
	return h.root == '[' && igProfileHandle(href) != "" && !h.has("[]/string_map_data", "[]/label_values", "[]/media")
}

func detectInstagramAccount(head []byte) bool {
	h := readHead(head)
	return h.root == '{' && h.first == "profile_user"
}

// igHandleRe is what Instagram allows in a username.
var igHandleRe = regexp.MustCompile(`^[A-Za-z0-9._]{1,30}$`)

// igProfileHandle returns the username of an Instagram profile link
// (https://www.instagram.com/jane_doe, or /_u/jane_doe in newer exports),
// or "" for any other link (a post's /p/...).
func igProfileHandle(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || !strings.HasSuffix(strings.ToLower(u.Host), "instagram.com") {
		return ""
	}
	p := strings.Trim(u.Path, "/")
	p = strings.TrimPrefix(p, "_u/")
	if !igHandleRe.MatchString(p) {
		return ""
	}
	switch strings.ToLower(p) {
	case "p", "reel", "reels", "tv", "stories", "explore", "accounts":
		return ""
	}
	return p
}

// --- posts ---

type igMedia struct {
	URI               string   `json:"uri"`
	CreationTimestamp metaTime `json:"creation_timestamp"`
	Title             string   `json:"title"`
}

type igPost struct {
	Media             *[]igMedia `json:"media"`
	Title             *string    `json:"title"`
	CreationTimestamp metaTime   `json:"creation_timestamp"`
}

// openInstagramPosts reads posts_N.json. Reels (reels.json, ig_reels_media)
// and IGTV have the same records and are read when named with --format;
// detection leaves them out, as SPEC lists posts only.
func openInstagramPosts(src *Source) Reader {
	account := NormalHandle(metaAccount(src, platformInstagram))
	return newMetaReader(src, platformInstagram, func(raw []byte, pos int64) (Record, error) {
		return instagramPost(raw, pos, account)
	}, "ig_reels_media", "ig_igtv_media", "ig_archived_post_media")
}

func instagramPost(raw []byte, pos int64, account string) (Record, error) {
	var p igPost
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, metaRecordErr(err)
	}
	if p.Media == nil && p.Title == nil && p.CreationTimestamp == 0 {
		return nil, errMetaLayout
	}
	var media []igMedia
	if p.Media != nil {
		media = *p.Media
	}
	var first igMedia
	if len(media) > 0 {
		first = media[0]
	}
	ts := p.CreationTimestamp
	if ts == 0 {
		ts = first.CreationTimestamp
	}
	t, ok := ts.utc()
	if !ok {
		return nil, errMetaNoTime
	}
	text := igCaption(p.Title, media)
	// The key is the first media item's: its time and file name are there
	// in every export version, whereas a post's own time is not.
	keyTS := first.CreationTimestamp
	if keyTS == 0 {
		keyTS = ts
	}
	id := metaKey("ig", keyTS, text)
	if name := metaMediaName(metaText(first.URI)); name != "" {
		id = "ig:" + strconv.FormatInt(int64(keyTS), 10) + ":" + name
	}
	post := &Post{SocialPost: warehouse.SocialPost{
		Platform: platformInstagram, Account: account, PostID: id, TS: t, Kind: "post",
		Text: strPtr(text), Links: textLinks(text), Hashtags: hashtags(text), Mentions: igMentions(text),
	}, Line: pos}
	return post, nil
}

// igMentionRe is an @username as Instagram writes one: letters, digits,
// '_' and '.', which the shared mentions (X handles) stop at.
var igMentionRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.@/])@([A-Za-z0-9._]{1,30})`)

// igMentions returns the @usernames of a caption, lower-cased, without
// the @ or a final '.', in order and without repeats.
func igMentions(s string) []string {
	ms := igMentionRe.FindAllStringSubmatch(s, -1)
	for _, m := range ms {
		m[1] = strings.TrimRight(m[1], ".")
	}
	out := uniqueLower(ms)
	for i := 0; i < len(out); i++ {
		if out[i] == "" {
			out = append(out[:i], out[i+1:]...)
			i--
		}
	}
	return out
}

// igCaption is a post's caption: the post's title, else (a post of one
// item) the first media item's.
func igCaption(title *string, media []igMedia) string {
	if title != nil {
		if t := strings.TrimSpace(metaText(*title)); t != "" {
			return t
		}
	}
	for _, m := range media {
		if t := strings.TrimSpace(metaText(m.Title)); t != "" {
			return t
		}
	}
	return ""
}

// --- comments ---

type igComment struct {
	StringMapData  json.RawMessage `json:"string_map_data"`
	StringListData []igField       `json:"string_list_data"`
	Title          string          `json:"title"`
	MediaOwner     string          `json:"media_owner"`
}

// openInstagramComments reads post_comments_N.json, the comments the
// account wrote. A comment does not say which post it is on, only whose:
// each is a thread of its own, titled with the media owner. Reels
// comments (comments_reels_comments) have the same records and are read
// when named with --format.
func openInstagramComments(src *Source) Reader {
	account := NormalHandle(metaAccount(src, platformInstagram))
	return newMetaReader(src, platformInstagram, func(raw []byte, pos int64) (Record, error) {
		return instagramComment(raw, pos, account)
	}, "comments_media_comments", "comments", "post_comments", "comments_reels_comments")
}

func instagramComment(raw []byte, pos int64, account string) (Record, error) {
	var c igComment
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, metaRecordErr(err)
	}
	text, owner, ts, err := igCommentFields(&c)
	if err != nil {
		return nil, err
	}
	t, ok := ts.utc()
	if !ok {
		return nil, errMetaNoTime
	}
	id := metaKey("igc", ts, text)
	m := &Message{Conversation: warehouse.Conversation{
		Platform: platformInstagram, ThreadID: id, MessageID: id, ThreadTitle: strPtr(owner),
		Author: strPtr(account), IsOwnAccount: true, TS: t, Text: strPtr(text),
		Status: "approved", Kind: "comment",
	}, Line: pos}
	return m, nil
}

// igCommentFields finds a comment's text, media owner and time in any of
// the layouts exports have used.
func igCommentFields(c *igComment) (text, owner string, ts metaTime, err error) {
	owner = metaText(strings.TrimSpace(c.MediaOwner))
	switch {
	case len(c.StringMapData) > 0 && string(c.StringMapData) != "null":
		fields, err := orderedFields(c.StringMapData)
		if err != nil {
			return "", "", 0, err
		}
		text, o, ts := igMapComment(fields)
		if owner == "" {
			owner = o
		}
		return text, owner, ts, nil
	case len(c.StringListData) > 0: // 2021: the owner is the title
		f := c.StringListData[0]
		if owner == "" {
			owner = metaText(strings.TrimSpace(c.Title))
		}
		return strings.TrimSpace(metaText(f.Value)), owner, f.Timestamp, nil
	}
	return "", "", 0, errMetaLayout
}

// igMapComment picks a comment's fields by label, else by order: the
// first value is the comment, the second its media owner, and the field
// with a timestamp its time.
func igMapComment(fields []igField) (text, owner string, ts metaTime) {
	var rest []igField
	for _, f := range fields {
		switch {
		case labelIn(f.Name, igCommentLabels):
			text = f.Value
		case labelIn(f.Name, igOwnerLabels):
			owner = f.Value
		case labelIn(f.Name, igTimeLabels):
			ts = f.Timestamp
		default:
			rest = append(rest, f)
		}
	}
	for _, f := range rest {
		switch {
		case ts == 0 && f.Timestamp > 0 && f.Value == "":
			ts = f.Timestamp
		case text == "" && f.Value != "":
			text = f.Value
		case owner == "" && f.Value != "":
			owner = f.Value
		}
	}
	return strings.TrimSpace(metaText(text)), strings.TrimSpace(metaText(owner)), ts
}

func labelIn(name string, labels []string) bool {
	for _, l := range labels {
		if strings.EqualFold(name, l) {
			return true
		}
	}
	return false
}

// orderedFields decodes a string_map_data object keeping the order of
// its labels, which a Go map would lose; labels are mojibake-repaired.
func orderedFields(raw json.RawMessage) ([]igField, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errMetaLayout
	}
	var out []igField
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, errMetaLayout
		}
		name, _ := tok.(string)
		var f igField
		if err := dec.Decode(&f); err != nil {
			return nil, metaRecordErr(err)
		}
		f.Name = metaText(name)
		out = append(out, f)
	}
	return out, nil
}

// --- followers ---

type igFollower struct {
	Title          string    `json:"title"`
	StringListData []igField `json:"string_list_data"`
}

// openInstagramFollowers reads followers_N.json: a follower's id is their
// username, the only name the export gives them.
func openInstagramFollowers(src *Source) Reader {
	account := NormalHandle(metaAccount(src, platformInstagram))
	return newMetaReader(src, platformInstagram, func(raw []byte, pos int64) (Record, error) {
		return instagramFollower(raw, pos, account)
	}, "relationships_followers")
}

func instagramFollower(raw []byte, pos int64, account string) (Record, error) {
	var f igFollower
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, metaRecordErr(err)
	}
	if f.StringListData == nil {
		return nil, errMetaLayout
	}
	var d igField
	if len(f.StringListData) > 0 {
		d = f.StringListData[0]
	}
	handle := strings.TrimPrefix(strings.TrimSpace(metaText(d.Value)), "@")
	if handle == "" {
		handle = strings.TrimSpace(metaText(f.Title))
	}
	if handle == "" {
		handle = igProfileHandle(d.Href)
	}
	if handle == "" {
		return nil, errIGNoHandle
	}
	rec := &FollowerRec{Follower: warehouse.Follower{
		Platform: platformInstagram, Account: account, FollowerID: NormalHandle(handle),
		Handle: strPtr(handle), URL: strPtr(strings.TrimSpace(d.Href)),
	}, Line: pos}
	if t, ok := d.Timestamp.utc(); ok {
		rec.FollowedAt = &t
	}
	return rec, nil
}

var errIGNoHandle = errors.New("follower without a username")

// --- the account ---

// openInstagramAccount reads personal_information.json for the account
// the export belongs to, which it adds to the own accounts; it yields no
// rows, and counts its record as skipped.
func openInstagramAccount(src *Source) Reader {
	return newMetaReader(src, platformInstagram, func(raw []byte, _ int64) (Record, error) {
		var p struct {
			StringMapData json.RawMessage `json:"string_map_data"`
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, metaRecordErr(err)
		}
		if len(p.StringMapData) == 0 {
			return nil, errMetaLayout
		}
		fields, err := orderedFields(p.StringMapData)
		if err != nil {
			return nil, err
		}
		for _, f := range fields {
			if labelIn(f.Name, igUsernameLabels) && src.Own != nil {
				src.Own.Add(platformInstagram, metaText(f.Value))
			}
		}
		return nil, nil
	}, "profile_user")
}
