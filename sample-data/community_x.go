package sampledata

import (
	"strconv"
	"strings"
	"time"
)

// The own X account: it announces each new post (but the one of the
// holiday), posts tips, asks its followers, sells the workshop, retweets,
// answers mentions (fast, the same day or days later: an X archive holds
// only the own side, so unanswered mentions leave no trace), moves a
// complaint to DMs, live-posts a conference (over-posting), and talks
// about the log's peaks and outage on their days. Its DMs hold both sides.

var conference = []string{
	"At #GopherConEU today. The first talk, on iterators, is great.",
	"Slides for the iterators talk are already up, kudos to the speaker.",
	"Standing room only for the profiling talk. #GopherConEU",
	"Great point from the stage: measure before you optimise. Every time.",
	"The hallway track is the best track. #GopherConEU",
	"Last talk of the morning: DuckDB inside a Go service. Very relevant to the blog!",
}

const (
	webApp = `<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>`
	iPhone = `<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>`
)

// xCounts are the likes of an own tweet by its label: at least the first,
// plus up to the second.
var xCounts = map[string][2]int{
	"announce": {5, 35}, "tip": {2, 25}, "spike": {150, 80}, "feedback": {3, 10}, "hardsell": {0, 5},
	"conference": {1, 8}, "outage": {5, 10}, "thread": {4, 20}, "link": {1, 5},
}

type xScene struct {
	c      *community
	r      *dice
	labels *deck
	speeds *deck
	thread bool
}

// dmPlan is a DM conversation that follows a public reply.
type dmPlan struct {
	who *member
	at  time.Time
}

func (c *community) xPosts(r *dice) {
	s := &xScene{c: c, r: r,
		labels: newDeck(r, "question", "praise", "question", "complaint", "neutral", "praise", "question"),
		speeds: newDeck(r, "fast", "fast", "same-day", "late", "fast", "same-day"),
	}
	for d := -30; d < c.cfg.Days; d++ {
		if c.away(c.day(d).Add(12 * time.Hour)) {
			continue
		}
		s.specials(d)
		s.announce(d)
		for range poissonR(r, 0.25) {
			lang := langDraw(r, 0.25)
			s.tweet(c.humanTime(r, d), lang, "tip", fill(tips.pick(r, lang), tplCtx{}))
		}
		for range poissonR(r, 0.2) {
			s.retweet(c.humanTime(r, d))
		}
		for range poissonR(r, 0.3) {
			s.mention(d)
		}
	}
}

func langDraw(r *dice, fr float64) string {
	if r.Float64() < fr {
		return "fr"
	}
	return "en"
}

// tweet adds an own tweet; its id is the snowflake of its time.
func (s *xScene) tweet(at time.Time, lang, label string, segs []seg) *cmsg {
	if !s.c.inExport(at) || s.c.away(at) {
		return nil
	}
	m := s.c.add(&cmsg{platform: "x", file: "x", by: "camille", ts: at, lang: lang, kind: "post", label: label,
		segs: segs, source: webApp})
	m.id = strconv.FormatUint(snowflake(at.UnixMilli(), mix(0x7, uint64(m.seq))), 10)
	r := s.r
	if r.Float64() < 0.3 {
		m.source = iPhone
	}
	if n, ok := xCounts[label]; ok {
		m.likes = n[0] + r.IntN(n[1])
		m.reposts = r.IntN(n[1]/4 + 1)
	} else {
		m.likes = r.IntN(4)
	}
	for _, sg := range segs {
		if sg.k == segLink && strings.Contains(sg.url, "://"+s.c.cfg.Host+"/") && label != "link" {
			m.post = s.c.postByURL(sg.url)
		}
	}
	return m
}

func (c *community) postByURL(u string) *blogPost {
	for _, p := range c.posts {
		if p.url == u {
			return p
		}
	}
	return nil
}

// announce tweets the day's new post.
func (s *xScene) announce(d int) {
	c, r := s.c, s.r
	for _, p := range c.posts {
		if c.dayOf(p.pub) != d || c.away(p.pub) || (p.slug == "sessionizing-logs-with-sql" && s.thread) {
			continue
		}
		lang := langDraw(r, 0.25)
		at := p.pub.Add(time.Duration(10+r.IntN(35)) * time.Minute)
		s.tweet(at, lang, "announce", fill(announces.pick(r, lang), tplCtx{title: p.title, url: p.url, tag: hashtagOf(p), topic: topicOf(p, lang)}))
	}
}

// retweet reposts someone's tweet, "RT @handle: text" as X writes it.
func (s *xScene) retweet(at time.Time) {
	r := s.r
	who := xPeople[r.IntN(len(xPeople))]
	rt := retweeted[r.IntN(len(retweeted))]
	segs := []seg{{k: segText, s: "RT "}, {k: segMention, s: "@" + who.handle, m: who}, {k: segText, s: ": " + rt.s}}
	m := s.tweet(at, rt.lang, "repost", segs)
	if m == nil {
		return
	}
	m.kind, m.to, m.likes, m.reposts, m.source = "repost", who, 0, 0, webApp
	orig := at.Add(-time.Duration(20+r.IntN(600)) * time.Minute)
	m.parentTS = orig
	m.parentID = strconv.FormatUint(snowflake(orig.UnixMilli(), hashString(who.handle+rt.s)), 10)
}

// mention is someone's tweet at the own account and the own reply to it.
func (s *xScene) mention(d int) {
	c, r := s.c, s.r
	people := talkers()
	who := people[r.IntN(len(people))]
	t0 := c.humanTime(r, d)
	label := s.labels.draw()
	speed := s.speeds.draw()
	at := c.replyAt(r, t0, speed)
	if at.IsZero() {
		return // unanswered: the archive does not show it
	}
	var their, text string
	switch label {
	case "question":
		their = chatQuestions.pick(r, who.lang)
		text = answerTo(r, their, who.lang)
	case "praise":
		their, text = praise.pick(r, who.lang), thanks.pick(r, who.lang)
	case "neutral":
		their, text = neutral.pick(r, who.lang), thanks.pick(r, who.lang)
	case "complaint":
		their = complaints.pick(r, who.lang)
		text = fix(r, their, who.lang)
	}
	if at.Sub(t0) > 24*time.Hour {
		text = lateOpeners.pick(r, who.lang) + text
	}
	m := s.reply(who, t0, at, who.lang, text, label)
	if m != nil {
		m.note = "in reply to: " + their
	}
}

// refundComplaint is a public complaint the own account takes to DMs,
// where the refund conversation follows (xDMs).
func (s *xScene) refundComplaint(d int) {
	c, r := s.c, s.r
	who := xPeople[3]
	t0 := c.day(d).Add(8*time.Hour + 40*time.Minute)
	m := s.reply(who, t0, t0.Add(24*time.Minute), "en", "Sorry to hear that. Send us a DM with your order number and we'll sort it out.", "complaint")
	if m == nil {
		return
	}
	m.private, m.note = true, "in reply to: Still waiting for my refund for the June workshop, it's been three weeks."
	c.dmPlans = append(c.dmPlans, dmPlan{who: who, at: m.ts.Add(time.Duration(15+r.IntN(40)) * time.Minute)})
}

// reply adds an own reply to who's tweet of t0.
func (s *xScene) reply(who *member, t0, at time.Time, lang, text, theirLabel string) *cmsg {
	segs := []seg{{k: segMention, s: "@" + who.handle, m: who}, {k: segText, s: " " + text}}
	label := map[string]string{"question": "answer", "praise": "thanks", "neutral": "thanks", "complaint": "fix"}[theirLabel]
	m := s.tweet(at, lang, label, segs)
	if m == nil {
		return nil
	}
	m.kind, m.to, m.parentTS = "reply", who, time.UnixMilli(t0.UnixMilli())
	m.parentID = strconv.FormatUint(snowflake(t0.UnixMilli(), hashString(who.handle)+uint64(t0.Unix())), 10)
	return m
}

// specials are the scripted days.
func (s *xScene) specials(d int) {
	c, r := s.c, s.r
	at := func(h, m int) time.Time {
		return c.day(d).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	workshop, newsletter := "https://"+c.cfg.Host+"/workshop/", "https://"+c.cfg.Host+"/newsletter/"
	switch d {
	case 15, 70, 100:
		lang := map[int]string{15: "en", 70: "fr", 100: "en"}[d]
		if m := s.tweet(at(17, 4), lang, "feedback", fill(feedbackAsks.pick(r, lang), tplCtx{})); m != nil {
			m.question = true
		}
	case 20, 85, 105:
		lang := map[int]string{20: "en", 85: "fr", 105: "en"}[d]
		text := hardSells.pick(r, lang)
		own := workshop
		if strings.Contains(text, "newsletter") {
			own = newsletter
		}
		if m := s.tweet(at(8, 31), lang, "hardsell", fill(text, tplCtx{own: own})); m != nil {
			m.hardSell = true
		}
	case 25:
		s.thread = s.sessionThread()
	case 65:
		s.refundComplaint(d)
	case 35:
		who := xPeople[0]
		if m := s.reply(who, at(7, 12), at(7, 40), "en", "🙌", "praise"); m != nil {
			m.xLang, m.note = "und", "emoji only: X says und"
		}
	case hnDay, hnDay + 1, redditDay:
		s.spikePost(d)
	case outageDay:
		s.tweet(at(10, 20), "en", "outage", fill("The blog is down right now (DNS trouble at the host). Working on it.", tplCtx{}))
		s.tweet(at(12, 35), "en", "outage", fill("Back up! Sorry about the outage, a postmortem will follow.", tplCtx{}))
	case conferenceDay:
		for k, text := range conference {
			if m := s.tweet(at(9, 2+9*k+r.IntN(3)), "en", "conference", fill(text, tplCtx{})); m != nil {
				m.source = iPhone
			}
		}
	case 90:
		if p := c.postBySlug("go-error-wrapping"); p != nil {
			if m := s.tweet(at(11, 11), "en", "link", fill("{url}", tplCtx{url: p.url})); m != nil {
				m.xLang, m.post, m.note = "zxx", p, "a link alone: X says zxx"
			}
		}
	}
}

// spikePost is the own post about the post that peaks that day.
func (s *xScene) spikePost(d int) {
	c := s.c
	slug, h, mi, text := spikes[0].slug, 14, 35, "Wow, our post is on the front page of Hacker News. Hello, HN readers! {url}"
	switch d {
	case hnDay + 1:
		h, mi, text = 9, 10, "Thanks for all the comments on yesterday's post, answering them today. {url}"
	case redditDay:
		slug, h, mi, text = spikes[2].slug, 13, 50, "Thanks r/golang for the warm welcome for \"{title}\" {url}"
	}
	p := c.postBySlug(slug)
	if p == nil {
		return
	}
	s.tweet(c.day(d).Add(time.Duration(h)*time.Hour+time.Duration(mi)*time.Minute), "en", "spike",
		fill(text, tplCtx{title: p.title, url: p.url}))
}

// sessionThread announces the day's post as a thread of three tweets,
// each replying to the one before.
func (s *xScene) sessionThread() bool {
	p := s.c.postBySlug("sessionizing-logs-with-sql")
	if p == nil || s.c.dayOf(p.pub) != 25 {
		return false
	}
	texts := []string{
		"A thread on how I sessionize logs with SQL 🧵 1/3",
		"2/3 The trick: LAG(ts) over each visitor, and a new session wherever the gap is over 30 minutes.",
		"3/3 Full write-up, with the queries: {url} {#sql}",
	}
	var prev *cmsg
	for k, text := range texts {
		m := s.tweet(p.pub.Add(time.Duration(31+2*k)*time.Minute), "en", "thread", fill(text, tplCtx{url: p.url}))
		if m == nil {
			return false
		}
		if prev != nil {
			m.kind, m.parent, m.parentID, m.parentTS, m.note = "reply", prev, prev.id, prev.ts, "a thread: replies to the own previous tweet"
		}
		prev = m
	}
	return true
}
