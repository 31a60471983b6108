package sampledata

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What the community exports hold, message by message, and what the
// SPEC's community rules make of them, worked out from the scenario itself
// rather than from the files, so that tests can check the files (and later
// the warehouse and the report) against it.

// CommunityMessage is one record of the community exports: a tweet, a DM,
// a Mastodon activity, a blog comment or a Telegram message.
type CommunityMessage struct {
	Platform string // x, mastodon, blog, telegram
	// File is the export: x (tweets.js), x-dm (direct-messages.js),
	// mastodon (outbox.json), wxr or telegram.
	File string
	// Thread and ID are the record's natural key as the readers build it:
	// conversations' thread_id and message_id (blog: the post's
	// wp:post_id and the comment id; Telegram: the chat id and message id;
	// X DMs: the conversation id and message id); social_posts' post_id in
	// ID with Thread empty (X: the tweet id; Mastodon: the activity id).
	Thread, ID string
	// Parent is what it replies to: the parent comment or message, or the
	// post replied to or reposted (X: the tweet id; Mastodon: the status
	// URI), which the exports may not hold; ParentTS is when that was
	// written (X: what the snowflake id says).
	Parent   string
	ParentTS time.Time
	Author   string // display name, or handle where the platform has only that
	AuthorID string // X and Telegram ids, the blog author's user id
	Own      bool
	TS       time.Time
	// Lang is the language it is written in, whatever the export says of
	// it; "" for a repost or a join.
	Lang string
	// Kind is as the readers name it: comment, reply, pingback,
	// trackback, message, join, service, dm; post, reply, repost.
	Kind string
	// Label is what the scenario made it: question, complaint, praise,
	// neutral, chat, link, spam, trap, hello (a newcomer's first words),
	// join, reader-answer; own: announce, tip, feedback, hardsell, spike,
	// outage, conference, thread, answer, fix, private, thanks, welcome,
	// moderation, repost, followers, direct, invite, pin.
	Label string
	// Question and Complaint are the gold labels: what a person reading
	// it would say. Traps (Label trap) look like one and are not.
	Question, Complaint bool
	Tone                string // positive, neutral, negative
	Status              string // approved, pending, spam, trash
	// AnsweredBy and AnsweredAt are the first own message that answers it
	// by the SPEC's rule (an own reply to it; in an X DM conversation, the
	// next own message), for messages not by the own account.
	AnsweredBy string
	AnsweredAt time.Time
	// Outcome is how fast a question or complaint not by the own account
	// was answered: fast (within an hour), same-day (within a day), late,
	// or never; "" for other messages and for spam and trash.
	Outcome  string
	Private  bool // an own reply that takes the conversation to private
	HardSell bool
	// LinksOwnSite are the links to the blog (the URL of the post).
	LinksOwnSite []string
	Visibility   string // Mastodon: public, unlisted, followers, direct
	Edited       bool   // Telegram's edited, Mastodon's updated
	// Text is the text as the export gives it, entities decoded: X's
	// links as their t.co URLs, the others' written out.
	Text string
	Note string
}

// CommunityAuthor is a person as first seen on one platform: a commenter,
// a member of the group, someone writing a DM. A newcomer of a period is
// an author whose First falls in it (the SPEC counts a first message
// across platforms, by author id or name: Before says where they were seen
// earlier).
type CommunityAuthor struct {
	Platform string
	Author   string
	AuthorID string
	First    time.Time
	Via      string // join, invited, comment, message, dm
	FirstID  string // the join or first message
	// GreetedBy and GreetedAt are the first own message after First that
	// replies to them or mentions them; Greeted says it came within 7
	// days; GreetedHow is reply, mention (@username), mention_name (a
	// Telegram mention of someone without a username, by user id) or dm.
	// A Telegram export does not give members' usernames, so an @username
	// mention names someone only to a reader who knows their username.
	GreetedBy  string
	GreetedAt  time.Time
	Greeted    bool
	GreetedHow string
	Before     string // "blog 2025-04-03": an earlier first appearance elsewhere, by name
}

// Community is what the exports of a Config hold.
type Community struct {
	Export   time.Time // when every export was made
	Messages []CommunityMessage
	Authors  []CommunityAuthor
	// Followers and Likes are X's follower.js and like.js records.
	Followers, Likes int
	// BlogPosts and BlogPages are the WXR's published posts and its other
	// items (pages, an attachment, menu items, a draft).
	BlogPosts, BlogItems int
}

// CommunityFacts returns what WriteCommunity(dir, cfg) writes.
func CommunityFacts(cfg Config) (*Community, error) {
	c, err := newCommunity(cfg)
	if err != nil {
		return nil, err
	}
	return c.facts(), nil
}

func (c *community) facts() *Community {
	f := &Community{Export: c.export, Followers: len(c.xFollowers), Likes: len(c.xLikes),
		BlogPosts: len(c.posts), BlogItems: len(c.wxrPages())}
	for _, file := range []string{"x", "x-dm", "mastodon", "wxr", "telegram"} {
		for _, m := range c.msgs {
			if m.file == file {
				f.Messages = append(f.Messages, c.fact(m))
			}
		}
	}
	f.Authors = c.authors()
	return f
}

func (c *community) fact(m *cmsg) CommunityMessage {
	thread := m.thread
	if m.file == "wxr" {
		thread = c.cfg.Host + "/" + thread // the blog's host first, as the reader keys threads
	}
	f := CommunityMessage{Platform: m.platform, File: m.file, Thread: thread, ID: c.recordID(m), TS: m.ts,
		Lang: m.lang, Kind: m.kind, Label: m.label, Question: m.question, Complaint: m.complaint, Tone: m.tone,
		Status: m.status, Private: m.private, HardSell: m.hardSell, Visibility: m.visibility, Edited: !m.edited.IsZero(), Text: c.factText(m),
		Note: m.note, Own: m.who == nil && m.kind != "join"}
	f.Author, f.AuthorID = c.authorOf(m)
	switch {
	case m.parent != nil:
		f.Parent, f.ParentTS = c.recordID(m.parent), m.parent.ts
	case m.parentID != "":
		f.Parent, f.ParentTS = m.parentID, m.parentTS
	}
	if m.kind == "join" || m.kind == "service" || m.kind == "repost" {
		f.Lang = ""
	}
	if a := c.answerOf(m); a != nil {
		f.AnsweredBy, f.AnsweredAt = c.recordID(a), a.ts
	}
	if !f.Own && (m.question || m.complaint) && m.status != "spam" && m.status != "trash" {
		f.Outcome = outcome(m.ts, f.AnsweredAt)
	}
	for _, s := range m.segs {
		if (s.k == segLink || s.k == segNamed) && strings.HasPrefix(s.url, "https://"+c.cfg.Host+"/") && !containsStr(f.LinksOwnSite, s.url) {
			f.LinksOwnSite = append(f.LinksOwnSite, s.url)
		}
	}
	return f
}

// factText is a message's text as its export gives it, entities decoded:
// on X with its t.co links (the expanded ones are in LinksOwnSite and the
// entities), elsewhere with links written out.
func (c *community) factText(m *cmsg) string {
	switch m.file {
	case "x":
		return html.UnescapeString(c.xRender(m).full)
	case "x-dm":
		text, _ := xDMText(m)
		return text
	}
	return plain(m.segs)
}

func outcome(asked, answered time.Time) string {
	switch d := answered.Sub(asked); {
	case answered.IsZero():
		return "never"
	case d <= time.Hour:
		return "fast"
	case d <= 24*time.Hour:
		return "same-day"
	default:
		return "late"
	}
}

// recordID is a message's id as its table keys it.
func (c *community) recordID(m *cmsg) string {
	if m.file == "mastodon" {
		return mastoStatusURI(m.id) + "/activity"
	}
	return m.id
}

func (c *community) authorOf(m *cmsg) (string, string) {
	switch m.file {
	case "x":
		return ownXHandle, strconv.FormatUint(ownXID(), 10)
	case "mastodon":
		return ownMastodon + "@" + ownMastoHost, actorURI
	case "x-dm":
		if m.who == nil {
			return ownXHandle, strconv.FormatUint(ownXID(), 10)
		}
		return m.who.handle, strconv.FormatUint(m.who.xid(), 10)
	case "telegram":
		if m.action == "invite_members" {
			return m.who.name, ""
		}
		return tgSender(m)
	}
	switch {
	case m.who != nil:
		return m.who.name, ""
	case m.by == "jo":
		return coName, "2"
	case m.loggedOut:
		return ownName, ""
	}
	return ownName, "1"
}

// answerOf is the first own message answering m, by the SPEC's rule: an
// own reply to it where the platform records replies, else (X DMs, a
// conversation of two) the next own message.
func (c *community) answerOf(m *cmsg) *cmsg {
	if m.who == nil || m.kind == "join" || m.kind == "service" || m.status == "spam" || m.status == "trash" {
		return nil
	}
	var best *cmsg
	for _, o := range c.msgs {
		if o.who != nil || o.file != m.file || !o.ts.After(m.ts) || o.kind == "service" {
			continue
		}
		ok := o.parent == m
		if m.file == "x-dm" {
			ok = o.thread == m.thread
		}
		if ok && (best == nil || o.ts.Before(best.ts)) {
			best = o
		}
	}
	return best
}

// authors lists each person's first appearance on each conversation
// platform and the own message that greeted them. Pingbacks, comments in
// the spam or the trash and the blog's and group's spammers are left out;
// the one who spams by DM stays, as nothing in a DM marks it.
func (c *community) authors() []CommunityAuthor {
	var out []CommunityAuthor
	first := map[string]CommunityAuthor{} // by platform and person
	var order []string
	people := map[string]*member{}
	for _, m := range c.msgs {
		if m.who == nil || m.file == "x" || m.file == "mastodon" || m.ctype != "" || m.status != "approved" && m.status != "pending" {
			continue
		}
		if slices.Contains(spammers, m.who) {
			continue
		}
		key := m.file + "\x00" + m.who.name
		if _, ok := first[key]; ok {
			continue
		}
		name, id := c.authorOf(m)
		if m.action == "invite_members" {
			name, id = m.who.name, ""
		} else if m.file == "telegram" {
			name, id = m.who.name, "user"+strconv.FormatInt(m.who.tgid(), 10)
		}
		via := map[string]string{"wxr": "comment", "telegram": "message", "x-dm": "dm"}[m.file]
		switch m.action {
		case "join_group_by_link":
			via = "join"
		case "invite_members":
			via = "invited"
		}
		first[key] = CommunityAuthor{Platform: m.platform, Author: name, AuthorID: id, First: m.ts, Via: via, FirstID: c.recordID(m)}
		people[key] = m.who
		order = append(order, key)
	}
	for _, key := range order {
		a := first[key]
		if g, how := c.greeting(people[key], key[:strings.IndexByte(key, 0)], a.First); g != nil {
			a.GreetedBy, a.GreetedAt, a.GreetedHow = c.recordID(g), g.ts, how
			a.Greeted = g.ts.Sub(a.First) <= 7*24*time.Hour
		}
		for _, b := range first {
			if b.Author == a.Author && b.Platform != a.Platform && b.First.Before(a.First) {
				a.Before = b.Platform + " " + b.First.Format(time.DateOnly)
			}
		}
		out = append(out, a)
	}
	return out
}

// greeting is the first own message in file after t that replies to who
// or mentions them (in a DM, any own message to them), and how.
func (c *community) greeting(who *member, file string, t time.Time) (*cmsg, string) {
	for _, o := range c.msgs {
		if o.who != nil || o.file != file || !o.ts.After(t) || o.kind == "service" {
			continue
		}
		switch {
		case file == "x-dm" && o.to == who:
			return o, "dm"
		case o.parent != nil && o.parent.who == who:
			return o, "reply"
		}
		for _, s := range o.segs {
			if s.k == segMention && s.m == who {
				if who.handle == "" {
					return o, "mention_name"
				}
				return o, "mention"
			}
		}
	}
	return nil, ""
}

// String is the message as one line of the facts table.
func (m CommunityMessage) String() string {
	at := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	yn := func(b bool) string {
		if b {
			return "y"
		}
		return ""
	}
	cells := []string{m.Platform, m.File, m.Thread, m.ID, m.Parent, at(m.ParentTS), m.Author, m.AuthorID, yn(m.Own),
		at(m.TS), m.Lang, m.Kind, m.Label, yn(m.Question), yn(m.Complaint), m.Tone, m.Status, m.AnsweredBy,
		at(m.AnsweredAt), m.Outcome, yn(m.Private), yn(m.HardSell), strings.Join(m.LinksOwnSite, " "), m.Visibility,
		yn(m.Edited), m.Text, m.Note}
	for i, s := range cells {
		cells[i] = strings.NewReplacer("\t", " ", "\n", `\n`).Replace(s)
	}
	return strings.Join(cells, "\t")
}

// MessagesHeader names the columns of CommunityMessage.String.
const MessagesHeader = "platform\tfile\tthread\tid\tparent\tparent_ts\tauthor\tauthor_id\town\tts\tlang\tkind\tlabel\t" +
	"question\tcomplaint\ttone\tstatus\tanswered_by\tanswered_at\toutcome\tprivate\thard_sell\tlinks_own_site\tvisibility\tedited\ttext\tnote"

// String is the author as one line of the authors table.
func (a CommunityAuthor) String() string {
	at := ""
	if !a.GreetedAt.IsZero() {
		at = a.GreetedAt.UTC().Format(time.RFC3339)
	}
	g := ""
	if a.Greeted {
		g = "y"
	}
	return strings.Join([]string{a.Platform, a.Author, a.AuthorID, a.First.UTC().Format(time.RFC3339), a.Via, a.FirstID,
		a.GreetedBy, at, a.GreetedHow, g, a.Before}, "\t")
}

// AuthorsHeader names the columns of CommunityAuthor.String.
const AuthorsHeader = "platform\tauthor\tauthor_id\tfirst\tvia\tfirst_id\tgreeted_by\tgreeted_at\tgreeted_how\tgreeted_within_7d\tseen_before"

// Summary counts what the exports hold and what the rules make of it for
// the messages of [from, to): the numbers a report of that period should
// show.
func (f *Community) Summary(from, to time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "period %s to %s\n", from.UTC().Format(time.DateOnly), to.UTC().Add(-time.Second).Format(time.DateOnly))
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var ms []CommunityMessage
	for _, m := range f.Messages {
		if in(m.TS) {
			ms = append(ms, m)
		}
	}
	summaryRecords(&b, ms)
	summaryAnswers(&b, ms)
	summaryNewcomers(&b, f.Authors, in)
	summaryOwnPosts(&b, ms, from, to)
	return b.String()
}
