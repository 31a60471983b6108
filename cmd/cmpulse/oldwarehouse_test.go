package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/internal/oldschema"
	"github.com/cmpulse/cmpulse/warehouse"
)

// preAgentHit is a hits row from before has_agent and client_bot.
type preAgentHit = oldschema.PreAgentHit

// writePreAgent rewrites every hits file of wh in the layout of a cmpulse
// from before has_agent and client_bot (no such columns, no
// classification key, no site state). The hits of the sites in noAgent
// are bots, as the old rule made every hit without a user agent.
func writePreAgent(t *testing.T, wh string, noAgent ...string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	if len(files) == 0 {
		t.Fatal("no hits file to rewrite")
	}
	bot, other := "(no agent)", "other"
	for _, f := range files {
		hits, err := parquet.ReadFile[warehouse.Hit](f)
		if err != nil {
			t.Fatal(err)
		}
		old := make([]preAgentHit, len(hits))
		for i, h := range hits {
			old[i] = oldschema.PreAgent(h)
			for _, s := range noAgent {
				if strings.Contains(filepath.ToSlash(f), "/site="+s+"/") {
					old[i].IsBot, old[i].BotName, old[i].BotCategory = true, &bot, &other
				}
			}
		}
		if err := parquet.WriteFile(f, old); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(wh, warehouse.SitesDir))
}

// TestPreAgentWarehouse: a warehouse every file of which predates
// has_agent and client_bot is queryable with them (NULL), its report is
// written with a warning that the classification is stale (on stderr and in
// the report), a Common Log site whose old rules made every hit a bot
// points to reclassify, and after reclassify no warning is left.
func TestPreAgentWarehouse(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	combined, common := filepath.Join(dir, "access.log"), filepath.Join(dir, "common.log")
	writeOwnLinks(t, combined, 200)
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "198.51.100.%d - - [%02d/May/2025:10:%02d:%02d +0000] \"GET /page/%d.html HTTP/1.0\" 200 %d\n",
			i%50, 1+i/50, (i/60)%60, i%60, i%7, 500+i)
	}
	write(t, common, b.String())
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", combined)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "nasa.example", "--format", "common", common)
	writePreAgent(t, wh, "nasa.example")

	if got := one(t, wh, "SELECT count(*) || ' ' || count(has_agent) || ' ' || count(client_bot) || ' ' || any_value(typeof(has_agent)) || ' ' || any_value(typeof(client_bot)) FROM hits"); got != "400 0 0 BOOLEAN VARCHAR" {
		t.Errorf("hits, has_agent, client_bot and their types = %q, want 400 0 0 BOOLEAN VARCHAR", got)
	}
	warning := "the hits of example.org were classified by older rules: run 'cmpulse reclassify --warehouse " + wh + "' (cmpulse run does it by itself)"
	out := filepath.Join(dir, "report")
	_, errOut, code := cmpulse(t, "", "report", "--warehouse", wh, "--out", out, "--site", "example.org")
	if code != 0 || !strings.Contains(errOut, warning) {
		t.Fatalf("report on a pre-agent warehouse: exit %d, stderr %q; want 0 and %q", code, errOut, warning)
	}
	if page := readFile(t, filepath.Join(out, "quality.html")); !strings.Contains(page, "classified by older rules") {
		t.Errorf("the data-quality page does not say that the classification is stale")
	}
	_, errOut, code = cmpulse(t, "", "report", "--warehouse", wh, "--out", out, "--site", "nasa.example")
	if code != 1 || !strings.Contains(errOut, "no page views") || !strings.Contains(errOut, "cmpulse reclassify --warehouse") {
		t.Errorf("report on an old Common Log site: exit %d, stderr %q; want no page views and a pointer to reclassify", code, errOut)
	}
	_, errOut, _ = cmpulse(t, "", "ingest", "-q", "--warehouse", wh, "--site", "example.org", combined)
	if !strings.Contains(errOut, warning) {
		t.Errorf("ingest into a stale site: stderr %q, want %q", errOut, warning)
	}
	_, errOut, _ = cmpulse(t, "", "sql", "--warehouse", wh, "SELECT 1")
	if errOut != "" {
		t.Errorf("sql says %q; it should stay quiet", errOut)
	}

	mustRun(t, "reclassify", "-q", "--warehouse", wh)
	for _, site := range []string{"", "nasa.example"} {
		_, errOut, code = cmpulse(t, "", "report", "--warehouse", wh, "--out", out, "--site", site)
		if code != 0 || strings.Contains(errOut, "older rules") {
			t.Errorf("report --site %q after reclassify: exit %d, stderr %q", site, code, errOut)
		}
	}
	if page := readFile(t, filepath.Join(out, "quality.html")); strings.Contains(page, "older rules") {
		t.Errorf("the data-quality page still says the classification is stale after reclassify")
	}
	if got := one(t, wh, "SELECT count(*) FROM pageviews WHERE site = 'nasa.example'"); got != "200" {
		t.Errorf("%s page views of the Common Log site after reclassify, want 200", got)
	}
	_, errOut, _ = cmpulse(t, "", "ingest", "-q", "--warehouse", wh, "--site", "example.org", combined)
	if strings.Contains(errOut, "older rules") {
		t.Errorf("ingest after reclassify: stderr %q", errOut)
	}
}
