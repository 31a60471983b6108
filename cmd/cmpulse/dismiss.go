package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

var dismissCommand = command{
	name:    "dismiss",
	summary: "take items off the work lists (done, or not relevant)",
	usage:   "[--config FILE] [--warehouse DIR] [--reason done|not-relevant|undo] [--note TEXT] ITEM...",
	doc: `
Marks work-list items (an unanswered question, an open complaint, a
newcomer not greeted, an own reply to re-read) as done or not relevant, so
that they stay off the lists of the next reports, including the nightly
run's: a false positive does not come back every morning. ITEM is the id
the list shows: conversations:PLATFORM:THREAD:MESSAGE for a message,
newcomer:PLATFORM:PERSON for a newcomer (the item_id column of each list).
--reason undo puts items back.
The dismissals are kept in the warehouse (the dismissed table; the
dismissed_items view gives the current ones).`,
	setup: setupDismiss,
}

type dismissFlags struct {
	dir, reason, note string
	cf                configFlag
	fs                *pflag.FlagSet
}

func setupDismiss(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	o := &dismissFlags{fs: fs}
	o.cf.define(fs)
	fs.StringVar(&o.dir, "warehouse", warehouse.DefaultDir, "warehouse `folder`")
	fs.StringVar(&o.reason, "reason", "done", "why: `done`, not-relevant, or undo (back on the lists)")
	fs.StringVar(&o.note, "note", "", "a `note` kept with the dismissal")
	return func(ctx context.Context, e *env, args []string) error { return runDismiss(e, o, args) }
}

func runDismiss(e *env, o *dismissFlags, args []string) error {
	if len(args) == 0 {
		return usagef("name the items to dismiss, as the work lists show them")
	}
	if err := o.cf.apply(o.fs); err != nil {
		return err
	}
	err := ingest.Dismiss(o.dir, args, o.reason, o.note, time.Now())
	if errors.Is(err, ingest.ErrUsage) {
		return &usageError{err: err}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d item(s) %s: %s\n", len(args), map[bool]string{true: "back on the lists", false: "dismissed (" + o.reason + ")"}[o.reason == "undo"], strings.Join(args, ", "))
	return nil
}
