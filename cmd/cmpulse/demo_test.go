package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// TestDemo runs the demo end to end and checks the warehouse through SQL
// against what the generator says it wrote.
func TestDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	stdout := mustRun(t, "demo", "-q", "--out", out)
	m := regexp.MustCompile(`sample data: (\d+) lines in (\d+) files`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("demo output lacks the sample data line:\n%s", stdout)
	}
	wh := filepath.Join(out, "warehouse")

	// Every generated line is a hit: the generator writes only valid lines.
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != m[1] {
		t.Errorf("hits = %s, want %s (lines generated)", got, m[1])
	}
	if got := one(t, wh, "SELECT count(*) FROM rejects"); got != "0" {
		t.Errorf("rejects = %s, want 0", got)
	}
	checkDemoCommunity(t, wh, stdout)

	// One source file per generated file, each fully read.
	if got := one(t, wh, "SELECT count(DISTINCT source_file) FROM hits"); got != m[2] {
		t.Errorf("source files = %s, want %s", got, m[2])
	}
	// The default period: 120 days from 2025-06-01, in UTC partitions.
	if got := one(t, wh, "SELECT count(DISTINCT date) FROM hits WHERE site = 'blog.example.org'"); got != "120" && got != "121" {
		t.Errorf("days = %s, want 120 (121 if the zone offset pushes the first lines to the day before)", got)
	}
	// The generator's spike days are the days with the most distinct
	// visitors, even before bots are told apart.
	top := query(t, wh, fmt.Sprintf(`SELECT date FROM hits GROUP BY 1 ORDER BY count(DISTINCT visitor_id) DESC LIMIT %d`, len(sampledata.Spikes)))
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) // the generator's default
	for _, d := range sampledata.Spikes {
		day := start.AddDate(0, 0, d).Format(time.DateOnly)
		if !strings.Contains(fmt.Sprint(top), day) {
			t.Errorf("spike day %s is not among the busiest days %v", day, top)
		}
	}

	// The report: its peaks page finds the generator's outage (a trough) and
	// Reddit spike (a peak), the two of Dips and Spikes in its period.
	if !strings.Contains(stdout, "report: "+filepath.Join(out, "report", "index.html")) {
		t.Errorf("demo does not print the report's path:\n%s", stdout)
	}
	peaks, err := os.ReadFile(filepath.Join(out, "report", "peaks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		start.AddDate(0, 0, sampledata.Dips[0]).Format(time.DateOnly) + ",trough",
		start.AddDate(0, 0, sampledata.Spikes[1]).Format(time.DateOnly) + ",peak",
	} {
		if !strings.Contains(string(peaks), want) {
			t.Errorf("peaks.csv lacks %q:\n%s", want, peaks)
		}
	}
	// The outage's trough is explained by its server errors (5xx).
	dip := start.AddDate(0, 0, sampledata.Dips[0]).Format(time.DateOnly)
	if !regexp.MustCompile(`(?m)^` + dip + `,trough,.*,\d+ server errors \(5xx\) that day`).Match(peaks) {
		t.Errorf("peaks.csv does not explain the %s trough by its server errors:\n%s", dip, peaks)
	}

	// The demo twice adds nothing: the ledger recognises the files.
	stdout = mustRun(t, "demo", "-q", "--out", out)
	if !strings.Contains(stdout, "nothing new to add") {
		t.Errorf("second demo run added data:\n%s", stdout)
	}
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != m[1] {
		t.Errorf("after a second demo: hits = %s, want %s", got, m[1])
	}
}

// checkDemoCommunity: the demo's community exports are in, each record of
// the generator's a row (per platform and table), and the summary lists
// every table.
func checkDemoCommunity(t *testing.T, wh, stdout string) {
	t.Helper()
	facts, err := sampledata.CommunityFacts(sampledata.Config{Host: demoSite})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, m := range facts.Messages {
		if m.Kind != "service" {
			want[m.File]++
		}
	}
	for _, c := range []struct{ file, query string }{
		{"x", "SELECT count(*) FROM social_posts WHERE platform = 'x'"},
		{"mastodon", "SELECT count(*) FROM social_posts WHERE platform = 'mastodon'"},
		{"x-dm", "SELECT count(*) FROM conversations WHERE platform = 'x'"},
		{"telegram", "SELECT count(*) FROM conversations WHERE platform = 'telegram'"},
		{"wxr", "SELECT count(*) FROM conversations WHERE platform = 'blog'"},
	} {
		if got := one(t, wh, c.query); got != fmt.Sprint(want[c.file]) || want[c.file] == 0 {
			t.Errorf("%s: %s rows, want %d (the generator's records)", c.query, got, want[c.file])
		}
	}
	if got := one(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'blog'"); got != fmt.Sprint(facts.BlogPosts) {
		t.Errorf("blog posts: %s, want %d", got, facts.BlogPosts)
	}
	if got := one(t, wh, "SELECT count(*) FROM followers WHERE platform = 'x'"); got != fmt.Sprint(facts.Followers) {
		t.Errorf("X followers: %s, want %d", got, facts.Followers)
	}
	// The query the issue names answers.
	if out := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", "SELECT platform, kind, count(*) AS n FROM social_posts GROUP BY ALL ORDER BY ALL"); !strings.Contains(out, "x,repost,") || !strings.Contains(out, "mastodon,post,") {
		t.Errorf("social_posts by platform and kind:\n%s", out)
	}
	for _, table := range []string{"social_posts", "conversations", "followers"} {
		if !regexp.MustCompile(`(?m)^` + table + `\s+[1-9]`).MatchString(stdout) {
			t.Errorf("the demo's summary lists no rows of %s:\n%s", table, stdout)
		}
	}
}
