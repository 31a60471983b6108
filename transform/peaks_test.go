package transform

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"

// logLine is a Combined log line of a GET of path at t.
func logLine(t time.Time, ip, path string, status int) string {
	return fmt.Sprintf(`%s - - [%s] "GET %s HTTP/1.1" %d 1000 "-" %q`,
		ip, t.UTC().Format("02/Jan/2006:15:04:05 -0700"), path, status, firefox)
}

// steadyDays are the lines of a site that one reader per listed hour visits
// every day from first to last (dates, inclusive), at that hour in loc.
func steadyDays(first, last time.Time, loc *time.Location, hours ...int) []string {
	var lines []string
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		for _, h := range hours {
			at := time.Date(d.Year(), d.Month(), d.Day(), h, 0, 0, 0, loc)
			lines = append(lines, logLine(at, fmt.Sprintf("10.1.0.%d", h), "/", 200))
		}
	}
	return lines
}

// ingestSites ingests the lines of each site into one new warehouse and
// opens it.
func ingestSites(t *testing.T, sites map[string][]string) *sql.DB {
	t.Helper()
	return openWarehouse(t, ingestWarehouse(t, sites))
}

// ingestWarehouse ingests the lines of each site into one new warehouse and
// returns its folder.
func ingestWarehouse(t *testing.T, sites map[string][]string) string {
	t.Helper()
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	ctx := context.Background()
	for site, lines := range sites {
		log := filepath.Join(dir, site+".log")
		if err := os.WriteFile(log, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ingest.Ingest(ctx, []string{log}, ingest.Options{Warehouse: wh, Site: site}); err != nil {
			t.Fatal(err)
		}
	}
	return wh
}

// openWarehouse opens a warehouse's database, closed when the test ends.
func openWarehouse(t *testing.T, wh string) *sql.DB {
	t.Helper()
	db, err := warehouse.OpenDB(context.Background(), wh, warehouse.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // a typo in a test
	}
	return d
}

// column returns column c of a table's rows.
func columnOf(rows [][]string, c int) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[c])
	}
	return out
}

// TestPartialDay: a nightly run at 03:15 in Paris (UTC+2 in July) on
// 15 July, whose log ends at 02:00 local that day (still the 14th in UTC).
// Three readers a day from 1 June to 14 July; on the 15th, one visit at
// 01:30. The 15th is not over: the default period ends on the 14th, and the
// 15th (1 visitor against a median of 3) is never a trough, even when
// --to includes it.
func TestPartialDay(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	lines := steadyDays(date("2025-06-01"), date("2025-07-14"), paris, 8, 12, 18)
	lines = append(lines,
		logLine(time.Date(2025, 7, 15, 1, 30, 0, 0, paris), "10.1.1.1", "/late/", 200),
		logLine(time.Date(2025, 7, 15, 1, 59, 0, 0, paris), "10.1.1.1", "/late.css", 200))
	db := ingestSites(t, map[string][]string{"a.test": lines})
	now := time.Date(2025, 7, 15, 3, 15, 0, 0, paris)
	ctx := context.Background()

	r, err := Build(ctx, db, Options{Site: "a.test", Zone: "Europe/Paris", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Period, "2025-06-17 to 2025-07-14 (28 days") {
		t.Errorf("default period = %q, want 2025-06-17 to 2025-07-14", r.Period)
	}
	daily := columnOf(table(t, r, "overview-daily.csv"), 0)
	if last := daily[len(daily)-1]; last != "2025-07-14" {
		t.Errorf("the daily table ends on %s, want 2025-07-14", last)
	}
	for _, row := range table(t, r, "peaks.csv") {
		t.Errorf("flagged day %v in a steady period", row)
	}

	// An explicit --to that takes in the 15th: shown, said to be partial,
	// not judged.
	r, err = Build(ctx, db, Options{Site: "a.test", To: "2025-07-15", Zone: "Europe/Paris", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Period, "2025-06-18 to 2025-07-15") {
		t.Errorf("period with --to = %q", r.Period)
	}
	rows := table(t, r, "overview-daily.csv")
	if last := rows[len(rows)-1]; last[0] != "2025-07-15" || last[1] != "1" {
		t.Errorf("the 15th in the daily table = %v, want 1 visitor", last)
	}
	for _, row := range table(t, r, "peaks.csv") {
		t.Errorf("flagged day %v: the 15th is not over", row)
	}
	if !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "2025-07-15 is not over") }) {
		t.Errorf("no warning that the 15th is not over: %q", r.Warnings)
	}
	if text := page(t, r, "peaks").Blocks[0].Text; !strings.Contains(text, "not over") {
		t.Errorf("the peaks page does not say a day was left out: %q", text)
	}

	// The next night the 15th is over and judged: a trough.
	r, err = Build(ctx, db, Options{Site: "a.test", Zone: "Europe/Paris", Now: now.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if got := table(t, r, "peaks.csv"); len(got) != 1 || got[0][0] != "2025-07-15" || got[0][1] != "trough" {
		t.Errorf("peaks the next night = %v, want the 15th as a trough", got)
	}
}

// TestPeriodPerSite: the default period is the reported site's own. Site
// b's log stops on 10 July, site a's runs to 15 July 01:30 (Paris); the
// run is at 03:15 on the 15th.
func TestPeriodPerSite(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	a := steadyDays(date("2025-06-01"), date("2025-07-14"), paris, 8, 12, 18)
	a = append(a, logLine(time.Date(2025, 7, 15, 1, 30, 0, 0, paris), "10.1.1.1", "/", 200))
	b := steadyDays(date("2025-06-01"), date("2025-07-10"), paris, 9, 13)
	wh := ingestWarehouse(t, map[string][]string{"a.test": a, "b.test": b})
	now := time.Date(2025, 7, 15, 3, 15, 0, 0, paris)
	for _, tt := range []struct{ site, want string }{
		{"a.test", "2025-06-17 to 2025-07-14"},
		{"b.test", "2025-06-13 to 2025-07-10"},
		{"", "2025-06-17 to 2025-07-14"},
	} {
		r, err := Build(context.Background(), openWarehouse(t, wh), Options{Site: tt.site, Zone: "Europe/Paris", Now: now})
		if err != nil {
			t.Fatalf("site %q: %v", tt.site, err)
		}
		if !strings.HasPrefix(r.Period, tt.want) {
			t.Errorf("site %q: period %q, want %s", tt.site, r.Period, tt.want)
		}
		if slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "not over") }) {
			t.Errorf("site %q: warnings %q (its period's days are all over)", tt.site, r.Warnings)
		}
	}
}

func TestLastCompleteDay(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct{ lastHit, now, want string }{
		{"2025-07-15 01:59", "2025-07-15 03:15", "2025-07-14"}, // two hours of today
		{"2025-07-14 23:59", "2025-07-15 03:15", "2025-07-14"}, // the log ends at midnight
		{"2025-07-10 12:00", "2025-07-15 03:15", "2025-07-14"}, // the days after the log are over too
		{"2025-07-14 23:30", "2025-07-14 23:45", "2025-07-13"}, // a run before midnight
		{"2025-07-17 10:00", "2025-07-15 03:15", "2025-07-16"}, // a clock ahead: its data ran past the 16th
	} {
		got := lastCompleteDay(at(tt.lastHit), at(tt.now), paris).Format(time.DateOnly)
		if got != tt.want {
			t.Errorf("lastCompleteDay(%s, now %s) = %s, want %s", tt.lastHit, tt.now, got, tt.want)
		}
	}
}

// TestTroughCauses: thirteen readers a day, one per hour from 08:00 to
// 20:00 (UTC), from 1 June to 20 July. On 10 July the site fails: twelve
// requests at 10:00 get 503, and nothing at all is logged from 14:00 to
// 18:00 (four readers missing: 9 visitors against a median of 13, a
// trough). The peaks page says both.
func TestTroughCauses(t *testing.T) {
	var lines []string
	for _, l := range steadyDays(date("2025-06-01"), date("2025-07-20"), time.UTC, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20) {
		if strings.Contains(l, "10/Jul/2025:1") && strings.ContainsAny(l[strings.Index(l, ":1")+2:][:1], "4567") {
			continue // 14:00 to 17:59 on the 10th
		}
		lines = append(lines, l)
	}
	for i := range 12 {
		lines = append(lines, logLine(time.Date(2025, 7, 10, 10, 30, i, 0, time.UTC), "10.2.0.1", "/", 503))
	}
	db := ingestSites(t, map[string][]string{"a.test": lines})
	r, err := Build(context.Background(), db, Options{Site: "a.test", From: "2025-07-01", To: "2025-07-20", Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2025-07-10", "trough", "9", "13.0", "0.0", "12 server errors (5xx) that day; no data from 14:00 to 18:00"}}
	if diff := cmp.Diff(want, table(t, r, "peaks.csv")); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
	var text string
	for _, b := range page(t, r, "peaks").Blocks {
		text += b.Text
	}
	if !strings.Contains(text, "Explained by: 12 server errors (5xx) that day; no data from 14:00 to 18:00.") {
		t.Errorf("the peaks page does not explain the trough: %q", text)
	}
}

// TestMissingHours words runs of hours without data.
func TestMissingHours(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	start, end := time.Date(2025, 10, 26, 0, 0, 0, 0, paris), time.Date(2025, 10, 27, 0, 0, 0, 0, paris) // 25 hours
	for _, tt := range []struct {
		from, to time.Time
		want     string
	}{
		{start.Add(14 * time.Hour), start.Add(18 * time.Hour), "no data from 13:00 to 17:00"}, // clocks went back at 03:00
		{start.Add(20 * time.Hour), end, "no data from 19:00 to 24:00"},
		{start, end, "no data all day"},
	} {
		if got := missingHours(tt.from, tt.to, start, end, paris); got != tt.want {
			t.Errorf("missingHours(%v, %v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestTroughCausesClockChange: the same outage in Paris on 26 October
// 2025, when clocks go back at 03:00 and 02:00 comes twice. One reader
// an hour from 02:00 to 20:00; nothing logged from 14:00 to 17:59. The
// second 02:00 hour, empty because the reader came in the first, is not
// missing data.
func TestTroughCausesClockChange(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	var lines []string
	hours := []int{2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	for _, l := range steadyDays(date("2025-09-20"), date("2025-11-05"), paris, hours...) {
		at, err := time.Parse("02/Jan/2006:15:04:05 -0700", l[strings.Index(l, "[")+1:strings.Index(l, "]")])
		if err != nil {
			t.Fatal(err)
		}
		if local := at.In(paris); local.Day() == 26 && local.Month() == time.October && local.Hour() >= 14 && local.Hour() < 18 {
			continue
		}
		lines = append(lines, l)
	}
	db := ingestSites(t, map[string][]string{"a.test": lines})
	r, err := Build(context.Background(), db, Options{Site: "a.test", From: "2025-10-20", To: "2025-10-31", Zone: "Europe/Paris"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2025-10-26", "trough", "10", "14.0", "0.0", "no data from 14:00 to 18:00"}}
	if diff := cmp.Diff(want, table(t, r, "peaks.csv")); diff != "" {
		t.Errorf("peaks (-want +got):\n%s", diff)
	}
}

// TestPeaksAfterGap: a site logged five days in January, then nothing until
// 20 April. The days after the gap have three days of data before them,
// not 28: no baseline, so no peak against a median of the empty months
// (before the fix: "peak, 3 visitors against a median of 0.0").
func TestPeaksAfterGap(t *testing.T) {
	lines := steadyDays(date("2025-01-01"), date("2025-01-05"), time.UTC, 8, 12, 18)
	lines = append(lines, steadyDays(date("2025-04-20"), date("2025-04-22"), time.UTC, 8, 12, 18)...)
	db := ingestSites(t, map[string][]string{"a.test": lines})
	r, err := Build(context.Background(), db, Options{Site: "a.test", Zone: "UTC",
		Now: time.Date(2025, 4, 23, 3, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	rows := table(t, r, "peaks.csv")
	if len(rows) == 0 {
		t.Fatal("no highest or lowest day shown")
	}
	for _, row := range rows {
		if row[1] != "highest" && row[1] != "lowest" {
			t.Errorf("day %v judged with less than 28 days of data before it", row)
		}
		if (row[3] != "" && row[3] != "–") || (row[4] != "" && row[4] != "–") {
			t.Errorf("day %v has a baseline: there is none", row)
		}
	}
	// Nor does the page badge a highest day "peak" (it did: the kind's
	// colour was passed as the badge's text).
	for _, b := range page(t, r, "peaks").Blocks {
		if b.Table == nil {
			continue
		}
		for _, row := range b.Table.Rows {
			for _, c := range row {
				if (c.Mark == "peak" || c.Mark == "trough") && c.Text != c.Mark {
					t.Errorf("cell %q badged %q", c.Text, c.Mark)
				}
			}
		}
	}
}
