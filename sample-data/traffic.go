package sampledata

import (
	"math"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Spikes are the days, counted from Config.Start, on which visits jump. On
// day 40 a post published two days before reaches the Hacker News front page
// in the afternoon (UTC): about four times the usual visitors, two thirds of
// them from news.ycombinator.com, most reading only that post, with a small
// tail on day 41. On day 75 a post published the day before is shared on
// Reddit's r/golang: about three and a half times the usual visitors. Tests
// of reports read this to check that the peaks are found; the generator does
// not, so changing it changes nothing but those tests.
var Spikes = []int{hnDay, redditDay}

// Dips are the days, counted from Config.Start, on which visits fall. On day
// 60 a DNS fault keeps most readers away (about a fifth of the usual
// visitors; with the bots that keep coming, about a third of the usual
// lines) and the backend fails for two hours in the middle of the day (UTC
// 10:05 to 12:20): nginx answers 502, then 503 while the owner puts up a
// maintenance page, to every request, bots and monitoring included. As with
// Spikes, the generator does not read it.
var Dips = []int{outageDay}

const (
	hnDay     = 40
	redditDay = 75
	outageDay = 60

	dayMs  = 24 * 60 * 60 * 1000
	hourMs = 60 * 60 * 1000
	minMs  = 60 * 1000

	// sessionsPerDay is the number of visits on an ordinary weekday at
	// Scale 1; with assets and bots it gives about 3,000 lines.
	sessionsPerDay = 300
	// loyalPool is the number of regular readers at Scale 1. Each comes
	// back on some days with the same address and browser.
	loyalPool = 1200

	publishHour = 7 // UTC hour at which a post goes live on its day

	notFoundSize = 4102 // the site's 404.html
	redirectSize = 169  // nginx's 301 page
	robotsSize   = 112
)

// Local-time hour weights: readers sleep at night and read at work.
var hourWeights = [24]float64{
	0.30, 0.20, 0.14, 0.11, 0.11, 0.16, 0.30, 0.55, 0.85, 1.00, 1.05, 1.05,
	0.95, 1.00, 1.05, 1.05, 1.00, 0.90, 0.80, 0.80, 0.85, 0.80, 0.65, 0.45,
}

// Weekday weights, Sunday first: fewer people read blogs at the weekend.
var weekdayWeights = [7]float64{0.74, 0.96, 1.06, 1.05, 1.00, 0.88, 0.70}

// spike is a burst of visits to one post from one place.
type spike struct {
	day   int
	slug  string
	extra float64 // extra visits, in ordinary days' worth
	from  float64 // UTC hour the link goes up
	tau   float64 // hours over which interest decays
	refs  []weighted
}

var hnRefs = []weighted{
	{"https://news.ycombinator.com/", 40},
	{"https://news.ycombinator.com/item?id=44571830", 35},
	{"https://news.ycombinator.com/news", 8},
	{"https://news.ycombinator.com/best", 2},
	{"-", 15},
}

var redditRefs = []weighted{
	{"https://www.reddit.com/r/golang/comments/1mqd7xz/writing_a_log_parser_in_go/", 52},
	{"https://old.reddit.com/r/golang/comments/1mqd7xz/writing_a_log_parser_in_go/", 12},
	{"https://www.reddit.com/", 16},
	{"-", 20},
}

var spikes = []spike{
	{hnDay, "i-replaced-our-analytics-stack-with-duckdb", 3.2, 14, 3.5, hnRefs},
	{hnDay + 1, "i-replaced-our-analytics-stack-with-duckdb", 0.12, 0, 5, hnRefs},
	{redditDay, "writing-a-log-parser-in-go", 2.3, 13, 5, redditRefs},
}

// hit is one request, kept until the day is sorted and written.
type hit struct {
	ms     int64 // Unix milliseconds
	ip     string
	method string
	path   string
	proto  string
	ref    string
	ua     string
	status int16
	size   int32 // -1 is written as "-"
}

type asset struct {
	path string
	size int32
}

// page is something a reader can look at.
type page struct {
	path, url string // url is what the browser sends as referrer from it
	size      int32
	post      int   // index into posts, or -1
	publish   int64 // Unix ms from which it exists; 0 for always
	shared    []asset
	images    []asset
}

// table picks an index with probability proportional to its weight.
type table []float64 // cumulative weights

func newTable(w []float64) table {
	t := make(table, len(w))
	return t.set(w)
}

func (t table) set(w []float64) table {
	sum := 0.0
	for i, x := range w {
		sum += x
		t[i] = sum
	}
	return t
}

// at maps u in [0,1) to the first index whose cumulative weight exceeds
// u times the total, so zero-weight entries are never picked.
func (t table) at(u float64) int {
	x := u * t[len(t)-1]
	lo, hi := 0, len(t)-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func weightsOf(ws []weighted) []float64 {
	w := make([]float64, len(ws))
	for i, x := range ws {
		w[i] = x.w
	}
	return w
}

// generator makes the hits of one day at a time. Everything a day needs
// comes from the seed and the day's number, so days can be made in any
// order and again with the same result; regular readers keep their address
// and browser because those come from a hash of their number, not from
// state carried between days.
type generator struct {
	cfg     Config
	startMs int64

	pages    []page
	home     *page
	about    *page
	page2    *page
	tagPages []*page
	postPage []*page
	terms    [][]string // search terms per post, query-encoded
	homeQ    []string
	linkPost []int // externalLinks[i] points at posts[linkPost[i]]
	favicon  asset
	avatar   asset   // on every page, so cached after the first
	nf404    []asset // what the 404 page loads

	browsers  table
	engines   table
	externals table
	spikeRefs []table

	src *rand.PCG
	r   *rand.Rand

	// Per-day state, reset by day.
	d         int
	dayStart  int64
	dayEnd    int64
	hours     table
	direct    table // per post: where direct and internal visits go
	search    table // per post: where search visits go
	recent    table // per post: what gets shared and mailed
	postW     []float64
	hits      []hit
	order     []uint64
	sorted    []hit
	outFrom   int64
	outSwitch int64
	outTo     int64
	published int   // posts online today, for the sizes of feed and sitemap
	feedSize  int32 // the feed's size today
}

func newGenerator(cfg Config) *generator {
	g := &generator{cfg: cfg, startMs: cfg.Start.UnixMilli()}
	g.src = rand.NewPCG(cfg.Seed, 0)
	g.r = rand.New(g.src)

	css := asset{"/css/main.3f9a2c.css", 28614}
	js := asset{"/js/main.8b1e4d.js", 41233}
	hl := asset{"/js/highlight.min.js", 121460}
	avatar := asset{"/images/avatar.jpg", 18342}
	g.favicon = asset{"/favicon.ico", 15086}
	g.avatar = avatar
	g.nf404 = []asset{css, js}

	add := func(path string, size int32, post int, publish int64, images []asset) *page {
		g.pages = append(g.pages, page{
			path: path, url: "https://" + cfg.Host + path, size: size,
			post: post, publish: publish, shared: []asset{css, js}, images: images,
		})
		return &g.pages[len(g.pages)-1]
	}
	// Pointers into g.pages must not move, so size it once.
	g.pages = make([]page, 0, 3+len(tags)+len(posts))
	g.home = add("/", 24310, -1, 0, []asset{avatar, {"/images/banner.webp", 96120}})
	g.about = add("/about/", 9204, -1, 0, []asset{avatar, {"/images/portrait.jpg", 142877}})
	g.page2 = add("/blog/page/2/", 20466, -1, 0, []asset{avatar})
	for i, t := range tags {
		g.tagPages = append(g.tagPages, add("/tags/"+t+"/", int32(11000+mix(uint64(i), 1)%7000), -1, 0, []asset{avatar}))
	}
	for i, p := range posts {
		h := mix(0x5eed, uint64(i))
		pub := g.startMs + int64(p.offset)*dayMs + publishHour*hourMs
		d := time.UnixMilli(pub).UTC()
		path := "/blog/" + strconv.Itoa(d.Year()) + "/" + twoDigits(int(d.Month())) + "/" + p.slug + "/"
		imgs := []asset{{"/images/" + p.slug + "/cover.webp", int32(40000 + h%340000)}}
		for k := 1; k < p.images; k++ {
			imgs = append(imgs, asset{"/images/" + p.slug + "/fig-" + strconv.Itoa(k) + ".png", int32(10000 + mix(h, uint64(k))%490000)})
		}
		pg := add(path, int32(14000+h%46000), i, pub, imgs)
		if p.code {
			pg.shared = []asset{css, js, hl}
		}
		g.postPage = append(g.postPage, pg)

		var q []string
		for _, t := range p.terms {
			q = append(q, url.QueryEscape(t))
		}
		g.terms = append(g.terms, q)
	}
	for _, t := range homeTerms {
		g.homeQ = append(g.homeQ, url.QueryEscape(t))
	}
	for _, l := range externalLinks {
		g.linkPost = append(g.linkPost, slices.IndexFunc(posts, func(p post) bool { return p.slug == l.slug }))
	}

	g.browsers = newTable(weightsOf(browsers))
	ew := make([]float64, len(searchEngines))
	for i, e := range searchEngines {
		ew[i] = e.w
	}
	g.engines = newTable(ew)
	lw := make([]float64, len(externalLinks))
	for i, l := range externalLinks {
		lw[i] = l.w
	}
	g.externals = newTable(lw)
	for _, s := range spikes {
		g.spikeRefs = append(g.spikeRefs, newTable(weightsOf(s.refs)))
	}

	g.hours = make(table, 24)
	g.direct = make(table, len(posts))
	g.search = make(table, len(posts))
	g.recent = make(table, len(posts))
	g.postW = make([]float64, len(posts))
	return g
}

// day returns the hits of day d (counted from Start) in time order. The
// slice is reused by the next call.
func (g *generator) day(d int) []hit {
	g.d = d
	g.dayStart = g.startMs + int64(d)*dayMs
	g.dayEnd = g.dayStart + dayMs
	g.src.Seed(g.cfg.Seed, 0x9e3779b97f4a7c15^uint64(d))
	g.hits = g.hits[:0]
	g.prepare()

	// The order of these calls is part of the output: each draws from the
	// day's random stream.
	f := g.humanFactor()
	g.readers(f)
	g.publishBumps()
	g.spikes()
	botF := 1.0
	if d == outageDay {
		botF = 0.3
	}
	g.crawlers(botF)
	g.scanners(botF)
	g.scripts(botF)
	g.uptime()
	g.feeds()

	// Sorting keys rather than hits keeps the sort on 8-byte values; the
	// index in the low bits keeps equal times in the order they were made.
	g.order = g.order[:0]
	for i := range g.hits {
		g.order = append(g.order, uint64(g.hits[i].ms-g.dayStart)<<32|uint64(i))
	}
	slices.Sort(g.order)
	g.sorted = g.sorted[:0]
	for _, k := range g.order {
		g.sorted = append(g.sorted, g.hits[uint32(k)])
	}
	return g.sorted
}

// prepare sets the day's tables: when readers come and what they read.
func (g *generator) prepare() {
	_, off := time.UnixMilli(g.dayStart + 12*hourMs).In(g.cfg.TZ).Zone()
	var hw [24]float64
	for h := range 24 {
		local := (h*3600 + off) / 3600
		hw[h] = hourWeights[((local%24)+24)%24]
	}
	g.hours.set(hw[:])

	g.published = 0
	for i, p := range posts {
		age := float64(g.d - p.offset)
		base := 0.0
		if age >= 0 {
			base = 1 / math.Pow(float64(p.rank), 1.1)
			g.published++
		}
		fresh := 0.0
		if age >= 0 {
			fresh = math.Exp(-age / 3)
		}
		g.postW[i] = base + 0.8*fresh
	}
	g.direct.set(g.postW)
	for i, p := range posts {
		age := float64(g.d - p.offset)
		g.postW[i] = 0
		if age >= 0 {
			// Search engines take a while to rank a new post.
			g.postW[i] = 1 / math.Pow(float64(p.rank), 1.1) * math.Min(1, (age+1)/10)
		}
	}
	g.search.set(g.postW)
	for i, p := range posts {
		age := float64(g.d - p.offset)
		g.postW[i] = 0
		if age >= 0 {
			g.postW[i] = 0.3/math.Pow(float64(p.rank), 1.1) + 1.5*math.Exp(-age/4)
		}
	}
	g.recent.set(g.postW)

	g.feedSize = int32(3100 + 2400*min(g.published, 20))

	g.outFrom, g.outSwitch, g.outTo = 0, 0, 0
	if g.d == outageDay {
		g.outFrom = g.dayStart + 10*hourMs + 5*minMs
		g.outSwitch = g.dayStart + 11*hourMs + 40*minMs
		g.outTo = g.dayStart + 12*hourMs + 20*minMs
	}
}

// humanFactor is the day's traffic relative to an ordinary weekday.
func (g *generator) humanFactor() float64 {
	wd := time.UnixMilli(g.dayStart).UTC().Weekday()
	f := weekdayWeights[wd]
	f *= 1 + 0.001*float64(g.d)             // the blog grows slowly
	f *= math.Exp(0.05 * g.r.NormFloat64()) // and no two days are alike
	if g.d == outageDay {
		f *= 0.2
	}
	return f
}

// readers makes the ordinary visits of the day: regular readers from the
// pool, then new visitors.
func (g *generator) readers(f float64) {
	pool := int(loyalPool*g.cfg.Scale + 0.5)
	expected := 0.0
	for i := range pool {
		h := mix(g.cfg.Seed^0x10ca1, uint64(i))
		u := unit(h)
		p := 0.015 + 0.12*u*u // a few read daily, most now and then
		expected += p
		if g.r.Float64() >= p*f {
			continue
		}
		v := g.visitor(h, true)
		t := g.humanTime()
		end := g.session(&v, t, g.entry(t), 0.5)
		if g.chance(0.12) {
			// Back later the same day, well after the first visit ended.
			t2 := end + 35*minMs + int64(g.r.ExpFloat64()*3*hourMs)
			if t2 < g.dayEnd {
				g.session(&v, t2, g.entry(t2), 0.5)
			}
		}
	}
	n := g.poisson(math.Max(0, sessionsPerDay*g.cfg.Scale-expected) * f)
	for k := range n {
		v := g.visitor(mix(g.cfg.Seed^0x1e3, uint64(g.d)<<24|uint64(k)), false)
		t := g.humanTime()
		g.session(&v, t, g.entry(t), 0.45)
	}
}

// publishBumps sends the first readers to a post on the day it goes live:
// from the announcement on social networks, the newsletter and feed readers.
func (g *generator) publishBumps() {
	for i, p := range posts {
		if p.offset != g.d {
			continue
		}
		pg := g.postPage[i]
		n := g.poisson(0.08 * sessionsPerDay * g.cfg.Scale)
		for k := range n {
			t := pg.publish + int64(g.r.ExpFloat64()*3*hourMs)
			if t >= g.dayEnd {
				continue
			}
			v := g.visitor(mix(g.cfg.Seed^0x9b1, uint64(g.d)<<24|uint64(k)), false)
			e := entry{pg: pg, ref: "-"}
			switch u := g.r.Float64(); {
			case u < 0.45:
				e.ref = g.socialRef(i)
			case u < 0.65:
				e = g.emailEntry(pg)
			}
			g.session(&v, t, e, 0.4)
		}
	}
}

// spikes adds the visits of the days in Spikes.
func (g *generator) spikes() {
	for si, s := range spikes {
		if s.day != g.d {
			continue
		}
		pi := slices.IndexFunc(posts, func(p post) bool { return p.slug == s.slug })
		pg := g.postPage[pi]
		n := g.poisson(s.extra * sessionsPerDay * g.cfg.Scale)
		for k := range n {
			t := g.dayStart + int64(s.from*hourMs+g.r.ExpFloat64()*s.tau*hourMs)
			if t >= g.dayEnd {
				// Past midnight; try again, which keeps the spike on its day.
				t = g.dayStart + int64(s.from*hourMs+g.r.ExpFloat64()*s.tau*hourMs)
				if t >= g.dayEnd {
					continue
				}
			}
			v := g.visitor(mix(g.cfg.Seed^0x5b1e, uint64(g.d)<<24|uint64(k)), false)
			ref := s.refs[g.spikeRefs[si].at(g.r.Float64())].s
			// Visitors from link aggregators mostly read one page and leave.
			g.session(&v, t, entry{pg: pg, ref: ref}, 0.2)
		}
	}
}

// visitor is a reader's browser: where it is and what it says it is.
type visitor struct {
	ip, ua, proto string
	ios           bool
	returning     bool // has the site's css and js in its cache
}

// visitor makes the reader identified by h; the same h gives the same
// address and browser on every day.
func (g *generator) visitor(h uint64, returning bool) visitor {
	h = mix(h, 0xb10)
	ua := browsers[g.browsers.at(unit(h))].s
	proto := "HTTP/2.0"
	if unit(mix(h, 2)) < 0.25 {
		proto = "HTTP/1.1"
	}
	return visitor{
		ip: clientIP(mix(h, 3)), ua: ua, proto: proto,
		ios:       strings.Contains(ua, "iPhone") || strings.Contains(ua, "iPad"),
		returning: returning,
	}
}

// clientIP makes an address inside one of the providers' networks; about
// one in ten is IPv6.
func clientIP(h uint64) string {
	var b [48]byte
	buf := b[:0]
	if unit(h) < 0.10 {
		buf = append(buf, v6Nets[(h>>8)%uint64(len(v6Nets))]...)
		buf = strconv.AppendUint(buf, (h>>16)&0xfff, 16)
		h2 := mix(h, 1)
		for i := range 4 {
			buf = append(buf, ':')
			buf = strconv.AppendUint(buf, (h2>>(16*i))&0xffff, 16)
		}
		return string(buf)
	}
	buf = append(buf, v4Nets[(h>>8)%uint64(len(v4Nets))]...)
	buf = strconv.AppendUint(buf, (h>>16)&0xff, 10)
	buf = append(buf, '.')
	buf = strconv.AppendUint(buf, 1+(h>>24)%254, 10)
	return string(buf)
}

// entry is how a visit starts.
type entry struct {
	pg        *page
	ref       string
	query     string // added to the path, as newsletters' tracking does
	broken    string // a path tried first that 404s: an old or mistyped link
	slashless bool   // the link lacks the trailing slash and gets a 301
}

// entry picks where a visit starting at t comes from and lands.
func (g *generator) entry(t int64) entry {
	switch u := g.r.Float64(); {
	case u < 0.40:
		return g.directEntry(t)
	case u < 0.70:
		return g.flawed(g.searchEntry(t), 0.03)
	case u < 0.85:
		pi := g.pickPost(g.recent, t)
		return g.flawed(entry{pg: g.postPage[pi], ref: g.socialRef(pi)}, 0.05)
	case u < 0.95:
		for range 5 {
			li := g.externals.at(g.r.Float64())
			if pg := g.postPage[g.linkPost[li]]; pg.publish <= t {
				return g.flawed(entry{pg: pg, ref: externalLinks[li].url}, 0.10)
			}
		}
		return g.directEntry(t)
	default:
		return g.emailEntry(g.postPage[g.pickPost(g.recent, t)])
	}
}

// flawed makes some links from elsewhere lead astray: old URLs and typos
// (404) and links without the trailing slash (301).
func (g *generator) flawed(e entry, p float64) entry {
	u := g.r.Float64()
	switch {
	case u < p/2:
		e.broken = oldURLs[g.r.IntN(len(oldURLs))]
	case u < p && e.pg.post >= 0:
		// A letter lost in copying the link.
		path := e.pg.path
		i := strings.LastIndexByte(path[:len(path)-1], '/') + 2 + g.r.IntN(4)
		e.broken = path[:i] + path[i+1:]
	case u < 1.5*p && e.pg.post >= 0:
		e.slashless = true
	}
	return e
}

func (g *generator) directEntry(t int64) entry {
	switch u := g.r.Float64(); {
	case u < 0.42:
		return entry{pg: g.home, ref: "-"}
	case u < 0.90:
		return entry{pg: g.postPage[g.pickPost(g.direct, t)], ref: "-"}
	case u < 0.94:
		return entry{pg: g.about, ref: "-"}
	case u < 0.97:
		return entry{pg: g.tagPages[g.r.IntN(len(g.tagPages))], ref: "-"}
	default:
		return entry{pg: g.page2, ref: "-"}
	}
}

func (g *generator) searchEntry(t int64) entry {
	e := searchEngines[g.engines.at(g.r.Float64())]
	var pg *page
	var terms []string
	switch u := g.r.Float64(); {
	case u < 0.90:
		pi := g.pickPost(g.search, t)
		pg, terms = g.postPage[pi], g.terms[pi]
	case u < 0.98:
		pg, terms = g.home, g.homeQ
	default:
		pg, terms = g.about, g.homeQ
	}
	if !e.terms {
		return entry{pg: pg, ref: e.prefix}
	}
	return entry{pg: pg, ref: e.prefix + terms[g.r.IntN(len(terms))] + e.suffix}
}

func (g *generator) emailEntry(pg *page) entry {
	switch u := g.r.Float64(); {
	case u < 0.35:
		return entry{pg: pg, ref: "https://mail.google.com/"}
	case u < 0.45:
		return entry{pg: pg, ref: "https://outlook.live.com/"}
	default:
		// Mail apps send no referrer; the newsletter's tags say where
		// the visit came from.
		return entry{pg: pg, ref: "-", query: "?utm_source=newsletter&utm_medium=email&utm_campaign=weekly"}
	}
}

// socialRef makes the referrer of a visit from a social network to post pi.
// Each post has a few share links per network, as a post is shared a few
// times.
func (g *generator) socialRef(pi int) string {
	h := mix(mix(g.cfg.Seed^0x50c1a1, uint64(pi)), uint64(g.r.IntN(3)))
	switch u := g.r.Float64(); {
	case u < 0.25:
		return "https://t.co/" + base62(h, 10)
	case u < 0.33:
		return "https://www.facebook.com/"
	case u < 0.36:
		return "https://m.facebook.com/"
	case u < 0.42:
		return "https://l.facebook.com/l.php?u=" + url.QueryEscape(g.postPage[pi].url) + "&h=AT" + base62(mix(h, 1), 22)
	case u < 0.50:
		return "https://www.linkedin.com/"
	case u < 0.57:
		return "https://lnkd.in/" + base62(h, 8)
	case u < 0.70:
		return "https://www.reddit.com/r/" + subreddits[h%uint64(len(subreddits))] + "/comments/" +
			strconv.FormatUint(0x2b000000+mix(h, 2)%0x1000000, 36) + "/" + strings.ReplaceAll(posts[pi].slug, "-", "_") + "/"
	case u < 0.78:
		return "https://news.ycombinator.com/item?id=" + strconv.FormatUint(40000000+h%5000000, 10)
	case u < 0.92:
		return "https://" + mastodonServers[h%uint64(len(mastodonServers))] + "/@" + socialHandles[(h>>8)%uint64(len(socialHandles))] +
			"/" + strconv.FormatUint(114000000000000000+mix(h, 3)%1000000000000000, 10)
	default:
		return "https://bsky.app/profile/" + socialHandles[(h>>8)%uint64(len(socialHandles))] + ".bsky.social/post/3l" + base62(mix(h, 4), 11)
	}
}

// pickPost picks a post that exists at t. On its publish day a post is in
// the day's tables but not online before publishHour, so draw again.
func (g *generator) pickPost(tb table, t int64) int {
	for range 20 {
		if i := tb.at(g.r.Float64()); g.postPage[i].publish <= t {
			return i
		}
	}
	return 0 // the oldest post, always there
}

// session emits one visit and returns when it ended: page views a few
// seconds to a few minutes apart, each followed by its assets, each after
// the first with the previous page as referrer. pcont is the chance of
// reading one more page.
func (g *generator) session(v *visitor, t int64, e entry, pcont float64) int64 {
	pg, ref := e.pg, e.ref
	path, url := pg.path, pg.url
	if e.query != "" {
		path, url = path+e.query, url+e.query
	}
	first := true
	switch {
	case e.broken != "":
		g.emit(t, v.ip, "GET", e.broken, v.proto, 404, notFoundSize, ref, v.ua)
		bu := "https://" + g.cfg.Host + e.broken
		end := g.assets(v, t, g.nf404, nil, bu, true)
		if !g.chance(0.6) {
			return end
		}
		// The reader follows the 404 page's link home.
		pg, path, url, ref = g.home, g.home.path, g.home.url, bu
		t = end + g.dwell()
		first = false
	case e.slashless:
		g.emit(t, v.ip, "GET", pg.path[:len(pg.path)-1], v.proto, 301, redirectSize, ref, v.ua)
		t += g.between(40, 250)
	}
	for n := 1; ; n++ {
		end, ok := g.view(v, t, pg, path, url, ref, first)
		for try := 0; !ok && try < 2; try++ {
			// Down: reload a couple of times, then give up.
			end, ok = g.view(v, end+g.between(5000, 40000), pg, path, url, ref, first)
		}
		if !ok || n >= 12 || !g.chance(pcont) {
			return end
		}
		ref = url
		pg = g.nextPage(pg, end)
		path, url = pg.path, pg.url
		t = end + g.dwell()
		first = false
		if t >= g.dayEnd {
			return t
		}
	}
}

// view emits one page view and its assets; it reports false if the server
// failed to serve the page.
func (g *generator) view(v *visitor, t int64, pg *page, path, url, ref string, first bool) (int64, bool) {
	if g.down(t) != 0 {
		g.emit(t, v.ip, "GET", path, v.proto, 200, pg.size, ref, v.ua)
		return t, false
	}
	if g.chance(0.0015) {
		// A backend hiccup; the reader reloads.
		g.emit(t, v.ip, "GET", path, v.proto, 500, 177, ref, v.ua)
		t += g.between(1500, 6000)
	}
	status, size := int16(200), pg.size
	if v.returning && g.chance(0.1) {
		status, size = 304, -1
	}
	g.emit(t, v.ip, "GET", path, v.proto, status, size, ref, v.ua)
	var shared []asset
	if first || g.chance(0.2) {
		shared = pg.shared
	}
	end := g.assets(v, t, shared, pg.images, url, first)
	if first && g.chance(0.3) {
		end += g.between(10, 100)
		g.emit(end, v.ip, "GET", g.favicon.path, v.proto, 200, g.favicon.size, url, v.ua)
	}
	if first && v.ios && g.chance(0.5) {
		// Safari asks for icons the site never had.
		end += g.between(10, 100)
		g.emit(end, v.ip, "GET", "/apple-touch-icon-precomposed.png", v.proto, 404, notFoundSize, "-", v.ua)
		g.emit(end+g.between(5, 60), v.ip, "GET", "/apple-touch-icon.png", v.proto, 404, notFoundSize, "-", v.ua)
	}
	return end, true
}

// assets emits what a page loads, within two seconds of it. Assets the
// browser has seen before are revalidated (304) rather than fetched.
func (g *generator) assets(v *visitor, t int64, shared, images []asset, url string, first bool) int64 {
	at := t + g.between(120, 450)
	last := t + 1800
	for _, a := range shared {
		if first && !v.returning {
			g.emit(at, v.ip, "GET", a.path, v.proto, 200, a.size, url, v.ua)
		} else {
			g.emit(at, v.ip, "GET", a.path, v.proto, 304, -1, url, v.ua)
		}
		at = min(at+g.between(5, 150), last)
	}
	for _, a := range images {
		if (!first && a == g.avatar) || (v.returning && g.chance(0.5)) {
			g.emit(at, v.ip, "GET", a.path, v.proto, 304, -1, url, v.ua)
		} else {
			g.emit(at, v.ip, "GET", a.path, v.proto, 200, a.size, url, v.ua)
		}
		at = min(at+g.between(10, 250), last)
	}
	return at
}

// nextPage picks the page a reader goes to from pg.
func (g *generator) nextPage(pg *page, t int64) *page {
	for range 3 {
		var next *page
		switch u := g.r.Float64(); {
		case u < 0.30:
			next = g.home
		case u < 0.80:
			next = g.postPage[g.pickPost(g.direct, t)]
		case u < 0.92:
			if pg.post >= 0 {
				tt := posts[pg.post].tags
				next = g.tagPages[slices.Index(tags, tt[g.r.IntN(len(tt))])]
			} else {
				next = g.tagPages[g.r.IntN(len(g.tagPages))]
			}
		case u < 0.96:
			next = g.about
		default:
			next = g.page2
		}
		if next != pg {
			return next
		}
	}
	return g.home
}

// crawlers makes the search engines', SEO tools' and AI companies' bots
// walk the site. They come at any hour, start with robots.txt and send no
// referrer.
func (g *generator) crawlers(f float64) {
	for ci := range crawlers {
		c := &crawlers[ci]
		n := g.poisson(c.visits * g.cfg.Scale * f)
		for range n {
			ip := c.nets[g.r.IntN(len(c.nets))] + strconv.Itoa(1+g.r.IntN(254))
			t := g.dayStart + g.r.Int64N(dayMs)
			gap := func() int64 { return 1000 * int64(c.gap[0]+g.r.IntN(c.gap[1]-c.gap[0]+1)) }
			if g.chance(c.robots) {
				g.emit(t, ip, "GET", "/robots.txt", "HTTP/1.1", 200, robotsSize, "-", c.ua)
				t += gap()
			}
			if g.chance(c.sitemap) {
				g.emit(t, ip, "GET", "/sitemap.xml", "HTTP/1.1", 200, g.sitemapSize(), "-", c.ua)
				t += gap()
			}
			pages := c.pages[0] + g.r.IntN(c.pages[1]-c.pages[0]+1)
			for range pages {
				switch u := g.r.Float64(); {
				case u < 0.12:
					g.emit(t, ip, "GET", oldURLs[g.r.IntN(len(oldURLs))], "HTTP/1.1", 404, notFoundSize, "-", c.ua)
				case u < 0.15:
					g.emit(t, ip, "GET", "/feed/", "HTTP/1.1", 200, g.feedSize, "-", c.ua)
				case u < 0.17:
					pg := g.postPage[g.pickPost(g.direct, t)]
					g.emit(t, ip, "GET", pg.path[:len(pg.path)-1], "HTTP/1.1", 301, redirectSize, "-", c.ua)
					t += gap()
					g.emit(t, ip, "GET", pg.path, "HTTP/1.1", 200, pg.size, "-", c.ua)
				default:
					pg := g.anyPage(t)
					if g.chance(c.revisits) {
						g.emit(t, ip, "GET", pg.path, "HTTP/1.1", 304, -1, "-", c.ua)
					} else {
						g.emit(t, ip, "GET", pg.path, "HTTP/1.1", 200, pg.size, "-", c.ua)
					}
				}
				t += gap()
			}
		}
	}
}

// anyPage picks, uniformly, a page that exists at t: crawlers follow every
// link, popular or not.
func (g *generator) anyPage(t int64) *page {
	for {
		if pg := &g.pages[g.r.IntN(len(g.pages))]; pg.publish <= t {
			return pg
		}
	}
}

func (g *generator) sitemapSize() int32 {
	return 900 + 210*int32(g.published)
}

// scanners probe for software the site does not run. They come from
// hosting networks in quick bursts.
func (g *generator) scanners(f float64) {
	n := g.poisson(5 * g.cfg.Scale * f)
	for range n {
		ip := hostingNets[g.r.IntN(len(hostingNets))] + strconv.Itoa(1+g.r.IntN(254))
		ua := scannerUAs[g.r.IntN(len(scannerUAs))]
		t := g.dayStart + g.r.Int64N(dayMs)
		first := g.r.IntN(len(probes))
		for k := range 3 + g.r.IntN(12) {
			p := probes[(first+k)%len(probes)]
			size := int32(notFoundSize)
			if p.status == 403 {
				size = 153
			}
			g.emit(t, ip, p.method, p.path, "HTTP/1.1", int16(p.status), size, "-", ua)
			t += g.between(150, 2500)
		}
	}
}

// scripts are people's command-line clients: a check of the home page
// with curl -I, a scraper reading the feed, a mirror of a post.
func (g *generator) scripts(f float64) {
	for _, s := range scripts {
		for range g.poisson(s.perDay * g.cfg.Scale * f) {
			ip := hostingNets[g.r.IntN(len(hostingNets))] + strconv.Itoa(1+g.r.IntN(254))
			t := g.dayStart + g.r.Int64N(dayMs)
			path, size := s.path, int32(0)
			switch path {
			case "":
				pg := g.postPage[g.pickPost(g.direct, t)]
				path, size = pg.path, pg.size
			case "/":
				size = g.home.size
			default:
				size = g.feedSize
			}
			if s.method == "HEAD" {
				size = -1
			}
			g.emit(t, ip, s.method, path, "HTTP/1.1", 200, size, "-", s.ua)
		}
	}
}

// uptime is UptimeRobot checking the home page every five minutes with a
// HEAD request, from a rotating set of locations.
func (g *generator) uptime() {
	for k := int64(0); k < dayMs/(5*minMs); k++ {
		t := g.dayStart + 17000 + k*5*minMs + g.between(0, 900)
		ip := uptimeRobotNets[k%int64(len(uptimeRobotNets))] + strconv.FormatInt(10+k%7*31, 10)
		g.emit(t, ip, "HEAD", "/", "HTTP/1.1", 200, -1, "-", uptimeRobotUA)
	}
}

// feeds are the feed readers' polls. A poll gets the feed (200) only if a
// post went out since the previous poll; otherwise 304.
func (g *generator) feeds() {
	for fi, fr := range feedReaders {
		period := int64(fr.period) * minMs
		phase := int64(mix(g.cfg.Seed, uint64(fi)) % uint64(period))
		at := func(k int64) int64 {
			return phase + k*period + int64(mix(uint64(fi), uint64(k))%60000)
		}
		k := (g.dayStart - phase) / period
		for ; at(k) < g.dayEnd; k++ {
			t := at(k)
			if t < g.dayStart {
				continue
			}
			status, size := int16(304), int32(-1)
			if g.publishedBetween(at(k-1), t) {
				status, size = 200, g.feedSize
			}
			g.emit(t, fr.ip, "GET", fr.path, "HTTP/1.1", status, size, "-", fr.ua)
		}
	}
}

func (g *generator) publishedBetween(from, to int64) bool {
	for _, pg := range g.postPage {
		if pg.publish > from && pg.publish <= to {
			return true
		}
	}
	return false
}

// down tells the status every request gets at t during the outage, or 0.
func (g *generator) down(t int64) int16 {
	switch {
	case t < g.outFrom || t >= g.outTo:
		return 0
	case t < g.outSwitch:
		return 502
	default:
		return 503
	}
}

// emit records a hit, unless it falls past the end of the day (a visit
// that started just before midnight), and lets the outage override the
// answer.
func (g *generator) emit(t int64, ip, method, path, proto string, status int16, size int32, ref, ua string) {
	if t >= g.dayEnd {
		return
	}
	switch g.down(t) {
	case 502:
		status, size = 502, 157
	case 503:
		status, size = 503, 2233 // the maintenance page
	}
	if method == "HEAD" && size > 0 {
		size = -1
	}
	g.hits = append(g.hits, hit{ms: t, ip: ip, method: method, path: path, proto: proto, ref: ref, ua: ua, status: status, size: size})
}

// humanTime draws when a visit starts, following the daily rhythm.
func (g *generator) humanTime() int64 {
	h := g.hours.at(g.r.Float64())
	return g.dayStart + int64(h)*hourMs + g.r.Int64N(hourMs)
}

// dwell is the time spent reading a page before the next: mostly under a
// minute, sometimes several.
func (g *generator) dwell() int64 {
	s := math.Exp(math.Log(40) + 0.9*g.r.NormFloat64())
	return int64(math.Min(math.Max(s, 4), 480) * 1000)
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) between(lo, hi int64) int64 { return lo + g.r.Int64N(hi-lo+1) }

// poisson draws a count with the given mean: exactly for small means, by
// the normal approximation for large ones where that is indistinguishable.
func (g *generator) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 50 {
		return max(0, int(mean+math.Sqrt(mean)*g.r.NormFloat64()+0.5))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// mix hashes two numbers into one (splitmix64's finaliser). It gives the
// properties that must not depend on the order of random draws.
func mix(a, b uint64) uint64 {
	z := a*0x9e3779b97f4a7c15 ^ (b + 0x6a09e667f3bcc909)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// unit maps a hash to [0,1).
func unit(h uint64) float64 { return float64(h>>11) * 0x1p-53 }

const alnum = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// base62 makes an n-character code like those of link shorteners.
func base62(h uint64, n int) string {
	b := make([]byte, n)
	for i := range b {
		if i%10 == 9 {
			h = mix(h, uint64(i))
		}
		b[i] = alnum[h%62]
		h /= 62
	}
	return string(b)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
