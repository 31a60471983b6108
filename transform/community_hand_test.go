package transform

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/queries"
)

// handTweet is a tweet of the hand-written X archive below.
type handTweet struct {
	id, at, text   string // at: RFC 3339, UTC
	likes, rts     int
	replyTo        string
	short, expands string // one link: its t.co URL and the page it expands to
}

// handTweets is a small X account worked out by hand, in 2025-03-01 (a
// Saturday) .. 2025-03-14, UTC:
//
//	1  Sat 03-01 09:00  original, links the blog's /blog/a/   likes 10, RTs 2: engagement 12
//	2  Sat 03-01 09:20  original                              likes 4:  4
//	3  Sat 03-01 09:40  original                              likes 1:  1
//	4  Sat 03-01 09:59  original                              0
//	5  Mon 03-03 12:00  original, a question                  likes 6, RTs 1: 7
//	6  Tue 03-04 12:00  reply
//	7  Wed 03-05 12:00  repost ("RT @")
//	8  Mon 03-10 12:00  original, hard sell, links /workshop/ likes 2:  2
//	9  Wed 03-12 12:00  original                              likes 3:  3
//
// originals 7 (1-5, 8, 9), replies 1, reposts 1: reshare ratio 1/7.
// Weeks (7-day blocks from 03-01): 5 and 2 originals, 2 of 2 with a post.
// Longest silence: 5 to 8, 7.0 days (the others: 20, 20, 19 minutes, 2.08
// and 2.0 days); at the end, from 9 to 03-15 00:00, 2.5 days. Over-posting: originals per active day 4, 1, 1, 1, median
// 1, so 03-01's 4 > 3 x 1; and 1-4 are 4 within 59 minutes: 03-01 on both
// counts. Self-promotion: 1 and 8 of 7 originals link to the own site,
// 2/7 = 28.6% > 20%: flagged. Hard sell: 8, 1/7. Question: 5.
// Engagement (X: likes + reposts, no replies count, no impressions):
// 12+4+1+0+7+2+3 = 29 over 7 originals, 4.14 a post, median 3.
// Best time: the only slot of 3 or more posts is Saturday (ISO 6) 9h, with
// 1-4: median of 12, 4, 1, 0 = 2.5.
var handTweets = []handTweet{
	{id: "1895000000000000001", at: "2025-03-01T09:00:00Z", text: "New post: the A of analytics https://t.co/aaa", likes: 10, rts: 2,
		short: "https://t.co/aaa", expands: "https://blog.example.org/blog/a/"},
	{id: "1895000000000000002", at: "2025-03-01T09:20:00Z", text: "Tip: keep your logs for a year.", likes: 4},
	{id: "1895000000000000003", at: "2025-03-01T09:40:00Z", text: "Tip: rotate them daily.", likes: 1},
	{id: "1895000000000000004", at: "2025-03-01T09:59:00Z", text: "Tip: compress the old ones.", likes: 0},
	{id: "1895000000000000005", at: "2025-03-03T12:00:00Z", text: "Which log pipeline do you use?", likes: 6, rts: 1},
	{id: "1895000000000000006", at: "2025-03-04T12:00:00Z", text: "@bob thanks, glad it helped", likes: 1, replyTo: "1894000000000000001"},
	{id: "1895000000000000007", at: "2025-03-05T12:00:00Z", text: "RT @alice: logs are data"},
	{id: "1895000000000000008", at: "2025-03-10T12:00:00Z", text: "Sign up now for the log workshop https://t.co/bbb", likes: 2,
		short: "https://t.co/bbb", expands: "https://blog.example.org/workshop/"},
	{id: "1895000000000000009", at: "2025-03-12T12:00:00Z", text: "Hello from the road.", likes: 3},
}

// handVisits are the blog's visits, each of its own visitor: (time,
// referrer, page). Post 1's 48 hours (03-01 09:00 to 03-03 09:00) hold the
// first three from X to /blog/a/; the fourth comes after them, the Google
// one and the one to another page do not count. Post 8 (03-10 12:00) has
// one visit from X to /workshop/.
var handVisits = []struct{ at, referrer, path string }{
	{"2025-03-01T10:00:00Z", "https://t.co/aaa", "/blog/a/"},
	{"2025-03-02T08:00:00Z", "https://t.co/aaa", "/blog/a/"},
	{"2025-03-03T08:59:00Z", "https://t.co/aaa", "/blog/a/"},
	{"2025-03-03T09:30:00Z", "https://t.co/aaa", "/blog/a/"},
	{"2025-03-01T11:00:00Z", "https://www.google.com/", "/blog/a/"},
	{"2025-03-01T12:00:00Z", "https://t.co/zzz", "/other/"},
	{"2025-03-10T13:00:00Z", "https://t.co/bbb", "/workshop/"},
	// The log runs to 03-15, so that every day of the period is over.
	{"2025-03-15T08:00:00Z", "-", "/"},
}

func handTweetsJS() string {
	var parts []string
	for _, tw := range handTweets {
		at, _ := time.Parse(time.RFC3339, tw.at)
		urls := "[ ]"
		if tw.short != "" {
			urls = fmt.Sprintf(`[ { "url" : %q, "expanded_url" : %q, "display_url" : "x" } ]`, tw.short, tw.expands)
		}
		reply := ""
		if tw.replyTo != "" {
			reply = fmt.Sprintf(`"in_reply_to_status_id_str" : %q, "in_reply_to_screen_name" : "bob",`, tw.replyTo)
		}
		parts = append(parts, fmt.Sprintf(`{ "tweet" : { "id_str" : %q, "id" : %q, "created_at" : %q, "full_text" : %q,
    "lang" : "en", "favorite_count" : "%d", "retweet_count" : "%d", %s
    "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : %s } } }`,
			tw.id, tw.id, at.Format("Mon Jan 02 15:04:05 -0700 2006"), tw.text, tw.likes, tw.rts, reply, urls))
	}
	return "window.YTD.tweets.part0 = [\n" + strings.Join(parts, ",\n") + "\n]\n"
}

const handAccountJS = `window.YTD.account.part0 = [
  { "account" : { "username" : "examplelogs", "accountId" : "1300000000000000001", "accountDisplayName" : "Example logs" } }
]
`

// handRunner ingests the hand-written log and X archive and returns a
// runner on them, for 2025-03-01 .. 2025-03-14 in UTC.
func handRunner(t *testing.T) *runner {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	var lines []string
	for i, v := range handVisits {
		at, _ := time.Parse(time.RFC3339, v.at)
		lines = append(lines, fmt.Sprintf(`10.9.0.%d - - [%s] "GET %s HTTP/1.1" 200 1000 %q %q`,
			i+1, at.Format("02/Jan/2006:15:04:05 -0700"), v.path, v.referrer, firefox))
	}
	wh := ingestWarehouse(t, map[string][]string{"blog.example.org": lines})
	archive := filepath.Join(dir, "twitter-2025-03-15", "data")
	if err := os.MkdirAll(archive, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"account.js": handAccountJS, "tweets.js": handTweetsJS()} {
		if err := os.WriteFile(filepath.Join(archive, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ingest.Ingest(ctx, []string{filepath.Dir(archive)}, ingest.Options{Warehouse: wh,
		Own: map[string][]string{"x": {"examplelogs"}}}); err != nil {
		t.Fatal(err)
	}
	db := openWarehouse(t, wh)
	if err := Prepare(ctx, db, "blog.example.org", "UTC"); err != nil {
		t.Fatal(err)
	}
	q := &runner{db: db, qs: queries.New(""), period: Period{Site: "blog.example.org"}}
	p, err := resolvePeriod(ctx, q, "2025-03-01", "2025-03-14", "UTC", time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	q.period = p
	return q
}

func TestCommunityByHand(t *testing.T) {
	ctx := context.Background()
	q := handRunner(t)
	run := func(name string, extra []any) *result {
		t.Helper()
		r, err := q.run(ctx, name, extra)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.IsNaN(got) || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}

	posting := run("community_posting", nil)
	if len(posting.rows) != 1 {
		t.Fatalf("community_posting: %d rows, want 1 (x)", len(posting.rows))
	}
	for col, want := range map[string]float64{
		"originals": 7, "posts": 7, "replies": 1, "reposts": 1, "quotes": 0, "questions": 1,
		"weeks": 2, "weeks_with_post": 2, "weeks_with_post_share": 1, "originals_per_week": 3.5,
		"longest_silence_days": 7, "silent_at_end_days": 2.5, "linking_own_site": 2, "self_promotion_share": 2.0 / 7, "over_80_20": 1,
		"hard_sell": 1, "hard_sell_share": 1.0 / 7, "reshare_ratio": 1.0 / 7,
	} {
		near("posting "+col, posting.num(0, col), want)
	}
	if a, z := posting.str(0, "silence_from"), posting.str(0, "silence_to"); a != "2025-03-03" || z != "2025-03-10" {
		t.Errorf("silence from %s to %s, want 2025-03-03 to 2025-03-10", a, z)
	}

	weeks := run("community_posting_weeks", nil)
	var perWeek []string
	for i := range weeks.rows {
		perWeek = append(perWeek, weeks.str(i, "week_start")+":"+weeks.str(i, "originals"))
	}
	if g := strings.Join(perWeek, " "); g != "2025-03-01:5 2025-03-08:2" {
		t.Errorf("originals per week %s, want 2025-03-01:5 2025-03-08:2", g)
	}

	over := run("community_overposting", nil)
	if len(over.rows) != 1 || over.str(0, "day") != "2025-03-01" || over.num(0, "originals") != 4 ||
		over.num(0, "median_per_active_day") != 1 || over.num(0, "most_in_an_hour") != 4 ||
		over.str(0, "over_median") != "true" || over.str(0, "over_hour") != "true" {
		t.Errorf("over-posting %v, want 2025-03-01: 4 originals, median 1, 4 within an hour, on both counts", over.rows)
	}

	eng := run("community_engagement", nil)
	for col, want := range map[string]float64{
		"posts": 7, "engagement": 29, "engagement_per_post": 29.0 / 7, "median_engagement": 3,
		"likes": 26, "reposts": 3, "has_likes": 1, "has_reposts": 1, "has_replies": 0, "has_impressions": 0,
	} {
		near("engagement "+col, eng.num(0, col), want)
	}
	if g := eng.str(0, "missing"); g != "replies, quotes, impressions" {
		t.Errorf("missing %q, want replies, quotes, impressions", g)
	}
	for _, col := range []string{"replies", "impressions", "engagement_per_impression"} {
		if v := eng.get(0, col); v != nil {
			t.Errorf("engagement %s = %v, want NULL: an X archive does not hold it", col, v)
		}
	}

	top := run("community_top_posts", nil)
	var order []string
	for i := range top.rows {
		order = append(order, strings.TrimPrefix(top.str(i, "post_id"), "189500000000000000"))
	}
	if g := strings.Join(order, ","); g != "1,5,2,9,8,3,4" {
		t.Errorf("top posts %s, want 1,5,2,9,8,3,4", g)
	}

	best := run("community_best_time", nil)
	if len(best.rows) != 1 || best.num(0, "weekday") != 6 || best.num(0, "hour") != 9 ||
		best.num(0, "posts") != 4 || best.num(0, "median_engagement") != 2.5 || best.str(0, "best") != "true" {
		t.Errorf("best time %v, want Saturday (6) 9h, 4 posts, median 2.5", best.rows)
	}

	visits := run("community_post_visits", nil)
	got := map[string]string{}
	for i := range visits.rows {
		got[visits.str(i, "post_id")] = visits.str(i, "page") + " " + visits.str(i, "visits") + " " + visits.str(i, "visitors")
	}
	want := map[string]string{"1895000000000000001": "/blog/a/ 3 3", "1895000000000000008": "/workshop/ 1 1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("post visits %v, want %v", got, want)
	}

	around := run("community_peak_posts", peakDaysArg([]string{"2025-03-02", "2025-03-11"}))
	var listed []string
	for i := range around.rows {
		listed = append(listed, around.str(i, "peak_day")+" "+around.str(i, "on_day")+" "+
			strings.TrimPrefix(around.str(i, "post_id"), "189500000000000000"))
	}
	// 03-02 has no post, 03-01 (the day before) has 1-4; 03-11 has none,
	// 03-10 has 8.
	if g := strings.Join(listed, "; "); g != "2025-03-02 day before 1; 2025-03-02 day before 2; 2025-03-02 day before 3; 2025-03-02 day before 4; 2025-03-11 day before 8" {
		t.Errorf("posts around peaks: %s", g)
	}
}
