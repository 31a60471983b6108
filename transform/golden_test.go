package transform

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/reports"
	"github.com/cmpulse/cmpulse/warehouse"
)

// goldenReport ingests testdata/golden-access.log and builds the report of
// 30-31 March 2025 (UTC), compared with 28-29 March.
//
// The log, worked out by hand (all times +0000):
//
// Baseline, 1-29 March: visitor A (10.0.0.1, Firefox) reads / at 08:00 and
// visitor B (10.0.0.2, Firefox) reads /about/ at 09:00, every day, with no
// referrer: 2 visitors, 2 one-page direct visits a day.
//
// 30 March:
//
//	V1 10.0.0.10 Chrome/Windows  10:00:00 /posts/a/ from Google, q=Duck+DB%20tips
//	                             10:00:01 /static/app.css (asset: no page view)
//	                             10:02:00 /posts/b/ (internal)
//	                             10:05:00 /posts/c/ 304 (a page view too)
//	                             10:06:00 /nope/ 404 (no page view)
//	                             10:50:00 /posts/a/ from news.ycombinator.com (45 min gap: a new visit)
//	V2 10.0.0.11 iPhone          11:00:00 /posts/a/ from someblog.example.co.uk/2025/links/?utm=x#frag
//	                             11:30:00 /posts/b/ (a gap of exactly 30 min: the same visit)
//	V3 10.0.0.12 Android         12:00:00 /posts/c/ from duckduckgo.com (no terms)
//	Googlebot 10.0.0.50          12:30:00 /posts/a/ (bot by agent)
//	10.0.0.51 Chrome             13:00:00 /robots.txt, 13:00:05 /posts/b/ (bot: fetched robots.txt)
//	curl 10.0.0.52               13:30:00 POST /wp-login.php (bot by agent)
//	Feedly 10.0.0.13             14:00:00 /feed/ (bot by agent)
//	V6 10.0.0.15 Chrome/Windows  23:50:00 /posts/c/ from t.co
//	a line that is not a log line (a reject)
//
// 31 March:
//
//	V6                           00:10:00 /posts/a/ (internal; 20 min: the same visit, across midnight)
//	V5 10.0.0.14 Firefox/Linux   09:00:00 /posts/b/?utm_source=newsletter&utm_medium=email (no referrer)
//	                             09:01:00 /posts/a/ (internal)
//
// Visits of the period (dated by their start):
//
//	S1 V1 30th 10:00-10:05 3 pages 300 s search "duck db tips"  entry /posts/a/ exit /posts/c/
//	S2 V1 30th 10:50       1 page    0 s social (Hacker News)   /posts/a/
//	S3 V2 30th 11:00-11:30 2 pages 1800 s referral example.co.uk entry /posts/a/ exit /posts/b/
//	S4 V3 30th 12:00       1 page    0 s search (not provided)  /posts/c/
//	S5 V6 30th 23:50-00:10 2 pages 1200 s social (X, via t.co)  entry /posts/c/ exit /posts/a/
//	S6 V5 31st 09:00-09:01 2 pages   60 s email (utm_medium)    entry /posts/b/ exit /posts/a/
func goldenReport(t *testing.T) *reports.Report {
	t.Helper()
	wh := filepath.Join(t.TempDir(), "wh")
	ctx := context.Background()
	sum, err := ingest.Ingest(ctx, []string{goldenLog()}, ingest.Options{Warehouse: wh, Site: "golden.test"})
	if err != nil {
		t.Fatal(err)
	}
	if f := sum.Files[0]; f.Rows != 76 || f.Rejects != 1 {
		t.Fatalf("ingest: %d rows, %d rejects, want 76 and 1", f.Rows, f.Rejects)
	}
	// Another site in the same warehouse, on the same days: the report of
	// golden.test must not count any of it.
	other := filepath.Join(t.TempDir(), "other.log")
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf(`10.9.0.%d - - [30/Mar/2025:1%d:00:00 +0000] "GET /x/ HTTP/1.1" 200 10 "https://www.bing.com/search?q=other" "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"`, i, i%10),
			fmt.Sprintf(`10.9.1.%d - - [31/Mar/2025:10:00:00 +0000] "GET /robots.txt HTTP/1.1" 200 10 "-" "curl/8.5.0"`, i))
	}
	os.WriteFile(other, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	if _, err := ingest.Ingest(ctx, []string{other}, ingest.Options{Warehouse: wh, Site: "other.test"}); err != nil {
		t.Fatal(err)
	}
	db, err := warehouse.OpenDB(ctx, wh, warehouse.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, err := Build(ctx, db, Options{From: "2025-03-30", To: "2025-03-31", Site: "golden.test", Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// goldenLog is the path of testdata/golden-access.log.
func goldenLog() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "golden-access.log")
}

// ingestDB ingests log for site golden.test into a new warehouse and opens
// it.
func ingestDB(t *testing.T, log string) *sql.DB {
	t.Helper()
	wh := filepath.Join(t.TempDir(), "wh")
	ctx := context.Background()
	if _, err := ingest.Ingest(ctx, []string{log}, ingest.Options{Warehouse: wh, Site: "golden.test"}); err != nil {
		t.Fatal(err)
	}
	db, err := warehouse.OpenDB(ctx, wh, warehouse.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func page(t *testing.T, r *reports.Report, slug string) reports.Page {
	t.Helper()
	for _, p := range r.Pages {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no page %s", slug)
	return reports.Page{}
}

// table returns a table's cells as text, by its CSV name.
func table(t *testing.T, r *reports.Report, csv string) [][]string {
	t.Helper()
	for _, p := range r.Pages {
		for _, b := range p.Blocks {
			if b.Table != nil && b.Table.CSV == csv {
				var out [][]string
				for _, row := range b.Table.Rows {
					var cells []string
					for _, c := range row {
						cells = append(cells, c.Text)
					}
					out = append(out, cells)
				}
				return out
			}
		}
	}
	t.Fatalf("no table %s", csv)
	return nil
}

func TestGoldenOverview(t *testing.T) {
	r := goldenReport(t)
	var got []string
	for _, b := range page(t, r, "index").Blocks {
		for _, k := range b.KPIs {
			got = append(got, k.Label+": "+k.Value+" (previous "+k.Previous+", "+k.Change+")")
		}
	}
	want := []string{
		// V1, V2, V3, V6, V5; previous period (28-29 March): A and B.
		"Visitors: 5 (previous 2, +150%)",
		// S1-S6; previous: 2 a day for 2 days.
		"Visits: 6 (previous 4, +50%)",
		// 3 + 1 + 2 + 1 + 2 + 2 (V6's page after midnight is still in the period).
		"Page views: 11 (previous 4, +175%)",
		// Durations 300, 0, 1800, 0, 1200, 60 s: sorted 0 0 60 300 1200 1800,
		// median (60 + 300) / 2 = 180 s, mean 3360 / 6 = 560 s; previous all 0.
		"Median visit: 3m 00s (previous 0s, )",
		"Mean visit: 9m 20s (previous 0s, )",
		// S2 and S4 of 6; previous 4 of 4.
		"Bounce share: 33% (previous 100%, -67%)",
		"Pages per visit: 1.8 (previous 1.0, +83%)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("overview KPIs (-want +got):\n%s", diff)
	}
	// Per day: the 30th has S1-S5 (V6's visit is dated by its start) and
	// 9 page views (3 + 1 + 2 + 1 + 1); the 31st has S6 and 3 page views
	// (V6's second page and V5's two).
	wantDaily := [][]string{{"2025-03-30", "4", "5", "8"}, {"2025-03-31", "1", "1", "3"}}
	if diff := cmp.Diff(wantDaily, table(t, r, "overview-daily.csv")); diff != "" {
		t.Errorf("daily (-want +got):\n%s", diff)
	}
}

func TestGoldenContent(t *testing.T) {
	r := goldenReport(t)
	// Time on page: to the next page view of the visit; the last page of a
	// visit has none.
	//   /posts/a/: S1 120 s, S2 (last) -, S3 1800 s (exactly 30 min, the cap), S5 (last) -, S6 (last) -
	//              5 views, 5 visitors' visits by V1 (twice), V2, V6, V5: 4 visitors;
	//              entries S1 S2 S3; exits S2 S5 S6; timed 2; median = mean = 960 s
	//   /posts/b/: S1 180 s, S3 (last) -, S6 60 s: 3 views by V1 V2 V5, entries S6, exits S3;
	//              timed 2, median = mean = 120 s
	//   /posts/c/: S1 (last) -, S4 (last) -, S5 1200 s: 3 views by V1 V3 V6, entries S4 S5,
	//              exits S1 S4; timed 1, 1200 s
	want := [][]string{
		{"/posts/a/", "5", "4", "3", "3", "2", "16m 00s", "16m 00s"},
		{"/posts/b/", "3", "3", "1", "1", "2", "2m 00s", "2m 00s"},
		{"/posts/c/", "3", "3", "2", "2", "1", "20m 00s", "20m 00s"},
	}
	if diff := cmp.Diff(want, table(t, r, "content-pages.csv")); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

func TestGoldenAcquisition(t *testing.T) {
	r := goldenReport(t)
	// Channels of the first page view: search S1 S4, social S2 S5, referral
	// S3, email S6 (utm_medium=email with no referrer). Shares of 6 visits.
	// Previous period: 4 direct visits.
	channels := table(t, r, "acquisition-channels.csv")
	want := [][]string{
		{"search", "2", "33%", "2", "0", ""},
		{"social", "2", "33%", "2", "0", ""},
		{"email", "1", "17%", "1", "0", ""},
		{"referral", "1", "17%", "1", "0", ""},
		{"direct", "0", "0.0%", "0", "4", "-100%"},
	}
	if diff := cmp.Diff(want, channels); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	// Keywords: S1's terms decoded and case-folded; S4 from DuckDuckGo
	// without terms.
	wantKW := [][]string{{"(not provided)", "1", "DuckDuckGo"}, {"duck db tips", "1", "Google"}}
	if diff := cmp.Diff(wantKW, table(t, r, "acquisition-keywords.csv")); diff != "" {
		t.Errorf("keywords (-want +got):\n%s", diff)
	}
	// Sources: the engine or network, else the referring domain; S6 came
	// from no page at all (its second page's internal referrer is not its
	// source): its utm_source names it.
	wantSources := [][]string{
		{"DuckDuckGo", "search", "1", "0"},
		{"Google", "search", "1", "0"},
		{"Hacker News", "social", "1", "0"},
		{"X", "social", "1", "0"},
		{"example.co.uk", "referral", "1", "0"},
		{"newsletter", "email", "1", "0"}, // utm_source of S6
	}
	if diff := cmp.Diff(wantSources, table(t, r, "acquisition-sources.csv")); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	// Natural links: S3's referrer without query and fragment; its
	// registrable domain by the public suffix list (co.uk); first seen in
	// the period, so new.
	wantLinks := [][]string{{"https://someblog.example.co.uk/2025/links/", "example.co.uk", "1", "2025-03-30", "2025-03-30", "new"}}
	if diff := cmp.Diff(wantLinks, table(t, r, "acquisition-natural-links.csv")); diff != "" {
		t.Errorf("natural links (-want +got):\n%s", diff)
	}
}

func TestGoldenPeaks(t *testing.T) {
	r := goldenReport(t)
	// Visitors per day: 2 every day from 1 to 29 March, 4 on the 30th, 1 on
	// the 31st. For the 30th the 28 days before (2-29 March) are all 2:
	// median 2, MAD 0; 4 - 2 >= max(3 x 0, 1): a peak. For the 31st the 28
	// days before (3-30 March) are 27 twos and a 4: median 2, MAD 0;
	// 2 - 1 >= 1: a trough. Visitor A, there at 08:00 every day, is not
	// on the 31st, and nothing else is logged in that hour: the trough is
	// explained by missing data.
	want := [][]string{
		{"2025-03-30", "peak", "4", "2.0", "0.0", ""},
		{"2025-03-31", "trough", "1", "2.0", "0.0", "no data from 08:00 to 09:00"},
	}
	if diff := cmp.Diff(want, table(t, r, "peaks.csv")); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
	// What drove the peak: against a baseline of 0 visits a day for every
	// source and entry page but direct (2 a day) and / and /about/ (1 a day
	// each), which had none on the 30th.
	drivers := table(t, r, "peak-2025-03-30.csv")
	joined := make([]string, len(drivers))
	for i, d := range drivers {
		joined[i] = strings.Join(d, " ")
	}
	for _, w := range []string{"source (direct) 0 2.0 -2.0", "entry page /posts/a/ 3 0.0 +3.0"} {
		found := false
		for _, j := range joined {
			found = found || j == w
		}
		if !found {
			t.Errorf("peak drivers lack %q:\n%s", w, strings.Join(joined, "\n"))
		}
	}
}

func TestGoldenQuality(t *testing.T) {
	r := goldenReport(t)
	// Bot hits of the period: 10.0.0.51's two (robots.txt rule), Googlebot,
	// curl and Feedly one each.
	got := map[string]string{}
	for _, row := range table(t, r, "quality-bots.csv") {
		got[row[0]+"/"+row[1]] = row[2]
	}
	want := map[string]string{"other/robots.txt reader": "2", "search/Googlebot": "1", "script/curl": "1", "feed/Feedly": "1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bots (-want +got):\n%s", diff)
	}
	rejects := table(t, r, "quality-rejects.csv")
	if len(rejects) != 1 || rejects[0][0] != "no [timestamp] field" || rejects[0][1] != "1" {
		t.Errorf("rejects = %v", rejects)
	}
}

// TestGoldenPeaksShortHistory: with fewer than 28 days of data before the
// period, no day can be judged against a baseline, so the period's highest
// and lowest days are shown instead. The golden log from 20 March on:
// 20-29 March 2 visitors a day, the 30th 4 (highest), the 31st 1 (lowest).
func TestGoldenPeaksShortHistory(t *testing.T) {
	b, err := os.ReadFile(goldenLog())
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i := strings.Index(l, "["); i < 0 || l[i+1:i+3] >= "20" {
			kept = append(kept, l)
		}
	}
	log := filepath.Join(t.TempDir(), "short.log")
	os.WriteFile(log, []byte(strings.Join(kept, "\n")+"\n"), 0o644)
	r, err := Build(context.Background(), ingestDB(t, log), Options{From: "2025-03-25", To: "2025-03-31", Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	// No baseline: the median and MAD cells are empty, not 0.0. The
	// lowest day's cause needs no baseline of visitors: the 11 days before
	// it all had visitor A's hit at 08:00.
	got := table(t, r, "peaks.csv")
	want := [][]string{
		{"2025-03-30", "highest", "4", reports.NoValue, reports.NoValue, ""},
		{"2025-03-31", "lowest", "1", reports.NoValue, reports.NoValue, "no data from 08:00 to 09:00"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
	var text string
	for _, b := range page(t, r, "peaks").Blocks {
		text += b.Heading + "\n" + b.Text + "\n"
		if b.Table != nil && b.Table.CSV != "peaks.csv" {
			// What the day's visits were, without a baseline to move against.
			if len(b.Table.Columns) != 3 {
				t.Errorf("%s has columns %v, want by, source or entry page, visits", b.Table.CSV, b.Table.Columns)
			}
			for _, row := range b.Table.Rows {
				if len(row) != 3 {
					t.Errorf("%s row %v", b.Table.CSV, row)
				}
			}
		}
	}
	if !strings.Contains(text, "fewer than 28 days of history") {
		t.Errorf("the peaks page does not say why it shows highest and lowest days: %q", text)
	}
	if strings.Contains(text, "median of") || strings.Contains(text, "0.0") {
		t.Errorf("the peaks page shows a baseline that is not one:\n%s", text)
	}
	// The 30th's visits: V1's two and V2's, V3's, V6's.
	if got := table(t, r, "peak-2025-03-30.csv"); !slices.ContainsFunc(got, func(r []string) bool {
		return strings.Join(r, " ") == "entry page /posts/a/ 3"
	}) {
		t.Errorf("the 30th's entry pages lack /posts/a/ with 3 visits: %v", got)
	}
}

// TestGoldenTimezone: days follow the report's zone. In Paris (UTC+2 from
// 30 March 01:00 UTC), V6's visit at 23:50 UTC starts on the 31st, 01:50
// local: the 30th keeps S1-S4 (V1, V2, V3; 3 + 1 + 2 + 1 page views), the
// 31st gets S5 and S6 (V6, V5; 2 + 2).
func TestGoldenTimezone(t *testing.T) {
	ctx := context.Background()
	db := ingestDB(t, goldenLog())
	r, err := Build(ctx, db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "Europe/Paris"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2025-03-30", "3", "4", "7"}, {"2025-03-31", "2", "2", "4"}}
	if diff := cmp.Diff(want, table(t, r, "overview-daily.csv")); diff != "" {
		t.Errorf("daily in Paris (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.Period, "Europe/Paris") {
		t.Errorf("the period does not name its zone: %q", r.Period)
	}
	// A period after the data: said, not shown as a quiet month.
	r, err = Build(ctx, db, Options{From: "2025-05-01", To: "2025-05-07", Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "nothing to show") {
		t.Errorf("warnings for a period after the data: %q", r.Warnings)
	}
}

// TestPageDefinitions: every page of the report links to its sections of
// docs/metrics.md, and each of them exists.
func TestPageDefinitions(t *testing.T) {
	r := goldenReport(t)
	anchors, err := reports.MetricsAnchors()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Pages {
		if len(p.Definitions) == 0 {
			t.Errorf("page %s links to no definition", p.Slug)
		}
		for _, d := range p.Definitions {
			if !slices.Contains(anchors, d.Anchor) {
				t.Errorf("page %s links to %q, not a section of docs/metrics.md", p.Slug, d.Anchor)
			}
		}
	}
	if err := reports.Write(t.TempDir(), r); err != nil {
		t.Error(err)
	}
}
