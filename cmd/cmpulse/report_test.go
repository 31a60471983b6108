package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cmpulse/cmpulse/internal/browsertest"
)

// hostileLog is a log whose paths, referrers and agents carry markup and
// javascript: links, as an attacker can put in anyone's access log.
func hostileLog(t *testing.T, path string) {
	t.Helper()
	payloads := []string{
		`<script>window.__xss=1;alert(1)</script>`,
		`"><img src=x onerror="window.__xss=1">`,
		`javascript:window.__xss=1`,
		`</script><script>window.__xss=1</script>`,
	}
	var b strings.Builder
	for day := 1; day <= 3; day++ {
		for i, p := range payloads {
			ip := fmt.Sprintf("198.51.100.%d", 10*day+i)
			esc := strings.ReplaceAll(p, `"`, `\"`)
			// A page path with the payload, entered from a referrer
			// carrying it, by an agent carrying it, then a second page.
			fmt.Fprintf(&b, "%s - - [%02d/Mar/2025:10:00:%02d +0000] \"GET /p/%s HTTP/1.1\" 200 100 \"https://evil.example/%s\" \"Mozilla/5.0 %s\"\n",
				ip, day, i, strings.ReplaceAll(p, " ", "%20"), esc, esc)
			fmt.Fprintf(&b, "%s - - [%02d/Mar/2025:10:01:%02d +0000] \"GET /ok/ HTTP/1.1\" 200 100 \"%s\" \"Mozilla/5.0 %s\"\n",
				ip, day, i, esc, esc)
			// A search visit whose keyword is the payload.
			fmt.Fprintf(&b, "%s - - [%02d/Mar/2025:11:00:%02d +0000] \"GET /s/ HTTP/1.1\" 200 100 \"https://www.google.com/search?q=%s\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0\"\n",
				ip, day, i, strings.ReplaceAll(esc, " ", "+"))
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReportEscapesInput writes the report of a hostile log and checks that
// no payload became markup: no script but the report's own, no element with
// an event handler, no javascript: link; and that no page loads anything
// from the network (links people click, <a href>, aside). Then it opens every page in
// Chromium (skipped without it, except in CI), which fails if a payload ran.
func TestReportEscapesInput(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "evil.log")
	hostileLog(t, log)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "victim.example", log)
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE path LIKE '%<script>%' OR user_agent LIKE '%onerror%'"); got == "0" {
		t.Fatal("the payloads did not reach the warehouse: the test would prove nothing")
	}
	out := filepath.Join(dir, "report")
	mustRun(t, "report", "--warehouse", wh, "--out", out, "--timezone", "UTC")

	pages, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(pages) < 6 {
		t.Fatalf("report has %d pages", len(pages))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if n.Data == "img" || n.Data == "iframe" || n.Data == "object" {
					t.Errorf("%s: a <%s> element in the page", filepath.Base(p), n.Data)
				}
				if n.Data == "script" && n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "__xss") &&
					!strings.Contains(n.FirstChild.Data, `\u003c`) && !isJSONScript(n) {
					t.Errorf("%s: a script carries a payload unescaped: %.120s", filepath.Base(p), n.FirstChild.Data)
				}
				for _, a := range n.Attr {
					loads := n.Data != "a" && (a.Key == "src" || a.Key == "href" || a.Key == "srcset" || a.Key == "data")
					if v := strings.ToLower(strings.TrimSpace(a.Val)); loads && (strings.Contains(v, "://") || strings.HasPrefix(v, "//")) {
						t.Errorf("%s: <%s %s=%q> loads from the network", filepath.Base(p), n.Data, a.Key, a.Val)
					}
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=%q>", filepath.Base(p), n.Data, a.Key, a.Val)
					}
					if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("%s: <%s %s=%q>", filepath.Base(p), n.Data, a.Key, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	// The payloads are on the pages, as text.
	content, _ := os.ReadFile(filepath.Join(out, "content.html"))
	if !strings.Contains(string(content), "&lt;script&gt;") {
		t.Error("content.html does not show the hostile path as text")
	}

	shots := os.Getenv("CMPULSE_SCREENSHOTS") // keep them, e.g. as CI artifacts
	if shots == "" {
		shots = filepath.Join(dir, "shots")
	}
	browsertest.Check(t, out, shots)
}

// isJSONScript reports whether a <script> holds data, not code.
func isJSONScript(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && strings.Contains(a.Val, "json") {
			return true
		}
	}
	return false
}

// TestDemoReportInBrowser opens the demo's report in Chromium: every page
// loads offline, every chart draws, nothing fails. Screenshots go to
// $CMPULSE_SCREENSHOTS when set.
func TestDemoReportInBrowser(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	mustRun(t, "demo", "-q", "--out", out)
	shots := os.Getenv("CMPULSE_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(t.TempDir(), "shots")
	} else {
		shots = filepath.Join(shots, "demo")
	}
	browsertest.Check(t, filepath.Join(out, "report"), shots)
}

// TestRunConfig runs the nightly job from a config file twice: the second
// run adds nothing and rewrites the report.
func TestRunConfig(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	os.MkdirAll(logs, 0o755)
	writeLines(t, filepath.Join(logs, "access.log"), 0, 50)
	cfg := filepath.Join(dir, "cmpulse.toml")
	write(t, cfg, `
warehouse = "wh"
report = "out"
timezone = "UTC"

[[site]]
name = "example.org"
logs = ["logs/access.log*"]
`)
	out := mustRun(t, "run", "-q", "--config", cfg)
	if !strings.Contains(out, filepath.Join(dir, "out", "index.html")) {
		t.Errorf("run does not print the report's path:\n%s", out)
	}
	if got := one(t, filepath.Join(dir, "wh"), "SELECT count(*) FROM hits WHERE site = 'example.org'"); got != "50" {
		t.Errorf("hits = %s, want 50", got)
	}
	out = mustRun(t, "run", "-q", "--config", cfg)
	if !strings.Contains(out, "nothing new to add") {
		t.Errorf("second run added data:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "content.html")); err != nil {
		t.Error(err)
	}

	// A typo in the config is an error, not a silent default.
	write(t, cfg, "warehouse = \"wh\"\nreprot = \"out\"\n[[site]]\nname = \"x\"\nlogs = [\"a\"]\n")
	if _, errOut, code := cmpulse(t, "", "run", "--config", cfg); code != 1 || !strings.Contains(errOut, `unknown setting "reprot"`) {
		t.Errorf("typo in config: exit %d, %q", code, errOut)
	}
	// A missing log: reported, the report still written, exit 1.
	write(t, cfg, "warehouse = \"wh\"\nreport = \"out2\"\ntimezone = \"UTC\"\n[[site]]\nname = \"example.org\"\nlogs = [\"logs/access.log\", \"logs/gone.log\"]\n")
	_, errOut, code := cmpulse(t, "", "run", "-q", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "gone.log") {
		t.Errorf("missing log: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "out2", "index.html")); err != nil {
		t.Errorf("the report was not written despite the missing log: %v", err)
	}
}

// TestQueriesOverride changes a definition from a folder of .sql files:
// with a 1-minute visit gap, a visitor's pages 2 minutes apart are two
// visits instead of one.
func TestQueriesOverride(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	ua := "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
	write(t, log, fmt.Sprintf("192.0.2.1 - - [01/Mar/2025:10:00:00 +0000] \"GET /a/ HTTP/1.1\" 200 1 \"-\" %q\n", ua)+
		fmt.Sprintf("192.0.2.1 - - [01/Mar/2025:10:02:00 +0000] \"GET /b/ HTTP/1.1\" 200 1 \"-\" %q\n", ua))
	mustRun(t, "ingest", "-q", "--warehouse", wh, log)
	if got := one(t, wh, "SELECT count(*) FROM sessions"); got != "1" {
		t.Fatalf("sessions = %s, want 1 with the 30-minute gap", got)
	}
	defs, err := os.ReadFile(filepath.Join("..", "..", "queries", "definitions.sql"))
	if err != nil {
		t.Fatal(err)
	}
	qdir := filepath.Join(dir, "queries")
	os.MkdirAll(qdir, 0o755)
	write(t, filepath.Join(qdir, "definitions.sql"), strings.Replace(string(defs), "session_gap_s() AS 1800", "session_gap_s() AS 60", 1))
	out := mustRun(t, "sql", "--warehouse", wh, "--queries", qdir, "--format", "csv", "SELECT count(*) AS n FROM sessions")
	if out != "n\r\n2\r\n" {
		t.Errorf("sessions with a 1-minute gap: %q, want 2", out)
	}
	mustRun(t, "report", "--warehouse", wh, "--queries", qdir, "--out", filepath.Join(dir, "r"), "--timezone", "UTC")
	daily, _ := os.ReadFile(filepath.Join(dir, "r", "overview-daily.csv"))
	if !strings.Contains(string(daily), "2025-03-01,1,2,2") {
		t.Errorf("report with the overridden gap: %s", daily)
	}
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"report", "--from", "01/03/2025"},
		{"report", "--timezone", "Mars/Olympus"},
		{"run"},
	} {
		if _, errOut, code := cmpulse(t, "", args...); code != 2 || !isUsageError(errOut) {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	_, errOut, code := cmpulse(t, "", "report", "--warehouse", filepath.Join(t.TempDir(), "none"))
	if code != 1 || !strings.Contains(errOut, "ingest something first") {
		t.Errorf("report without a warehouse: exit %d, %q", code, errOut)
	}
}

// TestRunConfigBadZone: a config mistake that would only break the report
// stops the job before it ingests anything.
func TestRunConfigBadZone(t *testing.T) {
	dir := t.TempDir()
	writeLines(t, filepath.Join(dir, "access.log"), 0, 5)
	cfg := filepath.Join(dir, "cmpulse.toml")
	write(t, cfg, "warehouse = \"wh\"\ntimezone = \"Europe/Pariss\"\n[[site]]\nname = \"example.org\"\nlogs = [\"access.log\", \"gone.log\"]\n")
	_, errOut, code := cmpulse(t, "", "run", "-q", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "Europe/Pariss") {
		t.Errorf("bad zone: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "wh")); err == nil {
		t.Error("the job ingested before finding the bad zone")
	}
}

// TestQueriesOverrideMissingColumn: an override of content_pages.sql that
// lost the exits column stops the report with exit 1 and a message naming
// the override's file and the column (it used to panic, exit 2).
func TestQueriesOverrideMissingColumn(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	writeLines(t, log, 0, 20)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	text, err := os.ReadFile(filepath.Join("..", "..", "queries", "content_pages.sql"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(text), "0) AS exits", "0) AS leaves", 1)
	if broken == string(text) {
		t.Fatal("content_pages.sql has no '0) AS exits': the test needs another way to drop the column")
	}
	qdir := filepath.Join(dir, "queries")
	os.MkdirAll(qdir, 0o755)
	file := filepath.Join(qdir, "content_pages.sql")
	write(t, file, broken)
	_, errOut, code := cmpulse(t, "", "report", "--warehouse", wh, "--queries", qdir, "--out", filepath.Join(dir, "r"), "--timezone", "UTC")
	if code != 1 || !strings.Contains(errOut, file) || !strings.Contains(errOut, `"exits"`) {
		t.Errorf("override without exits: exit %d, stderr %q; want exit 1 naming %s and the column", code, errOut, file)
	}
}

// TestReportCSVFormulas: a search keyword that is a spreadsheet formula
// reaches the report's CSV neutralised (a leading quote), while numbers,
// negative ones included, stay numbers; report CSVs start with a UTF-8 BOM.
// `cmpulse sql --format csv` is for tools: no BOM, values as they are.
func TestReportCSVFormulas(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	ua := "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
	evil := `=hyperlink("http://evil.example","click")` // keywords are lowercased; formulas do not care
	ref := "https://www.google.com/search?q=" + url.QueryEscape(evil)
	var b strings.Builder
	// The previous period (1-7 March): two direct visits; this period
	// (8-14 March): one direct visit and two from the hostile search.
	for i, day := range []int{2, 3, 9} {
		fmt.Fprintf(&b, "192.0.2.%d - - [%02d/Mar/2025:10:00:00 +0000] \"GET /a/ HTTP/1.1\" 200 1 \"-\" %q\n", i+1, day, ua)
	}
	for i, day := range []int{10, 11} {
		fmt.Fprintf(&b, "198.51.100.%d - - [%02d/Mar/2025:10:00:00 +0000] \"GET /b/ HTTP/1.1\" 200 1 %q %q\n", i+1, day, ref, ua)
	}
	write(t, log, b.String())
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	if got := one(t, wh, "SELECT DISTINCT keyword FROM hits WHERE keyword IS NOT NULL"); got != evil {
		t.Fatalf("keyword in the warehouse = %q, want %q: the test would prove nothing", got, evil)
	}
	sqlOut := mustRun(t, "sql", "--warehouse", wh, "--format", "csv", "SELECT DISTINCT keyword FROM hits WHERE keyword IS NOT NULL")
	if want := "keyword\r\n\"=hyperlink(\"\"http://evil.example\"\",\"\"click\"\")\"\r\n"; sqlOut != want {
		t.Errorf("sql --format csv = %q, want %q (no BOM, no neutralisation)", sqlOut, want)
	}

	out := filepath.Join(dir, "r")
	mustRun(t, "report", "--warehouse", wh, "--out", out, "--from", "2025-03-08", "--to", "2025-03-14", "--timezone", "UTC")
	read := func(name string) [][]string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s does not start with a UTF-8 BOM", name)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		return recs
	}
	kw := read("acquisition-keywords.csv")
	if len(kw) != 2 || kw[1][0] != "'"+evil || kw[1][1] != "2" {
		t.Errorf("acquisition-keywords.csv = %q, want the keyword with a leading quote and 2 visits", kw)
	}
	found := false
	for _, rec := range read("acquisition-channels.csv") {
		if rec[0] == "direct" {
			found = true
			if got := rec[len(rec)-1]; got != "-50%" {
				t.Errorf("direct channel's change = %q, want -50%% (a number, not neutralised)", got)
			}
		}
	}
	if !found {
		t.Error("acquisition-channels.csv has no direct row")
	}
}
