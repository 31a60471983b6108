package ingest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Direct messages. No public direct-messages.js is among the real
// samples: the inputs follow the layout public archives show
// (dmConversation objects, newest message first, "urls" with "expanded",
// group events between the messages).

const xDMsJS = `window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "49913-1139858422302748672",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "49913",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Sorry about that &amp; thanks, we sent a refund",
            "mediaUrls" : [ ],
            "senderId" : "1139858422302748672",
            "id" : "1332211302404661252",
            "createdAt" : "2020-11-27T06:35:00.465Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1139858422302748672",
            "reactions" : [ { "senderId" : "1139858422302748672", "reactionKey" : "like", "eventId" : "1", "createdAt" : "2020-11-27T06:34:00.000Z" } ],
            "urls" : [ { "url" : "https://t.co/JGrmnV10uC", "expanded" : "https://example.org/order/1", "display" : "example.org/order/1" } ],
            "text" : "my order never came https://t.co/JGrmnV10uC",
            "mediaUrls" : [ ],
            "senderId" : "49913",
            "id" : "1332210186858196996",
            "createdAt" : "2020-11-27T06:30:34.522Z"
          }
        }
      ]
    }
  }
]`

// xDMCases: one quirk per case; own is the config, account.js the
// archive's (read first when set).
var xDMCases = []struct {
	name      string
	own       map[string][]string
	accountJS bool
	in        string
	want      []xMessageView
	rejects   []string
	skipped   int64
}{
	{
		name: "one-to-one: both sides, the own side known by account.js's id", accountJS: true, in: xDMsJS,
		want: []xMessageView{
			{Line: 6, Thread: "49913-1139858422302748672", ID: "1332211302404661252", AuthorID: "1139858422302748672", Author: "Acme_Help",
				TS: "2020-11-27T06:35:00.465Z", Text: "Sorry about that & thanks, we sent a refund", Space: "Acme_Help",
				ThreadURL: "https://x.com/messages/49913-1139858422302748672", Kind: "dm", Status: "approved", Own: true},
			{Line: 18, Thread: "49913-1139858422302748672", ID: "1332210186858196996", AuthorID: "49913", Author: "null",
				TS: "2020-11-27T06:30:34.522Z", Text: "my order never came https://t.co/JGrmnV10uC", Space: "Acme_Help",
				ThreadURL: "https://x.com/messages/49913-1139858422302748672", Kind: "dm", Status: "approved"},
		},
	},
	{
		name: "without account.js: the config's id tells the own side, a handle cannot",
		own:  map[string][]string{"x": {"acme_help", "1139858422302748672"}},
		in: `window.YTD.direct_message.part0 = [ { "dmConversation" : { "conversationId" : "1-1139858422302748672", "messages" : [
{ "messageCreate" : { "recipientId" : "1", "text" : "hi", "senderId" : "1139858422302748672", "id" : "10", "createdAt" : "2019-01-28T20:18:21.501Z" } } ] } } ]`,
		want: []xMessageView{{Line: 2, Thread: "1-1139858422302748672", ID: "10", AuthorID: "1139858422302748672", Author: "acme_help",
			TS: "2019-01-28T20:18:21.501Z", Text: "hi", Space: "acme_help", ThreadURL: "https://x.com/messages/1-1139858422302748672",
			Kind: "dm", Status: "approved", Own: true}},
	},
	{
		name: "group conversation: joins and leaves are skipped, no recipientId",
		in: `window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1031200519224610816",
      "messages" : [
        { "participantsLeave" : { "userIds" : [ "49913" ], "createdAt" : "2019-10-05T04:29:39.259Z" } },
        { "messageCreate" : { "reactions" : [ ], "urls" : [ ], "text" : "welcome", "mediaUrls" : [ ], "senderId" : "800076", "id" : "1032144662167838724", "createdAt" : "2018-08-22T05:57:18.470Z" } },
        { "conversationNameUpdate" : { "initiatingUserId" : "800076", "name" : "club", "createdAt" : "2018-08-20T00:00:00.000Z" } },
        { "joinConversation" : { "initiatingUserId" : "800076", "participantsSnapshot" : [ "800076", "49913" ], "createdAt" : "2018-08-19T15:25:37.291Z" } }
      ]
    }
  }
]`,
		want: []xMessageView{{Line: 7, Thread: "1031200519224610816", ID: "1032144662167838724", AuthorID: "800076", Author: "null",
			TS: "2018-08-22T05:57:18.47Z", Text: "welcome", Space: "null", ThreadURL: "https://x.com/messages/1031200519224610816", Kind: "dm", Status: "approved"}},
		skipped: 3,
	},
	{
		name: "conversationId after the messages: they wait for it",
		in: `window.YTD.direct_messages.part0 = [ { "dmConversation" : { "messages" : [
{ "messageCreate" : { "text" : "a", "senderId" : "2", "id" : "20", "createdAt" : "2019-01-28T20:18:21Z" } } ],
"conversationId" : "2-3" } } ]`,
		want: []xMessageView{{Line: 2, Thread: "2-3", ID: "20", AuthorID: "2", Author: "null", TS: "2019-01-28T20:18:21Z", Text: "a",
			Space: "null", ThreadURL: "https://x.com/messages/2-3", Kind: "dm", Status: "approved"}},
	},
	{
		name: "a conversation without an id: its messages are rejects",
		in: `window.YTD.direct_messages.part0 = [ { "dmConversation" : { "messages" : [
{ "messageCreate" : { "text" : "a", "senderId" : "2", "id" : "20", "createdAt" : "2019-01-28T20:18:21Z" } } ] } } ]`,
		rejects: []string{"2: message of a dmConversation without a conversationId"},
	},
	{
		name: "unreadable messages and elements are rejects; the others are read",
		in: `window.YTD.direct_messages.part0 = [
  "not a conversation",
  [ 1, 2 ],
  { "dmConversation" : { "conversationId" : "2-3", "messages" : [
    { "messageCreate" : { "text" : "no id", "senderId" : "2", "createdAt" : "2019-01-28T20:18:21Z" } },
    { "messageCreate" : { "text" : "bad time", "senderId" : "2", "id" : "21", "createdAt" : "28/01/2019" } },
    { "messageCreate" : "what" },
    { "messageCreate" : { "text" : "ok", "senderId" : "3", "id" : "22", "createdAt" : "2019-01-28T20:18:22Z" } }
  ] } },
  { "somethingElse" : { "messages" : [ ] } },
  { "dmConversation" : { "conversationId" : "4-5", "messages" : "none" } }
]`,
		want: []xMessageView{{Line: 8, Thread: "2-3", ID: "22", AuthorID: "3", Author: "null", TS: "2019-01-28T20:18:22Z", Text: "ok",
			Space: "null", ThreadURL: "https://x.com/messages/2-3", Kind: "dm", Status: "approved"}},
		rejects: []string{
			"2: a string where a dmConversation object belongs",
			"3: an array where a dmConversation object belongs",
			"5: messageCreate without an id",
			`6: createdAt "28/01/2019": unreadable timestamp`,
			"7: messageCreate: a JSON string where an object belongs",
		},
	},
	{
		name: "an empty file, as archives without DMs have it",
		in:   `window.YTD.direct_messages.part0 = []`,
	},
	{
		name: "a truncated file: the messages before the break are kept",
		in: `window.YTD.direct_messages.part0 = [ { "dmConversation" : { "conversationId" : "2-3", "messages" : [
{ "messageCreate" : { "text" : "ok", "senderId" : "3", "id" : "22", "createdAt" : "2019-01-28T20:18:22Z" } },
{ "messageCreate" : { "text" : "cut`,
		want: []xMessageView{{Line: 2, Thread: "2-3", ID: "22", AuthorID: "3", Author: "null", TS: "2019-01-28T20:18:22Z", Text: "ok",
			Space: "null", ThreadURL: "https://x.com/messages/2-3", Kind: "dm", Status: "approved"}},
		rejects: []string{"3: the JSON breaks off here (unexpected EOF): the rest of the file is not read"},
	},
}

func TestXDMs(t *testing.T) {
	for _, tc := range xDMCases {
		t.Run(tc.name, func(t *testing.T) {
			own := NewOwn(tc.own)
			if tc.accountJS {
				if acc := xReadFile(own, "x_account", "arch/data/account.js", xAccountJS, 10); acc.skipped != 1 {
					t.Fatalf("account.js: %d skipped, err %v", acc.skipped, acc.err)
				}
			}
			res := xReadFile(own, "x_dms", "arch/data/direct-messages.js", tc.in, 100)
			if res.err != nil {
				t.Fatalf("read: %v", res.err)
			}
			var got []xMessageView
			for _, r := range res.recs {
				got = append(got, xViewMessage(r.(*Message)))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("messages (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.rejects, xReasons(res.rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
			if res.skipped != tc.skipped {
				t.Errorf("skipped %d, want %d", res.skipped, tc.skipped)
			}
		})
	}
}
