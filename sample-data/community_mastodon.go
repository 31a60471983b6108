package sampledata

import (
	"strconv"
	"strings"
	"time"
)

// The own Mastodon account: the same life as on X, told a little
// differently: announcements with hashtags, tips, boosts (Announce, whose
// object is only a URI), replies in public or unlisted, two notes to
// followers only and two direct ones (the own side of a private
// conversation), a content warning, and notes edited after they went out.

type mastoScene struct {
	c      *community
	r      *dice
	labels *deck
	speeds *deck
	vis    *deck
}

func (c *community) mastodon(r *dice) {
	s := &mastoScene{c: c, r: r,
		labels: newDeck(r, "question", "praise", "question", "neutral", "praise", "complaint"),
		speeds: newDeck(r, "fast", "same-day", "fast", "late", "same-day"),
		vis:    newDeck(r, "public", "unlisted", "unlisted", "public", "unlisted"),
	}
	for d := -30; d < c.cfg.Days; d++ {
		if c.away(c.day(d).Add(12 * time.Hour)) {
			continue
		}
		s.specials(d)
		s.announce(d)
		for range poissonR(r, 0.2) {
			lang := langDraw(r, 0.3)
			s.note(c.humanTime(r, d), lang, "tip", fill(tips.pick(r, lang), tplCtx{}))
		}
		for range poissonR(r, 0.15) {
			s.boost(c.humanTime(r, d))
		}
		for range poissonR(r, 0.2) {
			s.reply(d)
		}
	}
}

// note adds an own note; its id is the status id of its time.
func (s *mastoScene) note(at time.Time, lang, label string, segs []seg) *cmsg {
	c, r := s.c, s.r
	if !c.inExport(at) || c.away(at) {
		return nil
	}
	m := c.add(&cmsg{platform: "mastodon", file: "mastodon", by: "camille", ts: at, lang: lang, kind: "post",
		label: label, segs: segs, visibility: "public"})
	m.id = strconv.FormatUint(mastodonID(at.UnixMilli(), mix(0x3a5, uint64(m.seq))), 10)
	if r.Float64() < 0.08 {
		// Edited after it went out: a typo, a link.
		ed := at.Add(time.Duration(5+r.IntN(85)) * time.Minute)
		if c.inExport(ed) {
			m.edited = ed
		}
	}
	for _, sg := range segs {
		if sg.k == segLink {
			if p := c.postByURL(sg.url); p != nil {
				m.post = p
			}
		}
	}
	return m
}

func (s *mastoScene) announce(d int) {
	c, r := s.c, s.r
	for _, p := range c.posts {
		if c.dayOf(p.pub) != d || c.away(p.pub) {
			continue
		}
		lang := langDraw(r, 0.25)
		at := p.pub.Add(time.Duration(15+r.IntN(45)) * time.Minute)
		segs := fill(announces.pick(r, lang), tplCtx{title: p.title, url: p.url, tag: hashtagOf(p), topic: topicOf(p, lang)})
		if !hasTag(segs) {
			segs = append(segs, seg{k: segText, s: " "}, seg{k: segTag, s: hashtagOf(p)})
		}
		s.note(at, lang, "announce", segs)
	}
}

func hasTag(segs []seg) bool {
	for _, s := range segs {
		if s.k == segTag {
			return true
		}
	}
	return false
}

// boost reposts someone's status.
func (s *mastoScene) boost(at time.Time) {
	r := s.r
	who := xPeople[r.IntN(len(xPeople))]
	m := s.note(at, "", "repost", nil)
	if m == nil {
		return
	}
	orig := at.Add(-time.Duration(30+r.IntN(900)) * time.Minute)
	m.kind, m.to, m.parentTS, m.edited = "repost", who, orig, time.Time{}
	m.parentID = statusURI(who, mastodonID(orig.UnixMilli(), hashString(who.handle)+uint64(orig.Unix())))
}

// statusURI is the ActivityPub id of someone's status.
func statusURI(who *member, id uint64) string {
	return "https://" + who.server + "/users/" + who.handle + "/statuses/" + strconv.FormatUint(id, 10)
}

// reply is someone's status mentioning the own account and the own
// answer.
func (s *mastoScene) reply(d int) {
	c, r := s.c, s.r
	people := talkers()
	who := people[r.IntN(len(people))]
	t0 := c.humanTime(r, d)
	label := s.labels.draw()
	at := c.replyAt(r, t0, s.speeds.draw())
	if at.IsZero() {
		return
	}
	var their, text string
	switch label {
	case "question":
		their = chatQuestions.pick(r, who.lang)
		text = answerTo(r, their, who.lang)
	case "praise", "neutral":
		their, text = praise.pick(r, who.lang), thanks.pick(r, who.lang)
	case "complaint":
		their = complaints.pick(r, who.lang)
		text = fix(r, their, who.lang)
	}
	if at.Sub(t0) > 24*time.Hour {
		text = lateOpeners.pick(r, who.lang) + text
	}
	m := s.note(at, who.lang, map[string]string{"question": "answer", "praise": "thanks", "neutral": "thanks", "complaint": "fix"}[label],
		[]seg{{k: segMention, s: "@" + who.handle, m: who}, {k: segText, s: " " + text}})
	if m == nil {
		return
	}
	m.kind, m.to, m.visibility, m.note = "reply", who, s.vis.draw(), "in reply to: "+their
	m.parentTS = time.UnixMilli(t0.UnixMilli())
	m.parentID = statusURI(who, mastodonID(t0.UnixMilli(), hashString(who.handle)))
}

// specials are the scripted days.
func (s *mastoScene) specials(d int) {
	c := s.c
	at := func(h, m int) time.Time {
		return c.day(d).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	switch d {
	case 18, 96:
		if m := s.note(at(18, 12), "en", "followers", fill("Followers first: the September workshop dates are the 18th and the 25th.", tplCtx{})); m != nil {
			m.visibility = "followers"
		}
	case 30, 88:
		who := xPeople[map[int]int{30: 3, 88: 9}[d]]
		text := map[int]string{30: " here is the discount code for the workshop, as promised: FRIENDS20",
			88: " thanks for the chat! The slides are at https://blog.example.org/talks/ , no need to share them around yet."}[d]
		if m := s.note(at(20, 47), "en", "direct", append([]seg{{k: segMention, s: "@" + who.handle, m: who}}, dmSegs(text)...)); m != nil {
			m.visibility, m.to, m.note = "direct", who, "a direct note: the own side of a private conversation"
		}
	case 33:
		if m := s.note(at(21, 5), "en", "tip", fill("Every log format should write UTC with an offset. Every single one. {#logging}", tplCtx{})); m != nil {
			m.summary, m.note = "timezones rant", "behind a content warning"
		}
	case hnDay:
		if p := c.postBySlug(spikes[0].slug); p != nil {
			s.note(at(14, 52), "fr", "spike", fill("Le billet « {title} » est en tête de Hacker News ! Merci à tous. {url} {#duckdb}", tplCtx{title: p.title, url: p.url}))
		}
	case outageDay:
		s.note(at(10, 24), "en", "outage", fill("The blog is down (DNS trouble at the host). On it. {#selfhosting}", tplCtx{}))
		if m := s.note(at(12, 37), "en", "outage", fill("The blog is back. Postmortem coming.", tplCtx{})); m != nil {
			m.edited = at(12, 58)
		}
	case redditDay:
		if p := c.postBySlug(spikes[2].slug); p != nil {
			s.note(at(14, 5), "en", "spike", fill("r/golang liked {title} a lot, thank you all! {url} {#golang}", tplCtx{title: p.title, url: p.url}))
		}
	case 101:
		s.note(at(16, 30), "fr", "feedback", fill("Petit sondage : vous lisez la newsletter plutôt le matin ou le soir ?", tplCtx{})).setQuestion()
	}
}

func (m *cmsg) setQuestion() {
	if m != nil {
		m.question = true
	}
}

// mastodonLang is the contentMap key of a note.
func mastodonLang(m *cmsg) string {
	if m.lang == "" {
		return "en"
	}
	return strings.ToLower(m.lang)
}
