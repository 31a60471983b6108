package ingest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

const xGroupDMsJS = `window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1031200519224610816",
      "messages" : [
        { "participantsLeave" : { "userIds" : [ "49913" ], "createdAt" : "2019-10-05T04:29:39.259Z" } },
        { "messageCreate" : { "reactions" : [ ], "urls" : [ ], "text" : "welcome", "mediaUrls" : [ ], "senderId" : "800076", "id" : "1032144662167838724", "createdAt" : "2018-08-22T05:57:18.470Z" } },
        { "joinConversation" : { "initiatingUserId" : "800076", "participantsSnapshot" : [ "800076", "49913", "1139858422302748672" ], "createdAt" : "2018-08-19T15:25:37.291Z" } }
      ]
    }
  }
]`

// TestXIngest: a whole archive through Ingest, as a .zip and as a folder:
// the real sample's tweets.js, follower.js, like.js and following.js (copied
// into a temporary folder, never into the project) beside fixtures of
// account.js, manifest.js and the DM files. Every record is a row, a skip
// or a reject; the account and the export time reach the tweets; ingesting
// the archive again adds nothing.
func TestXIngest(t *testing.T) {
	real := realSample(t, "twitter_archive")
	var es []entry
	// In the order of an archive's folder: account.js first.
	for _, f := range []struct{ name, body string }{
		{"data/account.js", xAccountJS},
		{"data/direct-messages-group.js", xGroupDMsJS},
		{"data/direct-messages.js", xDMsJS},
		{"data/follower.js", mustRead(t, filepath.Join(real, "follower.js"))},
		{"data/following.js", mustRead(t, filepath.Join(real, "following.js"))},
		{"data/like.js", mustRead(t, filepath.Join(real, "like.js"))},
		{"data/manifest.js", xManifestJS},
		{"data/tweets.js", mustRead(t, filepath.Join(real, "tweets.js"))},
	} {
		es = append(es, entry{f.name, f.body})
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "twitter-2026-03-06.zip")
	writeZip(t, zipPath, es)
	folder := filepath.Join(dir, "unpacked")
	for _, e := range es {
		os.MkdirAll(filepath.Join(folder, filepath.Dir(e.name)), 0o755)
		writeFile(t, filepath.Join(folder, e.name), e.body, time.Time{})
	}
	for _, in := range []string{zipPath, folder} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			wh := filepath.Join(t.TempDir(), "wh")
			sum := ingestArgs(t, wh, in)
			xCheckSummary(t, sum)
			// python3: len(json.loads(s[s.index("=")+1:])) of tweets.js and
			// follower.js; the DM fixtures hold 2 + 1 messages.
			viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE platform = 'x' AND account = 'Acme_Help'", 2045)
			viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE url LIKE 'https://x.com/Acme_Help/status/%'", 2045)
			viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE replies IS NULL AND impressions IS NULL AND likes IS NOT NULL", 2045)
			viewCount(t, wh, "SELECT count(*) FROM followers WHERE account = 'Acme_Help' AND followed_at IS NULL", 61)
			viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'x' AND kind = 'dm'", 3)
			viewCount(t, wh, "SELECT count(*) FROM conversations WHERE is_own_account", 1)
			// The manifest sorts before tweets.js: its generationDate is their export time.
			viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE export_ts = TIMESTAMPTZ '2021-09-08 20:33:57.640+00'", 2045)
			viewCount(t, wh, "SELECT count(*) FROM rejects", 0)

			again := ingestArgs(t, wh, in)
			if again.Batch != "" {
				t.Errorf("the same archive again made batch %q", again.Batch)
			}
			for _, f := range again.Files {
				if f.Rows != 0 || f.Rejects != 0 || f.Err != nil {
					t.Errorf("again: %s: rows %d, rejects %d, err %v; want nothing new", f.Name, f.Rows, f.Rejects, f.Err)
				}
			}
			viewCount(t, wh, "SELECT count(*) FROM social_posts", 2045)
		})
	}
}

// xCheckSummary checks the first ingest of the archive, file by file:
// rows + skips + rejects = records, and what each file is.
func xCheckSummary(t *testing.T, sum *Summary) {
	t.Helper()
	want := map[string][3]int64{ // rows, skipped, rejects by file
		"account.js": {0, 1, 0}, "manifest.js": {0, 1, 0},
		"direct-messages.js": {2, 0, 0}, "direct-messages-group.js": {1, 2, 0},
		"follower.js": {61, 0, 0}, "tweets.js": {2045, 0, 0},
		"following.js": {0, 1, 0}, "like.js": {0, 1, 0}, // no table's: one skip each
	}
	seen := map[string]bool{}
	var skipped int64
	for _, f := range sum.Files {
		if f.Err != nil {
			t.Errorf("%s: %v", f.Name, f.Err)
		}
		base := filepath.Base(f.Name)
		if w, ok := want[base]; ok && f.Format != "" {
			seen[base] = true
			if got := [3]int64{f.Rows, f.Skipped, f.Rejects}; got != w || f.Lines != f.Rows+f.Skipped+f.Rejects {
				t.Errorf("%s (%s): rows, skipped, rejects %v of %d records; want %v", base, f.Format, got, f.Lines, w)
			}
		}
		skipped += f.Skipped
	}
	for name := range want {
		if !seen[name] && name != "following.js" && name != "like.js" {
			t.Errorf("%s: not in the summary %+v", name, sum.Files)
		}
	}
	if skipped < 6 { // account.js, manifest.js, 2 group events, following.js, like.js
		t.Errorf("%d skipped in all, want at least 6", skipped)
	}
}

// TestXNewerArchive: a newer archive of the same account, whose account.js
// is the same file as the older one's (so it is already in) and comes
// after its tweets in the zip. Its tweets and followers keep the account:
// account.js is of a kind that Tells, read first and read again.
func TestXNewerArchive(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	tweets := func(likes string) string {
		return `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1600000000000000002", "created_at" : "Tue Dec 06 00:00:00 +0000 2022", "favorite_count" : "` + likes + `" } } ]`
	}
	followers := `window.YTD.follower.part0 = [ { "follower" : { "accountId" : "86356243" } } ]`
	march, april := filepath.Join(dir, "march.zip"), filepath.Join(dir, "april.zip")
	writeZip(t, march, []entry{{"data/account.js", xAccountJS}, {"data/follower.js", followers}, {"data/tweets.js", tweets("1")}})
	writeZip(t, april, []entry{{"data/follower.js", followers + " "}, {"data/tweets.js", tweets("5")}, {"data/account.js", xAccountJS}})
	ingestArgs(t, wh, march)
	ingestArgs(t, wh, april)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE likes = 5", 1)
	viewCount(t, wh, "SELECT count(*) FROM social_posts WHERE account = 'Acme_Help'", 1)
	viewCount(t, wh, "SELECT count(*) FROM followers", 1)
}
