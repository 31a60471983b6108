package classify

import (
	"github.com/cmpulse/cmpulse/internal/evalstats"

	"fmt"
	"os"
	"strings"
	"testing"
)

// sentiRow is a message of testdata/labelled/messages.tsv with the labels
// that Sentiment and IsComplaint are measured against.
type sentiRow struct {
	id, lang, split string
	addressed       bool
	text            string
	complaint       bool
	sentiment       string // positive, neutral, negative
	category        string
}

// own says whether the brand wrote it: the labelled set's own-account
// messages are exactly its private and hardsell ones.
func (r sentiRow) own() bool { return r.category == "private" || r.category == "hardsell" }

// readSentiLabelled reads the labelled set: tab-separated, no quoting, a
// header row, "\n" written as two characters (testdata/labelled/README.md).
func readSentiLabelled(t testing.TB) []sentiRow {
	t.Helper()
	data, err := os.ReadFile("../testdata/labelled/messages.tsv")
	if err != nil {
		t.Fatalf("reading the labelled set: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range []string{"id", "lang", "split", "addressed", "text", "complaint", "sentiment", "category"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("labelled set: no column %q in %q", c, header)
		}
	}
	var rows []sentiRow
	for n, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != len(header) {
			t.Fatalf("messages.tsv:%d: %d fields, want %d", n+2, len(f), len(header))
		}
		rows = append(rows, sentiRow{
			id: f[col["id"]], lang: f[col["lang"]], split: f[col["split"]],
			addressed: f[col["addressed"]] == "true",
			text:      strings.ReplaceAll(f[col["text"]], `\n`, "\n"),
			complaint: f[col["complaint"]] == "true",
			sentiment: f[col["sentiment"]], category: f[col["category"]],
		})
	}
	return rows
}

// sentimentClass is the SPEC's reading of a score: positive above 0.05,
// negative below -0.05.
func sentimentClass(s float64) string {
	switch {
	case s > 0.05:
		return "positive"
	case s < -0.05:
		return "negative"
	}
	return "neutral"
}

// sentiEval is what the labelled-set tests measure on one half.
type sentiEval struct {
	complaint map[string]*evalstats.Binary // by language, and "all"
	classes   map[string]*evalstats.Binary // sentiment, per class (one against the rest)
	correct   map[string]int               // sentiment, by language and "all"
	total     map[string]int
	private   *evalstats.Binary // MovesToPrivate over the own account's messages
	hardSell  *evalstats.Binary // HardSell over the own account's messages
	errors    []string
}

// evalSenti runs Sentiment and IsComplaint over one half of the set. The
// own account's messages are never complaints: ingest does not ask
// IsComplaint about them (its contract), so they count as predicted false.
func evalSenti(rows []sentiRow, split string) sentiEval {
	e := sentiEval{
		complaint: map[string]*evalstats.Binary{"all": {}, "en": {}, "fr": {}},
		classes:   map[string]*evalstats.Binary{"positive": {}, "neutral": {}, "negative": {}},
		correct:   map[string]int{}, total: map[string]int{},
		private: &evalstats.Binary{}, hardSell: &evalstats.Binary{},
	}
	for _, r := range rows {
		if r.split != split {
			continue
		}
		s := Sentiment(r.text, r.lang)
		got := !r.own() && IsComplaint(r.text, r.lang, r.addressed, s)
		e.complaint["all"].Add(r.complaint, got)
		e.complaint[r.lang].Add(r.complaint, got)
		cls := sentimentClass(s)
		for name, c := range e.classes {
			c.Add(r.sentiment == name, cls == name)
		}
		for _, k := range []string{"all", r.lang} {
			e.total[k]++
			if cls == r.sentiment {
				e.correct[k]++
			}
		}
		if r.own() {
			p, h := MovesToPrivate(r.text), HardSell(r.text)
			e.private.Add(r.category == "private", p)
			e.hardSell.Add(r.category == "hardsell", h)
			if p != (r.category == "private") || h != (r.category == "hardsell") {
				e.errors = append(e.errors, fmt.Sprintf("%s %-9s MovesToPrivate %v HardSell %v  %q", r.id, r.category, p, h, r.text))
			}
		}
		if got != r.complaint || cls != r.sentiment {
			e.errors = append(e.errors, fmt.Sprintf("%s %-9s addressed %-5v complaint want %-5v got %-5v sentiment want %-8s got %-8s %7.4f  %q",
				r.id, r.category, r.addressed, r.complaint, got, r.sentiment, cls, s, r.text))
		}
	}
	return e
}

func (e sentiEval) report(t *testing.T, split string) {
	t.Helper()
	for _, k := range []string{"en", "fr", "all"} {
		t.Logf("%s half, %s: complaint %v", split, k, e.complaint[k])
	}
	for _, k := range []string{"en", "fr", "all"} {
		t.Logf("%s half, %s: sentiment accuracy %.3f (%d of %d)", split, k, evalstats.Ratio(e.correct[k], e.total[k]), e.correct[k], e.total[k])
	}
	for _, k := range []string{"positive", "neutral", "negative"} {
		t.Logf("%s half: sentiment %-8s %v", split, k, e.classes[k])
	}
	t.Logf("%s half, own messages: MovesToPrivate %v", split, e.private)
	t.Logf("%s half, own messages: HardSell %v", split, e.hardSell)
}

// TestLabelledComplaintsAndSentiment measures IsComplaint and Sentiment on
// the test half of the labelled set and fails below the floors of issue 8
// (complaints: precision 0.8, recall 0.7). Run it with -v to see the
// figures. The rules were tuned on the tune half only (TestLabelledTune).
func TestLabelledComplaintsAndSentiment(t *testing.T) {
	e := evalSenti(readSentiLabelled(t), "test")
	e.report(t, "test")
	c := e.complaint["all"]
	if c.Precision() < 0.8 || c.Recall() < 0.7 {
		t.Errorf("complaints on the test half: %v, want precision >= 0.8 and recall >= 0.7", c)
	}
}

// TestLabelledTune prints the figures and every error on the tune half,
// for whoever tunes the rules: CMPULSE_TUNE=1 go test ./classify -run
// TestLabelledTune -v. It never looks at the test half.
func TestLabelledTune(t *testing.T) {
	if os.Getenv("CMPULSE_TUNE") == "" {
		t.Skip("set CMPULSE_TUNE=1 to print the tune half's errors")
	}
	e := evalSenti(readSentiLabelled(t), "tune")
	for _, line := range e.errors {
		t.Log(line)
	}
	e.report(t, "tune")
}
