package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// rawHash sums a hash of every raw column of every hit, with the count:
// equal before and after a reclassification when no row was lost, added
// or altered outside the derived columns.
const rawHash = `SELECT count(*) || ' ' || sum(hash(ts, site, date, visitor_id, ip, vhost, method, path, query, protocol,
	status, bytes, referrer, user_agent, source_file, source_line, batch)::HUGEINT) FROM raw_hits`

// ownLinkLine is a request whose referrer is another page of the site at
// blog.example.org: a referral until that host is known as the site's own.
// Each day of May holds 15,000 lines.
func ownLinkLine(i int) string {
	return fmt.Sprintf(`192.0.2.%d - - [%02d/May/2025:10:%02d:%02d +0000] "GET /post/%d/ HTTP/1.1" 200 %d "https://blog.example.org/p/%d" "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"`,
		i%250, 1+(i/15000)%28, (i/60)%60, i%60, i, 1000+i, i)
}

func writeOwnLinks(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintln(bw, ownLinkLine(i))
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestReclassifyCommand: a host given later makes old referrals internal;
// the raw columns and row count stay; a second run has nothing to do.
func TestReclassifyCommand(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "access.log")
	writeOwnLinks(t, log, 1000)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	before := one(t, wh, rawHash)
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE channel = 'referral'"); got != "1000" {
		t.Fatalf("%s referrals before, want 1000", got)
	}

	out := mustRun(t, "reclassify", "-q", "--warehouse", wh, "--site", "example.org", "--host", "blog.example.org", "--dry-run")
	if !strings.Contains(out, "dry run") || one(t, wh, "SELECT count(*) FROM hits WHERE channel = 'internal'") != "0" {
		t.Fatalf("dry run changed data or did not say so:\n%s", out)
	}
	out = mustRun(t, "reclassify", "-q", "--warehouse", wh, "--site", "example.org", "--host", "blog.example.org")
	if !strings.Contains(out, "channel 1000") || !strings.Contains(out, "committed") {
		t.Errorf("summary does not count the changed channels:\n%s", out)
	}
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE channel = 'internal'"); got != "1000" {
		t.Errorf("%s internal hits after reclassify, want 1000", got)
	}
	if after := one(t, wh, rawHash); after != before {
		t.Errorf("raw columns changed: %s before, %s after", before, after)
	}
	out = mustRun(t, "reclassify", "-q", "--warehouse", wh)
	if strings.Contains(out, "committed") {
		t.Errorf("a second reclassify rewrote files:\n%s", out)
	}

	if _, errOut, code := cmpulse(t, "", "reclassify", "--warehouse", wh, "--host", "x.org"); code != 2 || !strings.Contains(errOut, "--site") {
		t.Errorf("--host without --site: exit %d, %q", code, errOut)
	}
	if _, errOut, code := cmpulse(t, "", "reclassify", "--warehouse", wh, "--site", "nope.org"); code != 1 || !strings.Contains(errOut, "example.org") {
		t.Errorf("unknown site: exit %d, %q", code, errOut)
	}

	// A damaged file: named on stderr, exit 1.
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	os.WriteFile(files[0], []byte("damaged"), 0o644)
	_, errOut, code := cmpulse(t, "", "reclassify", "-q", "--warehouse", wh, "--site", "example.org", "--host", "other.example.org")
	if code != 1 || !strings.Contains(errOut, files[0]) || !strings.Contains(errOut, "1 file(s) could not be read") {
		t.Errorf("damaged file: exit %d, stderr %q", code, errOut)
	}
}

// ageWarehouse rewrites every hits file of wh as a cmpulse before
// reclassify existed wrote it (no classification key, no site state),
// with every channel "referral" and no bot: what older rules could have
// decided.
func ageWarehouse(t *testing.T, wh string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	for _, f := range files {
		hits, err := parquet.ReadFile[warehouse.Hit](f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range hits {
			hits[i].Channel, hits[i].IsBot = "referral", false
		}
		if err := parquet.WriteFile(f, hits); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(wh, warehouse.SitesDir))
}

// TestRunReclassifiesStale: cmpulse run notices a warehouse classified by
// older rules, reclassifies it before the report and says so; the next run
// does not.
func TestRunReclassifiesStale(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	os.MkdirAll(logs, 0o755)
	writeOwnLinks(t, filepath.Join(logs, "access.log"), 200)
	cfg := filepath.Join(dir, "cmpulse.toml")
	write(t, cfg, `
warehouse = "wh"
report = "out"
timezone = "UTC"

[[site]]
name = "example.org"
hosts = ["blog.example.org"]
logs = ["logs/access.log"]
`)
	wh := filepath.Join(dir, "wh")
	_, errOut, code := cmpulse(t, "", "run", "-q", "--config", cfg)
	if code != 0 || strings.Contains(errOut, "reclassifying") {
		t.Fatalf("first run: exit %d, stderr %q", code, errOut)
	}
	ageWarehouse(t, wh)
	if got := one(t, wh, "SELECT count(*) FROM raw_hits WHERE channel = 'internal'"); got != "0" {
		t.Fatalf("ageing left %s internal hits", got)
	}
	_, errOut, code = cmpulse(t, "", "run", "-q", "--config", cfg)
	if code != 0 || !strings.Contains(errOut, "reclassifying them before the report") {
		t.Errorf("run on an aged warehouse: exit %d, stderr %q; want it to say it reclassifies", code, errOut)
	}
	if got := one(t, wh, "SELECT count(*) FROM raw_hits WHERE channel = 'internal'"); got != "200" {
		t.Errorf("%s internal hits after run, want 200", got)
	}
	_, errOut, _ = cmpulse(t, "", "run", "-q", "--config", cfg)
	if strings.Contains(errOut, "reclassifying") {
		t.Errorf("a run on a current warehouse reclassifies again: %q", errOut)
	}

	// A host added to the config reaches the old rows too.
	write(t, cfg, strings.Replace(readFile(t, cfg), `hosts = ["blog.example.org"]`, `hosts = ["blog.example.org", "other.example.org"]`, 1))
	if _, errOut, _ = cmpulse(t, "", "run", "-q", "--config", cfg); !strings.Contains(errOut, "reclassifying") {
		t.Errorf("a run after the config's hosts changed does not reclassify: %q", errOut)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKilledReclassify kills a reclassification (SIGKILL: no cleanup runs)
// once its first batch is committed and the next is being written, and
// checks that no row is lost or doubled after recovery, and that the next
// run finishes the work with the raw columns untouched.
func TestKilledReclassify(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 400,000 lines")
	}
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "access.log")
	const lines = 400_000
	writeOwnLinks(t, log, lines)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	before := one(t, wh, rawHash)

	cmd := exec.Command(os.Args[0], "reclassify", "-q", "--warehouse", wh, "--site", "example.org", "--host", "blog.example.org")
	cmd.Env = append(os.Environ(), "CMPULSE_BE_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it while its second batch is being written (the first, of
	// some 256 Ki rows, committed: a file not made by the ingest is in).
	initial := map[string]bool{}
	m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
	for _, f := range m {
		initial[f] = true
	}
	sawCommit := false
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet"))
		for _, f := range m {
			sawCommit = sawCommit || !initial[f]
		}
		parts, _ := filepath.Glob(filepath.Join(wh, "_staging", "*", "*.part"))
		if sawCommit && len(parts) > 0 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	state, _ := cmd.Process.Wait()
	if state.Success() {
		t.Skip("reclassify finished before it could be killed; nothing to test on this machine")
	}
	if !sawCommit {
		t.Log("killed before a batch was seen committed")
	}

	// Reading recovers a committed batch; count and raw columns are those
	// of the ingest, whatever the kill interrupted.
	if got := one(t, wh, rawHash); got != before {
		t.Errorf("after the kill: %s, want %s (rows lost, doubled or changed)", got, before)
	}
	if got := one(t, wh, "SELECT count(DISTINCT source_line) FROM raw_hits"); got != fmt.Sprint(lines) {
		t.Errorf("%s distinct lines after the kill, want %d", got, lines)
	}
	mustRun(t, "reclassify", "-q", "--warehouse", wh, "--site", "example.org", "--host", "blog.example.org")
	if got := one(t, wh, "SELECT count(*) FROM hits WHERE channel = 'internal'"); got != fmt.Sprint(lines) {
		t.Errorf("%s internal hits after the next run, want %d", got, lines)
	}
	if got := one(t, wh, rawHash); got != before {
		t.Errorf("after the next run: %s, want %s", got, before)
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "_staging", "*")); len(m) != 0 {
		t.Errorf("staging left after recovery: %v", m)
	}
}

// derivedHash sums a hash of every derived column, with the count.
const derivedHash = `SELECT count(*) || ' ' || sum(hash(source_line, is_bot, bot_name, bot_category, browser, os, device, channel,
	referrer_host, referrer_domain, source, keyword)::HUGEINT) FROM raw_hits`

// TestRealReclassify ages a warehouse of each real Combined and Common log
// and checks that reclassify gives back the derived columns of a fresh
// ingest, raw columns and row count untouched.
func TestRealReclassify(t *testing.T) {
	dir := realData(t, "weblogs")
	for _, name := range []string{"elastic_apache_logs.log", "nasa_aug95_first20k.log"} {
		t.Run(name, func(t *testing.T) {
			wh := filepath.Join(t.TempDir(), "wh")
			mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "real.example", filepath.Join(dir, name))
			raw, derived := one(t, wh, rawHash), one(t, wh, derivedHash)
			ageWarehouse(t, wh)
			if one(t, wh, derivedHash) == derived {
				t.Fatal("ageing changed no derived column")
			}
			mustRun(t, "reclassify", "-q", "--warehouse", wh)
			if got := one(t, wh, rawHash); got != raw {
				t.Errorf("raw columns: %s after, %s before", got, raw)
			}
			if got := one(t, wh, derivedHash); got != derived {
				t.Errorf("derived columns: %s after reclassify, %s from ingest", got, derived)
			}
		})
	}
}
