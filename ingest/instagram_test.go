package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// No public sample of an Instagram "Download your information" export
// exists: these fixtures are built from the documented layouts (Meta's
// help pages and the open parsers that describe real exports: see
// instagram.go), with the text written as Meta writes it (mojibake
// escapes, below).

// esc writes s as Meta's JSON does: mojibake, every non-ASCII character
// as a \u00XX escape.
func esc(s string) string {
	var b strings.Builder
	for _, r := range mojibake(s) {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

func unix(s int64) time.Time { return time.Unix(s, 0).UTC() }

// postsOf returns the posts of recs, failing on any other record.
func postsOf(t *testing.T, recs []Record) []*Post {
	t.Helper()
	var out []*Post
	for _, r := range recs {
		p, ok := r.(*Post)
		if !ok {
			t.Fatalf("record %T, want *Post", r)
		}
		out = append(out, p)
	}
	return out
}

func messagesOf(t *testing.T, recs []Record) []*Message {
	t.Helper()
	var out []*Message
	for _, r := range recs {
		m, ok := r.(*Message)
		if !ok {
			t.Fatalf("record %T, want *Message", r)
		}
		out = append(out, m)
	}
	return out
}

func followersOf(t *testing.T, recs []Record) []*FollowerRec {
	t.Helper()
	var out []*FollowerRec
	for _, r := range recs {
		f, ok := r.(*FollowerRec)
		if !ok {
			t.Fatalf("record %T, want *FollowerRec", r)
		}
		out = append(out, f)
	}
	return out
}

// rejectReasons are the reasons of rejects, in order.
func rejectReasons(rejects []*ParseError) []string {
	var out []string
	for _, r := range rejects {
		out = append(out, r.Err.Error())
	}
	return out
}

// igPostCase is one posts_1.json quirk: the file, the posts wanted (the
// fields that matter) and the reasons of its rejects.
type igPostCase struct {
	name    string
	in      string
	want    []igPostWant
	rejects []string
}

type igPostWant struct {
	ID, Text string
	TS       int64
	Tags     []string
	Links    []string
	Mentions []string
}

var igPostCases = []igPostCase{
	{name: "one photo: caption and time on the media item",
		in: `[
  {
    "media": [
      {
        "uri": "media/posts/201904/56560768_1970692303053594_6309902514592175656_n_18025938001189213.jpg",
        "creation_timestamp": 1554996051,
        "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 36, "longitude": 128}]}},
        "title": "` + esc("Anyone else feel spring around the corner? 🙌 #printemps café") + `"
      }
    ]
  }
]`,
		want: []igPostWant{{ID: "ig:1554996051:56560768_1970692303053594_6309902514592175656_n_18025938001189213", TS: 1554996051,
			Text: "Anyone else feel spring around the corner? 🙌 #printemps café", Tags: []string{"printemps"}}}},
	{name: "carousel: caption and time on the post",
		in: `[{"media": [
    {"uri": "media/posts/202406/17852238405523714.jpg", "creation_timestamp": 1718409601, "title": ""},
    {"uri": "media/posts/202406/17852238405523715.jpg", "creation_timestamp": 1718409602, "title": ""}
  ],
  "title": "Sunset at the lake #pdx with @jane.doe, @Bob_1. and me@example.org https://example.org/blog/sunset.",
  "creation_timestamp": 1718409600}]`,
		want: []igPostWant{{ID: "ig:1718409601:17852238405523714", TS: 1718409600,
			Text: "Sunset at the lake #pdx with @jane.doe, @Bob_1. and me@example.org https://example.org/blog/sunset.", Tags: []string{"pdx"},
			Links: []string{"https://example.org/blog/sunset"}, Mentions: []string{"jane.doe", "bob_1"}}}},
	{name: "2025: one item with the caption on the post, CJK",
		in:   `[{"media": [{"uri": "media/posts/202508/17852238405523716.jpg", "creation_timestamp": 1755400000, "title": "", "cross_post_source": {"source_app": "FB"}}], "title": "` + esc("東京の夜 ✨") + `", "creation_timestamp": 1755400000}]`,
		want: []igPostWant{{ID: "ig:1755400000:17852238405523716", TS: 1755400000, Text: "東京の夜 ✨"}}},
	{name: "no caption",
		in:   `[{"media": [{"uri": "media/posts/202406/17852238405523717.mp4", "creation_timestamp": 1718409700, "title": ""}]}]`,
		want: []igPostWant{{ID: "ig:1718409700:17852238405523717", TS: 1718409700}}},
	{name: "no media: keyed by time and caption",
		in:   `[{"title": "text only", "creation_timestamp": 1718409800}]`,
		want: []igPostWant{{ID: metaKey("ig", 1718409800, "text only"), TS: 1718409800, Text: "text only"}}},
	{name: "rejects: no time, unknown layout, not an object; the rest read",
		in: `[
{"media": [{"uri": "media/posts/a.jpg", "title": "x"}]},
{"timestamp": 1718409600, "label_values": [{"label": "Caption", "value": "new layout"}]},
"a string",
{"media": [{"uri": "media/posts/202406/9.jpg", "creation_timestamp": "1718409900"}]},
{"media": [{"uri": "media/posts/b.jpg", "creation_timestamp": "soon"}]}
]`,
		want:    []igPostWant{{ID: "ig:1718409900:9", TS: 1718409900}},
		rejects: []string{"record without a timestamp", "record of an unknown layout", "record of an unknown layout (a JSON string)", "unreadable timestamp"}},
}

func TestInstagramPosts(t *testing.T) {
	for _, tt := range igPostCases {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, _ := readSource(t, "instagram_posts", "posts_1.json", tt.in, NewOwn(map[string][]string{"instagram": {"@CmPulse_Demo"}}))
			var got []igPostWant
			for _, p := range postsOf(t, recs) {
				if p.Platform != "instagram" || p.Account != "cmpulse_demo" || p.Kind != "post" || p.Likes != nil || p.URL != nil {
					t.Errorf("post %s: platform %q account %q kind %q likes %v url %v", p.PostID, p.Platform, p.Account, p.Kind, p.Likes, p.URL)
				}
				text := ""
				if p.Text != nil {
					text = *p.Text
				}
				got = append(got, igPostWant{ID: p.PostID, Text: text, TS: p.TS.Unix(), Tags: p.Hashtags, Links: p.Links, Mentions: p.Mentions})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("posts (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.rejects, rejectReasons(rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
		})
	}
}

// TestInstagramPostKeys: a post keeps its id across export versions that
// move its media file (media/ or public-media/) or put its caption and
// time on the post rather than on the item.
func TestInstagramPostKeys(t *testing.T) {
	old := `[{"media": [{"uri": "media/posts/202406/17852238405523714.jpg", "creation_timestamp": 1718409601, "title": "` + esc("Été") + `"}]}]`
	moved := `[{"media": [{"uri": "public-media/posts/202406/17852238405523714.jpg", "creation_timestamp": 1718409601, "title": ""}], "title": "Été", "creation_timestamp": 1718409605}]`
	a, _, _ := readSource(t, "instagram_posts", "a/posts_1.json", old, nil)
	b, _, _ := readSource(t, "instagram_posts", "b/posts_1.json", moved, nil)
	pa, pb := postsOf(t, a)[0], postsOf(t, b)[0]
	if pa.PostID != pb.PostID || *pa.Text != *pb.Text {
		t.Errorf("ids %q and %q, texts %q and %q: want the same post", pa.PostID, pb.PostID, *pa.Text, *pb.Text)
	}
}

func TestInstagramPostsAccountFromArchive(t *testing.T) {
	in := `[{"media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 1718409601}]}]`
	own := NewOwn(nil)
	recs, _, _ := readSource(t, "instagram_posts", "/x/instagram-jane.doe-2025-07-31-AbC.zip!your_instagram_activity/media/posts_1.json", in, own)
	if p := postsOf(t, recs)[0]; p.Account != "jane.doe" || !own.Is("instagram", "jane.doe") {
		t.Errorf("account %q, own %v: want jane.doe from the archive's name", p.Account, own.Is("instagram", "jane.doe"))
	}
}

type igCommentWant struct {
	Text, Owner string
	TS          int64
}

type igCommentCase struct {
	name    string
	in      string
	want    []igCommentWant
	rejects []string
}

var igCommentCases = []igCommentCase{
	{name: "2022: under comments_media_comments",
		in: `{"comments_media_comments": [{"title": "", "string_map_data": {
  "Comment": {"href": "", "value": "` + esc("Très belle photo ! 😍") + `", "timestamp": 0},
  "Media Owner": {"href": "", "value": "jane_doe", "timestamp": 0},
  "Time": {"href": "", "value": "", "timestamp": 1718409600}}}]}`,
		want: []igCommentWant{{"Très belle photo ! 😍", "jane_doe", 1718409600}}},
	{name: "2023 on: a bare list, owner also beside",
		in:   `[{"media_owner": "jane_doe", "string_map_data": {"Comment": {"value": "Beautiful shot!", "timestamp": 0}, "Time": {"value": "", "timestamp": 1718409700}, "Media Owner": {"value": "jane_doe", "timestamp": 0}}}]`,
		want: []igCommentWant{{"Beautiful shot!", "jane_doe", 1718409700}}},
	{name: "2021: string_list_data, the owner as title",
		in:   `{"comments_media_comments": [{"title": "bob.smith", "string_list_data": [{"value": "` + esc("Merci 🙏") + `", "timestamp": 1608833534}]}]}`,
		want: []igCommentWant{{"Merci 🙏", "bob.smith", 1608833534}}},
	{name: "Dutch labels",
		in:   `[{"string_map_data": {"Opmerking": {"value": "Mooi!"}, "Media-eigenaar": {"value": "piet"}, "Tijd": {"timestamp": 1718409800}}}]`,
		want: []igCommentWant{{"Mooi!", "piet", 1718409800}}},
	{name: "labels of an unknown language: by order",
		in:   `[{"string_map_data": {"Kommentti": {"value": "Hieno!", "timestamp": 0}, "Median omistaja": {"value": "matti", "timestamp": 0}, "Aika": {"value": "", "timestamp": 1718409900}}}]`,
		want: []igCommentWant{{"Hieno!", "matti", 1718409900}}},
	{name: "labels written as mojibake",
		in:   `[{"string_map_data": {"Comment": {"value": "ok"}, "` + esc("Propriétaire du contenu") + `": {"value": "zoé"}, "Time": {"timestamp": 1718409950}}}]`,
		want: []igCommentWant{{"ok", "zoé", 1718409950}}},
	{name: "rejects: no time, unknown layout, bad field",
		in: `[
{"string_map_data": {"Comment": {"value": "no time"}}},
{"timestamp": 1718409600, "label_values": []},
{"string_map_data": {"Comment": "flat"}},
{"string_map_data": {"Comment": {"value": "kept"}, "Time": {"timestamp": 1718410000}}}
]`,
		want:    []igCommentWant{{"kept", "", 1718410000}},
		rejects: []string{"record without a timestamp", "record of an unknown layout", "record of an unknown layout (a JSON string)"}},
}

func TestInstagramComments(t *testing.T) {
	for _, tt := range igCommentCases {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, _ := readSource(t, "instagram_comments", "post_comments_1.json", tt.in, NewOwn(map[string][]string{"instagram": {"cmpulse_demo"}}))
			var got []igCommentWant
			for _, m := range messagesOf(t, recs) {
				if m.Platform != "instagram" || !m.IsOwnAccount || m.Kind != "comment" || m.Status != "approved" ||
					m.Author == nil || *m.Author != "cmpulse_demo" || m.ThreadID != m.MessageID || !strings.HasPrefix(m.MessageID, "igc:") {
					t.Errorf("comment %+v", m.Conversation)
				}
				if m.MessageID != metaKey("igc", metaTime(m.TS.Unix()), *m.Text) {
					t.Errorf("comment id %s, want the time and text's", m.MessageID)
				}
				owner := ""
				if m.ThreadTitle != nil {
					owner = *m.ThreadTitle
				}
				got = append(got, igCommentWant{*m.Text, owner, m.TS.Unix()})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("comments (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.rejects, rejectReasons(rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
		})
	}
}

type igFollowerWant struct {
	ID, Handle, URL string
	At              int64 // 0: undated
}

func TestInstagramFollowers(t *testing.T) {
	for _, tt := range []struct {
		name    string
		in      string
		want    []igFollowerWant
		rejects []string
	}{
		{name: "2022 on: a bare list",
			in: `[
  {"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/Jane_Doe", "value": "Jane_Doe", "timestamp": 1749860021}]},
  {"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/bob", "value": "bob", "timestamp": 1749860000}]}
]`,
			want: []igFollowerWant{{"jane_doe", "Jane_Doe", "https://www.instagram.com/Jane_Doe", 1749860021}, {"bob", "bob", "https://www.instagram.com/bob", 1749860000}}},
		{name: "2021: under relationships_followers",
			in:   `{"relationships_followers": [{"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/kevin", "value": "kevin", "timestamp": 1608833534}]}]}`,
			want: []igFollowerWant{{"kevin", "kevin", "https://www.instagram.com/kevin", 1608833534}}},
		{name: "handle as title, link with _u, undated",
			in:   `[{"title": "zoe.b", "string_list_data": [{"href": "https://www.instagram.com/_u/zoe.b", "timestamp": 0}]}, {"title": "", "string_list_data": [{"href": "https://www.instagram.com/_u/max_1"}]}]`,
			want: []igFollowerWant{{"zoe.b", "zoe.b", "https://www.instagram.com/_u/zoe.b", 0}, {"max_1", "max_1", "https://www.instagram.com/_u/max_1", 0}}},
		{name: "rejects: no username, unknown layout",
			in:      `[{"title": "", "string_list_data": [{"href": "", "value": "", "timestamp": 1}]}, {"label_values": []}]`,
			rejects: []string{"follower without a username", "record of an unknown layout"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, _ := readSource(t, "instagram_followers", "followers_1.json", tt.in, NewOwn(map[string][]string{"instagram": {"CmPulse_Demo"}}))
			var got []igFollowerWant
			for _, f := range followersOf(t, recs) {
				if f.Platform != "instagram" || f.Account != "cmpulse_demo" {
					t.Errorf("follower %+v", f.Follower)
				}
				w := igFollowerWant{ID: f.FollowerID, Handle: *f.Handle, URL: *f.URL}
				if f.FollowedAt != nil {
					w.At = f.FollowedAt.Unix()
				}
				got = append(got, w)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("followers (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.rejects, rejectReasons(rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
		})
	}
}

func TestInstagramAccount(t *testing.T) {
	own := NewOwn(nil)
	in := `{"profile_user": [{"title": "User Information",
  "media_map_data": {"Profile Photo": {"uri": "media/other/profile.jpg", "creation_timestamp": 1718409600, "title": ""}},
  "string_map_data": {"Email": {"href": "", "value": "jane@example.com", "timestamp": 0}, "Username": {"href": "", "value": "cmpulse_demo", "timestamp": 0}, "Name": {"href": "", "value": "` + esc("Zoé") + `", "timestamp": 0}}}]}`
	recs, rejects, skipped := readSource(t, "instagram_account", "personal_information.json", in, own)
	if len(recs) != 0 || len(rejects) != 0 || skipped != 1 || own.Account("instagram") != "cmpulse_demo" {
		t.Errorf("account: %d records, %d rejects, %d skipped, account %q; want 0, 0, 1, cmpulse_demo", len(recs), len(rejects), skipped, own.Account("instagram"))
	}
	own = NewOwn(nil)
	readSource(t, "instagram_account", "personal_information.json", `{"profile_user": [{"string_map_data": {"Gebruikersnaam": {"value": "piet"}}}]}`, own)
	if own.Account("instagram") != "piet" {
		t.Errorf("Dutch account %q, want piet", own.Account("instagram"))
	}
}

// TestInstagramDetect: each file's head is taken by its kind and by no
// other Meta kind, also when cut at 4 KiB.
func TestInstagramDetect(t *testing.T) {
	long := `[{"media": [{"uri": "media/posts/202406/1.jpg", "creation_timestamp": 1718409600, "media_metadata": {"photo_metadata": {"exif_data": [{` +
		strings.Repeat(`"lens_model": "iPhone 14 Pro back camera 6.86mm f/1.78", `, 100) + `"iso": 100}]}}, "title": ""}]}]`
	for _, tt := range []struct{ name, kind, head string }{
		{"posts", "instagram_posts", igPostCases[0].in},
		{"carousel", "instagram_posts", igPostCases[1].in},
		{"posts cut at 4 KiB", "instagram_posts", long[:4096]},
		{"comments 2022", "instagram_comments", `{"comments_media_comments": [{"title": "", "string_map_data": {"Comment": {"value": "x"}}}]}`},
		{"comments 2021", "instagram_comments", `{"comments_media_comments": [{"title": "bob", "string_list_data": [{"value": "x", "timestamp": 1}]}]}`},
		{"comments bare", "instagram_comments", `[{"string_map_data": {"Comment": {"value": "x", "timestamp": 0}, "Media Owner": {"value": "y"}}}]`},
		{"comments bare, owner beside", "instagram_comments", `[{"media_owner": "y", "string_map_data": {"X": {"value": "x"}}}]`},
		{"comments bare, Dutch", "instagram_comments", `[{"string_map_data": {"Opmerking": {"value": "x"}}}]`},
		{"followers bare", "instagram_followers", `[{"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/jane", "value": "jane", "timestamp": 1}]}]`},
		{"followers 2021", "instagram_followers", `{"relationships_followers": [{"string_list_data": [{"href": "https://www.instagram.com/jane"}]}]}`},
		{"account", "instagram_account", `{"profile_user": [{"string_map_data": {"Username": {"value": "x"}}}]}`},
	} {
		got := metaDetected([]byte(tt.head))
		if len(got) != 1 || got[0] != tt.kind {
			t.Errorf("%s detected as %v, want [%s]", tt.name, got, tt.kind)
		}
	}
}

// FuzzInstagram: no input makes a reader panic or loop; every error is a
// reject or the end of the input.
func FuzzInstagram(f *testing.F) {
	for _, c := range igPostCases {
		f.Add(c.in)
	}
	for _, c := range igCommentCases {
		f.Add(c.in)
	}
	f.Add(`{"comments_media_comments": [{"string_map_data": {"Comment": {"value": "\u00c3\u00a9"}, "Time": {"timestamp": 1}}}]}`)
	f.Add(`[{"string_list_data": [{"href": "https://www.instagram.com/_u/a", "value": "a", "timestamp": 1}]}]`)
	f.Add(`{"profile_user": [{"string_map_data": {"Username": {"value": "x"}}}]}`)
	f.Add(`{"relationships_followers": [{"string_list_data": null}], "x": {"y": [[[]]]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		for _, kind := range []string{"instagram_posts", "instagram_comments", "instagram_followers", "instagram_account"} {
			recs, rejects, _, err := readSourceErr(kind, "f.json", in, nil)
			var pe *ParseError
			if errors.As(err, &pe) {
				t.Errorf("%s: a ParseError ended the input: %v", kind, err)
			}
			for _, r := range rejects {
				if r.Err == nil || len(r.Raw) > 1024 {
					t.Errorf("%s: reject %+v", kind, r)
				}
			}
			for _, r := range recs {
				if sr, ok := r.(snapRecord); !ok || sr.Position() < 1 {
					t.Errorf("%s: record %T at %d", kind, r, r.Position())
				}
			}
		}
	})
}
