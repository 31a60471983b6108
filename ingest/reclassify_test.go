package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/internal/oldschema"
	"github.com/cmpulse/cmpulse/warehouse"
)

// reclassLog is a log over three days with hits whose classification
// older rules got wrong in ways the tests fake: a crawler, a search
// referrer with terms, a link between the site's own pages, an AI
// assistant's referral, a browser.
func reclassLog(t *testing.T, dir string) string {
	t.Helper()
	agents := []string{
		"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
	}
	referrers := []string{"-", "https://www.google.com/search?q=reclass+test", "https://blog.example.org/a/",
		"https://news.ycombinator.com/item?id=1", "https://chatgpt.com/"}
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "192.0.2.%d - - [%02d/May/2025:10:%02d:%02d +0000] \"GET /p/%d HTTP/1.1\" 200 %d \"%s\" \"%s\"\n",
			i%50, 10+i%3, (i/60)%60, i%60, i, 100+i, referrers[i%len(referrers)], agents[i%len(agents)])
	}
	p := filepath.Join(dir, "access.log")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readHits returns every hit of the warehouse, by file and line.
func readHits(t *testing.T, wh string) []warehouse.Hit {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	var all []warehouse.Hit
	for _, f := range files {
		rows, err := parquet.ReadFile[warehouse.Hit](f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].SourceLine < all[j].SourceLine })
	return all
}

// ageFiles rewrites every hits file as an older cmpulse would have written
// it: no classification key in its metadata, and the derived columns
// changed by old, which reports whether it changed a row.
func ageFiles(t *testing.T, wh string, old func(*warehouse.Hit) bool) (rows int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	for _, f := range files {
		hits, err := parquet.ReadFile[warehouse.Hit](f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range hits {
			if old(&hits[i]) {
				rows++
			}
		}
		if err := parquet.WriteFile(f, hits); err != nil {
			t.Fatal(err)
		}
	}
	// An older warehouse kept no site state either.
	os.RemoveAll(filepath.Join(wh, warehouse.SitesDir))
	return rows
}

func ptr(s string) *string { return &s }

// TestReclassify fakes a warehouse written by older rules (GPTBot not a
// bot, Google not a search engine, no keyword) and checks that Reclassify
// gives back exactly what today's ingest writes, raw columns untouched,
// rewriting only the files that changed and counting per column.
func TestReclassify(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := reclassLog(t, dir)
	ctx := context.Background()
	if _, err := Ingest(ctx, []string{log}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	want := readHits(t, wh)
	if len(want) != 300 {
		t.Fatalf("ingested %d hits, want 300", len(want))
	}

	// The day of 12 May stays as today's rules make it: only the key is
	// missing, so it is read and left alone. On the others, GPTBot was no
	// bot, Google no search engine, and an AI assistant a mere referral
	// (which it is today unless the rules know the ai channel: either way
	// reclassify must give what ingest gives).
	wantCols := map[string]int64{}
	age := func(h *warehouse.Hit) bool {
		if h.TS.Day() == 12 {
			return false
		}
		was := *h
		switch {
		case h.BotName != nil && *h.BotName == "GPTBot":
			h.IsBot, h.BotName, h.BotCategory, h.Device = false, nil, nil, ptr("desktop")
		case h.Source != nil && *h.Source == "Google":
			h.Channel, h.Source, h.Keyword = "referral", nil, nil
		case h.Referrer != nil && strings.Contains(*h.Referrer, "chatgpt.com"):
			h.Channel, h.Source, h.Keyword = "referral", nil, nil
		}
		by := make([]int64, len(derivedColumns))
		if !diff(&was, h, by) {
			return false
		}
		for i, n := range by {
			if n > 0 {
				wantCols[DerivedColumns[i]] += n
			}
		}
		return true
	}
	changed := ageFiles(t, wh, age)
	if stale, err := StaleSites(wh, nil); err != nil || !slices.Equal(stale, []string{"example.org"}) {
		t.Fatalf("StaleSites of the aged warehouse = %v, %v; want [example.org]", stale, err)
	}
	before, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "date=2025-05-12", "*.parquet"))

	sums, err := Reclassify(ctx, ReclassifyOptions{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 {
		t.Fatalf("Reclassify summaries: %+v, want one site", sums)
	}
	s := sums[0]
	if s.Files != 3 || s.Current != 0 || s.Unchanged != 1 || s.Rewritten != 2 || s.Rows != 300 || s.RowsChanged != int64(changed) {
		t.Errorf("summary %+v, want 3 files: 1 unchanged, 2 rewritten, 300 rows, %d changed", s, changed)
	}
	byCol := map[string]int64{}
	for i, n := range s.Changed {
		if n > 0 {
			byCol[DerivedColumns[i]] = n
		}
	}
	// Days 10 and 11 hold 200 hits, half of them GPTBot's.
	if wantCols["is_bot"] != 100 || wantCols["channel"] == 0 {
		t.Errorf("ageing changed %v: the test's log is not what it was written for", wantCols)
	}
	if diff := cmp.Diff(wantCols, byCol); diff != "" {
		t.Errorf("changes by column (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, readHits(t, wh)); diff != "" {
		t.Errorf("hits after reclassify differ from a fresh ingest (-want +got):\n%s", diff)
	}
	after, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "date=2025-05-12", "*.parquet"))
	if !slices.Equal(before, after) {
		t.Errorf("the unchanged day's files were rewritten: %v, then %v", before, after)
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet")); len(m) != 3 {
		t.Errorf("%d hits files after reclassify, want 3 (one per day): %v", len(m), m)
	}
	if stale, err := StaleSites(wh, nil); err != nil || len(stale) != 0 {
		t.Errorf("StaleSites after Reclassify = %v, %v; want none", stale, err)
	}

	// Again: the rewritten files carry the key and are not even read.
	sums, err = Reclassify(ctx, ReclassifyOptions{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	if s := sums[0]; s.Current != 2 || s.Unchanged != 1 || s.Rewritten != 0 || len(s.Batches) != 0 {
		t.Errorf("second run: %+v, want 2 current, 1 unchanged, nothing committed", s)
	}
}

// TestReclassifyHosts: the site's own hosts decide the internal channel.
// They are stored at ingest, taken from --host at reclassify, and used by a
// later ingest that is given none.
func TestReclassifyHosts(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := reclassLog(t, dir)
	ctx := context.Background()
	if _, err := Ingest(ctx, []string{log}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	internal := func() (n int) {
		for _, h := range readHits(t, wh) {
			if h.Channel == "internal" {
				n++
			}
		}
		return n
	}
	if n := internal(); n != 0 {
		t.Fatalf("%d internal hits before blog.example.org is an own host", n)
	}
	if stale, _ := StaleSites(wh, map[string][]string{"example.org": {"blog.example.org"}}); len(stale) != 1 {
		t.Errorf("StaleSites with a new host = %v, want the site", stale)
	}
	sums, err := Reclassify(ctx, ReclassifyOptions{Warehouse: wh, Sites: []string{"example.org"},
		Hosts: map[string][]string{"example.org": {"blog.example.org"}}})
	if err != nil {
		t.Fatal(err)
	}
	if n := internal(); n != 60 || sums[0].Rewritten != 3 {
		t.Errorf("after --host: %d internal hits, %d files rewritten; want 60 and 3", n, sums[0].Rewritten)
	}
	st, _, _ := warehouse.ReadSite(wh, "example.org")
	if !slices.Equal(st.Hosts, []string{"blog.example.org"}) || st.Classified != classificationKey("example.org", st.Hosts) {
		t.Errorf("site state %+v, want the host and the current key", st)
	}

	// A later ingest without --host classifies with the stored host.
	os.WriteFile(filepath.Join(dir, "more.log"), []byte(
		`192.0.2.1 - - [13/May/2025:10:00:00 +0000] "GET /x HTTP/1.1" 200 1 "https://blog.example.org/" "curl/8.0"`+"\n"), 0o644)
	if _, err := Ingest(ctx, []string{filepath.Join(dir, "more.log")}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	if n := internal(); n != 61 {
		t.Errorf("after an ingest without --host: %d internal hits, want 61", n)
	}
	if stale, _ := StaleSites(wh, nil); len(stale) != 0 {
		t.Errorf("StaleSites after that ingest = %v, want none", stale)
	}
}

// TestReclassifyDryRun counts and writes nothing.
func TestReclassifyDryRun(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	ctx := context.Background()
	if _, err := Ingest(ctx, []string{reclassLog(t, dir)}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	changed := ageFiles(t, wh, func(h *warehouse.Hit) bool {
		if h.Channel != "direct" {
			return false
		}
		h.Channel = "referral"
		return true
	})
	aged := readHits(t, wh)
	sums, err := Reclassify(ctx, ReclassifyOptions{Warehouse: wh, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := sums[0]; s.Rewritten != 3 || s.RowsChanged != int64(changed) || len(s.Batches) != 0 {
		t.Errorf("dry run: %+v, want 3 files and %d rows that would change, no batch", s, changed)
	}
	if diff := cmp.Diff(aged, readHits(t, wh)); diff != "" {
		t.Errorf("a dry run changed the hits:\n%s", diff)
	}
	if _, ok, _ := warehouse.ReadSite(wh, "example.org"); ok {
		t.Error("a dry run wrote the site state")
	}
}

// TestReclassifyCancelled: an interrupted reclassification commits nothing
// of the batch in progress, and the next run finishes the work.
func TestReclassifyCancelled(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	if _, err := Ingest(context.Background(), []string{reclassLog(t, dir)}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	want := readHits(t, wh)
	ageFiles(t, wh, func(h *warehouse.Hit) bool { h.Channel = "old"; return true })
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Reclassify(ctx, ReclassifyOptions{Warehouse: wh, Progress: func(done, total int64) { cancel() }})
	if err == nil {
		t.Fatal("Reclassify went on after cancel")
	}
	if got := readHits(t, wh); len(got) != 300 {
		t.Fatalf("%d hits after an interrupted reclassify, want 300", len(got))
	}
	if _, err := Reclassify(context.Background(), ReclassifyOptions{Warehouse: wh}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, readHits(t, wh)); diff != "" {
		t.Errorf("after the next run (-want +got):\n%s", diff)
	}
}

// TestDerivedColumnsCover: every column of the hits table is either raw
// (kept by Reclassify) or derived (compared and rewritten). A column added
// to warehouse.Hit must be put in one of the two lists.
func TestDerivedColumnsCover(t *testing.T) {
	raw := []string{"ts", "visitor_id", "ip", "vhost", "method", "path", "query", "protocol", "status", "bytes",
		"referrer", "user_agent", "source_file", "source_line", "batch"}
	typ := reflect.TypeFor[warehouse.Hit]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("parquet"), ",")
		if !slices.Contains(raw, name) && !slices.Contains(DerivedColumns, name) {
			t.Errorf("hits column %s is neither raw nor in derivedColumns", name)
		}
	}
}

// TestLedgerFormats: reclassify knows each row's input format from the
// ledger, by batch and source file.
func TestLedgerFormats(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	sum, err := Ingest(context.Background(), []string{reclassLog(t, dir)}, Options{Warehouse: wh, Site: "example.org"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ledgerFormats(wh)
	if err != nil {
		t.Fatal(err)
	}
	if got := f[[2]string{sum.Batch, filepath.Join(dir, "access.log")}]; got != "combined" {
		t.Errorf("format of the batch's log = %q, want combined (map %v)", got, f)
	}
}

// TestReclassifyDamagedFile: a file that cannot be read is reported by name
// and left as it is; the others are reclassified, and the site stays
// stale so that the next run tries again.
func TestReclassifyDamagedFile(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	if _, err := Ingest(context.Background(), []string{reclassLog(t, dir)}, Options{Warehouse: wh, Site: "example.org"}); err != nil {
		t.Fatal(err)
	}
	ageFiles(t, wh, func(h *warehouse.Hit) bool { h.Channel = "old"; return true })
	bad, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "date=2025-05-11", "*.parquet"))
	if len(bad) != 1 {
		t.Fatalf("files of 11 May: %v", bad)
	}
	os.WriteFile(bad[0], []byte("PAR1 not really"), 0o644)
	sums, err := Reclassify(context.Background(), ReclassifyOptions{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	s := sums[0]
	if len(s.Failed) != 1 || !strings.Contains(s.Failed[0].Error(), bad[0]) || s.Rewritten != 2 {
		t.Errorf("summary %+v, want the damaged file named and the 2 others rewritten", s)
	}
	if stale, _ := StaleSites(wh, nil); len(stale) != 1 {
		t.Errorf("StaleSites = %v, want the site with a damaged file", stale)
	}
	if b, _ := os.ReadFile(bad[0]); string(b) != "PAR1 not really" {
		t.Error("the damaged file was changed")
	}
}

// preAgentHit is a hits row from before has_agent and client_bot.
type preAgentHit = oldschema.PreAgentHit

// TestReclassifyCommonLog: a Common Log Format warehouse written before
// has_agent existed, where every hit was an agent-less bot (issue 6 item
// 7), comes out of Reclassify as a fresh ingest writes it today: no agent
// recorded, not bots; the Combined lines of the same site, with "-" as
// agent, stay bots.
func TestReclassifyCommonLog(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	var clf, comb strings.Builder
	for i := range 50 {
		fmt.Fprintf(&clf, "host%d.example.net - - [10/May/2025:10:00:%02d +0000] \"GET /p/%d HTTP/1.0\" 200 %d\n", i, i, i, 100+i)
		fmt.Fprintf(&comb, "192.0.2.%d - - [11/May/2025:10:00:%02d +0000] \"GET /p/%d HTTP/1.1\" 200 %d \"-\" \"-\"\n", i, i, i, 100+i)
	}
	os.WriteFile(filepath.Join(dir, "clf.log"), []byte(clf.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "comb.log"), []byte(comb.String()), 0o644)
	ctx := context.Background()
	sum, err := Ingest(ctx, []string{filepath.Join(dir, "clf.log"), filepath.Join(dir, "comb.log")}, Options{Warehouse: wh, Site: "example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files[0].Format != "common" || sum.Files[1].Format != "combined" {
		t.Fatalf("formats %q and %q, want common and combined", sum.Files[0].Format, sum.Files[1].Format)
	}
	want := readHits(t, wh)
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	for _, f := range files {
		hits, err := parquet.ReadFile[warehouse.Hit](f)
		if err != nil {
			t.Fatal(err)
		}
		old := make([]preAgentHit, len(hits))
		for i, h := range hits {
			old[i] = oldschema.PreAgent(h)
			// Every hit without an agent was a bot by the old rule.
			old[i].IsBot, old[i].BotName, old[i].BotCategory = true, ptr("(empty)"), ptr("other")
			old[i].Browser, old[i].OS, old[i].Device = nil, nil, ptr("bot")
		}
		if err := parquet.WriteFile(f, old); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(wh, warehouse.SitesDir))

	sums, err := Reclassify(ctx, ReclassifyOptions{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	if s := sums[0]; s.Rewritten != 1 || s.Unchanged != 1 || s.RowsChanged != 50 {
		t.Errorf("summary %+v, want the Common Log day rewritten (50 rows), the Combined one unchanged", s)
	}
	got := readHits(t, wh)
	for i := range got {
		if got[i].TS.Day() == 11 {
			// Left as it was, without has_agent, which views read as true
			// and parquet-go as false.
			got[i].HasAgent = true
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after reclassify (-fresh ingest +got):\n%s", diff)
	}
	bots := 0
	for _, h := range got {
		if h.IsBot {
			bots++
		}
	}
	if bots != 50 {
		t.Errorf("%d bots, want the 50 Combined hits with agent \"-\"", bots)
	}
}
