package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/warehouse"
)

// ReclassifyOptions say which sites to reclassify and how.
type ReclassifyOptions struct {
	Warehouse string
	// Sites to reclassify; nil for every site of the warehouse.
	Sites []string
	// Hosts are own host names by site, replacing the stored ones (which
	// serve for a site not in the map); they are stored for later runs.
	Hosts map[string][]string
	// IfStale skips a site whose stored classification key is the
	// current one: what cmpulse run does before every report.
	IfStale bool
	// DryRun counts what would change and writes nothing.
	DryRun bool
	// Progress, if set, is called with the bytes of hits files checked so
	// far and their total.
	Progress func(done, total int64)
}

// ReclassifySummary tells what Reclassify did for one site.
type ReclassifySummary struct {
	Site      string
	Files     int // hits files of the site
	Current   int // skipped: their metadata says they were made with the current key
	Unchanged int // read and found current
	Rewritten int // rewritten with new derived columns (or would be, in a dry run)
	Rows      int64
	// RowsChanged counts rows with at least one derived column changed;
	// Changed counts them by column, in the order of DerivedColumns.
	RowsChanged int64
	Changed     []int64
	Batches     []string // the batches committed
	// Failed are the files that could not be read, each error naming its
	// file; the others went on. The site then stays marked as not
	// current, so that the next run tries them again.
	Failed []error
}

// DerivedColumns are the hits columns that Reclassify may change: those
// classification derives, and has_agent and client_bot, which are raw but
// missing from files written before they existed (Reclassify then fills
// them in from the ledger's format and from ip where it was kept). Every
// other column stays as it is.
var DerivedColumns = derivedNames()

// derivedColumns compares one column of DerivedColumns of two rows.
var derivedColumns = []struct {
	name  string
	equal func(a, b *warehouse.Hit) bool
}{
	{"has_agent", func(a, b *warehouse.Hit) bool { return a.HasAgent == b.HasAgent }},
	{"client_bot", func(a, b *warehouse.Hit) bool { return eqStr(a.ClientBot, b.ClientBot) }},
	{"is_bot", func(a, b *warehouse.Hit) bool { return a.IsBot == b.IsBot }},
	{"bot_name", func(a, b *warehouse.Hit) bool { return eqStr(a.BotName, b.BotName) }},
	{"bot_category", func(a, b *warehouse.Hit) bool { return eqStr(a.BotCategory, b.BotCategory) }},
	{"browser", func(a, b *warehouse.Hit) bool { return eqStr(a.Browser, b.Browser) }},
	{"os", func(a, b *warehouse.Hit) bool { return eqStr(a.OS, b.OS) }},
	{"device", func(a, b *warehouse.Hit) bool { return eqStr(a.Device, b.Device) }},
	{"channel", func(a, b *warehouse.Hit) bool { return a.Channel == b.Channel }},
	{"referrer_host", func(a, b *warehouse.Hit) bool { return eqStr(a.ReferrerHost, b.ReferrerHost) }},
	{"referrer_domain", func(a, b *warehouse.Hit) bool { return eqStr(a.ReferrerDomain, b.ReferrerDomain) }},
	{"source", func(a, b *warehouse.Hit) bool { return eqStr(a.Source, b.Source) }},
	{"keyword", func(a, b *warehouse.Hit) bool { return eqStr(a.Keyword, b.Keyword) }},
}

func derivedNames() []string {
	out := make([]string, len(derivedColumns))
	for i, c := range derivedColumns {
		out[i] = c.name
	}
	return out
}

func eqStr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Bounds on a reclassification batch: a crash loses at most one batch's
// work, and the commit record stays small; each commit costs a few fsyncs.
const (
	batchRows  = 256 << 10
	batchFiles = 256
)

// Reclassify re-derives the classification columns of existing hits with
// the current rules and each site's own hosts. A file whose derived columns
// all stay the same is left as it is; the others are rewritten, row for
// row with every raw column unchanged, in batches that replace the old
// files atomically. The site's state records the new key once every file
// is done, so an interrupted run is taken up where it stopped.
func Reclassify(ctx context.Context, opt ReclassifyOptions) ([]ReclassifySummary, error) {
	for _, s := range opt.Sites {
		if !siteName.MatchString(s) {
			return nil, fmt.Errorf("%w: site %q: use a host-like name (letters, digits, '.', '-', '_')", ErrUsage, s)
		}
	}
	wh, err := warehouse.Open(opt.Warehouse)
	if err != nil {
		return nil, err
	}
	defer wh.Close()
	sites := opt.Sites
	if sites == nil {
		if sites, err = warehouse.Sites(wh.Dir()); err != nil {
			return nil, err
		}
	}
	formats, err := ledgerFormats(wh.Dir())
	if err != nil {
		return nil, err
	}
	plans := make([]*sitePlan, 0, len(sites))
	var total int64
	for _, site := range sites {
		p, err := planSite(wh.Dir(), site, opt)
		if err != nil {
			return nil, err
		}
		if p != nil && p.all == 0 && opt.Sites != nil && !opt.IfStale {
			all, _ := warehouse.Sites(wh.Dir())
			return nil, fmt.Errorf("no hits of site %q in %s (the warehouse has: %s)", site, wh.Dir(), strings.Join(all, ", "))
		}
		if p != nil {
			plans = append(plans, p)
			total += p.bytes
		}
	}
	prog := &progress{total: total, report: opt.Progress}
	var out []ReclassifySummary
	for _, p := range plans {
		r := &reclassifier{wh: wh, plan: p, formats: formats, dryRun: opt.DryRun, prog: prog}
		err := r.run(ctx)
		out = append(out, r.sum)
		if err != nil {
			return out, fmt.Errorf("reclassifying site %s: %w", p.site, err)
		}
	}
	return out, nil
}

// StaleSites lists the sites whose hits were classified under another key
// than the current rules with their hosts (hosts by site; a site not in
// the map uses its stored hosts): the sites Reclassify with IfStale works
// on. Only the site states are read.
func StaleSites(dir string, hosts map[string][]string) ([]string, error) {
	sites, err := warehouse.Sites(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, site := range sites {
		if !siteName.MatchString(site) {
			continue
		}
		st, _, err := warehouse.ReadSite(dir, site)
		if err != nil {
			return nil, err
		}
		h, given := hosts[site]
		if !given {
			h = st.Hosts
		}
		if st.Classified != classificationKey(site, h) {
			out = append(out, site)
		}
	}
	return out, nil
}

// sitePlan is the work on one site: its files not yet at the key.
type sitePlan struct {
	site  string
	hosts []string
	key   string
	state warehouse.SiteState
	files []string // relative paths of the files to check
	all   int      // hits files of the site
	bytes int64    // size of files
}

// planSite lists a site's files whose metadata does not carry the current
// key. It returns nil for a site that IfStale skips.
func planSite(dir, site string, opt ReclassifyOptions) (*sitePlan, error) {
	if !siteName.MatchString(site) {
		return nil, nil // a stray folder, not a site ingest made
	}
	st, _, err := warehouse.ReadSite(dir, site)
	if err != nil {
		return nil, err
	}
	hosts, given := opt.Hosts[site]
	if !given {
		hosts = st.Hosts
	}
	p := &sitePlan{site: site, hosts: hosts, key: classificationKey(site, hosts), state: st}
	if opt.IfStale && st.Classified == p.key {
		return nil, nil
	}
	files, err := hitFiles(dir, site)
	if err != nil {
		return nil, err
	}
	p.all = len(files)
	for _, rel := range files {
		// A file whose footer cannot be read is checked like an old one:
		// reading it fails again and is reported with the others.
		key, size, _ := fileKey(filepath.Join(dir, filepath.FromSlash(rel)))
		if key != p.key {
			p.files = append(p.files, rel)
			p.bytes += size
		}
	}
	return p, nil
}

// fileKey returns the classification key in a Parquet file's metadata (""
// for files from before it was kept) and the file's size. Only the footer
// is read.
func fileKey(name string) (string, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", 0, fmt.Errorf("reading %s: %w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", 0, fmt.Errorf("reading %s: %w", name, err)
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return "", 0, fmt.Errorf("reading %s: %w", name, err)
	}
	key, _ := pf.Lookup(metaClassification)
	return key, st.Size(), nil
}

// ledgerFormats maps (batch, source file) to the format its lines were
// read as, from the ledger: the hits table does not keep the format, and
// files from before has_agent need it.
func ledgerFormats(dir string) (map[[2]string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, warehouse.LedgerDir, "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("reading ledger: %w", err)
	}
	out := map[[2]string]string{}
	for _, f := range files {
		entries, err := parquet.ReadFile[warehouse.LedgerEntry](f)
		if err != nil {
			return nil, fmt.Errorf("reading ledger %s: %w", f, err)
		}
		for _, e := range entries {
			out[[2]string{e.Batch, e.Source}] = e.Format
		}
	}
	return out, nil
}

// reclassifier works through one site's plan.
type reclassifier struct {
	wh      *warehouse.Warehouse
	plan    *sitePlan
	cls     *classifier
	formats map[[2]string]string
	dryRun  bool
	prog    *progress
	sum     ReclassifySummary

	batch     *warehouse.Batch
	batchRows int64
	batchN    int
	names     map[string]int // files created per partition folder in the batch
}

func (r *reclassifier) run(ctx context.Context) error {
	p := r.plan
	r.cls = newClassifier(p.site, p.hosts)
	r.sum = ReclassifySummary{Site: p.site, Files: p.all, Current: p.all - len(p.files), Changed: make([]int64, len(derivedColumns))}
	defer func() {
		if r.batch != nil {
			r.batch.Abort()
		}
	}()
	for _, rel := range p.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.file(ctx, rel); err != nil {
			return err
		}
		if r.batch != nil && (r.batchRows >= batchRows || r.batchN >= batchFiles) {
			if err := r.commit(false); err != nil {
				return err
			}
		}
	}
	if r.dryRun {
		return nil
	}
	return r.commit(true)
}

// file checks one file and rewrites it when a derived column changes.
func (r *reclassifier) file(ctx context.Context, rel string) error {
	name := filepath.Join(r.wh.Dir(), filepath.FromSlash(rel))
	var size int64
	if st, err := os.Stat(name); err == nil {
		size = st.Size()
	}
	defer r.advance(size)

	// A first pass stops at the first row that changes: most files of an
	// older warehouse either change early or not at all.
	c := newCounts()
	if err := r.scan(ctx, name, nil, &c, !r.dryRun); err != nil {
		if ctx.Err() != nil {
			return err
		}
		r.sum.Failed = append(r.sum.Failed, err) // a damaged file: the rest goes on
		return nil
	}
	if c.changed == 0 {
		r.sum.Unchanged++
		r.sum.Rows += c.rows
		return nil
	}
	r.sum.Rewritten++
	if !r.dryRun {
		c = newCounts()
		w, err := r.newFile(rel)
		if err != nil {
			return err
		}
		err = r.scan(ctx, name, w, &c, false)
		if cerr := w.close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if err := r.batch.Remove(rel); err != nil {
			return err
		}
		r.batchRows += c.rows
		r.batchN++
	}
	r.sum.Rows += c.rows
	r.sum.RowsChanged += c.changed
	for i, n := range c.byColumn {
		r.sum.Changed[i] += n
	}
	return nil
}

// advance reports that another n bytes of files were checked: per file,
// since a file is at most a partition of one batch.
func (r *reclassifier) advance(n int64) {
	r.prog.done += n
	if r.prog.report != nil {
		r.prog.report(r.prog.done, r.prog.total)
	}
}

// counts are what a scan of a file found.
type counts struct {
	rows, changed int64
	byColumn      []int64 // by derivedColumns
}

func newCounts() counts { return counts{byColumn: make([]int64, len(derivedColumns))} }

// scan reads a hits file, derives each row's columns again and counts the
// changes; with w it writes every row, re-derived, to w; with stop it ends
// at the first changed row.
func (r *reclassifier) scan(ctx context.Context, name string, w *fileWriter[warehouse.Hit], c *counts, stop bool) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	_, hasAgentCol := pf.Schema().Lookup("has_agent")
	rd := parquet.NewGenericReader[warehouse.Hit](pf)
	defer rd.Close()
	buf := make([]warehouse.Hit, bufferRows)
	for {
		// Cleared, so that the reader allocates new values rather than
		// writing into those of rows already handed to the writer.
		clear(buf)
		n, err := rd.Read(buf)
		for i := range buf[:n] {
			row := &buf[i]
			old := *row
			if !hasAgentCol {
				// Read as false; views take the missing column as true.
				old.HasAgent = true
				row.HasAgent = hasAgent(row, r.formats[[2]string{row.Batch, row.SourceFile}])
			}
			if row.IP != nil {
				// Kept with --keep-ip: the crawler host list may have grown.
				row.ClientBot = r.cls.str(classify.ClientBot(*row.IP))
			}
			r.cls.derive(row)
			c.rows++
			if diff(&old, row, c.byColumn) {
				c.changed++
				if stop {
					return nil
				}
			}
			if w != nil {
				if werr := w.add(*row); werr != nil {
					return werr
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// hasAgent decides has_agent for a row of a file from before the column:
// an agent logged means the format has the field; without one, a format
// that records no agent (Common Log Format) had none, while in the others
// the agent was logged as "-".
func hasAgent(row *warehouse.Hit, format string) bool {
	k := kindOf(format)
	return row.UserAgent != nil || k == nil || !k.NoAgent
}

// diff counts, by column, the derived columns in which b differs from a.
func diff(a, b *warehouse.Hit, by []int64) bool {
	changed := false
	for i, col := range derivedColumns {
		if !col.equal(a, b) {
			by[i]++
			changed = true
		}
	}
	return changed
}

// newFile creates the replacement of the file rel in the current batch,
// beginning one if needed: same partition folder, a name of the batch.
func (r *reclassifier) newFile(rel string) (*fileWriter[warehouse.Hit], error) {
	part, err := warehouse.Hits.PartitionOf(rel)
	if err != nil {
		return nil, fmt.Errorf("rewriting %s: %w", rel, err)
	}
	if r.batch == nil {
		b, err := r.wh.Begin()
		if err != nil {
			return nil, err
		}
		r.batch, r.batchRows, r.batchN, r.names = b, 0, 0, map[string]int{}
	}
	dir := path.Dir(rel)
	n := r.names[dir]
	r.names[dir] = n + 1
	return newFileWriter[warehouse.Hit](r.batch, warehouse.Hits.File(part, fileName(r.batch.ID(), n)),
		[2]string{metaClassification, r.plan.key})
}

// commit commits the batch in progress. The last one also records the
// site's new key and hosts, so that the site counts as current only once
// every file is (not when a file could not be read); it is a batch of its
// own when no file needed rewriting.
func (r *reclassifier) commit(last bool) error {
	if last && len(r.sum.Failed) == 0 {
		next := warehouse.SiteState{Hosts: slices.Clone(r.plan.hosts), Classified: r.plan.key}
		if next.Classified == r.plan.state.Classified && slices.Equal(next.Hosts, r.plan.state.Hosts) {
			if r.batch == nil {
				return nil
			}
		} else {
			if r.batch == nil {
				b, err := r.wh.Begin()
				if err != nil {
					return err
				}
				r.batch = b
			}
			if err := r.batch.WriteSite(r.plan.site, next); err != nil {
				return err
			}
		}
	}
	if r.batch == nil {
		return nil
	}
	b := r.batch
	r.batch = nil
	if err := b.Commit(); err != nil {
		return err
	}
	r.sum.Batches = append(r.sum.Batches, b.ID())
	return nil
}
