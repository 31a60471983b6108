package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
	"github.com/google/go-cmp/cmp"
)

// The outbox fixtures below are built from Mastodon's own output (the
// real archive in ../shared/data/real/mastodon_archive, shortened) and,
// for the quirks that archive lacks (quotes, polls, Pleroma's layout,
// other servers' URIs), from the ActivityStreams vocabulary and the
// servers' documented fields.

const (
	mActor     = "https://indieweb.social/users/dealingwith"
	mFollowers = mActor + "/followers"
	mPublic    = "https://www.w3.org/ns/activitystreams#Public"
)

// mOutbox is an outbox.json as Mastodon 4 writes it: the @context, a
// totalItems that is not the item count, and orderedItems twice, the
// first empty.
func mOutbox(items ...string) string {
	return `{"@context":["https://www.w3.org/ns/activitystreams",{"atomUri":"ostatus:atomUri"}],"id":"outbox.json","type":"OrderedCollection","totalItems":1557,"orderedItems":[],"orderedItems":[` +
		strings.Join(items, ",") + `]}`
}

// mCreate is a Create activity of the note with id n (a status number),
// whose note carries the extra fields given (JSON members, comma first).
func mCreate(n, to, cc, extra string) string {
	id := mActor + "/statuses/" + n
	return fmt.Sprintf(`{"id":%q,"type":"Create","actor":%q,"published":"2024-07-23T18:39:06Z","to":%s,"cc":%s,`+
		`"object":{"id":%q,"type":"Note","summary":null,"published":"2024-07-23T18:39:06Z","url":"https://indieweb.social/@dealingwith/%s",`+
		`"attributedTo":%q,"to":%s,"cc":%s,"sensitive":false%s}}`,
		id+"/activity", mActor, to, cc, id, n, mActor, to, cc, extra)
}

var (
	mToPublic = `["` + mPublic + `"]`
	mToFollow = `["` + mFollowers + `"]`
	mNone     = `[]`
)

func mTS() time.Time { return time.Date(2024, 7, 23, 18, 39, 6, 0, time.UTC) }

// mPost is the row of mCreate(n, ...) before the case's own fields.
func mPost(n, kind, vis string) warehouse.SocialPost {
	return warehouse.SocialPost{Platform: "mastodon", Account: "dealingwith@indieweb.social",
		PostID: mActor + "/statuses/" + n + "/activity", TS: mTS(), Kind: kind, Visibility: &vis,
		URL: sp("https://indieweb.social/@dealingwith/" + n)}
}

func sp(s string) *string { return &s }

func TestMastodonOutbox(t *testing.T) {
	replyTS := time.UnixMilli(112815872417660928 >> 16).UTC()
	tests := []struct {
		name    string
		doc     string
		want    []warehouse.SocialPost
		rejects []error
		skipped int64
	}{
		{
			name: "duplicate orderedItems key: the second holds the items, totalItems is ignored",
			doc:  mOutbox(mCreate("1", mToPublic, `["`+mFollowers+`"]`, `,"content":"<p>Hello</p>","contentMap":{"en":"<p>Hello</p>"},"tag":[]`)),
			want: []warehouse.SocialPost{func() warehouse.SocialPost {
				p := mPost("1", "post", "public")
				p.Text, p.Lang = sp("Hello"), sp("en")
				return p
			}()},
		},
		{
			name: "one orderedItems key with totalItems after it (older Mastodon, Pleroma)",
			doc: `{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection", "orderedItems": [
` + mCreate("2", mToPublic, mNone, `,"content":"<p>a</p>"`) + `
], "totalItems": 1}`,
			want: []warehouse.SocialPost{func() warehouse.SocialPost {
				p := mPost("2", "post", "public")
				p.Text = sp("a")
				return p
			}()},
		},
		{
			name: "HTML content: Mastodon's invisible spans give the whole URL; mention and hashtag links are not links",
			doc: mOutbox(mCreate("3", mToPublic, mNone, `,"content":"<p>Read <a href=\"https://daniel.industries/2022/11/07/less-twitter-more-indieweb/\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" translate=\"no\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">daniel.industries/2022/11/07/l</span><span class=\"invisible\">ess-twitter-more-indieweb/</span></a> with <span class=\"h-card\" translate=\"no\"><a href=\"https://social.lol/@mcg\" class=\"u-url mention\">@<span>mcg</span></a></span> and <span class=\"h-card\"><a href=\"https://indieweb.social/@obsolete29\" class=\"u-url mention\">@<span>obsolete29</span></a></span> <a href=\"https://indieweb.social/tags/Caturday\" class=\"mention hashtag\" rel=\"tag\">#<span>Caturday</span></a> &amp; more</p><p>Line two</p>",`+
				`"tag":[{"type":"Mention","href":"https://social.lol/users/mcg","name":"@mcg@social.lol"},{"type":"Mention","href":"https://indieweb.social/users/obsolete29","name":"@obsolete29"},{"type":"Hashtag","href":"https://indieweb.social/tags/caturday","name":"#Caturday"},{"type":"Hashtag","href":"https://indieweb.social/tags/caturday","name":"#caturday"},{"type":"Emoji","name":":blobcat:","icon":{"url":"x.png"}}]`)),
			want: []warehouse.SocialPost{func() warehouse.SocialPost {
				p := mPost("3", "post", "public")
				p.Text = sp("Read https://daniel.industries/2022/11/07/less-twitter-more-indieweb/ with @mcg and @obsolete29 #Caturday & more\nLine two")
				p.Links = []string{"https://daniel.industries/2022/11/07/less-twitter-more-indieweb/"}
				p.Hashtags = []string{"caturday"}
				p.Mentions = []string{"mcg@social.lol", "obsolete29@indieweb.social"}
				return p
			}()},
		},
		{
			name: "no tag list: hashtags and mentions from the text",
			doc:  mOutbox(mCreate("4", mToPublic, mNone, `,"content":"<p>#GoLang with @ann@example.net</p>"`)),
			want: []warehouse.SocialPost{func() warehouse.SocialPost {
				p := mPost("4", "post", "public")
				p.Text, p.Hashtags, p.Mentions = sp("#GoLang with @ann@example.net"), []string{"golang"}, []string{"ann@example.net"}
				return p
			}()},
		},
		{
			name: "Announce: object is a URI string; a repost without text, visibility from the activity",
			doc: mOutbox(`{"id":"https://indieweb.social/users/dealingwith/statuses/109449999597967268/activity","type":"Announce","actor":"` + mActor +
				`","published":"2022-12-03T13:34:16Z","to":["` + mPublic + `"],"cc":["https://mastodon.social/users/s0mmer","` + mFollowers +
				`"],"object":"https://mastodon.social/users/s0mmer/statuses/109440048909776763"}`),
			want: []warehouse.SocialPost{{Platform: "mastodon", Account: "dealingwith@indieweb.social",
				PostID: mActor + "/statuses/109449999597967268/activity", TS: time.Date(2022, 12, 3, 13, 34, 16, 0, time.UTC),
				Kind: "repost", Visibility: sp("public"), RepostOf: sp("https://mastodon.social/users/s0mmer/statuses/109440048909776763")}},
		},
		{
			name: "Announce with the object embedded: its id is what was reposted",
			doc: mOutbox(`{"id":"https://indieweb.social/users/dealingwith/statuses/9/activity","type":"Announce","actor":"` + mActor +
				`","published":"2022-12-03T13:34:16Z","to":["` + mFollowers + `"],"cc":[],"object":{"id":"https://a.example/notes/xyz","type":"Note","content":"theirs"}}`),
			want: []warehouse.SocialPost{{Platform: "mastodon", Account: "dealingwith@indieweb.social",
				PostID: mActor + "/statuses/9/activity", TS: time.Date(2022, 12, 3, 13, 34, 16, 0, time.UTC),
				Kind: "repost", Visibility: sp("followers"), RepostOf: sp("https://a.example/notes/xyz")}},
		},
		{
			name: "reply: in_reply_to from the URI's user and host, its time from the snowflake id",
			doc: mOutbox(mCreate("5", mToPublic, mNone, `,"inReplyTo":"https://mastodon.social/users/Gargron/statuses/112815872417660928","content":"<p>yes</p>"`) +
				"," + mCreate("6", mToPublic, mNone, `,"inReplyTo":"https://social.wedistribute.org/objects/d72df992-9951-4102-b10d-d110864e2289","content":"<p>no user</p>"`) +
				"," + mCreate("7", mToPublic, mNone, `,"inReplyTo":"https://old.example/users/bob/statuses/12345","content":"<p>pre-2017 sequential id</p>"`)),
			want: []warehouse.SocialPost{
				func() warehouse.SocialPost {
					p := mPost("5", "reply", "public")
					p.Text = sp("yes")
					p.InReplyToID = sp("https://mastodon.social/users/Gargron/statuses/112815872417660928")
					p.InReplyToAccount, p.InReplyToTS = sp("gargron@mastodon.social"), &replyTS
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("6", "reply", "public")
					p.Text = sp("no user")
					p.InReplyToID = sp("https://social.wedistribute.org/objects/d72df992-9951-4102-b10d-d110864e2289")
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("7", "reply", "public")
					p.Text = sp("pre-2017 sequential id")
					p.InReplyToID, p.InReplyToAccount = sp("https://old.example/users/bob/statuses/12345"), sp("bob@old.example")
					return p
				}(),
			},
		},
		{
			name: "visibility: unlisted (Public in cc), followers-only, direct; to as a single string; compact as:Public",
			doc: mOutbox(mCreate("10", `["`+mFollowers+`"]`, `["`+mPublic+`"]`, `,"content":"u"`),
				mCreate("11", mToFollow, `["https://example.net/users/ann"]`, `,"content":"f"`),
				mCreate("12", `["https://example.net/users/ann"]`, mNone, `,"content":"d"`),
				mCreate("13", `"as:Public"`, mNone, `,"content":"p"`)),
			want: []warehouse.SocialPost{
				func() warehouse.SocialPost { p := mPost("10", "post", "unlisted"); p.Text = sp("u"); return p }(),
				func() warehouse.SocialPost { p := mPost("11", "post", "followers"); p.Text = sp("f"); return p }(),
				func() warehouse.SocialPost { p := mPost("12", "post", "direct"); p.Text = sp("d"); return p }(),
				func() warehouse.SocialPost { p := mPost("13", "post", "public"); p.Text = sp("p"); return p }(),
			},
		},
		{
			name: "edited: updated present; a CW summary and sensitive flag leave the text alone; attachment paths are relative",
			doc: mOutbox(mCreate("20", mToPublic, mNone, `,"updated":"2024-07-24T08:00:00Z","summary":"spoilers","sensitive":true,"content":"<p>it ends well</p>",`+
				`"attachment":[{"type":"Document","mediaType":"image/jpeg","url":"/indiewebsocial/media_attachments/files/109/376/original/x.jpg"}]`)),
			want: []warehouse.SocialPost{func() warehouse.SocialPost {
				p := mPost("20", "post", "public")
				p.Text, p.Edited = sp("it ends well"), true
				return p
			}()},
		},
		{
			name: "quotes: quoteUri, _misskey_quote, quoteUrl, FEP-044f quote; a reply that quotes stays a reply",
			doc: mOutbox(mCreate("30", mToPublic, mNone, `,"content":"q1","quoteUri":"https://a.example/users/x/statuses/1"`),
				mCreate("31", mToPublic, mNone, `,"content":"q2","_misskey_quote":"https://misskey.example/notes/9abc"`),
				mCreate("32", mToPublic, mNone, `,"content":"q3","quoteUrl":"https://pleroma.example/objects/u-u-i-d"`),
				mCreate("33", mToPublic, mNone, `,"content":"q4","quote":"https://b.example/users/y/statuses/2"`),
				mCreate("34", mToPublic, mNone, `,"content":"q5","quote":"https://b.example/users/y/statuses/3","inReplyTo":"https://b.example/users/y/statuses/3"`)),
			want: []warehouse.SocialPost{
				func() warehouse.SocialPost {
					p := mPost("30", "quote", "public")
					p.Text, p.RepostOf = sp("q1"), sp("https://a.example/users/x/statuses/1")
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("31", "quote", "public")
					p.Text, p.RepostOf = sp("q2"), sp("https://misskey.example/notes/9abc")
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("32", "quote", "public")
					p.Text, p.RepostOf = sp("q3"), sp("https://pleroma.example/objects/u-u-i-d")
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("33", "quote", "public")
					p.Text, p.RepostOf = sp("q4"), sp("https://b.example/users/y/statuses/2")
					return p
				}(),
				func() warehouse.SocialPost {
					p := mPost("34", "reply", "public")
					p.Text, p.RepostOf = sp("q5"), sp("https://b.example/users/y/statuses/3")
					p.InReplyToID, p.InReplyToAccount = sp("https://b.example/users/y/statuses/3"), sp("y@b.example")
					return p
				}(),
			},
		},
		{
			name: "language: contentMap's key as ISO 639; pt-BR is pt; und is none",
			doc: mOutbox(mCreate("40", mToPublic, mNone, `,"content":"oi","contentMap":{"pt-BR":"oi"}`),
				mCreate("41", mToPublic, mNone, `,"content":"hm","contentMap":{"und":"hm"}`),
				mCreate("42", mToPublic, mNone, `,"content":"ja","contentMap":{"de":"ja","nl":"nee"}`)),
			want: []warehouse.SocialPost{
				func() warehouse.SocialPost {
					p := mPost("40", "post", "public")
					p.Text, p.Lang = sp("oi"), sp("pt")
					return p
				}(),
				func() warehouse.SocialPost { p := mPost("41", "post", "public"); p.Text = sp("hm"); return p }(),
				func() warehouse.SocialPost {
					p := mPost("42", "post", "public")
					p.Text, p.Lang = sp("ja"), sp("de")
					return p
				}(),
			},
		},
		{
			name: "a poll (Question) is a post; an object given by its URI alone is a post without text",
			doc: mOutbox(strings.Replace(mCreate("50", mToPublic, mNone, `,"content":"<p>Tea or coffee?</p>","oneOf":[{"type":"Note","name":"Tea"}]`), `"type":"Note"`, `"type":"Question"`, 1),
				`{"id":"`+mActor+`/statuses/51/activity","type":"Create","actor":"`+mActor+`","published":"2024-07-23T18:39:06Z","to":["`+mPublic+`"],"cc":[],"object":"`+mActor+`/statuses/51"}`),
			want: []warehouse.SocialPost{
				func() warehouse.SocialPost {
					p := mPost("50", "post", "public")
					p.Text = sp("Tea or coffee?")
					return p
				}(),
				func() warehouse.SocialPost { p := mPost("51", "post", "public"); p.URL = nil; return p }(),
			},
		},
		{
			name: "passed over: a deleted note, an activity that is no post, an id given twice",
			doc: mOutbox(strings.Replace(mCreate("60", mToPublic, mNone, ``), `"type":"Note"`, `"type":"Tombstone"`, 1),
				`{"id":"`+mActor+`#likes/1","type":"Like","actor":"`+mActor+`","object":"https://a.example/notes/1"}`,
				mCreate("61", mToPublic, mNone, `,"content":"once"`), mCreate("61", mToPublic, mNone, `,"content":"twice"`)),
			want:    []warehouse.SocialPost{func() warehouse.SocialPost { p := mPost("61", "post", "public"); p.Text = sp("once"); return p }()},
			skipped: 3,
		},
		{
			name: "rejects: a URI where an activity belongs, no id, no time, no object, a field of the wrong type",
			doc: mOutbox(`"https://mastodon.social/users/robotspacer/statuses/100532741303956178"`,
				`{"type":"Create","actor":"`+mActor+`","published":"2024-07-23T18:39:06Z","object":{"type":"Note"}}`,
				`{"id":"x:1","type":"Create","actor":"`+mActor+`","published":"yesterday","object":{"type":"Note"}}`,
				`{"id":"x:2","type":"Announce","actor":"`+mActor+`","published":"2024-07-23T18:39:06Z"}`,
				`{"id":"x:3","type":"Create","actor":"`+mActor+`","published":"2024-07-23T18:39:06Z","object":null}`,
				`{"id":"x:4","type":"Create","actor":"`+mActor+`","published":"2024-07-23T18:39:06Z","object":{"type":"Note","content":{"html":"?"}}}`,
				`{"id":7}`,
				mCreate("70", mToPublic, mNone, `,"content":"kept"`)),
			want:    []warehouse.SocialPost{func() warehouse.SocialPost { p := mPost("70", "post", "public"); p.Text = sp("kept"); return p }()},
			rejects: []error{errNotActivity, errNoActivityID, errNoPublished, errNoObject, errNoObject, errNotActivity, errNotActivity},
		},
		{
			name: "an empty account: both orderedItems empty",
			doc:  mOutbox(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, skipped := readSource(t, "mastodon_outbox", "outbox.json", tt.doc, nil)
			var got []warehouse.SocialPost
			for i, r := range recs {
				p := r.(*Post)
				if p.Line < 1 || i > 0 && p.Line <= recs[i-1].Position() {
					t.Errorf("record %d at position %d", i, p.Line)
				}
				got = append(got, p.SocialPost)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
			var gotErr []error
			for _, pe := range rejects {
				gotErr = append(gotErr, pe.Err)
				if pe.File != "outbox.json" || len(pe.Raw) == 0 || pe.Line < 1 {
					t.Errorf("reject %+v lacks its file, line or text", pe)
				}
			}
			if d := cmp.Diff(tt.rejects, gotErr, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
			if skipped != tt.skipped {
				t.Errorf("skipped = %d, want %d", skipped, tt.skipped)
			}
		})
	}
}

// TestMastodonOutboxBroken: an outbox cut short (a download stopped
// halfway) gives the items before the break, then an error that ends it;
// input that is no JSON object ends at once.
func TestMastodonOutboxBroken(t *testing.T) {
	full := mOutbox(mCreate("1", mToPublic, mNone, `,"content":"a"`), mCreate("2", mToPublic, mNone, `,"content":"b"`))
	cut := full[:strings.Index(full, `"content":"b"`)]
	for _, c := range []struct {
		name, doc string
		rows      int
	}{
		{"cut inside an item", cut, 1},
		{"cut after the items", full[:len(full)-2], 2},
		{"garbage between items", strings.Replace(full, `},{"id"`, `} x {"id"`, 1), 1},
		{"an array, not an object", `[` + mCreate("1", mToPublic, mNone, ``) + `]`, 0},
		{"empty", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, rejects, _, err := readSourceErr("mastodon_outbox", "outbox.json", c.doc, nil)
			var pe *ParseError
			if err == nil || errors.As(err, &pe) {
				t.Fatalf("error = %v, want one that ends the input", err)
			}
			if len(recs) != c.rows || len(rejects) != 0 {
				t.Errorf("rows %d, rejects %d; want %d, 0 (error %v)", len(recs), len(rejects), c.rows, err)
			}
		})
	}
}

func TestMastodonActor(t *testing.T) {
	t.Run("a Person: own account as name@host and as its URI, no rows, one skip", func(t *testing.T) {
		own := NewOwn(nil)
		doc := `{"@context":["https://www.w3.org/ns/activitystreams"],"id":"` + mActor + `","type":"Person","followers":"` + mFollowers +
			`","inbox":"` + mActor + `/inbox","outbox":"outbox.json","preferredUsername":"DealingWith","name":"dealingwith","likes":"likes.json","bookmarks":"bookmarks.json"}`
		recs, rejects, skipped := readSource(t, "mastodon_actor", "archive.zip!actor.json", doc, own)
		if len(recs) != 0 || len(rejects) != 0 || skipped != 1 {
			t.Errorf("records %d, rejects %d, skipped %d; want 0, 0, 1", len(recs), len(rejects), skipped)
		}
		if got := own.Account("mastodon"); got != "DealingWith@indieweb.social" {
			t.Errorf("Own.Account = %q", got)
		}
		for _, id := range []string{"@dealingwith@indieweb.social", mActor} {
			if !own.Is("mastodon", id) {
				t.Errorf("Own.Is(%q) = false", id)
			}
		}
	})
	t.Run("no preferredUsername: a reject, nothing learnt", func(t *testing.T) {
		own := NewOwn(nil)
		recs, rejects, skipped := readSource(t, "mastodon_actor", "actor.json", `{"id":"`+mActor+`","type":"Person"}`, own)
		if len(recs) != 0 || len(rejects) != 1 || skipped != 0 || !errors.Is(rejects[0].Err, errNotActor) {
			t.Errorf("records %d, rejects %v, skipped %d; want 0, [%v], 0", len(recs), rejects, skipped, errNotActor)
		}
		if own.Account("mastodon") != "" {
			t.Errorf("Own learnt %q", own.Account("mastodon"))
		}
	})
	t.Run("not JSON: an error that ends the input", func(t *testing.T) {
		if _, _, _, err := readSourceErr("mastodon_actor", "actor.json", `{"id":`, nil); err == nil {
			t.Error("no error")
		}
	})
}

// TestMastodonAccountFromOutbox: the outbox, read before actor.json in an
// archive, already makes its actor an own account.
func TestMastodonAccountFromOutbox(t *testing.T) {
	own := NewOwn(nil)
	readSource(t, "mastodon_outbox", "outbox.json", mOutbox(mCreate("1", mToPublic, mNone, ``)), own)
	if !own.Is("mastodon", "dealingwith@indieweb.social") || !own.Is("mastodon", mActor) {
		t.Errorf("own accounts after the outbox: %q", own.Account("mastodon"))
	}
}

func TestMastodonDetect(t *testing.T) {
	prettyContext := "{\n    \"@context\": [\n        \"https://www.w3.org/ns/activitystreams\",\n        {\n" +
		strings.Repeat("            \"toot\": \"http://joinmastodon.org/ns#\",\n", 60) +
		"            \"atomUri\": \"ostatus:atomUri\",\n" + strings.Repeat("            \"x\": \"y\",\n", 200)
	tests := []struct{ name, head, want string }{
		{"Mastodon outbox", mOutbox(mCreate("1", mToPublic, mNone, ``)), "mastodon_outbox"},
		{"Pleroma outbox", "{\n  \"@context\": \"https://www.w3.org/ns/activitystreams\",\n  \"id\": \"outbox.json\",\n  \"type\": \"OrderedCollection\",\n  \"orderedItems\": [\n\n", "mastodon_outbox"},
		{"pretty-printed outbox whose head ends inside @context", prettyContext[:4096], "mastodon_outbox"},
		{"actor", `{"@context":["https://www.w3.org/ns/activitystreams"],"id":"` + mActor + `","type":"Person","inbox":"x","outbox":"outbox.json","preferredUsername":"a"}`, "mastodon_actor"},
		{"bot actor", `{"@context":"https://www.w3.org/ns/activitystreams","type":"Service","id":"https://a.example/users/bot","preferredUsername":"bot"}`, "mastodon_actor"},
		{"likes.json", `{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":["https://a.example/users/x/statuses/1"]}`, ""},
		{"bookmarks.json", `{"@context":"https://www.w3.org/ns/activitystreams","id":"bookmarks.json","type":"OrderedCollection","orderedItems":[]}`, ""},
		{"Pleroma followers.json", "{\n  \"@context\": \"https://www.w3.org/ns/activitystreams\",\n  \"id\": \"followers.json\",\n  \"type\": \"OrderedCollection\",\n  \"orderedItems\": [\n\"https://a.example/users/x\"", ""},
		{"JSON without a context", `{"type":"Person","preferredUsername":"a","inbox":"x"}`, ""},
		{"a log line", `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`, "combined"},
	}
	for _, tt := range tests {
		head := tt.head
		if len(head) > 4096 {
			head = head[:4096]
		}
		if got := detect([]byte(head)); got != tt.want {
			t.Errorf("%s: detect = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestMastodonDetectReal: each real archive file is detected as its kind,
// and likes.json and bookmarks.json as none, from their first 4 KiB.
func TestMastodonDetectReal(t *testing.T) {
	dir := realSample(t, "mastodon_archive")
	for file, want := range map[string]string{"outbox.json": "mastodon_outbox", "actor.json": "mastodon_actor", "likes.json": "", "bookmarks.json": ""} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 4096 {
			b = b[:4096]
		}
		if got := detect(b); got != want {
			t.Errorf("detect(%s) = %q, want %q", file, got, want)
		}
	}
}

func TestMastodonArchiveTime(t *testing.T) {
	for name, want := range map[string]string{
		"/dl/archive-20240723183906-0123456789abcdef0123456789abcdef.zip!outbox.json":         "2024-07-23T18:39:06Z",
		"archive-20190102030405-0123456789abcdef0123456789abcdef.tar.gz!actor.json":           "2019-01-02T03:04:05Z",
		"/dl/archive-cofe-20240723T183906-Zm9vYmFyYmF6cXV4.zip!outbox.json":                   "2024-07-23T18:39:06Z",
		"/home/me/archive-20240723183906-0123456789abcdef0123456789abcdef/outbox.json":        "2024-07-23T18:39:06Z",
		"/dl/my-mastodon.zip!outbox.json":                                                     "",
		"outbox.json":                                                                         "",
		"/dl/archive-99999999999999-0123456789abcdef0123456789abcdef.zip!outbox.json":         "",
		"/dl/archive-20240723183906-0123456789abcdef0123456789abcdef.zip!archive/outbox.json": "2024-07-23T18:39:06Z",
	} {
		got := ""
		if ts, ok := mastodonArchiveTime(name); ok {
			got = ts.Format(time.RFC3339)
		}
		if got != want {
			t.Errorf("mastodonArchiveTime(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestMastodonRealSample reads the real archive of @dealingwith@indieweb.social.
// The expected numbers were counted with jq and python3 on the file, not
// with this reader:
//
//	jq '[.orderedItems[]] | length' outbox.json                      # 1586 (jq keeps the last duplicate key)
//	jq -r '.orderedItems[] | .type' outbox.json | sort | uniq -c     # 1260 Create, 326 Announce
//	jq -r '.orderedItems[] | select(.type=="Create") | .object | if .inReplyTo then "reply" else "post" end' outbox.json | sort | uniq -c   # 838 post, 422 reply
//	P=https://www.w3.org/ns/activitystreams#Public; jq -r --arg P $P '.orderedItems[] | (if .type=="Create" then .object else . end) as $o
//	  | if ($o.to|index($P)) then "public" elif ($o.cc|index($P)) then "unlisted"
//	  elif ([$o.to[]|select(.=="https://indieweb.social/users/dealingwith/followers")]|length>0) then "followers" else "direct" end' outbox.json | sort | uniq -c
//	                                                                  # 1495 public, 16 unlisted, 40 followers, 35 direct
//	jq '[.orderedItems[] | select(.type=="Create") | .object | select(.updated != null)] | length' outbox.json   # 46
//	jq -r '.orderedItems[] | select(.type=="Create") | .object.contentMap | keys | join(",")' outbox.json | sort | uniq -c  # 1259 en, 1 sv
//	jq '[.orderedItems[] | select(.type=="Create") | .object | [.tag[] | select(.type=="Hashtag") | .name | ascii_downcase] | unique | length] | add' outbox.json  # 127
//	jq '[.orderedItems[] | select(.type=="Create") | .object | [.tag[] | select(.type=="Mention") | .href] | unique | length] | add' outbox.json  # 329
//	jq '[.orderedItems[] | select(.type=="Create") | .object.inReplyTo | select(. != null)
//	  | select(test("^https://[^/]+/users/[^/]+/statuses/[0-9]+$"))] | length' outbox.json   # 420 replies name their account (and decode to a time)
//	jq '[.orderedItems[] | select(.type=="Create") | .object.content | select(.=="")] | length' outbox.json   # 5 notes without text
//	jq -r '[.orderedItems[].published] | min, max' outbox.json       # 2022-11-08T03:07:14Z, 2024-07-23T18:39:06Z
//
// Links (378, in 354 notes): python3's html.parser over each content, the
// <a href> that are http(s), not of class mention/hashtag nor rel tag, nor
// a tag's href, unique per note.
func TestMastodonRealSample(t *testing.T) {
	dir := realSample(t, "mastodon_archive")
	b, err := os.ReadFile(filepath.Join(dir, "outbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	own := NewOwn(nil)
	recs, rejects, skipped := readSource(t, "mastodon_outbox", "outbox.json", string(b), own)
	if len(rejects) != 0 || skipped != 0 {
		t.Fatalf("rejects %v, skipped %d; want none", rejects, skipped)
	}
	count := map[string]int{}
	var links, withLinks, hashtags, mentions int
	first, last := recs[0].(*Post).TS, recs[0].(*Post).TS
	for _, r := range recs {
		p := r.(*Post)
		count["kind "+p.Kind]++
		count["visibility "+*p.Visibility]++
		count["account "+p.Account]++
		if p.Edited {
			count["edited"]++
		}
		if p.Lang != nil {
			count["lang "+*p.Lang]++
		}
		if p.InReplyToAccount != nil {
			count["reply account"]++
		}
		if p.InReplyToTS != nil && !p.InReplyToTS.After(p.TS) {
			count["reply time"]++
		}
		if p.Text == nil && p.Kind != "repost" {
			count["no text"]++
		}
		links += len(p.Links)
		if len(p.Links) > 0 {
			withLinks++
		}
		hashtags += len(p.Hashtags)
		mentions += len(p.Mentions)
		if p.TS.Before(first) {
			first = p.TS
		}
		if p.TS.After(last) {
			last = p.TS
		}
	}
	want := map[string]int{
		"kind post": 838, "kind reply": 422, "kind repost": 326,
		"visibility public": 1495, "visibility unlisted": 16, "visibility followers": 40, "visibility direct": 35,
		"account dealingwith@indieweb.social": 1586, "edited": 46, "lang en": 1259, "lang sv": 1,
		"reply account": 420, "reply time": 420, "no text": 5,
	}
	if d := cmp.Diff(want, count); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if len(recs) != 1586 || links != 378 || withLinks != 354 || hashtags != 127 || mentions != 329 {
		t.Errorf("rows %d, links %d in %d posts, hashtags %d, mentions %d; want 1586, 378 in 354, 127, 329",
			len(recs), links, withLinks, hashtags, mentions)
	}
	if first.Format(time.RFC3339) != "2022-11-08T03:07:14Z" || last.Format(time.RFC3339) != "2024-07-23T18:39:06Z" {
		t.Errorf("dates %v .. %v", first, last)
	}
}

// TestMastodonRealActor: the real actor.json makes its account an own
// account and is one skipped record.
func TestMastodonRealActor(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realSample(t, "mastodon_archive"), "actor.json"))
	if err != nil {
		t.Fatal(err)
	}
	own := NewOwn(nil)
	if recs, rejects, skipped := readSource(t, "mastodon_actor", "actor.json", string(b), own); len(recs)+len(rejects) != 0 || skipped != 1 {
		t.Errorf("actor.json: records %d, rejects %d, skipped %d", len(recs), len(rejects), skipped)
	}
	if own.Account("mastodon") != "dealingwith@indieweb.social" || !own.Is("mastodon", mActor) {
		t.Errorf("own account from actor.json: %q", own.Account("mastodon"))
	}
}

// generatedOutbox streams an outbox of n items without holding it.
type generatedOutbox struct {
	n, i int
	buf  []byte
}

func (g *generatedOutbox) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.i == 0:
			g.buf = []byte(mOutbox()[:strings.LastIndex(mOutbox(), "]")])
		case g.i <= g.n:
			s := mCreate(fmt.Sprint(g.i), mToPublic, mNone, `,"content":"<p>`+strings.Repeat("words ", 100)+`</p>","tag":[]`)
			if g.i > 1 {
				s = "," + s
			}
			g.buf = []byte(s)
		case g.i == g.n+1:
			g.buf = []byte("]}")
		default:
			return 0, io.EOF
		}
		g.i++
	}
	k := copy(p, g.buf)
	g.buf = g.buf[k:]
	return k, nil
}

// TestMastodonOutboxStreams: a 100 MB outbox is read item by item: the
// live heap stays far below the size of the input.
func TestMastodonOutboxStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB")
	}
	const n = 120_000 // about 110 MB
	rd := openMastodonOutbox(&Source{Name: "outbox.json", R: &generatedOutbox{n: n}, Own: NewOwn(nil)})
	var ms runtime.MemStats
	rows, peak := 0, uint64(0)
	for {
		_, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rows++; rows%20_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	t.Logf("live heap up to %d MiB", peak>>20)
	if rows != n || peak > 40<<20 {
		t.Errorf("rows %d (want %d), live heap up to %d MiB", rows, n, peak>>20)
	}
}

func FuzzMastodonOutbox(f *testing.F) {
	f.Add(mOutbox(mCreate("1", mToPublic, mNone, `,"content":"<p>a <a href=\"https://x.example/\">x</a> #t</p>","tag":[{"type":"Hashtag","name":"#t"}]`)))
	f.Add(mOutbox(`{"id":"a","type":"Announce","actor":"` + mActor + `","published":"2022-12-03T13:34:16Z","to":"as:Public","object":"https://a.example/1"}`))
	f.Add(mOutbox(`"https://a.example/1"`, `{"id":7}`, `{"id":"x","type":["Create"],"published":"2024-07-23T18:39:06Z","object":{"inReplyTo":{"id":"https://a.example/users/b/statuses/1"},"tag":{"type":"Mention","href":"h"}}}`))
	f.Add(`{"orderedItems":{"a":[1,{"b":[]}]},"orderedItems":[[],{}],"x":"y"}`)
	f.Add("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"orderedItems\":[{\"id\":\"\xff\"}")
	f.Add("")
	f.Fuzz(func(t *testing.T, doc string) {
		recs, rejects, skipped, err := readSourceErr("mastodon_outbox", "outbox.json", doc, nil)
		var pe *ParseError
		if errors.As(err, &pe) {
			t.Fatalf("a ParseError ended the input: %v", err)
		}
		seen := map[int64]bool{}
		for _, r := range recs {
			seen[r.Position()] = true
			if p := r.(*Post); p.PostID == "" || p.Platform != "mastodon" || p.Visibility == nil {
				t.Fatalf("row without id, platform or visibility: %+v", p)
			}
		}
		for _, r := range rejects {
			if seen[r.Line] || r.Line < 1 || len(r.Raw) > maxRaw {
				t.Fatalf("reject at %d repeats a row's position or keeps %d bytes", r.Line, len(r.Raw))
			}
			seen[r.Line] = true
		}
		if int64(len(seen)) != int64(len(recs)+len(rejects)) || skipped < 0 {
			t.Fatalf("positions repeat: %d rows, %d rejects, %d distinct", len(recs), len(rejects), len(seen))
		}
	})
}

func FuzzMastodonActor(f *testing.F) {
	f.Add(`{"@context":"https://www.w3.org/ns/activitystreams","id":"` + mActor + `","type":"Person","preferredUsername":"a"}`)
	f.Add(`{"id":"::","preferredUsername":" "}`)
	f.Add(`[1]`)
	f.Add("")
	f.Fuzz(func(t *testing.T, doc string) {
		recs, rejects, skipped, err := readSourceErr("mastodon_actor", "actor.json", doc, nil)
		if len(recs) != 0 || len(rejects)+int(skipped) > 1 || err == nil && len(rejects)+int(skipped) != 1 {
			t.Fatalf("records %d, rejects %d, skipped %d, err %v", len(recs), len(rejects), skipped, err)
		}
	})
}

// TestMastodonDetectOthers: no file of the other real samples (X archives,
// Telegram and Discourse JSON, WXR, CSV exports, logs) is taken for a
// Mastodon file.
func TestMastodonDetectOthers(t *testing.T) {
	root := filepath.Dir(realSample(t, "mastodon_archive"))
	n := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, "mastodon_archive") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		head := make([]byte, 4096)
		k, _ := io.ReadFull(f, head)
		if isMastodonOutbox(head[:k]) || isMastodonActor(head[:k]) {
			t.Errorf("%s detected as a Mastodon file", p)
		}
		n++
		return nil
	})
	if n < 10 {
		t.Errorf("only %d other sample files", n)
	}
}
