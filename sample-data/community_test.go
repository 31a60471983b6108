package sampledata

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/community_* from the generator")

// The tests of the community exports: the same bytes on every run; every
// file parses as its format; what the files hold is what CommunityFacts
// says, record by record (read back by the independent readers of
// community_files_test.go); the scenario has every case the report's
// community pages need; the facts of the default Config are the ones in
// testdata and README.md.

func TestCommunityDeterministic(t *testing.T) {
	for _, cfg := range []Config{{}, {Seed: 7, Days: 30, Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), TZ: time.FixedZone("-0500", -5*3600)}} {
		a, b := t.TempDir(), t.TempDir()
		pa, err := WriteCommunity(a, cfg)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := WriteCommunity(b, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range pa {
			if rel(t, a, pa[i]) != rel(t, b, pb[i]) {
				t.Fatalf("file names differ: %s and %s", pa[i], pb[i])
			}
			x, _ := os.ReadFile(pa[i])
			y, _ := os.ReadFile(pb[i])
			if !bytes.Equal(x, y) {
				t.Errorf("two runs of WriteCommunity(%+v) write different %s", cfg, filepath.Base(pa[i]))
			}
			st, _ := os.Stat(pa[i])
			if f, _ := CommunityFacts(cfg); !st.ModTime().Equal(f.Export) {
				t.Errorf("%s is dated %v, want the export's time %v", pa[i], st.ModTime(), f.Export)
			}
		}
	}
	one, _ := CommunityFacts(Config{Days: 30})
	two, _ := CommunityFacts(Config{Days: 30, Seed: 2})
	if strings.Join(texts(one), "\n") == strings.Join(texts(two), "\n") {
		t.Errorf("seeds 1 and 2 give the same messages")
	}
}

func rel(t *testing.T, dir, p string) string {
	r, err := filepath.Rel(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func texts(f *Community) []string {
	var out []string
	for _, m := range f.Messages {
		out = append(out, m.Text)
	}
	return out
}

// TestCommunityFactsMatchFiles reads the files back and finds each record
// of the facts in them, with the same key, time, kind, author side, text,
// parent, links and status, and the same answer by the SPEC's rule worked
// out from the files alone.
func TestCommunityFactsMatchFiles(t *testing.T) {
	for _, cfg := range []Config{{}, {Days: 1}, {Days: 12, Seed: 3}, {Days: 45, Start: time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)}} {
		e, _ := writeCommunity(t, cfg)
		f, err := CommunityFacts(cfg)
		if err != nil {
			t.Fatal(err)
		}
		checkRecords(t, cfg, e, f)
		checkAnswers(t, e, f)
		checkAuthors(t, e, f)
		if e.followers != f.Followers || e.likes != f.Likes {
			t.Errorf("%+v: follower.js %d, like.js %d; facts say %d and %d", cfg, e.followers, e.likes, f.Followers, f.Likes)
		}
		if e.wxrPub != f.BlogPosts {
			t.Errorf("%+v: WXR has %d published posts, facts say %d", cfg, e.wxrPub, f.BlogPosts)
		}
		if e.outbox.first != 0 || e.outbox.total == e.outbox.second {
			t.Errorf("%+v: outbox orderedItems %d then %d, totalItems %d: want an empty list first and a totalItems that is not the count, as real outboxes", cfg, e.outbox.first, e.outbox.second, e.outbox.total)
		}
	}
}

func recKey(file, thread, id string) string { return file + "|" + thread + "|" + id }

func checkRecords(t *testing.T, cfg Config, e *exports, f *Community) {
	t.Helper()
	got := map[string]fileRec{}
	for _, r := range e.recs {
		thread := r.thread
		if r.file == "x" || r.file == "mastodon" {
			thread = ""
		}
		k := recKey(r.file, thread, r.id)
		if _, dup := got[k]; dup {
			t.Errorf("%+v: two records keyed %s", cfg, k)
		}
		got[k] = r
	}
	if len(got) != len(f.Messages) {
		t.Errorf("%+v: the files hold %d records, the facts %d", cfg, len(got), len(f.Messages))
	}
	for _, m := range f.Messages {
		r, ok := got[recKey(m.File, m.Thread, m.ID)]
		if !ok {
			t.Errorf("%+v: fact %s %s %s is in no file", cfg, m.File, m.Thread, m.ID)
			continue
		}
		checkRecord(t, m, r)
	}
}

func checkRecord(t *testing.T, m CommunityMessage, r fileRec) {
	t.Helper()
	where := m.File + " " + m.ID
	if !r.ts.Equal(m.TS.Truncate(time.Second)) {
		t.Errorf("%s: time %v in the file, %v in the facts", where, r.ts, m.TS)
	}
	if r.kind != m.Kind {
		t.Errorf("%s: kind %q in the file, %q in the facts", where, r.kind, m.Kind)
	}
	if r.own != m.Own {
		t.Errorf("%s: own %v in the file, %v in the facts", where, r.own, m.Own)
	}
	if r.text != m.Text {
		t.Errorf("%s: text %q in the file, %q in the facts", where, r.text, m.Text)
	}
	if (r.kind == "reply" || m.File == "telegram") && r.parent != m.Parent {
		t.Errorf("%s: parent %q in the file, %q in the facts", where, r.parent, m.Parent)
	}
	if m.File == "x" && r.kind == "reply" && !r.parentTS.Equal(m.ParentTS.Truncate(time.Millisecond)) {
		t.Errorf("%s: the snowflake says the parent is of %v, the facts %v", where, r.parentTS, m.ParentTS)
	}
	if m.File == "wxr" && r.status != m.Status {
		t.Errorf("%s: status %q in the file, %q in the facts", where, r.status, m.Status)
	}
	if m.File == "mastodon" && r.kind != "repost" && r.visibility != m.Visibility {
		t.Errorf("%s: visibility %q from to/cc, %q in the facts", where, r.visibility, m.Visibility)
	}
	if (m.File == "mastodon" || m.File == "telegram") && r.edited != m.Edited {
		t.Errorf("%s: edited %v in the file, %v in the facts", where, r.edited, m.Edited)
	}
	var own []string
	for _, l := range r.links {
		if strings.HasPrefix(l, "https://blog.example.org/") && !slices.Contains(own, l) {
			own = append(own, l)
		}
	}
	if strings.Join(own, " ") != strings.Join(m.LinksOwnSite, " ") && m.File != "wxr" {
		t.Errorf("%s: links to the blog %v in the file, %v in the facts", where, own, m.LinksOwnSite)
	}
}

// checkAnswers works out from the files which own message answers each
// message (an own reply to it; in an X DM, the next own message) and
// compares with the facts.
func checkAnswers(t *testing.T, e *exports, f *Community) {
	t.Helper()
	answer := map[string]fileRec{}
	for _, m := range e.recs {
		if m.own || m.kind == "join" || m.kind == "service" || m.status == "spam" || m.status == "trash" || m.file == "x" || m.file == "mastodon" {
			continue
		}
		for _, o := range e.recs {
			if !o.own || o.file != m.file || o.kind == "service" || !o.ts.After(m.ts) {
				continue
			}
			ok := o.parent == m.id && o.thread == m.thread
			if m.file == "x-dm" {
				ok = o.thread == m.thread
			}
			if best, seen := answer[recKey(m.file, m.thread, m.id)]; ok && (!seen || o.ts.Before(best.ts)) {
				answer[recKey(m.file, m.thread, m.id)] = o
			}
		}
	}
	for _, m := range f.Messages {
		a, ok := answer[recKey(m.File, m.Thread, m.ID)]
		if ok != (m.AnsweredBy != "") || ok && a.id != m.AnsweredBy {
			t.Errorf("%s %s: answered by %q in the files, %q in the facts", m.File, m.ID, a.id, m.AnsweredBy)
		}
	}
}

// checkAuthors works out each person's first appearance and greeting from
// the files: on the blog by name and own replies; in the group by name,
// own replies and mentions (an @username is tied to a member by the
// scenario's people, as the export does not say whose it is); in X DMs by
// sender id and the next own message to them.
func checkAuthors(t *testing.T, e *exports, f *Community) {
	t.Helper()
	firsts, order := fileAuthors(e)
	want := map[string]CommunityAuthor{}
	for _, a := range f.Authors {
		who := a.Author
		if a.Platform == "x" {
			who = a.AuthorID
		}
		file := map[string]string{"blog": "wxr", "telegram": "telegram", "x": "x-dm"}[a.Platform]
		want[file+"|"+who] = a
	}
	if len(want) != len(order) {
		t.Errorf("the files have %d authors, the facts %d", len(order), len(want))
	}
	greet := greeter(e)
	for _, k := range order {
		fr := firsts[k]
		a, ok := want[k]
		if !ok {
			t.Errorf("author %s is in the files, not in the facts", k)
			continue
		}
		if !fr.r.ts.Equal(a.First.Truncate(time.Second)) {
			t.Errorf("author %s: first seen %v in the files, %v in the facts", k, fr.r.ts, a.First)
		}
		g, found := greet(fr)
		if found != (a.GreetedBy != "") || found && g.id != a.GreetedBy {
			t.Errorf("author %s: greeted by %q in the files, %q in the facts", k, g.id, a.GreetedBy)
		}
		if found && (g.ts.Sub(fr.r.ts) <= 7*24*time.Hour) != a.Greeted {
			t.Errorf("author %s: greeted within 7 days %v in the files, %v in the facts", k, !a.Greeted, a.Greeted)
		}
	}
}

// fileAuthor is a person's first record in a file and the ids of all
// their records there.
type fileAuthor struct {
	r   fileRec
	ids map[string]bool
}

// fileAuthors are the people of the conversation files, by file and name
// (X DMs: sender id), in the order first met.
func fileAuthors(e *exports) (map[string]*fileAuthor, []string) {
	firsts := map[string]*fileAuthor{}
	var order []string
	for _, r := range e.recs {
		if r.own || r.file == "x" || r.file == "mastodon" || r.kind == "pingback" || r.kind == "trackback" ||
			r.kind == "service" || r.status == "spam" || r.status == "trash" || isSpammer(r.author) {
			continue
		}
		who := r.author
		if r.file == "x-dm" {
			who = r.authorID
		}
		k := r.file + "|" + who
		if firsts[k] == nil {
			firsts[k] = &fileAuthor{r: r, ids: map[string]bool{}}
			order = append(order, k)
		}
		if r.ts.Before(firsts[k].r.ts) {
			firsts[k].r = r
		}
		firsts[k].ids[r.id] = true
	}
	return firsts, order
}

// greeter returns the function that finds the first own record after a
// person's first that replies to them or mentions them.
func greeter(e *exports) func(*fileAuthor) (fileRec, bool) {
	// An @username or a user id names a member only to whoever knows
	// them (an invited member who never writes has no id in the export):
	// the scenario's people do.
	handles := map[string]string{} // @handle -> name
	ids := map[string]string{}     // telegram from_id -> name
	for _, m := range slices.Concat(tgRegulars, tgJoiners) {
		if m.handle != "" {
			handles["@"+m.handle] = m.name
		}
		ids["user"+strconv.FormatInt(m.tgid(), 10)] = m.name
	}
	for _, r := range e.recs {
		if r.file == "telegram" && r.authorID != "" {
			ids[r.authorID] = r.author
		}
	}
	return func(fr *fileAuthor) (fileRec, bool) {
		var best fileRec
		found := false
		for _, o := range e.recs {
			if !o.own || o.file != fr.r.file || !o.ts.After(fr.r.ts) || o.kind == "service" || found && !o.ts.Before(best.ts) {
				continue
			}
			hit := fr.ids[o.parent] // comment and message ids are unique in their file
			switch o.file {
			case "x-dm":
				hit = o.thread == fr.r.thread
			case "telegram":
				for _, h := range o.mentions {
					hit = hit || handles[h] == fr.r.author
				}
				for _, id := range o.mentionIDs {
					hit = hit || ids[id] == fr.r.author
				}
			}
			if hit {
				best, found = o, true
			}
		}
		return best, found
	}
}

func isSpammer(name string) bool {
	return slices.ContainsFunc(spammers, func(m *member) bool { return m.name == name })
}

// TestCommunityPostURLs: the posts the exports link to and comment on are
// the log's, at the log's paths, published at the log's times.
func TestCommunityPostURLs(t *testing.T) {
	for _, cfg := range []Config{{}, {Start: time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC), Host: "www.example.net"}} {
		c, err := newCommunity(cfg)
		if err != nil {
			t.Fatal(err)
		}
		g := newGenerator(c.cfg)
		for _, p := range c.posts {
			pg := g.postPage[p.i]
			if p.url != pg.url || p.pub.UnixMilli() != pg.publish {
				t.Errorf("post %s: %s at %v, the log has %s at %v", p.slug, p.url, p.pub, pg.url, time.UnixMilli(pg.publish))
			}
			if p.title == "" {
				t.Errorf("post %s has no title", p.slug)
			}
		}
	}
	for _, p := range posts {
		if titles[p.slug] == "" {
			t.Errorf("post %s has no entry in titles", p.slug)
		}
	}
}

// ownPages are the blog's pages that are not posts, which own messages
// may link to.
var ownPages = regexp.MustCompile(`^https://blog\.example\.org/(about|guide-de-la-communaute|workshop|newsletter|talks)/$`)

// TestCommunityScenario checks that the default exports have, within the
// log's period, each case the report's community pages must handle.
func TestCommunityScenario(t *testing.T) {
	f, err := CommunityFacts(Config{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := newCommunity(Config{})
	g := newGenerator(c.cfg)
	logURLs := map[string]bool{}
	for _, pg := range g.pages {
		logURLs[pg.url] = true
	}
	has := map[string]int{}
	end := c.day(c.cfg.Days)
	for _, m := range f.Messages {
		if m.TS.Before(c.start) || !m.TS.Before(end) {
			continue // the cases must be in the log's period, where a report looks
		}
		scenarioCases(has, m, c)
		for _, l := range m.LinksOwnSite {
			if !logURLs[l] && !ownPages.MatchString(l) {
				t.Errorf("%s %s links to %s, which is not a page of the log", m.File, m.ID, l)
			}
		}
	}
	for _, a := range f.Authors {
		if a.First.Before(c.start) {
			continue
		}
		has[a.Platform+" newcomer greeted="+map[bool]string{true: "yes", false: "no"}[a.Greeted]]++
		if a.GreetedHow != "" {
			has[a.Platform+" greeted by "+a.GreetedHow]++
		}
	}
	var missing []string
	for _, want := range scenarioWants {
		if has[want] == 0 {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the default exports lack: %s", strings.Join(missing, "; "))
	}
}

// scenarioWants are the cases the default exports must hold.
var scenarioWants = []string{
	"wxr question fast", "wxr question same-day", "wxr question late", "wxr question never",
	"telegram question fast", "telegram question same-day", "telegram question late", "telegram question never",
	"x-dm question fast", "x-dm question late", "x-dm question never",
	"wxr complaint handled", "wxr complaint open", "telegram complaint handled", "telegram complaint open", "x-dm complaint handled",
	"x private", "wxr private", "telegram private", "wxr angry own reply",
	"blog newcomer greeted=yes", "blog newcomer greeted=no", "telegram newcomer greeted=yes", "telegram newcomer greeted=no",
	"telegram greeted by reply", "telegram greeted by mention", "telegram greeted by mention_name",
	"x repost", "mastodon repost", "x hardsell", "x feedback", "mastodon feedback", "telegram feedback",
	"x spike link day 40", "x spike link day 75", "mastodon spike link day 40", "mastodon spike link day 75", "telegram spike link day 40",
	"x outage day 60", "mastodon outage day 60", "telegram outage complaint day 60",
	"x lang en", "x lang fr", "mastodon lang en", "mastodon lang fr", "wxr lang en", "wxr lang fr", "telegram lang en", "telegram lang fr",
	"mastodon visibility public", "mastodon visibility unlisted", "mastodon visibility followers", "mastodon visibility direct",
	"mastodon edited", "telegram edited", "wxr status pending", "wxr status spam", "wxr status trash",
	"wxr kind pingback", "wxr kind trackback", "wxr reader-answer", "telegram reader-answer", "telegram spam", "telegram join",
	"x thread", "x zxx or und", "trap", "praise", "neutral",
}

// scenarioCases counts the cases m is an instance of.
func scenarioCases(has map[string]int, m CommunityMessage, c *community) {
	day := c.dayOf(m.TS)
	if m.Outcome != "" && m.Question {
		has[m.File+" question "+m.Outcome]++
	}
	if m.Outcome != "" && m.Complaint {
		has[m.File+" complaint "+map[bool]string{true: "open", false: "handled"}[m.Outcome == "never"]]++
	}
	if m.Private {
		has[m.File+" private"]++
	}
	if m.Own && m.Tone == "negative" {
		has[m.File+" angry own reply"]++
	}
	for _, l := range m.LinksOwnSite {
		for _, s := range spikes {
			if s.day == day && strings.Contains(l, s.slug) && m.Label == "spike" {
				has[m.File+" spike link day "+strconv.Itoa(day)]++
			}
		}
	}
	if m.Label == "outage" && day == outageDay {
		has[m.File+" outage day 60"]++
	}
	if m.Complaint && day == outageDay {
		has[m.File+" outage complaint day 60"]++
	}
	if m.Lang != "" {
		has[m.File+" lang "+m.Lang]++
	}
	if m.Visibility != "" {
		has[m.File+" visibility "+m.Visibility]++
	}
	if m.Edited {
		has[m.File+" edited"]++
	}
	has[m.File+" status "+m.Status]++
	has[m.File+" kind "+m.Kind]++
	has[m.File+" "+m.Label]++
	has[m.Label]++
	if m.File == "x" && strings.Contains(m.Note, "X says") {
		has["x zxx or und"]++
	}
}

// TestCommunitySilence: nothing own during the holiday, and the day-53 post
// is announced nowhere; the conference day over-posts on X.
func TestCommunitySilence(t *testing.T) {
	f, _ := CommunityFacts(Config{})
	c, _ := newCommunity(Config{})
	crowd := 0
	for _, m := range f.Messages {
		d := c.dayOf(m.TS)
		if m.Own && d >= silenceFrom && d < silenceTo {
			t.Errorf("own %s %s on day %d, in the holiday", m.File, m.ID, d)
		}
		if m.Own && strings.Contains(strings.Join(m.LinksOwnSite, " "), "goroutine-leaks-in-the-wild") && m.Label == "announce" {
			t.Errorf("the holiday's post is announced by %s %s", m.File, m.ID)
		}
		if m.File == "x" && m.Label == "conference" && d == conferenceDay {
			crowd++
		}
	}
	if crowd != len(conference) {
		t.Errorf("%d conference posts on day %d, want %d", crowd, conferenceDay, len(conference))
	}
}

// The SPEC's question and complaint rules, as a person would apply them,
// to check the gold labels of the messages against.
var (
	interrogatives = regexp.MustCompile(`(?i)^(who|what|when|where|why|how|can|could|would|will|is|are|do|does|did|est-ce|qu'est-ce|pourquoi|comment|quand|où|combien|qui|quel|quelle|quels|quelles|pouvez-vous|avez-vous|peut-on|y a-t-il)\b`)
	quoted         = regexp.MustCompile(`"[^"]*"|https?://\S+`)
	complaintWords = regexp.MustCompile(`(?i)\b(refund|still waiting|still no|not working|broken|doesn't work|can't access|charged twice|disappointed|worst|scam|cancel|cancelled)\b|rembours|toujours pas|ne marche pas|ne fonctionne pas|en panne|arnaque|\bSAV\b|déçu|inadmissible|débité`)
	sentenceEnd    = regexp.MustCompile(`[.!?](\s+|$)`)
)

func looksLikeQuestion(text string) bool {
	t := strings.TrimSpace(quoted.ReplaceAllString(text, ""))
	if strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") {
		return true
	}
	for _, s := range sentenceEnd.Split(t, -1) {
		if strings.Contains(text, s+"?") || interrogatives.MatchString(strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// TestCommunityLabels: every message's gold labels agree with the rules,
// except the traps, which must fool them.
func TestCommunityLabels(t *testing.T) {
	f, _ := CommunityFacts(Config{})
	for _, m := range f.Messages {
		if m.Label == "spam" || m.Own && m.Label != "feedback" || m.Kind == "join" || m.Kind == "service" || m.Kind == "pingback" || m.Kind == "trackback" {
			continue
		}
		q, comp := looksLikeQuestion(m.Text), complaintWords.MatchString(m.Text)
		if m.Label == "trap" {
			if q == m.Question && comp == m.Complaint {
				t.Errorf("trap %q fools neither rule", m.Text)
			}
			continue
		}
		if q != m.Question {
			t.Errorf("%s %s: %q is labelled question=%v, the rule says %v", m.File, m.ID, m.Text, m.Question, q)
		}
		if !m.Own && comp != m.Complaint {
			t.Errorf("%s %s: %q is labelled complaint=%v, the vocabulary says %v", m.File, m.ID, m.Text, m.Complaint, comp)
		}
	}
}

// TestCommunityWording: hundreds of messages, not thousands, and no text
// said over and over.
func TestCommunityWording(t *testing.T) {
	f, _ := CommunityFacts(Config{})
	n := map[string]int{}
	others := 0
	for _, m := range f.Messages {
		if !m.Own && m.Text != "" {
			n[m.Text]++
			others++
		}
	}
	if len(f.Messages) < 300 || len(f.Messages) > 1500 {
		t.Errorf("%d messages, want hundreds", len(f.Messages))
	}
	for text, k := range n {
		if k > 9 {
			t.Errorf("%q is said %d times", text, k)
		}
	}
	if share := float64(len(n)) / float64(others); share < 0.3 {
		t.Errorf("only %d distinct texts in %d messages of others", len(n), others)
	}
}

// TestCommunityPages: the welcome pages a config can name, one updated
// during the log, one over a year old.
func TestCommunityPages(t *testing.T) {
	e, _ := writeCommunity(t, Config{})
	start, ok := e.pages["Start here"]
	if !ok || start.Link != "https://blog.example.org/about/" {
		t.Fatalf("no Start here page at /about/: %+v", start)
	}
	guide := e.pages["Guide de la communauté"]
	sm, _ := time.Parse(time.DateTime, start.Modified)
	gm, _ := time.Parse(time.DateTime, guide.Modified)
	if sm.Before(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)) || time.Date(2025, 9, 29, 0, 0, 0, 0, time.UTC).Sub(gm) < 365*24*time.Hour {
		t.Errorf("Start here modified %v, the guide %v: want one recent, one over a year old", sm, gm)
	}
	for _, kind := range []string{"post", "page", "attachment", "nav_menu_item"} {
		if e.wxrItems[kind] == 0 {
			t.Errorf("the WXR has no %s item", kind)
		}
	}
}

// TestCommunityGolden: the facts of the default Config are those kept in
// testdata (go test -update rewrites them), and README.md shows the
// summary.
func TestCommunityGolden(t *testing.T) {
	f, err := CommunityFacts(Config{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs, authors strings.Builder
	msgs.WriteString(MessagesHeader + "\n")
	for _, m := range f.Messages {
		msgs.WriteString(m.String() + "\n")
	}
	authors.WriteString(AuthorsHeader + "\n")
	for _, a := range f.Authors {
		authors.WriteString(a.String() + "\n")
	}
	summary := defaultSummary(f)
	for name, got := range map[string]string{
		"community_messages.tsv": msgs.String(), "community_authors.tsv": authors.String(), "community_summary.txt": summary,
	} {
		golden(t, filepath.Join("testdata", name), got)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```\n"+summary+"```") {
		t.Errorf("README.md does not show testdata/community_summary.txt in a code block; paste it in")
	}
}

// defaultSummary is the summary of the log's whole period and of the
// demo's report period (cmd/cmpulse/demo.go: days 56 to 83).
func defaultSummary(f *Community) string {
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	return "exports of Config{} (seed 1, 2025-06-01, 120 days), made " + f.Export.Format(time.RFC3339) + "\n\n" +
		f.Summary(start, start.AddDate(0, 0, 120)) + "\n" + f.Summary(start.AddDate(0, 0, 56), start.AddDate(0, 0, 84))
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from what the generator makes; if the change is meant, go test ./sample-data -run Golden -update", path)
	}
}

func TestCommunityConfigErrors(t *testing.T) {
	if _, err := WriteCommunity(t.TempDir(), Config{Days: -1}); err == nil {
		t.Errorf("WriteCommunity with Days -1: no error")
	}
	if _, err := CommunityFacts(Config{Scale: -2}); err == nil {
		t.Errorf("CommunityFacts with Scale -2: no error")
	}
}

// TestCommunityAnswersPaired: every question the scenario asks has its own
// answer, and every answer in qa answers a question the pools hold.
func TestCommunityAnswersPaired(t *testing.T) {
	asked := map[string]bool{}
	for _, p := range tagQuestions {
		for _, q := range slices.Concat(p.en, p.fr) {
			asked[q] = true
		}
	}
	for _, q := range slices.Concat(chatQuestions.en, chatQuestions.fr) {
		asked[q] = true
	}
	for q := range asked {
		if qa[q] == "" {
			t.Errorf("question %q has no answer in qa", q)
		}
	}
	for q := range qa {
		if !asked[q] {
			t.Errorf("qa answers %q, which no pool asks", q)
		}
	}
}

// TestCommunityFixesPaired: every complaint has its own fix.
func TestCommunityFixesPaired(t *testing.T) {
	for _, c := range slices.Concat(complaints.en, complaints.fr) {
		if fixFor[c] == "" {
			t.Errorf("complaint %q has no fix in fixFor", c)
		}
	}
	if len(fixFor) != len(complaints.en)+len(complaints.fr) {
		t.Errorf("fixFor has %d entries for %d complaints", len(fixFor), len(complaints.en)+len(complaints.fr))
	}
}
