package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

var reclassifyCommand = command{
	name:    "reclassify",
	summary: "re-derive bots, channels, keywords and the text analysis of existing data",
	usage:   "[--warehouse DIR] [--config FILE] [--site NAME] [--host HOST]... [--dry-run]",
	doc: `
Re-derives the classification columns of the hits already in the warehouse
(is_bot, bot_name, bot_category, browser, os, device, channel, referrer_host,
referrer_domain, source, keyword) with this cmpulse's rules and lists, after
they changed, or after a site's own host names changed (--host). Every other
column stays as it is, row for row. Then the community tables: each
message's and post's question, sentiment, complaint, tone and
links to the own sites, the answers in each thread, and messages by the own
accounts now named (--own, the config) become own. Files that would not change are left
alone; the others are replaced batch by batch, each batch atomically, so an
interruption loses no row and counts none twice, and the next run goes on
where it stopped. cmpulse run does this by itself when the rules changed.

The site's own hosts are those last given to ingest (or to reclassify);
--host replaces them for --site. Prints, per site, the files checked,
skipped as current, left unchanged and rewritten, and the rows changed per
column; --dry-run counts without writing.`,
	setup: setupReclassify,
}

func setupReclassify(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	var o reclassifyFlags
	fs.StringVar(&o.warehouse, "warehouse", warehouse.DefaultDir, "warehouse `folder`")
	fs.StringVarP(&o.config, "config", "c", "", "take the warehouse and the sites' hosts from this config `file` (also $CMPULSE_CONFIG)")
	fs.StringVar(&o.site, "site", "", "only this `site` (default: every site in the warehouse)")
	fs.StringSliceVar(&o.hosts, "host", nil, "the site's own `host` names, replacing the stored ones (repeatable; needs --site)")
	fs.StringArrayVar(&o.own, "own", nil, "an own account, `PLATFORM=HANDLE`, whose messages already in become the own account's (repeatable; with --config, the config's too)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "count what would change, write nothing")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	return func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return usagef("reclassify takes no arguments")
		}
		o.warehouseSet = fs.Changed("warehouse")
		return runReclassify(ctx, e, o)
	}
}

// reclassifyFlags are reclassify's command line.
type reclassifyFlags struct {
	warehouse, config, site string
	warehouseSet            bool
	hosts, own              []string
	dryRun, quiet           bool
}

func runReclassify(ctx context.Context, e *env, o reclassifyFlags) error {
	if len(o.hosts) > 0 && o.site == "" {
		return usagef("--host needs --site: the hosts are one site's")
	}
	opt := ingest.ReclassifyOptions{Warehouse: o.warehouse, DryRun: o.dryRun, Hosts: map[string][]string{}}
	own, err := ownFlag(o.own)
	if err != nil {
		return err
	}
	var hosts []string
	o.config = configPath(o.config)
	if o.config != "" {
		c, err := loadConfig(o.config)
		if err != nil {
			return err
		}
		if !o.warehouseSet {
			opt.Warehouse = c.Warehouse
		}
		opt.Hosts = configHosts(c)
		for p, hs := range c.Community.own() {
			own[p] = append(own[p], hs...)
		}
		hosts = c.siteHosts()
	}
	if _, err := os.Stat(opt.Warehouse); err != nil {
		return fmt.Errorf("%w at %s: give --warehouse or --config", warehouse.ErrNoWarehouse, opt.Warehouse)
	}
	if o.site != "" {
		opt.Sites = []string{o.site}
	}
	if len(o.hosts) > 0 {
		opt.Hosts[o.site] = o.hosts
	}
	if !o.quiet {
		opt.Progress = newProgressBar(e.stderr, "reclassifying")
	}
	sums, err := ingest.Reclassify(ctx, opt)
	if opt.Progress != nil {
		opt.Progress(-1, 0)
	}
	if err == nil || len(sums) > 0 {
		printReclassified(e.stdout, sums, o.dryRun)
	}
	if errors.Is(err, ingest.ErrUsage) {
		return &usageError{err: err}
	}
	if err == nil {
		err = reportFailed(e.stderr, sums)
	}
	if err != nil {
		return err
	}
	if o.site != "" {
		hosts = append(hosts, append([]string{o.site}, o.hosts...)...)
	}
	return reclassifyCommunity(ctx, e, opt.Warehouse, own, hosts, o.dryRun)
}

// reclassifyCommunity re-derives the community tables, and says what
// changed per partition.
func reclassifyCommunity(ctx context.Context, e *env, wh string, own map[string][]string, hosts []string, dryRun bool) error {
	sums, err := ingest.ReclassifyCommunity(ctx, wh, own, hosts, dryRun)
	if err != nil {
		return err
	}
	verb := "changed"
	if dryRun {
		verb = "would change"
	}
	for _, s := range sums {
		fmt.Fprintf(e.stdout, "%s platform=%s: %d of %d rows %s\n", s.Table, s.Platform, s.Changed, s.Rows, verb)
	}
	return nil
}

// reportFailed tells on stderr of the files that could not be read, and
// makes the exit status 1.
func reportFailed(w io.Writer, sums []ingest.ReclassifySummary) error {
	n := 0
	for _, s := range sums {
		for _, err := range s.Failed {
			fmt.Fprintf(w, "cmpulse: %v\n", err)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	fmt.Fprintf(w, "cmpulse: %d file(s) could not be read and were left as they are; the others are reclassified\n", n)
	return silentError{}
}

// configHosts returns the own hosts the config names, by site; a site that
// names none keeps its stored ones.
func configHosts(c *config) map[string][]string {
	m := map[string][]string{}
	for _, s := range c.Sites {
		if len(s.Hosts) > 0 {
			m[s.Name] = s.Hosts
		}
	}
	return m
}

// printReclassified prints a table of what each site's reclassification
// did, then the changed rows by column.
func printReclassified(w io.Writer, sums []ingest.ReclassifySummary, dryRun bool) {
	if len(sums) == 0 {
		fmt.Fprintln(w, "no site to reclassify")
		return
	}
	rewritten := "rewritten"
	if dryRun {
		rewritten = "to rewrite"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "files\tcurrent\tunchanged\t%s\trows read\trows changed\t site\t\n", rewritten)
	for _, s := range sums {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t %s\t\n", s.Files, s.Current, s.Unchanged, s.Rewritten, s.Rows, s.RowsChanged, s.Site)
	}
	tw.Flush()
	for _, s := range sums {
		var cols []string
		for i, n := range s.Changed {
			if n > 0 {
				cols = append(cols, fmt.Sprintf("%s %d", ingest.DerivedColumns[i], n))
			}
		}
		if len(cols) > 0 {
			fmt.Fprintf(w, "  %s: changed %s\n", s.Site, strings.Join(cols, ", "))
		}
		for _, b := range s.Batches {
			fmt.Fprintf(w, "  %s: batch %s committed\n", s.Site, b)
		}
	}
	if dryRun {
		fmt.Fprintln(w, "dry run: nothing written")
	}
}

// reclassifyIfStale is run's step before the report: it reclassifies the
// sites whose hits were classified by older rules, or with other own hosts
// than the config's, saying so on stderr.
func reclassifyIfStale(ctx context.Context, e *env, c *config, quiet bool) error {
	hosts := configHosts(c)
	stale, err := ingest.StaleSites(c.Warehouse, hosts)
	if err != nil || len(stale) == 0 {
		return err
	}
	fmt.Fprintf(e.stderr, "cmpulse: the hits of %s were classified by older rules or with other own hosts: reclassifying them before the report\n",
		strings.Join(stale, ", "))
	opt := ingest.ReclassifyOptions{Warehouse: c.Warehouse, Sites: stale, Hosts: hosts, IfStale: true}
	if !quiet {
		opt.Progress = newProgressBar(e.stderr, "reclassifying")
	}
	sums, err := ingest.Reclassify(ctx, opt)
	if opt.Progress != nil {
		opt.Progress(-1, 0)
	}
	printReclassified(e.stdout, sums, false)
	if err == nil {
		err = reportFailed(e.stderr, sums)
	}
	return err
}

// staleReported lists the sites a report on site ("" for every site)
// covers whose hits were classified by older rules than this cmpulse's,
// with the hosts they were classified with: a report does not reclassify
// (that writes), so it says so instead.
func staleReported(dir, site string) ([]string, error) {
	stale, err := ingest.StaleSites(dir, nil)
	if err != nil || site == "" {
		return stale, err
	}
	if slices.Contains(stale, site) {
		return []string{site}, nil
	}
	return nil, nil
}

// staleAdvice says that sites were classified by older rules and how to
// mend it.
func staleAdvice(dir string, sites []string) string {
	return fmt.Sprintf("the hits of %s were classified by older rules: run 'cmpulse reclassify --warehouse %s' (cmpulse run does it by itself)",
		strings.Join(sites, ", "), shellQuote(dir))
}
