package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	ytHead  = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)\n"
	ytTotal = "Total,,,,61685,1384.3735,281,843001,6.31\n"
)

// ytVideo is a Table data.csv video as the tests want it.
func ytVideo(line int64, id, day, title string, views, impr int64, edit func(*postSum)) postSum {
	p := postSum{Line: line, ID: id, TS: day + "T00:00:00Z", Kind: "post", Title: title, Text: "<nil>",
		URL: "https://www.youtube.com/watch?v=" + id, Vis: "<nil>", Views: views, Impr: impr, Likes: -1, Replies: -1}
	if edit != nil {
		edit(&p)
	}
	return p
}

// ytCases: one quirk of the Studio's export each, from the public sample
// (PROVENANCE.md, section 12) and the export's documented columns.
var ytCases = []liCase{
	{name: "total row first, quoted date", in: ytHead + ytTotal +
		`oEDe6JMwL7Q,Study room make over for NEET aspriant || suuz,"Apr 29, 2020",292,58005,1321.6783,269,797168,6.32` + "\n",
		want:    []postSum{ytVideo(3, "oEDe6JMwL7Q", "2020-04-29", "Study room make over for NEET aspriant || suuz", 58005, 797168, nil)},
		skipped: 1},
	{name: "negative subscriber delta", in: ytHead +
		`WOhmKxVK2YA,Rainy day || Study with me || India || it's Tania,"Aug 21, 2020",338,166,2.4379,-3,2391,5.6` + "\n",
		want: []postSum{ytVideo(2, "WOhmKxVK2YA", "2020-08-21", "Rainy day || Study with me || India || it's Tania", 166, 2391, nil)}},
	{name: "emoji, a comma and a hashtag in titles", in: ytHead +
		`WUs4ZinP97E,"Vlog ep 001✨(academic session end, new anime,games etc✨","Mar 17, 2021",512,131,2.0985,3,631,13` + "\n" +
		`9mtaTslQues,5 Study hacks || it's Tania || HACKS || #withme,"Jun 9, 2020",384,268,5.4395,2,3326,6.76` + "\n",
		want: []postSum{ytVideo(2, "WUs4ZinP97E", "2021-03-17", "Vlog ep 001✨(academic session end, new anime,games etc✨", 131, 631, nil),
			ytVideo(3, "9mtaTslQues", "2020-06-09", "5 Study hacks || it's Tania || HACKS || #withme", 268, 3326, func(p *postSum) { p.Tags = []string{"withme"} })}},
	{name: "columns of another choice, in another order", in: "Content,Video publish time,Video title,Likes,Comments added,Views\n" +
		`h-SiGippEGw,"Jan 15, 2021",Diagram making || suuz,7,2,44` + "\n",
		want: []postSum{ytVideo(2, "h-SiGippEGw", "2021-01-15", "Diagram making || suuz", 44, -1, func(p *postSum) { p.Likes, p.Replies = 7, 2 })}},
	{name: "thousands separators and empty counters", in: ytHead +
		`oEDe6JMwL7Q,T,"Apr 29, 2020",292,"58,005",1321.6783,269,,6.32` + "\n",
		want: []postSum{ytVideo(2, "oEDe6JMwL7Q", "2020-04-29", "T", 58005, -1, nil)}},
	{name: "BOM and CRLF", in: "\uFEFF" + strings.ReplaceAll(ytHead+ytTotal+`yPYZkWJcA8A,HTML practice week,"Dec 25, 2020",601,62,0.9827,1,621,6.28`+"\n", "\n", "\r\n"),
		want:    []postSum{ytVideo(3, "yPYZkWJcA8A", "2020-12-25", "HTML practice week", 62, 621, nil)},
		skipped: 1},
	{name: "a bare quote in an unquoted title", in: ytHead + `Wf9Z6EitqSU,B'day "vlog" ^_^,"Dec 6, 2020",610,76,2.7658,0,608,6.91` + "\n",
		want: []postSum{ytVideo(2, "Wf9Z6EitqSU", "2020-12-06", `B'day "vlog" ^_^`, 76, 608, nil)}},
	{name: "no title", in: ytHead + `yPYZkWJcA8A,,"Dec 25, 2020",601,62,0.9827,1,621,6.28` + "\n",
		want: []postSum{ytVideo(2, "yPYZkWJcA8A", "2020-12-25", "<nil>", 62, 621, nil)}},
	{name: "bad rows, then a good one", in: ytHead +
		`not an id,x,"Dec 25, 2020",601,62,0.9827,1,621,6.28` + "\n" +
		`yPYZkWJcA8A,x,"25/12/2020",601,62,0.9827,1,621,6.28` + "\n" +
		`yPYZkWJcA8A,x,,601,62,0.9827,1,621,6.28` + "\n" +
		`yPYZkWJcA8A,x,"Dec 25, 2020",601,many,0.9827,1,621,6.28` + "\n" +
		`,x,"Dec 25, 2020",601,62,0.9827,1,621,6.28` + "\n" +
		`yPYZkWJcA8A,x,"Dec 25, 2020",601,62,0.9827,1,621,6.28` + "\n",
		want: []postSum{ytVideo(7, "yPYZkWJcA8A", "2020-12-25", "x", 62, 621, nil)},
		rejects: []string{"2: the Content cell is not a video id", "3: unreadable Video publish time", "4: no Video publish time",
			"5: unreadable number in views", "6: no video id in Content"}},
	{name: "a video twice", in: ytHead + `yPYZkWJcA8A,x,"Dec 25, 2020",601,62,0.9827,1,621,6.28` + "\n" +
		`yPYZkWJcA8A,x,"Dec 25, 2020",601,63,0.9827,1,621,6.28` + "\n",
		want: []postSum{ytVideo(2, "yPYZkWJcA8A", "2020-12-25", "x", 62, 621, nil)}, skipped: 1},
	{name: "only a header", in: ytHead},
}

func TestYouTubeStudio(t *testing.T) {
	for _, tc := range ytCases {
		t.Run(tc.name, func(t *testing.T) {
			recs, rejects, skipped := readSource(t, "youtube_studio", "Table data.csv", tc.in, nil)
			var got []postSum
			for _, r := range recs {
				got = append(got, sumPost(r.(*Post)))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("videos (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.rejects, rejectSums(rejects)); d != "" {
				t.Errorf("rejects (-want +got):\n%s", d)
			}
			if skipped != tc.skipped {
				t.Errorf("skipped %d, want %d", skipped, tc.skipped)
			}
		})
	}
}

// TestYouTubeStudioAccount: the export names no channel; the config does.
func TestYouTubeStudioAccount(t *testing.T) {
	recs, _, _ := readSource(t, "youtube_studio", "Table data.csv", ytCases[0].in, NewOwn(map[string][]string{"youtube": {"@suuz"}}))
	if p := recs[0].(*Post); p.Account != "suuz" || p.Platform != "youtube" {
		t.Errorf("account %q, platform %q", p.Account, p.Platform)
	}
}

// TestYouTubeStudioNotTheTable: a file without a Content column (given
// with --format) ends with an error; the export's other files, and other
// tabs' tables, are not detected as it.
func TestYouTubeStudioNotTheTable(t *testing.T) {
	if _, _, _, err := readSourceErr("youtube_studio", "x.csv", "Date,Views\n2020-04-29,5\n", nil); err == nil {
		t.Error("read a file without Content")
	}
	for _, head := range []string{
		"Date,Content,Video title,Video publish time,Duration,Views\n", // Chart data.csv
		"Date,Views\n2020-04-29,5\n",                                   // Totals.csv
		"Traffic source,Views,Watch time (hours)\n",                    // another tab's table
	} {
		if got := detect([]byte(head)); got != "" {
			t.Errorf("detect(%q) = %q", head, got)
		}
	}
}

// TestYouTubeStudioRealSample reads buildwithadi's Table data.csv (see
// PROVENANCE.md, section 12). Counted independently with Python:
//
//	python3 -c 'import csv; r=list(csv.DictReader(open("Table data.csv",newline="",encoding="utf-8")));
//	  v=[x for x in r if x["Content"]!="Total"]; print(len(r), len(v), sum(int(x["Views"]) for x in v),
//	  sum(int(x["Impressions"]) for x in v), [x["Content"] for x in v if int(x["Subscribers"])<0])'
//
// gives 25 rows (the Total row and 24 videos), 61,503 views and 841,342
// impressions over the videos (the Total row's 61,685 views count content
// no longer listed), and two videos that lost subscribers (WOhmKxVK2YA -3,
// LMdbJZqNCk8 -1).
func TestYouTubeStudioRealSample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realSample(t, "youtube_studio"), "Table data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got := detect(b[:min(len(b), 4096)]); got != "youtube_studio" {
		t.Fatalf("detect = %q", got)
	}
	recs, rejects, skipped := readSource(t, "youtube_studio", "Table data.csv", string(b), nil)
	if len(recs) != 24 || len(rejects) != 0 || skipped != 1 {
		t.Fatalf("%d videos, %d rejects, %d skipped; want 24, 0, 1", len(recs), len(rejects), skipped)
	}
	var views, impr int64
	for _, r := range recs {
		p := r.(*Post)
		views += *p.Views
		impr += *p.Impressions
	}
	if views != 61503 || impr != 841342 {
		t.Errorf("views %d, impressions %d; want 61503, 841342", views, impr)
	}
	first := sumPost(recs[0].(*Post))
	if first.ID != "oEDe6JMwL7Q" || first.TS != "2020-04-29T00:00:00Z" || first.Line != 3 || first.Title != "Study room make over for NEET aspriant || suuz" {
		t.Errorf("first video %+v", first)
	}
}

func FuzzYouTubeStudio(f *testing.F) {
	for _, tc := range ytCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		recs, rejects, _, err := readSourceErr("youtube_studio", "Table data.csv", in, nil)
		checkFuzzed(t, "social_posts", recs, rejects, err)
	})
}

// TestYouTubeExportTime: a Studio export is as new as its file (the zip
// entry's time), not as its newest video: two exports a month apart would
// otherwise tie, and the later ingest win whichever is newer.
func TestYouTubeExportTime(t *testing.T) {
	mod := time.Date(2021, 7, 1, 12, 0, 0, 0, time.UTC)
	rd := openYouTubeStudio(&Source{Name: "Table data.csv", R: strings.NewReader("Content,Video title,Video publish time,Views\nTotal,,,10\n"), ModTime: mod})
	for {
		if _, err := rd.Next(); err != nil {
			break
		}
	}
	got, ok := rd.(ExportTimer).ExportTime()
	if !ok || !got.Equal(mod) {
		t.Errorf("ExportTime = %v, %v; want the file's %v", got, ok, mod)
	}
	if _, ok := openYouTubeStudio(&Source{R: strings.NewReader("")}).(ExportTimer).ExportTime(); ok {
		t.Error("an export of unknown time (stdin) has an export time")
	}
}
