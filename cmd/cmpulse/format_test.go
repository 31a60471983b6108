package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewerWarehouseFormat: ingest, sql and report refuse a warehouse that
// a newer cmpulse wrote (its _format says so), with a message that says
// to upgrade, and ingest adds nothing to it.
func TestNewerWarehouseFormat(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	writeLines(t, log, 0, 10)
	wh := filepath.Join(dir, "wh")
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	b, err := os.ReadFile(filepath.Join(wh, "_format"))
	if err != nil || !strings.Contains(string(b), `"format":2`) {
		t.Fatalf("_format after the first ingest: %q, %v", b, err)
	}
	os.WriteFile(filepath.Join(wh, "_format"), []byte(`{"format":99,"written_by":"v99.0.0"}`+"\n"), 0o644)

	writeLines(t, log, 0, 20)
	for _, args := range [][]string{
		{"ingest", "-q", "--warehouse", wh, "--site", "example.org", log},
		{"sql", "--warehouse", wh, "SELECT count(*) FROM hits"},
		{"report", "--warehouse", wh, "--out", filepath.Join(dir, "report")},
	} {
		_, stderr, code := cmpulse(t, "", args...)
		if code == 0 || !strings.Contains(stderr, "format 99 is newer than this cmpulse understands (max 2); upgrade cmpulse") {
			t.Errorf("cmpulse %s: exit %d, stderr %q; want a failure saying to upgrade", args[0], code, stderr)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "_ledger", "*.parquet")); len(m) != 1 {
		t.Errorf("ledger files after the refused ingest: %v, want the first one only", m)
	}
}
