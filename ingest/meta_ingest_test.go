package ingest

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// End to end through Ingest: the Meta export fixtures of testdata/meta,
// zipped as Meta delivers them. No public sample of either export exists;
// the fixtures are built from the documented layouts (instagram.go,
// facebook.go), their text written as Meta writes it (mojibake escapes).
//
// The counts below are from Python, not from the readers: per file, its
// records (the list, bare or under the file's one key),
//
//	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d if isinstance(d,list) else next((v for v in d.values() if isinstance(v,list)),[d])))" FILE
//
// and the posts that have a time, which become rows (the others are
// rejects),
//
//	python3 -c "import json; d=json.load(open('posts_1.json')); print(sum(1 for p in d if p.get('creation_timestamp') or (p.get('media') or [{}])[0].get('creation_timestamp')))"
//	python3 -c "import json; d=json.load(open('your_posts__check_ins__photos_and_videos_1.json')); print(sum(1 for p in d if p.get('timestamp')))"

// zipTree writes the files under dir/root into a zip at dst, named from
// dir (root/...), in the order given by first (entries starting with one
// of them come first) then by name.
func zipTree(t *testing.T, dir, root, dst string, last ...string) {
	t.Helper()
	var names []string
	filepath.WalkDir(filepath.Join(dir, root), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	rank := func(n string) int {
		for _, l := range last {
			if strings.Contains(n, l) {
				return 1
			}
		}
		return 0
	}
	sort.Slice(names, func(i, j int) bool {
		if rank(names[i]) != rank(names[j]) {
			return rank(names[i]) < rank(names[j])
		}
		return names[i] < names[j]
	})
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.Open(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, src)
		src.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// metaEntryWant is what the summary says of one entry of an export.
type metaEntryWant struct {
	format                 string
	records, rows, rejects int64
	skipped                int64
}

func checkMetaSummary(t *testing.T, sum *Summary, want map[string]metaEntryWant, archiveSkipped int64) {
	t.Helper()
	got := map[string]metaEntryWant{}
	for _, f := range sum.Files {
		if f.Err != nil {
			t.Errorf("%s: %v", f.Name, f.Err)
		}
		if IsContainer(f.Format) {
			if f.Skipped != archiveSkipped {
				t.Errorf("%s: %d entries of no kind skipped, want %d", f.Name, f.Skipped, archiveSkipped)
			}
			continue
		}
		_, entry, _ := strings.Cut(f.Name, "!")
		got[filepath.Base(entry)] = metaEntryWant{f.Format, f.Lines, f.Rows, f.Rejects, f.Skipped}
		if f.Rows+f.Rejects+f.Skipped != f.Lines {
			t.Errorf("%s: rows %d + rejects %d + skipped %d != records %d", f.Name, f.Rows, f.Rejects, f.Skipped, f.Lines)
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %+v, want %+v", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("entries read %v, want %d", got, len(want))
	}
}

func TestMetaIngestInstagram(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	export := filepath.Join(dir, "instagram-cmpulse_demo-2025-07-31-Ab12Cd.zip")
	// personal_information last: the archive's name says whose it is first.
	zipTree(t, "testdata/meta", "instagram-cmpulse_demo-2025-07-31-Ab12Cd", export, "personal_information")
	sum := ingestArgs(t, wh, export)
	checkMetaSummary(t, sum, map[string]metaEntryWant{
		"posts_1.json":              {"instagram_posts", 4, 3, 1, 0},
		"post_comments_1.json":      {"instagram_comments", 3, 3, 0, 0},
		"followers_1.json":          {"instagram_followers", 3, 3, 0, 0},
		"personal_information.json": {"instagram_account", 1, 0, 0, 1},
	}, 3) // stories.json, following_1.json, liked_posts.json
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'instagram' AND account = 'cmpulse_demo'", 3)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE text = 'Nouveau menu d''été 🍓 au café ! https://www.example.org/menu #menu #été'", 1)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE list_contains(links_own_site, 'https://www.example.org/menu') AND list_contains(hashtags, 'été')", 1)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE text = '東京 pop-up 🎌'", 1)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'instagram' AND is_own_account AND author = 'cmpulse_demo'", 3)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE text = 'Merci beaucoup ! 😍' AND thread_title = 'jane_doe'", 1)
	viewCount(t, wh, "SELECT count(*) FROM followers WHERE platform = 'instagram' AND account = 'cmpulse_demo' AND followed_at IS NOT NULL", 3)
	// The export's day, from its name: later than any of its records.
	viewCount(t, wh, "SELECT count(*) FROM followers WHERE first_seen_export_ts = TIMESTAMPTZ '2025-07-31 00:00:00+00'", 3)
	viewCount(t, wh, "SELECT count(*) FROM rejects", 1)

	again := ingestArgs(t, wh, export)
	if again.Batch != "" {
		t.Errorf("the same export again made batch %q", again.Batch)
	}
	if rows, _, _, _ := totals(again); rows != 0 {
		t.Errorf("the same export again added %d rows", rows)
	}
	viewCount(t, wh, "SELECT count(*) FROM social_posts", 3)

	// The same export unzipped, as a folder: its files are the same
	// content, so nothing is added.
	folder := ingestArgs(t, wh, filepath.Join("testdata", "meta", "instagram-cmpulse_demo-2025-07-31-Ab12Cd"))
	if rows, already, _, _ := totals(folder); rows != 0 || already != 11 || folder.Batch != "" {
		t.Errorf("the export as a folder after its zip: %d rows, %d already, batch %q; want 0, 11 (4+3+3+1 records), none", rows, already, folder.Batch)
	}
}

func TestMetaIngestFacebook(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	export := filepath.Join(dir, "facebook-cmpulsedemo-2025-07-31-Xy34Zw.zip")
	zipTree(t, "testdata/meta", "facebook-cmpulsedemo-2025-07-31-Xy34Zw", export)
	sum := ingestArgs(t, wh, export)
	checkMetaSummary(t, sum, map[string]metaEntryWant{
		"your_posts__check_ins__photos_and_videos_1.json": {"facebook_posts", 5, 4, 1, 0},
		"comments.json":            {"facebook_comments", 3, 3, 0, 0},
		"profile_information.json": {"facebook_account", 1, 0, 0, 1},
	}, 1) // likes_and_reactions_1.json
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'facebook' AND account = 'cmpulsedemo'", 4)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE text = 'La terrasse est ouverte ☀️'", 1)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE list_contains(links_own_site, 'https://www.example.org/blog/ouverture') AND edited", 1)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'facebook' AND is_own_account AND author = 'CmPulse Démo'", 3)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE thread_title = 'CmPulse Démo replied to Zoé Martin''s comment.'", 1)

	again := ingestArgs(t, wh, export)
	if rows, _, _, _ := totals(again); rows != 0 || again.Batch != "" {
		t.Errorf("the same export again: %d rows, batch %q", rows, again.Batch)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations", 3)
}
