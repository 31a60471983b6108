package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Options say where and how to ingest.
type Options struct {
	Warehouse string   // folder; created if missing
	Site      string   // the site the logs belong to
	Hosts     []string // the site's host names besides Site and its www. variant (internal referrers)
	Format    string   // "" to detect each input's format
	KeepIP    bool     // store client addresses in hits.ip
	// Own names the community's own accounts per platform (handles, ids;
	// for "blog" the authors' names and e-mails), besides those the
	// archives say they belong to.
	Own   map[string][]string
	Stdin io.Reader // read for the input "-"
	// Progress, if set, is called with the bytes read from disk so far and
	// the total (-1 when unknown, as for standard input).
	Progress func(done, total int64)
}

// FileSummary tells what became of one input.
type FileSummary struct {
	Name    string
	Format  string
	Lines   int64 // lines read in this run (rows + rejects)
	Rows    int64
	Rejects int64
	Already int64 // lines skipped because they were already in
	// Skipped counts an archive's entries of no known kind (SPEC: counted
	// as skipped, not as errors); on the archive's own summary.
	Skipped int64
	Samples []error // the first few rejects, as *ParseError
	Err     error   // why the input (or its end) could not be read
}

// Summary tells what a run of Ingest did.
type Summary struct {
	Batch string // "" when nothing new was committed
	Files []FileSummary
	// Merged tells what became of each partition of a community table
	// that the batch's exports touched.
	Merged []MergeStat
}

// Rejects returns the rejects of all inputs.
func (s *Summary) Rejects() (n int64) {
	for _, f := range s.Files {
		n += f.Rejects
	}
	return n
}

// Failed returns the inputs that could not be read (wholly or in part).
func (s *Summary) Failed() (n int) {
	for _, f := range s.Files {
		if f.Err != nil {
			n++
		}
	}
	return n
}

// sampleRejects is how many rejects per input the summary shows.
const sampleRejects = 5

var siteName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$`)

// ErrUsage marks errors in how Ingest was called, as opposed to its inputs.
var ErrUsage = errors.New("usage")

// Ingest reads every input named by args into the warehouse as one batch.
// Inputs that cannot be read are reported in their FileSummary and the rest
// go on; the returned error is for what stops the whole batch.
func Ingest(ctx context.Context, args []string, opt Options) (*Summary, error) {
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	ins, errs := expand(args)
	sum := &Summary{}
	for _, err := range errs {
		sum.Files = append(sum.Files, FileSummary{Name: "", Err: err})
	}
	if len(ins) == 0 {
		return sum, nil
	}

	wh, err := warehouse.Open(opt.Warehouse)
	if err != nil {
		return sum, err
	}
	defer wh.Close()
	r, err := begin(wh, opt, ins)
	if err != nil {
		return sum, err
	}
	defer r.batch.Abort() // does nothing once committed

	entries, err := r.readAll(ctx, ins, sum)
	if err != nil {
		return sum, err // interrupted or not written: the batch is discarded
	}
	if len(entries) == 0 {
		return sum, nil // nothing new: leave no empty batch behind
	}
	if err := r.commit(entries); err != nil {
		return sum, err
	}
	sum.Batch = r.batch.ID()
	return sum, nil
}

// checkOptions refuses a site name or a format that cannot be right.
func checkOptions(opt Options) error {
	if opt.Site != "" && !siteName.MatchString(opt.Site) {
		return fmt.Errorf("%w: site %q: use a host-like name (letters, digits, '.', '-', '_')", ErrUsage, opt.Site)
	}
	if opt.Format != "" && kindOf(opt.Format) == nil {
		return fmt.Errorf("%w: unknown format %q (known: %s)", ErrUsage, opt.Format, strings.Join(Formats, ", "))
	}
	return nil
}

// ingestRun is one run of Ingest: what the reading of every input shares.
type ingestRun struct {
	opt   Options
	batch *warehouse.Batch
	led   *ledger
	site  ingestSite
	rm    *rowMaker
	prog  *progress
	now   time.Time // of the batch, in its ledger entries
	own   *Own      // the own accounts, as the config and the archives read so far say
	sink  *sink
	hits  bool           // a log was read: the site's state is committed with the batch
	names map[string]int // inputs read so far, by name
}

// keep completes the ledger entry of an input read in this run, and adds
// it to the ledger so that the same stream given twice in one run counts
// once.
func (r *ingestRun) keep(entry *warehouse.LedgerEntry) *warehouse.LedgerEntry {
	if entry == nil {
		return nil
	}
	entry.Batch, entry.IngestedAt, entry.Site = r.batch.ID(), r.now, r.opt.Site
	r.led.add(*entry)
	return entry
}

// begin reads what the warehouse knows (its key, ledger and site state)
// and starts the batch.
func begin(wh *warehouse.Warehouse, opt Options, ins []input) (*ingestRun, error) {
	secret, err := wh.Secret()
	if err != nil {
		return nil, err
	}
	led, err := loadLedger(wh.Dir())
	if err != nil {
		return nil, err
	}
	var site ingestSite
	if opt.Site != "" {
		if site, err = siteForIngest(wh.Dir(), opt.Site, opt.Hosts); err != nil {
			return nil, err
		}
	}
	batch, err := wh.Begin()
	if err != nil {
		return nil, err
	}
	var total int64
	for _, in := range ins {
		if in.size < 0 {
			total = -1
			break
		}
		total += in.size
	}
	rm := newRowMaker(batch.ID(), opt.Site, opt.KeepIP, secret, site.hosts)
	rm.ownHosts = siteHosts(wh.Dir(), opt.Site, opt.Hosts)
	return &ingestRun{
		opt:   opt,
		batch: batch,
		led:   led,
		site:  site,
		rm:    rm,
		prog:  &progress{total: total, report: opt.Progress},
		own:   NewOwn(opt.Own),
	}, nil
}

// readAll reads every input into the batch's files, and returns the ledger
// entries of what it read.
func (r *ingestRun) readAll(ctx context.Context, ins []input, sum *Summary) ([]warehouse.LedgerEntry, error) {
	r.sink = newSink(r.batch, r.opt.Site, r.site.key)
	pp := startPipe(r.sink)
	r.now = time.Now().UTC()
	var entries []warehouse.LedgerEntry
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			pp.close()
			return nil, err
		}
		kind, err := "", error(nil)
		if !in.readOnce() {
			kind, err = containerOf(in.path)
		}
		if err != nil {
			sum.Files = append(sum.Files, FileSummary{Name: in.name, Err: err})
			continue
		}
		if kind != "" {
			entries = append(entries, r.readArchive(ctx, in, kind, pp, sum)...)
			continue
		}
		fs, entry := r.ingestOne(ctx, in, pp, r.prog)
		sum.Files = append(sum.Files, fs)
		if e := r.keep(entry); e != nil {
			entries = append(entries, *e)
		}
	}
	if err := pp.close(); err != nil {
		return nil, err
	}
	sum.Merged = r.sink.merges
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return entries, nil
}

// commit records the ledger entries and the site's state, and commits.
func (r *ingestRun) commit(entries []warehouse.LedgerEntry) error {
	if err := writeLedger(r.batch, entries); err != nil {
		return err
	}
	if r.site.changed && r.hits {
		if err := r.batch.WriteSite(r.opt.Site, r.site.next); err != nil {
			return err
		}
	}
	return r.batch.Commit()
}

// ingestOne reads one input into the pipe. Problems with the input go into
// the summary; failures to write surface when the pipe is closed.
func (r *ingestRun) ingestOne(ctx context.Context, in input, pp *pipe, prog *progress) (FileSummary, *warehouse.LedgerEntry) {
	in.name = r.uniqueName(in.name)
	fs := FileSummary{Name: in.name}
	op, head, err := openInput(in, r.opt.Stdin, prog)
	if err != nil || op == nil {
		fs.Err = err
		return fs, nil // op nil: empty, nothing to do, nothing to remember
	}
	defer func() { op.closer.Close() }() // op may be reopened

	if err := containerOnStdin(in, head); err != nil {
		fs.Err = err
		return fs, nil
	}
	if fs.Format = r.formatOf(in, head, &fs); fs.Format == "" {
		return fs, nil
	}
	k := kindOf(fs.Format)
	if k.Mode == Snapshot {
		return fs, r.snapshotOne(ctx, in, op, k, &fs, pp)
	}
	if r.opt.Site == "" {
		fs.Err = fmt.Errorf("%s: a %s log is about a site: give --site (or ingest it from a configured site)", in.name, fs.Format)
		return fs, nil
	}
	r.hits = true
	return fs, r.streamOne(ctx, in, &op, head, &fs, pp)
}

// uniqueName makes an input's name unique in the run: an archive may hold
// two entries of one name, and the rows of a snapshot input are told apart
// by it until its mark (snapshot.go).
func (r *ingestRun) uniqueName(name string) string {
	if r.names == nil {
		r.names = map[string]int{}
	}
	r.names[name]++
	if n := r.names[name]; n > 1 {
		return fmt.Sprintf("%s (%d)", name, n)
	}
	return name
}

// formatOf names the kind of an input: --format, or what its head is. An
// archive's or a folder's file of no known kind is counted as skipped
// (SPEC, "Sources": an X archive, zipped or unpacked, holds like.js and
// media); a file named itself and of no known kind is an error.
func (r *ingestRun) formatOf(in input, head []byte, fs *FileSummary) string {
	format := detect(head)
	if r.opt.Format != "" && (format == "" || in.member == nil && !in.inFolder) {
		// --format forces the kind of what is named, and of what an
		// archive or folder holds only where detection finds none: an X
		// archive forced to x_tweets keeps its follower.js a follower file.
		return r.opt.Format
	}
	switch {
	case format != "":
	case in.member != nil || in.inFolder:
		fs.Skipped = 1
	default:
		fs.Err = fmt.Errorf("%s: unknown format (first line: %.80q); %s; give --format KIND if it is one of them (cmpulse ingest --help lists the kinds)",
			in.name, firstLine(head), closestKinds(head))
	}
	return format
}

// streamOne reads what is new in a stream input (a log): the ledger tells
// how far it is in.
func (r *ingestRun) streamOne(ctx context.Context, in input, op **opened, head []byte, fs *FileSummary, pp *pipe) *warehouse.LedgerEntry {
	h := newPrefixHash()
	known, already, err := skipKnown(in, op, h, r.led.points(head, r.opt.Site))
	if err != nil || already {
		fs.Err, fs.Already = err, known.lines
		return nil
	}
	fs.Already = known.lines
	start, first := known.off, known.lines+1
	if known.partial {
		start += skipRest((*op).r, h)
	}
	scan := newLineScanner((*op).r, h, first, start)
	rd, err := newReader(fs.Format, in.name, scan)
	if err != nil {
		fs.Err = err
		return nil
	}
	readRecords(ctx, rd, scan, fs, r.rm, pp)
	if scan.off == start {
		return nil
	}
	return ledgerEntry(fs, head, h, scan, start, first)
}

// openInput opens an input and returns its first bytes (up to headLen); a
// nil *opened for an empty input.
func openInput(in input, stdin io.Reader, prog *progress) (*opened, []byte, error) {
	if err := in.verifyGzip(); err != nil {
		return nil, nil, err
	}
	op, err := in.open(stdin, prog)
	if err != nil {
		return nil, nil, err
	}
	head, err := op.r.Peek(headLen)
	if err != nil && !errors.Is(err, io.EOF) {
		op.closer.Close()
		return nil, nil, fmt.Errorf("reading %s: %w", in.name, err)
	}
	if len(head) == 0 {
		op.closer.Close()
		return nil, nil, nil
	}
	return op, append([]byte(nil), head...), nil
}

// skipKnown skips what the ledger says is in, after checking it byte for
// byte, and returns the point reached. already says the input is a shorter
// copy of a stream that is in (known.lines of its lines). The input may be
// reopened in *op to read up to the point again.
func skipKnown(in input, op **opened, h hash.Hash, pts []point) (known point, already bool, err error) {
	if len(pts) == 0 {
		return point{}, false, nil
	}
	best, read, lines, prefix, err := match((*op).r, h, pts)
	if err != nil {
		return point{}, false, fmt.Errorf("reading %s: %w", in.name, err)
	}
	if prefix {
		return point{lines: lines}, true, nil
	}
	if read == best.off {
		return best, false, nil
	}
	// Read past the verified prefix: read again up to its end.
	if in.readOnce() {
		return point{}, false, fmt.Errorf("%s: starts like a stream already ingested but differs from it; save it to a file and ingest that", in.name)
	}
	(*op).closer.Close()
	reopened, err := in.open(nil, nil)
	if err != nil {
		*op = &opened{closer: io.NopCloser(nil)} // already closed
		return point{}, false, err
	}
	*op = reopened
	h.Reset()
	if _, err := io.CopyN(h, reopened.r, best.off); err != nil {
		return point{}, false, fmt.Errorf("reading %s: %w", in.name, err)
	}
	return best, false, nil
}

// skipRest skips the rest of a line that was read before it had its
// newline (the file was being written): it is part of a line already in,
// not a line of its own. It returns the bytes skipped.
func skipRest(r *bufio.Reader, h hash.Hash) int64 {
	var n int64
	rest, err := r.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		h.Write(rest)
		n += int64(len(rest))
		rest, err = r.ReadSlice('\n')
	}
	h.Write(rest)
	return n + int64(len(rest))
}

// readRecords reads every record of rd into the pipe, counting rows and
// rejects in fs.
func readRecords(ctx context.Context, rd Reader, scan *lineScanner, fs *FileSummary, rm *rowMaker, pp *pipe) {
	c := pp.chunk()
	from := origin{fs.Name, fs.Format}
	table := -1
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			fs.Rejects++
			if len(fs.Samples) < sampleRejects {
				fs.Samples = append(fs.Samples, pe)
			}
			if c, err = addRow(c, pp, rejectsTable, rm, pe, from); err != nil {
				fs.Err = fmt.Errorf("%s: line %d: %w", fs.Name, pe.Line, err)
				break
			}
			continue
		}
		if err != nil {
			fs.Err = fmt.Errorf("%s: reading after line %d: %w (the lines before are in; mend the file and ingest it again for the rest)",
				fs.Name, scan.line, err)
			break
		}
		if table < 0 || bindings[table].table().Name != rec.Table() {
			if table = bindingOf(rec.Table()); table < 0 {
				fs.Err = fmt.Errorf("%s: line %d: no warehouse table %q for %T records", fs.Name, rec.Position(), rec.Table(), rec)
				break
			}
		}
		fs.Rows++
		if fs.Rows%(64<<10) == 0 && ctx.Err() != nil {
			fs.Err = ctx.Err()
			break
		}
		if c, err = addRow(c, pp, table, rm, rec, from); err != nil {
			fs.Err = fmt.Errorf("%s: line %d: %w", fs.Name, rec.Position(), err)
			break
		}
	}
	pp.send(c)
	fs.Lines = fs.Rows + fs.Rejects
}

// addRow adds the row of rec to the table at index i of bindings, handing
// the chunk to the writer when it is full; it returns the chunk to go on
// filling.
func addRow(c *chunk, pp *pipe, i int, rm *rowMaker, rec any, from origin) (*chunk, error) {
	full, err := c.add(i, rm, rec, from)
	if err != nil || !full {
		return c, err
	}
	pp.send(c)
	return pp.chunk(), nil
}

// ledgerEntry is what the ledger keeps of an input read from start.
func ledgerEntry(fs *FileSummary, head []byte, h hash.Hash, scan *lineScanner, start, first int64) *warehouse.LedgerEntry {
	n := int64(len(head))
	if n > scan.off {
		n = scan.off
	}
	return &warehouse.LedgerEntry{
		Source:      fs.Name,
		Format:      fs.Format,
		HeadLen:     n,
		HeadHash:    hashHex(head[:n]),
		Start:       start,
		End:         scan.off,
		PrefixHash:  hashSum(h),
		Partial:     scan.partial,
		Checkpoints: scan.checkpoints,
		FirstLine:   first,
		Lines:       scan.line,
		Rows:        fs.Rows,
		Rejects:     fs.Rejects,
	}
}

func hashSum(h hash.Hash) string { return fmt.Sprintf("%x", h.Sum(nil)) }

func firstLine(b []byte) []byte {
	for i, c := range b {
		if c == '\n' {
			return b[:i]
		}
	}
	return b
}
