package classify

import (
	"github.com/cmpulse/cmpulse/internal/evalstats"

	"bufio"
	"os"
	"strings"
	"testing"
)

// langQSetPath is the labelled set of messages, written by a person who had
// not seen the classifiers: half of it (split=tune) to tune them on, half
// (split=test) to measure them.
const langQSetPath = "../testdata/labelled/messages.tsv"

// langQRow is one message of the labelled set, with the columns the
// language and question checks read.
type langQRow struct {
	id, lang, split, text string
	question              bool
}

// readLangQRows reads the labelled set's id, lang, split, text and
// question columns, by their header names.
func readLangQRows(t *testing.T) []langQRow {
	t.Helper()
	f, err := os.Open(langQSetPath)
	if os.IsNotExist(err) {
		t.Skipf("%s is not there yet", langQSetPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	col := map[string]int{}
	var rows []langQRow
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if len(col) == 0 {
			for i, name := range fields {
				col[strings.ToLower(strings.TrimSpace(name))] = i
			}
			for _, name := range []string{"id", "lang", "split", "text", "question"} {
				if _, ok := col[name]; !ok {
					t.Fatalf("%s: no %q column in the header", langQSetPath, name)
				}
			}
			continue
		}
		if strings.TrimSpace(sc.Text()) == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		get := func(name string) string {
			if i := col[name]; i < len(fields) {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		q, ok := langQBool(get("question"))
		if !ok {
			t.Fatalf("%s:%d: question = %q, want a yes/no value", langQSetPath, line, get("question"))
		}
		rows = append(rows, langQRow{
			id:       get("id"),
			lang:     strings.ToLower(get("lang")),
			split:    strings.ToLower(get("split")),
			text:     langQUnescape(fields[col["text"]]),
			question: q,
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// langQBool reads a yes/no column however it is written.
func langQBool(s string) (v, ok bool) {
	switch strings.ToLower(s) {
	case "1", "y", "yes", "true", "t", "x":
		return true, true
	case "0", "n", "no", "false", "f", "":
		return false, true
	}
	return false, false
}

// langQUnescape turns the set's \n (and \t, \\) back into characters.
func langQUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// langQNorm maps the set's lang column to Lang's values.
func langQNorm(l string) string {
	switch l {
	case "en", "fr", "":
		return l
	}
	return "other"
}

// Floors on the test half. The questions floor is the issue's; the language
// floor is what the tune half gave, less a margin.
const (
	langQMinQuestionF1 = 0.9
	langQMinLangAcc    = 0.95
)

// TestLabelledQuestions measures IsQuestion (with the language Lang gives)
// and Lang on the labelled set's test half, per language, and fails below
// the floors. It prints only figures: the test rows' texts and errors are
// not shown, so that nobody tunes on them.
func TestLabelledQuestions(t *testing.T) {
	rows := readLangQRows(t)
	splits := []string{"tune", "test"}
	if os.Getenv("CMPULSE_TUNE") != "" {
		// While tuning, not even the test half's figures are shown.
		splits = splits[:1]
	}
	for _, split := range splits {
		per := map[string]*evalstats.Binary{"all": {}, "en": {}, "fr": {}, "other": {}}
		langOK, langN := 0, 0
		confusion := map[string]int{}
		for _, r := range rows {
			if r.split != split {
				continue
			}
			lang := Lang(r.text)
			want := langQNorm(r.lang)
			langN++
			if lang == want {
				langOK++
			} else {
				confusion[want+"->"+lang]++
			}
			got := IsQuestion(r.text, lang)
			per["all"].Add(r.question, got)
			if c, ok := per[want]; ok {
				c.Add(r.question, got)
			}
		}
		if langN == 0 {
			t.Errorf("no rows with split=%s", split)
			continue
		}
		acc := evalstats.Ratio(langOK, langN)
		t.Logf("%s half, %d messages: Lang accuracy %.3f (%d/%d), errors %v", split, langN, acc, langOK, langN, confusion)
		for _, l := range []string{"all", "en", "fr", "other"} {
			if c := per[l]; c.N() == 0 {
				continue // the set has no message in that language
			}
			t.Logf("%s half: IsQuestion %-5s %v", split, l, *per[l])
		}
		if split != "test" {
			continue
		}
		if f1 := per["all"].F1(); f1 < langQMinQuestionF1 {
			t.Errorf("IsQuestion F1 on the test half = %.3f, want >= %.2f", f1, langQMinQuestionF1)
		}
		if acc < langQMinLangAcc {
			t.Errorf("Lang accuracy on the test half = %.3f, want >= %.2f", acc, langQMinLangAcc)
		}
	}
}

// TestLabelledTuneErrors lists IsQuestion's and Lang's errors on the tune
// half, and only there, for tuning: CMPULSE_TUNE=1 go test ./classify -run
// TuneErrors -v.
func TestLabelledTuneErrors(t *testing.T) {
	if os.Getenv("CMPULSE_TUNE") == "" {
		t.Skip("set CMPULSE_TUNE=1 to list the tune half's errors")
	}
	for _, r := range readLangQRows(t) {
		if r.split != "tune" {
			continue
		}
		lang := Lang(r.text)
		if want := langQNorm(r.lang); lang != want {
			t.Logf("lang %s: got %s want %s: %q", r.id, lang, want, r.text)
		}
		if got := IsQuestion(r.text, lang); got != r.question {
			t.Logf("question %s: got %v want %v (%s): %q", r.id, got, r.question, lang, r.text)
		}
	}
}
