package sampledata

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The blog's comments (the WXR's wp:comment elements): readers comment on
// new posts in the days after they go out, more on the days the log's
// traffic peaks, and now and then on the back catalogue; the authors
// answer some questions within the hour, some the same day, some days
// later and some never; spam is caught, a duplicate and a rude comment are
// trashed, the last days' comments wait for moderation.

// troll writes the comment that ends in the trash.
var troll = &member{name: "Mr Grumpy", handle: "grumpy", lang: "en"}

// Readers' replies to one another and thanks for an answer.
var (
	readerAnswers = &pool{en: []string{
		"Same question here.",
		"It works for me with 1.22, for what it's worth.",
		"Had the same problem, upgrading fixed it.",
		"I think the docs cover it, section 3.",
	}, fr: []string{
		"Même question !",
		"Chez moi ça marche avec la 1.22.",
		"J'ai eu le même souci, une mise à jour a réglé ça.",
	}}
	followUps = &pool{en: []string{
		"Thanks, that worked!",
		"Perfect, thank you.",
		"Got it, thanks!",
	}, fr: []string{
		"Merci, ça marche !",
		"Parfait, merci.",
		"Compris, merci !",
	}}
	openers = &pool{en: []string{"Great post! ", "Thanks for this. ", "Really enjoyed this one. "},
		fr: []string{"Merci pour l'article ! ", "Super billet. "}}
)

type blogScene struct {
	c       *community
	r       *dice
	labels  *deck
	speeds  *deck
	fixes   *deck
	greet   *deck
	seen    []*member // commenters so far, to come back
	nextNew int
	trap    int
	replies int // own replies by camille, to write one logged out
	angry   bool
	private bool // a complaint of the log's period was taken to e-mail
}

func (c *community) blog(r *dice) {
	b := &blogScene{c: c, r: r,
		labels: newDeck(r, "question", "question", "question", "question", "question", "question", "question",
			"praise", "praise", "praise", "praise", "praise", "neutral", "neutral", "neutral", "neutral",
			"complaint", "complaint", "trap"),
		speeds: newDeck(r, "fast", "fast", "fast", "same-day", "same-day", "late", "late", "never", "never"),
		fixes:  newDeck(r, "fast", "private", "late", "open", "same-day"),
		greet:  newDeck(r, "greet", "greet", "greet", "none", "greet", "none", "days9"),
		seen:   append([]*member(nil), blogRegulars...),
	}
	for d := blogFrom; d < c.cfg.Days; d++ {
		for _, p := range c.posts {
			for range poissonR(r, b.rate(p, d)) {
				b.comment(p, d)
			}
		}
		if r.Float64() < 0.05 {
			b.spam(d)
		}
	}
	b.pingbacks()
	b.edgeCases()
}

// rate is the expected number of comments on p on day d: a burst after it
// goes out, the log's spikes, a trickle on old posts.
func (b *blogScene) rate(p *blogPost, d int) float64 {
	age := d - b.c.dayOf(p.pub)
	if age < 0 {
		return 0
	}
	rank := float64(posts[p.i].rank)
	rate := 0.016 / math.Sqrt(rank)
	if age <= 20 {
		rate += 0.6 * math.Exp(-float64(age)/2.5) * (1 + 2/math.Sqrt(rank))
	}
	for _, s := range spikes {
		if s.slug == p.slug && s.day == d {
			rate += 4 * s.extra / 3.2
		}
	}
	return rate
}

// author picks who comments on day d: a regular before the log starts;
// then, now and then, someone new.
func (b *blogScene) author(d int) (who *member, first bool) {
	if d < 0 {
		return blogRegulars[b.r.IntN(len(blogRegulars))], false
	}
	if b.nextNew < len(blogNewcomers) && b.r.Float64() < 0.3 {
		m := blogNewcomers[b.nextNew]
		b.nextNew++
		b.seen = append(b.seen, m)
		return m, true
	}
	return b.seen[b.r.IntN(len(b.seen))], false
}

func (b *blogScene) comment(p *blogPost, d int) {
	c := b.c
	t := c.humanTime(b.r, d)
	if t.Before(p.pub) {
		t = p.pub.Add(time.Duration(20+b.r.IntN(180)) * time.Minute)
	}
	if !c.inExport(t) {
		return
	}
	who, first := b.author(d)
	m := &cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: who, ts: t,
		lang: who.lang, kind: "comment"}
	b.say(m, b.labels.draw())
	// The last days' comments are not moderated yet.
	if u := b.r.Float64(); t.After(c.export.Add(-6*24*time.Hour)) && u < 0.6 {
		m.status = "pending"
	}
	c.add(m)
	if m.status == "approved" {
		b.respond(m, first)
	}
}

// say gives m the text of its label.
func (b *blogScene) say(m *cmsg, label string) {
	r, lang := b.r, m.lang
	m.label = label
	var text string
	switch label {
	case "question":
		text = tagQuestions[m.post.tags[0]].pick(r, lang)
		m.question, m.asked = true, text
		if r.Float64() < 0.2 {
			text = openers.pick(r, lang) + text
			m.tone = "positive"
		}
	case "praise":
		text, m.tone = praise.pick(r, lang), "positive"
	case "neutral":
		text = neutral.pick(r, lang)
	case "complaint":
		text, m.tone, m.complaint = complaints.pick(r, lang), "negative", true
		m.question, m.asked = asks(text), text
	case "trap":
		tr := trapFor(lang, b.trap)
		b.trap++
		text, m.note = tr.text, tr.note
	}
	m.segs = []seg{{k: segText, s: text}}
}

// trapFor returns the n-th trap written in lang.
func trapFor(lang string, n int) struct{ text, lang, note string } {
	var list []struct{ text, lang, note string }
	for _, t := range traps {
		if t.lang == lang {
			list = append(list, t)
		}
	}
	return list[n%len(list)]
}

// respond makes the own account's answer to m, if any. A newcomer's
// first comment is answered or not by the greeting deck: answering it
// greets them.
func (b *blogScene) respond(m *cmsg, first bool) {
	r := b.r
	if first {
		speed := []string{"fast", "same-day"}[r.IntN(2)]
		switch b.greet.draw() {
		case "none":
			return
		case "days9":
			speed = "days9"
		}
		at := b.c.replyAt(r, m.ts, speed)
		switch {
		case at.IsZero():
		case m.question:
			b.reply(m, at, answerTo(r, m.asked, m.lang), "answer")
		case m.complaint:
			b.reply(m, at, fix(r, m.asked, m.lang), "fix")
		default:
			b.reply(m, at, welcomes.pick(r, m.lang), "welcome")
		}
		return
	}
	switch m.label {
	case "question":
		b.answer(m)
	case "complaint":
		b.handle(m)
	case "praise", "neutral", "trap":
		if r.Float64() < 0.4 {
			if at := b.c.replyAt(r, m.ts, "same-day"); !at.IsZero() {
				b.reply(m, at, thanks.pick(r, m.lang), "thanks")
			}
		}
	}
}

func (b *blogScene) answer(m *cmsg) {
	r := b.r
	speed := b.speeds.draw()
	if r.Float64() < 0.15 {
		// Another reader answers first; it does not count as answered.
		other := b.seen[r.IntN(len(b.seen))]
		if other != m.who {
			at := m.ts.Add(time.Duration(30+r.IntN(600)) * time.Minute)
			if b.c.inExport(at) {
				b.c.add(&cmsg{platform: "blog", file: "wxr", thread: m.thread, post: m.post, parent: m, to: m.who,
					who: other, ts: at, lang: other.lang, kind: "reply", label: "reader-answer",
					segs: []seg{{k: segText, s: readerAnswers.pick(r, other.lang)}}, note: "a reader's answer: not an own one"})
			}
		}
	}
	at := b.c.replyAt(r, m.ts, speed)
	if at.IsZero() {
		return
	}
	text := answerTo(r, m.asked, m.lang)
	if at.Sub(m.ts) > 24*time.Hour {
		text = lateOpeners.pick(r, m.lang) + text
	}
	own := b.reply(m, at, text, "answer")
	if r.Float64() < 0.3 {
		if t := own.ts.Add(time.Duration(60+r.IntN(1200)) * time.Minute); b.c.inExport(t) {
			b.c.add(&cmsg{platform: "blog", file: "wxr", thread: m.thread, post: m.post, parent: own, who: m.who,
				ts: t, lang: m.lang, kind: "reply", label: "praise", tone: "positive",
				segs: []seg{{k: segText, s: followUps.pick(r, m.lang)}}, note: "thanks for the answer"})
		}
	}
}

// handle answers a complaint: fixed, taken to e-mail, or left open; once,
// the co-author answers in anger (the tone check's case).
func (b *blogScene) handle(m *cmsg) {
	r := b.r
	how := b.fixes.draw()
	if how == "open" {
		return
	}
	if !b.private && b.c.dayOf(m.ts) >= 0 {
		// The log's period has at least one complaint taken to e-mail.
		b.private, how = true, "private"
	}
	speed := how
	if how == "private" {
		speed = "same-day"
	}
	at := b.c.replyAt(r, m.ts, speed)
	if at.IsZero() {
		return
	}
	switch {
	case how == "private":
		own := b.reply(m, at, toPrivate.pick(r, m.lang), "private")
		own.private = true
	case !b.angry && b.c.dayOf(m.ts) >= 20:
		b.angry = true
		text := "Did you even read the post?? It's explained in the SECOND paragraph!!"
		if m.lang == "fr" {
			text = "Vous avez lu le billet ?? C'est expliqué au DEUXIÈME paragraphe !!"
		}
		own := b.reply(m, at, text, "fix")
		own.by, own.tone, own.note = "jo", "negative", "own reply in anger: caps and !! (the tone check)"
	default:
		b.reply(m, at, fix(r, m.asked, m.lang), "fix")
	}
}

// reply adds an own comment answering parent.
func (b *blogScene) reply(parent *cmsg, at time.Time, text, label string) *cmsg {
	m := &cmsg{platform: "blog", file: "wxr", thread: parent.thread, post: parent.post, parent: parent,
		to: parent.who, by: "camille", ts: at, lang: parent.lang, kind: "reply", label: label,
		segs: []seg{{k: segText, s: text}}}
	if label == "thanks" || label == "welcome" {
		m.tone = "positive"
	}
	if b.r.Float64() < 0.25 {
		m.by = "jo"
	} else if b.replies++; b.replies == 3 && b.c.dayOf(at) >= 0 {
		m.loggedOut = true
		m.note = "own comment written logged out: no comment_user_id, own by name and e-mail only"
	}
	return b.c.add(m)
}

func (b *blogScene) spam(d int) {
	c, r := b.c, b.r
	t := c.humanTime(r, d)
	var open []*blogPost
	for _, p := range c.posts {
		if p.pub.Before(t) {
			open = append(open, p)
		}
	}
	if len(open) == 0 || !c.inExport(t) {
		return
	}
	p := open[r.IntN(len(open))]
	text := spam[r.IntN(len(spam))]
	who := spammers[r.IntN(len(spammers))]
	c.add(&cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: who, ts: t, lang: "en",
		kind: "comment", label: "spam", status: "spam", segs: []seg{{k: segText, s: text}},
		authorURL: text[strings.LastIndex(text, "https://"):]})
}

// pingbacks are the sites of externalLinks telling the blog they link to
// it, and one trackback.
func (b *blogScene) pingbacks() {
	for _, pb := range []struct {
		slug, from, site, words, ctype string
		after                          time.Duration
	}{
		{"sessionizing-logs-with-sql", "https://someone.github.io/til/2025-07-sessionizing/", "TIL: sessionizing in SQL", "I followed this walk-through", "pingback", 3*24*time.Hour + 3*time.Hour},
		{"duckdb-tips", "https://someone.github.io/notes/duckdb-links/", "DuckDB links | someone's notes", "a good list of tips", "pingback", 0},
		{"go-iterators-in-practice", "https://gophers.example.dev/newsletter/142", "Gophers Weekly #142", "iterators, explained with real code", "pingback", 0},
		{"nginx-log-formats", "https://www.example.de/blog/logdateien-auswerten/", "Logdateien auswerten", "eine gute Übersicht der Formate", "trackback", 0},
	} {
		p := b.c.postBySlug(pb.slug)
		if p == nil {
			continue
		}
		at := p.pub.Add(pb.after)
		if pb.after == 0 {
			// An old post gets linked while the log runs.
			at = b.c.day(8 + int(hashString(pb.from)%60)).Add(10*time.Hour + 17*time.Minute)
		}
		if !b.c.inExport(at) || at.Before(p.pub) {
			continue
		}
		b.c.add(&cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, ts: at, lang: "en",
			who: &member{name: pb.site}, kind: pb.ctype, ctype: pb.ctype, label: pb.ctype, authorURL: pb.from,
			segs: []seg{{k: segText, s: "[…] " + pb.words + ": " + p.title + " […]"}}})
	}
}

func (c *community) postBySlug(slug string) *blogPost {
	for _, p := range c.posts {
		if p.slug == slug {
			return p
		}
	}
	return nil
}

// edgeCases adds what moderation and old imports leave behind.
func (b *blogScene) edgeCases() {
	c, r := b.c, b.r
	// An old comment whose comment_date_gmt an import lost.
	for _, m := range c.msgs {
		if m.file == "wxr" && m.who != nil && m.kind == "comment" && c.dayOf(m.ts) < -30 && m.status == "approved" {
			m.noGMT = true
			m.note = "comment_date_gmt is 0000-00-00 00:00:00: only comment_date, in the blog's zone, says when"
			break
		}
	}
	latest := c.latestPost
	// A question left in the moderation queue for twelve days.
	if at := c.export.Add(-12*24*time.Hour + 3*time.Hour); at.After(c.day(0)) {
		if p := latest(at); p != nil {
			who := blogRegulars[3]
			m := &cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: who, ts: at, lang: who.lang,
				kind: "comment", status: "pending", note: "waiting for moderation for twelve days"}
			b.say(m, "question")
			c.add(m)
		}
	}
	// A comment sent twice: the copy is trashed.
	if at := c.day(30).Add(19*time.Hour + 4*time.Minute); c.inExport(at) {
		if p := latest(at); p != nil {
			who := b.seen[r.IntN(len(b.seen))]
			m := &cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: who, ts: at, lang: who.lang, kind: "comment"}
			b.say(m, "praise")
			c.add(m)
			dup := *m
			dup.ts, dup.status, dup.note = at.Add(2*time.Minute), "trash", "the same comment sent twice: the copy is trashed"
			c.add(&dup)
		}
	}
	// A complaint left open in the demo's report period (days 56 to 83).
	if at := c.day(64).Add(18*time.Hour + 22*time.Minute); c.inExport(at) {
		if p := latest(at); p != nil {
			who := blogRegulars[5]
			c.add(&cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: who, ts: at, lang: who.lang,
				kind: "comment", label: "complaint", complaint: true, tone: "negative",
				segs: []seg{{k: segText, s: "Le lien de téléchargement de l'ebook ne fonctionne toujours pas, j'ai réessayé trois fois."}},
				note: "left open"})
		}
	}
	// A rude comment, trashed.
	if at := c.day(70).Add(23*time.Hour + 41*time.Minute); c.inExport(at) {
		if p := latest(at); p != nil {
			c.add(&cmsg{platform: "blog", file: "wxr", thread: strconv.Itoa(p.wpID), post: p, who: troll, ts: at, lang: "en",
				kind: "comment", label: "complaint", complaint: true, tone: "negative", status: "trash",
				segs: []seg{{k: segText, s: "Worst blog ever, a total waste of time."}}, note: "rude: trashed by the moderators"})
		}
	}
}

// latestPost is the newest post published before t.
func (c *community) latestPost(t time.Time) *blogPost {
	var p *blogPost
	for _, q := range c.posts {
		if q.pub.Before(t) {
			p = q
		}
	}
	return p
}
