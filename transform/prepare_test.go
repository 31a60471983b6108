package transform

import (
	"context"
	"testing"
	"time"
)

// TestBuildTwoSitesOneDB: two reports on one database, for two sites. The
// second must read its own site from the views, not the first site's rows
// that Prepare's temporary tables hold (it used to fail with "no page
// views", or count the first site's visitors).
func TestBuildTwoSitesOneDB(t *testing.T) {
	utc := time.UTC
	db := ingestSites(t, map[string][]string{
		"a.test": steadyDays(date("2025-06-01"), date("2025-06-28"), utc, 8),
		"b.test": steadyDays(date("2025-06-01"), date("2025-06-28"), utc, 8, 12, 18),
	})
	ctx := context.Background()
	now := time.Date(2025, 6, 29, 12, 0, 0, 0, utc)
	for _, tc := range []struct {
		site string
		want string // visitors and visits on the last day
	}{{"a.test", "1"}, {"b.test", "3"}, {"a.test", "1"}, {"", "4"}, {"b.test", "3"}} {
		r, err := Build(ctx, db, Options{Site: tc.site, Zone: "UTC", Now: now})
		if err != nil {
			t.Fatalf("Build(%q) after others on the same database: %v", tc.site, err)
		}
		rows := table(t, r, "overview-daily.csv")
		if len(rows) == 0 {
			t.Fatalf("Build(%q): no daily rows", tc.site)
		}
		if last := rows[len(rows)-1]; last[0] != "2025-06-28" || last[1] != tc.want || last[2] != tc.want {
			t.Errorf("Build(%q): last day = %v, want 2025-06-28 with %s visitors and visits", tc.site, last, tc.want)
		}
	}
}
