package transform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cmpulse/cmpulse/reports"
)

// TestAIChannel reports visits from AI assistants as the ai channel, with
// the assistant as source, and draws every channel in its own colour.
func TestAIChannel(t *testing.T) {
	const ua = `"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"`
	lines := []string{
		`10.0.0.1 - - [30/Mar/2025:10:00:00 +0000] "GET /a/ HTTP/1.1" 200 10 "https://chatgpt.com/" ` + ua,
		`10.0.0.2 - - [30/Mar/2025:11:00:00 +0000] "GET /b/ HTTP/1.1" 200 10 "https://www.perplexity.ai/search/x" ` + ua,
		`10.0.0.3 - - [30/Mar/2025:12:00:00 +0000] "GET /c/?utm_source=chatgpt.com HTTP/1.1" 200 10 "-" ` + ua,
		`10.0.0.4 - - [30/Mar/2025:13:00:00 +0000] "GET /d/ HTTP/1.1" 200 10 "-" ` + ua,
	}
	r := reportOfDay(t, lines)
	wantChannels := [][]string{{"ai", "3", "75%", "3", "0", ""}, {"direct", "1", "25%", "1", "0", ""}}
	if diff := cmp.Diff(wantChannels, table(t, r, "acquisition-channels.csv")); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	wantSources := [][]string{{"ChatGPT", "ai", "2", "0"}, {"Perplexity", "ai", "1", "0"}}
	if diff := cmp.Diff(wantSources, table(t, r, "acquisition-sources.csv")); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	var stack *reports.Chart
	for _, b := range page(t, r, "acquisition").Blocks {
		if b.Chart != nil && b.Chart.ID == "acq-channels-daily" {
			stack = b.Chart
		}
	}
	if stack == nil {
		t.Fatal("no chart acq-channels-daily")
	}
	colors := map[string]string{}
	for _, s := range stack.Series {
		colors[s.Name] = s.Color
	}
	for _, ch := range []string{"direct", "search", "ai", "social", "email", "referral"} {
		if colors[ch] == "" {
			t.Errorf("channel %s: no series or no colour in the daily chart (%v)", ch, colors)
		}
	}
}

// TestNaturalLinksAsWritten lists a referrer whose host is an IP address or
// is in a legacy encoding among the natural links, with its host as
// written for a domain, not as "(unknown)".
func TestNaturalLinksAsWritten(t *testing.T) {
	const ua = `"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"`
	lines := []string{
		`10.0.0.1 - - [30/Mar/2025:10:00:00 +0000] "GET /a/ HTTP/1.1" 200 10 "http://203.0.113.9/page" ` + ua,
		`10.0.0.2 - - [30/Mar/2025:11:00:00 +0000] "GET /b/ HTTP/1.1" 200 10 "http://[2001:db8::1]/links" ` + ua,
		`10.0.0.3 - - [30/Mar/2025:12:00:00 +0000] "GET /c/ HTTP/1.1" 200 10 "http://\xe4\xe5\xe3-\xec.\xf0\xf4/" ` + ua,
	}
	r := reportOfDay(t, lines)
	var got [][]string
	for _, row := range table(t, r, "acquisition-natural-links.csv") {
		got = append(got, row[:3])
	}
	want := [][]string{
		{"http://203.0.113.9/page", "203.0.113.9", "1"},
		{"http://[2001:db8::1]/links", "2001:db8::1", "1"},
		{`http://\xe4\xe5\xe3-\xec.\xf0\xf4/`, `\xe4\xe5\xe3-\xec.\xf0\xf4`, "1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("natural links (-want +got):\n%s", diff)
	}
	for _, row := range table(t, r, "acquisition-sources.csv") {
		if row[0] == "(unknown)" {
			t.Errorf("a source is (unknown): %v", table(t, r, "acquisition-sources.csv"))
		}
	}
}

// reportOfDay ingests lines as golden.test's log and reports on 30 March
// 2025, UTC.
func reportOfDay(t *testing.T, lines []string) *reports.Report {
	t.Helper()
	log := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(log, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), ingestDB(t, log), Options{From: "2025-03-30", To: "2025-03-30", Site: "golden.test", Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
