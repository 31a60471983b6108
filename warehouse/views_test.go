package warehouse

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// oldHit is a hits row as an older cmpulse wrote it: only some of today's
// columns (none of has_agent, client_bot, browser, os, device, ...), so
// that the test holds for any column added later too.
type oldHit struct {
	TS          time.Time `parquet:"ts,timestamp(microsecond)"`
	VisitorID   *string   `parquet:"visitor_id,optional"`
	Method      *string   `parquet:"method,optional,dict"`
	Path        *string   `parquet:"path,optional,dict"`
	Status      int32     `parquet:"status"`
	UserAgent   *string   `parquet:"user_agent,optional,dict"`
	IsBot       bool      `parquet:"is_bot"`
	BotName     *string   `parquet:"bot_name,optional,dict"`
	BotCategory *string   `parquet:"bot_category,optional,dict"`
	Channel     string    `parquet:"channel,dict"`
	SourceFile  string    `parquet:"source_file,dict"`
	SourceLine  int64     `parquet:"source_line"`
	Batch       string    `parquet:"batch,dict"`
}

func writeParquet[T any](t *testing.T, path string, rows []T) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := parquet.WriteFile(path, rows); err != nil {
		t.Fatal(err)
	}
}

// describe returns the columns of a view as "name type" lines.
func describe(t *testing.T, dir, view string) string {
	t.Helper()
	db, err := OpenDB(context.Background(), dir, DBOptions{})
	if err != nil {
		t.Fatalf("OpenDB: %v", err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE " + view + ")")
	if err != nil {
		t.Fatalf("describing %s: %v", view, err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		b.WriteString(name + " " + typ + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func queryOne(t *testing.T, dir, q string) string {
	t.Helper()
	db, err := OpenDB(context.Background(), dir, DBOptions{})
	if err != nil {
		t.Fatalf("OpenDB: %v", err)
	}
	defer db.Close()
	var v sql.NullString
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v.String
}

// TestViewsOfOldFiles: a warehouse whose every hits file predates some
// columns has the same view columns, in the same order and of the same
// types, as an empty one, a current one and a mixed one; the missing
// columns are NULL, and the derived views work on them.
func TestViewsOfOldFiles(t *testing.T) {
	s := func(v string) *string { return &v }
	ts := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	old := []oldHit{
		{TS: ts, VisitorID: s("a"), Method: s("GET"), Path: s("/"), Status: 200, UserAgent: s("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"), Channel: "direct", SourceFile: "a.log", SourceLine: 1, Batch: "b1"},
		{TS: ts.Add(time.Minute), VisitorID: s("a"), Method: s("GET"), Path: s("/about/"), Status: 200, Channel: "internal", SourceFile: "a.log", SourceLine: 2, Batch: "b1"},
	}
	current := []Hit{{TS: ts.AddDate(0, 0, 1), VisitorID: s("b"), Path: s("/"), Status: 200, HasAgent: true, ClientBot: s("Googlebot"), Channel: "direct", SourceFile: "b.log", SourceLine: 1, Batch: "b2"}}
	part := func(dir, day string) string {
		return filepath.Join(dir, HitsDir, "site=example.org", "date="+day, "part.parquet")
	}

	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, HitsDir), 0o755)
	want := describe(t, empty, "raw_hits")
	for _, col := range []string{"has_agent BOOLEAN", "client_bot VARCHAR", "browser VARCHAR", "site VARCHAR", "date DATE"} {
		if !strings.Contains(want, col+"\n") {
			t.Fatalf("the empty view lacks %s:\n%s", col, want)
		}
	}

	oldDir, newDir, mixed := t.TempDir(), t.TempDir(), t.TempDir()
	writeParquet(t, part(oldDir, "2024-01-01"), old)
	writeParquet(t, part(newDir, "2024-01-02"), current)
	writeParquet(t, part(mixed, "2024-01-01"), old)
	writeParquet(t, part(mixed, "2024-01-02"), current)
	for _, c := range []struct{ name, dir string }{{"old files", oldDir}, {"current files", newDir}, {"mixed files", mixed}} {
		for _, view := range []string{"raw_hits", "hits"} {
			if got := describe(t, c.dir, view); got != want {
				t.Errorf("%s: %s columns\n%s\nwant (as with no file)\n%s", c.name, view, got, want)
			}
		}
	}

	if got := queryOne(t, oldDir, "SELECT count(*) || ' ' || count(has_agent) || ' ' || count(client_bot) || ' ' || count(browser) FROM hits"); got != "2 0 0 0" {
		t.Errorf("old files: rows, has_agent, client_bot, browser = %s, want 2 rows, all NULL", got)
	}
	if got := queryOne(t, oldDir, "SELECT count(*) FROM pageviews WHERE coalesce(has_agent, true)"); got != "2" {
		t.Errorf("old files: %s page views, want 2", got)
	}
	if got := queryOne(t, mixed, "SELECT string_agg(coalesce(client_bot, '-'), ',' ORDER BY ts) FROM hits"); got != "-,-,Googlebot" {
		t.Errorf("mixed files: client_bot %s, want -,-,Googlebot", got)
	}
}

// TestViewsExtraColumn: a column that only the files have (a later
// cmpulse's, in a warehouse of the same format) stays visible, after the
// schema's.
func TestViewsExtraColumn(t *testing.T) {
	type laterHit struct {
		TS    time.Time `parquet:"ts,timestamp(microsecond)"`
		Later string    `parquet:"later_column"`
	}
	dir := t.TempDir()
	writeParquet(t, filepath.Join(dir, HitsDir, "site=example.org", "date=2024-01-01", "part.parquet"),
		[]laterHit{{TS: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Later: "x"}})
	got := describe(t, dir, "raw_hits")
	if !strings.HasSuffix(got, "later_column VARCHAR\n") || !strings.Contains(got, "has_agent BOOLEAN\n") {
		t.Errorf("raw_hits columns:\n%s\nwant every schema column, then later_column", got)
	}
}
