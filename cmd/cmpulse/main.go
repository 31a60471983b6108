// Command cmpulse turns a community manager's exports (web server logs,
// search and analytics exports, social archives) into a Parquet warehouse,
// SQL answers and a static HTML report. See the README.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := exitCode(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
