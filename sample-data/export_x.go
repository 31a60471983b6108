package sampledata

import (
	"archive/zip"
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The X archive, laid out as X's "Download an archive of your data" zip:
// JavaScript files that assign a JSON array to window.YTD.<name>.part0,
// pretty-printed by Jackson, every number a string, no trailing newline.
// Tweets are listed newest first, as X does, with HTML entities in
// full_text and links as t.co URLs expanded in entities.urls; retweets are
// "RT @handle: ..." with retweeted false; DMs list each conversation's
// messages newest first.

// xArchive returns the zip's bytes.
func (c *community) xArchive() ([]byte, error) {
	tweets := c.byFile("x")
	files := []struct{ name, body string }{
		{"Your archive.html", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Your X data</title></head>\n<body><div id=\"root\"></div><script src=\"data/manifest.js\"></script></body></html>\n"},
		{"data/account.js", "window.YTD.account.part0 = " + string(xStyle.encode(jarr{c.xAccount()}, 0))},
		{"data/direct-messages.js", "window.YTD.direct_messages.part0 = " + string(xStyle.encode(c.xDMConversations(), 0))},
		{"data/follower.js", "window.YTD.follower.part0 = " + string(xStyle.encode(c.xFollowerList("follower", c.xFollowers), 0))},
		{"data/following.js", "window.YTD.following.part0 = " + string(xStyle.encode(c.xFollowerList("following", xPeople), 0))},
		{"data/like.js", "window.YTD.like.part0 = " + string(xStyle.encode(c.xLikeList(), 0))},
		{"data/tweets.js", "window.YTD.tweets.part0 = " + string(xStyle.encode(c.xTweets(tweets), 0))},
	}
	size := 0
	for _, f := range files {
		size += len(f.body)
	}
	manifest := "window.__THAR_CONFIG = " + string(xStyle.encode(c.xManifest(size, len(tweets)), 0))
	files = slices.Insert(files, 5, struct{ name, body string }{"data/manifest.js", manifest})

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: c.export.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// byFile returns the messages of one export, newest first for X (as its
// archives list them), oldest first for the others.
func (c *community) byFile(file string) []*cmsg {
	var out []*cmsg
	for _, m := range c.msgs {
		if m.file == file {
			out = append(out, m)
		}
	}
	if file == "x" || file == "x-dm" {
		slices.Reverse(out)
	}
	return out
}

func (c *community) xAccount() jobj {
	return jobj{{"account", jobj{
		{"email", ownXEmail}, {"createdVia", "web"}, {"username", ownXHandle},
		{"accountId", strconv.FormatUint(ownXID(), 10)},
		{"createdAt", isoMillis(time.UnixMilli(ownXCreatedMs))},
		{"accountDisplayName", ownXName},
	}}}
}

func (c *community) xManifest(size, tweets int) jobj {
	file := func(name, global string, n int) jobj {
		return jobj{{"files", jarr{jobj{{"fileName", "data/" + name}, {"globalName", global}, {"count", strconv.Itoa(n)}}}}}
	}
	convs := 0
	for _, m := range c.byFile("x-dm") {
		if m.to != nil {
			convs++
		}
	}
	return jobj{
		{"userInfo", jobj{{"accountId", strconv.FormatUint(ownXID(), 10)}, {"userName", ownXHandle}, {"displayName", ownXName}}},
		{"archiveInfo", jobj{{"sizeBytes", strconv.Itoa(size)}, {"generationDate", isoMillis(c.export)},
			{"isPartialArchive", false}, {"maxPartSizeBytes", "53687091200"}}},
		{"readmeInfo", jobj{{"fileName", "data/README.txt"}, {"directory", "data/"}, {"name", "README.txt"}}},
		{"dataTypes", jobj{
			{"account", file("account.js", "YTD.account.part0", 1)},
			{"directMessages", file("direct-messages.js", "YTD.direct_messages.part0", len(c.xDMConversations()))},
			{"follower", file("follower.js", "YTD.follower.part0", len(c.xFollowers))},
			{"following", file("following.js", "YTD.following.part0", len(xPeople))},
			{"like", file("like.js", "YTD.like.part0", len(c.xLikes))},
			{"tweets", jobj{{"mediaDirectory", "data/tweets_media"}, {"files", jarr{jobj{{"fileName", "data/tweets.js"},
				{"globalName", "YTD.tweets.part0"}, {"count", strconv.Itoa(tweets)}}}}}},
		}},
	}
}

func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func (c *community) xFollowerList(key string, ms []*member) jarr {
	var out jarr
	for _, m := range ms {
		id := strconv.FormatUint(m.xid(), 10)
		out = append(out, jobj{{key, jobj{{"accountId", id}, {"userLink", "https://twitter.com/intent/user?user_id=" + id}}}})
	}
	return out
}

func (c *community) xLikeList() jarr {
	var out jarr
	for _, l := range c.xLikes {
		id := strconv.FormatUint(l.id, 10)
		o := jobj{{"tweetId", id}}
		if l.text != "" {
			o = append(o, jkv{"fullText", l.text})
		}
		o = append(o, jkv{"expandedUrl", "https://twitter.com/i/web/status/" + id})
		out = append(out, jobj{{"like", o}})
	}
	return out
}

// xText is a tweet's full_text and entities: text HTML-escaped, links as
// t.co URLs; indices count characters of the unescaped text.
type xText struct {
	full                     string
	mentions, urls, hashtags jarr
	length                   int
}

func (c *community) xRender(m *cmsg) xText {
	var x xText
	var b strings.Builder
	pos := 0
	for _, s := range m.segs {
		shown := s.s
		switch s.k {
		case segLink, segNamed:
			shown = tco(s.url, m.id)
		case segTag:
			shown = "#" + s.s
		}
		n := utf8.RuneCountInString(shown)
		ind := []string{strconv.Itoa(pos), strconv.Itoa(pos + n)}
		switch s.k {
		case segMention:
			id := strconv.FormatUint(s.m.xid(), 10)
			x.mentions = append(x.mentions, jobj{{"name", s.m.name}, {"screen_name", s.m.handle}, {"indices", ind}, {"id_str", id}, {"id", id}})
		case segLink, segNamed:
			x.urls = append(x.urls, jobj{{"url", shown}, {"expanded_url", s.url}, {"display_url", displayURL(s.url)}, {"indices", ind}})
		case segTag:
			x.hashtags = append(x.hashtags, jobj{{"text", s.s}, {"indices", ind}})
		}
		b.WriteString(htmlEscapeX(shown))
		pos += n
	}
	x.full, x.length = b.String(), pos
	return x
}

// tco is the t.co link X makes for u in tweet id.
func tco(u, id string) string { return "https://t.co/" + base62(hashString(u+"\x00"+id), 10) }

// displayURL is how X shows a link: no scheme, cut with an ellipsis.
func displayURL(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if utf8.RuneCountInString(u) > 26 {
		return string([]rune(u)[:26]) + "…"
	}
	return u
}

// htmlEscapeX escapes as X's full_text does: &, < and >, not quotes.
func htmlEscapeX(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func (c *community) xTweets(tweets []*cmsg) jarr {
	var out jarr
	for _, m := range tweets {
		out = append(out, jobj{{"tweet", c.xTweet(m)}})
	}
	return out
}

func (c *community) xTweet(m *cmsg) jobj {
	x := c.xRender(m)
	start := 0
	if m.kind == "reply" && len(m.segs) > 0 && m.segs[0].k == segMention {
		start = utf8.RuneCountInString(m.segs[0].s) + 1
	}
	original := m.kind == "post"
	t := jobj{
		{"edit_info", jobj{{"initial", jobj{{"editTweetIds", []string{m.id}}, {"editableUntil", isoMillis(m.ts.Add(time.Hour))},
			{"editsRemaining", "5"}, {"isEditEligible", original}}}}},
		{"retweeted", false},
		{"source", m.source},
		{"entities", jobj{{"hashtags", x.hashtags}, {"symbols", jarr{}}, {"user_mentions", x.mentions}, {"urls", x.urls}}},
		{"display_text_range", []string{strconv.Itoa(start), strconv.Itoa(x.length)}},
		{"favorite_count", strconv.Itoa(m.likes)},
	}
	reply := m.kind == "reply"
	replyUser, replyName := "", ""
	if reply {
		replyUser, replyName = strconv.FormatUint(ownXID(), 10), ownXHandle
		if m.to != nil {
			replyUser, replyName = strconv.FormatUint(m.to.xid(), 10), m.to.handle
		}
		t = append(t, jkv{"in_reply_to_status_id_str", m.parentID})
	}
	t = append(t, jkv{"id_str", m.id})
	if reply {
		t = append(t, jkv{"in_reply_to_user_id", replyUser})
	}
	t = append(t, jkv{"truncated", false}, jkv{"retweet_count", strconv.Itoa(m.reposts)}, jkv{"id", m.id})
	if reply {
		t = append(t, jkv{"in_reply_to_status_id", m.parentID})
	}
	if len(x.urls) > 0 {
		t = append(t, jkv{"possibly_sensitive", false})
	}
	lang := m.lang
	if m.xLang != "" {
		lang = m.xLang
	}
	t = append(t, jkv{"created_at", m.ts.UTC().Format("Mon Jan 02 15:04:05 -0700 2006")}, jkv{"favorited", false},
		jkv{"full_text", x.full}, jkv{"lang", lang})
	if reply {
		t = append(t, jkv{"in_reply_to_screen_name", replyName}, jkv{"in_reply_to_user_id_str", replyUser})
	}
	return t
}

// xDMConversations are direct-messages.js's conversations, the most
// recent first, each with its messages newest first.
func (c *community) xDMConversations() jarr {
	var order []string
	byConv := map[string][]*cmsg{}
	for _, m := range c.byFile("x-dm") {
		if byConv[m.thread] == nil {
			order = append(order, m.thread)
		}
		byConv[m.thread] = append(byConv[m.thread], m)
	}
	var out jarr
	for _, conv := range order {
		var msgs jarr
		for _, m := range byConv[conv] {
			msgs = append(msgs, jobj{{"messageCreate", c.xDM(m)}})
		}
		out = append(out, jobj{{"dmConversation", jobj{{"conversationId", conv}, {"messages", msgs}}}})
	}
	return out
}

func (c *community) xDM(m *cmsg) jobj {
	own, other := strconv.FormatUint(ownXID(), 10), strconv.FormatUint(m.to.xid(), 10)
	sender, recipient := other, own
	if m.who == nil {
		sender, recipient = own, other
	}
	text, urls := xDMText(m)
	return jobj{
		{"recipientId", recipient}, {"reactions", jarr{}}, {"urls", urls}, {"text", htmlEscapeX(text)},
		{"mediaUrls", jarr{}}, {"senderId", sender}, {"id", m.id}, {"createdAt", isoMillis(m.ts)}, {"editHistory", jarr{}},
	}
}

// xDMText is a DM's text, its links as t.co URLs, and its urls.
func xDMText(m *cmsg) (string, jarr) {
	var text strings.Builder
	urls := jarr{}
	for _, s := range m.segs {
		if s.k == segLink {
			short := tco(s.url, m.id)
			urls = append(urls, jobj{{"url", short}, {"expanded", s.url}, {"display", displayURL(s.url)}})
			text.WriteString(short)
			continue
		}
		text.WriteString(s.s)
	}
	return text.String(), urls
}
