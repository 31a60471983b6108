package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// realData returns ../shared/data/real/<sub> beside the checkout, or skips
// the test: a user's clone has no ../shared, and its files may not be
// copied into the project.
func realData(t *testing.T, sub string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data", "real", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no real sample data at %s (it lives beside the checkout in ../shared): %v", dir, err)
	}
	return dir
}

func fileLines(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(bytes.Count(b, []byte("\n")))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// TestRealWeblogs ingests each Combined or Common log of the real samples
// and checks that every line is a row or a reject.
func TestRealWeblogs(t *testing.T) {
	dir := realData(t, "weblogs")
	for _, name := range []string{"elastic_apache_logs.log", "nasa_aug95_first20k.log", "crowdsec_nginx-http-malformed.log"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			wh := filepath.Join(t.TempDir(), "wh")
			mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "real", path)
			rows, _ := strconv.ParseInt(one(t, wh, "SELECT count(*) FROM hits"), 10, 64)
			rejects, _ := strconv.ParseInt(one(t, wh, "SELECT count(*) FROM rejects"), 10, 64)
			if lines := fileLines(t, path); rows+rejects != lines {
				t.Errorf("rows %d + rejects %d != lines %d", rows, rejects, lines)
			}
			if rejects != 0 {
				t.Errorf("%d rejects; these files have no line a log reader should refuse: %v", rejects,
					query(t, wh, "SELECT source_line, reason, raw FROM rejects LIMIT 5"))
			}
			// Line numbers are each line's own, 1 to N, once each.
			if got := one(t, wh, "SELECT count(DISTINCT source_line) = count(*) AND min(source_line) = 1 AND max(source_line) = count(*) FROM hits"); got != "true" {
				t.Errorf("source_line is not 1..N once each")
			}
		})
	}
}

// TestRealElastic compares the counts per status and per day with counts
// made without cmpulse. Every line of this file has a well-formed request
// and a +0000 offset, so awk's whitespace fields find the status in field 9
// and the UTC day in field 4:
//
//	awk '{print $9}' elastic_apache_logs.log | sort | uniq -c
//	awk '{print substr($4,2,11)}' elastic_apache_logs.log | sort | uniq -c
func TestRealElastic(t *testing.T) {
	path := filepath.Join(realData(t, "weblogs"), "elastic_apache_logs.log")
	wh := filepath.Join(t.TempDir(), "wh")
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "real", path)

	wantStatus := map[string]string{"200": "9126", "304": "445", "404": "213", "301": "164", "206": "45", "500": "3", "416": "2", "403": "2"}
	got := map[string]string{}
	for _, r := range query(t, wh, "SELECT status, count(*) FROM hits GROUP BY 1") {
		got[r[0]] = r[1]
	}
	if len(got) != len(wantStatus) {
		t.Errorf("statuses = %v, want %v", got, wantStatus)
	}
	for s, n := range wantStatus {
		if got[s] != n {
			t.Errorf("status %s: %s hits, want %s", s, got[s], n)
		}
	}

	wantDay := map[string]string{"2015-05-17": "1632", "2015-05-18": "2893", "2015-05-19": "2896", "2015-05-20": "2579"}
	gotDay := map[string]string{}
	for _, r := range query(t, wh, "SELECT date, count(*) FROM hits GROUP BY 1") {
		gotDay[r[0]] = r[1]
	}
	for d, n := range wantDay {
		if gotDay[d] != n {
			t.Errorf("day %s: %s hits, want %s (all: %v)", d, gotDay[d], n, gotDay)
		}
	}
	// Quirks named in PROVENANCE.md: the cut-off user agent of line 8899,
	// and '-' byte counts on 669 lines.
	if got := one(t, wh, "SELECT user_agent FROM hits WHERE source_line = 8899"); got != "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html" {
		t.Errorf("line 8899 user agent = %q", got)
	}
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE bytes IS NULL"); got != "669" {
		t.Errorf("%s hits without byte count, want 669", got)
	}
}

// TestRealNASA checks the host names, HTTP/0.9 requests and -0400 offset of
// the NASA trace (PROVENANCE.md: 36 requests without protocol, first line at
// 1995-08-01 00:00:01 -0400).
func TestRealNASA(t *testing.T) {
	path := filepath.Join(realData(t, "weblogs"), "nasa_aug95_first20k.log")
	wh := filepath.Join(t.TempDir(), "wh", "x")
	mustRun(t, "ingest", "-q", "--keep-ip", "--warehouse", wh, "--site", "nasa", path)
	if got := one(t, wh, "SELECT strftime(min(ts), '%Y-%m-%d %H:%M:%S') FROM hits"); got != "1995-08-01 04:00:01" {
		t.Errorf("first ts = %s UTC, want 1995-08-01 04:00:01", got)
	}
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE protocol IS NULL AND method = 'GET'"); got != "36" {
		t.Errorf("%s HTTP/0.9 requests, want 36", got)
	}
	if got := one(t, wh, "SELECT count(DISTINCT ip) FROM hits"); got != "1656" {
		t.Errorf("%s distinct hosts, want 1656", got)
	}
}

// TestRealOtherFormats checks that logs of formats not read yet are refused
// whole with a message naming the file, not half-read as garbage.
func TestRealOtherFormats(t *testing.T) {
	dir := realData(t, "weblogs")
	for _, name := range []string{"lnav_iis_w3c_big.0.log", "coralogix_cloudfront_logs.log", "lnav_caddy_log.1.json.log", "crowdsec_traefik_json.log", "crowdsec_aws-alb-logs.log"} {
		wh := filepath.Join(t.TempDir(), "wh")
		_, errOut, code := cmpulse(t, "", "ingest", "-q", "--warehouse", wh, filepath.Join(dir, name))
		if code != 1 || !bytes.Contains([]byte(errOut), []byte(name+": unknown format")) {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut)
		}
	}
}

// TestRealNASAReport checks that a Common Log Format trace, which records no
// user agent, gives page views, visits and a report, and that the report
// says bots could not be told apart (issue 6, item 7). The page views are
// counted again here without cmpulse's parser or SQL: a GET answered 200
// or 304 for a path without a static extension, robots.txt, favicon or
// sitemap, from a client that never fetched /robots.txt (none does in this
// trace) and whose host name is no crawler's (none is, in 1995).
func TestRealNASAReport(t *testing.T) {
	path := filepath.Join(realData(t, "weblogs"), "nasa_aug95_first20k.log")
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "nasa", path)

	if got := one(t, wh, "SELECT count(*) FILTER (WHERE has_agent) || ' ' || count(*) FILTER (WHERE is_bot) FROM hits"); got != "0 0" {
		t.Errorf("hits with an agent, bots = %s, want 0 0 (the format records no agent)", got)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^\S+ \S+ \S+ \[[^\]]+\] "GET ([^" ?]*)[^"]*" (200|304) `)
	static := regexp.MustCompile(`(?i)\.(gif|jpe?g|xbm|mpe?g|wav|au|txt|pdf|ps|zip|gz|z|tar|css|js|map|bmp|tiff?|png|doc|exe|bin|mov|avi|xml)$`)
	views := 0
	for _, l := range strings.Split(string(b), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil || !strings.HasPrefix(m[1], "/") || static.MatchString(m[1]) ||
			m[1] == "/robots.txt" || m[1] == "/favicon.ico" {
			continue
		}
		views++
	}
	if views == 0 {
		t.Fatal("the independent count found no page view")
	}
	if got := one(t, wh, "SELECT count(*) FROM pageviews"); got != strconv.Itoa(views) {
		t.Errorf("%s page views, want %d", got, views)
	}
	if got := one(t, wh, "SELECT count(*) > 1000 FROM sessions"); got != "true" {
		t.Errorf("too few visits: %s", one(t, wh, "SELECT count(*) FROM sessions"))
	}

	out := filepath.Join(dir, "report")
	mustRun(t, "report", "--warehouse", wh, "--out", out, "--timezone", "UTC", "--from", "1995-08-01", "--to", "1995-08-01")
	quality, err := os.ReadFile(filepath.Join(out, "quality.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(quality, []byte("Bots could not be told apart in 20,000 of the 20,000 hits")) {
		t.Errorf("the data-quality page does not say that bots could not be told apart")
	}
}
