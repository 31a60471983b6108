//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSignalStopsIngest sends SIGINT (Ctrl-C) and SIGTERM (what systemd
// and docker stop a job with) to an ingest half-way: cmpulse must exit by
// itself, status 1, having committed nothing of the batch; the next run
// then ingests the whole file once.
func TestSignalStopsIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 400,000 lines")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	const lines = 400_000
	writeLines(t, log, 0, lines)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			wh := filepath.Join(dir, "wh-"+strings.ReplaceAll(sig.String(), " ", "-"))
			cmd := exec.Command(os.Args[0], "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
			cmd.Env = append(os.Environ(), "CMPULSE_BE_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal it once it has started writing Parquet files.
			waitForStaging(wh)
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			state := cmd.ProcessState
			if state.Success() {
				t.Skip("the ingest finished before the signal; nothing to test on this machine")
			}
			if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("cmpulse was killed by %v instead of stopping by itself (%v); stderr:\n%s", ws.Signal(), err, &stderr)
			}
			if state.ExitCode() != 1 {
				t.Errorf("exit %d after %v, want 1; stderr:\n%s", state.ExitCode(), sig, &stderr)
			}
			if m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet")); len(m) != 0 {
				t.Fatalf("files of the stopped batch are visible: %v", m)
			}
			mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
			if got := one(t, wh, "SELECT count(*) FROM hits"); got != fmt.Sprint(lines) {
				t.Errorf("after the stopped run and a new one: %s hits, want %d", got, lines)
			}
			if !strings.Contains(stderr.String(), "stopped (") || !strings.Contains(stderr.String(), "not committed") {
				t.Errorf("stderr after %v does not say the run was stopped: %q", sig, &stderr)
			}
			t.Logf("stderr after %v: %s", sig, &stderr)
		})
	}
}
