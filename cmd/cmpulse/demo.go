package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/queries"
	sampledata "github.com/cmpulse/cmpulse/sample-data"
	"github.com/cmpulse/cmpulse/warehouse"
)

// demoSite is the site name of the bundled sample blog.
const demoSite = "blog.example.org"

var demoCommand = command{
	name:    "demo",
	summary: "run the whole pipeline on bundled sample data",
	usage:   "[--out DIR]",
	doc: `
Makes the bundled sample data (a blog's rotated access logs over 120 days,
and the exports of its community: an X archive, a Mastodon archive, the
blog's WordPress export with its comments, a Telegram group's export; all
generated the same way every time), ingests it into a warehouse in DIR,
prints what the warehouse holds, writes the HTML report into DIR/report and
prints the path of its index.html. It needs no network and no input of
yours. Running it again adds nothing: the ledger knows the files are in.

The report covers 28 days chosen to hold the sample's outage (day 60) and
its Reddit spike (day 75), so that the peaks page has something to show;
--from and --to choose another period.

--days and --scale make a longer or busier log, e.g. for benchmarks.`,
	setup: setupDemo,
}

// demoFlags are demo's command line.
type demoFlags struct {
	out   string
	quiet bool
	ro    reportOptions
	cfg   sampledata.Config
}

func setupDemo(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	o := &demoFlags{cfg: sampledata.Config{Host: demoSite}}
	o.ro.flags(fs, false)
	fs.StringVar(&o.out, "out", "cmpulse-demo", "`folder` for the sample data and the warehouse")
	fs.IntVar(&o.cfg.Days, "days", 120, "`days` of traffic to generate")
	fs.Float64Var(&o.cfg.Scale, "scale", 1, "traffic as a `multiple` of the sample blog's (about 3,400 lines a day)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	return func(ctx context.Context, e *env, args []string) error { return runDemo(ctx, e, o, args) }
}

// runDemo is cmpulse demo.
func runDemo(ctx context.Context, e *env, o *demoFlags, args []string) error {
	if len(args) > 0 {
		return usagef("demo takes no arguments")
	}
	data := filepath.Join(o.out, "sample-data")
	wh := filepath.Join(o.out, "warehouse")
	if o.cfg.Days < 1 || o.cfg.Scale <= 0 {
		return usagef("--days and --scale must be positive")
	}
	ro := o.ro
	if err := ro.check(); err != nil {
		return err
	}
	if err := demoIngest(ctx, e, o, data, wh); err != nil {
		return err
	}
	if err := demoSummary(ctx, e, wh); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nwarehouse: %s\ntry: cmpulse sql --warehouse %s \"SELECT channel, count(*) FROM sessions GROUP BY 1 ORDER BY 2 DESC\"\n", wh, wh)

	ro.warehouse, ro.out, ro.site = wh, filepath.Join(o.out, "report"), demoSite
	if ro.from == "" && ro.to == "" && o.cfg.Days == 120 && o.cfg.Start.IsZero() {
		start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) // the generator's default
		ro.from = start.AddDate(0, 0, 56).Format(time.DateOnly)
		ro.to = start.AddDate(0, 0, 83).Format(time.DateOnly)
	}
	if ro.zone == "" {
		ro.zone = "UTC" // the sample's days are UTC days, whatever the machine's zone
	}
	index, _, err := writeReport(ctx, ro)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nreport: %s\n", index)
	return nil
}

// demoIngest writes the sample data into data and ingests it into wh.
func demoIngest(ctx context.Context, e *env, o *demoFlags, data, wh string) error {
	// A longer earlier run leaves more rotated files than this one
	// writes: remove them, or the demo would read them too.
	old, _ := filepath.Glob(filepath.Join(data, "access.log*"))
	for _, f := range old {
		os.Remove(f)
	}
	st, err := sampledata.Generate(data, o.cfg)
	if err != nil {
		return fmt.Errorf("making sample data: %w", err)
	}
	// The community's exports carry their export date in their names: a
	// run with other --days would leave the old ones beside the new.
	community := filepath.Join(data, "community")
	os.RemoveAll(community)
	exports, err := sampledata.WriteCommunity(community, o.cfg)
	if err != nil {
		return fmt.Errorf("making sample community exports: %w", err)
	}
	fmt.Fprintf(e.stdout, "sample data: %d lines in %d files, and %d community exports, under %s\n\n", st.Lines, len(st.Files), len(exports), data)
	opt := ingest.Options{Warehouse: wh, Site: demoSite, Own: sampledata.CommunityOwn()}
	if !o.quiet {
		opt.Progress = progressBar(e.stderr)
	}
	sum, err := ingest.Ingest(ctx, []string{data}, opt)
	if opt.Progress != nil {
		opt.Progress(-1, 0)
	}
	if sum != nil {
		printSummary(e.stdout, sum)
	}
	if err != nil {
		return err
	}
	return reportProblems(e.stderr, sum, wh)
}

// demoSummary prints what the warehouse holds and what was rejected.
func demoSummary(ctx context.Context, e *env, wh string) error {
	db, err := warehouse.OpenDB(ctx, wh, warehouse.DBOptions{})
	if err != nil {
		return err
	}
	defer db.Close()
	qs := queries.New("")
	for _, q := range []struct{ title, name string }{
		{"What the warehouse holds", "warehouse_tables"},
		{"Rejected lines by reason", "warehouse_rejects"},
	} {
		text, err := qs.Get(q.name)
		if err != nil {
			return err
		}
		rows, err := db.QueryContext(ctx, text)
		if err != nil {
			return fmt.Errorf("query %s: %w", q.name, err)
		}
		fmt.Fprintf(e.stdout, "\n%s:\n", q.title)
		err = printTable(e.stdout, rows, time.UTC)
		rows.Close()
		if err != nil {
			return fmt.Errorf("query %s: %w", q.name, err)
		}
	}
	return nil
}
