package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/internal/version"
)

var versionCommand = command{
	name:    "version",
	summary: "print the version (also: cmpulse --version)",
	usage:   "",
	doc: `
Prints cmpulse's version (a release tag, or the commit it was built from,
"-dirty" when the checkout had changes), the Go version and the platform.`,
	setup: setupVersion,
}

func setupVersion(*pflag.FlagSet) func(context.Context, *env, []string) error { return runVersion }

func runVersion(_ context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(e.stdout, "cmpulse %s (%s, %s/%s)\n", version.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
