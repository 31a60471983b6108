package sampledata

import (
	"strconv"
	"strings"
	"time"
)

// The own X account's direct messages, followers and likes. DMs hold both
// sides, which is what response times on X are measured on: a question
// answered within the hour, the same day, days later (one over the
// holiday) and never; a refund complaint that a public reply moved here;
// a sponsorship offer, spam, praise; and one conversation the owner starts.

// dmLine is one message of a scripted conversation.
type dmLine struct {
	own   bool
	after time.Duration // after the message before
	label string
	text  string
}

type dmConv struct {
	who   *member
	day   int
	hour  int // UTC
	lang  string
	lines []dmLine
}

func dmConvs() []dmConv {
	m, h := time.Minute, time.Hour
	convs := []dmConv{
		{dmPeople[0], 6, 9, "en", []dmLine{
			{false, 0, "question", "Hi! Quick question: is the DuckDB workshop recorded, or live only?"},
			{true, 25 * m, "answer", "Hi Laura! Live, but everyone who signs up gets the recording the day after."},
			{false, 40 * m, "praise", "Perfect, thanks a lot!"}}},
		{dmPeople[1], 14, 7, "fr", []dmLine{
			{false, 0, "question", "Bonjour, est-ce que l'atelier de septembre sera aussi en français ?"},
			{true, 5*h + 10*m, "answer", "Bonjour Pierre ! Il sera en anglais, mais les supports existent en français."}}},
		{dmPeople[2], 22, 13, "en", []dmLine{
			{false, 0, "question", "Hello, we'd love to sponsor a post on the blog. Who should we talk to?"},
			{true, 3*24*h + 2*h, "answer", "Hi, thanks for reaching out! I don't do sponsored posts, sorry."}}},
		{dmPeople[3], 27, 2, "en", []dmLine{
			{false, 0, "spam", "Hi dear 👋 I can grow your account to 10k followers in a week, cheap price, interested?"}}},
		{dmPeople[4], 48, 16, "en", []dmLine{
			{false, 0, "question", "Hey, loved the analytics post. Do you have the Grafana dashboard JSON somewhere?"},
			{true, 2 * h, "answer", "Sorry for the slow reply, I was away! Here it is: https://gist.github.com/exampleorgblog/4f1c2e"}}},
		{dmPeople[5], 63, 8, "fr", []dmLine{
			{false, 0, "complaint", "Bonjour, toujours pas reçu la facture de l'atelier, c'est normal ?"},
			{true, 3*24*h + 1*h, "fix", "Bonjour Sophie, désolée pour le délai ! Je vous l'envoie par mail aujourd'hui."}}},
		{dmPeople[6], 72, 15, "en", []dmLine{
			{false, 0, "question", "Is there a discount for students for the workshop?"},
			{true, 12 * m, "answer", "Yes! 50% off with a student card, I'll send you the code."},
			{true, 4 * m, "answer", "Here it is: STUDENT50"}}},
		{dmPeople[9], 80, 10, "en", []dmLine{
			{true, 0, "invite", "Hi Nina! Would you like to give a guest talk at the September workshop?"},
			{false, 27 * h, "question", "Hi Camille, I'd love to! Which date did you have in mind?"},
			{true, 40 * m, "answer", "Great! The 18th, at 14:00 CEST."},
			{false, 2 * h, "praise", "Perfect, see you then!"}}},
		{dmPeople[7], 95, 11, "fr", []dmLine{
			{false, 0, "praise", "Merci pour le billet sur les percentiles, il m'a sauvé la mise au boulot !"},
			{true, 7 * h, "thanks", "Merci Hélène, ça fait plaisir !"}}},
		{dmPeople[10], 101, 18, "fr", []dmLine{
			{false, 0, "complaint", "Salut ! Le lien vers les slides du meetup ne fonctionne pas."},
			{true, 30 * m, "fix", "Salut Baptiste, merci ! C'est réparé : https://blog.example.org/talks/"}}},
		{dmPeople[8], 116, 9, "en", []dmLine{
			{false, 0, "question", "Can I translate one of your posts into Spanish for my blog?"}}},
	}
	return convs
}

// refundConv is the conversation a public "send us a DM" starts.
func refundConv(who *member) dmConv {
	m, h := time.Minute, time.Hour
	return dmConv{who: who, lang: "en", lines: []dmLine{
		{false, 0, "complaint", "Hi, here is my order number: WS-2025-0613. I paid for the June workshop and still no refund."},
		{true, 20 * m, "answer", "Thanks! I can see it: the refund failed because the card had expired. Can you e-mail me a new card or an IBAN?"},
		{false, 1 * h, "neutral", "Sent by e-mail just now."},
		{true, 2 * h, "fix", "Got it, refund done. Sorry again for the wait!"},
		{false, 30 * m, "praise", "Received, thank you!"}}}
}

// ownXID is the own X account's id.
func ownXID() uint64 { return snowflake(ownXCreatedMs, 0x2a51) }

// dmConversationID is X's name for a conversation of two: the two account
// ids, smaller first.
func dmConversationID(a, b uint64) string {
	if a > b {
		a, b = b, a
	}
	return strconv.FormatUint(a, 10) + "-" + strconv.FormatUint(b, 10)
}

func (c *community) xDMs(r *dice) {
	for _, cv := range dmConvs() {
		if cv.day < c.cfg.Days {
			c.dmConversation(r, cv, c.day(cv.day).Add(time.Duration(cv.hour)*time.Hour+time.Duration(r.IntN(50))*time.Minute))
		}
	}
	for _, p := range c.dmPlans {
		c.dmConversation(r, refundConv(p.who), p.at)
	}
}

// dmConversation adds the messages of cv from t, as far as the export
// reaches; an own answer due in the holiday waits for the return.
func (c *community) dmConversation(r *dice, cv dmConv, t time.Time) {
	conv := dmConversationID(ownXID(), cv.who.xid())
	for _, l := range cv.lines {
		t = t.Add(l.after + time.Duration(r.IntN(90))*time.Second)
		if l.own && c.away(t) {
			t = c.day(silenceTo).Add(time.Duration(9*60+r.IntN(120)) * time.Minute)
		}
		if !c.inExport(t) {
			return
		}
		m := &cmsg{platform: "x", file: "x-dm", thread: conv, to: cv.who, ts: t, lang: cv.lang, kind: "dm",
			label: l.label, segs: dmSegs(l.text)}
		if l.own {
			m.by = "camille"
		} else {
			m.who = cv.who
		}
		c.dmLabels(m)
		c.add(m)
		m.id = strconv.FormatUint(snowflake(t.UnixMilli(), mix(0xd3, uint64(m.seq))), 10)
	}
}

// dmLabels sets what a DM's label implies.
func (c *community) dmLabels(m *cmsg) {
	switch m.label {
	case "question":
		m.question = true
	case "complaint":
		m.complaint, m.tone = true, "negative"
		m.question = asks(plain(m.segs))
	case "praise", "thanks":
		m.tone = "positive"
	}
}

// dmSegs splits a DM's text at its link, which X lists in the message's
// urls.
func dmSegs(text string) []seg {
	i := strings.Index(text, "https://")
	if i < 0 {
		return []seg{{k: segText, s: text}}
	}
	j := strings.IndexAny(text[i:], " \n")
	if j < 0 {
		j = len(text) - i
	}
	u := text[i : i+j]
	segs := []seg{{k: segText, s: text[:i]}, {k: segLink, s: u, url: u}}
	if rest := text[i+j:]; rest != "" {
		segs = append(segs, seg{k: segText, s: rest})
	}
	if segs[0].s == "" {
		segs = segs[1:]
	}
	return segs
}

// xRecords are the archive's followers and likes: the people the account
// talks with follow it, and so do others it never hears from.
func (c *community) xRecords(r *dice) {
	var fs []*member
	for _, m := range xPeople {
		if m.handle != "golang_news" && m.handle != "duckdbweekly" {
			fs = append(fs, m)
		}
	}
	fs = append(fs, dmPeople...)
	for k := range 58 {
		h := mix(c.cfg.Seed^0xf011, uint64(k))
		id := 100000000 + h%3000000000
		if h%5 > 1 {
			id = snowflake(1420000000000+int64(h%uint64(c.export.UnixMilli()-1420000000000)), h)
		}
		fs = append(fs, &member{xID: id})
	}
	r.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
	c.xFollowers = fs
	for k := range 32 {
		ms := c.export.Add(-time.Duration(r.IntN(200*24)) * time.Hour).UnixMilli()
		l := xLike{id: snowflake(ms, mix(0x11ce, uint64(k)))}
		if k%11 != 5 {
			l.text = retweeted[r.IntN(len(retweeted))].s
			if k%3 == 0 {
				l.text = praise.pick(r, "en") + "\n\nhttps://t.co/" + base62(mix(0x7c0, uint64(k)), 10)
			}
		}
		c.xLikes = append(c.xLikes, l)
	}
}
