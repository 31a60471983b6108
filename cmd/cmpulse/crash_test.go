package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as cmpulse itself, so that a test can
// run it as a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("CMPULSE_BE_MAIN") == "1" {
		main()
		return
	}
	// A CMPULSE_CONFIG of the person running the tests would give its
	// zone and site to every command the tests run (children included).
	os.Unsetenv(configEnv)
	os.Exit(m.Run())
}

// TestKilledIngest kills an ingest half-way (SIGKILL: no cleanup runs) and
// checks that the warehouse holds nothing of that batch, and that the next
// run ingests the file once, whole.
func TestKilledIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 400,000 lines")
	}
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "access.log")
	const lines = 400_000
	writeLines(t, log, 0, lines)

	cmd := exec.Command(os.Args[0], "ingest", "-q", "--warehouse", wh, log)
	cmd.Env = append(os.Environ(), "CMPULSE_BE_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has started writing Parquet files.
	waitForStaging(wh)
	cmd.Process.Signal(syscall.SIGKILL)
	state, _ := cmd.Process.Wait()
	if state.Success() {
		t.Skip("the ingest finished before it could be killed; nothing to test on this machine")
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*.parquet")); len(m) != 0 {
		t.Fatalf("files of the killed batch are visible: %v", m)
	}

	mustRun(t, "ingest", "-q", "--warehouse", wh, log)
	if got := one(t, wh, "SELECT count(*) FROM hits"); got != fmt.Sprint(lines) {
		t.Errorf("after the killed run and a new one: %s hits, want %d", got, lines)
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "_staging", "*")); len(m) != 0 {
		t.Errorf("staging left after recovery: %v", m)
	}
}

// waitForStaging waits (20 s at most) until a cmpulse writing to wh has
// created a staged Parquet file: the moment to interrupt it half-way.
func waitForStaging(wh string) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		m, _ := filepath.Glob(filepath.Join(wh, "_staging", "*", "*.part"))
		if len(m) > 0 || time.Now().After(deadline) {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}
