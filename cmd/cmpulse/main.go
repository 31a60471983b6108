// Command cmpulse turns a community manager's exports (web server logs,
// search and analytics exports, social archives) into a Parquet warehouse,
// SQL answers and a static HTML report. See the README.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// The zone database inside the binary: --timezone Europe/Paris must
	// work on a minimal system or container without /usr/share/zoneinfo.
	_ "time/tzdata"
)

func main() {
	// SIGTERM too: systemd and docker stop a job with it, and the batch in
	// progress must then be abandoned cleanly, as on Ctrl-C.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
