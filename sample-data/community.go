package sampledata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// The demo blog's community: the exports a community manager would
// download for the blog of WriteLog and Generate, made up but shaped like
// real ones, and tied to the web traffic (the posts they announce are the
// log's posts, at the log's URLs, on the log's days; the day the log's
// traffic peaks, the own accounts post about the post that peaks).
//
// WriteCommunity writes four exports into a folder:
//
//   - an X archive (twitter-<date>-<hash>.zip: data/manifest.js,
//     account.js, tweets.js, follower.js, direct-messages.js, and like.js
//     and following.js, which no table takes);
//   - a Mastodon archive (archive-<time>-<hash>.tar.gz: outbox.json,
//     actor.json, likes.json, bookmarks.json);
//   - the blog's WordPress export (WXR 1.2, <blog>.WordPress.<date>.xml:
//     its posts, pages and comments);
//   - a Telegram Desktop export of the blog's group
//     (ChatExport_<date>/result.json).
//
// CommunityFacts returns what the files hold, message by message, with
// what each message is (question, complaint, praise, ...) and what the
// SPEC's rules make of it (answered when, by which own message; which
// newcomers were greeted within 7 days), so that the numbers of the
// report's community pages can be checked by hand; testdata/community_*
// hold the same for the default Config, and README.md says what is in
// them.

// Days of the scenario, counted from Config.Start like Spikes and Dips.
const (
	// silenceFrom and silenceTo bound the own accounts' holiday: no own
	// post, reply or message on days silenceFrom..silenceTo-1; what came in
	// meanwhile is answered from silenceTo, late. The post the blog
	// publishes meanwhile (day 53) is announced nowhere.
	silenceFrom = 47
	silenceTo   = 60
	// conferenceDay is a day of over-posting: six own posts on X within an
	// hour from a conference.
	conferenceDay = 66
	// tgFrom is where the Telegram export starts: Telegram Desktop
	// exports a date range, here from three weeks before the log.
	tgFrom = -21
	// blogFrom is the first day with comments in the WXR: the blog's
	// regulars commented on the back catalogue before the log starts.
	blogFrom = -90
)

// cmsg is one message of the community, on any platform, with what the
// scenario made it.
type cmsg struct {
	platform string // x, mastodon, blog, telegram
	file     string // the export holding it: x, x-dm, mastodon, wxr, telegram
	id       string // assigned once the platform's messages are in order
	thread   string
	parent   *cmsg // the message it replies to, when in the exports
	// parentID and parentTS are the post replied to or reposted when it is
	// not in the exports (X and Mastodon posts of others).
	parentID  string
	parentTS  time.Time
	to        *member // the person replied to or written to
	who       *member // the author; nil for the own account
	by        string  // the own author: camille or jo
	loggedOut bool    // blog: an own comment without comment_user_id
	ts        time.Time
	segs      []seg
	asked     string // a question as asked, before any opener
	lang      string // what it is written in
	kind      string // as the readers name it: comment, reply, message, join, dm, post, repost, ...
	label     string // question, complaint, praise, neutral, chat, link, spam, trap, join, ...
	question  bool
	complaint bool
	tone      string // positive, neutral, negative
	status    string // approved, pending, spam, trash
	private   bool   // an own reply that moves to private
	hardSell  bool
	note      string

	post       *blogPost // blog: the post commented; elsewhere: the post linked
	ctype      string    // blog: pingback, trackback or ""
	noGMT      bool      // blog: comment_date_gmt lost (0000-00-00 00:00:00)
	authorURL  string    // blog: the commenter's or pinging site
	visibility string    // mastodon: public, unlisted, followers, direct
	edited     time.Time
	summary    string    // mastodon: content warning
	action     string    // telegram service action
	invited    []*member // telegram invite_members
	media      string    // telegram: photo or sticker
	forwarded  string    // telegram: forwarded from
	likes      int
	reposts    int
	xLang      string // X's lang when not the language (und, zxx)
	source     string // X client
	seq        int    // creation order, to sort equal times stably
}

// blogPost is a post of the blog, as the log serves it.
type blogPost struct {
	i     int // in posts
	slug  string
	title string
	wpID  int
	url   string
	pub   time.Time
	mod   time.Time
	tags  []string
}

// community is the whole scenario, made once from a Config.
type community struct {
	cfg    Config
	start  time.Time
	export time.Time // when every export was made
	posts  []*blogPost
	hours  table // UTC hour weights following the readers' local day
	msgs   []*cmsg
	// followers of the own X account and likes of the archive, which are
	// records but no messages.
	xFollowers []*member
	xLikes     []xLike
	tgJoined   map[*member]time.Time
	dmPlans    []dmPlan // DM conversations that public replies start
	seq        int
}

type xLike struct {
	id   uint64
	text string // "" for a like whose text the archive lost
}

func newCommunity(cfg Config) (*community, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &community{cfg: cfg, start: cfg.Start, tgJoined: map[*member]time.Time{}}
	// The exports are made the morning after the log's last day.
	c.export = cfg.Start.AddDate(0, 0, cfg.Days).Add(5*time.Hour + 12*time.Minute)
	c.setPosts()
	c.setHours()
	// Each platform draws from its own stream, so that a change to one
	// leaves the others' files as they were.
	c.blog(c.rng(1))
	c.telegram(c.rng(2))
	c.xPosts(c.rng(3))
	c.xDMs(c.rng(4))
	c.xRecords(c.rng(5))
	c.mastodon(c.rng(6))
	c.order()
	return c, nil
}

// dice is a scenario's random stream, with what its pools drew lately.
type dice struct {
	*rand.Rand
	recent map[*pool][]string
}

func (c *community) rng(stream uint64) *dice {
	return &dice{Rand: rand.New(rand.NewPCG(c.cfg.Seed, 0xc0ffee00+stream)), recent: map[*pool][]string{}}
}

// setPosts lays out the blog's posts as the log's generator does: the same
// publish times and paths. Posts published after the exports are left out.
func (c *community) setPosts() {
	id := 14
	for i, p := range posts {
		pub := c.start.Add(time.Duration(p.offset)*24*time.Hour + publishHour*time.Hour)
		id += 5 + int(mix(0x3b1, uint64(i))%7) // revisions and media take ids too
		if !pub.Before(c.export) {
			continue
		}
		bp := &blogPost{
			i: i, slug: p.slug, title: titles[p.slug], wpID: id, pub: pub, tags: p.tags,
			url: "https://" + c.cfg.Host + "/blog/" + strconv.Itoa(pub.Year()) + "/" + twoDigits(int(pub.Month())) + "/" + p.slug + "/",
		}
		// Most posts are touched up a little after they go out.
		bp.mod = pub.Add(time.Duration(mix(0x30d, uint64(i))%(72*3600)) * time.Second)
		if bp.mod.After(c.export) {
			bp.mod = pub
		}
		c.posts = append(c.posts, bp)
	}
}

func (c *community) setHours() {
	_, off := c.start.Add(12 * time.Hour).In(c.cfg.TZ).Zone()
	var hw [24]float64
	for h := range 24 {
		local := (h*3600 + off) / 3600
		hw[h] = hourWeights[((local%24)+24)%24]
	}
	c.hours = newTable(hw[:])
}

// xid is a person's X account id, from their name and handle so that it
// does not depend on the order of draws: an account from before 2013, or a
// snowflake of 2014 to 2025. Followers known only by id carry it.
func (m *member) xid() uint64 {
	if m.xID != 0 {
		return m.xID
	}
	h := hashString(m.name + "\x00" + m.handle)
	if h%3 == 0 {
		return 100000000 + h%3000000000
	}
	return snowflake(int64(1390000000000+h%(1735000000000-1390000000000)), h)
}

// tgid is a person's Telegram user id.
func (m *member) tgid() int64 {
	return 100000000 + int64(hashString(m.name+"\x00"+m.handle)%7000000000)
}

// order sorts each platform's messages by time and numbers those whose ids
// count up (blog comments, Telegram messages); X and Mastodon ids come
// from the time itself.
func (c *community) order() {
	slices.SortStableFunc(c.msgs, func(a, b *cmsg) int {
		if a.ts.Equal(b.ts) {
			return a.seq - b.seq
		}
		return a.ts.Compare(b.ts)
	})
	blogID, tgID := 2, 1204
	for _, m := range c.msgs {
		switch m.file {
		case "wxr":
			blogID += 1 + int(mix(0xb10, uint64(blogID))%3)
			m.id = strconv.Itoa(blogID)
		case "telegram":
			tgID++
			if mix(0x7e1, uint64(tgID))%17 == 0 {
				tgID++ // a message deleted before the export
			}
			m.id = strconv.Itoa(tgID)
		}
	}
}

// add records a message.
func (c *community) add(m *cmsg) *cmsg {
	c.seq++
	m.seq = c.seq
	if m.tone == "" {
		m.tone = "neutral"
	}
	if m.status == "" {
		m.status = "approved"
	}
	c.msgs = append(c.msgs, m)
	return m
}

// day returns the start of day d (UTC).
func (c *community) day(d int) time.Time { return c.start.AddDate(0, 0, d) }

// humanTime draws a moment of day d when people are awake in the blog's
// zone.
func (c *community) humanTime(r *dice, d int) time.Time {
	h := c.hours.at(r.Float64())
	return c.day(d).Add(time.Duration(h)*time.Hour + time.Duration(r.Int64N(3600))*time.Second)
}

// dayOf is the day t falls on, counted from Start.
func (c *community) dayOf(t time.Time) int {
	return int(math.Floor(t.Sub(c.start).Hours() / 24))
}

// away reports whether the own accounts are on holiday at t.
func (c *community) away(t time.Time) bool {
	d := c.dayOf(t)
	return d >= silenceFrom && d < silenceTo
}

// inExport reports whether t is before the exports were made (with a
// margin, as an export takes a while).
func (c *community) inExport(t time.Time) bool { return t.Before(c.export.Add(-10 * time.Minute)) }

// replyDelay draws how long the own account takes to answer: fast is
// within the hour, same-day within ten hours, late two to six days. A
// reply that would fall in the holiday waits for the return, and one that
// would fall after the export is not there: zero.
func (c *community) replyAt(r *dice, t time.Time, speed string) time.Time {
	var at time.Time
	switch speed {
	case "fast":
		at = t.Add(time.Duration(3+r.IntN(52)) * time.Minute)
	case "same-day":
		at = t.Add(time.Duration(90+r.IntN(510)) * time.Minute)
	case "late":
		at = t.Add(time.Duration(2*24*60+r.IntN(4*24*60)) * time.Minute)
	case "days9":
		at = t.Add(9*24*time.Hour + time.Duration(r.IntN(300))*time.Minute)
	default:
		return time.Time{}
	}
	if c.away(at) {
		at = c.day(silenceTo).Add(time.Duration(14*60+r.IntN(6*60)) * time.Minute)
	}
	if !c.inExport(at) {
		return time.Time{}
	}
	return at
}

// deck deals its cards in a shuffled order, all before any again, so that
// a scenario gets each outcome in the proportions the deck holds.
type deck struct {
	cards []string
	left  []string
	r     *dice
}

func newDeck(r *dice, cards ...string) *deck { return &deck{cards: cards, r: r} }

func (d *deck) draw() string {
	if len(d.left) == 0 {
		d.left = slices.Clone(d.cards)
		d.r.Shuffle(len(d.left), func(i, j int) { d.left[i], d.left[j] = d.left[j], d.left[i] })
	}
	x := d.left[0]
	d.left = d.left[1:]
	return x
}

func poissonR(r *dice, mean float64) int {
	if mean <= 0 {
		return 0
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// snowflake is an X id for a moment: milliseconds since X's epoch above
// 22 bits of machine and sequence.
func snowflake(ms int64, h uint64) uint64 {
	return uint64(ms-1288834974657)<<22 | h&0x3fffff
}

// mastodonID is a Mastodon status id for a moment: milliseconds above 16
// random bits.
func mastodonID(ms int64, h uint64) uint64 { return uint64(ms)<<16 | h&0xffff }

func hashString(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return mix(h, 0x51)
}

// WriteCommunity writes the community's exports for cfg into dir (made if
// need be) and returns their paths: the X archive, the Mastodon archive,
// the WXR file and the Telegram result.json. The same cfg gives the same
// bytes; each file's modification time is the export's time.
func WriteCommunity(dir string, cfg Config) ([]string, error) {
	c, err := newCommunity(cfg)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	date := c.export.Format("2006-01-02")
	tag := fmt.Sprintf("%016x", mix(c.cfg.Seed, uint64(c.export.Unix())))
	files := []struct {
		name  string
		write func() ([]byte, error)
	}{
		{"twitter-" + date + "-" + tag[:12] + ".zip", c.xArchive},
		{"archive-" + c.export.Format("20060102150405") + "-" + tag[:12] + ".tar.gz", c.mastodonArchive},
		{"exampleorgblog.WordPress." + date + ".xml", func() ([]byte, error) { return c.wxr(), nil }},
		{filepath.Join("ChatExport_"+date, "result.json"), func() ([]byte, error) { return c.telegramJSON(), nil }},
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		data, err := f.write()
		if err == nil {
			err = writeFileAt(p, data, c.export)
		}
		if err != nil {
			return paths, fmt.Errorf("writing %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// writeFileAt writes data to p, making p's folder, and dates it t.
func writeFileAt(p string, data []byte, t time.Time) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, t, t)
}
