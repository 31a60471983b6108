package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// command is one subcommand: its flags are defined by setup, and run gets
// what remains of the command line.
type command struct {
	name    string
	summary string
	usage   string // after "cmpulse <name> "
	doc     string // what it does, for --help
	setup   func(fs *pflag.FlagSet) func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch besides its flags: main's streams, so
// that tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands is the one list of subcommands, in the order help shows them.
var commands = []command{
	demoCommand,
	ingestCommand,
	reportCommand,
	reclassifyCommand,
	runCommand,
	sqlCommand,
}

// usageError makes main exit with status 2 and the command's usage.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }
func (e *usageError) Code() int     { return 2 }

func usagef(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// silentError has already been reported to the user; main only exits 1.
type silentError struct{}

func (silentError) Error() string { return "" }
func (silentError) Code() int     { return 1 }

// exitCode chooses the process's exit status, in this one place.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var c interface{ Code() int }
	if errors.As(err, &c) {
		return c.Code()
	}
	return 1
}

// run is the whole program but for the exit: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	err := dispatch(ctx, e, args)
	var se silentError
	if err != nil && !errors.As(err, &se) {
		fmt.Fprintf(stderr, "cmpulse: %v\n", err)
	}
	return err
}

func dispatch(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		mainUsage(e.stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help":
		if len(args) > 1 && name == "help" {
			if c, ok := lookup(args[1]); ok {
				commandUsage(e.stdout, c, newFlags(c))
				return nil
			}
			return usagef("unknown command %q; try 'cmpulse help'", args[1])
		}
		mainUsage(e.stdout)
		return nil
	}
	c, ok := lookup(name)
	if !ok {
		mainUsage(e.stderr)
		return usagef("unknown command %q", name)
	}
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runFn := c.setup(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			commandUsage(e.stdout, c, fs)
			return nil
		}
		commandUsage(e.stderr, c, fs)
		return &usageError{err}
	}
	err := runFn(ctx, e, fs.Args())
	var ue *usageError
	if errors.As(err, &ue) {
		commandUsage(e.stderr, c, fs)
	}
	return err
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func newFlags(c command) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	c.setup(fs)
	return fs
}

func mainUsage(w io.Writer) {
	fmt.Fprint(w, "cmpulse: a community manager's numbers from the data they already have.\n\nUsage:\n  cmpulse <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'cmpulse <command> --help' (or 'cmpulse help <command>') for a command's flags.\n")
}

func commandUsage(w io.Writer, c command, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: cmpulse %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.doc))
	if u := fs.FlagUsages(); u != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", u)
	}
}
