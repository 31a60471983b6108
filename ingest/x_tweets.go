package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// The tweets of an X archive (tweets.js, tweet.js, their part files,
// community-tweet.js, and the pre-2019 Grailbird month files) as
// social_posts rows. An archive holds the own account's tweets only, each
// as {"tweet": {...}} (bare objects in some older archives), in the shape
// of the v1.1 API's extended tweets, with these differences that matter:
//
//   - no replies count, quotes count or impressions: those stay NULL;
//   - full_text keeps the HTML entities the API escapes (&amp; &lt; &gt;);
//   - `retweeted` is always false: a repost is a text starting "RT @";
//   - no quoted_status: a quote is a tweet whose text ends with a link to
//     another status (is_quote_status and quoted_status_id_str count where
//     an export has them);
//   - no author: the account is the archive's (account.js, manifest.js),
//     else the config's first X account, else "" and the url is X's
//     account-less permalink https://x.com/i/web/status/<id>;
//   - an edited tweet is one tweet per version, each listing the ids of all
//     versions (edit_info): the latest is kept as edited, an older version
//     whose latest was already read is skipped.

type xTweetsReader struct {
	xBase
	account string
	latest  map[string]bool // ids of the latest versions of edited tweets read
	opened  bool
}

var _ Reader = (*xTweetsReader)(nil)

func openXTweets(src *Source) Reader {
	return &xTweetsReader{xBase: newXBase(src, "x_tweets"), latest: map[string]bool{}}
}

// xTweet is the part of a tweet that the reader uses.
type xTweet struct {
	IDStr     xStr    `json:"id_str"`
	ID        xStr    `json:"id"`
	CreatedAt string  `json:"created_at"`
	FullText  *string `json:"full_text"`
	Text      *string `json:"text"` // Grailbird and older archives
	Lang      string  `json:"lang"`

	FavoriteCount xStr `json:"favorite_count"`
	RetweetCount  xStr `json:"retweet_count"`

	ReplyToStatusStr  xStr   `json:"in_reply_to_status_id_str"`
	ReplyToStatus     xStr   `json:"in_reply_to_status_id"`
	ReplyToScreenName string `json:"in_reply_to_screen_name"`

	IsQuoteStatus   any  `json:"is_quote_status"` // a bool, or "true"
	QuotedStatusStr xStr `json:"quoted_status_id_str"`
	QuotedPermalink *struct {
		Expanded string `json:"expanded"`
	} `json:"quoted_status_permalink"`
	RetweetedStatus *struct {
		IDStr xStr `json:"id_str"`
		ID    xStr `json:"id"`
	} `json:"retweeted_status"` // Grailbird and API-shaped exports
	User *struct {
		ScreenName string `json:"screen_name"`
	} `json:"user"` // Grailbird and API-shaped exports

	Entities *xEntities `json:"entities"`
	EditInfo *struct {
		Initial *xEditIDs `json:"initial"`
		Edit    *struct {
			Initial *xEditIDs `json:"editControlInitial"`
		} `json:"edit"`
	} `json:"edit_info"`
}

type xEntities struct {
	URLs []struct {
		URL      string `json:"url"`
		Expanded string `json:"expanded_url"`
	} `json:"urls"`
	Hashtags []struct {
		Text string `json:"text"`
	} `json:"hashtags"`
	Mentions []struct {
		ScreenName string `json:"screen_name"`
	} `json:"user_mentions"`
	Media []struct {
		SourceStatus xStr `json:"source_status_id_str"`
	} `json:"media"`
}

type xEditIDs struct {
	IDs []xStr `json:"editTweetIds"`
}

// xTweetElem is an element of a tweets file: {"tweet": {...}}, or the
// tweet itself.
type xTweetElem struct {
	Tweet *xTweet `json:"tweet"`
	xTweet
}

// Next returns the next tweet as a *Post.
func (r *xTweetsReader) Next() (Record, error) {
	if !r.opened {
		r.opened = true
		r.account, _ = r.ownAccount()
	}
	for {
		raw, line, err := r.next()
		if err != nil {
			return nil, err
		}
		var e xTweetElem
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, r.f.reject(raw, line, err)
		}
		t := e.Tweet
		if t == nil {
			t = &e.xTweet
		}
		p, err := r.post(t, line)
		if err != nil {
			return nil, r.f.reject(raw, line, err)
		}
		if p == nil {
			r.skipped++ // an older version of an edited tweet
			continue
		}
		return p, nil
	}
}

// post makes the row of a tweet; nil for an older version of an edited
// tweet whose latest version was read.
func (r *xTweetsReader) post(t *xTweet, line int64) (*Post, error) {
	id := string(t.IDStr)
	if id == "" {
		id = string(t.ID)
	}
	if id == "" {
		return nil, errors.New("tweet without an id_str")
	}
	ts, err := xTweetTime(t.CreatedAt)
	if err != nil {
		return nil, err
	}
	edited, superseded := r.editState(t, id)
	if superseded {
		return nil, nil
	}
	p := &Post{Line: line}
	p.Platform, p.PostID, p.TS, p.Edited = xPlatform, id, ts, edited
	if err := xCounters(&p.SocialPost, t); err != nil {
		return nil, err
	}
	text := t.FullText
	if text == nil {
		text = t.Text
	}
	if text != nil {
		p.Text = xOptional(html.UnescapeString(*text))
	}
	p.Lang = xLang(t.Lang)
	p.Account = r.account
	if t.User != nil && t.User.ScreenName != "" {
		p.Account = t.User.ScreenName // the tweet names its author
	}
	p.URL = xStatusURL(p.Account, id)
	xEntitiesOf(&p.SocialPost, t)
	xClassify(&p.SocialPost, t)
	return p, nil
}

// editState tells whether tweet id is a version of an edited tweet, and
// whether it is an older version whose latest was already read. The
// latest version of an edit comes first in a tweets.js (newest first); an
// older one read before it is kept too, as the key cannot be known to be
// superseded yet.
func (r *xTweetsReader) editState(t *xTweet, id string) (edited, superseded bool) {
	if t.EditInfo == nil {
		return false, false
	}
	ids := t.EditInfo.Initial
	if ids == nil && t.EditInfo.Edit != nil {
		ids = t.EditInfo.Edit.Initial
	}
	if ids == nil || len(ids.IDs) < 2 {
		return false, false
	}
	latest := string(ids.IDs[len(ids.IDs)-1])
	if latest == id {
		r.latest[id] = true
		return true, false
	}
	return true, r.latest[latest]
}

// xTweetLayouts are the created_at layouts of X archives: the API's
// (Fri Mar 06 13:02:05 +0000 2026), the Grailbird archives'
// (2013-01-31 22:02:12 +0000), ISO 8601.
var xTweetLayouts = []string{time.RubyDate, "2006-01-02 15:04:05 -0700", time.RFC3339}

func xTweetTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, errors.New("tweet without a created_at")
	}
	for _, l := range xTweetLayouts {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("created_at %.40q: %w", s, ErrBadTimestamp)
}

// xCounters sets likes and reposts from the tweet's counts, where it has
// them (the Grailbird archives have none: NULL, not 0).
func xCounters(p *warehouse.SocialPost, t *xTweet) error {
	var err error
	if p.Likes, err = xCount("favorite_count", t.FavoriteCount); err != nil {
		return err
	}
	p.Reposts, err = xCount("retweet_count", t.RetweetCount)
	return err
}

func xCount(field string, s xStr) (*int64, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%s %.20q is not a count", field, s)
	}
	return &n, nil
}

// xLang returns the ISO 639 code of an X lang, nil for X's pseudo-codes:
// und (undetermined), zxx (no text), the private-use qaa-qtz range (qme:
// media links only, qam: mentions only, qht: hashtags only, ...). X still
// writes three withdrawn ISO codes, mapped to the current ones.
func xLang(code string) *string {
	c := strings.ToLower(strings.TrimSpace(code))
	base, _, _ := strings.Cut(c, "-")
	if len(base) < 2 || len(base) > 3 || strings.Trim(base, "abcdefghijklmnopqrstuvwxyz") != "" {
		return nil
	}
	switch {
	case base == "und", base == "zxx", base == "mul", base == "mis":
		return nil
	case len(base) == 3 && base >= "qaa" && base <= "qtz":
		return nil
	}
	if now, ok := map[string]string{"in": "id", "iw": "he", "ji": "yi"}[base]; ok {
		c = now + c[len(base):]
	}
	return &c
}

// xStatusURL is a tweet's permalink; X's account-less form when the
// account is unknown (or only an id).
func xStatusURL(account, id string) *string {
	if account == "" || strings.Trim(account, "0123456789") == "" {
		return xOptional("https://x.com/i/web/status/" + id)
	}
	return xOptional("https://x.com/" + account + "/status/" + id)
}

// xEntitiesOf sets links, hashtags and mentions from the tweet's entities:
// links expanded (t.co's targets); media links are not links of the post.
// A tweet without entities gets them from its text.
func xEntitiesOf(p *warehouse.SocialPost, t *xTweet) {
	e := t.Entities
	if e == nil {
		if p.Text != nil {
			p.Links, p.Hashtags, p.Mentions = textLinks(*p.Text), hashtags(*p.Text), mentions(*p.Text)
		}
		return
	}
	seen := map[string]bool{}
	for _, u := range e.URLs {
		l := u.Expanded
		if l == "" {
			l = u.URL
		}
		if isWebLink(l) && !seen[l] {
			seen[l] = true
			p.Links = append(p.Links, l)
		}
	}
	for _, h := range e.Hashtags {
		p.Hashtags = xAppendLower(p.Hashtags, h.Text)
	}
	for _, m := range e.Mentions {
		p.Mentions = xAppendLower(p.Mentions, m.ScreenName)
	}
}

// xAppendLower appends s lower-cased to list unless empty or there.
func xAppendLower(list []string, s string) []string {
	s = strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "#"), "@"))
	if s == "" {
		return list
	}
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// xStatusLink matches a link to a tweet, capturing its id.
var xStatusLink = regexp.MustCompile(`^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:i/web|i|[A-Za-z0-9_]{1,20})/status(?:es)?/([0-9]+)`)

// xClassify sets the kind and what the tweet answers, quotes or reposts.
func xClassify(p *warehouse.SocialPost, t *xTweet) {
	p.Kind = "post"
	p.InReplyToAccount = xOptional(t.ReplyToScreenName)
	replyTo := string(t.ReplyToStatusStr)
	if replyTo == "" {
		replyTo = string(t.ReplyToStatus)
	}
	switch {
	case t.RetweetedStatus != nil || p.Text != nil && strings.HasPrefix(*p.Text, "RT @"):
		p.Kind = "repost"
		p.RepostOf = xRepostOf(t)
	case replyTo != "":
		p.Kind = "reply"
		p.InReplyToID = &replyTo
		if at, ok := xSnowflakeTime(replyTo); ok && !at.After(p.TS) {
			p.InReplyToTS = &at
		}
	default:
		if q, ok := xQuoteOf(t, p.PostID); ok {
			p.Kind = "quote"
			p.RepostOf = xOptional(q)
		}
	}
}

// xRepostOf is the id of the reposted tweet where the archive tells it: a
// retweeted_status, else the source status of its media.
func xRepostOf(t *xTweet) *string {
	if rs := t.RetweetedStatus; rs != nil {
		if rs.IDStr != "" {
			return xOptional(string(rs.IDStr))
		}
		return xOptional(string(rs.ID))
	}
	if t.Entities != nil {
		for _, m := range t.Entities.Media {
			if m.SourceStatus != "" {
				return xOptional(string(m.SourceStatus))
			}
		}
	}
	return nil
}

// xQuoteOf reports whether the tweet quotes another and which ("" when
// unknown). Exports of the API say so (is_quote_status, quoted_status_*);
// an archive does not, but a quote's text ends with the link to the status
// it quotes, as X writes it (and X shows a pasted status link as a quote).
func xQuoteOf(t *xTweet, id string) (string, bool) {
	if t.QuotedStatusStr != "" {
		return string(t.QuotedStatusStr), true
	}
	if t.QuotedPermalink != nil {
		if m := xStatusLink.FindStringSubmatch(t.QuotedPermalink.Expanded); m != nil {
			return m[1], true
		}
	}
	if v, ok := t.IsQuoteStatus.(bool); ok && v || t.IsQuoteStatus == "true" {
		return "", true
	}
	if t.Entities == nil || len(t.Entities.URLs) == 0 {
		return "", false
	}
	last := t.Entities.URLs[len(t.Entities.URLs)-1]
	m := xStatusLink.FindStringSubmatch(last.Expanded)
	text := t.FullText
	if text == nil {
		text = t.Text
	}
	if m == nil || m[1] == id || last.URL == "" || text == nil || !strings.HasSuffix(strings.TrimSpace(*text), last.URL) {
		return "", false
	}
	return m[1], true
}

// xTwitterEpoch is the snowflake ids' epoch, in Unix milliseconds.
const xTwitterEpoch = 1288834974657

// xFirstSnowflake: tweet ids below it predate the snowflake ids of
// November 2010 and hold no time. The sequential ids had reached some
// 30e9 when the snowflake ids began with "a noticeable jump"; 1e12 is far
// above the one and only 4 minutes into the other.
const xFirstSnowflake = 1_000_000_000_000

// xSnowflakeTime returns when a tweet id was made: a snowflake id's upper
// bits are milliseconds since xTwitterEpoch.
func xSnowflakeTime(id string) (time.Time, bool) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil || n < xFirstSnowflake {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(n>>22) + xTwitterEpoch).UTC(), true
}
