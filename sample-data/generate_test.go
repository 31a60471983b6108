package sampledata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests parse the generated log the way an analytics tool would, with
// their own small parser, and check each property the package promises
// against thresholds. They read one default-config log, made once.

var lineRE = regexp.MustCompile(`^(\S+) - - \[([^\]]+)\] "(\S+) (\S+) (HTTP/[0-9.]+)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"$`)

// botRE is what a maintained crawler list plus "names a URL or a tool"
// would catch; the scanner that poses as Firefox 40 is caught by its paths.
var botRE = regexp.MustCompile(`(?i)bot|spider|crawl|https?://|curl/|python-requests|Go-http-client|Wget/|zgrab|inoreader|Feedbin`)

var (
	assetRE = regexp.MustCompile(`^/(css|js|images)/|^/favicon\.ico$|^/apple-touch-icon`)
	feedRE  = regexp.MustCompile(`^/(feed/|index\.xml|robots\.txt|sitemap\.xml)$`)
	probeRE = regexp.MustCompile(`\.php|^/\.|/\.env|^/wp-|^/phpmyadmin|^/owa/|^/boaform|^/server-status|^/config\.json|^/backup\.zip|^/vendor/`)
	postRE  = regexp.MustCompile(`^/blog/\d{4}/\d{2}/[a-z0-9-]+/$`)
	termsRE = regexp.MustCompile(`^https://[^/]*(google|bing|duckduckgo|yahoo|yandex|baidu|ecosia)[^/]*/.*[?&](q|p|text|wd)=`)
)

const host = "https://blog.example.org"

type logLine struct {
	ip, method, path, proto string
	t                       time.Time
	status                  int
	size                    int64 // -1 for "-"
	ref, ua                 string
	day                     int // UTC days since the start
	isBot, isPage, isProbe  bool
}

func (l *logLine) key() string { return l.ip + "\x00" + l.ua }

// bot tells whether the user agent is a bot's.
func (l *logLine) bot() bool { return l.isBot }

// pathOnly drops the query, as a report groups by path.
func (l *logLine) pathOnly() string {
	p, _, _ := strings.Cut(l.path, "?")
	return p
}

// page tells whether l is a request for a page rather than an asset, feed
// or crawler file, whatever its answer.
func (l *logLine) page() bool { return l.isPage }

// pageView follows cmpulse's definition: a non-bot GET answered 200 or 304
// for something that is not an asset, feed or crawler file.
func (l *logLine) pageView() bool {
	return !l.bot() && l.page() && (l.status == 200 || l.status == 304)
}

func parseLog(t testing.TB, data []byte, start time.Time) []logLine {
	t.Helper()
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("log does not end with a newline")
	}
	var out []logLine
	// Few distinct user agents and paths: classify each once.
	bots := map[string]bool{}
	kinds := map[string][2]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %d does not parse: %q", n, line)
		}
		ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", m[2])
		if err != nil {
			t.Fatalf("line %d: parsing time: %v", n, err)
		}
		status, _ := strconv.Atoi(m[6])
		size := int64(-1)
		if m[7] != "-" {
			size, _ = strconv.ParseInt(m[7], 10, 64)
		}
		bot, ok := bots[m[9]]
		if !ok {
			bot = botRE.MatchString(m[9])
			bots[m[9]] = bot
		}
		kind, ok := kinds[m[4]]
		if !ok {
			probe := probeRE.MatchString(m[4])
			kind = [2]bool{!assetRE.MatchString(m[4]) && !feedRE.MatchString(m[4]) && !probe, probe}
			kinds[m[4]] = kind
		}
		out = append(out, logLine{
			ip: m[1], t: ts, method: m[3], path: m[4], proto: m[5], status: status, size: size,
			ref: m[8], ua: m[9], day: int(ts.Sub(start) / (24 * time.Hour)),
			isBot: bot, isPage: m[3] == "GET" && kind[0], isProbe: kind[1],
		})
	}
	return out
}

var defaultLog struct {
	once  sync.Once
	raw   []byte
	lines []logLine
	stats Stats
	err   error

	humansOnce sync.Once
	humans     []*logLine
	byVisitor  map[string][]session
	sessions   []session
}

var defaultStart = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

const defaultDays = 120

// readDefault generates and parses the default log once for all tests.
func readDefault(t *testing.T) []logLine {
	t.Helper()
	if testing.Short() {
		t.Skip("needs the full default log")
	}
	defaultLog.once.Do(func() {
		var buf bytes.Buffer
		defaultLog.stats, defaultLog.err = WriteLog(&buf, Config{})
		defaultLog.raw = buf.Bytes()
		if defaultLog.err == nil {
			defaultLog.lines = parseLog(t, defaultLog.raw, defaultStart)
		}
	})
	if defaultLog.err != nil {
		t.Fatalf("WriteLog(Config{}) error: %v", defaultLog.err)
	}
	return defaultLog.lines
}

// readDefaultSessions returns the default log's human lines and visits.
func readDefaultSessions(t *testing.T) ([]*logLine, map[string][]session, []session) {
	t.Helper()
	lines := readDefault(t)
	defaultLog.humansOnce.Do(func() {
		defaultLog.humans = humans(lines)
		defaultLog.byVisitor, defaultLog.sessions = sessions(defaultLog.humans)
	})
	return defaultLog.humans, defaultLog.byVisitor, defaultLog.sessions
}

// humans are the lines of visitors that are neither bots nor scanners.
func humans(lines []logLine) []*logLine {
	scanners := map[string]bool{}
	for i := range lines {
		if lines[i].isProbe {
			scanners[lines[i].key()] = true
		}
	}
	var out []*logLine
	for i := range lines {
		if l := &lines[i]; !l.bot() && !scanners[l.key()] {
			out = append(out, l)
		}
	}
	return out
}

type session struct {
	pages []*logLine // page requests, 404s included, in order
}

// sessions splits each visitor's page requests at gaps over 30 minutes.
func sessions(hs []*logLine) (map[string][]session, []session) {
	byVisitor := map[string][]session{}
	var all []session
	last := map[string]time.Time{}
	for _, l := range hs {
		if !l.page() || l.status >= 500 || l.status == 301 {
			continue
		}
		k := l.key()
		ss := byVisitor[k]
		if len(ss) == 0 || l.t.Sub(last[k]) > 30*time.Minute {
			ss = append(ss, session{})
		}
		ss[len(ss)-1].pages = append(ss[len(ss)-1].pages, l)
		byVisitor[k] = ss
		last[k] = l.t
	}
	keys := make([]string, 0, len(byVisitor))
	for k := range byVisitor {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		all = append(all, byVisitor[k]...)
	}
	return byVisitor, all
}

// visitorsPerDay counts distinct visitors with a page view on each day.
func visitorsPerDay(lines []logLine, days int) []int {
	seen := make([]map[string]bool, days)
	for i := range seen {
		seen[i] = map[string]bool{}
	}
	for i := range lines {
		if l := &lines[i]; l.pageView() && l.day >= 0 && l.day < days {
			seen[l.day][l.key()] = true
		}
	}
	out := make([]int, days)
	for i := range seen {
		out[i] = len(seen[i])
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func share(n, total int) float64 { return float64(n) / float64(total) }

func checkRange(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	t.Logf("%s = %.4g", what, got)
	if got < lo || got > hi {
		t.Errorf("%s = %.4g, want between %g and %g", what, got, lo, hi)
	}
}

func TestDeterministic(t *testing.T) {
	sum := func(cfg Config) [32]byte {
		t.Helper()
		h := sha256.New()
		if _, err := WriteLog(h, cfg); err != nil {
			t.Fatalf("WriteLog(%+v) error: %v", cfg, err)
		}
		return [32]byte(h.Sum(nil))
	}
	tests := []struct {
		name string
		cfg  Config
	}{
		{"default", Config{}},
		{"other seed and zone", Config{Seed: 7, Days: 20, Scale: 0.5, TZ: time.FixedZone("-0500", -5*3600)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := sum(tt.cfg), sum(tt.cfg); a != b {
				t.Errorf("two runs of WriteLog(%+v) differ: %x and %x", tt.cfg, a, b)
			}
		})
	}
	if sum(Config{Days: 3}) == sum(Config{Days: 3, Seed: 2}) {
		t.Errorf("seeds 1 and 2 give the same log")
	}
}

func TestLineSourceMatchesWriteLog(t *testing.T) {
	cfg := Config{Days: 2}
	var buf bytes.Buffer
	st, err := WriteLog(&buf, cfg)
	if err != nil {
		t.Fatalf("WriteLog error: %v", err)
	}
	want := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	next := LineSource(cfg)
	// Twice round, to check that it cycles back to the first day.
	for i := range 2 * st.Lines {
		if got := string(next()); got != want[i%st.Lines] {
			t.Fatalf("LineSource line %d = %q, want %q", i, got, want[i%st.Lines])
		}
	}
}

func TestGenerateRotation(t *testing.T) {
	tests := []struct {
		days  int
		files []string // newest first
	}{
		{3, []string{"access.log"}},
		{10, []string{"access.log", "access.log.1"}},
		{30, []string{"access.log", "access.log.1", "access.log.2.gz", "access.log.3.gz", "access.log.4.gz"}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.days)+" days", func(t *testing.T) {
			dir := t.TempDir()
			cfg := Config{Days: tt.days, Scale: 0.3}
			st, err := Generate(dir, cfg)
			if err != nil {
				t.Fatalf("Generate error: %v", err)
			}
			var names []string
			for _, f := range st.Files {
				names = append(names, filepath.Base(f))
			}
			if !slices.Equal(names, tt.files) {
				t.Errorf("Generate wrote %q, want %q", names, tt.files)
			}

			// Oldest first, decompressed, the files must be WriteLog's log.
			var all bytes.Buffer
			var size int64
			for i := len(st.Files) - 1; i >= 0; i-- {
				path := st.Files[i]
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				size += fi.Size()
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(path, ".gz") {
					zr, err := gzip.NewReader(bytes.NewReader(data))
					if err != nil {
						t.Fatalf("reading %s as gzip: %v", path, err)
					}
					if data, err = io.ReadAll(zr); err != nil {
						t.Fatalf("decompressing %s: %v", path, err)
					}
				}
				// Each file holds its own seven days (the oldest fewer).
				k := slices.Index(tt.files, filepath.Base(path))
				lines := parseLog(t, data, defaultStart)
				lo, hi := max(0, tt.days-7*(k+1)), tt.days-7*k-1
				if first, last := lines[0].day, lines[len(lines)-1].day; first != lo || last != hi {
					t.Errorf("%s holds days %d to %d, want %d to %d", path, first, last, lo, hi)
				}
				all.Write(data)
			}
			var want bytes.Buffer
			wst, err := WriteLog(&want, cfg)
			if err != nil {
				t.Fatalf("WriteLog error: %v", err)
			}
			if !bytes.Equal(all.Bytes(), want.Bytes()) {
				t.Errorf("the rotated files, joined, differ from WriteLog's output")
			}
			if st.Lines != wst.Lines || st.Bytes != size {
				t.Errorf("Generate stats = %d lines, %d bytes; want %d lines, %d bytes", st.Lines, st.Bytes, wst.Lines, size)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"negative days", Config{Days: -1}},
		{"negative scale", Config{Scale: -2}},
		{"host with a path", Config{Host: "example.org/blog"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := WriteLog(io.Discard, tt.cfg); err == nil {
				t.Errorf("WriteLog(%+v) succeeded, want an error", tt.cfg)
			}
		})
	}
}

func TestCatalog(t *testing.T) {
	ranks := map[int]bool{}
	for _, p := range posts {
		ranks[p.rank] = true
		for _, tg := range p.tags {
			if !slices.Contains(tags, tg) {
				t.Errorf("post %s has tag %q, not in tags", p.slug, tg)
			}
		}
	}
	for r := 1; r <= len(posts); r++ {
		if !ranks[r] {
			t.Errorf("no post has rank %d; ranks must be a permutation of 1..%d", r, len(posts))
		}
	}
	slugs := func(s string) bool { return slices.ContainsFunc(posts, func(p post) bool { return p.slug == s }) }
	for _, l := range externalLinks {
		if !slugs(l.slug) {
			t.Errorf("external link %s points at unknown post %q", l.url, l.slug)
		}
	}
	for _, s := range spikes {
		if !slugs(s.slug) {
			t.Errorf("spike on day %d is for unknown post %q", s.day, s.slug)
		}
	}
}

func TestFormatAndOrder(t *testing.T) {
	lines := readDefault(t)
	st := defaultLog.stats
	if st.Lines != len(lines) || st.Bytes != int64(len(defaultLog.raw)) {
		t.Errorf("Stats = %+v, want %d lines and %d bytes", st, len(lines), len(defaultLog.raw))
	}
	perDay := make([]float64, defaultDays)
	for i := range lines {
		l := &lines[i]
		if i > 0 && l.t.Before(lines[i-1].t) {
			t.Fatalf("line %d (%v) is earlier than the line before (%v)", i+1, l.t, lines[i-1].t)
		}
		if _, off := l.t.Zone(); off != 2*3600 {
			t.Fatalf("line %d has offset %d s, want +0200", i+1, off)
		}
		if l.day < 0 || l.day >= defaultDays {
			t.Fatalf("line %d is on day %d, outside the period", i+1, l.day)
		}
		if _, err := netip.ParseAddr(l.ip); err != nil {
			t.Fatalf("line %d: client %q: %v", i+1, l.ip, err)
		}
		perDay[l.day]++
	}
	checkRange(t, "median lines a day", median(perDay), 2000, 4000)
}

func TestOtherZone(t *testing.T) {
	zone := time.FixedZone("-0500", -5*3600)
	var buf bytes.Buffer
	if _, err := WriteLog(&buf, Config{Days: 2, TZ: zone}); err != nil {
		t.Fatalf("WriteLog error: %v", err)
	}
	lines := parseLog(t, buf.Bytes(), defaultStart)
	first, last := lines[0].t, lines[len(lines)-1].t
	if _, off := first.Zone(); off != -5*3600 {
		t.Errorf("offset written = %d s, want -18000", off)
	}
	// The period is whole UTC days, whatever zone is written.
	if first.Before(defaultStart) || !last.Before(defaultStart.Add(48*time.Hour)) {
		t.Errorf("lines run from %v to %v, want within the first two UTC days", first.UTC(), last.UTC())
	}
}

func TestSessions(t *testing.T) {
	hs, byVisitor, all := readDefaultSessions(t)

	var multi, follow, followOK, gapsShort int
	var gaps []float64
	for _, s := range all {
		if len(s.pages) > 1 {
			multi++
		}
		for i := 1; i < len(s.pages); i++ {
			prev, cur := s.pages[i-1], s.pages[i]
			follow++
			if cur.ref == host+prev.path {
				followOK++
			}
			gap := cur.t.Sub(prev.t).Seconds()
			gaps = append(gaps, gap)
			if gap < 2 {
				gapsShort++
			}
		}
	}
	checkRange(t, "share of visits with several pages", share(multi, len(all)), 0.25, 0.6)
	checkRange(t, "share of later pages whose referrer is the previous page", share(followOK, follow), 0.97, 1)
	checkRange(t, "median seconds between pages", median(gaps), 10, 120)
	checkRange(t, "share of page gaps under 2 s", share(gapsShort, len(gaps)), 0, 0.01)

	// Visitors come back the same day after a break of over 30 minutes.
	again := 0
	for _, ss := range byVisitor {
		for i := 1; i < len(ss); i++ {
			if ss[i].pages[0].day == ss[i-1].pages[0].day {
				again++
			}
		}
	}
	checkRange(t, "second visits on the same day", float64(again), 300, 1e9)

	// Each page view pulls in its assets within 2 s, with the page as
	// referrer; each asset follows a page view of its referrer.
	lastView := map[string]*logLine{}
	withAssets := map[*logLine]bool{}
	var assets, assetsOK, views int
	for _, l := range hs {
		k := l.key()
		if l.page() && (l.status == 200 || l.status == 304 || l.status == 404) {
			lastView[k] = l
			if l.status != 404 {
				views++
			}
			continue
		}
		if !assetRE.MatchString(l.path) || strings.HasPrefix(l.path, "/apple-touch-icon") {
			continue
		}
		assets++
		if v := lastView[k]; v != nil && l.ref == host+v.path && l.t.Sub(v.t) <= 2*time.Second {
			assetsOK++
			if v.status != 404 {
				withAssets[v] = true
			}
		}
	}
	checkRange(t, "share of assets loaded within 2 s of their page", share(assetsOK, assets), 0.99, 1)
	checkRange(t, "share of page views followed by assets", share(len(withAssets), views), 0.97, 1)
	favicons := 0
	for _, l := range hs {
		if l.path == "/favicon.ico" {
			favicons++
		}
	}
	checkRange(t, "favicon requests per visit", share(favicons, len(all)), 0.1, 0.5)
}

func TestReturningVisitors(t *testing.T) {
	_, _, all := readDefaultSessions(t)
	firstDay := map[string]int{}
	days := map[string]map[int]bool{}
	returning := 0
	for _, s := range all {
		p := s.pages[0]
		k := p.key()
		if days[k] == nil {
			days[k] = map[int]bool{}
		}
		days[k][p.day] = true
		if d, ok := firstDay[k]; !ok || p.day < d {
			firstDay[k] = p.day
		}
	}
	for _, s := range all {
		if p := s.pages[0]; p.day > firstDay[p.key()] {
			returning++
		}
	}
	multiDay := 0
	for _, ds := range days {
		if len(ds) >= 2 {
			multiDay++
		}
	}
	checkRange(t, "visitors seen on several days", float64(multiDay), 500, 1e9)
	checkRange(t, "share of visits by returning visitors", share(returning, len(all)), 0.15, 0.5)
}

func TestPosts(t *testing.T) {
	lines := readDefault(t)
	views := map[string]int{}
	other := map[string]int{}
	for i := range lines {
		l := &lines[i]
		if !l.pageView() {
			continue
		}
		p := l.pathOnly()
		if postRE.MatchString(p) {
			views[p]++
		} else {
			other[p]++
		}
	}
	checkRange(t, "posts read", float64(len(views)), 35, 45)
	for _, p := range []string{"/", "/about/", "/tags/go/", "/tags/duckdb/", "/blog/page/2/"} {
		if other[p] == 0 {
			t.Errorf("no page views of %s", p)
		}
	}

	// Popularity is skewed: a few posts get most readers.
	counts := make([]float64, 0, len(views))
	total := 0.0
	for _, n := range views {
		counts = append(counts, float64(n))
		total += float64(n)
	}
	slices.Sort(counts)
	slices.Reverse(counts)
	checkRange(t, "share of post views of the top 5 posts", (counts[0]+counts[1]+counts[2]+counts[3]+counts[4])/total, 0.35, 0.8)
	checkRange(t, "views of the top post over the median post", counts[0]/median(counts), 5, 100)

	// A post is never requested before it goes online, and readers rush
	// to it on its first day.
	g := newGenerator(Config{}.mustDefaults(t))
	for i, p := range posts {
		if p.offset < 0 || p.offset >= defaultDays-14 {
			continue
		}
		pg := g.postPage[i]
		publish := time.UnixMilli(pg.publish)
		daily := make([]int, defaultDays)
		for j := range lines {
			l := &lines[j]
			if !strings.Contains(l.path, p.slug) {
				continue
			}
			if l.t.Before(publish) {
				t.Errorf("%s requested at %v, before it was published at %v", l.path, l.t.UTC(), publish.UTC())
			}
			if l.pageView() {
				daily[l.day]++
			}
		}
		later := 0
		for d := p.offset + 7; d < p.offset+14; d++ {
			later += daily[d]
		}
		if avg := float64(later) / 7; float64(daily[p.offset]) < 3*avg {
			t.Errorf("%s: %d views on its publish day, want at least 3 times the %.1f a day it gets a week later", p.slug, daily[p.offset], avg)
		}
	}
}

func (c Config) mustDefaults(t *testing.T) Config {
	t.Helper()
	c, err := c.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReferrers(t *testing.T) {
	_, _, all := readDefaultSessions(t)
	type category struct {
		name   string
		re     *regexp.Regexp
		lo, hi float64
	}
	categories := []category{
		// Order matters: the first match wins.
		{"email", regexp.MustCompile(`^https://(mail\.google\.com|outlook\.live\.com)/`), 0.01, 0.08},
		{"search", regexp.MustCompile(`^https://(www\.google\.[a-z.]+|www\.bing\.com|duckduckgo\.com|search\.yahoo\.com|yandex\.ru|www\.baidu\.com|www\.ecosia\.org)/`), 0.25, 0.35},
		{"social", regexp.MustCompile(`^https://(t\.co|www\.facebook\.com|m\.facebook\.com|l\.facebook\.com|www\.linkedin\.com|lnkd\.in|www\.reddit\.com|old\.reddit\.com|news\.ycombinator\.com|mastodon\.social|hachyderm\.io|fosstodon\.org|infosec\.exchange|bsky\.app)/`), 0.11, 0.2},
		{"direct", regexp.MustCompile(`^-$`), 0.35, 0.45},
		{"other sites", regexp.MustCompile(`^https?://`), 0.06, 0.14},
	}
	counts := make([]int, len(categories))
	var entries, newsletter, googleTerms, google, ddgBare, ddg int
	engines := map[string]bool{}
	for _, s := range all {
		e := s.pages[0]
		if slices.Contains(Spikes, e.day) || slices.Contains(Spikes, e.day-1) {
			continue
		}
		if strings.HasPrefix(e.ref, host) {
			t.Errorf("visit starts with an internal referrer: %s %s from %s", e.ip, e.path, e.ref)
			continue
		}
		entries++
		cat := slices.IndexFunc(categories, func(c category) bool { return c.re.MatchString(e.ref) })
		if strings.Contains(e.path, "utm_source=newsletter") {
			cat, newsletter = 0, newsletter+1
		}
		counts[cat]++
		if m := termsRE.FindStringSubmatch(e.ref); m != nil {
			engines[m[1]] = true
		}
		if strings.HasPrefix(e.ref, "https://www.google.") {
			google++
			if strings.Contains(e.ref, "q=") {
				googleTerms++
			}
		}
		if strings.HasPrefix(e.ref, "https://duckduckgo.com/") {
			ddg++
			if e.ref == "https://duckduckgo.com/" {
				ddgBare++
			}
		}
	}
	for i, c := range categories {
		checkRange(t, "share of visits from "+c.name, share(counts[i], entries), c.lo, c.hi)
	}
	if newsletter == 0 {
		t.Errorf("no visits tagged utm_source=newsletter")
	}
	for _, e := range []string{"google", "bing", "yahoo", "yandex", "baidu", "ecosia"} {
		if !engines[e] {
			t.Errorf("no referrer from %s with search terms", e)
		}
	}
	checkRange(t, "share of Google referrers with terms", share(googleTerms, google), 0.3, 0.9)
	checkRange(t, "share of DuckDuckGo referrers without terms", share(ddgBare, ddg), 0.6, 1)
}

func TestUserAgents(t *testing.T) {
	lines := readDefault(t)
	bots := 0
	browserUAs := map[string]bool{}
	for i := range lines {
		if l := &lines[i]; l.bot() {
			bots++
		} else if l.pageView() {
			browserUAs[l.ua] = true
		}
	}
	checkRange(t, "share of lines from bots", share(bots, len(lines)), 0.15, 0.25)
	checkRange(t, "browser user agents", float64(len(browserUAs)), 20, 30)

	tokens := []string{
		"Googlebot/2.1", "bingbot/2.0", "YandexBot/3.0", "Baiduspider/2.0", "DuckDuckBot/1.1",
		"AhrefsBot/", "SemrushBot/", "MJ12bot/", "DotBot/",
		"GPTBot/", "ClaudeBot/", "CCBot/", "PerplexityBot/", "Bytespider", "Amazonbot/",
		"UptimeRobot/2.0", "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "Wget/1.21",
		"Feedly/", "NewsBlur Feed Fetcher",
	}
	crawlers := []string{"Googlebot", "bingbot", "YandexBot", "Baiduspider", "DuckDuckBot", "AhrefsBot", "SemrushBot", "MJ12bot", "DotBot", "GPTBot", "ClaudeBot", "CCBot", "PerplexityBot", "Bytespider", "Amazonbot"}
	seen := map[string]int{}
	robots := map[string]int{}
	for i := range lines {
		l := &lines[i]
		for _, tok := range tokens {
			if strings.Contains(l.ua, tok) {
				seen[tok]++
			}
		}
		if l.path == "/robots.txt" || l.path == "/sitemap.xml" {
			if !l.bot() {
				t.Errorf("%s fetched by a browser: %q", l.path, l.ua)
			}
			if l.path == "/robots.txt" {
				for _, c := range crawlers {
					if strings.Contains(l.ua, c) {
						robots[c]++
					}
				}
			}
		}
	}
	for _, tok := range tokens {
		if seen[tok] == 0 {
			t.Errorf("no line from %q", tok)
		}
	}
	for _, c := range crawlers {
		if robots[c] == 0 {
			t.Errorf("%s never fetched /robots.txt", c)
		}
	}
}

func TestMonitoringAndFeeds(t *testing.T) {
	lines := readDefault(t)
	var uptime []time.Time
	feedPolls := map[string][]time.Time{}
	for i := range lines {
		l := &lines[i]
		if strings.Contains(l.ua, "UptimeRobot") {
			if l.path != "/" {
				t.Errorf("UptimeRobot asked for %s, want /", l.path)
			}
			uptime = append(uptime, l.t)
		}
		if (l.path == "/feed/" || l.path == "/index.xml") && l.bot() {
			feedPolls[l.key()] = append(feedPolls[l.key()], l.t)
		}
	}
	checkRange(t, "UptimeRobot checks a day", float64(len(uptime))/defaultDays, 287, 289)
	for i := 1; i < len(uptime); i++ {
		if gap := uptime[i].Sub(uptime[i-1]); gap < 295*time.Second || gap > 305*time.Second {
			t.Fatalf("UptimeRobot checks at %v and %v, want 5 minutes apart", uptime[i-1], uptime[i])
		}
	}
	readers := 0
	for k, ts := range feedPolls {
		if len(ts) < 4*defaultDays {
			continue // a crawler or a script, not a poller
		}
		readers++
		var gaps []float64
		for i := 1; i < len(ts); i++ {
			gaps = append(gaps, ts[i].Sub(ts[i-1]).Minutes())
		}
		if m := median(gaps); m < 45 || m > 6*60+5 {
			t.Errorf("feed reader %q polls every %.0f minutes, want every few hours", k, m)
		}
	}
	checkRange(t, "feed readers polling all period", float64(readers), 6, 10)
}

func TestStatusesAndMethods(t *testing.T) {
	lines := readDefault(t)
	status := map[int]int{}
	methods := map[string]int{}
	var dash304, head, headDash, wpLoginPosts int
	probesSeen := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		status[l.status]++
		methods[l.method]++
		if l.status == 304 && l.size == -1 {
			dash304++
		}
		if l.method == "HEAD" {
			head++
			if l.size == -1 {
				headDash++
			}
		}
		if l.method == "POST" && l.path == "/wp-login.php" {
			wpLoginPosts++
		}
		if l.isProbe {
			probesSeen[l.path] = true
		}
	}
	n := len(lines)
	checkRange(t, "share of 404", share(status[404], n), 0.02, 0.04)
	checkRange(t, "share of 304", share(status[304], n), 0.02, 0.3)
	checkRange(t, "share of 301", share(status[301], n), 0.0005, 0.01)
	checkRange(t, "count of 500", float64(status[500]), 10, 0.002*float64(n))
	checkRange(t, "share of GET", share(methods["GET"], n), 0.85, 0.99)
	if dash304 != status[304] {
		t.Errorf("%d of %d 304s have a byte count, want all \"-\"", status[304]-dash304, status[304])
	}
	if head == 0 || headDash == 0 {
		t.Errorf("%d HEAD requests, %d with \"-\" bytes; want some of each", head, headDash)
	}
	if wpLoginPosts == 0 {
		t.Errorf("no POST /wp-login.php")
	}
	for _, p := range []string{"/wp-login.php", "/xmlrpc.php", "/.env", "/wp-admin/", "/.git/config"} {
		if !probesSeen[p] {
			t.Errorf("no probe for %s", p)
		}
	}
	// Redirects are for missing trailing slashes; the slash version follows.
	for i := range lines {
		if l := &lines[i]; l.status == 301 && strings.HasSuffix(l.path, "/") {
			t.Errorf("301 for %s, which has its trailing slash", l.path)
		}
	}
}

func TestSizes(t *testing.T) {
	lines := readDefault(t)
	tests := []struct {
		name   string
		match  func(p string) bool
		lo, hi int64
	}{
		{"pages", func(p string) bool { return p == "/" || postRE.MatchString(p) || strings.HasPrefix(p, "/tags/") }, 8 << 10, 60 << 10},
		{"css and js", func(p string) bool { return strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".js") }, 2 << 10, 200 << 10},
		{"images", func(p string) bool { return strings.HasPrefix(p, "/images/") }, 10 << 10, 500 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for i := range lines {
				l := &lines[i]
				if l.status != 200 || l.method != "GET" || !tt.match(l.pathOnly()) {
					continue
				}
				n++
				if l.size < tt.lo || l.size > tt.hi {
					t.Fatalf("%s is %d bytes, want %d to %d", l.path, l.size, tt.lo, tt.hi)
				}
			}
			if n == 0 {
				t.Errorf("no %s", tt.name)
			}
		})
	}
}

func TestClients(t *testing.T) {
	hs, _, _ := readDefaultSessions(t)
	ips := map[string]bool{}
	for _, l := range hs {
		ips[l.ip] = true
	}
	v6 := 0
	for ip := range ips {
		if strings.Contains(ip, ":") {
			v6++
		}
	}
	checkRange(t, "share of IPv6 readers", share(v6, len(ips)), 0.06, 0.15)
	checkRange(t, "distinct reader addresses", float64(len(ips)), 20000, 1e9)
}

func TestRhythms(t *testing.T) {
	lines := readDefault(t)
	visitors := visitorsPerDay(lines, defaultDays)
	var weekday, weekend []float64
	for d, v := range visitors {
		if slices.Contains(Spikes, d) || slices.Contains(Spikes, d-1) || slices.Contains(Dips, d) {
			continue
		}
		switch defaultStart.AddDate(0, 0, d).Weekday() {
		case time.Saturday, time.Sunday:
			weekend = append(weekend, float64(v))
		default:
			weekday = append(weekday, float64(v))
		}
	}
	checkRange(t, "weekday over weekend visitors", median(weekday)/median(weekend), 1.3, 1.5)

	// The daily rhythm is in the zone written in the log.
	var hours [24]int
	for i := range lines {
		if l := &lines[i]; l.pageView() {
			hours[l.t.Hour()]++
		}
	}
	night := hours[2] + hours[3] + hours[4]
	day := hours[10] + hours[11] + hours[12]
	checkRange(t, "page views 02-05 over 10-13 local", share(night, day), 0, 0.2)
}

func TestSpikesAndDips(t *testing.T) {
	lines := readDefault(t)
	visitors := visitorsPerDay(lines, defaultDays)

	// cmpulse's definition: a day whose visitors deviate from the median
	// of the 28 days before by at least 3 scaled median absolute
	// deviations. It must find exactly the documented days.
	var found []int
	for d := 28; d < defaultDays; d++ {
		base := make([]float64, 28)
		for i := range base {
			base[i] = float64(visitors[d-28+i])
		}
		m := median(base)
		dev := make([]float64, 28)
		for i, x := range base {
			dev[i] = abs(x - m)
		}
		if abs(float64(visitors[d])-m) >= 3*1.4826*median(dev) {
			found = append(found, d)
		}
	}
	want := slices.Sorted(slices.Values(append(slices.Clone(Spikes), Dips...)))
	if !slices.Equal(found, want) {
		t.Errorf("peak and trough days = %v, want %v", found, want)
	}

	all := make([]float64, defaultDays)
	for i, v := range visitors {
		all[i] = float64(v)
	}
	usual := median(all)
	checkRange(t, "Hacker News day over a usual day", float64(visitors[hnDay])/usual, 3, 5)
	checkRange(t, "Reddit day over a usual day", float64(visitors[redditDay])/usual, 2.5, 4)
	checkRange(t, "outage day over a usual day", float64(visitors[outageDay])/usual, 0.1, 0.35)

	// Most of the spike comes from one place to one post.
	from := func(day int, site string) (fromSite, entries, toTop float64) {
		_, _, all := readDefaultSessions(t)
		posts := map[string]int{}
		for _, s := range all {
			if e := s.pages[0]; e.day == day {
				entries++
				if strings.Contains(e.ref, site) {
					fromSite++
				}
				posts[e.pathOnly()]++
			}
		}
		for _, n := range posts {
			toTop = max(toTop, float64(n))
		}
		return fromSite, entries, toTop
	}
	hn, n, top := from(hnDay, "news.ycombinator.com")
	checkRange(t, "share of Hacker News day visits from news.ycombinator.com", hn/n, 0.6, 0.9)
	checkRange(t, "share of Hacker News day visits to one post", top/n, 0.7, 1)
	rd, n, _ := from(redditDay, "reddit.com")
	checkRange(t, "share of Reddit day visits from reddit.com", rd/n, 0.5, 0.9)

	// The outage: 502s and 503s for two hours on the dip day, none
	// elsewhere.
	var first, last time.Time
	errors := 0
	for i := range lines {
		l := &lines[i]
		if l.status != 502 && l.status != 503 {
			continue
		}
		if l.day != outageDay {
			t.Fatalf("%d on day %d, want only on day %d", l.status, l.day, outageDay)
		}
		if errors == 0 {
			first = l.t
		}
		last = l.t
		errors++
	}
	checkRange(t, "502 and 503 answers", float64(errors), 50, 1000)
	checkRange(t, "hours of outage", last.Sub(first).Hours(), 1.5, 3)
}

func BenchmarkLineSource(b *testing.B) {
	next := LineSource(Config{})
	n := 0
	for b.Loop() {
		next()
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lines/s")
}
