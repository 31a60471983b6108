package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// testPosts is a snapshot kind for these tests only: a first line
// "#test-posts [export time]", then one post per line, "platform|id|ts|likes".
var testPosts = Kind{
	Name: "test_posts", Table: warehouse.SocialPosts.Name, Mode: Snapshot,
	Detect:     func(head []byte) bool { return strings.HasPrefix(string(head), "#test-posts") },
	OpenSource: func(src *Source) Reader { return &testPostReader{s: bufio.NewScanner(src.R), name: src.Name} },
}

func init() {
	kinds = append(kinds, testPosts)
	Formats = kindNames()
}

type testPostReader struct {
	s        *bufio.Scanner
	name     string
	line     int64
	exported time.Time
}

var _ Reader = (*testPostReader)(nil)

func (r *testPostReader) Next() (Record, error) {
	for r.s.Scan() {
		r.line++
		text := r.s.Text()
		if r.line == 1 {
			if _, ts, ok := strings.Cut(text, " "); ok {
				r.exported, _ = time.Parse(time.RFC3339, ts)
			}
			continue
		}
		f := strings.Split(text, "|")
		if len(f) != 4 {
			return nil, &ParseError{File: r.name, Line: r.line, Err: errors.New("not 4 fields"), Raw: []byte(text)}
		}
		ts, err := time.Parse(time.RFC3339, f[2])
		if err != nil {
			return nil, &ParseError{File: r.name, Line: r.line, Err: err, Raw: []byte(text)}
		}
		likes, _ := strconv.ParseInt(f[3], 10, 64)
		p := &Post{Line: r.line}
		p.Platform, p.PostID, p.TS, p.Kind, p.Likes = f[0], f[1], ts, "post", &likes
		p.Links = []string{"https://www.example.org/a", "https://other.net/b"}
		return p, nil
	}
	return nil, io.EOF
}

func (r *testPostReader) ExportTime() (time.Time, bool) { return r.exported, !r.exported.IsZero() }

// postsIn reads the social_posts files as a plain Parquet read would (no
// view): id -> likes, failing on a key seen twice.
func postsIn(t *testing.T, wh string) map[string]int64 {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "social_posts", "*", "*.parquet"))
	out := map[string]int64{}
	for _, f := range files {
		rows, err := parquet.ReadFile[warehouse.SocialPost](f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if _, dup := out[r.PostID]; dup {
				t.Errorf("post %s twice in the files", r.PostID)
			}
			out[r.PostID] = *r.Likes
			if len(r.LinksOwnSite) != 1 || r.LinksOwnSite[0] != "https://www.example.org/a" {
				t.Errorf("post %s: links_own_site %v", r.PostID, r.LinksOwnSite)
			}
		}
	}
	return out
}

func writeFile(t *testing.T, p, content string, mod time.Time) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if !mod.IsZero() {
		os.Chtimes(p, mod, mod)
	}
	return p
}

// TestSnapshots: the same export twice adds nothing (in one run or two); a
// newer export updates counters and adds its new keys, keeping the keys it
// lacks; an older export, ingested after, adds only what is missing. The
// files hold one row per key after each batch.
func TestSnapshots(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	march := writeFile(t, filepath.Join(dir, "march.txt"), "#test-posts 2026-03-31T00:00:00Z\n"+
		"x|1|2026-03-01T10:00:00Z|5\nx|2|2026-03-02T10:00:00Z|1\n", time.Time{})
	copyOf := writeFile(t, filepath.Join(dir, "copy.txt"), mustRead(t, march), time.Time{})

	sum := ingestArgs(t, wh, march, copyOf)
	if rows, already, _, _ := totals(sum); rows != 2 || already != 2 {
		t.Fatalf("first run: rows %d already %d, want 2 and 2 (the copy is the same export)", rows, already)
	}
	if got := postsIn(t, wh); len(got) != 2 || got["1"] != 5 {
		t.Fatalf("after march: %v", got)
	}
	if sum := ingestArgs(t, wh, march); sum.Batch != "" || sum.Files[0].Already != 2 {
		t.Fatalf("march again: batch %q, already %d: want no batch, 2 already", sum.Batch, sum.Files[0].Already)
	}

	// April: post 1 gained likes, post 3 is new, post 2 is not in it (capped).
	april := writeFile(t, filepath.Join(dir, "april.txt"), "#test-posts 2026-04-30T00:00:00Z\n"+
		"x|1|2026-03-01T10:00:00Z|9\nx|3|2026-04-02T10:00:00Z|2\n", time.Time{})
	sum = ingestArgs(t, wh, april)
	if len(sum.Merged) != 1 || sum.Merged[0] != (MergeStat{Table: "social_posts", Platform: "x", Added: 1, Updated: 1, Total: 3}) {
		t.Errorf("april merge: %+v", sum.Merged)
	}
	if got := postsIn(t, wh); len(got) != 3 || got["1"] != 9 || got["2"] != 1 || got["3"] != 2 {
		t.Fatalf("after april: %v, want 1:9 2:1 3:2", got)
	}

	// February, ingested last: post 1 had fewer likes then (the newer
	// count stays), post 0 only it has.
	feb := writeFile(t, filepath.Join(dir, "feb.txt"), "#test-posts 2026-02-28T00:00:00Z\n"+
		"x|0|2026-02-01T10:00:00Z|4\nx|1|2026-03-01T10:00:00Z|1\n", time.Time{})
	ingestArgs(t, wh, feb)
	if got := postsIn(t, wh); len(got) != 4 || got["1"] != 9 || got["0"] != 4 {
		t.Fatalf("after february: %v, want 0:4 1:9 2:1 3:2", got)
	}
	viewCount(t, wh, "SELECT count(*) FROM social_posts", 4)
	viewCount(t, wh, "SELECT likes FROM social_posts WHERE post_id = '1' AND platform = 'x'", 9)
	files, _ := filepath.Glob(filepath.Join(wh, "social_posts", "*", "*.parquet"))
	if len(files) != 1 {
		t.Errorf("social_posts files %v, want the one the last merge wrote", files)
	}
	checkHyparquet(t, files) // lists and nullable columns, in a strict reader
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSnapshotExportTime: without a time of its own an export is as new as
// its latest record, and rows that are no valid rows are rejects.
func TestSnapshotExportTime(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	// No export time: the latest record (March 5) makes it newer than an
	// export dated March 3, whatever the ingest order.
	a := writeFile(t, filepath.Join(dir, "a.txt"), "#test-posts\nx|1|2026-03-01T10:00:00Z|7\nx|2|2026-03-05T10:00:00Z|1\nBad Platform|3|2026-03-01T10:00:00Z|1\nbroken\n", time.Time{})
	b := writeFile(t, filepath.Join(dir, "b.txt"), "#test-posts 2026-03-03T00:00:00Z\nx|1|2026-03-01T10:00:00Z|3\n", time.Time{})
	sum := ingestArgs(t, wh, a, b)
	if f := sum.Files[0]; f.Rows != 2 || f.Rejects != 2 || f.Lines != 4 {
		t.Errorf("a: rows %d rejects %d records %d, want 2, 2, 4", f.Rows, f.Rejects, f.Lines)
	}
	if got := postsIn(t, wh); got["1"] != 7 {
		t.Errorf("post 1 has %d likes, want 7 (the newer export's)", got["1"])
	}
	viewCount(t, wh, "SELECT count(*) FROM rejects", 2)
}

// viewCount checks that query, on the warehouse's views, gives want.
func viewCount(t *testing.T, wh, query string, want int64) {
	t.Helper()
	db, err := warehouse.OpenDB(context.Background(), wh, warehouse.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got int64
	if err := db.QueryRow(query).Scan(&got); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if got != want {
		t.Errorf("%s = %d, want %d", query, got, want)
	}
}

// TestSnapshotReadOnce: an export that can be read only once (a tar.gz
// entry, standard input) is known to be in only after it was read: its
// rows, already on their way to the writer, are dropped, and nothing is
// added, not even its rejects.
func TestSnapshotReadOnce(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	export := "#test-posts 2026-03-31T00:00:00Z\nx|1|2026-03-01T10:00:00Z|5\nbroken\n"
	tgz := filepath.Join(dir, "a.tar.gz")
	writeTar(t, tgz, []entry{{"data/posts.txt", export}}, true)
	plain := writeFile(t, filepath.Join(dir, "posts.txt"), export, time.Time{})
	sum := ingestArgs(t, wh, plain, tgz)
	if rows, already, _, _ := totals(sum); rows != 1 || already != 2 {
		t.Fatalf("rows %d, already %d: want 1 row, and the tar entry already in (2 records)", rows, already)
	}
	sum, err := Ingest(context.Background(), []string{Stdin}, Options{Warehouse: wh, Stdin: strings.NewReader(export)})
	if err != nil || sum.Batch != "" || sum.Files[0].Already != 2 || sum.Files[0].Rejects != 0 {
		t.Fatalf("stdin: %+v, %v; want nothing added, 2 already in", sum, err)
	}
	viewCount(t, wh, "SELECT count(*) FROM social_posts", 1)
	viewCount(t, wh, "SELECT count(*) FROM rejects", 1)
}

// TestSnapshotReviewCases: what the review of the snapshot path found,
// each case once: a newer export with the same rows leaves the file as it
// is; two archive entries of one name each count; a forced --format
// applies to what no kind detects, not to an archive's other entries.
func TestSnapshotReviewCases(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	rows := "x|1|2026-03-01T10:00:00Z|5\n"
	ingestArgs(t, wh, writeFile(t, filepath.Join(dir, "a.txt"), "#test-posts 2026-03-31T00:00:00Z\n"+rows, time.Time{}))
	before, _ := filepath.Glob(filepath.Join(wh, "social_posts", "*", "*.parquet"))
	sum := ingestArgs(t, wh, writeFile(t, filepath.Join(dir, "b.txt"), "#test-posts 2026-04-30T00:00:00Z\n"+rows, time.Time{}))
	if len(sum.Merged) != 1 || sum.Merged[0].Kept != 1 || sum.Merged[0].Updated != 0 {
		t.Errorf("a newer export of the same rows: %+v, want 1 kept, none updated", sum.Merged)
	}
	after, _ := filepath.Glob(filepath.Join(wh, "social_posts", "*", "*.parquet"))
	if len(before) != 1 || len(after) != 1 || before[0] != after[0] {
		t.Errorf("files %v then %v: want the same one file", before, after)
	}

	// Two entries named alike, the second an export already in: the
	// first's rows are in. (Rows wait for their input's mark by name: two
	// inputs of one name must not share one; today the second is known by
	// its hash before it is read, and only an input that fails midway is
	// dropped by a mark.)
	known := "#test-posts\nx|11|2026-05-02T10:00:00Z|1\n"
	ingestArgs(t, wh, writeFile(t, filepath.Join(dir, "known.txt"), known, time.Time{}))
	tgz := filepath.Join(dir, "twice.tar.gz")
	writeTar(t, tgz, []entry{{"posts.txt", "#test-posts\nx|10|2026-05-01T10:00:00Z|1\n"}, {"posts.txt", known}}, true)
	ingestArgs(t, wh, tgz)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE post_id IN ('10', '11')", 2)

	// --format forces only what no kind detects inside an archive.
	zp := filepath.Join(dir, "forced.zip")
	writeZip(t, zp, []entry{{"posts.txt", "#test-posts\nx|20|2026-05-03T10:00:00Z|1\n"}, {"access.log", logText(0, 3)}})
	fsum, err := Ingest(context.Background(), []string{zp}, Options{Warehouse: wh, Site: "example.org", Format: "test_posts"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fsum.Files {
		if strings.HasSuffix(f.Name, "access.log") && (f.Format != "combined" || f.Rows != 3) {
			t.Errorf("the archive's log under --format test_posts: %s, %d rows; want combined, 3", f.Format, f.Rows)
		}
	}
}

// TestClosestKinds: an input no kind detects is told which kinds come
// nearest, with how many of its first records each reads.
func TestClosestKinds(t *testing.T) {
	if got := closestKinds([]byte("platform,ts,text\nforum,2026-01-01T00:00:00Z,hello\n")); !strings.Contains(got, "conversations_csv (1 of its first 1 records)") {
		t.Errorf("a generic CSV with only shared columns: %q", got)
	}
	if got := closestKinds([]byte("dear diary\n")); got != "no kind reads any of its first records" {
		t.Errorf("prose: %q", got)
	}
}
