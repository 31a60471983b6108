package ingest

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// No public sample of a Facebook "Download your information" export
// exists: these fixtures are built from the documented layouts (Meta's
// help pages and the open parsers that describe real exports of profiles
// and Pages: see facebook.go), the text written as Meta writes it.

type fbPostWant struct {
	Text   string
	TS     int64
	Links  []string
	Edited bool
	Title  string
	URL    string
}

type fbPostCase struct {
	name    string
	in      string
	want    []fbPostWant
	rejects []string
}

var fbPostCases = []fbPostCase{
	{name: "status update, mojibake",
		in: `[
  {
    "timestamp": 1242901624,
    "data": [
      {
        "post": "` + esc("Fête de la musique ce soir 🎶 #paris") + `"
      }
    ],
    "title": "` + esc("Zoé Martin updated her status.") + `"
  }
]`,
		want: []fbPostWant{{Text: "Fête de la musique ce soir 🎶 #paris", TS: 1242901624}}},
	{name: "shared link: external_context, edited later",
		in: `[{"timestamp": 1325790129, "attachments": [{"data": [{"external_context": {"url": "http://www.example.org/open-day"}}]}],
  "data": [{"post": "Open day on Sunday! See https://www.example.org/open-day or http://other.net/x."}, {"update_timestamp": 1325799999}]}]`,
		want: []fbPostWant{{Text: "Open day on Sunday! See https://www.example.org/open-day or http://other.net/x.", TS: 1325790129, Edited: true,
			Links: []string{"http://www.example.org/open-day", "https://www.example.org/open-day", "http://other.net/x"}}}},
	{name: "photo: text from the lone photo's description",
		in:   `[{"timestamp": 1273171899, "attachments": [{"data": [{"media": {"uri": "posts/media/MobileUploads_LvJWqglAvA/28819_1251667781858_646231_n_1251667781858.jpg", "creation_timestamp": 1273171899, "title": "Mobile Uploads", "description": "` + esc("Tja hvad skal man sige, nåh") + `"}}]}], "data": [], "title": "x added a new photo."}]`,
		want: []fbPostWant{{Text: "Tja hvad skal man sige, nåh", TS: 1273171899}}},
	{name: "update with the same time is not an edit; event without text",
		in:   `[{"timestamp": 1501154548, "attachments": [{"data": [{"event": {"name": "Show", "start_timestamp": 1501174800}}]}], "data": [{"update_timestamp": 1501154548}]}]`,
		want: []fbPostWant{{TS: 1501154548}}},
	{name: "note: title and text",
		in:   `[{"timestamp": 1578144003, "attachments": [{"data": [{"note": {"title": "Notre histoire", "text": "Il était une fois", "media": [], "created_timestamp": 1578144014}}]}], "data": []}]`,
		want: []fbPostWant{{Text: "Il était une fois", TS: 1578144003, Title: "Notre histoire"}}},
	{name: "label_values layout with a URL",
		in:   `[{"timestamp": 1704067200, "media": [], "label_values": [{"label": "Message", "value": "From the archive"}, {"label": "URL", "href": "https://www.facebook.com/1/posts/2"}, {"title": "Tags", "vec": [{"value": "x"}]}], "fbid": "2"}]`,
		want: []fbPostWant{{Text: "From the archive", TS: 1704067200, URL: "https://www.facebook.com/1/posts/2"}}},
	{name: "wrapped under posts_v2",
		in:   `{"posts_v2": [{"timestamp": 1234567890, "data": [{"post": "Wrapped"}], "title": "t"}]}`,
		want: []fbPostWant{{Text: "Wrapped", TS: 1234567890}}},
	{name: "rejects: no time, unknown layout, bad types",
		in: `[
{"data": [{"post": "no time"}]},
{"timestamp": 1565517349, "other": 1},
{"timestamp": 1565517349, "data": "text"},
{"timestamp": 1565517350, "data": [{"post": "kept"}]}
]`,
		want:    []fbPostWant{{Text: "kept", TS: 1565517350}},
		rejects: []string{"record without a timestamp", "record of an unknown layout", "record of an unknown layout (data is a JSON string)"}},
}

func TestFacebookPosts(t *testing.T) {
	for _, tt := range fbPostCases {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, _ := readSource(t, "facebook_posts", "your_posts_1.json", tt.in, NewOwn(map[string][]string{"facebook": {"CmPulse Demo"}}))
			var got []fbPostWant
			for _, p := range postsOf(t, recs) {
				if p.Platform != "facebook" || p.Account != "CmPulse Demo" || p.Kind != "post" || p.Likes != nil {
					t.Errorf("post %s: platform %q account %q kind %q likes %v", p.PostID, p.Platform, p.Account, p.Kind, p.Likes)
				}
				w := fbPostWant{TS: p.TS.Unix(), Links: p.Links, Edited: p.Edited}
				for _, f := range []struct {
					to   *string
					from *string
				}{{&w.Text, p.Text}, {&w.Title, p.Title}, {&w.URL, p.URL}} {
					if f.from != nil {
						*f.to = *f.from
					}
				}
				got = append(got, w)
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

// TestFacebookPostKeys: a post is known by its time, text and first
// attachment, whatever folder an export version puts its media in; two
// photos posted in the same second without text stay two posts.
func TestFacebookPostKeys(t *testing.T) {
	a := `[{"timestamp": 1305050046, "attachments": [{"data": [{"media": {"uri": "posts/media/TimelinePhotos_awR520Z08w/226622_1661337463344_5022041_n_1661337463344.jpg"}}]}], "data": []},
{"timestamp": 1305050046, "attachments": [{"data": [{"media": {"uri": "posts/media/TimelinePhotos_awR520Z08w/226623_1661337463345_5022042_n_1661337463345.jpg"}}]}], "data": []}]`
	b := `[{"timestamp": 1305050046, "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/TimelinePhotos_awR520Z08w/226622_1661337463344_5022041_n_1661337463344.jpg"}}]}], "data": []}]`
	ra, _, _ := readSource(t, "facebook_posts", "a.json", a, nil)
	rb, _, _ := readSource(t, "facebook_posts", "b.json", b, nil)
	pa, pb := postsOf(t, ra), postsOf(t, rb)
	if len(pa) != 2 || pa[0].PostID == pa[1].PostID || pa[0].PostID != pb[0].PostID {
		t.Errorf("ids %s, %s and %s: want two posts, the first the same in both", pa[0].PostID, pa[1].PostID, pb[0].PostID)
	}
}

type fbCommentWant struct {
	Text, Author, Title, Space string
	TS                         int64
}

type fbCommentCase struct {
	name    string
	in      string
	want    []fbCommentWant
	rejects []string
}

var fbCommentCases = []fbCommentCase{
	{name: "comments_v2, mojibake in text and title",
		in: `{
  "comments_v2": [
    {
      "timestamp": 1239798000,
      "data": [{"comment": {"timestamp": 1239798000, "comment": "` + esc("Très bien ! 👍") + `", "author": "` + esc("Zoé Martin") + `"}}],
      "title": "` + esc("Zoé Martin commented on Tobias Løye's post.") + `"
    }
  ]
}`,
		want: []fbCommentWant{{Text: "Très bien ! 👍", Author: "Zoé Martin", Title: "Zoé Martin commented on Tobias Løye's post.", TS: 1239798000}}},
	{name: "sticker only: no text, an attachment; the entry's time",
		in:   `{"comments_v2": [{"timestamp": 1457387286, "attachments": [{"data": [{"media": {"uri": "posts/media/stickers_used/851575_126362140881916_1086262136_n_126362137548583.png"}}]}], "data": [{"comment": {"comment": "", "author": "Zoé Martin"}}], "title": "Zoé Martin replied to Tobias's comment."}]}`,
		want: []fbCommentWant{{Author: "Zoé Martin", Title: "Zoé Martin replied to Tobias's comment.", TS: 1457387286}}},
	{name: "before 2021: comments; no author: the own account",
		in:   `{"comments": [{"timestamp": 1513717414, "data": [{"comment": {"timestamp": 1513717414, "comment": "Old one"}}], "title": "t"}]}`,
		want: []fbCommentWant{{Text: "Old one", Author: "CmPulse Demo", Title: "t", TS: 1513717414}}},
	{name: "comments in groups, when named: the group is the space",
		in:   `{"group_comments_v2": [{"timestamp": 1779379231, "data": [{"comment": {"timestamp": 1779379231, "comment": "Thanks", "author": "A", "group": "Makers"}}], "title": "A commented."}]}`,
		want: []fbCommentWant{{Text: "Thanks", Author: "A", Title: "A commented.", Space: "Makers", TS: 1779379231}}},
	{name: "a later version's key, comments_v3: read, or rejected where its records differ",
		in:      `{"comments_v3": [{"timestamp": 1700000000, "data": [{"comment": {"timestamp": 1700000000, "comment": "v3", "author": "A"}}], "title": "t"}, {"when": 1700000001, "label_values": []}]}`,
		want:    []fbCommentWant{{Text: "v3", Author: "A", Title: "t", TS: 1700000000}},
		rejects: []string{"record of an unknown layout"}},
	{name: "rejects: no time, unknown layout",
		in:      `{"comments_v2": [{"data": [{"comment": {"comment": "x"}}]}, {"timestamp": 5}]}`,
		rejects: []string{"record without a timestamp", "record of an unknown layout"}},
}

func TestFacebookComments(t *testing.T) {
	for _, tt := range fbCommentCases {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, _ := readSource(t, "facebook_comments", "comments.json", tt.in, NewOwn(map[string][]string{"facebook": {"CmPulse Demo"}}))
			var got []fbCommentWant
			for _, m := range messagesOf(t, recs) {
				if m.Platform != "facebook" || !m.IsOwnAccount || m.Kind != "comment" || m.ThreadID != m.MessageID {
					t.Errorf("comment %+v", m.Conversation)
				}
				w := fbCommentWant{TS: m.TS.Unix()}
				for _, f := range []struct {
					to   *string
					from *string
				}{{&w.Text, m.Text}, {&w.Author, m.Author}, {&w.Title, m.ThreadTitle}, {&w.Space, m.Space}} {
					if f.from != nil {
						*f.to = *f.from
					}
				}
				got = append(got, w)
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

func TestFacebookAccount(t *testing.T) {
	own := NewOwn(nil)
	in := `{"profile_v2": {"name": {"full_name": "` + esc("Zoé Martin") + `", "first_name": "Zo\u00c3\u00a9", "middle_name": "", "last_name": "Martin"}, "emails": {"emails": ["z@example.com"]}, "birthday": {"year": 1990}}}`
	recs, rejects, skipped := readSource(t, "facebook_account", "profile_information.json", in, own)
	if len(recs) != 0 || len(rejects) != 0 || skipped != 1 || own.Account("facebook") != "Zoé Martin" {
		t.Errorf("account: %d records, %d rejects, %d skipped, account %q", len(recs), len(rejects), skipped, own.Account("facebook"))
	}
	for _, bad := range []string{`{"profile_v2": {"emails": {}}}`, `{"profile_v2": `} {
		recs, rejects, skipped := readSource(t, "facebook_account", "profile_information.json", bad, nil)
		if len(recs) != 0 || len(rejects) != 1 || skipped != 0 {
			t.Errorf("%s: %d records, %d rejects, %d skipped; want one reject", bad, len(recs), len(rejects), skipped)
		}
	}
}

func TestFacebookDetect(t *testing.T) {
	for _, tt := range []struct{ name, kind, head string }{
		{"status", "facebook_posts", fbPostCases[0].in},
		{"link", "facebook_posts", fbPostCases[1].in},
		{"photo", "facebook_posts", fbPostCases[2].in},
		{"Page posts", "facebook_posts", `[{"timestamp": 1704067200, "data": [{"post": "Page news"}], "title": "Acme updated their status."}]`},
		{"posts_v2", "facebook_posts", `{"posts_v2": [{"timestamp": 1, "data": [{"post": "x"}]}]}`},
		{"comments_v2", "facebook_comments", `{"comments_v2": [{"timestamp": 1, "data": [{"comment": {"comment": "x"}}]}]}`},
		{"comments", "facebook_comments", `{"comments": [{"timestamp": 1, "data": [{"comment": {"comment": "x"}}]}]}`},
		{"comments_v3", "facebook_comments", `{"comments_v3": [{"timestamp": 1, "whatever": []}]}`},
		{"posts_v3", "facebook_posts", `{"posts_v3": [{"timestamp": 1, "data": [{"post": "x"}]}]}`},
		{"comments, bare", "facebook_comments", `[{"timestamp": 1, "data": [{"comment": {"timestamp": 1, "comment": "x", "author": "A"}}], "title": "A commented."}]`},
		{"profile", "facebook_account", `{"profile_v2": {"name": {"full_name": "A"}}}`},
	} {
		got := metaDetected([]byte(tt.head))
		if len(got) != 1 || got[0] != tt.kind {
			t.Errorf("%s detected as %v, want [%s]", tt.name, got, tt.kind)
		}
	}
}

// FuzzFacebook: no input makes a reader panic or loop; every error is a
// reject or the end of the input.
func FuzzFacebook(f *testing.F) {
	for _, c := range fbPostCases {
		f.Add(c.in)
	}
	for _, c := range fbCommentCases {
		f.Add(c.in)
	}
	f.Add(`{"comments_v2": [{"timestamp": 1, "data": [{"comment": {"comment": "\u00c3\u00a9", "author": "a"}}], "attachments": [{"data": [{"media": {"uri": "x/y.png"}}]}]}]}`)
	f.Add(`{"profile_v2": {"name": {"full_name": "x"}}}`)
	f.Add(`[{"timestamp": 1, "label_values": [{"label": {"x": 1}, "value": [1], "href": null}]}]`)
	f.Fuzz(func(t *testing.T, in string) {
		for _, kind := range []string{"facebook_posts", "facebook_comments", "facebook_account"} {
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
