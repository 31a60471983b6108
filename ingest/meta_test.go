package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Tests of what the Instagram and Facebook readers share (meta.go).

// mojibake is s as Meta writes it: each UTF-8 byte as the Latin-1
// character of that value.
func mojibake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func TestMetaText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"ascii", "plain text #tag", "plain text #tag"},
		{"empty", "", ""},
		{"French accents", mojibake("café crème, où êtes-vous ? Déçu…"), "café crème, où êtes-vous ? Déçu…"},
		{"emoji", mojibake("Anyone else feel spring? 🙌😂"), "Anyone else feel spring? 🙌😂"},
		{"CJK", mojibake("日本語のキャプション"), "日本語のキャプション"},
		{"typographic apostrophe", "It\u00e2\u0080\u0099s", "It’s"},
		{"correct café (Latin-1 é alone is no UTF-8)", "café", "café"},
		{"correct naïve and Straße", "naïve Straße", "naïve Straße"},
		{"correct emoji left alone", "spring 🙌", "spring 🙌"},
		{"correct CJK left alone", "日本 café", "日本 café"},
		{"mojibake beside a proper rune above U+00FF is left", mojibake("café") + " 🙌", mojibake("café") + " 🙌"},
		{"lone Ã", "Ã", "Ã"},
		{"NUL removed", "a\x00b", "ab"},
		{"NUL removed after repair", mojibake("café\x00"), "café"},
		{"invalid UTF-8 input left", "caf\xe9", "caf\xe9"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := metaText(tt.in); got != tt.want {
				t.Errorf("metaText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMetaTime(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want metaTime
		err  bool
	}{
		{"1718409600", 1718409600, false},
		{`"1718409600"`, 1718409600, false},
		{"1718409600000", 1718409600, false}, // milliseconds
		{"1718409600.5", 1718409600, false},
		{"null", 0, false},
		{"0", 0, false},
		{"-5", 0, true},
		{`"soon"`, 0, true},
	} {
		var got metaTime
		err := got.UnmarshalJSON([]byte(tt.in))
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("metaTime(%s) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if _, ok := metaTime(0).utc(); ok {
		t.Error("time 0 is a time")
	}
}

// streamAll reads a metaStream to its end.
func streamAll(in string, keys ...string) (recs []string, pos []int64, err error) {
	s := newMetaStream(strings.NewReader(in), keys...)
	for {
		raw, p, err := s.next()
		if err == io.EOF {
			return recs, pos, nil
		}
		if err != nil {
			return recs, pos, err
		}
		recs, pos = append(recs, string(raw)), append(pos, p)
	}
}

func TestMetaStream(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		keys []string
		recs []string
		pos  []int64
		err  string // part of the error, "" for none
	}{
		{name: "bare list, one record a line", in: "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n", recs: []string{`{"a": 1}`, `{"a": 2}`}, pos: []int64{2, 3}},
		{name: "pretty records span lines", in: "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 2\n  }\n]", recs: []string{"{\n    \"a\": 1\n  }", "{\n    \"a\": 2\n  }"}, pos: []int64{2, 5}},
		{name: "minified: record numbers", in: `[{"a":1},{"a":2},{"a":3}]`, recs: []string{`{"a":1}`, `{"a":2}`, `{"a":3}`}, pos: []int64{1, 2, 3}},
		{name: "wrapped, other keys passed over", in: "{\"x\": {\"deep\": [1, [2]]},\n \"k\": [\n {\"a\": 1}\n ], \"y\": 3}", keys: []string{"k"}, recs: []string{`{"a": 1}`}, pos: []int64{3}},
		{name: "two known lists", in: `{"k": [1], "j": [2]}`, keys: []string{"k", "j"}, recs: []string{"1", "2"}, pos: []int64{1, 2}},
		{name: "byte order mark", in: "\xef\xbb\xbf[{\"a\":1}]", recs: []string{`{"a":1}`}, pos: []int64{1}},
		{name: "empty input", in: "", recs: nil},
		{name: "empty list", in: "[]", recs: nil},
		{name: "no known key", in: `{"other": [1]}`, keys: []string{"k"}, err: `no key of this kind's records (keys: "other")`},
		{name: "known key holds no list", in: `{"k": {"a": 1}}`, keys: []string{"k"}, err: `"k" holds no list`},
		{name: "not a list", in: `"text"`, err: "not a list of records"},
		{name: "broken after a record", in: "[\n{\"a\": 1},\n{\"a\": }\n]", recs: []string{`{"a": 1}`}, pos: []int64{2}, err: "line 3: broken JSON after 1 records"},
		{name: "cut short", in: "[\n{\"a\": 1},\n{\"a\"", recs: []string{`{"a": 1}`}, pos: []int64{2}, err: "broken JSON"},
		{name: "data after the list", in: "[1]\n[2]", recs: []string{"1"}, pos: []int64{1}, err: "line 2: data after the list"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, pos, err := streamAll(tt.in, tt.keys...)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("stream(%q) error %v, want %q", tt.in, err, tt.err)
			}
			if strings.Join(recs, "|") != strings.Join(tt.recs, "|") {
				t.Errorf("stream(%q) records %q, want %q", tt.in, recs, tt.recs)
			}
			if tt.pos != nil && !equalInts(pos, tt.pos) {
				t.Errorf("stream(%q) positions %v, want %v", tt.in, pos, tt.pos)
			}
		})
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMetaStreamLongFile: line numbers stay right past the decoder's
// buffer, over a file of many records.
func TestMetaStreamLongFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < 20000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`  {"title": "` + strings.Repeat("x", i%300) + `",` + "\n" + `   "n": 1}`)
	}
	b.WriteString("\n]\n")
	_, pos, err := streamAll(b.String())
	if err != nil || len(pos) != 20000 {
		t.Fatalf("read %d records, error %v", len(pos), err)
	}
	for i, p := range pos {
		if want := int64(2 + 2*i); p != want {
			t.Fatalf("record %d at line %d, want %d", i+1, p, want)
		}
	}
}

func TestReadHead(t *testing.T) {
	h := readHead([]byte(`[{"media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 17`))
	if h.root != '[' || h.paths["[]/media/[]/uri"] != "media/posts/1.jpg" || !h.has("[]/media") {
		t.Errorf("readHead(cut post) = %+v", h)
	}
	h = readHead([]byte(`{"comments_media_comments": [{"string_map_data": {"Comment": {"value": "x"`))
	if h.root != '{' || h.first != "comments_media_comments" || !h.hasUnder("comments_media_comments/[]/string_map_data", "comment") {
		t.Errorf("readHead(cut comments) = %+v", h)
	}
	if h := readHead([]byte("window.YTD.tweets.part0 = [")); h.root != 0 {
		t.Errorf("readHead(tweets.js) root %q", h.root)
	}
}

func TestMetaKeyIs(t *testing.T) {
	for _, tt := range []struct {
		key  string
		keys []string
		want bool
	}{
		{"comments_v2", []string{"comments_v*"}, true},
		{"comments_v10", []string{"comments_v*"}, true},
		{"comments_v", []string{"comments_v*"}, false},
		{"comments_vx", []string{"comments_v*"}, false},
		{"group_comments_v2", []string{"comments_v*"}, false},
		{"comments", []string{"comments_v*", "comments"}, true},
		{"relationships_followers", []string{"relationships_followers"}, true},
		{"relationships_following", []string{"relationships_followers"}, false},
	} {
		if got := metaKeyIs(tt.key, tt.keys...); got != tt.want {
			t.Errorf("metaKeyIs(%q, %q) = %v, want %v", tt.key, tt.keys, got, tt.want)
		}
	}
}

func TestMetaArchive(t *testing.T) {
	for _, tt := range []struct{ name, platform, account, day string }{
		{"/exports/instagram-jane_doe-2025-07-31-AbCdEf12.zip!your_instagram_activity/media/posts_1.json", "instagram", "jane_doe", "2025-07-31"},
		{"x.zip!instagram-Jane.Doe-20221116/content/posts_1.json", "instagram", "jane.doe", "2022-11-16"},
		{"facebook-kolctw-2026-3-6.zip!your_facebook_activity/posts/your_posts_1.json", "facebook", "kolctw", "2026-03-06"},
		{"facebook-kolctw-2026-13-40.zip!posts.json", "facebook", "kolctw", ""},
		{"facebook-kolctw-2026-3-6.zip!posts.json", "instagram", "", ""},
		{"posts_1.json", "instagram", "", ""},
		{"/home/me/instagram-notes/posts_1.json", "instagram", "", ""},
	} {
		account, day := metaArchive(tt.name, tt.platform)
		d := ""
		if !day.IsZero() {
			d = day.Format(time.DateOnly)
		}
		if account != tt.account || d != tt.day {
			t.Errorf("metaArchive(%q, %s) = %q, %q; want %q, %q", tt.name, tt.platform, account, d, tt.account, tt.day)
		}
	}
}

// TestMetaExportTime: an export named with its day is that day's, or its
// latest record's where that is later; without the name, none of its own.
func TestMetaExportTime(t *testing.T) {
	posts := `[{"media": [{"uri": "a.jpg", "creation_timestamp": 1753920000}]}, {"media": [{"uri": "b.jpg", "creation_timestamp": 1700000000}]}]` // 2025-07-31 00:00 and 2023-11-14
	for _, tt := range []struct {
		name string
		want time.Time
		ok   bool
	}{
		{"instagram-jane-2025-08-02-AbC.zip!posts_1.json", time.Date(2025, 8, 2, 0, 0, 0, 0, time.UTC), true},
		{"instagram-jane-2025-07-30-AbC.zip!posts_1.json", time.Unix(1753920000, 0).UTC(), true},
		{"posts_1.json", time.Time{}, false},
	} {
		rd := kindOf("instagram_posts").OpenSource(&Source{Name: tt.name, R: strings.NewReader(posts), Own: NewOwn(nil)})
		for {
			if _, err := rd.Next(); err != nil {
				break
			}
		}
		got, ok := rd.(ExportTimer).ExportTime()
		if !got.Equal(tt.want) || ok != tt.ok {
			t.Errorf("%s: export time %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// metaKinds are the kinds this file's readers serve.
var metaKinds = []string{"instagram_posts", "instagram_comments", "instagram_followers", "instagram_account",
	"facebook_posts", "facebook_comments", "facebook_account"}

// metaDetected returns the Meta kinds whose detection takes head.
func metaDetected(head []byte) []string {
	var got []string
	for _, name := range metaKinds {
		if kindOf(name).Detect(head) {
			got = append(got, name)
		}
	}
	return got
}

// TestMetaDetectOthers: no Meta kind takes the files of other kinds, nor
// the files of a Meta export that no kind reads.
func TestMetaDetectOthers(t *testing.T) {
	for _, tt := range []struct{ name, head string }{
		{"X tweets.js", `window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "1" } } ]`},
		{"Mastodon outbox", `{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection", "orderedItems": [{"id": "x", "type": "Create", "published": "2024-01-01T00:00:00Z"}]}`},
		{"Telegram result.json", `{"name": "Group", "type": "private_supergroup", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200", "from": "A", "text": "hi", "text_entities": []}]}`},
		{"Discourse topic", `{"post_stream": {"posts": [{"id": 1, "username": "a", "cooked": "<p>x</p>", "created_at": "2024-01-01T00:00:00Z"}]}, "timeline_lookup": [], "id": 5, "title": "T"}`},
		{"a JSON array of numbers", `[1, 2, 3]`},
		{"Instagram following.json", `{"relationships_following": [{"title": "jane", "string_list_data": [{"href": "https://www.instagram.com/_u/jane", "timestamp": 1718409600}]}]}`},
		{"Instagram liked_posts.json", `{"likes_media_likes": [{"title": "jane", "string_list_data": [{"href": "https://www.instagram.com/p/AbC/", "value": "👍", "timestamp": 1718409600}]}]}`},
		{"Instagram liked posts, label_values", `[{"timestamp": 1718409600, "media": [], "label_values": [{"label": "URL", "value": "https://www.instagram.com/p/AbC/"}], "fbid": "1"}]`},
		{"Instagram stories.json", `{"ig_stories": [{"uri": "media/stories/202406/s.jpg", "creation_timestamp": 1718409600, "title": ""}]}`},
		{"Instagram reels.json", `{"ig_reels_media": [{"media": [{"uri": "media/reels/202406/r.mp4", "creation_timestamp": 1718409600, "title": ""}]}]}`},
		{"Instagram reels_comments.json", `{"comments_reels_comments": [{"string_map_data": {"Comment": {"value": "x"}, "Time": {"timestamp": 1718409600}}}]}`},
		{"Instagram posts_viewed.json", `{"impressions_history_posts_seen": [{"string_map_data": {"Author": {"value": "a"}, "Time": {"timestamp": 1}}}]}`},
		{"Instagram message_1.json", `{"participants": [{"name": "a"}], "messages": [{"sender_name": "a", "timestamp_ms": 1718409600000, "content": "hi"}]}`},
		{"Facebook likes_and_reactions_1.json", `[{"timestamp": 1242917167, "data": [{"reaction": {"reaction": "LIKE", "actor": "Lukas"}}], "title": "Lukas likes Henriette's post."}]`},
		{"Facebook archive.json", `[{"timestamp": 1704067200, "media": [], "label_values": [{"label": "Message", "value": "x"}], "fbid": "1"}]`},
		{"Facebook your_videos.json", `{"videos_v2": [{"uri": "posts/media/videos/1.mp4", "creation_timestamp": 1307281944, "description": ""}]}`},
		{"Facebook reactions", `{"reactions_v2": [{"timestamp": 1, "data": [{"reaction": {"reaction": "LIKE"}}]}]}`},
		{"Facebook comments in groups", `{"group_comments_v2": [{"timestamp": 1, "data": [{"comment": {"timestamp": 1, "comment": "x", "author": "A", "group": "G"}}]}]}`},
		{"Facebook friends", `{"friends_v2": [{"name": "Mads", "timestamp": 1634498460}]}`},
	} {
		if got := metaDetected([]byte(tt.head)); len(got) != 0 {
			t.Errorf("%s detected as %v", tt.name, got)
		}
	}
}

// TestMetaDetectRealOthers: no Meta kind takes any real sample of the
// other kinds (../shared/data/real, first 4 KiB as detection sees them).
// There is no public sample of a Meta export: nothing there is one.
func TestMetaDetectRealOthers(t *testing.T) {
	root := realSample(t, "")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, 4096)
		k, _ := io.ReadFull(f, head)
		n++
		if got := metaDetected(head[:k]); len(got) != 0 {
			t.Errorf("%s detected as %v", p, got)
		}
		return nil
	})
	if err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no files under %s", root)
	}
}
