// Command cmpulse turns a community manager's exports (web server logs,
// search and analytics exports, social archives) into a Parquet warehouse,
// SQL answers and a static HTML report. See the README.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	// The zone database inside the binary: --timezone Europe/Paris must
	// work on a minimal system or container without /usr/share/zoneinfo.
	_ "time/tzdata"
)

func main() {
	// SIGTERM too: systemd and docker stop a job with it, and the batch in
	// progress must then be abandoned cleanly, as on Ctrl-C.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) > 1 && (os.Args[1] == "ingest" || os.Args[1] == "run" || os.Args[1] == "demo") {
		softMemoryLimit()
	}
	code := exitCode(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}

// softMemoryLimit asks Go's collector to keep the heap near 200 MiB, unless
// $GOMEMLIMIT says otherwise; for the commands that ingest. Ingest holds a community export's rows until
// it is read whole (snapshots merge by key), and without a limit the
// collector lets garbage grow to the size of what is live, doubling the
// peak: a 100 MB LinkedIn Shares.csv, nearly all text, peaked at 400 MB
// RSS, and at 290 MB with this limit, 1.5 times slower. It is a soft limit:
// a run that needs more gets it (the collector then works harder, never
// more than half the CPU). Logs stream and never come near it; DuckDB's
// memory is its own (--memory-limit).
func softMemoryLimit() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(200 << 20)
	}
}
