package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/queries"
	"github.com/cmpulse/cmpulse/reports"
	"github.com/cmpulse/cmpulse/transform"
	"github.com/cmpulse/cmpulse/warehouse"
)

// reportOptions are the flags shared by report, run and demo.
type reportOptions struct {
	warehouse   string
	out         string
	from, to    string
	site        string
	zone        string
	queries     string
	memoryLimit string
}

func (o *reportOptions) flags(fs *pflag.FlagSet, withWarehouse bool) {
	if withWarehouse {
		fs.StringVar(&o.warehouse, "warehouse", warehouse.DefaultDir, "warehouse `folder`")
		fs.StringVar(&o.out, "out", "report", "`folder` to write the report into")
	}
	fs.StringVar(&o.from, "from", "", "first `day` of the period, YYYY-MM-DD (default: 28 days before --to)")
	fs.StringVar(&o.to, "to", "", "last `day` of the period, YYYY-MM-DD (default: the site's last complete day in --timezone)")
	fs.StringVar(&o.zone, "timezone", "", "time `zone` of day boundaries, e.g. Europe/Paris (default: the machine's, "+transform.LocalZone()+")")
	fs.StringVar(&o.queries, "queries", "", "read .sql files from this `folder` first (to change a metric without rebuilding)")
	fs.StringVar(&o.memoryLimit, "memory-limit", "2GB", "DuckDB's memory `limit`; beyond it DuckDB spills to a temporary folder")
}

// check refuses flags that cannot work, as usage errors.
func (o *reportOptions) check() error {
	for _, d := range []struct{ flag, v string }{{"--from", o.from}, {"--to", o.to}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usagef("%s %q: use YYYY-MM-DD", d.flag, d.v)
		}
	}
	if o.zone != "" {
		if _, err := time.LoadLocation(o.zone); err != nil {
			return usagef("--timezone %q: not a time zone (use an IANA name such as Europe/Paris)", o.zone)
		}
	}
	if o.queries != "" {
		if st, err := os.Stat(o.queries); err != nil || !st.IsDir() {
			return usagef("--queries %s: not a folder (it holds .sql files that replace the built-in ones)", o.queries)
		}
	}
	return nil
}

// writeReport computes the report and writes it; it returns index.html's
// path, and the reported sites whose classification is older than this
// cmpulse's (the report warns of them; the caller may say it on stderr).
func writeReport(ctx context.Context, o reportOptions) (string, []string, error) {
	qs := queries.New(o.queries)
	db, err := warehouse.OpenDB(ctx, o.warehouse, warehouse.DBOptions{
		MemoryLimit: o.memoryLimit,
		TempDir:     filepath.Join(o.warehouse, "_tmp"),
		Queries:     qs,
	})
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	stale, err := staleReported(o.warehouse, o.site)
	if err != nil {
		return "", nil, err
	}
	r, err := transform.Build(ctx, db, transform.Options{
		From: o.from, To: o.to, Site: o.site, Zone: o.zone, Queries: qs, Now: time.Now(), Stale: stale,
	})
	if errors.Is(err, transform.ErrNoData) && len(stale) > 0 {
		// Older rules took every hit of a log without user agents (Common
		// Log Format) for a bot: reclassifying, not ingesting, mends it.
		return "", stale, fmt.Errorf("%w at %s for site %q: %s", err, o.warehouse, o.site, staleAdvice(o.warehouse, stale))
	}
	if errors.Is(err, transform.ErrNoData) {
		return "", nil, fmt.Errorf("%w at %s for site %q: ingest some logs first", err, o.warehouse, o.site)
	}
	if err != nil {
		return "", nil, err
	}
	if err := reports.Write(o.out, r); err != nil {
		return "", nil, err
	}
	return filepath.Join(o.out, "index.html"), stale, nil
}

var reportCommand = command{
	name:    "report",
	summary: "write the static HTML report",
	usage:   "[--config FILE] [--warehouse DIR] [--out DIR] [--from DATE] [--to DATE] [--site NAME] [--timezone ZONE]",
	doc: `
Writes the HTML report of a period (default: the last 28 complete days of
the site's data in --timezone: a day is complete when it is before today or
the data runs past its end), compared with the previous period of the same
length, into --out: one page
per section, its charts, and every table as CSV beside it. The report opens
from disk in any browser, offline: it loads nothing from the network.

With --config (or $CMPULSE_CONFIG), the nightly job's config file gives the
warehouse, report folder, time zone, queries folder, memory limit and (when it
has one site) the site; flags given on the command line win.`,
	setup: setupReport,
}

// reportFlags are report's command line.
type reportFlags struct {
	o  reportOptions
	cf configFlag
	fs *pflag.FlagSet
}

func setupReport(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	f := &reportFlags{fs: fs}
	f.o.flags(fs, true)
	fs.StringVar(&f.o.site, "site", "", "report on this `site` only (default: all sites together)")
	f.cf.define(fs)
	return func(ctx context.Context, e *env, args []string) error { return runReport(ctx, e, f, args) }
}

// runReport is cmpulse report.
func runReport(ctx context.Context, e *env, f *reportFlags, args []string) error {
	if len(args) > 0 {
		return usagef("report takes no arguments")
	}
	if err := f.cf.apply(f.fs); err != nil {
		return err
	}
	o := f.o
	if err := o.check(); err != nil {
		return err
	}
	index, stale, err := writeReport(ctx, o)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		fmt.Fprintf(e.stderr, "cmpulse: %s\n", staleAdvice(o.warehouse, stale))
	}
	fmt.Fprintln(e.stdout, index)
	return nil
}
