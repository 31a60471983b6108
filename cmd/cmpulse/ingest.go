package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

var ingestCommand = command{
	name:    "ingest",
	summary: "read logs and social or community exports into the warehouse",
	usage:   "[--config FILE] [--warehouse DIR] [--site NAME] [--host HOST]... [--format F] [--keep-ip] PATH...",
	doc: `
Reads web server access logs, and the exports of social accounts and
community spaces (X and Mastodon archives, WordPress WXR, LinkedIn,
Instagram, Facebook, YouTube Studio, Telegram, Discourse, generic CSV; see
docs/sources.md), into the warehouse as Parquet. PATH is a file, a folder
(every file in it), a glob ("logs/access.log*"), a .gz file, a .zip or
.tar.gz archive, or "-" for standard input. Each input's format is detected from its first lines
unless --format says it: ` + strings.Join(ingest.Formats, ", ") + `.

Running it again on the same files adds nothing; a log that grew adds only its
new lines; a rotated log (access.log -> access.log.1 -> access.log.2.gz) is
recognised by its content. Lines that cannot be read are kept in the rejects
table with file, line and reason; the run still exits 0 and says so.

With --config (or $CMPULSE_CONFIG), the nightly job's config file gives the
warehouse, keep_ip and (when it has one site) the site and its hosts; flags
given win.`,
	setup: setupIngest,
}

// ingestFlags are ingest's command line.
type ingestFlags struct {
	opt   ingest.Options
	own   []string
	quiet bool
	cf    configFlag
	fs    *pflag.FlagSet
}

func setupIngest(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	o := &ingestFlags{fs: fs}
	o.cf.define(fs)
	fs.StringVar(&o.opt.Warehouse, "warehouse", warehouse.DefaultDir, "warehouse `folder`")
	fs.StringVar(&o.opt.Site, "site", "default", "`name` of the site the logs belong to")
	fs.StringVar(&o.opt.Format, "format", "", "input `format`, instead of detecting it")
	fs.StringSliceVar(&o.opt.Hosts, "host", nil, "another `host` name of the site, for telling internal referrers (repeatable; the site name and its www. variant are included)")
	fs.StringArrayVar(&o.own, "own", nil, "an own account, `PLATFORM=HANDLE` (x=@example, blog=\"Jane Doe\"): its messages are the community manager's (repeatable; archives that name their account need none)")
	fs.BoolVar(&o.opt.KeepIP, "keep-ip", false, "store client IP addresses (hits.ip); by default only a keyed hash is kept")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	return func(ctx context.Context, e *env, args []string) error { return runIngest(ctx, e, o, args) }
}

// runIngest is cmpulse ingest.
func runIngest(ctx context.Context, e *env, o *ingestFlags, args []string) error {
	if len(args) == 0 {
		return usagef("no input given: name files, folders, globs or - for standard input")
	}
	if err := o.cf.apply(o.fs); err != nil {
		return err
	}
	opt := o.opt
	opt.Stdin = e.stdin
	own, err := ownFlag(o.own)
	if err != nil {
		return err
	}
	opt.Own = own
	if !o.quiet {
		opt.Progress = progressBar(e.stderr)
	}
	sum, err := ingest.Ingest(ctx, args, opt)
	if opt.Progress != nil {
		opt.Progress(-1, 0) // clear the bar
	}
	if errors.Is(err, ingest.ErrUsage) {
		return &usageError{err: err}
	}
	if err != nil {
		return err // the batch was not committed: a summary would mislead
	}
	printSummary(e.stdout, sum)
	if readLogs(sum) {
		warnHosts(e.stderr, opt.Site, opt.Hosts)
	}
	// The new rows are classified by this cmpulse's rules, the old
	// ones may not be: say so before a report mixes them.
	if stale, err := staleReported(opt.Warehouse, opt.Site); err != nil {
		return err
	} else if len(stale) > 0 {
		fmt.Fprintf(e.stderr, "cmpulse: %s\n", staleAdvice(opt.Warehouse, stale))
	}
	return reportProblems(e.stderr, sum, opt.Warehouse)
}

// readLogs reports whether an ingest read web logs (kinds of the hits
// table), which are about a site.
func readLogs(sum *ingest.Summary) bool {
	for _, f := range sum.Files {
		if ingest.TableOf(f.Format) == "hits" && f.Lines+f.Already > 0 {
			return true
		}
	}
	return false
}

// warnHosts warns when cmpulse cannot know the site's own host names: its
// pages linking to each other would then count as referrals from outside,
// and since channels are decided at ingest, re-ingesting cannot mend it.
func warnHosts(w io.Writer, site string, hosts []string) {
	if len(hosts) == 0 && !strings.Contains(site, ".") {
		fmt.Fprintf(w, "cmpulse: warning: site %q is not a host name and no --host was given: links between the site's own pages will count as referrals; use --site example.org or --host example.org\n", site)
	}
}

// printSummary prints what became of each input, then its first rejects.
func printSummary(w io.Writer, sum *ingest.Summary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "records\trows\trejects\tskipped\talready in\tformat\t file\t")
	var t ingest.FileSummary
	var unknown []string
	for _, f := range sum.Files {
		if f.Name == "" {
			continue
		}
		if f.Format == "" && f.Skipped > 0 && f.Err == nil {
			unknown = append(unknown, f.Name) // a folder's file of no known kind
			continue
		}
		skipped := f.Skipped
		if ingest.IsContainer(f.Format) {
			skipped = 0 // files, not records: said below
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%s\t %s\t\n", f.Lines, f.Rows, f.Rejects, skipped, f.Already, orDash(f.Format), f.Name)
		t.Lines += f.Lines
		t.Skipped += skipped
		t.Rows += f.Rows
		t.Rejects += f.Rejects
		t.Already += f.Already
	}
	fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t\t total\t\n", t.Lines, t.Rows, t.Rejects, t.Skipped, t.Already)
	tw.Flush()
	printMerged(w, sum.Merged)
	if len(unknown) > 0 {
		fmt.Fprintf(w, "  skipped %d file(s) of no known kind in the folders given: %s\n", len(unknown), nameList(unknown, 5))
	}
	for _, f := range sum.Files {
		if f.Skipped > 0 && ingest.IsContainer(f.Format) {
			fmt.Fprintf(w, "  skipped %d file(s) of no known kind in %s\n", f.Skipped, f.Name)
		}
		for _, s := range f.Samples {
			fmt.Fprintf(w, "  rejected %v\n", s)
		}
		if f.Rejects > int64(len(f.Samples)) {
			fmt.Fprintf(w, "  ... and %d more from %s\n", f.Rejects-int64(len(f.Samples)), f.Name)
		}
	}
	if sum.Batch != "" {
		fmt.Fprintf(w, "batch %s committed\n", sum.Batch)
	} else {
		fmt.Fprintln(w, "nothing new to add")
	}
}

// nameList joins names, at most max of them and a count of the rest.
func nameList(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

// printMerged says what the exports did to the community tables: a
// snapshot's rows are new, update a key that is in, or are already in.
func printMerged(w io.Writer, ms []ingest.MergeStat) {
	for _, m := range ms {
		fmt.Fprintf(w, "%s platform=%s: %d new, %d updated, %d already in; %d rows now\n",
			m.Table, m.Platform, m.Added, m.Updated, m.Kept, m.Total)
	}
}

// reportProblems tells on stderr about rejects (exit 0) and unreadable
// inputs (exit 1). The hint names the warehouse wh: the nightly job's is
// rarely the ./warehouse that a bare `cmpulse sql` reads.
func reportProblems(w io.Writer, sum *ingest.Summary, wh string) error {
	if n := sum.Rejects(); n > 0 {
		fmt.Fprintf(w, "cmpulse: %d line(s) or record(s) could not be read and were kept as rejects; see them with: cmpulse sql --warehouse %s \"SELECT * FROM rejects\"\n", n, shellQuote(wh))
	}
	failed := 0
	for _, f := range sum.Files {
		if f.Err != nil {
			fmt.Fprintf(w, "cmpulse: %v\n", f.Err)
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(w, "cmpulse: %d input(s) could not be read in full; the others are in\n", failed)
		return silentError{}
	}
	return nil
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// path characters, so that a printed command can be pasted.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:=@%", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// progressBar returns a progress callback drawing on w when w is a terminal,
// or nil when it is not (cron mail and CI logs stay clean).
func progressBar(w io.Writer) func(done, total int64) { return newProgressBar(w, "ingesting") }

// newProgressBar is progressBar with another description than "ingesting".
func newProgressBar(w io.Writer, desc string) func(done, total int64) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int64) {
		if done < 0 {
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(w)
			}
			return
		}
		if bar == nil {
			bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(w),
				progressbar.OptionSetDescription(desc),
				progressbar.OptionShowBytes(true),
				progressbar.OptionThrottle(100_000_000),
				progressbar.OptionClearOnFinish(),
			)
		}
		bar.Set64(done)
	}
}
