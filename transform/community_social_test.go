package transform

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/queries"
	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// communityDemo builds the demo warehouse (the sample blog's logs and its
// community exports, ingested as cmd/cmpulse/demo.go does), prepared for
// the demo site in UTC, and returns a runner on it.
func communityDemo(t *testing.T) *runner {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	cfg := sampledata.Config{Host: "blog.example.org"}
	data := filepath.Join(dir, "sample-data")
	if _, err := sampledata.Generate(data, cfg); err != nil {
		t.Fatal(err)
	}
	wh := filepath.Join(dir, "wh")
	if _, err := ingest.Ingest(ctx, []string{data}, ingest.Options{Warehouse: wh, Site: "blog.example.org", Format: "combined"}); err != nil {
		t.Fatal(err)
	}
	community := filepath.Join(dir, "community")
	if _, err := sampledata.WriteCommunity(community, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Ingest(ctx, []string{community}, ingest.Options{Warehouse: wh, Own: sampledata.CommunityOwn()}); err != nil {
		t.Fatal(err)
	}
	db := openWarehouse(t, wh)
	if err := Prepare(ctx, db, "blog.example.org", "UTC"); err != nil {
		t.Fatal(err)
	}
	return &runner{db: db, qs: queries.New(""), period: Period{Site: "blog.example.org"}}
}

// sampleMessage is a row of sample-data/testdata/community_messages.tsv.
type sampleMessage map[string]string

func readSampleMessages(t *testing.T) []sampleMessage {
	t.Helper()
	f, err := os.Open("../sample-data/testdata/community_messages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var head []string
	var out []sampleMessage
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = cells
			continue
		}
		m := sampleMessage{}
		for i, h := range head {
			if i < len(cells) {
				m[h] = cells[i]
			}
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sampleCounts are the generator's labels of the own original posts of a
// platform in [from, to): as the summary counts them (own, not a repost, a
// service message or a reply), less the direct toots, which
// community_posting.sql does not count as posts.
type sampleCounts struct{ originals, replies, reposts, links, hardSell, questions int }

func countSample(ms []sampleMessage, file string, from, to time.Time) sampleCounts {
	var c sampleCounts
	for _, m := range ms {
		if m["file"] != file || m["own"] != "y" || m["visibility"] == "direct" {
			continue
		}
		ts, err := time.Parse(time.RFC3339, m["ts"])
		if err != nil || ts.Before(from) || !ts.Before(to) {
			continue
		}
		switch {
		case m["kind"] == "repost":
			c.reposts++
		case m["kind"] == "service":
		case m["kind"] == "reply" || m["parent"] != "":
			c.replies++
		default:
			c.originals++
			if m["links_own_site"] != "" {
				c.links++
			}
			if m["hard_sell"] == "y" {
				c.hardSell++
			}
			if m["question"] == "y" {
				c.questions++
			}
		}
	}
	return c
}

// row finds the row of a result whose column col is v.
func (r *result) row(t *testing.T, col, v string) int {
	t.Helper()
	for i := range r.rows {
		if r.str(i, col) == v {
			return i
		}
	}
	t.Fatalf("%s: no row with %s = %q", r.name, col, v)
	return -1
}

func TestCommunityQueries(t *testing.T) {
	ctx := context.Background()
	q := communityDemo(t)
	msgs := readSampleMessages(t)
	summary, err := os.ReadFile("../sample-data/testdata/community_summary.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The summary lines the expectations below come from: a generator that
	// changes them needs the expectations looked at again.
	for _, line := range []string{
		"X tweets.js: originals 65 (linking to the blog 22, hard-sell 3, questions 3), replies 37, reposts 33",
		"weeks with a post 16 of 18; longest silence 14.1 days (2025-07-17 to 2025-07-31); more than 3 within an hour on 2025-08-06",
		"Mastodon outbox.json: originals 49 (linking to the blog 19, hard-sell 0, questions 1), replies 23, reposts 22",
		"Telegram result.json: originals 35 (linking to the blog 23, hard-sell 0, questions 1), replies 50, reposts 0, service messages 7",
		"weeks with a post 16 of 18; longest silence 13.8 days (2025-07-17 to 2025-07-31); more than 3 within an hour on no day",
		"X tweets.js: originals 16 (linking to the blog 5, hard-sell 0, questions 1), replies 10, reposts 8",
		"weeks with a post 4 of 4; longest silence 4.0 days (2025-08-02 to 2025-08-06); more than 3 within an hour on 2025-08-06",
		"Mastodon outbox.json: originals 11 (linking to the blog 5, hard-sell 0, questions 0), replies 3, reposts 4",
		"weeks with a post 4 of 4; longest silence 4.9 days (2025-08-15 to 2025-08-20); more than 3 within an hour on no day",
		"Telegram result.json: originals 13 (linking to the blog 7, hard-sell 0, questions 1), replies 24, reposts 0, service messages 2",
		"weeks with a post 4 of 4; longest silence 5.7 days (2025-08-15 to 2025-08-21); more than 3 within an hour on no day",
	} {
		if !strings.Contains(string(summary), line) {
			t.Errorf("community_summary.txt no longer says %q", line)
		}
	}

	type platformWant struct {
		file             string // the tsv's file
		weeks, weeksWith int
		silence          float64 // days, to 0.1
		silenceFrom      string
		silenceTo        string
		// Known differences from the generator's labels, each explained
		// in the report of issue 8 (qb):
		extraQuestions int // classify takes the title "What's new in Go 1.25" for a question
		lostLinks      int // links the export has that conversations.links lacks (none since text_link hrefs are kept)
	}
	for _, tc := range []struct {
		from, to  string
		platforms map[string]platformWant
		crowded   map[string][]string // over-posting days per platform
	}{
		{
			from: "2025-06-01", to: "2025-09-28",
			platforms: map[string]platformWant{
				"x":        {file: "x", weeks: 18, weeksWith: 16, silence: 14.1, silenceFrom: "2025-07-17", silenceTo: "2025-07-31", extraQuestions: 1},
				"mastodon": {file: "mastodon", weeks: 18, weeksWith: 16, silence: 14.1, silenceFrom: "2025-07-17", silenceTo: "2025-07-31", extraQuestions: 1},
				"telegram": {file: "telegram", weeks: 18, weeksWith: 16, silence: 13.8, silenceFrom: "2025-07-17", silenceTo: "2025-07-31", extraQuestions: 1},
			},
			crowded: map[string][]string{"x": {"2025-08-06"}},
		},
		{
			from: "2025-07-27", to: "2025-08-23",
			platforms: map[string]platformWant{
				"x":        {file: "x", weeks: 4, weeksWith: 4, silence: 4.0, silenceFrom: "2025-08-02", silenceTo: "2025-08-06", extraQuestions: 1},
				"mastodon": {file: "mastodon", weeks: 4, weeksWith: 4, silence: 4.9, silenceFrom: "2025-08-15", silenceTo: "2025-08-20", extraQuestions: 1},
				"telegram": {file: "telegram", weeks: 4, weeksWith: 4, silence: 5.7, silenceFrom: "2025-08-15", silenceTo: "2025-08-21", extraQuestions: 1},
			},
			crowded: map[string][]string{"x": {"2025-08-06"}},
		},
	} {
		t.Run(tc.from+"_"+tc.to, func(t *testing.T) {
			p, err := resolvePeriod(ctx, q, tc.from, tc.to, "UTC", time.Date(2025, 9, 29, 6, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			q.period = p
			posting, err := q.run(ctx, "community_posting", nil)
			if err != nil {
				t.Fatal(err)
			}
			weekly, err := q.run(ctx, "community_posting_weeks", nil)
			if err != nil {
				t.Fatal(err)
			}
			for platform, w := range tc.platforms {
				want := countSample(msgs, w.file, p.From, p.To)
				i := posting.row(t, "platform", platform)
				got := func(col string) int { return int(posting.num(i, col)) }
				checks := []struct {
					col  string
					want int
				}{
					{"originals", want.originals},
					{"replies", want.replies},
					{"reposts", want.reposts},
					{"questions", want.questions + w.extraQuestions},
					{"weeks", w.weeks},
					{"weeks_with_post", w.weeksWith},
				}
				if platform != "telegram" {
					checks = append(checks, struct {
						col  string
						want int
					}{"hard_sell", want.hardSell})
				} else if v := posting.get(i, "hard_sell"); v != nil {
					t.Errorf("telegram: hard_sell = %v, want NULL (conversations has no is_hard_sell)", v)
				}
				checks = append(checks, struct {
					col  string
					want int
				}{"linking_own_site", want.links - w.lostLinks})
				for _, c := range checks {
					if g := got(c.col); g != c.want {
						t.Errorf("%s: %s = %d, want %d", platform, c.col, g, c.want)
					}
				}
				if g := posting.num(i, "longest_silence_days"); math.Abs(g-w.silence) >= 0.05 {
					t.Errorf("%s: longest silence %.2f days, want %.1f", platform, g, w.silence)
				}
				if a, z := posting.str(i, "silence_from"), posting.str(i, "silence_to"); a != w.silenceFrom || z != w.silenceTo {
					t.Errorf("%s: silence from %s to %s, want %s to %s", platform, a, z, w.silenceFrom, w.silenceTo)
				}
				if g, wnt := posting.num(i, "reshare_ratio"), float64(want.reposts)/float64(want.originals); math.Abs(g-wnt) > 1e-9 {
					t.Errorf("%s: reshare ratio %v, want %v", platform, g, wnt)
				}
				// The weekly counts add up to the originals, with a row for
				// every week, and as many weeks with posts as the summary.
				sum, rows, with := 0, 0, 0
				for j := range weekly.rows {
					if weekly.str(j, "platform") == platform {
						n := int(weekly.num(j, "originals"))
						sum, rows = sum+n, rows+1
						if n > 0 {
							with++
						}
					}
				}
				if sum != want.originals || rows != w.weeks || with != w.weeksWith {
					t.Errorf("%s: weekly rows %d (sum %d, with posts %d), want %d (sum %d, with posts %d)",
						platform, rows, sum, with, w.weeks, want.originals, w.weeksWith)
				}
			}

			over, err := q.run(ctx, "community_overposting", nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for i := range over.rows {
				if over.num(i, "most_in_an_hour") > 3 {
					got[over.str(i, "platform")] = append(got[over.str(i, "platform")], over.str(i, "day"))
				}
			}
			for platform := range tc.platforms {
				if strings.Join(got[platform], ",") != strings.Join(tc.crowded[platform], ",") {
					t.Errorf("%s: more than 3 within an hour on %v, want %v", platform, got[platform], tc.crowded[platform])
				}
			}
		})
	}

	// A period after the last export: every platform is listed, gone quiet,
	// with 0 originals, its weeks of 0, and the silence still running.
	t.Run("after the data", func(t *testing.T) {
		p, err := resolvePeriod(ctx, q, "2025-10-01", "2025-10-28", "UTC", time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		q.period = p
		posting, err := q.run(ctx, "community_posting", nil)
		if err != nil {
			t.Fatal(err)
		}
		weekly, err := q.run(ctx, "community_posting_weeks", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, platform := range []string{"blog", "mastodon", "telegram", "x"} {
			i := posting.row(t, "platform", platform)
			if g := posting.num(i, "originals"); g != 0 {
				t.Errorf("%s: originals %v, want 0", platform, g)
			}
			if g := posting.num(i, "silent_at_end_days"); !(g > 28) {
				t.Errorf("%s: silent at the end %v days, want more than the period's 28", platform, g)
			}
		}
		if len(weekly.rows) != 4*4 {
			t.Errorf("weekly: %d rows, want 4 platforms x 4 weeks", len(weekly.rows))
		}
	})

	// Engagement, top posts, best time, posts that brought visitors and
	// posts around peaks, on the demo report's period.
	p, err := resolvePeriod(ctx, q, "2025-07-27", "2025-08-23", "UTC", time.Date(2025, 9, 29, 6, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	q.period = p

	eng, err := q.run(ctx, "community_engagement", nil)
	if err != nil {
		t.Fatal(err)
	}
	for platform, missing := range map[string]string{
		"x":        "replies, quotes, impressions", // an X archive: likes and retweets only
		"mastodon": "likes, reposts, replies, quotes, impressions",
		"telegram": "likes, reposts, replies, quotes, impressions",
	} {
		i := eng.row(t, "platform", platform)
		if g := eng.str(i, "missing"); g != missing {
			t.Errorf("%s: missing %q, want %q", platform, g, missing)
		}
		if platform != "x" {
			if v := eng.get(i, "engagement_per_post"); v != nil {
				t.Errorf("%s: engagement per post %v, want NULL (the export holds no count)", platform, v)
			}
		} else if v := eng.num(i, "engagement_per_post"); !(v > 0) {
			t.Errorf("x: engagement per post %v, want > 0", v)
		}
		if v := eng.get(i, "engagement_per_impression"); v != nil {
			t.Errorf("%s: engagement per impression %v, want NULL (no impressions)", platform, v)
		}
	}
	x := eng.row(t, "platform", "x")
	if g := eng.num(x, "engagement"); g != eng.num(x, "likes")+eng.num(x, "reposts") {
		t.Errorf("x: engagement %v, want likes + reposts %v", g, eng.num(x, "likes")+eng.num(x, "reposts"))
	}

	top, err := q.run(ctx, "community_top_posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]float64{}
	for i := range top.rows {
		pl, e := top.str(i, "platform"), top.num(i, "engagement")
		if pl == "mastodon" || pl == "telegram" {
			t.Errorf("top posts: %s has no counts and must not be ranked", pl)
		}
		if prev, ok := last[pl]; ok && e > prev {
			t.Errorf("top posts of %s not in order of engagement", pl)
		}
		last[pl] = e
	}
	if len(top.rows) == 0 {
		t.Error("no top posts")
	}

	best, err := q.run(ctx, "community_best_time", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range best.rows {
		if best.num(i, "posts") < 3 {
			t.Errorf("best time: a slot of %v posts", best.num(i, "posts"))
		}
	}

	visits, err := q.run(ctx, "community_post_visits", nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := range visits.rows {
		pl := visits.str(i, "platform")
		seen[pl] = true
		if pl == "blog" {
			t.Error("post visits: a blog post")
		}
		if !strings.HasPrefix(visits.str(i, "page"), "/") {
			t.Errorf("post visits: page %q", visits.str(i, "page"))
		}
	}
	if !seen["x"] || !seen["mastodon"] {
		t.Errorf("post visits: platforms %v, want x and mastodon", seen)
	}
	// Recount one post's visits by hand: the X post with the most.
	top0 := 0
	for i := range visits.rows {
		if visits.str(i, "platform") == "x" {
			top0 = i
			break
		}
	}
	var n int
	err = q.db.QueryRowContext(ctx, `SELECT count(DISTINCT session_id) FROM pageviews
		WHERE path = ? AND channel = 'social' AND source = 'X' AND ts >= ? AND ts < CAST(? AS TIMESTAMPTZ) + INTERVAL 48 HOUR`,
		visits.str(top0, "page"), visits.get(top0, "ts"), visits.get(top0, "ts")).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	if g := int(visits.num(top0, "visits")); g != n || n == 0 {
		t.Errorf("post visits of %s: %d, recounted %d", visits.str(top0, "post_id"), g, n)
	}

	peaks, err := q.run(ctx, "peaks", nil)
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for i := range peaks.rows {
		if peaks.str(i, "kind") == "peak" {
			days = append(days, peaks.str(i, "day"))
		}
	}
	if len(days) == 0 {
		t.Fatal("the demo period has no peak day")
	}
	around, err := q.run(ctx, "community_peak_posts", peakDaysArg(days))
	if err != nil {
		t.Fatal(err)
	}
	if len(around.rows) == 0 {
		t.Errorf("no own post around the peaks %v", days)
	}
	for i := range around.rows {
		d := around.get(i, "ts").(time.Time).UTC().Format(time.DateOnly)
		pd := around.str(i, "peak_day")
		before := date(pd).AddDate(0, 0, -1).Format(time.DateOnly)
		if d != pd && d != before {
			t.Errorf("peak posts: a post of %s listed for the peak of %s", d, pd)
		}
	}
	none, err := q.run(ctx, "community_peak_posts", peakDaysArg(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(none.rows) != 0 {
		t.Errorf("peak posts without peaks: %d rows", len(none.rows))
	}
}

// TestCommunityQueriesZone checks the days of another zone: the period's
// bounds are Tokyo midnights, for the posts of social_posts (TIMESTAMPTZ)
// and the chat messages of conversations (TIMESTAMPTZ too) alike. The
// period starts on 2025-08-16 in Tokyo: the Telegram welcome of 2025-08-15
// 15:00 UTC falls in it, not in UTC's.
func TestCommunityQueriesZone(t *testing.T) {
	ctx := context.Background()
	q := communityDemo(t)
	if err := Prepare(ctx, q.db, "blog.example.org", "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	msgs := readSampleMessages(t)
	p, err := resolvePeriod(ctx, q, "2025-08-16", "2025-08-22", "Asia/Tokyo", time.Date(2025, 9, 29, 6, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	q.period = p
	utcFrom, utcTo := date("2025-08-16"), date("2025-08-23")
	if a, b := countSample(msgs, "telegram", p.From, p.To), countSample(msgs, "telegram", utcFrom, utcTo); a == b {
		t.Fatalf("telegram: the sample's posts of the period are the same in Tokyo and in UTC (%+v): the test checks nothing", a)
	}
	posting, err := q.run(ctx, "community_posting", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, platform := range []string{"x", "mastodon", "telegram"} {
		want := countSample(msgs, platform, p.From, p.To)
		i := posting.row(t, "platform", platform)
		if g := int(posting.num(i, "originals")); g != want.originals {
			t.Errorf("%s (Asia/Tokyo): originals = %d, want %d", platform, g, want.originals)
		}
		if g := int(posting.num(i, "replies")); g != want.replies {
			t.Errorf("%s (Asia/Tokyo): replies = %d, want %d", platform, g, want.replies)
		}
	}
}
