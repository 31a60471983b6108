package main

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestCommandsNamed: every subcommand's setup and what it runs are named
// functions, so that a stack trace says which command it was in (not
// main.init.func1.1).
func TestCommandsNamed(t *testing.T) {
	for _, c := range commands {
		setup := funcName(c.setup)
		run := funcName(c.setup(pflag.NewFlagSet(c.name, pflag.ContinueOnError)))
		for _, name := range []string{setup, run} {
			if strings.Contains(name, ".init.") || strings.Contains(name, ".glob.") {
				t.Errorf("command %s: %s is an anonymous function of the command list", c.name, name)
			}
		}
	}
}

func funcName(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
}
