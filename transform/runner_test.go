package transform

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmpulse/cmpulse/queries"
)

// TestColumnsReadListed builds the golden report, recording every column
// the code reads, and checks that columnsRead lists each one: a column left
// out of the list would escape the check made when its query runs.
func TestColumnsReadListed(t *testing.T) {
	read := map[string]map[string]bool{}
	db := ingestDB(t, goldenLog())
	if _, err := Build(context.Background(), db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "UTC", readColumns: read}); err != nil {
		t.Fatal(err)
	}
	if len(read) < len(columnsRead) {
		t.Errorf("the golden report read %d queries' columns, columnsRead lists %d: a query returned no rows, so the test proves less", len(read), len(columnsRead))
	}
	for name, cols := range read {
		for c := range cols {
			if !slices.Contains(columnsRead[name], c) {
				t.Errorf("query %s: the report reads column %q, which columnsRead does not list", name, c)
			}
		}
	}
}

// TestOverrideMissingColumn: a --queries override that lost a column the
// report reads is an error naming the override's file and the column.
func TestOverrideMissingColumn(t *testing.T) {
	db := ingestDB(t, goldenLog())
	dir := t.TempDir()
	text, err := queries.New("").Get("content_pages")
	if err != nil {
		t.Fatal(err)
	}
	// Rename the column rather than drop it: the query stays valid SQL.
	broken := strings.Replace(text, "0) AS exits", "0) AS leaves", 1)
	if broken == text {
		t.Fatal("content_pages.sql has no '0) AS exits': the test needs another way to drop the column")
	}
	file := filepath.Join(dir, "content_pages.sql")
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "UTC", Queries: queries.New(dir)})
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), `"exits"`) {
		t.Errorf("Build with %s lacking exits: error %v, want one naming the file and the column", file, err)
	}
}

// TestResultMissingColumn: reading a column that is not in the result, and
// that the list let through, gives nil and an error kept for Build instead
// of a panic.
func TestResultMissingColumn(t *testing.T) {
	q := &runner{qs: queries.New("")}
	r := &result{name: "content_pages", q: q, cols: map[string]int{"path": 0}, rows: [][]any{{"/a/"}}}
	if got := r.str(0, "path"); got != "/a/" {
		t.Errorf("str(path) = %q, want /a/", got)
	}
	if got := r.str(0, "nope"); got != "" {
		t.Errorf("str(nope) = %q, want empty", got)
	}
	if q.missing == nil || !strings.Contains(q.missing.Error(), `"nope"`) || !strings.Contains(q.missing.Error(), "content_pages.sql") {
		t.Errorf("missing = %v, want an error naming content_pages.sql and the column", q.missing)
	}
}

// TestResultMissingRow: an override of overview_kpis that returns one row
// instead of two (period, previous period) is an error, not a panic.
func TestResultMissingRow(t *testing.T) {
	q := &runner{qs: queries.New("")}
	r := &result{name: "overview_kpis", q: q, cols: map[string]int{"visits": 0}, rows: [][]any{{int64(3)}}}
	if got := r.num(1, "visits"); !math.IsNaN(got) {
		t.Errorf("num(1, visits) = %v, want NaN for a row that is not there", got)
	}
	if q.missing == nil || !strings.Contains(q.missing.Error(), "overview_kpis.sql") || !strings.Contains(q.missing.Error(), "row 2") {
		t.Errorf("missing = %v, want an error naming overview_kpis.sql and row 2", q.missing)
	}
}
