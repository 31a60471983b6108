package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// End-to-end tests of Mastodon archives through Ingest, on the real sample.
// The archives are built in t.TempDir() from the sample's files (never
// committed), in the layouts Mastodon gives them: a .zip since 4.2 (outbox
// first, then media, likes, bookmarks, actor), a .tar.gz before (media
// first). Counts: see TestMastodonRealSample for how they were made.

// mastodonArchive returns the entries of an archive of the real sample, in
// Mastodon's order, with a media file that is no kind.
func mastodonArchive(t *testing.T, tarLayout bool) []entry {
	dir := realSample(t, "mastodon_archive")
	read := func(name string) entry { return entry{name, mustRead(t, filepath.Join(dir, name))} }
	media := entry{"media_attachments/files/109/376/716/original/72891484be9549e6.jpg", "\xff\xd8\xff\xe0 not really a jpeg"}
	if tarLayout {
		return []entry{media, read("outbox.json"), read("likes.json"), read("bookmarks.json"), read("actor.json")}
	}
	return []entry{read("outbox.json"), media, read("likes.json"), read("bookmarks.json"), read("actor.json")}
}

// mastodonArchiveName is an archive's name as Mastodon gives it: the time
// in it is the export's time.
const mastodonArchiveName = "archive-20240723184501-0123456789abcdef0123456789abcdef"

func TestMastodonArchiveIngest(t *testing.T) {
	cases := []struct {
		name    string
		build   func(t *testing.T, dir string) []string
		skipped int64 // actor.json, likes.json, bookmarks.json and the media file
	}{
		{"zip", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, mastodonArchiveName+".zip")
			writeZip(t, p, mastodonArchive(t, false))
			return []string{p}
		}, 4},
		{"tar.gz", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, mastodonArchiveName+".tar.gz")
			writeTar(t, p, mastodonArchive(t, true), true)
			return []string{p}
		}, 4},
		{"unpacked folder", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, mastodonArchiveName)
			for _, e := range mastodonArchive(t, false) {
				os.MkdirAll(filepath.Dir(filepath.Join(p, e.name)), 0o755)
				writeFile(t, filepath.Join(p, e.name), e.body, time.Time{})
			}
			return []string{p}
		}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			wh := filepath.Join(dir, "wh")
			p := c.build(t, dir)
			sum := ingestArgs(t, wh, p...)
			got := map[string]FileSummary{}
			var skipped int64
			for _, f := range sum.Files {
				if f.Err != nil {
					t.Errorf("%s: %v", f.Name, f.Err)
				}
				got[f.Format] = f
				skipped += f.Skipped
			}
			out, actor := got["mastodon_outbox"], got["mastodon_actor"]
			if out.Rows != 1586 || out.Rejects != 0 || out.Skipped != 0 || out.Lines != out.Rows+out.Rejects+out.Skipped {
				t.Errorf("outbox: rows %d, rejects %d, skipped %d, records %d; want 1586 rows", out.Rows, out.Rejects, out.Skipped, out.Lines)
			}
			if actor.Rows != 0 || actor.Rejects != 0 || actor.Skipped != 1 || actor.Lines != 1 {
				t.Errorf("actor: rows %d, rejects %d, skipped %d, records %d; want one skipped record", actor.Rows, actor.Rejects, actor.Skipped, actor.Lines)
			}
			if skipped != c.skipped {
				t.Errorf("skipped %d in all, want %d: %+v", skipped, c.skipped, sum.Files)
			}
			checkMastodonPosts(t, wh, time.Date(2024, 7, 23, 18, 45, 1, 0, time.UTC))

			again := ingestArgs(t, wh, p...)
			if rows, already, _, _ := totals(again); rows != 0 || already != 1587 || again.Batch != "" {
				t.Errorf("again: rows %d, already %d, batch %q; want 0, 1587, none", rows, already, again.Batch)
			}
		})
	}
}

// checkMastodonPosts: the files hold every toot and boost once, as a plain
// Parquet read sees them, stamped with the archive's time.
func checkMastodonPosts(t *testing.T, wh string, exportTS time.Time) map[string]warehouse.SocialPost {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "social_posts", "platform=mastodon", "*.parquet"))
	posts := map[string]warehouse.SocialPost{}
	kinds := map[string]int{}
	for _, f := range files {
		rows, err := parquet.ReadFile[warehouse.SocialPost](f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if _, dup := posts[r.PostID]; dup {
				t.Errorf("post %s twice", r.PostID)
			}
			posts[r.PostID] = r
			kinds[r.Kind]++
			if !r.ExportTS.Equal(exportTS) || r.Account != "dealingwith@indieweb.social" || r.Format != "mastodon_outbox" {
				t.Fatalf("post %s: export_ts %v, account %q, format %q", r.PostID, r.ExportTS, r.Account, r.Format)
			}
		}
	}
	if len(posts) != 1586 || kinds["post"] != 838 || kinds["reply"] != 422 || kinds["repost"] != 326 {
		t.Errorf("%d posts in the files, kinds %v", len(posts), kinds)
	}
	return posts
}

// TestMastodonArchiveNewer: a later archive where a toot was edited
// updates that toot and adds the new one; the earlier archive ingested
// after it changes nothing; the same export as .zip and as .tar.gz is one
// export.
func TestMastodonArchiveNewer(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	old := filepath.Join(dir, mastodonArchiveName+".zip")
	writeZip(t, old, mastodonArchive(t, false))
	es := mastodonArchive(t, false)
	const edited = "https://indieweb.social/users/dealingwith/statuses/109305976208011760"
	body := strings.Replace(es[0].body, `"content":"<p>As Twitter crashes`, `"updated":"2024-08-01T00:00:00Z","content":"<p>Now that Twitter crashed`, 1)
	added := mCreate("112900000000000000", mToPublic, mNone, `,"content":"<p>new</p>"`)
	es[0].body = strings.Replace(body, `"orderedItems":[{`, `"orderedItems":[`+added+`,{`, 1)
	newer := filepath.Join(dir, "archive-20240901000000-fedcba9876543210fedcba9876543210.zip")
	writeZip(t, newer, es)

	ingestArgs(t, wh, newer)
	sum := ingestArgs(t, wh, old)
	if len(sum.Merged) != 1 || sum.Merged[0] != (MergeStat{Table: "social_posts", Platform: "mastodon", Kept: 1586, Total: 1587}) {
		t.Errorf("older archive after the newer: %+v", sum.Merged)
	}
	files, _ := filepath.Glob(filepath.Join(wh, "social_posts", "platform=mastodon", "*.parquet"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	rows, err := parquet.ReadFile[warehouse.SocialPost](files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.PostID == edited+"/activity" && (!r.Edited || r.Text == nil || !strings.HasPrefix(*r.Text, "Now that")) {
			t.Errorf("edited toot: edited %v, text %q", r.Edited, deref(r.Text))
		}
	}
	tgz := filepath.Join(dir, "copy.tar.gz")
	writeTar(t, tgz, mastodonArchive(t, true), true)
	if again := ingestArgs(t, wh, tgz); again.Batch != "" {
		t.Errorf("the same export as .tar.gz made batch %q: %+v", again.Batch, again.Merged)
	}
}
