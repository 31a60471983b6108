package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// End-to-end tests of the LinkedIn and YouTube kinds through Ingest: every
// record is a row, a counted skip or a reject, and the same export
// ingested again adds nothing.

// ingestOnce ingests path into wh, checks its summary, then ingests it
// again and checks that nothing is added.
func ingestOnce(t *testing.T, wh, path, format string, rows, skipped, rejects int64) {
	t.Helper()
	sum := ingestArgs(t, wh, path)
	f := sum.Files[0]
	if f.Format != format || f.Rows != rows || f.Skipped != skipped || f.Rejects != rejects || f.Err != nil {
		t.Fatalf("%s: format %s rows %d skipped %d rejects %d err %v; want %s, %d, %d, %d",
			filepath.Base(path), f.Format, f.Rows, f.Skipped, f.Rejects, f.Err, format, rows, skipped, rejects)
	}
	if f.Lines != rows+skipped+rejects {
		t.Errorf("%s: %d records, rows + skipped + rejects = %d", filepath.Base(path), f.Lines, rows+skipped+rejects)
	}
	again := ingestArgs(t, wh, path)
	if again.Batch != "" || again.Files[0].Already != f.Lines {
		t.Errorf("%s again: batch %q, already %d; want no batch, %d", filepath.Base(path), again.Batch, again.Files[0].Already, f.Lines)
	}
}

// TestLinkedInIngestRealSample: the real Shares.csv (202 records: see
// TestLinkedInSharesRealSample for the count) gives 198 rows.
func TestLinkedInIngestRealSample(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "wh")
	ingestOnce(t, wh, filepath.Join(realSample(t, "linkedin_export"), "Shares.csv"), "linkedin_shares", 198, 4, 0)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'linkedin'", 198)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE kind = 'repost' AND text IS NULL", 14)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE likes IS NULL AND impressions IS NULL", 198)
}

// TestYouTubeIngestRealSample: the real Table data.csv (25 records) gives
// 24 rows, the Total row skipped.
func TestYouTubeIngestRealSample(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "wh")
	ingestOnce(t, wh, filepath.Join(realSample(t, "youtube_studio"), "Table data.csv"), "youtube_studio", 24, 1, 0)
	viewCount(t, wh, "SELECT sum(views) FROM social_posts WHERE platform = 'youtube'", 61503)
}

// TestLinkedInIngestArchive: a LinkedIn export is a zip of many CSV files;
// Shares.csv and Comments.csv are read from it, the others (Connections
// with its Notes: preamble, Reactions) are skipped, and the comments'
// author is the configured account.
func TestLinkedInIngestArchive(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "Basic_LinkedInDataExport_07-15-2025.zip")
	writeZip(t, zipPath, []entry{
		{"Shares.csv", liShareCases[1].in + liShareCases[6].in[len(liSharesHead):]},
		{"Comments.csv", liCommentCases[1].in + liCommentCases[7].in[len(liCommentsHead):]},
		{"Connections.csv", "Notes:\n\"When exporting your connection data, you may notice...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Doe,https://www.linkedin.com/in/jd,,Acme,VP,15 Mar 2023\n"},
		{"Reactions.csv", "Date,Type,Link\n2024-01-01 10:00:00,LIKE," + liPost1 + "\n"},
	})
	wh := filepath.Join(dir, "wh")
	sum, err := Ingest(context.Background(), []string{zipPath}, Options{Warehouse: wh, Site: "example.org", Own: map[string][]string{"linkedin": {"Jean-Luc"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]FileSummary{}
	for _, f := range sum.Files {
		got[shortName(f.Name)] = f
	}
	shares, comments, archive := got[filepath.Base(zipPath)+"!Shares.csv"], got[filepath.Base(zipPath)+"!Comments.csv"], got[filepath.Base(zipPath)]
	if shares.Rows != 2 || comments.Rows != 3 || comments.Rejects != 1 || archive.Skipped != 2 {
		t.Fatalf("summary %+v", sum.Files)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'linkedin' AND author = 'Jean-Luc' AND is_own_account", 3)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'linkedin'", 2)
	viewCount(t, wh, "SELECT count(*) FROM rejects", 1)
}
