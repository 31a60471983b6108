package transform

import (
	"bufio"
	"context"

	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/queries"
	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// The community queries (queries/community_*.sql) on the demo community,
// checked against what the generator planted
// (sample-data/testdata/community_summary.txt and community_messages.tsv).
//
// The warehouse holds the demo's community exports only: the web logs
// change nothing in conversations, followers or social_posts, and ingesting
// 400,000 log lines more would triple the test's time.

var qaDemo struct {
	once sync.Once
	dir  string
	err  error
}

func communityWarehouse(t *testing.T) string {
	t.Helper()
	qaDemo.once.Do(func() {
		qaDemo.dir, qaDemo.err = os.MkdirTemp("", "cmpulse-community-test-")
		if qaDemo.err != nil {
			return
		}
		exports := filepath.Join(qaDemo.dir, "community")
		if _, qaDemo.err = sampledata.WriteCommunity(exports, sampledata.Config{Host: "blog.example.org"}); qaDemo.err != nil {
			return
		}
		_, qaDemo.err = ingest.Ingest(context.Background(), []string{exports}, ingest.Options{
			Warehouse: filepath.Join(qaDemo.dir, "wh"), Site: "blog.example.org", Own: sampledata.CommunityOwn()})
	})
	if qaDemo.err != nil {
		t.Fatalf("making the demo community's warehouse: %v", qaDemo.err)
	}
	t.Cleanup(func() {}) // the folder is removed by the OS's temp cleaning; it is shared by the tests
	return filepath.Join(qaDemo.dir, "wh")
}

// communityPeriod is the period from..to (inclusive days, UTC).
func communityPeriod(from, to string) Period {
	f, l := date(from), date(to)
	return Period{Zone: "UTC", FromDay: f, ToDay: l, From: f, To: l.AddDate(0, 0, 1),
		PrevFrom: f.AddDate(0, 0, -int(l.Sub(f).Hours()/24+1.5)), Days: int(l.Sub(f).Hours()/24 + 1.5)}
}

// communityRunner opens the warehouse in UTC; with truth, conversations is
// shadowed by a copy whose text analysis is the generator's labels
// (community_messages.tsv: is_question and is_complaint of others'
// messages; moves_to_private and the sentiment's sign of own ones, from its
// private and tone columns), so that the queries' logic is checked apart
// from the text analysis.
func communityRunner(t *testing.T, truth bool) *runner {
	t.Helper()
	db := openWarehouse(t, communityWarehouse(t))
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	if truth {
		var catalog string
		if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&catalog); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, "CREATE TEMP TABLE truth (platform VARCHAR, id VARCHAR, q BOOLEAN, c BOOLEAN, private BOOLEAN, tone VARCHAR)"); err != nil {
			t.Fatal(err)
		}
		for _, m := range plantedMessages(t) {
			if _, err := db.ExecContext(ctx, "INSERT INTO truth VALUES (?, ?, ?, ?, ?, ?)",
				m["platform"], m["id"], m["question"] == "y", m["complaint"] == "y", m["private"] == "y", m["tone"]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.ExecContext(ctx, `CREATE TEMP TABLE conversations AS
			SELECT c.* REPLACE (CASE WHEN c.is_own_account THEN c.is_question ELSE coalesce(t.q, false) END AS is_question,
				CASE WHEN c.is_own_account THEN NULL ELSE coalesce(t.c, false) END AS is_complaint,
				CASE WHEN c.is_own_account THEN coalesce(t.private, false) END AS moves_to_private,
				CASE WHEN NOT c.is_own_account THEN c.sentiment WHEN t.tone = 'negative' THEN -0.5
					WHEN t.tone = 'positive' THEN 0.5 ELSE 0 END AS sentiment)
			FROM `+quoteIdent(catalog)+`.main.conversations c
			LEFT JOIN truth t ON t.platform = c.platform AND t.id = c.message_id`); err != nil {
			t.Fatal(err)
		}
	}
	return &runner{db: db, qs: queries.New("")}
}

// plantedMessages reads community_messages.tsv.
func plantedMessages(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open("../sample-data/testdata/community_messages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var head []string
	var out []map[string]string
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = cells
			continue
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(cells) {
				m[h] = cells[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// totals runs a per-week query for the period and returns its whole-period
// rows (week NULL) by platform.
func totals(t *testing.T, q *runner, p Period, name string) map[string]map[string]float64 {
	t.Helper()
	q.period = p
	res, err := q.run(context.Background(), name, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]float64{}
	sums := map[string]map[string]float64{} // of the weeks, which must add up to the period's
	weeks := map[string]int{}
	for i, row := range res.rows {
		platform := res.str(i, "platform")
		if row[res.cols["week"]] != nil {
			weeks[platform]++
			if sums[platform] == nil {
				sums[platform] = map[string]float64{}
			}
			for c := range res.cols {
				if c != "platform" && c != "week" && !strings.Contains(c, "_h") && !strings.Contains(c, "share") {
					sums[platform][c] += res.num(i, c)
				}
			}
			continue
		}
		m := map[string]float64{}
		for c := range res.cols {
			if c != "platform" && c != "week" {
				m[c] = res.num(i, c)
			}
		}
		out[res.str(i, "platform")] = m
	}
	// One row per week of the period (its first Monday to its last day),
	// and weeks that add up to the period.
	n := int(p.To.Sub(p.FromDay.AddDate(0, 0, -int((p.FromDay.Weekday()+6)%7))).Hours()/24+6) / 7
	for platform, m := range out {
		if weeks[platform] != n {
			t.Errorf("%s: %s has %d weeks, want %d", name, platform, weeks[platform], n)
		}
		for c, v := range sums[platform] {
			if v != m[c] {
				t.Errorf("%s: %s %s adds up to %v over the weeks, %v over the period", name, platform, c, v, m[c])
			}
		}
	}
	return out
}

func rows(t *testing.T, q *runner, p Period, name string) *result {
	t.Helper()
	q.period = p
	res, err := q.run(context.Background(), name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var (
	wholeLog   = communityPeriod("2025-06-01", "2025-09-28")
	demoPeriod = communityPeriod("2025-07-27", "2025-08-23")
)

type want map[string]map[string]float64 // platform -> column -> value

func check(t *testing.T, what string, got map[string]map[string]float64, w want) {
	t.Helper()
	for platform, cols := range w {
		for col, v := range cols {
			g, ok := got[platform][col]
			if !ok || math.Abs(g-v) > 1e-9 {
				t.Errorf("%s, %s %s: got %v, want %v", what, platform, col, g, v)
			}
		}
	}
}

// TestCommunityQuestions: with the generator's question labels, the counts
// of community_summary.txt ("questions N (fast, same-day, late, never)":
// answered = fast + same-day + late).
func TestCommunityQuestions(t *testing.T) {
	q := communityRunner(t, true)
	whole := totals(t, q, wholeLog, "community_questions")
	check(t, "questions, whole log", whole, want{
		"blog":     {"questions": 32, "answered": 22, "within_1h": 8, "within_24h": 16},
		"telegram": {"questions": 37, "answered": 25, "within_1h": 13, "within_24h": 19},
		"x":        {"questions": 8, "answered": 7, "within_1h": 3, "within_24h": 4},
	})
	demo := totals(t, q, demoPeriod, "community_questions")
	check(t, "questions, demo period", demo, want{
		"blog":     {"questions": 4, "answered": 2, "within_1h": 1, "within_24h": 2},
		"telegram": {"questions": 12, "answered": 9, "within_1h": 4, "within_24h": 8},
		"x":        {"questions": 3, "answered": 3, "within_1h": 2, "within_24h": 2},
	})
	// Median and 90th percentile against the generator's answer times.
	check(t, "question response times, whole log", whole, plantedTimes(t, wholeLog, "question"))
	check(t, "question response times, demo period", demo, plantedTimes(t, demoPeriod, "question"))
	// The work list: the never-answered questions of the period, oldest
	// first, each with a link and its wait at the period's end.
	res := rows(t, q, demoPeriod, "community_unanswered")
	sameItems(t, "unanswered questions of the demo period", res, planted(t, demoPeriod, "question"))
	var last time.Time
	for i, row := range res.rows {
		ts := row[res.cols["ts"]].(time.Time)
		if ts.Before(last) {
			t.Errorf("unanswered questions not oldest first at row %d", i+1)
		}
		last = ts
		if res.str(i, "url") == "" {
			t.Errorf("unanswered question %s has no link", res.str(i, "message_id"))
		}
		if w := demoPeriod.To.Sub(ts).Hours(); math.Abs(res.num(i, "waited_h")-w) > 1e-6 {
			t.Errorf("question %s waited %v h, want %v", res.str(i, "message_id"), res.num(i, "waited_h"), w)
		}
	}
	// And with the text analysis's own labels, as the report shows them.
	real := communityRunner(t, false)
	for _, p := range []Period{wholeLog, demoPeriod} {
		for platform, m := range totals(t, real, p, "community_questions") {
			t.Logf("%s..%s %s (text analysis): questions %v answered %v median %.1f h p90 %.1f h",
				p.FromDay.Format(time.DateOnly), p.ToDay.Format(time.DateOnly), platform,
				m["questions"], m["answered"], m["median_response_h"], m["p90_response_h"])
		}
	}
}

// TestCommunityComplaints: with the generator's labels, the summary's
// "complaints N (handled, open)" and "own replies moving to private", but
// for one difference of definition: the query counts the complaints of the
// period that an own reply moved to private, the summary the own replies
// of the period that moved a conversation to private. In the demo period,
// Telegram's 1423 (2025-07-31) answers 1396, a complaint of 2025-07-24,
// before the period: the summary counts it there (2), the query in the
// week of 2025-07-21 (1 in the period). X's own replies moving to private
// are tweets (social_posts), not conversations: none here.
func TestCommunityComplaints(t *testing.T) {
	q := communityRunner(t, true)
	check(t, "complaint response times, whole log", totals(t, q, wholeLog, "community_complaints"), plantedTimes(t, wholeLog, "complaint"))
	check(t, "complaint response times, demo period", totals(t, q, demoPeriod, "community_complaints"), plantedTimes(t, demoPeriod, "complaint"))
	check(t, "complaints, whole log", totals(t, q, wholeLog, "community_complaints"), want{
		"blog":     {"complaints": 9, "handled": 8, "open": 1, "moved_to_private": 2},
		"telegram": {"complaints": 16, "handled": 13, "open": 3, "moved_to_private": 3},
		"x":        {"complaints": 3, "handled": 3, "open": 0, "moved_to_private": 0},
	})
	check(t, "complaints, demo period", totals(t, q, demoPeriod, "community_complaints"), want{
		"blog":     {"complaints": 3, "handled": 2, "open": 1, "moved_to_private": 1},
		"telegram": {"complaints": 9, "handled": 7, "open": 2, "moved_to_private": 1},
		"x":        {"complaints": 2, "handled": 2, "open": 0},
	})
	sameItems(t, "open complaints of the demo period", rows(t, q, demoPeriod, "community_open_complaints"),
		planted(t, demoPeriod, "complaint"))
	sameItems(t, "open complaints of the whole log", rows(t, q, wholeLog, "community_open_complaints"),
		planted(t, wholeLog, "complaint"))
	// The summary: "own replies in a negative tone 1": the blog's 363, in
	// anger ("Did you even read the post?? ... SECOND paragraph!!").
	tone := rows(t, q, wholeLog, "community_reply_tone")
	if len(tone.rows) != 1 || tone.str(0, "message_id") != "363" || tone.str(0, "complaint_id") != "361" {
		t.Errorf("own replies to complaints to read again: %v, want the blog's 363 (to 361)", tone.rows)
	}
	real := communityRunner(t, false)
	// The text analysis's sentiment scores apologies ("Sorry to hear
	// that") below -0.05: by SPEC's rule they are to be read again too.
	// 363 must be among them (its anger markers).
	tone = rows(t, real, wholeLog, "community_reply_tone")
	found := false
	for i := range tone.rows {
		found = found || tone.str(i, "message_id") == "363"
		t.Logf("tone (text analysis): %s %s sentiment %v angry %v: %.60s", tone.str(i, "platform"), tone.str(i, "message_id"),
			tone.num(i, "sentiment"), tone.get(i, "is_angry"), tone.str(i, "text"))
	}
	if !found {
		t.Errorf("the blog's angry reply 363 is not among the replies to read again")
	}
	for _, p := range []Period{wholeLog, demoPeriod} {
		for platform, m := range totals(t, real, p, "community_complaints") {
			t.Logf("%s..%s %s (text analysis): complaints %v handled %v open %v private %v",
				p.FromDay.Format(time.DateOnly), p.ToDay.Format(time.DateOnly), platform,
				m["complaints"], m["handled"], m["open"], m["moved_to_private"])
		}
	}
}

// TestCommunityModeration: the summary's WXR statuses: whole log spam 7,
// trash 2, pending 3; demo period spam 2, trash 1; the pending comments are
// the queue at the end of the log.
func TestCommunityModeration(t *testing.T) {
	q := communityRunner(t, false)
	check(t, "moderation, whole log", totals(t, q, wholeLog, "community_moderation_weekly"), want{
		"blog": {"spam": 7, "trash": 2, "pending": 3}})
	check(t, "moderation, demo period", totals(t, q, demoPeriod, "community_moderation_weekly"), want{
		"blog": {"spam": 2, "trash": 1, "pending": 0}})
	res := rows(t, q, wholeLog, "community_moderation_queue")
	if len(res.rows) != 3 {
		t.Fatalf("pending comments: %d, want 3", len(res.rows))
	}
	for i := range res.rows {
		if res.num(i, "waited_h") <= 0 {
			t.Errorf("pending comment %s waited %v h", res.str(i, "message_id"), res.num(i, "waited_h"))
		}
	}
}

// TestCommunityNewcomers: the summary's newcomers (and
// community_authors.tsv's, person by person). X (DMs; the X followers are
// undated and first seen in the export of 2025-09-29, after both periods)
// matches it: 12 greeted 9, and 4 greeted 4; so does the blog in the demo
// period (2, greeted 1). The other differences, each explained:
//   - blog, whole log, 18 and not 19, greeted 8 and not 9: Kat Nguyen's
//     first blog comment (2025-06-02, greeted) follows her first Telegram
//     message (2025-05-24): SPEC's newcomer is new to the warehouse, on any
//     platform; the summary counts her on the blog ("seen before on
//     another platform 1"). The query is right by SPEC.
//   - telegram, whole log, 30 and not 29: "CryptoKing Signals", a spam
//     account that joined on 2025-07-04 (and whose message the own account
//     answered, so greeted): the generator leaves spammers out; a Telegram
//     export has no spam status to tell them by.
//   - telegram greeted 9 and not 18 (demo period: 3 and not 5): the 9 (2)
//     greeted by an @username mention; a Telegram export does not give
//     its members' usernames, so "@ksaidi" cannot be told to be Karim
//     Saïdi. Missing data, not a rule of the query: the summary is right
//     by SPEC. (A mention_name, which names a member by id, is kept in
//     mentions as user<id>, and counts.)
func TestCommunityNewcomers(t *testing.T) {
	q := communityRunner(t, false)
	whole := totals(t, q, wholeLog, "community_newcomers")
	check(t, "newcomers, whole log", whole, want{
		"x":        {"newcomers": 12, "greeted": 9},
		"blog":     {"newcomers": 18, "greeted": 8},
		"telegram": {"newcomers": 30, "greeted": 9},
	})
	demo := totals(t, q, demoPeriod, "community_newcomers")
	check(t, "newcomers, demo period", demo, want{
		"x":        {"newcomers": 4, "greeted": 4},
		"blog":     {"newcomers": 2, "greeted": 1},
		"telegram": {"newcomers": 7, "greeted": 3},
	})
	for _, p := range []map[string]map[string]float64{whole, demo} {
		for platform, m := range p {
			t.Logf("%s: newcomers %v greeted %v", platform, m["newcomers"], m["greeted"])
		}
	}
	// The list agrees with the counts.
	res := rows(t, q, wholeLog, "community_newcomers_list")
	n := 0
	for _, m := range whole {
		n += int(m["newcomers"])
	}
	if len(res.rows) != n {
		t.Errorf("newcomers list: %d rows, counts say %d", len(res.rows), n)
	}
	for i := range res.rows {
		if res.str(i, "person") == "kat nguyen" {
			t.Errorf("Kat Nguyen is a newcomer, though seen on Telegram before the period")
		}
		if via := res.str(i, "via"); via == "comment" || via == "dm" || via == "message" {
			if res.str(i, "first_message") == "" || res.str(i, "first_message_url") == "" {
				t.Errorf("newcomer %s: no first message or link", res.str(i, "person"))
			}
		}
	}
}

// TestCommunityFeedback: the own posts that ask something, with the replies
// the export holds (the blog's comments, the Telegram group's replies) and
// none invented where it holds none (X, Mastodon).
func TestCommunityFeedback(t *testing.T) {
	q := communityRunner(t, false)
	res := rows(t, q, wholeLog, "community_feedback")
	if len(res.rows) == 0 {
		t.Fatal("no own question posts")
	}
	for i := range res.rows {
		platform, replies := res.str(i, "platform"), res.get(i, "replies")
		switch platform {
		case "x", "mastodon":
			if replies != nil {
				t.Errorf("%s post %s: replies %v, want NULL (the archive holds none)", platform, res.str(i, "id"), replies)
			}
		default:
			if replies == nil {
				t.Errorf("%s post %s: replies NULL", platform, res.str(i, "id"))
			}
		}
		t.Logf("%s %s: replies %v answered %v export %v: %.50s", platform, res.str(i, "id"), replies,
			res.get(i, "replies_answered"), res.get(i, "export_replies"), res.str(i, "text"))
	}
	// Every feedback post the generator planted is there (community_messages
	// .tsv, label feedback); the text analysis adds the four announcements
	// of the post "What's new in Go 1.25" (the blog post itself, and "Out
	// now on the blog: What's new in Go 1.25 https://..." on X, Mastodon and
	// Telegram): a title that opens like a question, after a colon, is taken
	// for one. That is the classifier's (classify/), not the query's.
	got := map[string]int{}
	for i := range res.rows {
		got[res.str(i, "platform")+"/"+res.str(i, "id")] = i
	}
	for _, m := range plantedMessages(t) {
		if m["own"] == "y" && m["label"] == "feedback" && m["ts"] >= "2025-06-01" && m["ts"] < "2025-09-29" {
			if _, ok := got[m["platform"]+"/"+m["id"]]; !ok {
				t.Errorf("feedback post %s/%s (%.40s) is missing", m["platform"], m["id"], m["text"])
			}
		}
	}
	// The replies: the Telegram poll 1465 got 1466, 1467 and 1469, none
	// answered; the blog post 321 got the comments 309, 311, 314 (and 316,
	// trashed), none answered.
	for key, w := range map[string][2]float64{"telegram/1465": {3, 0}, "blog/https://blog.example.org/?p=321": {3, 0}} {
		i, ok := got[key]
		if !ok {
			t.Errorf("%s: not in the feedback list", key)
			continue
		}
		if r, a := res.num(i, "replies"), res.num(i, "replies_answered"); r != w[0] || a != w[1] {
			t.Errorf("%s: replies %v answered %v, want %v and %v", key, r, a, w[0], w[1])
		}
	}
}

// planted returns the generator's never-answered questions or complaints
// (what: "question" or "complaint") of the period, not own, not spam or
// trash, as "platform/id".
func planted(t *testing.T, p Period, what string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, m := range plantedMessages(t) {
		ts, err := time.Parse(time.RFC3339, m["ts"])
		if err != nil {
			t.Fatal(err)
		}
		if m["own"] == "y" || m[what] != "y" || ts.Before(p.From) || !ts.Before(p.To) ||
			m["status"] == "spam" || m["status"] == "trash" || m["answered_at"] != "" {
			continue
		}
		out[m["platform"]+"/"+m["id"]] = true
	}
	return out
}

// sameItems checks that a work list holds exactly the items of w.
func sameItems(t *testing.T, what string, res *result, w map[string]bool) {
	t.Helper()
	got := map[string]bool{}
	for i := range res.rows {
		got[res.str(i, "platform")+"/"+res.str(i, "message_id")] = true
	}
	for k := range w {
		if !got[k] {
			t.Errorf("%s: %s is missing", what, k)
		}
	}
	for k := range got {
		if !w[k] {
			t.Errorf("%s: %s should not be there", what, k)
		}
	}
	if len(w) == 0 {
		t.Errorf("%s: the generator planted none: the test checks nothing", what)
	}
}

// plantedTimes is the median and 90th percentile (linear between ranks,
// as DuckDB's quantile_cont) of the generator's response times, in hours,
// of its answered questions or complaints (what) of the period, per
// platform.
func plantedTimes(t *testing.T, p Period, what string) want {
	t.Helper()
	hours := map[string][]float64{}
	for _, m := range plantedMessages(t) {
		if m["own"] == "y" || m[what] != "y" || m["answered_at"] == "" || m["status"] == "spam" || m["status"] == "trash" {
			continue
		}
		ts, err1 := time.Parse(time.RFC3339, m["ts"])
		at, err2 := time.Parse(time.RFC3339, m["answered_at"])
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if ts.Before(p.From) || !ts.Before(p.To) {
			continue
		}
		hours[m["platform"]] = append(hours[m["platform"]], at.Sub(ts).Hours())
	}
	w := want{}
	for platform, h := range hours {
		sort.Float64s(h)
		w[platform] = map[string]float64{"median_response_h": quantile(h, 0.5), "p90_response_h": quantile(h, 0.9)}
	}
	return w
}

func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// TestCommunityReplyTimes: the own replies to others' posts in the X and
// Mastodon archives, as the summary counts them ("own replies to others'
// posts": fast is within an hour, same-day within a day).
func TestCommunityReplyTimes(t *testing.T) {
	q := communityRunner(t, false)
	check(t, "reply times, whole log", totals(t, q, wholeLog, "community_reply_times"), want{
		"x":        {"replies": 35, "within_1h": 19, "within_24h": 30},
		"mastodon": {"replies": 23, "within_1h": 9, "within_24h": 18},
	})
	check(t, "reply times, demo period", totals(t, q, demoPeriod, "community_reply_times"), want{
		"x":        {"replies": 10, "within_1h": 6, "within_24h": 8},
		"mastodon": {"replies": 3, "within_1h": 1, "within_24h": 2},
	})
}

// TestCommunityWeeksInZone: weeks are the report's time zone's, from
// Monday: at UTC+14 (Kiritimati) a period of local days gives Monday weeks
// that add up to the period (totals checks it), and the same questions as
// in UTC but for those near the period's edges.
func TestCommunityWeeksInZone(t *testing.T) {
	q := communityRunner(t, true)
	if _, err := q.db.ExecContext(context.Background(), "SET TimeZone = 'Pacific/Kiritimati'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.db.ExecContext(context.Background(), "SET TimeZone = 'UTC'") })
	loc, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	p := communityPeriod("2025-07-27", "2025-08-23")
	p.Zone, p.From, p.To = "Pacific/Kiritimati", midnight(p.FromDay, loc), midnight(p.ToDay.AddDate(0, 0, 1), loc)
	totals(t, q, p, "community_questions")
	res := rows(t, q, p, "community_questions")
	for i, row := range res.rows {
		if w, ok := row[res.cols["week"]].(time.Time); ok && w.Weekday() != time.Monday {
			t.Errorf("week %v (row %d) is not a Monday", w, i+1)
		}
	}
}

// TestCommunityDismissed: a work-list item dismissed with cmpulse dismiss
// (here, a dismissed_items table standing for the view) is off its list,
// and the others stay.
func TestCommunityDismissed(t *testing.T) {
	q := communityRunner(t, false)
	before := rows(t, q, wholeLog, "community_unanswered")
	if len(before.rows) < 2 {
		t.Fatalf("%d unanswered questions, want some", len(before.rows))
	}
	gone := before.str(0, "item_id")
	if !strings.HasPrefix(gone, "conversations:") {
		t.Fatalf("item_id %q", gone)
	}
	if _, err := q.db.ExecContext(context.Background(), "CREATE TEMP TABLE dismissed_items AS SELECT ? AS item", gone); err != nil {
		t.Fatal(err)
	}
	after := rows(t, q, wholeLog, "community_unanswered")
	if len(after.rows) != len(before.rows)-1 {
		t.Errorf("%d unanswered after dismissing %s, want %d", len(after.rows), gone, len(before.rows)-1)
	}
	for i := range after.rows {
		if after.str(i, "item_id") == gone {
			t.Errorf("%s still listed", gone)
		}
	}
}
