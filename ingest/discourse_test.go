package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The Discourse cases follow the topic JSON that Discourse's API serves
// (/t/<id>.json: post_stream first, then the topic's id, title, slug), as
// in the two real topics of ../shared/data/real/discourse, and the Data
// Explorer's CSV download (a header of column names, PostgreSQL's text for
// times and booleans), for which no public sample was found: those cases
// are built from the posts table's documented columns.

// dcPostJSON is a post of the fixture topic 77, with extra fields.
func dcPostJSON(id, n int, user string, extra string) string {
	return fmt.Sprintf(`{"id": %d, "name": "", "username": %q, "avatar_template": "/user_avatar/forum.example.org/%s/{size}/1_2.png", "created_at": "2026-03-01T10:%02d:00.000Z", "cooked": "<p>post %d</p>", "post_number": %d, "post_type": 1, "updated_at": "2026-03-01T10:%02d:30.000Z", "reply_to_post_number": null, "topic_id": 77, "topic_slug": "how-to-start", "version": 1, "staff": false, "admin": false, "moderator": false, "user_id": %d, "hidden": false, "deleted_at": null, "user_deleted": false%s}`,
		id, user, user, n, id, n, n, 100+id, extra)
}

// dcTopicJSON is a topic's JSON with its posts, keys in the API's order.
func dcTopicJSON(posts ...string) string {
	return `{"post_stream": {"posts": [` + strings.Join(posts, ", ") + `], "stream": [1, 2, 3]}, "timeline_lookup": [[1, 0]], "id": 77, "title": "How to start?", "fancy_title": "How to start?", "slug": "how-to-start", "details": {"created_by": {"id": 1}}}`
}

// dcSummary is one line per record, with the fields a case checks.
func dcSummary(recs []Record, rejects []*ParseError) []string {
	var out []string
	for _, r := range recs {
		m, ok := r.(*Message)
		if !ok {
			out = append(out, fmt.Sprintf("%d %T", r.Position(), r))
			continue
		}
		c := m.Conversation
		out = append(out, fmt.Sprintf("%d %s/%s parent=%s author=%s id=%s own=%v kind=%s ts=%s text=%q edited=%v status=%s url=%s thread=%s %s space=%s",
			m.Line, c.ThreadID, c.MessageID, orNil(c.ParentID), orNil(c.Author), orNil(c.AuthorID), c.IsOwnAccount, c.Kind,
			c.TS.Format(time.RFC3339), orNil(c.Text), c.Edited, c.Status, orNil(c.URL), orNil(c.ThreadTitle), orNil(c.ThreadURL), orNil(c.Space)))
	}
	for _, pe := range rejects {
		out = append(out, fmt.Sprintf("%d reject: %v", pe.Line, pe.Err))
	}
	return out
}

type dcCase struct {
	name    string
	in      string
	own     map[string][]string
	want    []string
	skipped int64
}

const dcURL = "https://forum.example.org/t/how-to-start/77"

var dcCases = []dcCase{
	{
		name: "topic: title after the posts, replies by post number, staff own, links from the avatar's host",
		in: dcTopicJSON(
			dcPostJSON(1, 1, "ann", ""),
			dcPostJSON(2, 2, "mod", `, "staff": true, "moderator": true, "cooked": "<p>Hi <a class=\"mention\" href=\"/u/ann\">@ann</a>, read <a href=\"https://example.org/faq\">the FAQ</a>.</p>"`),
			dcPostJSON(3, 3, "ann", `, "reply_to_post_number": 2`)),
		want: []string{
			"1 77/1 parent=<nil> author=ann id=101 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 1\" edited=false status=approved url=" + dcURL + "/1 thread=How to start? " + dcURL + " space=forum.example.org",
			"2 77/2 parent=<nil> author=mod id=102 own=true kind=message ts=2026-03-01T10:02:00Z text=\"Hi @ann, read the FAQ.\" edited=false status=approved url=" + dcURL + "/2 thread=How to start? " + dcURL + " space=forum.example.org",
			"3 77/3 parent=2 author=ann id=103 own=false kind=reply ts=2026-03-01T10:03:00Z text=\"post 3\" edited=false status=approved url=" + dcURL + "/3 thread=How to start? " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "letter avatars only: links stay relative to the forum; own by the config; no user_id",
		own:  map[string][]string{"discourse": {"@Team"}},
		in: dcTopicJSON(strings.Replace(dcPostJSON(4, 1, "team", `, "avatar_template": "https://avatars.discourse-cdn.com/v4/letter/t/ab/{size}.png"`), `"user_id": 104, `, "", 1) +
			"" + `, ` + dcPostJSON(5, 2, "bob", `, "avatar_template": "/letter_avatar_proxy/v4/letter/b/cd/{size}.png", "reply_to_post_number": 9`)),
		want: []string{
			"1 77/4 parent=<nil> author=team id=team own=true kind=message ts=2026-03-01T10:01:00Z text=\"post 4\" edited=false status=approved url=/t/how-to-start/77/1 thread=How to start? /t/how-to-start/77 space=<nil>",
			"2 77/5 parent=<nil> author=bob id=105 own=false kind=reply ts=2026-03-01T10:02:00Z text=\"post 5\" edited=false status=approved url=/t/how-to-start/77/2 thread=How to start? /t/how-to-start/77 space=<nil>",
		},
	},
	{
		name: "small actions are counted skips; edits by version or by updated_at over a minute",
		in: dcTopicJSON(
			dcPostJSON(6, 1, "ann", `, "version": 2`),
			dcPostJSON(7, 2, "mod", `, "post_type": 3, "action_code": "closed.enabled", "cooked": ""`),
			dcPostJSON(8, 3, "bob", `, "updated_at": "2026-03-01T10:05:00.000Z"`)),
		skipped: 1,
		want: []string{
			"1 77/6 parent=<nil> author=ann id=106 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 6\" edited=true status=approved url=" + dcURL + "/1 thread=How to start? " + dcURL + " space=forum.example.org",
			"3 77/8 parent=<nil> author=bob id=108 own=false kind=message ts=2026-03-01T10:03:00Z text=\"post 8\" edited=true status=approved url=" + dcURL + "/3 thread=How to start? " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "deleted, removed by the author, hidden by flags",
		in: dcTopicJSON(
			dcPostJSON(9, 1, "ann", `, "deleted_at": "2026-03-02T00:00:00.000Z"`),
			dcPostJSON(10, 2, "bob", `, "user_deleted": true`),
			dcPostJSON(11, 3, "spam", `, "hidden": true`)),
		want: []string{
			"1 77/9 parent=<nil> author=ann id=109 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 9\" edited=false status=trash url=" + dcURL + "/1 thread=How to start? " + dcURL + " space=forum.example.org",
			"2 77/10 parent=<nil> author=bob id=110 own=false kind=message ts=2026-03-01T10:02:00Z text=\"post 10\" edited=false status=trash url=" + dcURL + "/2 thread=How to start? " + dcURL + " space=forum.example.org",
			"3 77/11 parent=<nil> author=spam id=111 own=false kind=message ts=2026-03-01T10:03:00Z text=\"post 11\" edited=false status=pending url=" + dcURL + "/3 thread=How to start? " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "posts that cannot be read are rejects; the others are read",
		in: dcTopicJSON(
			dcPostJSON(12, 1, "ann", `, "created_at": "yesterday"`),
			`{"username": "noid", "created_at": "2026-03-01T10:00:00Z"}`,
			`{"id": 14, "post_number": {"n": 1}}`,
			`"a string"`,
			dcPostJSON(15, 5, "ann", "")),
		want: []string{
			"5 77/15 parent=<nil> author=ann id=115 own=false kind=message ts=2026-03-01T10:05:00Z text=\"post 15\" edited=false status=approved url=" + dcURL + "/5 thread=How to start? " + dcURL + " space=forum.example.org",
			"1 reject: created_at: \"yesterday\" is not an ISO 8601 time",
			"2 reject: post has no id",
			"3 reject: unreadable post: id {\"n\": 1} is neither a number nor a string",
			"4 reject: unreadable post: json: cannot unmarshal string into Go value of type ingest.dcPost",
		},
	},
	{
		name: "quotes: dropped from the text, the first one what a post without reply_to answers; oneboxes kept as their address",
		in: dcTopicJSON(
			dcPostJSON(41, 1, "ann", ""),
			dcPostJSON(42, 2, "mod", `, "cooked": "<aside class=\"quote no-group\" data-username=\"ann\" data-post=\"1\" data-topic=\"77\"><div class=\"title\">ann:</div><blockquote><p>Why?</p></blockquote></aside><p>Because.</p>"`),
			dcPostJSON(43, 3, "bob", `, "cooked": "<p>See</p><aside class=\"onebox allowlistedgeneric\" data-onebox-src=\"https://example.org/doc\"><header>example.org</header><article><h3>Doc</h3><p>preview text</p></article></aside>"`),
			dcPostJSON(44, 4, "bob", `, "cooked": "<aside class=\"quote\" data-post=\"3\" data-topic=\"99\"><blockquote><p>elsewhere</p></blockquote></aside><p>other topic</p>"`)),
		want: []string{
			"1 77/41 parent=<nil> author=ann id=141 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 41\" edited=false status=approved url=" + dcURL + "/1 thread=How to start? " + dcURL + " space=forum.example.org",
			"2 77/42 parent=41 author=mod id=142 own=false kind=reply ts=2026-03-01T10:02:00Z text=\"Because.\" edited=false status=approved url=" + dcURL + "/2 thread=How to start? " + dcURL + " space=forum.example.org",
			"3 77/43 parent=<nil> author=bob id=143 own=false kind=message ts=2026-03-01T10:03:00Z text=\"See\\n https://example.org/doc\" edited=false status=approved url=" + dcURL + "/3 thread=How to start? " + dcURL + " space=forum.example.org",
			"4 77/44 parent=<nil> author=bob id=144 own=false kind=message ts=2026-03-01T10:04:00Z text=\"other topic\" edited=false status=approved url=" + dcURL + "/4 thread=How to start? " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "a post of no known topic (no topic_id, no topic id) is a reject",
		in:   strings.Replace(dcTopicJSON(strings.Replace(dcPostJSON(45, 1, "ann", ""), `"topic_id": 77, `, "", 1)), `"id": 77, "title"`, `"title"`, 1),
		want: []string{
			"1 reject: post has no topic_id",
		},
	},
	{
		name: "/t/<id>/posts.json: posts without topic_id, the topic's id after them; a BOM",
		in:   "\ufeff" + `{"post_stream": {"posts": [` + strings.Replace(dcPostJSON(46, 1, "ann", ""), `"topic_id": 77, `, "", 1) + `]}, "id": 77}`,
		want: []string{
			"1 77/46 parent=<nil> author=ann id=146 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 46\" edited=false status=approved url=" + dcURL + "/1 thread=<nil> " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "/posts.json: latest posts of several topics, each with its title",
		in: `{"latest_posts": [` + dcPostJSON(16, 4, "ann", `, "topic_title": "How to start?", "reply_to_post_number": 3`) + `, ` +
			strings.NewReplacer(`"topic_id": 77`, `"topic_id": 78`, `how-to-start`, `other`).Replace(dcPostJSON(17, 1, "bob", `, "topic_title": "Other"`)) + `]}`,
		want: []string{
			"1 77/16 parent=<nil> author=ann id=116 own=false kind=reply ts=2026-03-01T10:04:00Z text=\"post 16\" edited=false status=approved url=" + dcURL + "/4 thread=How to start? " + dcURL + " space=forum.example.org",
			"2 78/17 parent=<nil> author=bob id=117 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 17\" edited=false status=approved url=https://forum.example.org/t/other/78/1 thread=Other https://forum.example.org/t/other/78 space=forum.example.org",
		},
	},
	{
		name: "saved with sorted keys and pretty-printed: lines; the topic id from the topic",
		in: "{\n \"archetype\": \"regular\",\n \"id\": 77,\n \"post_stream\": {\n  \"posts\": [\n   " +
			strings.Replace(dcPostJSON(18, 1, "ann", ""), `"topic_id": 77, `, "", 1) + ",\n   " + dcPostJSON(19, 2, "bob", `, "reply_to_post_number": 1`) +
			"\n  ]\n },\n \"slug\": \"how-to-start\",\n \"title\": \"How to start?\"\n}\n",
		want: []string{
			"6 77/18 parent=<nil> author=ann id=118 own=false kind=message ts=2026-03-01T10:01:00Z text=\"post 18\" edited=false status=approved url=" + dcURL + "/1 thread=How to start? " + dcURL + " space=forum.example.org",
			"7 77/19 parent=18 author=bob id=119 own=false kind=reply ts=2026-03-01T10:02:00Z text=\"post 19\" edited=false status=approved url=" + dcURL + "/2 thread=How to start? " + dcURL + " space=forum.example.org",
		},
	},
	{
		name: "Data Explorer CSV: BOM, PostgreSQL times and booleans, a reply read before its parent, a quoted multi-line raw",
		in: "\ufeffid,topic_id,post_number,reply_to_post_number,user_id,username,created_at,updated_at,staff,raw\n" +
			"21,77,2,3,101,ann,2026-03-01 10:02:00.5,2026-03-01 10:02:00.5,f,\"see \"\"3\"\"\"\n" +
			"22,77,3,,102,mod,2026-03-01 10:03:00+00,2026-03-01 10:09:00+00,t,\"two\nlines\"\n" +
			"23,77,4,,103,bob,2026-03-01 10:04:00 UTC,,false,plain\n",
		want: []string{
			"3 77/22 parent=<nil> author=mod id=102 own=true kind=message ts=2026-03-01T10:03:00Z text=\"two\\nlines\" edited=true status=approved url=/t/-/77/3 thread=<nil> /t/-/77 space=<nil>",
			"5 77/23 parent=<nil> author=bob id=103 own=false kind=message ts=2026-03-01T10:04:00Z text=\"plain\" edited=false status=approved url=/t/-/77/4 thread=<nil> /t/-/77 space=<nil>",
			"2 77/21 parent=22 author=ann id=101 own=false kind=reply ts=2026-03-01T10:02:00Z text=\"see \\\"3\\\"\" edited=false status=approved url=/t/-/77/2 thread=<nil> /t/-/77 space=<nil>",
		},
	},
	{
		name: "Data Explorer CSV: cooked, titles and slugs; bad rows are rejects",
		in: "post_id,topic_id,post_number,created_at,cooked,topic_title,slug,post_type\n" +
			"31,78,1,2026-03-01T10:00:00Z,<p>Hello <b>all</b></p>,Welcome,welcome,1\n" +
			"32,78,2,2026-03-01T10:01:00Z,<p>closed</p>,Welcome,welcome,3\n" +
			"33,78,3,2026-03-01T10:02:00Z,<p>short row</p>\n" +
			"34,78,4,,<p>no date</p>,Welcome,welcome,1\n" +
			"37,,4,2026-03-01T10:03:00Z,<p>no topic</p>,Welcome,welcome,1\n" +
			"35,78,5,2026-03-01T10:03:00Z,<p>bad \"quote</p>,Welcome,welcome,1\n" +
			"36,78,6,2026-03-01T10:04:00Z,<p>last</p>,Welcome,welcome,1\n",
		skipped: 1,
		want: []string{
			"2 78/31 parent=<nil> author=<nil> id=<nil> own=false kind=message ts=2026-03-01T10:00:00Z text=\"Hello all\" edited=false status=approved url=/t/welcome/78/1 thread=Welcome /t/welcome/78 space=<nil>",
			"8 78/36 parent=<nil> author=<nil> id=<nil> own=false kind=message ts=2026-03-01T10:04:00Z text=\"last\" edited=false status=approved url=/t/welcome/78/6 thread=Welcome /t/welcome/78 space=<nil>",
			"4 reject: 5 fields where the header has 8",
			"5 reject: created_at: no time",
			"6 reject: post has no topic_id",
			"7 reject: bare \" in non-quoted-field",
		},
	},
}

// TestDiscourse reads each case and checks every record's fields, the
// rejects and the skips.
func TestDiscourse(t *testing.T) {
	for _, tc := range dcCases {
		t.Run(tc.name, func(t *testing.T) {
			recs, rejects, skipped := readSource(t, "discourse", "t.json", tc.in, NewOwn(tc.own))
			if d := cmp.Diff(tc.want, dcSummary(recs, rejects)); d != "" {
				t.Errorf("records (-want +got):\n%s", d)
			}
			if skipped != tc.skipped {
				t.Errorf("skipped %d, want %d", skipped, tc.skipped)
			}
		})
	}
}

// TestDiscourseBroken: cut or foreign input ends with an error, never a
// panic; what was read before a cut in the posts is not given out, since
// the topic's title and parents come after them.
func TestDiscourseBroken(t *testing.T) {
	full := dcTopicJSON(dcPostJSON(1, 1, "ann", ""), dcPostJSON(2, 2, "bob", ""))
	for _, in := range []string{full[:len(full)/2], full[:len(full)-1], "[1]", "", "id,name\n1,x\n", "id,topic_id,created_at\n1,2,2026-01-01\n"} {
		if _, _, _, err := readSourceErr("discourse", "t.json", in, nil); err == nil {
			t.Errorf("%.40q: no error", in)
		}
	}
}

// TestDetectDiscourse: a topic's head, a posts CSV's header, and not the
// heads of other kinds.
func TestDetectDiscourse(t *testing.T) {
	yes := []string{
		dcTopicJSON(dcPostJSON(1, 1, "ann", "")),
		`{"latest_posts": [`,
		`{"archetype": "regular", "post_stream": {"posts": [`,
		"\ufeffid,topic_id,post_number,created_at,raw\n1,2,3,x,y\n",
		"post_id,topic_id,user_id,created_at,cooked\n",
		`{"archetype": "regular", "details": {}, "posts": [{"cooked": "x", "post_number": 1, "topic_slug": "s"`,
	}
	no := []string{
		tgExport("public_channel"),
		`{"id": 1, "title": "x"}`,
		`{"content": "<p>my \"post_stream\": {} idea, \"cooked\": and \"post_number\": \"topic_slug\":</p>"}`,
		"platform,thread_id,message_id,parent_id,author,is_own_account,ts,text\n",
		"topic_title,categories,is_pm,post_raw,post_cooked,like_count,reply_count,url,created_at\n",
		"id,topic_id,created_at\n",
		"192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1",
	}
	for _, h := range yes {
		if !detectDiscourse([]byte(h)) {
			t.Errorf("detectDiscourse(%.60q) = false", h)
		}
	}
	for _, h := range no {
		if detectDiscourse([]byte(h)) {
			t.Errorf("detectDiscourse(%.60q) = true", h)
		}
	}
}

// dcReal is what the real topics hold, counted apart with python3:
//
//	python3 -c 'import json,sys,collections; from datetime import datetime as D
//	t=lambda s: D.fromisoformat(s.replace("Z","+00:00"))
//	for f in sys.argv[1:]:
//	  ps=json.load(open(f))["post_stream"]["posts"]
//	  print(len(ps), len({p["username"] for p in ps}), sum(p["staff"] for p in ps),
//	    sum(p["reply_to_post_number"] is not None for p in ps),
//	    sum(p["version"]>1 or (t(p["updated_at"])-t(p["created_at"])).total_seconds()>60 for p in ps))' *.json
//	-> t3525: 22 4 10 11 8; t5079: 55 4 19 24 19
//
// Every reply_to_post_number there names a post of the same file.
var dcReal = []struct {
	file                                 string
	topic                                string
	posts, users, staff, replies, edited int
}{
	{"urho3d-t3525-no-html-file-in-emscripten-build.json", "3525", 22, 4, 10, 11, 8},
	{"urho3d-t5079-android-ndk-version.json", "5079", 55, 4, 19, 24, 19},
}

// TestDiscourseRealTopics reads the two real topics.
func TestDiscourseRealTopics(t *testing.T) {
	dir := realSample(t, "discourse")
	for _, want := range dcReal {
		b, err := os.ReadFile(filepath.Join(dir, want.file))
		if err != nil {
			t.Fatal(err)
		}
		recs, rejects, skipped := readSource(t, "discourse", want.file, string(b), nil)
		users := map[string]bool{}
		var own, parents, edited int
		for i, r := range recs {
			m := r.(*Message)
			users[*m.Author] = true
			if m.IsOwnAccount {
				own++
			}
			if m.ParentID != nil {
				parents++
			}
			if m.Edited {
				edited++
			}
			if m.ThreadID != want.topic || m.Line != int64(i+1) || m.ThreadTitle == nil || !strings.HasPrefix(*m.URL, "https://discourse.urho3d.io/t/") {
				t.Errorf("%s: post %s: thread %s line %d title %v url %s", want.file, m.MessageID, m.ThreadID, m.Line, m.ThreadTitle, *m.URL)
			}
		}
		got := [...]int{len(recs), len(users), own, parents, edited, len(rejects), int(skipped)}
		if exp := [...]int{want.posts, want.users, want.staff, want.replies, want.edited, 0, 0}; got != exp {
			t.Errorf("%s: posts, users, own, with a parent, edited, rejects, skipped = %v, want %v", want.file, got, exp)
		}
	}
}

// TestDiscourseIngest ingests the real topics through Ingest: every post is
// a row (22 + 55), and the same files again add nothing.
func TestDiscourseIngest(t *testing.T) {
	dir := realSample(t, "discourse")
	wh := filepath.Join(t.TempDir(), "wh")
	var files []string
	for _, r := range dcReal {
		files = append(files, filepath.Join(dir, r.file))
	}
	sum := ingestArgs(t, wh, files...)
	for i, f := range sum.Files {
		if f.Format != "discourse" || f.Rows != int64(dcReal[i].posts) || f.Rows+f.Skipped+f.Rejects != f.Lines || f.Err != nil {
			t.Errorf("%s: %+v; want discourse, %d rows", f.Name, f, dcReal[i].posts)
		}
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'discourse'", 77)
	viewCount(t, wh, "SELECT count(*) FROM conversations c JOIN conversations p ON p.thread_id = c.thread_id AND p.message_id = c.parent_id", 35)
	if sum := ingestArgs(t, wh, files...); sum.Batch != "" {
		t.Errorf("again: batch %q, %+v; want nothing new", sum.Batch, sum.Files)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations", 77)
}

// FuzzDiscourse: any input ends, without a panic, in records, rejects and
// a plain error.
func FuzzDiscourse(f *testing.F) {
	for _, tc := range dcCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		recs, rejects, _, err := readSourceErr("discourse", "t.json", in, nil)
		var pe *ParseError
		if errors.As(err, &pe) {
			t.Errorf("a ParseError ended the input: %v", err)
		}
		for _, r := range recs {
			if m, ok := r.(*Message); !ok || m.MessageID == "" || m.ThreadID == "" {
				t.Errorf("a record without its keys: %+v", r)
			}
		}
		for _, pe := range rejects {
			if len(pe.Raw) > maxRaw {
				t.Errorf("raw of %d bytes", len(pe.Raw))
			}
		}
	})
}

// TestDetectChatRealSamples: of all the real samples (every kind's), the
// Telegram detection takes only the Telegram export and the Discourse one
// only the two topics.
func TestDetectChatRealSamples(t *testing.T) {
	root := realSample(t, "")
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
		n, _ := io.ReadFull(f, head)
		dir := filepath.Base(filepath.Dir(p))
		if got, want := detectTelegram(head[:n]), dir == "telegram"; got != want {
			t.Errorf("detectTelegram(%s) = %v", p, got)
		}
		if got, want := detectDiscourse(head[:n]), dir == "discourse"; got != want {
			t.Errorf("detectDiscourse(%s) = %v", p, got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
