package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// No public sample of the generic CSV kinds exists: they are cmpulse's own
// formats, so these cases are built from SPEC ("Sources") and
// docs/import-csv.md, one quirk of spreadsheets and hand-made files each.
// TestGenericCSVReal writes the real Discourse and LinkedIn samples out as
// generic CSV to read real text through them.

const convHeader = "platform,thread_id,message_id,parent_id,author,is_own_account,ts,text,status,url\n"

// csvCase is a table case of one generic CSV kind: records are compared as
// one-line summaries (csvMsgLine, csvPostLine) that show every field that matters.
type csvCase struct {
	name    string
	in      string
	own     map[string][]string
	want    []string // the records, summarised
	rejects []string // "line: reason | raw"
	skipped int64
	err     string // what the error that ends the input says, if any
}

func csvMsgLine(r Record) string {
	m, ok := r.(*Message)
	if !ok {
		return fmt.Sprintf("%T", r)
	}
	c := m.Conversation
	return fmt.Sprintf("%d %s t=%s m=%s p=%s a=%s own=%v %s %s %s %q url=%s", m.Line, c.Platform, c.ThreadID, c.MessageID,
		csvStr(c.ParentID), csvStr(c.Author), c.IsOwnAccount, c.TS.Format(time.RFC3339Nano), c.Status, c.Kind, csvStr(c.Text), csvStr(c.URL))
}

func csvPostLine(r Record) string {
	p, ok := r.(*Post)
	if !ok {
		return fmt.Sprintf("%T", r)
	}
	s := p.SocialPost
	return fmt.Sprintf("%d %s acct=%s id=%s %s %s %q url=%s likes=%s reposts=%s replies=%s impr=%s links=%v tags=%v at=%v",
		p.Line, s.Platform, s.Account, s.PostID, s.TS.Format(time.RFC3339Nano), s.Kind, csvStr(s.Text), csvStr(s.URL),
		csvNum(s.Likes), csvNum(s.Reposts), csvNum(s.Replies), csvNum(s.Impressions), s.Links, s.Hashtags, s.Mentions)
}

func csvStr(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func csvNum(n *int64) string {
	if n == nil {
		return "<nil>"
	}
	return fmt.Sprint(*n)
}

func runCSVCases(t *testing.T, format string, summary func(Record) string, tests []csvCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejects, skipped, err := readSourceErr(format, "in.csv", tt.in, NewOwn(tt.own))
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("read(%q): error %v, want %q", tt.in, err, tt.err)
			}
			var got, gotRej []string
			for _, r := range recs {
				got = append(got, summary(r))
			}
			for _, pe := range rejects {
				gotRej = append(gotRej, fmt.Sprintf("%d: %v | %s", pe.Line, pe.Err, pe.Raw))
				if pe.File != "in.csv" {
					t.Errorf("reject file %q", pe.File)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("read(%q) records (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.rejects, gotRej); diff != "" {
				t.Errorf("read(%q) rejects (-want +got):\n%s", tt.in, diff)
			}
			if skipped != tt.skipped {
				t.Errorf("read(%q) skipped %d, want %d", tt.in, skipped, tt.skipped)
			}
		})
	}
}

func TestConversationsCSV(t *testing.T) {
	runCSVCases(t, "conversations_csv", csvMsgLine, conversationsCases)
}

var conversationsCases = []csvCase{
	{
		name: "every column, a comment and its own reply",
		in: convHeader +
			"forum,t1,m1,,alice,false,2026-03-05T14:02:00Z,Is the API down?,approved,https://forum.example/t/1/1\n" +
			"forum,t1,m2,m1,Support,true,2026-03-05T14:30:00Z,Back up now.,,https://forum.example/t/1/2\n",
		want: []string{
			`2 forum t=t1 m=m1 p=<nil> a=alice own=false 2026-03-05T14:02:00Z approved comment "Is the API down?" url=https://forum.example/t/1/1`,
			`3 forum t=t1 m=m2 p=m1 a=Support own=true 2026-03-05T14:30:00Z approved reply "Back up now." url=https://forum.example/t/1/2`,
		},
	},
	{
		name: "columns in another order, optional ones left out",
		in:   "text,ts,author,message_id,thread_id\nhello,2026-03-05T14:02:00+01:00,bob,7,42\n",
		want: []string{`2 other t=42 m=7 p=<nil> a=bob own=false 2026-03-05T13:02:00Z approved comment "hello" url=<nil>`},
	},
	{
		name: "only text and ts: one thread, ids from a hash",
		in:   "ts,text\n2026-03-05T14:02:00Z,first\n2026-03-05T14:03:00Z,second\n",
		want: []string{
			`2 other t=csv:none m=` + csvID("other", "", utc(2026, 3, 5, 14, 2, 0), "first") + ` p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "first" url=<nil>`,
			`3 other t=csv:none m=` + csvID("other", "", utc(2026, 3, 5, 14, 3, 0), "second") + ` p=<nil> a=<nil> own=false 2026-03-05T14:03:00Z approved comment "second" url=<nil>`,
		},
	},
	{
		name: "a BOM, CRLF line ends and a header in title case",
		in:   "\uFEFFPlatform,Thread ID,Message ID,Author,TS,Text\r\nForum,1,2,carol,2026-03-05 14:02:00Z,hi\r\n",
		want: []string{`2 forum t=1 m=2 p=<nil> a=carol own=false 2026-03-05T14:02:00Z approved comment "hi" url=<nil>`},
	},
	{
		name: "a quoted BOM header",
		in:   "\uFEFF\"platform\",\"message_id\",\"ts\",\"text\"\n\"x\",\"9\",\"2026-03-05T14:02:00Z\",\"quoted\"\n",
		want: []string{`2 x t=csv:none m=9 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "quoted" url=<nil>`},
	},
	{
		name: "quoted text with commas, doubled quotes and line breaks; lines counted from the record's first",
		in: "message_id,ts,text\n" +
			"1,2026-03-05T14:02:00Z,\"one, two \"\"three\"\"\r\nfour\n\nfive\"\n" +
			"2,2026-03-05T14:03:00Z,after\n",
		want: []string{
			`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "one, two \"three\"\nfour\n\nfive" url=<nil>`,
			`6 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:03:00Z approved comment "after" url=<nil>`,
		},
	},
	{
		name: "a time's id does not depend on how its zone is written",
		in:   "author,ts,text\nann,2026-03-05T15:02:00+01:00,same\n",
		want: []string{`2 other t=csv:none m=` + csvID("other", "ann", utc(2026, 3, 5, 14, 2, 0), "same") + ` p=<nil> a=ann own=false 2026-03-05T14:02:00Z approved comment "same" url=<nil>`},
	},
	{
		name: "times: fractions, lower-case t and z, offsets; no zone, date only, junk, year 1 and none are rejects",
		in: "message_id,ts,text\n" +
			"1,2026-03-05T14:02:00.123456Z,a\n2,2026-03-05t14:02:00z,b\n3,2026-03-05T23:30:00-02:00,c\n" +
			"4,2026-03-05T14:02:00,d\n5,2026-03-05,e\n6,05/03/2026 14:02,f\n7,,g\n8,2026-02-30T10:00:00Z,h\n9,0001-01-01T00:00:00Z,i\n",
		want: []string{
			`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00.123456Z approved comment "a" url=<nil>`,
			`3 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "b" url=<nil>`,
			`4 other t=csv:none m=3 p=<nil> a=<nil> own=false 2026-03-06T01:30:00Z approved comment "c" url=<nil>`,
		},
		rejects: []string{
			"5: " + errCSVNoZone.Error() + " | 4,2026-03-05T14:02:00,d",
			"6: " + errCSVNoZone.Error() + " | 5,2026-03-05,e",
			"7: " + errCSVBadTS.Error() + " | 6,05/03/2026 14:02,f",
			"8: " + errCSVNoTS.Error() + " | 7,,g",
			"9: " + errCSVBadTS.Error() + " | 8,2026-02-30T10:00:00Z,h",
			"10: " + errCSVOldTS.Error() + " | 9,0001-01-01T00:00:00Z,i",
		},
	},
	{
		name: "platform: empty is other, upper case is lowered, unsafe names are rejects",
		in: "platform,ts,text,message_id\n,2026-03-05T14:02:00Z,a,1\nFaceBook,2026-03-05T14:02:00Z,b,2\n" +
			"my forum,2026-03-05T14:02:00Z,c,3\n../x,2026-03-05T14:02:00Z,d,4\nsupport_desk-2,2026-03-05T14:02:00Z,e,5\n" +
			"a23456789012345678901234567890123,2026-03-05T14:02:00Z,f,6\n",
		want: []string{
			`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a" url=<nil>`,
			`3 facebook t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "b" url=<nil>`,
			`6 support_desk-2 t=csv:none m=5 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "e" url=<nil>`,
		},
		rejects: []string{
			"4: " + errCSVBadPlatform.Error() + " | my forum,2026-03-05T14:02:00Z,c,3",
			"5: " + errCSVBadPlatform.Error() + " | ../x,2026-03-05T14:02:00Z,d,4",
			"7: " + errCSVBadPlatform.Error() + " | a23456789012345678901234567890123,2026-03-05T14:02:00Z,f,6",
		},
	},
	{
		name: "is_own_account as spreadsheets write it; empty asks the config; junk is a reject",
		own:  map[string][]string{"forum": {"@Support"}},
		in: "platform,author,is_own_account,ts,text,message_id\n" +
			"forum,a,TRUE,2026-03-05T14:02:00Z,x,1\nforum,b,False,2026-03-05T14:02:00Z,x,2\nforum,c,1,2026-03-05T14:02:00Z,x,3\n" +
			"forum,support,,2026-03-05T14:02:00Z,x,4\nforum,d,maybe,2026-03-05T14:02:00Z,x,5\nforum,support,false,2026-03-05T14:02:00Z,x,6\n",
		want: []string{
			`2 forum t=csv:none m=1 p=<nil> a=a own=true 2026-03-05T14:02:00Z approved comment "x" url=<nil>`,
			`3 forum t=csv:none m=2 p=<nil> a=b own=false 2026-03-05T14:02:00Z approved comment "x" url=<nil>`,
			`4 forum t=csv:none m=3 p=<nil> a=c own=true 2026-03-05T14:02:00Z approved comment "x" url=<nil>`,
			`5 forum t=csv:none m=4 p=<nil> a=support own=true 2026-03-05T14:02:00Z approved comment "x" url=<nil>`,
			`7 forum t=csv:none m=6 p=<nil> a=support own=true 2026-03-05T14:02:00Z approved comment "x" url=<nil>`,
		},
		rejects: []string{"6: " + errCSVBadBool.Error() + " | forum,d,maybe,2026-03-05T14:02:00Z,x,5"},
	},
	{
		name: "status: empty is approved, any case; other words are rejects",
		in: "message_id,ts,text,status\n1,2026-03-05T14:02:00Z,a,\n2,2026-03-05T14:02:00Z,b,Pending\n" +
			"3,2026-03-05T14:02:00Z,c,SPAM\n4,2026-03-05T14:02:00Z,d,trash\n5,2026-03-05T14:02:00Z,e,deleted\n",
		want: []string{
			`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a" url=<nil>`,
			`3 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z pending comment "b" url=<nil>`,
			`4 other t=csv:none m=3 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z spam comment "c" url=<nil>`,
			`5 other t=csv:none m=4 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z trash comment "d" url=<nil>`,
		},
		rejects: []string{"6: " + errCSVBadStatus.Error() + " | 5,2026-03-05T14:02:00Z,e,deleted"},
	},
	{
		name: "a record with too few or too many fields is a reject and the next one reads",
		in:   "message_id,ts,text\n1,2026-03-05T14:02:00Z\n2,2026-03-05T14:02:00Z,a,b\n3,2026-03-05T14:02:00Z,ok\n",
		want: []string{`4 other t=csv:none m=3 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "ok" url=<nil>`},
		rejects: []string{
			"2: wrong number of fields: the header has 3 | 1,2026-03-05T14:02:00Z",
			"3: wrong number of fields: the header has 3 | 2,2026-03-05T14:02:00Z,a,b",
		},
	},
	{
		name: "a bare quote and a stray quote after a quoted field are rejects of their line",
		in:   "message_id,ts,text\n1,2026-03-05T14:02:00Z,say \"hi\"\n2,2026-03-05T14:02:00Z,\"hi\" there\n3,2026-03-05T14:02:00Z,ok\n",
		want: []string{`4 other t=csv:none m=3 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "ok" url=<nil>`},
		rejects: []string{
			`2: bare " in non-quoted-field | 1,2026-03-05T14:02:00Z,say "hi"`,
			`3: extraneous or missing " in quoted-field | 2,2026-03-05T14:02:00Z,"hi" there`,
		},
	},
	{
		name:    "a quote never closed takes the rest of the file as one reject",
		in:      "message_id,ts,text\n1,2026-03-05T14:02:00Z,ok\n2,2026-03-05T14:02:00Z,\"open\n3,2026-03-05T14:02:00Z,lost\n",
		want:    []string{`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "ok" url=<nil>`},
		rejects: []string{"3: extraneous or missing \" in quoted-field | 2,2026-03-05T14:02:00Z,\"open\n3,2026-03-05T14:02:00Z,lost"},
	},
	{
		name:    "blank lines are no records; a row of empty cells (however many) is a counted skip",
		in:      "message_id,ts,text\n\n1,2026-03-05T14:02:00Z,a\n\n\n,,\n , ,\n,\n2,2026-03-05T14:02:00Z,b",
		want:    []string{`3 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a" url=<nil>`, `9 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "b" url=<nil>`},
		skipped: 3,
	},
	{
		name:    "a header row repeated where two files were pasted together is a counted skip",
		in:      "message_id,ts,text\n1,2026-03-05T14:02:00Z,a\nMessage_ID,TS,Text\n2,2026-03-05T14:02:00Z,b\n",
		want:    []string{`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a" url=<nil>`, `4 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "b" url=<nil>`},
		skipped: 1,
	},
	{
		name: "with text alone, a message that says text is no header row",
		in:   "text\nhello\nText\n",
		rejects: []string{
			"2: " + errCSVNoTS.Error() + " | hello",
			"3: " + errCSVNoTS.Error() + " | Text",
		},
	},
	{
		name:    "text that is not UTF-8 (a Windows-1252 save) is a reject",
		in:      "message_id,ts,text\n1,2026-03-05T14:02:00Z,caf\xe9\n2,2026-03-05T14:02:00Z,café\n",
		want:    []string{`3 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "café" url=<nil>`},
		rejects: []string{"2: " + errCSVNotUTF8.Error() + " | 1,2026-03-05T14:02:00Z,caf\xe9"},
	},
	{
		name:    "an unnamed trailing column is ignored while empty, a reject when not",
		in:      "message_id,ts,text,,\n1,2026-03-05T14:02:00Z,a,,\n2,2026-03-05T14:02:00Z,b,,oops\n",
		want:    []string{`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a" url=<nil>`},
		rejects: []string{"3: a value in column 5, which the header row does not name | 2,2026-03-05T14:02:00Z,b,,oops"},
	},
	{
		name: "semicolons, as a French or German spreadsheet saves CSV",
		in:   "platform;thread_id;message_id;author;ts;text\r\nforum;1;2;zoé;2026-03-05T14:02:00Z;\"Bonjour, ça marche ; merci\"\r\n",
		want: []string{`2 forum t=1 m=2 p=<nil> a=zoé own=false 2026-03-05T14:02:00Z approved comment "Bonjour, ça marche ; merci" url=<nil>`},
	},
	{
		name: "tabs",
		in:   "thread_id\tmessage_id\tts\ttext\n1\t2\t2026-03-05T14:02:00Z\ta, b\n",
		want: []string{`2 other t=1 m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "a, b" url=<nil>`},
	},
	{
		name: "an empty text is no text, the message stays",
		in:   "message_id,ts,text\n1,2026-03-05T14:02:00Z,\n2,2026-03-05T14:02:00Z,\"  \"\n",
		want: []string{
			`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "<nil>" url=<nil>`,
			`3 other t=csv:none m=2 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "<nil>" url=<nil>`,
		},
	},
	{
		name: "spaces around ids and values are trimmed, the text kept as written",
		in:   "thread_id,message_id,author,ts,text\n t1 , m1 , dan ,  2026-03-05T14:02:00Z , two spaces \n",
		want: []string{`2 other t=t1 m=m1 p=<nil> a=dan own=false 2026-03-05T14:02:00Z approved comment " two spaces " url=<nil>`},
	},
	{
		name: "no line end after the last record",
		in:   "message_id,ts,text\n1,2026-03-05T14:02:00Z,last",
		want: []string{`2 other t=csv:none m=1 p=<nil> a=<nil> own=false 2026-03-05T14:02:00Z approved comment "last" url=<nil>`},
	},
	{name: "a header row only", in: convHeader},
	{name: "an empty file", in: ""},
	{name: "unknown columns are named, with the kind they belong to", in: "message_id,ts,text,likes,foo\n1,2026-03-05T14:02:00Z,a,1,2\n",
		err: `header row: unknown columns "likes" (a posts_csv column), "foo"; the columns of conversations_csv are platform,thread_id,`},
	{name: "a column twice", in: "text,ts,text\na,2026-03-05T14:02:00Z,b\n", err: `header row: column "text" appears twice`},
	{name: "no text column", in: "message_id,ts\n1,2026-03-05T14:02:00Z\n", err: "header row: no text column"},
	{name: "lines ending in a bare CR", in: "message_id,ts,text\r1,2026-03-05T14:02:00Z,a\r", err: "bare CR"},
	{name: "a bad quote in the header row", in: "message_id,\"ts,text\n", err: "reading the header row"},
}

func TestPostsCSV(t *testing.T) {
	runCSVCases(t, "posts_csv", csvPostLine, postsCases)
}

const postsHeader = "platform,account,post_id,ts,kind,text,url,likes,reposts,replies,impressions\n"

var postsCases = []csvCase{
	{
		name: "every column; links, hashtags and mentions from the text",
		in: postsHeader +
			`facebook,ourpage,123_456,2026-03-05T14:02:00Z,post,"New guide https://example.org/guide, #Launch with @partner",https://facebook.com/123_456,10,2,3,1500` + "\n",
		want: []string{`2 facebook acct=ourpage id=123_456 2026-03-05T14:02:00Z post "New guide https://example.org/guide, #Launch with @partner" url=https://facebook.com/123_456 likes=10 reposts=2 replies=3 impr=1500 links=[https://example.org/guide] tags=[launch] at=[partner]`},
	},
	{
		name: "empty counts are unknown, not zero; fractions, negatives and words are rejects",
		in: postsHeader +
			"x,me,1,2026-03-05T14:02:00Z,,a,,,,,\n" +
			"x,me,2,2026-03-05T14:02:00Z,,b,,0,,,\n" +
			"x,me,3,2026-03-05T14:02:00Z,,c,,1.5,,,\n" +
			"x,me,4,2026-03-05T14:02:00Z,,d,,,-1,,\n" +
			"x,me,5,2026-03-05T14:02:00Z,,e,,,,,lots\n" +
			"x,me,6,2026-03-05T14:02:00Z,,f,,,,\"1,200\",\n",
		want: []string{
			`2 x acct=me id=1 2026-03-05T14:02:00Z post "a" url=<nil> likes=<nil> reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`,
			`3 x acct=me id=2 2026-03-05T14:02:00Z post "b" url=<nil> likes=0 reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`,
		},
		rejects: []string{
			"4: likes is not a whole number of 0 or more | x,me,3,2026-03-05T14:02:00Z,,c,,1.5,,,",
			"5: reposts is not a whole number of 0 or more | x,me,4,2026-03-05T14:02:00Z,,d,,,-1,,",
			"6: impressions is not a whole number of 0 or more | x,me,5,2026-03-05T14:02:00Z,,e,,,,,lots",
			`7: replies is not a whole number of 0 or more | x,me,6,2026-03-05T14:02:00Z,,f,,,,"1,200",`,
		},
	},
	{
		name: "kind: empty is post, any case; other words are rejects",
		in:   "post_id,ts,kind,text\n1,2026-03-05T14:02:00Z,REPOST,a\n2,2026-03-05T14:02:00Z,Quote,b\n3,2026-03-05T14:02:00Z,reply,c\n4,2026-03-05T14:02:00Z,retweet,d\n",
		want: []string{
			`2 other acct= id=1 2026-03-05T14:02:00Z repost "a" url=<nil> likes=<nil> reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`,
			`3 other acct= id=2 2026-03-05T14:02:00Z quote "b" url=<nil> likes=<nil> reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`,
			`4 other acct= id=3 2026-03-05T14:02:00Z reply "c" url=<nil> likes=<nil> reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`,
		},
		rejects: []string{"5: " + errCSVBadKind.Error() + " | 4,2026-03-05T14:02:00Z,retweet,d"},
	},
	{
		name: "no account: the config's own account; no post_id: one built from the account as written, time and text",
		own:  map[string][]string{"youtube": {"@OurChannel"}},
		in:   "platform,ts,text,likes\nyoutube,2026-03-05T14:02:00Z,Our video,4\n",
		want: []string{`2 youtube acct=OurChannel id=` + csvID("youtube", "", utc(2026, 3, 5, 14, 2, 0), "Our video") +
			` 2026-03-05T14:02:00Z post "Our video" url=<nil> likes=4 reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`},
	},
	{
		name: "a media post without text",
		in:   "platform,post_id,ts,text\ninstagram,C1,2026-03-05T14:02:00Z,\n",
		want: []string{`2 instagram acct= id=C1 2026-03-05T14:02:00Z post "<nil>" url=<nil> likes=<nil> reposts=<nil> replies=<nil> impr=<nil> links=[] tags=[] at=[]`},
	},
	{
		name:    "no time is a reject",
		in:      "post_id,ts,text\n1,,a\n",
		rejects: []string{"2: " + errCSVNoTS.Error() + " | 1,,a"},
	},
	{name: "conversation columns are named as such", in: "post_id,ts,text,author\n", err: `"author" (a conversations_csv column)`},
}

// TestGenericCSVDetect: a header row of one kind's columns, in any order,
// tells the kind; a header of shared columns only, and the files of other
// kinds (as they begin), are no generic CSV.
func TestGenericCSVDetect(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"conversations as SPEC orders them", convHeader + "forum,1,1,,a,false,2026-03-05T14:02:00Z,x,,\n", "conversations_csv"},
		{"posts as SPEC orders them", postsHeader, "posts_csv"},
		{"conversations in another order with a BOM", "\uFEFFtext,ts,author\r\n", "conversations_csv"},
		{"posts with semicolons", "Post ID;TS;Text;Likes\n", "posts_csv"},
		{"a quoted header", `"platform","post_id","text"` + "\n", "posts_csv"},
		{"a cut first record does not matter", postsHeader + `x,me,1,2026-03-05T14:02:00Z,post,"unfinished`, "posts_csv"},
		{"unknown columns beside two own ones, so that the reader names them", "thread_id,message_id,created,text\n", "conversations_csv"},
		{"an unknown column beside one own column", "author,created,text\n", ""},
		{"shared columns only", "platform,ts,text,url\n", ""},
		{"text alone", "text\nhello\n", ""},
		{"columns of both kinds", "author,likes,text\n", ""},
		{"no text column", "platform,thread_id,message_id,ts\n", ""},
		{"LinkedIn Shares.csv", "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n", ""},
		{"LinkedIn Comments.csv", "Date,Link,Message\n", ""},
		{"Search Console Queries.csv", "Top queries,Clicks,Impressions,CTR,Position\n", ""},
		{"YouTube Studio Table data.csv", "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)\n", ""},
		{"Discourse user archive", "topic_title,categories,is_pm,post_raw,post_cooked,like_count,reply_count,url,created_at\n", ""},
		{"GA4 preamble", "# ----------------------------------------\n# Events\n", ""},
		{"an access log line", `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /text HTTP/1.1" 200 10 "-" "curl/8"` + "\n", ""},
		{"JSON", `{"post_stream": {"posts": [{"text": "x"}]}}`, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, name := range []string{"conversations_csv", "posts_csv"} {
			if kindOf(name).Detect([]byte(tt.head)) {
				got = append(got, name)
			}
		}
		if want := strings.Fields(tt.want); !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
			t.Errorf("%s: kinds detecting %q = %q, want %q", tt.name, tt.head, got, want)
		}
		// No other kind takes a generic CSV before its own Detect.
		if tt.want != "" {
			if got := detect([]byte(tt.head)); got != tt.want {
				t.Errorf("%s: detect(%q) = %q, want %q", tt.name, tt.head, got, tt.want)
			}
		}
	}
}

// TestGenericCSVRecordTooLong: an opening quote that is never closed, in
// a big file, ends the input rather than holding the rest in memory.
func TestGenericCSVRecordTooLong(t *testing.T) {
	var b strings.Builder
	b.WriteString("message_id,ts,text\n1,2026-03-05T14:02:00Z,ok\n2,2026-03-05T14:02:00Z,\"")
	line := strings.Repeat("lorem ipsum ", 10) + "\n"
	for b.Len() < csvRecordMax+1<<20 {
		b.WriteString(line)
	}
	recs, rejects, _, err := readSourceErr("conversations_csv", "big.csv", b.String(), nil)
	if len(recs) != 1 || len(rejects) != 0 || err == nil || !errors.Is(err, errCSVRecordTooLong) || !strings.Contains(err.Error(), "from line 3 on") {
		t.Fatalf("read(unclosed quote, %d bytes) = %d records, %d rejects, %v", b.Len(), len(recs), len(rejects), err)
	}
}

// TestGenericCSVRawAcrossReadAhead: the raw text of a reject is its own,
// wherever it falls against the csv.Reader's 4 KiB reads, and is cut at
// maxRaw.
func TestGenericCSVRawAcrossReadAhead(t *testing.T) {
	var b strings.Builder
	b.WriteString("message_id,ts,text\n")
	var wantRaw []string
	for i := 0; i < 400; i++ {
		text := strings.Repeat("x", i*7%1500)
		if i%9 == 0 {
			rec := fmt.Sprintf("%d,2026-03-05,%s", i, text) // no zone: a reject
			if len(rec) > maxRaw {
				rec = rec[:maxRaw]
			}
			wantRaw = append(wantRaw, rec)
			fmt.Fprintf(&b, "%d,2026-03-05,%s\n", i, text)
			continue
		}
		fmt.Fprintf(&b, "%d,2026-03-05T14:02:00Z,\"%s\nline two\"\n", i, text)
	}
	recs, rejects, _ := readSource(t, "conversations_csv", "ra.csv", b.String(), nil)
	if len(recs)+len(rejects) != 400 || len(rejects) != len(wantRaw) {
		t.Fatalf("%d records, %d rejects, want 400 in all, %d rejects", len(recs), len(rejects), len(wantRaw))
	}
	for i, pe := range rejects {
		if string(pe.Raw) != wantRaw[i] {
			t.Errorf("reject %d (line %d): raw %q..., want %q...", i, pe.Line, csvHead(string(pe.Raw)), csvHead(wantRaw[i]))
		}
	}
}

func csvHead(s string) string { return s[:min(len(s), 40)] }

// TestGenericCSVErrorSticks: after the error that ends an input, Next says
// it again rather than reading on.
func TestGenericCSVErrorSticks(t *testing.T) {
	k := kindOf("posts_csv")
	rd := k.OpenSource(&Source{Name: "x.csv", R: strings.NewReader("foo,text\n"), Own: NewOwn(nil)})
	_, err1 := rd.Next()
	_, err2 := rd.Next()
	if err1 == nil || err1 == io.EOF || err2 != err1 {
		t.Errorf("Next() = %v, then %v; want one error twice", err1, err2)
	}
}

func FuzzConversationsCSV(f *testing.F) { fuzzCSV(f, "conversations_csv", conversationsCases) }

func FuzzPostsCSV(f *testing.F) { fuzzCSV(f, "posts_csv", postsCases) }

// fuzzCSV: never a panic or a loop; the input ends in EOF or a plain error;
// each record takes at least one line, so records, rejects and skips are
// no more than the lines; every row is placed (a safe platform, a time)
// and keyed.
func fuzzCSV(f *testing.F, format string, seeds []csvCase) {
	for _, c := range seeds {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		recs, rejects, skipped, err := readSourceErr(format, "f.csv", in, nil)
		var pe *ParseError
		if errors.As(err, &pe) {
			t.Fatalf("a reject ended the input: %v", err)
		}
		if n := int64(len(recs)+len(rejects)) + skipped; n > int64(strings.Count(in, "\n")+1) {
			t.Fatalf("%d records out of %d lines", n, strings.Count(in, "\n")+1)
		}
		for _, r := range recs {
			var platform, key string
			var ts time.Time
			switch r := r.(type) {
			case *Message:
				platform, key, ts = r.Platform, r.ThreadID+r.MessageID, r.TS
			case *Post:
				platform, key, ts = r.Platform, r.PostID, r.TS
			}
			if _, err := csvPlatform(platform); err != nil || platform == "" || key == "" || ts.IsZero() || r.Position() < 2 {
				t.Fatalf("row %+v: platform %q, key %q, ts %v", r, platform, key, ts)
			}
		}
		for _, pe := range rejects {
			if pe.Line < 2 || len(pe.Raw) > maxRaw {
				t.Fatalf("reject at line %d, raw %d bytes", pe.Line, len(pe.Raw))
			}
		}
	})
}

// TestGenericCSVDocExamples: the examples of docs/import-csv.md are
// detected as their kind and read without a reject.
func TestGenericCSVDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/import-csv.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind      string
		records   int
		ownAuthor string
	}{
		{"conversations_csv", 4, "Alex (staff)"}, // the forum
		{"conversations_csv", 3, "Priya"},        // the support desk, own by the config
		{"posts_csv", 3, ""},                     // the Facebook Page
	}
	blocks := strings.Split(string(doc), "```csv\n")[1:]
	if len(blocks) != len(want) {
		t.Fatalf("%d csv examples in docs/import-csv.md, want %d", len(blocks), len(want))
	}
	own := NewOwn(map[string][]string{"helpdesk": {"Sam", "Priya"}})
	for i, b := range blocks {
		example := b[:strings.Index(b, "```")]
		if got := detect([]byte(example)); got != want[i].kind {
			t.Errorf("example %d: detect = %q, want %q", i+1, got, want[i].kind)
		}
		recs, rejects, _ := readSource(t, want[i].kind, "example.csv", example, own)
		if len(recs) != want[i].records || len(rejects) != 0 {
			t.Errorf("example %d: %d records, rejects %v; want %d, none", i+1, len(recs), rejects, want[i].records)
		}
		for _, r := range recs {
			if m, ok := r.(*Message); ok && m.IsOwnAccount != (csvStr(m.Author) == want[i].ownAuthor) {
				t.Errorf("example %d line %d: %s own %v", i+1, m.Line, csvStr(m.Author), m.IsOwnAccount)
			}
		}
	}
}
