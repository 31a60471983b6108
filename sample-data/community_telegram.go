package sampledata

import (
	"strconv"
	"strings"
	"time"
)

// The blog's Telegram group: regulars chat, ask and complain; newcomers
// join by the invite link or are invited, most say hello, and the owner
// greets most of them, by a mention, a reply or a weekly round of
// welcomes, within the week or too late; the owner announces each new
// post, answers questions fast, late or never, takes a complaint to
// private messages ("écrivez-nous en MP"), and is away for the holiday.

var (
	linkShares = &pool{en: []string{
		"Found this, relevant to last week's post: {url}",
		"Good read: {url}",
		"This might interest a few of you: {url}",
	}, fr: []string{
		"Je partage : {url}",
		"À lire : {url}",
		"Ça peut intéresser du monde ici : {url}",
	}}
	externalReads = []string{
		"https://go.dev/blog/range-functions",
		"https://duckdb.org/docs/data/parquet/overview",
		"https://parquet.apache.org/docs/file-format/",
		"https://www.brendangregg.com/flamegraphs.html",
		"https://www.freedesktop.org/software/systemd/man/latest/systemd.timer.html",
		"https://blog.cloudflare.com/tag/logs/",
	}
)

type tgScene struct {
	c       *community
	r       *dice
	labels  *deck
	speeds  *deck
	fixes   *deck
	greet   *deck
	posters []tgPoster // who can write, from when
	next    int        // next joiner
	batch   []*cmsg    // joins waiting for the weekly round of welcomes
}

type tgPoster struct {
	m     *member
	since time.Time
	w     int // weight: regulars write more
}

func (c *community) telegram(r *dice) {
	s := &tgScene{c: c, r: r,
		labels: newDeck(r, "question", "question", "question", "question", "question", "question",
			"chat", "chat", "chat", "chat", "chat", "chat", "praise", "praise", "complaint", "complaint",
			"neutral", "neutral", "link", "link", "trap"),
		speeds: newDeck(r, "fast", "fast", "fast", "same-day", "same-day", "late", "never", "never", "member"),
		fixes:  newDeck(r, "fast", "private", "late", "open", "same-day"),
		greet:  newDeck(r, "mention", "reply", "batch", "none", "mention", "reply", "none", "days9", "batch"),
	}
	for _, m := range tgRegulars {
		s.posters = append(s.posters, tgPoster{m: m, since: c.day(tgFrom - 400), w: 3})
	}
	for d := tgFrom; d < c.cfg.Days; d++ {
		s.joins(d)
		s.chatter(d)
		s.announce(d)
		s.specials(d)
		if c.day(d).In(c.cfg.TZ).Weekday() == time.Friday {
			s.welcomeRound(d)
		}
	}
}

// msg is a Telegram message of the group.
func (s *tgScene) msg(who *member, at time.Time, lang, label string, segs []seg) *cmsg {
	m := &cmsg{platform: "telegram", file: "telegram", thread: strconv.Itoa(chatID), who: who, ts: at,
		lang: lang, kind: "message", label: label, segs: segs}
	if who == nil {
		m.by = "camille"
	}
	return s.c.add(m)
}

// joins adds the day's newcomers and plans their hello and their welcome.
func (s *tgScene) joins(d int) {
	c, r := s.c, s.r
	for range poissonR(r, 0.2) {
		if s.next >= len(tgJoiners) {
			return
		}
		at := c.humanTime(r, d)
		if !c.inExport(at) {
			return
		}
		m := tgJoiners[s.next]
		s.next++
		c.tgJoined[m] = at
		j := s.msg(m, at, m.lang, "join", nil)
		j.kind, j.action = "join", "join_group_by_link"
		if r.Float64() < 0.2 && !c.away(at) {
			j.action, j.invited, j.note = "invite_members", []*member{m}, "invited by the owner"
		}
		var hello *cmsg
		if r.Float64() < 0.75 {
			t := at.Add(time.Duration(5+r.IntN(2*24*60)) * time.Minute)
			if c.inExport(t) {
				hello = s.msg(m, t, m.lang, "hello", []seg{{k: segText, s: firstWords.pick(r, m.lang)}})
				s.posters = append(s.posters, tgPoster{m: m, since: t, w: 1})
			}
		}
		s.planWelcome(j, hello)
	}
}

// planWelcome greets a newcomer, or not, as the deck says.
func (s *tgScene) planWelcome(join, hello *cmsg) {
	c, r := s.c, s.r
	how := s.greet.draw()
	if how == "reply" && hello == nil || join.who.handle == "" {
		// Those without a username are greeted by name (mention_name).
		how = "mention"
	}
	switch how {
	case "none":
	case "batch":
		s.batch = append(s.batch, join)
	case "reply":
		if at := c.replyAt(r, hello.ts, "same-day"); !at.IsZero() {
			g := s.msg(nil, at, hello.lang, "welcome", []seg{{k: segText, s: welcomes.pick(r, hello.lang)}})
			g.parent, g.to, g.tone = hello, hello.who, "positive"
		}
	default:
		speed := "same-day"
		if how == "days9" {
			speed = "days9"
		}
		if at := c.replyAt(r, join.ts, speed); !at.IsZero() {
			g := s.msg(nil, at, join.who.lang, "welcome", fill(greetings.pick(r, join.who.lang), tplCtx{to: join.who}))
			g.to, g.tone = join.who, "positive"
			mentionByName(g.segs)
		}
	}
}

// mentionByName turns mentions of people without a username into
// Telegram's mention_name, which names them and links their id.
func mentionByName(segs []seg) {
	for i := range segs {
		if segs[i].k == segMention && segs[i].m.handle == "" {
			segs[i].s = segs[i].m.first()
		}
	}
}

// welcomeRound greets, on Fridays, the newcomers of the week in one message.
func (s *tgScene) welcomeRound(d int) {
	c := s.c
	at := c.day(d).Add(17*time.Hour - offsetOf(c.cfg.TZ, c.day(d)))
	if len(s.batch) == 0 || c.away(at) || !c.inExport(at) {
		return
	}
	var due []*cmsg
	var rest []*cmsg
	for _, j := range s.batch {
		if j.ts.Before(at) {
			due = append(due, j)
		} else {
			rest = append(rest, j)
		}
	}
	if len(due) == 0 {
		return
	}
	segs := []seg{{k: segText, s: "Bienvenue à "}}
	for i, j := range due {
		if i > 0 && i == len(due)-1 {
			segs = append(segs, seg{k: segText, s: " et "})
		} else if i > 0 {
			segs = append(segs, seg{k: segText, s: ", "})
		}
		segs = append(segs, seg{k: segMention, s: "@" + j.who.handle, m: j.who})
	}
	joined := " qui nous ont rejoints cette semaine ! Le guide : "
	if len(due) == 1 {
		joined = " qui nous a rejoints cette semaine ! Le guide : "
	}
	segs = append(segs, seg{k: segText, s: joined},
		seg{k: segNamed, s: "guide de la communauté", url: "https://" + c.cfg.Host + "/guide-de-la-communaute/"})
	mentionByName(segs)
	g := s.msg(nil, at, "fr", "welcome", segs)
	g.tone, g.note = "positive", "weekly round of welcomes"
	s.batch = rest
}

func offsetOf(loc *time.Location, t time.Time) time.Duration {
	_, off := t.In(loc).Zone()
	return time.Duration(off) * time.Second
}

// poster picks who writes at t.
func (s *tgScene) poster(t time.Time, not *member) *member {
	total := 0
	for _, p := range s.posters {
		if p.since.Before(t) && p.m != not {
			total += p.w
		}
	}
	if total == 0 {
		return nil
	}
	n := s.r.IntN(total)
	for _, p := range s.posters {
		if p.since.Before(t) && p.m != not {
			if n -= p.w; n < 0 {
				return p.m
			}
		}
	}
	return nil
}

// chatter is the day's messages of members and the answers they get.
func (s *tgScene) chatter(d int) {
	c, r := s.c, s.r
	wd := c.day(d).Weekday()
	for range poissonR(r, 1.1*weekdayWeights[wd]) {
		at := c.humanTime(r, d)
		who := s.poster(at, nil)
		if who == nil || !c.inExport(at) {
			continue
		}
		m := s.msg(who, at, who.lang, "", nil)
		s.say(m, s.labels.draw())
		s.dress(m)
		s.respond(m)
	}
}

// say gives m its words.
func (s *tgScene) say(m *cmsg, label string) {
	r, lang := s.r, m.lang
	m.label = label
	text := ""
	switch label {
	case "question":
		m.question = true
		if p := s.recentPost(m.ts); p != nil && r.IntN(2) == 0 {
			text = tagQuestions[p.tags[0]].pick(r, lang)
			m.post = p
		} else {
			text = chatQuestions.pick(r, lang)
		}
		m.asked = text
	case "complaint":
		text, m.tone, m.complaint = complaints.pick(r, lang), "negative", true
		m.question, m.asked = asks(text), text
	case "chat":
		text = chat.pick(r, lang)
	case "praise":
		text, m.tone = praise.pick(r, lang), "positive"
	case "neutral":
		text = neutral.pick(r, lang)
	case "link":
		m.segs = fill(linkShares.pick(r, lang), tplCtx{url: externalReads[r.IntN(len(externalReads))]})
		return
	case "trap":
		tr := trapFor(lang, int(m.ts.Unix()))
		text, m.note = tr.text, tr.note
	}
	m.segs = []seg{{k: segText, s: text}}
}

// recentPost is a post published in the fortnight before t.
func (s *tgScene) recentPost(t time.Time) *blogPost {
	var p *blogPost
	for _, q := range s.c.posts {
		if q.pub.Before(t) && t.Sub(q.pub) < 14*24*time.Hour {
			p = q
		}
	}
	return p
}

// dress makes some messages stickers, photos or edited ones, as a real
// group's are.
func (s *tgScene) dress(m *cmsg) {
	r := s.r
	switch u := r.Float64(); {
	case u < 0.03 && m.label == "chat":
		m.media, m.segs, m.note = "sticker", nil, "a sticker: no text"
	case u < 0.05 && m.label == "chat":
		m.media = "photo"
	case u < 0.12:
		m.edited = m.ts.Add(time.Duration(2+r.IntN(28)) * time.Minute)
	}
}

// respond makes the answers a member's message gets.
func (s *tgScene) respond(m *cmsg) {
	r := s.r
	switch m.label {
	case "question":
		speed := s.speeds.draw()
		if speed == "member" {
			s.memberReply(m, readerAnswers.pick(r, m.lang), "reader-answer")
			return
		}
		text := answerTo(r, m.asked, m.lang)
		if speed == "late" {
			text = lateOpeners.pick(r, m.lang) + text
		}
		s.ownReply(m, speed, text, "answer")
	case "complaint":
		switch how := s.fixes.draw(); how {
		case "open":
		case "private":
			if g := s.ownReply(m, "fast", toPrivate.pick(r, m.lang), "private"); g != nil {
				g.private = true
			}
		default:
			s.ownReply(m, how, fix(r, m.asked, m.lang), "fix")
		}
	case "chat", "link", "neutral":
		if r.Float64() < 0.2 {
			s.memberReply(m, chat.pick(r, m.lang), "chat")
		} else if r.Float64() < 0.1 {
			s.ownReply(m, "same-day", thanks.pick(r, m.lang), "thanks")
		}
	case "praise":
		if r.Float64() < 0.4 {
			s.ownReply(m, "same-day", thanks.pick(r, m.lang), "thanks")
		}
	}
}

func (s *tgScene) ownReply(m *cmsg, speed, text, label string) *cmsg {
	at := s.c.replyAt(s.r, m.ts, speed)
	if at.IsZero() {
		return nil
	}
	g := s.msg(nil, at, m.lang, label, []seg{{k: segText, s: text}})
	g.parent, g.to = m, m.who
	if label == "thanks" {
		g.tone = "positive"
	}
	return g
}

func (s *tgScene) memberReply(m *cmsg, text, label string) {
	at := m.ts.Add(time.Duration(2+s.r.IntN(90)) * time.Minute)
	who := s.poster(at, m.who)
	if who == nil || !s.c.inExport(at) {
		return
	}
	g := s.msg(who, at, who.lang, label, []seg{{k: segText, s: text}})
	g.parent, g.to = m, m.who
	if label == "reader-answer" {
		g.note = "a member's answer: not an own one"
	}
}

// announce posts the day's new blog post in the group, sometimes pinned.
func (s *tgScene) announce(d int) {
	c, r := s.c, s.r
	for _, p := range c.posts {
		if c.dayOf(p.pub) != d || c.away(p.pub) {
			continue
		}
		at := p.pub.Add(time.Duration(25+r.IntN(45)) * time.Minute)
		if !c.inExport(at) {
			continue
		}
		lang := []string{"en", "fr"}[r.IntN(2)]
		segs := fill(announces.pick(r, lang), tplCtx{title: p.title, url: p.url, tag: hashtagOf(p), topic: topicOf(p, lang)})
		if r.IntN(2) == 0 {
			namedLinks(segs, p.title)
		}
		a := s.msg(nil, at, lang, "announce", segs)
		a.post = p
		if r.Float64() < 0.4 {
			pin := s.msg(nil, at.Add(time.Duration(1+r.IntN(3))*time.Minute), "", "pin", nil)
			pin.kind, pin.action, pin.parent = "service", "pin_message", a
		}
	}
}

// namedLinks writes a post's link under its title, as Telegram's text
// links do, dropping the title written before it.
func namedLinks(segs []seg, title string) {
	for i := range segs {
		if segs[i].k == segLink {
			segs[i].k, segs[i].s = segNamed, title
			if i > 0 && segs[i-1].k == segText {
				segs[i-1].s = strings.Replace(segs[i-1].s, title+" ", "", 1)
				segs[i-1].s = strings.Replace(segs[i-1].s, title+". ", "", 1)
			}
		}
	}
}

func hashtagOf(p *blogPost) string {
	switch t := p.tags[0]; t {
	case "go":
		return "golang"
	case "web":
		return "webdev"
	case "data":
		return "dataengineering"
	case "notes":
		return "selfhosting"
	default:
		return t
	}
}

func topicOf(p *blogPost, lang string) string {
	t := topics[p.tags[0]]
	if lang == "fr" {
		return t[1]
	}
	return t[0]
}

// specials are the group's days out of the ordinary: a forwarded post, a
// spammer, the log's peaks and outage, complaints in the demo's report
// period, a question to the members.
func (s *tgScene) specials(d int) {
	switch d {
	case 10:
		if who := s.poster(s.local(d, 9, 12), nil); who != nil {
			f := s.msg(who, s.local(d, 9, 12), "en", "link", []seg{{k: segText, s: "Go 1.25 RC 1 is out, with the new encoding/json/v2 experiment. "},
				{k: segLink, s: "https://go.dev/doc/go1.25", url: "https://go.dev/doc/go1.25"}})
			f.forwarded, f.note = "Go Weekly", "forwarded from a channel"
		}
	case 33:
		s.spammer(d)
	case hnDay:
		s.hackerNews(d)
	case outageDay:
		s.outage(d)
	case redditDay:
		if p := s.c.postBySlug(spikes[2].slug); p != nil {
			a := s.msg(nil, s.local(d, 15, 40), "en", "spike", fill("Hello to everyone coming from r/golang! The post: {url}", tplCtx{url: p.url}))
			a.post = p
		}
	case 68, 78:
		s.periodComplaint(d)
	case 70:
		s.askMembers(d)
	}
}

// local is h:m on day d in the blog's zone.
func (s *tgScene) local(d, h, m int) time.Time {
	c := s.c
	return c.day(d).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute - offsetOf(c.cfg.TZ, c.day(d)))
}

// spammer joins by the link at night, spams, and is banned in the morning.
func (s *tgScene) spammer(d int) {
	spammer := spammers[2]
	j := s.msg(spammer, s.local(d, 3, 12), "en", "join", nil)
	j.kind, j.action = "join", "join_group_by_link"
	sp := s.msg(spammer, s.local(d, 3, 15), "en", "spam", []seg{{k: segText, s: spam[2]}})
	sp.note = "spam: the owner bans the account"
	mod := s.msg(nil, s.local(d, 8, 40), "fr", "moderation", []seg{{k: segText, s: "Spam supprimé, compte banni. Merci de me signaler ce genre de message."}})
	mod.parent, mod.to = sp, spammer
}

// hackerNews is the owner's message on the day of the log's first spike,
// and the members' cheers.
func (s *tgScene) hackerNews(d int) {
	p := s.c.postBySlug(spikes[0].slug)
	if p == nil {
		return
	}
	a := s.msg(nil, s.local(d, 16, 5), "fr", "spike", fill("Le billet sur DuckDB est en tête de Hacker News 🎉 {url}", tplCtx{url: p.url}))
	a.post = p
	for k := range 2 {
		at := s.local(d, 16, 20+25*k)
		if who := s.poster(at, nil); who != nil {
			m := s.msg(who, at, who.lang, "praise", []seg{{k: segText, s: praise.pick(s.r, who.lang)}})
			m.tone, m.parent, m.post = "positive", a, p
		}
	}
}

// outage is the day the blog is down (Dips): members complain during the
// outage (10:05 to 12:20 UTC) and are answered within minutes.
func (s *tgScene) outage(d int) {
	for k, at := range []time.Time{s.local(d, 12, 26), s.local(d, 12, 48)} {
		who := s.poster(at, nil)
		if who == nil {
			continue
		}
		m := s.msg(who, at, who.lang, "complaint", []seg{{k: segText, s: outageComplaints.pick(s.r, who.lang)}})
		m.complaint, m.tone, m.note = true, "negative", "the blog's outage (Dips)"
		m.question = asks(plain(m.segs))
		text := []string{"Oui, souci de DNS chez l'hébergeur, on est dessus.", "On a vu, c'est en cours de réparation. Désolée !"}[k]
		g := s.msg(nil, at.Add(time.Duration(6+k*9)*time.Minute), "fr", "fix", []seg{{k: segText, s: text}})
		g.parent, g.to = m, who
	}
	s.msg(nil, s.local(d, 14, 31), "fr", "outage", []seg{{k: segText, s: "C'est reparti ! Désolée pour la coupure, le compte rendu suivra sur le blog."}})
}

// periodComplaint is a complaint in the demo's report period: on day 68
// taken to private messages, on day 78 left open.
func (s *tgScene) periodComplaint(d int) {
	at := s.local(d, 10, 14)
	who := s.poster(at, nil)
	if who == nil || !s.c.inExport(at) {
		return
	}
	text := complaints.pick(s.r, who.lang)
	m := s.msg(who, at, who.lang, "complaint", []seg{{k: segText, s: text}})
	m.complaint, m.tone, m.asked = true, "negative", text
	m.question = asks(text)
	if d != 68 {
		m.note = "left open"
		return
	}
	if g := s.ownReply(m, "fast", toPrivate.pick(s.r, m.lang), "private"); g != nil {
		g.private = true
	}
}

// askMembers is the owner asking the group what it misses, and three
// answers.
func (s *tgScene) askMembers(d int) {
	ask := s.msg(nil, s.local(d, 18, 2), "fr", "feedback", []seg{{k: segText, s: "Petite question : qu'est-ce qui vous manque dans le groupe ? Des ateliers, des lives, autre chose ?"}})
	ask.question = true
	for k, text := range []string{"Des lives, clairement.", "Plus d'exemples de code, ce serait top.", "A monthly Q&A would be great."} {
		at := s.local(d, 18, 30+41*k)
		if who := s.poster(at, nil); who != nil && s.c.inExport(at) {
			m := s.msg(who, at, []string{"fr", "fr", "en"}[k], "neutral", []seg{{k: segText, s: text}})
			m.parent = ask
		}
	}
}
