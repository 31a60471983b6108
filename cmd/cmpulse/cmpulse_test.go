package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cmpulse runs the command line in-process, as main would.
func cmpulse(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), exitCode(err)
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := cmpulse(t, "", args...)
	if code != 0 {
		t.Fatalf("cmpulse %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// query runs SQL on a warehouse and returns the CSV records without header.
func query(t *testing.T, wh, sql string) [][]string {
	t.Helper()
	out := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", sql)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("reading CSV of %q: %v\n%s", sql, err, out)
	}
	return recs[1:]
}

// one returns the single value of a one-row, one-column query.
func one(t *testing.T, wh, sql string) string {
	t.Helper()
	recs := query(t, wh, sql)
	if len(recs) != 1 || len(recs[0]) != 1 {
		t.Fatalf("%q returned %v, want one value", sql, recs)
	}
	return recs[0][0]
}

func logLine(i int) string {
	return fmt.Sprintf(`192.0.2.%d - - [17/May/2025:10:%02d:%02d +0200] "GET /post/%d/ HTTP/1.1" 200 %d "-" "Mozilla/5.0 test"`,
		i%250, (i/60)%60, i%60, i, 1000+i)
}

func writeLines(t *testing.T, path string, from, to int, extra ...string) {
	t.Helper()
	var b strings.Builder
	for i := from; i < to; i++ {
		b.WriteString(logLine(i) + "\n")
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	if err := os.WriteFile(dst, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestLifecycle follows one log through a nightly job's life: first
// ingest, re-run, growth, rotation and compression. Nothing may be counted
// twice and nothing lost.
func TestIngestLifecycle(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "access.log")
	hits := "SELECT count(*) FROM hits"

	writeLines(t, log, 0, 100, "this is not a log line")
	out, errOut, code := cmpulse(t, "", "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	if code != 0 {
		t.Fatalf("ingest: exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "access.log:101: no [timestamp] field") {
		t.Errorf("summary does not show the reject as file:line: reason:\n%s", out)
	}
	if !strings.Contains(errOut, "1 line(s) or record(s) could not be read") {
		t.Errorf("stderr does not tell about rejects: %q", errOut)
	}
	if got := one(t, wh, hits); got != "100" {
		t.Fatalf("after first ingest: %s hits, want 100", got)
	}
	if got := one(t, wh, "SELECT source_line || ' ' || reason || ' ' || raw FROM rejects"); got != "101 no [timestamp] field this is not a log line" {
		t.Errorf("reject = %q", got)
	}

	// The same file again adds nothing.
	out = mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	if !strings.Contains(out, "nothing new to add") || one(t, wh, hits) != "100" {
		t.Fatalf("second ingest of the same file added rows:\n%s", out)
	}

	// The log grows: only the new lines are read, numbered from 102.
	f, _ := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	for i := 100; i < 150; i++ {
		fmt.Fprintln(f, logLine(i))
	}
	f.Close()
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	if got := one(t, wh, hits); got != "150" {
		t.Fatalf("after growth: %s hits, want 150", got)
	}
	if got := one(t, wh, "SELECT min(source_line) || '-' || max(source_line) FROM hits WHERE path = '/post/100/' OR path = '/post/149/'"); got != "102-151" {
		t.Errorf("new lines numbered %s, want 102-151", got)
	}

	// Rotation: access.log -> access.log.1 (grown by 10 more lines before
	// rotating), a new access.log; then access.log.1 -> access.log.2.gz.
	f, _ = os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	for i := 150; i < 160; i++ {
		fmt.Fprintln(f, logLine(i))
	}
	f.Close()
	if err := os.Rename(log, log+".1"); err != nil {
		t.Fatal(err)
	}
	writeLines(t, log, 1000, 1020)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", filepath.Join(dir, "access.log*"))
	if got := one(t, wh, hits); got != "180" {
		t.Fatalf("after rotation: %s hits, want 180", got)
	}
	gzipFile(t, log+".1", log+".2.gz")
	os.Remove(log + ".1")
	out = mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", dir)
	if got := one(t, wh, hits); got != "180" {
		t.Fatalf("after compression of the rotated log: %s hits, want 180\n%s", got, out)
	}
	if got := one(t, wh, "SELECT count(*) FROM rejects"); got != "1" {
		t.Errorf("rejects = %s, want 1 (rotation must not repeat them)", got)
	}

	// Stdin is one more input; the same bytes again are recognised too.
	in := logLine(5000) + "\n" + logLine(5001) + "\n"
	if _, e, code := cmpulse(t, in, "ingest", "--warehouse", wh, "--site", "example.org", "-"); code != 0 {
		t.Fatalf("ingest from stdin: exit %d: %s", code, e)
	}
	cmpulse(t, in, "ingest", "--warehouse", wh, "--site", "example.org", "-")
	if got := one(t, wh, hits); got != "182" {
		t.Fatalf("after stdin twice: %s hits, want 182", got)
	}
}

func TestIngestUTCAndPartitions(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	os.WriteFile(log, []byte(
		`192.0.2.1 - - [01/Jan/2024:02:15:00 +0330] "GET / HTTP/1.1" 200 1 "-" "x"`+"\n"+
			`192.0.2.1 - - [31/Dec/2023:23:59:59 -1200] "GET /b HTTP/1.1" 200 1 "-" "x"`+"\n"), 0o644)
	mustRun(t, "ingest", "--warehouse", wh, "--site", "s1", log)
	recs := query(t, wh, "SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), date, site FROM hits ORDER BY ts")
	want := [][]string{{"2023-12-31 22:45:00", "2023-12-31", "s1"}, {"2024-01-01 11:59:59", "2024-01-01", "s1"}}
	if fmt.Sprint(recs) != fmt.Sprint(want) {
		t.Errorf("ts, date, site = %v, want %v", recs, want)
	}
	for _, p := range []string{"hits/site=s1/date=2023-12-31", "hits/site=s1/date=2024-01-01"} {
		if m, _ := filepath.Glob(filepath.Join(wh, p, "*.parquet")); len(m) != 1 {
			t.Errorf("%s: %d files, want 1", p, len(m))
		}
	}
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE ip IS NOT NULL"); got != "0" {
		t.Errorf("%s hits keep an IP without --keep-ip", got)
	}
	if got := one(t, wh, "SELECT count(DISTINCT visitor_id) FROM hits"); got != "1" {
		t.Errorf("one client and agent gave %s visitor ids", got)
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "_staging", "*")); len(m) != 0 {
		t.Errorf("staging left behind: %v", m)
	}
}

func TestIngestKeepIP(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	writeLines(t, log, 1, 3)
	mustRun(t, "ingest", "--keep-ip", "--warehouse", wh, log)
	if got := one(t, wh, "SELECT string_agg(ip, ',' ORDER BY ip) FROM hits"); got != "192.0.2.1,192.0.2.2" {
		t.Errorf("ips = %q", got)
	}
}

func TestIngestErrors(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	good := filepath.Join(dir, "good.log")
	writeLines(t, good, 0, 5)
	notLog := filepath.Join(dir, "notes.txt")
	os.WriteFile(notLog, []byte("dear diary\n"), 0o644)

	_, errOut, code := cmpulse(t, "", "ingest", "--warehouse", wh, good, notLog, filepath.Join(dir, "missing.log"))
	if code != 1 {
		t.Errorf("exit %d, want 1 when an input cannot be read", code)
	}
	for _, want := range []string{"missing.log: no such file", "notes.txt: unknown format", "give --format"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != "5" {
		t.Errorf("the good file was not ingested: %s hits", got)
	}

	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--format", "xml", good},
		{"ingest", "--site", "../etc", good},
		{"ingest", "--no-such-flag", good},
		{"nosuchcommand"},
		{"sql", "--format", "yaml", "SELECT 1"},
	} {
		if _, errOut, code := cmpulse(t, "", args...); code != 2 || !isUsageError(errOut) {
			t.Errorf("cmpulse %v: exit %d, want 2 with a pointer to --help; stderr:\n%s", args, code, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands {
		out, _, code := cmpulse(t, "", c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: cmpulse "+c.name) {
			t.Errorf("%s --help: exit %d, output:\n%s", c.name, code, out)
		}
		out2, _, _ := cmpulse(t, "", "help", c.name)
		if out2 != out {
			t.Errorf("'help %s' differs from '%s --help'", c.name, c.name)
		}
	}
	if out, _, code := cmpulse(t, "", "--help"); code != 0 || !strings.Contains(out, "ingest") {
		t.Errorf("--help: exit %d:\n%s", code, out)
	}
}

func TestSQL(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	os.WriteFile(log, []byte(`192.0.2.1 - - [01/Jan/2024:02:15:00 +0000] "GET /a,\"b\" HTTP/1.1" 200 1 "-" "x"`+"\n"+
		`192.0.2.1 - - [01/Jan/2024:02:15:01 +0000] "GET / HTTP/1.1" 404 - "-" "x"`+"\n"), 0o644)
	mustRun(t, "ingest", "--warehouse", wh, log)

	q := "SELECT path, status, bytes, ts FROM hits ORDER BY ts"
	table := mustRun(t, "sql", "--warehouse", wh, q)
	if !strings.Contains(table, "2024-01-01 02:15:00+00:00") || !strings.Contains(table, "NULL") || !strings.Contains(table, "(2 rows)") {
		t.Errorf("table output:\n%s", table)
	}
	csvOut := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", q)
	want := "path,status,bytes,ts\r\n\"/a,\\\"\"b\\\"\"\",200,1,2024-01-01 02:15:00+00:00\r\n/,404,,2024-01-01 02:15:01+00:00\r\n"
	if csvOut != want {
		t.Errorf("csv:\n%q\nwant\n%q", csvOut, want)
	}
	jsonOut := mustRun(t, "sql", "--warehouse", wh, "--format", "json", q)
	lines := strings.Split(strings.TrimSpace(jsonOut), "\n")
	if len(lines) != 2 {
		t.Fatalf("json lines: %q", jsonOut)
	}
	var row map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &row); err != nil || row["status"] != float64(404) || row["bytes"] != nil {
		t.Errorf("json row %q: %v %v", lines[1], row, err)
	}
	if !strings.HasPrefix(lines[0], `{"path":`) {
		t.Errorf("json keys not in query order: %s", lines[0])
	}

	// A bad query: DuckDB's message, exit 1, no Go stack trace.
	_, errOut, code := cmpulse(t, "", "sql", "--warehouse", wh, "SELECT nope FROM hits")
	if code != 1 || !strings.Contains(errOut, "nope") || strings.Contains(errOut, "goroutine") {
		t.Errorf("bad query: exit %d, stderr %q", code, errOut)
	}
	// The query can come from stdin.
	out, _, code := cmpulse(t, "SELECT count(*) AS n FROM hits", "sql", "--warehouse", wh, "--format", "csv")
	if code != 0 || out != "n\r\n2\r\n" {
		t.Errorf("query from stdin: exit %d, %q", code, out)
	}
	// No warehouse: a message that says what to do.
	_, errOut, code = cmpulse(t, "", "sql", "--warehouse", filepath.Join(dir, "nowhere"), "SELECT 1")
	if code != 1 || !strings.Contains(errOut, "ingest something first") {
		t.Errorf("missing warehouse: exit %d, %q", code, errOut)
	}
}

// TestViewsForDuckDBCLI checks that --views quotes the path (a warehouse
// folder with a quote in its name) and that its DDL runs as given.
func TestViewsQuoting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "it's here")
	wh := filepath.Join(dir, "wh")
	os.MkdirAll(dir, 0o755)
	log := filepath.Join(dir, "a.log")
	writeLines(t, log, 0, 3)
	mustRun(t, "ingest", "--warehouse", wh, log)
	views := mustRun(t, "sql", "--warehouse", wh, "--views")
	if !strings.Contains(views, "it''s here") {
		t.Errorf("path not quoted in views:\n%s", views)
	}
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != "3" {
		t.Errorf("hits = %s", got)
	}
	// The printed DDL runs in a fresh DuckDB session, as the CLI would run
	// it, from another working folder.
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(views); err != nil {
		t.Fatalf("running the printed views: %v", err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM pageviews").Scan(&n); err != nil || n != 3 {
		t.Errorf("pageviews through the printed views = %d, %v; want 3", n, err)
	}
}

// TestSQLValues checks values that are easy to get wrong: a lone CR inside
// a CSV field, timestamps in --timezone, TIME, UUID, DECIMAL and NaN.
func TestSQLValues(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	writeLines(t, log, 0, 1)
	mustRun(t, "ingest", "--warehouse", wh, log)
	csvOut := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", "SELECT 'a' || chr(13) || 'b' AS v")
	if csvOut != "v\r\n\"a\rb\"\r\n" {
		t.Errorf("CR in a field: %q", csvOut)
	}
	q := "SELECT TIMESTAMPTZ '2025-01-01 12:00:00+00' AS ts, TIME '12:34:56' AS t, '4eef1e4a-3b2c-4d5e-8f90-123456789abc'::UUID AS u, 1.50::DECIMAL(4,2) AS d, 'NaN'::DOUBLE AS nan"
	out := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", "--timezone", "Europe/Paris", q)
	if want := "ts,t,u,d,nan\r\n2025-01-01 13:00:00+01:00,12:34:56,4eef1e4a-3b2c-4d5e-8f90-123456789abc,1.5,NaN\r\n"; out != want {
		t.Errorf("values as CSV:\n%q\nwant\n%q", out, want)
	}
	out = mustRun(t, "sql", "--warehouse", wh, "--format", "json", q)
	if want := `{"ts":"2025-01-01 12:00:00+00:00","t":"12:34:56","u":"4eef1e4a-3b2c-4d5e-8f90-123456789abc","d":1.5,"nan":"NaN"}` + "\n"; out != want {
		t.Errorf("values as JSON:\n%s\nwant\n%s", out, want)
	}
}

func TestEmptyWarehouseViews(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	os.WriteFile(log, []byte("garbage\n"), 0o644)
	mustRun(t, "ingest", "--format", "combined", "--warehouse", wh, log)
	// Only a reject: hits has no file yet, yet its view works.
	if got := one(t, wh, "SELECT count(*) || ' ' || typeof(min(ts)) FROM hits"); got != "0 TIMESTAMP WITH TIME ZONE" {
		t.Errorf("empty hits view: %q", got)
	}
	if got := one(t, wh, "SELECT count(*) FROM rejects"); got != "1" {
		t.Errorf("rejects = %s", got)
	}
}
