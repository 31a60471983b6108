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

// The Telegram cases are built from Telegram Desktop's export writer
// (export_output_json.cpp) and its documented layout: the one public sample
// (../shared/data/real/telegram) is a channel, which has no members, no
// joins and one sender, so the group cases (from/from_id per message,
// replies between members, joins) are fixtures written from that layout,
// not copies of a real group's export.

// tgExport is a single-chat result.json as Telegram Desktop writes it: one
// key per line, one message per line from line 6.
func tgExport(typ string, msgs ...string) string {
	return "{\n \"name\": \"Cmpulse Friends\",\n \"type\": \"" + typ + "\",\n \"id\": 1700000001,\n \"messages\": [\n  " +
		strings.Join(msgs, ",\n  ") + "\n ]\n}\n"
}

// tgMsg is a message of the fixture group, with extra fields appended.
func tgMsg(id int, from, fromID, extra string) string {
	return fmt.Sprintf(`{"id": %d, "type": "message", "date": "2026-03-01T10:%02d:00", "date_unixtime": "%d", "from": %q, "from_id": %q%s}`,
		id, id, 1772359200+60*id, from, fromID, extra)
}

// chatSummary is one line per record, with the fields a case checks.
func chatSummary(recs []Record, rejects []*ParseError) []string {
	var out []string
	for _, r := range recs {
		switch v := r.(type) {
		case *Message:
			c := v.Conversation
			out = append(out, fmt.Sprintf("%d msg %s/%s parent=%s author=%s id=%s own=%v kind=%s ts=%s text=%q edited=%v url=%s",
				v.Line, c.ThreadID, c.MessageID, orNil(c.ParentID), orNil(c.Author), orNil(c.AuthorID), c.IsOwnAccount,
				c.Kind, c.TS.Format(time.RFC3339), orNil(c.Text), c.Edited, orNil(c.URL)))
		case *FollowerRec:
			f := v.Follower
			at := "-"
			if f.FollowedAt != nil {
				at = f.FollowedAt.Format(time.RFC3339)
			}
			out = append(out, fmt.Sprintf("%d follower %s/%s handle=%s at=%s", v.Line, f.Account, f.FollowerID, orNil(f.Handle), at))
		default:
			out = append(out, fmt.Sprintf("%d %T", r.Position(), r))
		}
	}
	for _, pe := range rejects {
		out = append(out, fmt.Sprintf("%d reject: %v", pe.Line, pe.Err))
	}
	return out
}

func orNil(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

type tgCase struct {
	name    string
	in      string
	own     map[string][]string
	want    []string
	skipped int64
}

var tgCases = []tgCase{
	{
		name: "channel: one sender, own, t.me/c links",
		in:   tgExport("public_channel", `{"id": 4, "type": "message", "date": "2026-03-01T10:00:00", "date_unixtime": "1772359200", "from": "Cmpulse Friends", "from_id": "channel1700000001", "text": "Hello all"}`),
		want: []string{"6 msg 1700000001/4 parent=<nil> author=Cmpulse Friends id=channel1700000001 own=true kind=message ts=2026-03-01T10:00:00Z text=\"Hello all\" edited=false url=https://t.me/c/1700000001/4"},
	},
	{
		name: "text as an array of strings and entities",
		in: tgExport("private_supergroup", tgMsg(1, "Ann", "user11", `, "text": ["Read ", {"type": "text_link", "text": "the guide", "href": "https://example.org/g"}, " and ", {"type": "hashtag", "text": "#start"}, {"type": "bold", "text": "!"}],
  "text_entities": [{"type": "plain", "text": "Read "}]`)),
		want: []string{"6 msg 1700000001/1 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:01:00Z text=\"Read the guide and #start!\" edited=false url=https://t.me/c/1700000001/1"},
	},
	{
		name: "text missing, text_entities present",
		in:   tgExport("private_group", tgMsg(2, "Ann", "user11", `, "text_entities": [{"type": "plain", "text": "only "}, {"type": "mention", "text": "@bob"}]`)),
		want: []string{"6 msg 1700000001/2 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:02:00Z text=\"only @bob\" edited=false url=<nil>"},
	},
	{
		name: "media only keeps an empty text; edited",
		in:   tgExport("private_group", tgMsg(3, "Ann", "user11", `, "edited": "2026-03-02T10:00:00", "edited_unixtime": "1772445600", "photo": "(File not included. Change data exporting settings to download.)", "width": 640, "height": 640, "text": "", "text_entities": []`)),
		want: []string{"6 msg 1700000001/3 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:03:00Z text=\"\" edited=true url=<nil>"},
	},
	{
		name: "a BOM before the export; 2018 exports date every message's edit, at the epoch when never edited",
		in: "\ufeff" + tgExport("private_group",
			`{"id": 90, "type": "message", "date": "2018-06-01T10:00:00", "edited": "1970-01-01T03:00:00", "from": "Ann", "from_id": 11, "text": "not edited"}`,
			`{"id": 91, "type": "message", "date": "2018-06-01T10:01:00", "edited": "2018-06-01T11:00:00", "from": "Ann", "from_id": 11, "text": "edited"}`),
		want: []string{
			"6 msg 1700000001/90 parent=<nil> author=Ann id=user11 own=false kind=message ts=2018-06-01T10:00:00Z text=\"not edited\" edited=false url=<nil>",
			"7 msg 1700000001/91 parent=<nil> author=Ann id=user11 own=false kind=message ts=2018-06-01T10:01:00Z text=\"edited\" edited=true url=<nil>",
		},
	},
	{
		name: "no date_unixtime: date taken as UTC; no date at all: reject, the next message still read",
		in: tgExport("private_group",
			`{"id": 5, "type": "message", "date": "2021-01-02T03:04:05", "from": "Ann", "from_id": "user11", "text": "old"}`,
			`{"id": 6, "type": "message", "from": "Ann", "from_id": "user11", "text": "when?"}`,
			`{"id": 7, "type": "message", "date_unixtime": "soon", "from": "Ann", "from_id": "user11", "text": "when?"}`,
			tgMsg(8, "Ann", "user11", `, "text": "after"`)),
		want: []string{
			"6 msg 1700000001/5 parent=<nil> author=Ann id=user11 own=false kind=message ts=2021-01-02T03:04:05Z text=\"old\" edited=false url=<nil>",
			"9 msg 1700000001/8 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:08:00Z text=\"after\" edited=false url=<nil>",
			"7 reject: message has no date",
			"8 reject: date_unixtime \"soon\" is not a number of seconds",
		},
	},
	{
		name: "group: replies, own account from the config by from_id",
		own:  map[string][]string{"telegram": {"user99"}},
		in: tgExport("public_supergroup",
			tgMsg(10, "Ann", "user11", `, "text": "How do I join?"`),
			tgMsg(11, "Team", "user99", `, "reply_to_message_id": 10, "text": "Like this"`),
			tgMsg(12, "Bob", "user12", `, "reply_to_message_id": 4, "reply_to_peer_id": "channel1800000002", "text": "from elsewhere"`)),
		want: []string{
			"6 msg 1700000001/10 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:10:00Z text=\"How do I join?\" edited=false url=https://t.me/c/1700000001/10",
			"7 msg 1700000001/11 parent=10 author=Team id=user99 own=true kind=message ts=2026-03-01T10:11:00Z text=\"Like this\" edited=false url=https://t.me/c/1700000001/11",
			"8 msg 1700000001/12 parent=<nil> author=Bob id=user12 own=false kind=message ts=2026-03-01T10:12:00Z text=\"from elsewhere\" edited=false url=https://t.me/c/1700000001/12",
		},
	},
	{
		name: "own by name from the config; anonymous admin posts as the group",
		own:  map[string][]string{"telegram": {"Team Lead"}},
		in: tgExport("private_supergroup",
			tgMsg(13, "Team Lead", "user98", `, "text": "hi"`),
			tgMsg(14, "Cmpulse Friends", "channel1700000001", `, "text": "rules"`)),
		want: []string{
			"6 msg 1700000001/13 parent=<nil> author=Team Lead id=user98 own=true kind=message ts=2026-03-01T10:13:00Z text=\"hi\" edited=false url=https://t.me/c/1700000001/13",
			"7 msg 1700000001/14 parent=<nil> author=Cmpulse Friends id=channel1700000001 own=true kind=message ts=2026-03-01T10:14:00Z text=\"rules\" edited=false url=https://t.me/c/1700000001/14",
		},
	},
	{
		name: "forum topics: a topic's messages point to its creation, which is no parent",
		in: tgExport("private_supergroup",
			`{"id": 20, "type": "service", "date_unixtime": "1772359200", "actor": "Ann", "actor_id": "user11", "action": "topic_created", "title": "Help", "text": ""}`,
			tgMsg(21, "Bob", "user12", `, "reply_to_message_id": 20, "text": "in topic"`),
			tgMsg(22, "Ann", "user11", `, "reply_to_message_id": 21, "text": "answer"`)),
		skipped: 1,
		want: []string{
			"7 msg 1700000001/21 parent=<nil> author=Bob id=user12 own=false kind=message ts=2026-03-01T10:21:00Z text=\"in topic\" edited=false url=https://t.me/c/1700000001/21",
			"8 msg 1700000001/22 parent=21 author=Ann id=user11 own=false kind=message ts=2026-03-01T10:22:00Z text=\"answer\" edited=false url=https://t.me/c/1700000001/22",
		},
	},
	{
		name: "joins: by link, by request, alone, invited by someone (a deleted account left out)",
		in: tgExport("private_supergroup",
			`{"id": 30, "type": "service", "date_unixtime": "1772359200", "actor": "Cleo", "actor_id": "user13", "action": "join_group_by_link", "inviter": "Ann", "text": ""}`,
			`{"id": 31, "type": "service", "date_unixtime": "1772359260", "actor": "Dan", "actor_id": "user14", "action": "join_group_by_request", "text": ""}`,
			`{"id": 32, "type": "service", "date_unixtime": "1772359320", "actor": "Eve", "actor_id": "user15", "action": "invite_members", "members": ["Eve"], "text": ""}`,
			`{"id": 33, "type": "service", "date_unixtime": "1772359380", "actor": "Ann", "actor_id": "user11", "action": "invite_members", "members": ["Fay", null, "Gus"], "text": ""}`),
		want: []string{
			"6 msg 1700000001/30 parent=<nil> author=Cleo id=user13 own=false kind=join ts=2026-03-01T10:00:00Z text=\"<nil>\" edited=false url=https://t.me/c/1700000001/30",
			"6 follower 1700000001/user13 handle=Cleo at=2026-03-01T10:00:00Z",
			"7 msg 1700000001/31 parent=<nil> author=Dan id=user14 own=false kind=join ts=2026-03-01T10:01:00Z text=\"<nil>\" edited=false url=https://t.me/c/1700000001/31",
			"7 follower 1700000001/user14 handle=Dan at=2026-03-01T10:01:00Z",
			"8 msg 1700000001/32 parent=<nil> author=Eve id=user15 own=false kind=join ts=2026-03-01T10:02:00Z text=\"<nil>\" edited=false url=https://t.me/c/1700000001/32",
			"8 follower 1700000001/user15 handle=Eve at=2026-03-01T10:02:00Z",
			"9 msg 1700000001/33 parent=<nil> author=Ann id=user11 own=false kind=join ts=2026-03-01T10:03:00Z text=\"<nil>\" edited=false url=https://t.me/c/1700000001/33",
			"9 follower 1700000001/name:Fay handle=Fay at=2026-03-01T10:03:00Z",
			"9 follower 1700000001/name:Gus handle=Gus at=2026-03-01T10:03:00Z",
		},
	},
	{
		name: "other service messages and unsupported ones are counted skips",
		in: tgExport("private_group",
			`{"id": 40, "type": "service", "date_unixtime": "1772359200", "actor": "Ann", "actor_id": "user11", "action": "create_group", "title": "x", "members": ["Ann", "Bob"], "text": ""}`,
			`{"id": 41, "type": "service", "date_unixtime": "1772359200", "actor": "Ann", "actor_id": "user11", "action": "pin_message", "message_id": 3, "text": ""}`,
			`{"id": 42, "type": "unsupported"}`,
			`{"id": 43, "type": "service", "date_unixtime": "1772359200", "actor": "Ann", "actor_id": "user11", "action": "remove_members", "members": ["Bob"], "text": ""}`),
		skipped: 4,
	},
	{
		name: "deleted account (from null) and a pre-2021 numeric from_id",
		in: tgExport("private_group",
			`{"id": 50, "type": "message", "date_unixtime": "1772359200", "from": null, "from_id": "user16", "text": "gone"}`,
			`{"id": 51, "type": "message", "date_unixtime": "1772359200", "from": "Old", "from_id": 123456, "text": "legacy"}`),
		want: []string{
			"6 msg 1700000001/50 parent=<nil> author=<nil> id=user16 own=false kind=message ts=2026-03-01T10:00:00Z text=\"gone\" edited=false url=<nil>",
			"7 msg 1700000001/51 parent=<nil> author=Old id=user123456 own=false kind=message ts=2026-03-01T10:00:00Z text=\"legacy\" edited=false url=<nil>",
		},
	},
	{
		name: `control characters written as \xHH are read`,
		in:   tgExport("private_group", tgMsg(52, "Ann", "user11", `, "text": "bell\x07 and \\x41 kept"`)),
		want: []string{"6 msg 1700000001/52 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:52:00Z text=\"bell\\a and \\\\x41 kept\" edited=false url=<nil>"},
	},
	{
		name: "a message of the wrong shape is a reject, the next is read",
		in: tgExport("private_group",
			`{"id": {"x": 1}, "type": "message", "date_unixtime": "1772359200", "text": "?"}`,
			`{"id": 54, "type": "call", "date_unixtime": "1772359200"}`,
			`{"type": "message", "date_unixtime": "1772359200"}`,
			`{"id": 56, "type": "message", "date_unixtime": "1772359200", "from": "Ann", "from_id": "user11", "text": 7}`,
			tgMsg(57, "Ann", "user11", `, "text": "fine"`)),
		want: []string{
			"10 msg 1700000001/57 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T10:57:00Z text=\"fine\" edited=false url=<nil>",
			"6 reject: unreadable message: id {\"x\": 1} is neither a number nor a string",
			"7 reject: message type \"call\" is not message or service",
			"8 reject: message has no id",
			"9 reject: text is neither a string nor an array: json: cannot unmarshal number into Go value of type []json.RawMessage",
		},
	},
	{
		name: "personal chat exported alone: a DM, own = not the other person",
		in: strings.Replace(tgExport("personal_chat",
			tgMsg(60, "Ann", "user11", `, "text": "hi"`),
			tgMsg(61, "Me", "user77", `, "reply_to_message_id": 60, "text": "hello"`)), "1700000001", "11", 1),
		want: []string{
			"6 msg 11/60 parent=<nil> author=Ann id=user11 own=false kind=dm ts=2026-03-01T11:00:00Z text=\"hi\" edited=false url=<nil>",
			"7 msg 11/61 parent=60 author=Me id=user77 own=true kind=dm ts=2026-03-01T11:01:00Z text=\"hello\" edited=false url=<nil>",
		},
	},
	{
		name:    "saved messages are no community",
		in:      `{"type": "saved_messages", "id": 77, "messages": [` + tgMsg(62, "Me", "user77", `, "text": "note"`) + `]}`,
		skipped: 1,
	},
	{
		name: "one-line export: positions are message numbers",
		in:   `{"name": "G", "type": "private_group", "id": 5, "messages": [` + tgMsg(63, "Ann", "user11", `, "text": "a"`) + `, ` + tgMsg(64, "Ann", "user11", `, "text": "b"`) + `]}`,
		want: []string{
			"1 msg 5/63 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T11:03:00Z text=\"a\" edited=false url=<nil>",
			"2 msg 5/64 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T11:04:00Z text=\"b\" edited=false url=<nil>",
		},
	},
	{
		name: "full account export: groups and channels read, personal chats skipped, the account own",
		in: `{
 "about": "Here is the data you requested.",
 "personal_information": {"user_id": 77, "first_name": "Me", "last_name": "", "phone_number": "+00 000", "bio": ""},
 "contacts": {"about": "x", "list": [{"user_id": 11, "first_name": "Ann", "date_unixtime": "1"}]},
 "chats": {
  "about": "This page lists all chats from this export.",
  "list": [
   {"name": "Ann", "type": "personal_chat", "id": 11, "messages": [
    ` + tgMsg(70, "Ann", "user11", `, "text": "private"`) + `
   ]},
   {"name": "Friends", "type": "private_supergroup", "id": 1700000001, "messages": [
    ` + tgMsg(71, "Ann", "user11", `, "text": "question?"`) + `,
    ` + tgMsg(72, "Me", "user77", `, "reply_to_message_id": 71, "text": "answer"`) + `
   ]},
   {"name": "News", "type": "public_channel", "id": 1900000003, "messages": [
    ` + tgMsg(73, "News", "channel1900000003", `, "text": "not mine"`) + `
   ]}
  ]
 },
 "left_chats": {"about": "x", "list": [
   {"name": "Old", "type": "private_group", "id": 44, "messages": [
    ` + tgMsg(74, "Ann", "user11", `, "text": "bye"`) + `
   ]}
 ]}
}`,
		skipped: 1,
		want: []string{
			"12 msg 1700000001/71 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T11:11:00Z text=\"question?\" edited=false url=https://t.me/c/1700000001/71",
			"13 msg 1700000001/72 parent=71 author=Me id=user77 own=true kind=message ts=2026-03-01T11:12:00Z text=\"answer\" edited=false url=https://t.me/c/1700000001/72",
			"16 msg 1900000003/73 parent=<nil> author=News id=channel1900000003 own=false kind=message ts=2026-03-01T11:13:00Z text=\"not mine\" edited=false url=https://t.me/c/1900000003/73",
			"22 msg 44/74 parent=<nil> author=Ann id=user11 own=false kind=message ts=2026-03-01T11:14:00Z text=\"bye\" edited=false url=<nil>",
		},
	},
}

// tgCaseIn is the input of the case whose name starts with prefix.
func tgCaseIn(t *testing.T, prefix string) string {
	for _, tc := range tgCases {
		if strings.HasPrefix(tc.name, prefix) {
			return tc.in
		}
	}
	t.Fatalf("no case %q", prefix)
	return ""
}

// TestTelegram reads each case and checks every record's fields, the
// rejects and the skips.
func TestTelegram(t *testing.T) {
	for _, tc := range tgCases {
		t.Run(tc.name, func(t *testing.T) {
			recs, rejects, skipped := readSource(t, "telegram", "result.json", tc.in, NewOwn(tc.own))
			if d := cmp.Diff(tc.want, chatSummary(recs, rejects)); d != "" {
				t.Errorf("records (-want +got):\n%s", d)
			}
			if skipped != tc.skipped {
				t.Errorf("skipped %d, want %d", skipped, tc.skipped)
			}
			for _, pe := range rejects {
				if len(pe.Raw) == 0 || pe.File != "result.json" {
					t.Errorf("reject %v: file %q, raw %q", pe, pe.File, pe.Raw)
				}
			}
		})
	}
}

// TestTelegramOwnAccount: a channel exported alone is the own account; a
// full export's account is.
func TestTelegramOwnAccount(t *testing.T) {
	own := NewOwn(nil)
	readSource(t, "telegram", "result.json", tgCaseIn(t, "channel:"), own)
	if got := own.Account("telegram"); got != "channel1700000001" {
		t.Errorf("after a channel: own account %q, want channel1700000001", got)
	}
	own = NewOwn(nil)
	readSource(t, "telegram", "result.json", tgCaseIn(t, "full account export"), own)
	if got := own.Account("telegram"); got != "user77" {
		t.Errorf("after a full export: own account %q, want user77", got)
	}
}

// TestTelegramBroken: a file cut in the middle or of another layout ends
// with an error after what could be read, never a panic or a loop; values
// of the wrong kind where messages should be are rejects.
func TestTelegramBroken(t *testing.T) {
	full := tgExport("private_group", tgMsg(1, "Ann", "user11", `, "text": "a"`), tgMsg(2, "Ann", "user11", `, "text": "b"`))
	for _, tc := range []struct {
		in            string
		recs, rejects int
		err           bool
	}{
		{full[:len(full)/2], 0, 0, true},
		{full[:len(full)-4], 2, 0, true},
		{"[1, 2]", 0, 0, true},
		{"", 0, 0, true},
		{`{"name": "x", "messages": 5}`, 0, 0, false},
		{`{"messages": [1, "x"]}`, 0, 2, false},
	} {
		recs, rejects, _, err := readSourceErr("telegram", "result.json", tc.in, nil)
		if len(recs) != tc.recs || len(rejects) != tc.rejects || (err != nil) != tc.err {
			t.Errorf("%.50q: %d records, %d rejects, err %v; want %d, %d, error %v", tc.in, len(recs), len(rejects), err, tc.recs, tc.rejects, tc.err)
		}
	}
	if _, _, _, err := readSourceErr("telegram", "result.json", full[:len(full)-4], nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut after the messages: err %v, want an unexpected EOF", err)
	}
}

// TestDetectTelegram: the head of an export is told from other JSON.
func TestDetectTelegram(t *testing.T) {
	yes := []string{
		tgExport("public_channel"),
		`{"type": "saved_messages", "id": 77, "messages": []}`,
		"{\n \"about\": \"Here is the data you requested.\",\n \"personal_information\": {",
		`{"about": "x", "chats": {"about": "y", "list": [`,
		"\ufeff" + tgExport("private_supergroup"),
	}
	no := []string{
		`{"name": "x", "type": "Person", "id": 1, "messages": []}`,
		`{"about": "me", "name": "x"}`,
		`{"post_stream": {"posts": []}}`,
		`{"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection"}`,
		`[{"id": 1, "type": "message"}]`,
		"192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1",
	}
	for _, h := range yes {
		if !detectTelegram([]byte(h)) {
			t.Errorf("detectTelegram(%.60q) = false", h)
		}
	}
	for _, h := range no {
		if detectTelegram([]byte(h)) {
			t.Errorf("detectTelegram(%.60q) = true", h)
		}
	}
	if got := detect([]byte(tgExport("private_group", tgMsg(1, "A", "user1", "")))); got != "telegram" {
		t.Errorf("detect(result.json) = %q", got)
	}
}

// TestTelegramRealChannel reads the public channel export. Expected
// numbers, counted apart with python3:
//
//	python3 -c 'import json,collections; d=json.load(open("uponthepathofsalaf-channel-result.json")); ms=d["messages"];
//	  print(collections.Counter(m["type"] for m in ms), sum("reply_to_message_id" in m for m in ms),
//	  sum("edited_unixtime" in m for m in ms),
//	  sum(m["type"]=="message" and (m["text"] if isinstance(m["text"],str) else "".join(p if isinstance(p,str) else p["text"] for p in m["text"]))=="" for m in ms))'
//	-> Counter({'message': 208, 'service': 5}) 6 106 51
//
// and `grep -n '"id": 4,' ...` puts message 4 (the first one) on line 34,
// its opening brace on line 33.
func TestTelegramRealChannel(t *testing.T) {
	dir := realSample(t, "telegram")
	b, err := os.ReadFile(filepath.Join(dir, "uponthepathofsalaf-channel-result.json"))
	if err != nil {
		t.Fatal(err)
	}
	own := NewOwn(nil)
	recs, rejects, skipped := readSource(t, "telegram", "result.json", string(b), own)
	var replies, edited, empty, notOwn int
	for _, r := range recs {
		m := r.(*Message)
		if m.ParentID != nil {
			replies++
		}
		if m.Edited {
			edited++
		}
		if *m.Text == "" {
			empty++
		}
		if !m.IsOwnAccount || m.ThreadID != "3204528972" || m.Kind != "message" {
			notOwn++
		}
	}
	if len(recs) != 208 || len(rejects) != 0 || skipped != 5 {
		t.Errorf("rows %d rejects %d skipped %d, want 208, 0, 5", len(recs), len(rejects), skipped)
	}
	if replies != 6 || edited != 106 || empty != 51 || notOwn != 0 {
		t.Errorf("replies %d edited %d empty texts %d not own or other thread %d; want 6, 106, 51, 0", replies, edited, empty, notOwn)
	}
	if first := recs[0].(*Message); first.MessageID != "4" || first.Line != 33 || first.TS != time.Unix(1762201146, 0).UTC() {
		t.Errorf("first message %s at line %d, %v", first.MessageID, first.Line, first.TS)
	}
	if own.Account("telegram") != "channel3204528972" {
		t.Errorf("own account %q", own.Account("telegram"))
	}
}

// FuzzTelegram: any input ends, without a panic, in records, rejects and
// an error that is a plain one.
func FuzzTelegram(f *testing.F) {
	for _, tc := range tgCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		recs, rejects, _, err := readSourceErr("telegram", "result.json", in, nil)
		var pe *ParseError
		if errors.As(err, &pe) {
			t.Errorf("a ParseError ended the input: %v", err)
		}
		for _, r := range recs {
			if m, ok := r.(*Message); ok && m.MessageID == "" {
				t.Errorf("a message without an id: %+v", m)
			}
		}
		for _, pe := range rejects {
			if len(pe.Raw) > maxRaw {
				t.Errorf("raw of %d bytes", len(pe.Raw))
			}
		}
	})
}

// TestTelegramIngest ingests the real channel through Ingest: every message
// is a row or a counted skip (208 + 5 = 213, counted as in
// TestTelegramRealChannel), and the same export again adds nothing. A group
// fixture puts its joins into followers beside conversations.
func TestTelegramIngest(t *testing.T) {
	dir := realSample(t, "telegram")
	wh := filepath.Join(t.TempDir(), "wh")
	src := filepath.Join(dir, "uponthepathofsalaf-channel-result.json")
	sum := ingestArgs(t, wh, src)
	f := sum.Files[0]
	if f.Format != "telegram" || f.Rows != 208 || f.Skipped != 5 || f.Rejects != 0 || f.Lines != 213 || f.Err != nil {
		t.Fatalf("first ingest: %+v; want telegram, 208 rows, 5 skipped, 0 rejects, 213 records", f)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE platform = 'telegram' AND is_own_account", 208)
	if sum := ingestArgs(t, wh, src); sum.Batch != "" || sum.Files[0].Rows != 0 || sum.Files[0].Already != 213 {
		t.Errorf("again: batch %q, %+v; want nothing new", sum.Batch, sum.Files[0])
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations", 208)

	group := writeFile(t, filepath.Join(t.TempDir(), "result.json"), tgCaseIn(t, "joins:"), time.Time{})
	sum = ingestArgs(t, wh, group)
	if f := sum.Files[0]; f.Rows != 9 || f.Rejects != 0 || f.Err != nil {
		t.Errorf("group: %+v; want 9 rows (4 joins, 5 members)", f)
	}
	viewCount(t, wh, "SELECT count(*) FROM followers WHERE platform = 'telegram' AND account = '1700000001' AND followed_at IS NOT NULL", 5)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE kind = 'join'", 4)
}
