package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The X archive's other files and what they tell each other. No public
// sample of account.js, manifest.js or direct-messages.js is among the
// real samples: their fixtures are built from the layout that public
// archives show (a username and accountId in account.js; userInfo,
// archiveInfo.generationDate and dataTypes in manifest.js, some with a
// trailing comma; dmConversation objects newest message first, group
// events between the messages).

// TestXDetect: each file of an archive is told by its global, and the
// files of no table, or of other kinds, are no X kind.
func TestXDetect(t *testing.T) {
	for _, tc := range []struct{ head, want string }{
		{"window.YTD.tweets.part0 = [\n  {\n    \"tweet\" : {", "x_tweets"},
		{"window.YTD.tweets.part2 = [", "x_tweets"},
		{"window.YTD.tweet.part0 = [ {\n  \"retweeted\" : false,", "x_tweets"},
		{"\xef\xbb\xbfwindow.YTD.tweet.part0 = [", "x_tweets"},
		{"window.YTD.community_tweet.part0 = [", "x_tweets"},
		{"Grailbird.data.tweets_2013_01 = \n [ {", "x_tweets"},
		{"window.YTD.follower.part0 = [", "x_followers"},
		{"window.YTD.account.part0 = [", "x_account"},
		{"window.__THAR_CONFIG = {\n  \"userInfo\" : {", "x_manifest"},
		{"window.YTD.direct_messages.part0 = [", "x_dms"},
		{"window.YTD.direct_message.part0 = [", "x_dms"},
		{"window.YTD.direct_messages_group.part0 = []", "x_dms"},
		{"window.YTD.direct_message_group.part0 = [", "x_dms"},
		// Files of no table.
		{"window.YTD.like.part0 = [", ""},
		{"window.YTD.following.part0 = [", ""},
		{"window.YTD.tweet_headers.part0 = [", ""},
		{"window.YTD.deleted_tweets.part0 = [", ""},
		{"window.YTD.note_tweet.part0 = [", ""},
		{"window.YTD.direct_message_headers.part0 = [", ""},
		{"window.YTD.account_timezone.part0 = [", ""},
		{"Grailbird.data.user_details = {", ""},
		{"var tweet_index = [ {", ""},
		// Other kinds' files.
		{`[ { "tweet" : { "id_str" : "1" } } ]`, ""},
		{`{"@context":"https://www.w3.org/ns/activitystreams","orderedItems":[]}`, ""},
		{`192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET /a=b HTTP/1.1" 200 2326 "-" "curl/8"`, "combined"},
		{"window.YTD.tweets.part0", ""},
	} {
		if got := detect([]byte(tc.head)); got != tc.want {
			t.Errorf("detect(%.50q) = %q, want %q", tc.head, got, tc.want)
		}
	}
}

const xAccountJS = `window.YTD.account.part0 = [
  {
    "account": {
      "email" : "owner@example.org",
      "createdVia" : "web",
      "username": "Acme_Help",
      "accountId": "1139858422302748672",
      "createdAt" : "2019-06-15T11:00:00.000Z",
      "accountDisplayName": "Acme support"
    }
  }
]`

// TestXAccount: account.js yields no row, counts its record as skipped,
// and makes its account the own one: for the tweets and followers read
// after it from the same archive folder, and in Own.
func TestXAccount(t *testing.T) {
	own := NewOwn(map[string][]string{"x": {"@brand"}})
	acc := xReadFile(own, "x_account", "a.zip!data/account.js", xAccountJS, 10)
	if acc.err != nil || len(acc.recs) != 0 || len(acc.rejects) != 0 || acc.skipped != 1 {
		t.Fatalf("account.js: %d records, rejects %v, %d skipped, err %v; want 0, none, 1, nil", len(acc.recs), xReasons(acc.rejects), acc.skipped, acc.err)
	}
	if !own.Is("x", "acme_help") || !own.Is("x", "1139858422302748672") {
		t.Errorf("Own does not know the archive's account and its id")
	}
	tweet := `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1600000000000000002", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } } ]`
	for _, tc := range []struct{ name, account, url string }{
		{"a.zip!data/tweets.js", "Acme_Help", "https://x.com/Acme_Help/status/1600000000000000002"},
		// Another archive of the run: the config's account comes first.
		{"b.zip!data/tweets.js", "brand", "https://x.com/brand/status/1600000000000000002"},
	} {
		res := xReadFile(own, "x_tweets", tc.name, tweet, 10)
		if len(res.recs) != 1 {
			t.Fatalf("%s: %d records, err %v", tc.name, len(res.recs), res.err)
		}
		p := res.recs[0].(*Post)
		if p.Account != tc.account || xNull(p.URL) != tc.url {
			t.Errorf("%s: account %q, url %s; want %q, %s", tc.name, p.Account, xNull(p.URL), tc.account, tc.url)
		}
	}
	fol := xReadFile(own, "x_followers", "a.zip!data/follower.js", `window.YTD.follower.part0 = [ { "follower" : { "accountId" : "86356243" } } ]`, 10)
	if len(fol.recs) != 1 || fol.recs[0].(*FollowerRec).Account != "Acme_Help" {
		t.Errorf("follower.js after account.js: %+v, err %v; want the account Acme_Help", fol.recs, fol.err)
	}
	bad := xReadFile(NewOwn(nil), "x_account", "account.js", `window.YTD.account.part0 = [ { "account" : { "createdVia" : "web" } } ]`, 10)
	if len(bad.rejects) != 1 || bad.skipped != 0 {
		t.Errorf("account.js without a username: rejects %v, %d skipped; want one reject", xReasons(bad.rejects), bad.skipped)
	}
}

const xManifestJS = `window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "10065202",
    "userName" : "LeaskH",
    "displayName" : "Someone"
  },
  "archiveInfo" : {
    "sizeBytes" : "3750078027",
    "generationDate" : "2021-09-08T20:33:57.640Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  },
  "readmeInfo" : { "fileName" : "data/README.txt", "directory" : "data/", "name" : "README.txt" },
  "dataTypes" : {
    "tweets" : {
      "mediaDirectory" : "data/tweets_media",
      "files" : [ { "fileName" : "data/tweets.js", "globalName" : "YTD.tweets.part0", "count" : "1" } ]
    },
  }
}`

// TestXManifest: manifest.js yields no row, counts as one skip, and gives
// the archive's later files their export time and account. Its trailing
// comma (seen in real manifests) does not matter: what is read comes first.
func TestXManifest(t *testing.T) {
	own := NewOwn(nil)
	man := xReadFile(own, "x_manifest", "arch/data/manifest.js", xManifestJS, 10)
	gen := time.Date(2021, 9, 8, 20, 33, 57, 640e6, time.UTC)
	if man.err != nil || len(man.recs) != 0 || len(man.rejects) != 0 || man.skipped != 1 || !man.export.Equal(gen) {
		t.Fatalf("manifest.js: %d records, rejects %v, %d skipped, export %v, err %v", len(man.recs), xReasons(man.rejects), man.skipped, man.export, man.err)
	}
	tw := xReadFile(own, "x_tweets", "arch/data/tweets.js", `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } } ]`, 10)
	if !tw.export.Equal(gen) || len(tw.recs) != 1 || tw.recs[0].(*Post).Account != "LeaskH" {
		t.Errorf("tweets.js after manifest.js: export %v, records %d; want %v and the account LeaskH", tw.export, len(tw.recs), gen)
	}
	other := xReadFile(own, "x_tweets", "other/data/tweets.js", `window.YTD.tweets.part0 = [ ]`, 10)
	if !other.export.IsZero() {
		t.Errorf("tweets.js of another folder: export %v, want none", other.export)
	}
	for _, tc := range []struct{ name, in, reject string }{
		{"older manifest without archiveInfo", `window.__THAR_CONFIG = { "userInfo" : { "accountId" : "362762566", "userName" : "TTGonda" }, "dataTypes" : { }, }`, ""},
		{"damaged before userInfo", `window.__THAR_CONFIG = { "readmeInfo" : { , "userInfo" : { } }`, "1: manifest: invalid character ',' looking for beginning of object key string"},
		{"bad generationDate", `window.__THAR_CONFIG = { "archiveInfo" : { "generationDate" : "last week" } }`, `1: manifest: generationDate "last week": unreadable timestamp`},
	} {
		res := xReadFile(NewOwn(nil), "x_manifest", "m/manifest.js", tc.in, 10)
		if res.err != nil {
			t.Errorf("%s: %v", tc.name, res.err)
		}
		got := strings.Join(xReasons(res.rejects), "; ")
		if got != tc.reject || res.skipped+int64(len(res.rejects)) != 1 {
			t.Errorf("%s: rejects %q, %d skipped; want %q and one record", tc.name, got, res.skipped, tc.reject)
		}
	}
}

// TestXFollowers: follower.js, one follower per element, undated.
func TestXFollowers(t *testing.T) {
	in := `window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "2027445139539693568",
      "userLink" : "https://twitter.com/intent/user?user_id=2027445139539693568"
    }
  },
  { "follower" : { "accountId" : 1247713933 } },
  { "follower" : { "userLink" : "https://twitter.com/intent/user?user_id=" } },
  { "following" : { "accountId" : "1" } }
]`
	res := xReadFile(NewOwn(map[string][]string{"x": {"acme"}}), "x_followers", "data/follower.js", in, 10)
	if res.err != nil {
		t.Fatal(res.err)
	}
	type view struct {
		Line                         int64
		Account, ID, URL, Handle, At string
	}
	var got []view
	for _, r := range res.recs {
		f := r.(*FollowerRec)
		at := "null"
		if f.FollowedAt != nil {
			at = xTS(*f.FollowedAt)
		}
		got = append(got, view{f.Line, f.Account, f.FollowerID, xNull(f.URL), xNull(f.Handle), at})
	}
	want := []view{
		{2, "acme", "2027445139539693568", "https://twitter.com/intent/user?user_id=2027445139539693568", "null", "null"},
		{8, "acme", "1247713933", "null", "null", "null"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("followers (-want +got):\n%s", d)
	}
	wantRejects := []string{`9: no "follower" with an accountId`, `10: no "follower" with an accountId`}
	if d := cmp.Diff(wantRejects, xReasons(res.rejects)); d != "" {
		t.Errorf("rejects (-want +got):\n%s", d)
	}
	if wrong := xReadFile(nil, "x_followers", "following.js", `window.YTD.following.part0 = [ ]`, 10); wrong.err == nil {
		t.Errorf("following.js read as followers without an error")
	}
}

// TestXRealSample: the real archive's files, counted independently with
// python3 (the commands are beside each number). With
// s = open("tweets.js").read(); T = [x["tweet"] for x in json.loads(s[s.index("=")+1:])]:
func TestXRealSample(t *testing.T) {
	dir := realSample(t, "twitter_archive")
	read := func(file string) (string, string) {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		return string(b), detect(b[:min(len(b), 4096)])
	}
	tweets, kind := read("tweets.js")
	res := xReadFile(NewOwn(nil), kind, "twitter_archive/data/tweets.js", tweets, 10000)
	if kind != "x_tweets" || res.err != nil || len(res.rejects) != 0 || res.skipped != 0 {
		t.Fatalf("tweets.js: kind %q, err %v, rejects %v, %d skipped", kind, res.err, xReasons(res.rejects), res.skipped)
	}
	want := xTally{
		Posts: 2045, // len(T)
		// repost: t["full_text"].startswith("RT @"); reply: else
		// t.get("in_reply_to_status_id_str"); quote: else the last of
		// t["entities"]["urls"] is a status link that the text ends with.
		Kinds:    map[string]int{"reply": 1780, "repost": 239, "post": 25, "quote": 1},
		Likes:    1481, // sum(int(t["favorite_count"]) for t in T)
		Reposts:  108,  // sum(int(t["retweet_count"]) for t in T)
		Links:    311,  // sum(len(set(u["expanded_url"] for u in t["entities"]["urls"])) for t in T)
		NullLang: 88,   // sum(1 for t in T if t["lang"] in ("qme", "und", "qam", "zxx"))
		ReplyTS:  1780, // every reply's replied-to time, from its snowflake id
	}
	if d := cmp.Diff(want, xTallyOf(res.recs)); d != "" {
		t.Errorf("tweets.js (-want +got):\n%s", d)
	}

	followers, kind := read("follower.js")
	fol := xReadFile(NewOwn(nil), kind, "follower.js", followers, 1000)
	// len(json.loads(s[s.index("=")+1:])) of follower.js
	if kind != "x_followers" || len(fol.recs) != 61 || len(fol.rejects) != 0 || fol.err != nil {
		t.Errorf("follower.js: kind %q, %d followers, rejects %v, err %v; want x_followers, 61", kind, len(fol.recs), xReasons(fol.rejects), fol.err)
	}
	for _, f := range []string{"like.js", "following.js"} {
		if _, kind := read(f); kind != "" {
			t.Errorf("%s detected as %q: it belongs to no table", f, kind)
		}
	}
}

// xTally is what TestXRealSample counts of the posts.
type xTally struct {
	Posts                                    int
	Kinds                                    map[string]int
	Likes, Reposts, Links, NullLang, ReplyTS int
	Entities                                 int // texts with &gt; or &amp; left in: none
	Counted                                  int // posts with replies, quotes or impressions: none
}

func xTallyOf(recs []Record) xTally {
	n := xTally{Posts: len(recs), Kinds: map[string]int{}}
	for _, r := range recs {
		p := r.(*Post)
		n.Kinds[p.Kind]++
		n.Likes += int(*p.Likes)
		n.Reposts += int(*p.Reposts)
		n.Links += len(p.Links)
		if p.Lang == nil {
			n.NullLang++
		}
		if p.InReplyToTS != nil && !p.InReplyToTS.After(p.TS) {
			n.ReplyTS++
		}
		if strings.Contains(*p.Text, "&gt;") || strings.Contains(*p.Text, "&amp;") {
			n.Entities++
		}
		if p.Replies != nil || p.Quotes != nil || p.Impressions != nil {
			n.Counted++
		}
	}
	return n
}

// xKinds are the kinds of X archive files.
var xKinds = []string{"x_tweets", "x_followers", "x_dms", "x_account", "x_manifest"}

// FuzzXArchive: whatever the input, and whichever X kind is told to read
// it, a reader never panics, ends, and yields rows with their keys,
// rejects that name the file, or one error that ends the input.
func FuzzXArchive(f *testing.F) {
	for _, tc := range xTweetsCases {
		f.Add(tc.in)
	}
	for _, tc := range xDMCases {
		f.Add(tc.in)
	}
	f.Add(xAccountJS)
	f.Add(xManifestJS)
	f.Add(`window.YTD.follower.part0 = [ { "follower" : { "accountId" : "1", "userLink" : "u" } }, 7 ]`)
	f.Fuzz(func(t *testing.T, in string) {
		for _, kind := range xKinds {
			res := xReadFile(NewOwn(nil), kind, "f.js", in, len(in)+2)
			if res.err != nil && strings.Contains(res.err.Error(), "the reader loops") {
				t.Fatalf("%s: %v", kind, res.err)
			}
			for _, pe := range res.rejects {
				if pe.File != "f.js" || pe.Line < 1 || len(pe.Raw) > maxRaw {
					t.Errorf("%s: reject %v: file %q, line %d, %d bytes of raw", kind, pe, pe.File, pe.Line, len(pe.Raw))
				}
			}
			for _, r := range res.recs {
				xCheckRecord(t, kind, r)
			}
		}
	})
}

// xCheckRecord fails t if a record lacks what makes it a row.
func xCheckRecord(t *testing.T, kind string, r Record) {
	t.Helper()
	switch v := r.(type) {
	case *Post:
		if v.PostID == "" || v.TS.IsZero() || v.Platform != "x" || v.Kind == "" {
			t.Errorf("%s: post %+v lacks its id, time, platform or kind", kind, v.SocialPost)
		}
	case *Message:
		if v.MessageID == "" || v.ThreadID == "" || v.TS.IsZero() || v.Platform != "x" {
			t.Errorf("%s: message %+v lacks its ids, time or platform", kind, v.Conversation)
		}
	case *FollowerRec:
		if v.FollowerID == "" || v.Platform != "x" {
			t.Errorf("%s: follower %+v lacks its id or platform", kind, v.Follower)
		}
	default:
		t.Errorf("%s: a %T record", kind, r)
	}
}

// TestXReaderRSS reads the tweets file named by $X_RSS_FILE, streamed
// from disk, and keeps nothing: scripts/x-archive-rss.sh measures its
// peak RSS. Skipped without the variable.
func TestXReaderRSS(t *testing.T) {
	name := os.Getenv("X_RSS_FILE")
	if name == "" {
		t.Skip("X_RSS_FILE names no file (scripts/x-archive-rss.sh sets it)")
	}
	file, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rd := openXTweets(&Source{Name: name, R: file, Own: NewOwn(nil)})
	var rows, rejects int
	for {
		_, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			rejects++
		case err != nil:
			t.Fatal(err)
		default:
			rows++
		}
	}
	t.Logf("%s: %d posts, %d rejects", name, rows, rejects)
}
