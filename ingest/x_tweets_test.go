package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The tweets of an X archive. Inputs follow the real sample's layout
// (../shared/data/real/twitter_archive/tweets.js, current archives) and,
// for older shapes (bare objects in tweet.js, the Grailbird month files),
// the layouts that public archive readers document.

// xTweetsCases: one quirk of the format per case.
var xTweetsCases = []struct {
	name    string
	own     map[string][]string // the config's own accounts
	in      string
	want    []xPostView
	rejects []string // line: reason
	skipped int64
}{
	{
		name: "current archive: wrapped, numbers as strings, no trailing newline",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "favorite_count" : "3",
      "id_str" : "2029113669670334850",
      "retweet_count" : "1",
      "id" : "2029113669670334850",
      "created_at" : "Wed Mar 04 08:36:12 +0000 2026",
      "full_text" : "Hello world",
      "lang" : "en"
    }
  }
]`,
		want: []xPostView{xPost("2029113669670334850", "2026-03-04T08:36:12Z", func(v *xPostView) {
			v.Text, v.Lang, v.Likes, v.Reposts = "Hello world", "en", "3", "1"
		})},
	},
	{
		name: "tweet.js of 2019: bare objects, = [ { on one line",
		in: `window.YTD.tweet.part0 = [ {
  "retweeted" : false,
  "favorite_count" : "0",
  "id_str" : "1100000000000000000",
  "retweet_count" : "0",
  "created_at" : "Sun Feb 24 12:00:00 +0000 2019",
  "full_text" : "old",
  "lang" : "en"
}, {
  "retweeted" : false,
  "favorite_count" : "2",
  "id_str" : "1100000000000000001",
  "retweet_count" : "0",
  "created_at" : "Sun Feb 24 12:00:01 +0000 2019",
  "full_text" : "older",
  "lang" : "en"
} ]`,
		want: []xPostView{
			xPost("1100000000000000000", "2019-02-24T12:00:00Z", func(v *xPostView) {
				v.Line, v.Text, v.Lang, v.Likes, v.Reposts = 1, "old", "en", "0", "0"
			}),
			xPost("1100000000000000001", "2019-02-24T12:00:01Z", func(v *xPostView) {
				v.Line, v.Text, v.Lang, v.Likes, v.Reposts = 9, "older", "en", "2", "0"
			}),
		},
	},
	{
		name: "part file, ids and counts as JSON numbers",
		in:   `window.YTD.tweets.part1 = [ { "tweet" : { "id" : 1500000000000000000, "created_at" : "Sat Mar 05 00:00:00 +0000 2022", "full_text" : "n", "favorite_count" : 7, "retweet_count" : 0 } } ]`,
		want: []xPostView{xPost("1500000000000000000", "2022-03-05T00:00:00Z", func(v *xPostView) {
			v.Line, v.Text, v.Likes, v.Reposts = 1, "n", "7", "0"
		})},
	},
	{
		name: "HTML entities in the text are decoded",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "2029113669670334851",
      "created_at" : "Wed Mar 04 08:36:12 +0000 2026",
      "full_text" : "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;amp;"
    }
  }
]`,
		want: []xPostView{xPost("2029113669670334851", "2026-03-04T08:36:12Z", func(v *xPostView) {
			v.Text = `a & b <c> "d" 'e' &amp;`
		})},
	},
	{
		name: "retweet: RT @ while retweeted is false; the media's source status is what it reposts",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "user_mentions" : [ { "name" : "Stephan", "screen_name" : "StephanRPalm", "indices" : [ "3", "16" ], "id_str" : "1", "id" : "1" } ],
        "urls" : [ ],
        "media" : [ { "expanded_url" : "https://x.com/StephanRPalm/status/2029498595309715652/photo/1", "source_status_id_str" : "2029498595309715652", "url" : "https://t.co/en3wgkcbae" } ],
        "hashtags" : [ ]
      },
      "favorite_count" : "0",
      "id_str" : "2029604193200152772",
      "retweet_count" : "0",
      "created_at" : "Thu Mar 05 17:05:22 +0000 2026",
      "full_text" : "RT @StephanRPalm: Das hier. https://t.co/en3wgkcbae",
      "lang" : "de"
    }
  }
]`,
		want: []xPostView{xPost("2029604193200152772", "2026-03-05T17:05:22Z", func(v *xPostView) {
			v.Kind, v.RepostOf = "repost", "2029498595309715652"
			v.Text, v.Lang, v.Likes, v.Reposts = "RT @StephanRPalm: Das hier. https://t.co/en3wgkcbae", "de", "0", "0"
			v.Mentions = []string{"stephanrpalm"}
		})},
	},
	{
		name: "reply: the replied-to time from its snowflake id, its account from in_reply_to_screen_name",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "in_reply_to_status_id_str" : "2029903943413772741",
      "id_str" : "2029905358261502168",
      "in_reply_to_user_id" : "1964312974236991488",
      "in_reply_to_status_id" : "2029903943413772741",
      "created_at" : "Fri Mar 06 13:02:05 +0000 2026",
      "full_text" : "@SamaHoole yes",
      "lang" : "qme",
      "in_reply_to_screen_name" : "SamaHoole",
      "in_reply_to_user_id_str" : "1964312974236991488"
    }
  }
]`,
		want: []xPostView{xPost("2029905358261502168", "2026-03-06T13:02:05Z", func(v *xPostView) {
			v.Kind, v.ReplyTo, v.ReplyTS, v.ReplyAccount = "reply", "2029903943413772741", "2026-03-06T12:56:28.558Z", "SamaHoole"
			v.Text, v.Mentions = "@SamaHoole yes", []string{"samahoole"}
		})},
	},
	{
		name: "reply to a tweet from before the snowflake ids: no time",
		in:   `window.YTD.tweet.part0 = [ { "tweet" : { "id_str" : "5000000000", "created_at" : "Mon Oct 05 10:00:00 +0000 2009", "full_text" : "@a ok", "in_reply_to_status_id_str" : "4600000000", "in_reply_to_screen_name" : "a" } } ]`,
		want: []xPostView{xPost("5000000000", "2009-10-05T10:00:00Z", func(v *xPostView) {
			v.Line, v.Kind, v.ReplyTo, v.ReplyAccount, v.Text = 1, "reply", "4600000000", "a", "@a ok"
			v.Mentions = []string{"a"} // no entities: from the text
		})},
	},
	{
		name: "quote: the text ends with the link to another status",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ { "text" : "Blackout", "indices" : [ "5", "14" ] } ],
        "user_mentions" : [ ],
        "urls" : [ { "url" : "https://t.co/gBlmW6YNDZ", "expanded_url" : "https://x.com/UnshadowedShow/status/2029076181236994546", "display_url" : "x.com/UnshadowedShow…", "indices" : [ "16", "39" ] } ]
      },
      "id_str" : "2029113669670334850",
      "created_at" : "Wed Mar 04 08:36:12 +0000 2026",
      "full_text" : "look #Blackout \n\nhttps://t.co/gBlmW6YNDZ"
    }
  }
]`,
		want: []xPostView{xPost("2029113669670334850", "2026-03-04T08:36:12Z", func(v *xPostView) {
			v.Kind, v.RepostOf, v.Text = "quote", "2029076181236994546", "look #Blackout \n\nhttps://t.co/gBlmW6YNDZ"
			v.Links, v.Hashtags = []string{"https://x.com/UnshadowedShow/status/2029076181236994546"}, []string{"blackout"}
		})},
	},
	{
		name: "quote as API-shaped exports say it: quoted_status_id_str",
		in:   `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1600000000000000000", "created_at" : "Tue Dec 06 00:00:00 +0000 2022", "full_text" : "this", "is_quote_status" : true, "quoted_status_id_str" : "1599999999999999999" } } ]`,
		want: []xPostView{xPost("1600000000000000000", "2022-12-06T00:00:00Z", func(v *xPostView) {
			v.Line, v.Kind, v.RepostOf, v.Text = 1, "quote", "1599999999999999999", "this"
		})},
	},
	{
		name: "t.co links expanded from entities.urls, media not a link, tags and mentions lower-cased",
		in: `window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ { "text" : "GoLang" }, { "text" : "golang" } ],
        "user_mentions" : [ { "screen_name" : "Gopher" } ],
        "urls" : [ { "url" : "https://t.co/aaa", "expanded_url" : "https://example.org/post?a=1" }, { "url" : "https://t.co/bbb", "expanded_url" : "" } ],
        "media" : [ { "url" : "https://t.co/ccc", "expanded_url" : "https://x.com/me/status/1/photo/1" } ]
      },
      "id_str" : "1600000000000000001",
      "created_at" : "Tue Dec 06 00:00:00 +0000 2022",
      "full_text" : "@Gopher #GoLang #golang https://t.co/aaa https://t.co/bbb https://t.co/ccc"
    }
  }
]`,
		want: []xPostView{xPost("1600000000000000001", "2022-12-06T00:00:00Z", func(v *xPostView) {
			v.Text = "@Gopher #GoLang #golang https://t.co/aaa https://t.co/bbb https://t.co/ccc"
			v.Links = []string{"https://example.org/post?a=1", "https://t.co/bbb"}
			v.Hashtags, v.Mentions = []string{"golang"}, []string{"gopher"}
		})},
	},
	{
		name: "lang: X's pseudo-codes are NULL, withdrawn ISO codes mapped",
		in: `window.YTD.tweets.part0 = [
{ "tweet" : { "id_str" : "1", "created_at" : "Tue Dec 06 00:00:01 +0000 2022", "lang" : "qme" } },
{ "tweet" : { "id_str" : "2", "created_at" : "Tue Dec 06 00:00:02 +0000 2022", "lang" : "und" } },
{ "tweet" : { "id_str" : "3", "created_at" : "Tue Dec 06 00:00:03 +0000 2022", "lang" : "zxx" } },
{ "tweet" : { "id_str" : "4", "created_at" : "Tue Dec 06 00:00:04 +0000 2022", "lang" : "in" } },
{ "tweet" : { "id_str" : "5", "created_at" : "Tue Dec 06 00:00:05 +0000 2022", "lang" : "zh-cn" } },
{ "tweet" : { "id_str" : "6", "created_at" : "Tue Dec 06 00:00:06 +0000 2022", "lang" : "qam" } }
]`,
		want: []xPostView{
			xPost("1", "2022-12-06T00:00:01Z"),
			xPost("2", "2022-12-06T00:00:02Z", func(v *xPostView) { v.Line = 3 }),
			xPost("3", "2022-12-06T00:00:03Z", func(v *xPostView) { v.Line = 4 }),
			xPost("4", "2022-12-06T00:00:04Z", func(v *xPostView) { v.Line, v.Lang = 5, "id" }),
			xPost("5", "2022-12-06T00:00:05Z", func(v *xPostView) { v.Line, v.Lang = 6, "zh-cn" }),
			xPost("6", "2022-12-06T00:00:06Z", func(v *xPostView) { v.Line = 7 }),
		},
	},
	{
		name: "the account from the config when the archive has no account.js",
		own:  map[string][]string{"x": {"@Brand"}},
		in:   `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1600000000000000002", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } } ]`,
		want: []xPostView{xPost("1600000000000000002", "2022-12-06T00:00:00Z", func(v *xPostView) {
			v.Line, v.Account, v.URL = 1, "Brand", "https://x.com/Brand/status/1600000000000000002"
		})},
	},
	{
		name: "edited tweet: the latest version is kept as edited, the older one read after it skipped",
		in: `window.YTD.tweets.part0 = [
{ "tweet" : { "edit_info" : { "edit" : { "initialTweetId" : "1700000000000000000", "editControlInitial" : { "editTweetIds" : [ "1700000000000000000", "1700000000000000001" ], "editableUntil" : "2023-09-08T11:00:00.000Z", "editsRemaining" : "4", "isEditEligible" : true } } },
  "id_str" : "1700000000000000001", "created_at" : "Fri Sep 08 10:05:00 +0000 2023", "full_text" : "fixed" } },
{ "tweet" : { "edit_info" : { "initial" : { "editTweetIds" : [ "1700000000000000000", "1700000000000000001" ], "editableUntil" : "2023-09-08T11:00:00.000Z", "editsRemaining" : "4", "isEditEligible" : true } },
  "id_str" : "1700000000000000000", "created_at" : "Fri Sep 08 10:00:00 +0000 2023", "full_text" : "fxed" } }
]`,
		want: []xPostView{xPost("1700000000000000001", "2023-09-08T10:05:00Z", func(v *xPostView) {
			v.Text, v.Edited = "fixed", true
		})},
		skipped: 1,
	},
	{
		name: "edited tweet: an older version read before the latest is kept",
		in: `window.YTD.tweets.part0 = [
{ "tweet" : { "edit_info" : { "initial" : { "editTweetIds" : [ "1700000000000000000", "1700000000000000001" ] } }, "id_str" : "1700000000000000000", "created_at" : "Fri Sep 08 10:00:00 +0000 2023" } },
{ "tweet" : { "edit_info" : { "initial" : { "editTweetIds" : [ "1700000000000000002" ] } }, "id_str" : "1700000000000000002", "created_at" : "Fri Sep 08 10:10:00 +0000 2023" } }
]`,
		want: []xPostView{
			xPost("1700000000000000000", "2023-09-08T10:00:00Z", func(v *xPostView) { v.Edited = true }),
			xPost("1700000000000000002", "2023-09-08T10:10:00Z", func(v *xPostView) { v.Line = 3 }),
		},
	},
	{
		name: "Grailbird month file (archives before 2019): text, user, retweeted_status, no counts",
		in: `Grailbird.data.tweets_2013_01 = 
 [ {
  "source" : "web",
  "entities" : { "user_mentions" : [ ], "media" : [ ], "hashtags" : [ ], "urls" : [ ] },
  "geo" : { },
  "id_str" : "296769226383577089",
  "text" : "Testing &amp; more",
  "id" : 296769226383577089,
  "created_at" : "2013-01-30 23:31:12 +0000",
  "user" : { "name" : "Some One", "screen_name" : "someone", "id_str" : "12345", "id" : 12345 }
}, {
  "source" : "web",
  "retweeted_status" : { "id_str" : "296700000000000000", "text" : "orig", "created_at" : "2013-01-30 20:00:00 +0000" },
  "entities" : { "user_mentions" : [ { "screen_name" : "other" } ], "media" : [ ], "hashtags" : [ ], "urls" : [ ] },
  "id_str" : "296769226383577090",
  "text" : "RT @other: orig",
  "created_at" : "2013-01-30 23:31:13 +0000",
  "user" : { "screen_name" : "someone" }
} ]`,
		want: []xPostView{
			xPost("296769226383577089", "2013-01-30T23:31:12Z", func(v *xPostView) {
				v.Line, v.Account, v.URL, v.Text = 2, "someone", "https://x.com/someone/status/296769226383577089", "Testing & more"
			}),
			xPost("296769226383577090", "2013-01-30T23:31:13Z", func(v *xPostView) {
				v.Line, v.Account, v.URL, v.Text = 11, "someone", "https://x.com/someone/status/296769226383577090", "RT @other: orig"
				v.Kind, v.RepostOf, v.Mentions = "repost", "296700000000000000", []string{"other"}
			}),
		},
	},
	{
		name: "unreadable records are rejects with their lines; the others are read",
		in: `window.YTD.tweets.part0 = [
  { "tweet" : { "id_str" : "1", "created_at" : "yesterday" } },
  { "tweet" : { "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } },
  { "tweet" : { "id_str" : "3", "created_at" : "Tue Dec 06 00:00:00 +0000 2022", "favorite_count" : "many" } },
  { "tweet" : { "id_str" : "4", "created_at" : "Tue Dec 06 00:00:00 +0000 2022", "entities" : "none" } },
  "not a tweet",
  { "tweet" : { "id_str" : "6", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } }
]`,
		want: []xPostView{xPost("6", "2022-12-06T00:00:00Z", func(v *xPostView) { v.Line = 7 })},
		rejects: []string{
			`2: created_at "yesterday": unreadable timestamp`,
			"3: tweet without an id_str",
			`4: favorite_count "many" is not a count`,
			"5: tweet.entities: a JSON string where an object belongs",
			"6: a JSON string where an object belongs",
		},
	},
	{
		name: "a truncated file: the tweets before the break are kept, the rest is one reject",
		in: `window.YTD.tweets.part0 = [
  { "tweet" : { "id_str" : "1", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } },
  { "tweet" : { "id_str" : "2", "created_at" : "Tue Dec 0`,
		want:    []xPostView{xPost("1", "2022-12-06T00:00:00Z")},
		rejects: []string{"3: the JSON breaks off here (unexpected EOF): the rest of the file is not read"},
	},
	{
		name: "a syntax error: the rest is one reject",
		in: `window.YTD.tweets.part0 = [
  { "tweet" : { "id_str" : "1", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } }
  { "tweet" : { "id_str" : "2", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } }
]`,
		want:    []xPostView{xPost("1", "2022-12-06T00:00:00Z")},
		rejects: []string{"3: the JSON breaks off here (expected comma after array element): the rest of the file is not read"},
	},
	{
		name: "byte order mark, CRLF lines, a trailing semicolon",
		in:   "\xef\xbb\xbfwindow.YTD.tweets.part0 = [\r\n  { \"tweet\" : { \"id_str\" : \"1\", \"created_at\" : \"Tue Dec 06 00:00:00 +0000 2022\" } }\r\n];\r\n",
		want: []xPostView{xPost("1", "2022-12-06T00:00:00Z")},
	},
	{
		name: "an empty archive",
		in:   `window.YTD.tweets.part0 = [ ]`,
	},
	{
		name: "a bare JSON array (the prefix cut off to make JSON of it)",
		in:   `[ { "tweet" : { "id_str" : "1", "created_at" : "Tue Dec 06 00:00:00 +0000 2022" } } ]`,
		want: []xPostView{xPost("1", "2022-12-06T00:00:00Z", func(v *xPostView) { v.Line = 1 })},
	},
	{
		name: "community-tweet.js: own posts in an X Community",
		in:   `window.YTD.community_tweet.part0 = [ { "tweet": { "id_str": "1545429434328547334", "community_id_str": "1492420299450724353", "created_at": "Fri Jul 08 15:27:44 +0000 2022", "full_text": "valid" } } ]`,
		want: []xPostView{xPost("1545429434328547334", "2022-07-08T15:27:44Z", func(v *xPostView) { v.Line, v.Text = 1, "valid" })},
	},
}

func TestXTweets(t *testing.T) {
	for _, tc := range xTweetsCases {
		t.Run(tc.name, func(t *testing.T) {
			res := xReadFile(NewOwn(tc.own), "x_tweets", "data/tweets.js", tc.in, 100)
			if res.err != nil {
				t.Fatalf("read: %v", res.err)
			}
			var got []xPostView
			for _, r := range res.recs {
				got = append(got, xViewPost(r.(*Post)))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("posts (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.rejects, xReasons(res.rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
			if res.skipped != tc.skipped {
				t.Errorf("skipped %d, want %d", res.skipped, tc.skipped)
			}
			for _, r := range res.rejects {
				if r.File != "data/tweets.js" || len(r.Raw) == 0 || len(r.Raw) > maxRaw {
					t.Errorf("reject %v: file %q, %d bytes of raw", r, r.File, len(r.Raw))
				}
			}
		})
	}
}

// TestXNotTweets: files that are no tweets file end the input with an
// error that says why, whether detected or given by --format.
func TestXNotTweets(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"another data type", `window.YTD.like.part0 = [ ]`, "holds like, not the data of x_tweets"},
		{"no prefix", `hello`, "not an X archive file"},
		{"some other global", `var data = [ ]`, "no global of an X archive file"},
		{"an object, not an array", `window.YTD.tweets.part0 = { }`, "not a JSON array"},
		{"empty", ``, "not an X archive file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := xReadFile(nil, "x_tweets", "data/tweets.js", tc.in, 10)
			if res.err == nil || !strings.Contains(res.err.Error(), tc.want) {
				t.Errorf("read(%q) = %v, want an error with %q", tc.in, res.err, tc.want)
			}
		})
	}
}
