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
	dismissCommand,
	ingestCommand,
	reportCommand,
	reclassifyCommand,
	runCommand,
	sqlCommand,
	versionCommand,
}

// usageError makes main exit with status 2, after one line that names the
// command and points to its --help (not the whole usage: the mistake would
// scroll out of sight).
type usageError struct {
	err error
	cmd string // the subcommand, "" for cmpulse itself
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }
func (e *usageError) Code() int     { return 2 }

func usagef(format string, a ...any) error { return &usageError{err: fmt.Errorf(format, a...)} }

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
	var ue *usageError
	switch {
	case err == nil, errors.As(err, &se):
	case errors.As(err, &ue):
		prog := strings.TrimSpace("cmpulse " + ue.cmd)
		fmt.Fprintf(stderr, "%s: %v; see '%s --help'\n", prog, err, prog)
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// "context canceled" would tell the user nothing.
		fmt.Fprintf(stderr, "cmpulse: stopped (%v): the batch in progress was not committed\n", context.Cause(ctx))
	default:
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
			return unknownCommand(args[1])
		}
		mainUsage(e.stdout)
		return nil
	case "--version", "-V":
		name = versionCommand.name
	}
	c, ok := lookup(name)
	if !ok {
		return unknownCommand(name)
	}
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runFn := c.setup(fs)
	err := fs.Parse(args[1:])
	if errors.Is(err, pflag.ErrHelp) {
		commandUsage(e.stdout, c, fs)
		return nil
	}
	if err != nil {
		err = &usageError{err: err}
	} else {
		err = runFn(ctx, e, fs.Args())
	}
	var ue *usageError
	if errors.As(err, &ue) {
		ue.cmd = c.name
	}
	return err
}

// unknownCommand is the usage error for a mistyped command, with the
// nearest command's name when one is close enough to be meant.
func unknownCommand(name string) error {
	names := []string{"help"}
	for _, c := range commands {
		names = append(names, c.name)
	}
	if s := closest(name, names); s != "" {
		return usagef("unknown command %q (did you mean %q?)", name, s)
	}
	return usagef("unknown command %q", name)
}

// closest returns the name nearest to s, if at most two edits away (one
// for names of up to four letters): far enough for "reprot" or "injest",
// near enough not to suggest "sql" for "ls".
func closest(s string, names []string) string {
	best, bestD := "", 0
	for _, n := range names {
		d := editDistance(strings.ToLower(s), n)
		limit := 2
		if len(n) <= 4 {
			limit = 1
		}
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours, one each.
// Swapped letters are the commonest typo, so a swap counts as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
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
