package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lines returns n log lines from start, each with its newline.
func lines(start, n int) string {
	var b strings.Builder
	for i := start; i < start+n; i++ {
		b.WriteString(logLine(i) + "\n")
	}
	return b.String()
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLedgerEdges covers the ways a nightly job meets the same content
// again that the lifecycle test does not: each case must leave exactly the
// distinct lines in the warehouse.
func TestLedgerEdges(t *testing.T) {
	// Lines are about 100 bytes: 30,000 lines make 3 MB, past several
	// ledger checkpoints (1 MiB apart).
	big := lines(0, 30_000)
	tests := []struct {
		name     string
		steps    []map[string]string // files to write before each ingest
		want     string              // hits at the end
		distinct bool                // no line may be in twice
	}{
		{
			name: "shorter copy after the full file",
			steps: []map[string]string{
				{"full.log": big},
				{"old-copy.log": big[:len(lines(0, 20_000))]},
			},
			want: "30000", distinct: true,
		},
		{
			name: "shorter copy that ends mid-line",
			steps: []map[string]string{
				{"full.log": big},
				{"old-copy.log": big[:len(lines(0, 12_345))+20]},
			},
			want: "30000", distinct: true,
		},
		{
			name: "the longest of two streams with the same start",
			steps: []map[string]string{
				{"x.log": lines(0, 100) + lines(100, 50)},
				{"y.log": lines(0, 100) + lines(5000, 200)},
				{"y.log": lines(0, 100) + lines(5000, 200) + lines(9000, 10)},
			},
			// x and y are different files (streams) that share their first
			// 100 lines: 150 + 300, then only the 10 new lines of y.
			want: "460",
		},
		{
			name: "a last line without newline that is finished later",
			steps: []map[string]string{
				{"live.log": lines(0, 20) + strings.TrimSuffix(lines(20, 1), "\n")[:40]},
				{"live.log": lines(0, 25)},
			},
			// 20 lines, the cut one as a reject, then lines 22-25; the cut
			// line's rest is not a line of its own.
			want: "24", distinct: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			wh := filepath.Join(dir, "wh")
			for _, step := range tt.steps {
				var names []string
				for name, content := range step {
					write(t, filepath.Join(dir, name), content)
					names = append(names, filepath.Join(dir, name))
				}
				cmpulse(t, "", append([]string{"ingest", "-q", "--warehouse", wh}, names...)...)
			}
			if got := one(t, wh, "SELECT count(*) FROM hits"); got != tt.want {
				t.Errorf("hits = %s, want %s", got, tt.want)
			}
			if got := one(t, wh, "SELECT count(*) - count(DISTINCT path) FROM hits"); tt.distinct && got != "0" {
				t.Errorf("%s lines are in twice", got)
			}
		})
	}
}

// TestPartialLineRest checks that the rest of a line read before its newline
// neither becomes a reject nor shifts line numbers, for a short line and for
// one over 64 KiB, which the scanner reads in pieces. The cut line itself is
// kept as it was read: a reject.
func TestPartialLineRest(t *testing.T) {
	long := strings.Repeat("x", 70_000)
	tests := []struct {
		name                   string
		before, after          string
		rejectAt, hits, lastAt string
	}{
		{"short", lines(0, 25)[:len(lines(0, 20))+40], lines(0, 25), "21", "24", "25"},
		{"over 64 KiB", lines(0, 50) + long, lines(0, 50) + long + "yyyy\n" + lines(50, 5), "51", "55", "56"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			wh := filepath.Join(dir, "wh")
			log := filepath.Join(dir, "live.log")
			write(t, log, tt.before)
			mustRun(t, "ingest", "-q", "--warehouse", wh, log)
			write(t, log, tt.after)
			mustRun(t, "ingest", "-q", "--warehouse", wh, log)
			if got, want := one(t, wh, "SELECT count(*) || ' ' || min(source_line) FROM rejects"), "1 "+tt.rejectAt; got != want {
				t.Errorf("rejects = %s, want %s", got, want)
			}
			if got, want := one(t, wh, "SELECT count(*) || ' ' || max(source_line) FROM hits"), tt.hits+" "+tt.lastAt; got != want {
				t.Errorf("hits, last line = %s, want %s", got, want)
			}
		})
	}
}

// TestDamagedGzip: a gzip file that fails its checksum adds nothing (its
// data cannot be trusted), and the good copy later adds everything once.
func TestDamagedGzip(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(lines(0, 5000)))
	zw.Close()
	good := z.Bytes()
	bad := append([]byte(nil), good...)
	copy(bad[len(bad)/2:], []byte{0xff, 0xff, 0xff, 0xff})
	write(t, filepath.Join(dir, "bad.log.gz"), string(bad))
	_, errOut, code := cmpulse(t, "", "ingest", "-q", "--warehouse", wh, filepath.Join(dir, "bad.log.gz"))
	if code != 1 || !strings.Contains(errOut, "damaged gzip") {
		t.Errorf("damaged gzip: exit %d, stderr %q", code, errOut)
	}
	write(t, filepath.Join(dir, "good.log.gz"), string(good))
	mustRun(t, "ingest", "-q", "--warehouse", wh, filepath.Join(dir, "good.log.gz"))
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != "5000" {
		t.Errorf("hits = %s, want 5000", got)
	}
}

// TestSameLogOtherSite: the ledger is per site, so the same file ingested
// for another site is that site's data.
func TestSameLogOtherSite(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "a.log")
	write(t, log, lines(0, 10))
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "a.org", log)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "b.org", log)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "b.org", log)
	if got := one(t, wh, "SELECT string_agg(site || '=' || n, ',' ORDER BY site) FROM (SELECT site, count(*) n FROM hits GROUP BY 1)"); got != "a.org=10,b.org=10" {
		t.Errorf("per site = %s", got)
	}
}
