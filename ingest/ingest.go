package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Options say where and how to ingest.
type Options struct {
	Warehouse string    // folder; created if missing
	Site      string    // the site the logs belong to
	Hosts     []string  // the site's host names besides Site and its www. variant (internal referrers)
	Format    string    // "" to detect each input's format
	KeepIP    bool      // store client addresses in hits.ip
	Stdin     io.Reader // read for the input "-"
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
	Already int64   // lines skipped because they were already in
	Samples []error // the first few rejects, as *ParseError
	Err     error   // why the input (or its end) could not be read
}

// Summary tells what a run of Ingest did.
type Summary struct {
	Batch string // "" when nothing new was committed
	Files []FileSummary
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
	if !siteName.MatchString(opt.Site) {
		return nil, fmt.Errorf("%w: site %q: use a host-like name (letters, digits, '.', '-', '_')", ErrUsage, opt.Site)
	}
	if opt.Format != "" {
		if _, err := newReader(opt.Format, "", nil); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUsage, err)
		}
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
	secret, err := wh.Secret()
	if err != nil {
		return sum, err
	}
	led, err := loadLedger(wh.Dir())
	if err != nil {
		return sum, err
	}
	site, err := siteForIngest(wh.Dir(), opt.Site, opt.Hosts)
	if err != nil {
		return sum, err
	}
	batch, err := wh.Begin()
	if err != nil {
		return sum, err
	}
	defer batch.Abort() // does nothing once committed

	var total int64
	for _, in := range ins {
		if in.size < 0 {
			total = -1
			break
		}
		total += in.size
	}
	prog := &progress{total: total, report: opt.Progress}

	rm := newRowMaker(batch.ID(), opt.Site, opt.KeepIP, secret, site.hosts)
	pp := startPipe(newSink(batch, opt.Site, site.key))
	now := time.Now().UTC()
	var entries []warehouse.LedgerEntry
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			pp.close()
			return sum, err
		}
		fs, entry := ingestOne(ctx, in, opt, led, rm, pp, prog)
		sum.Files = append(sum.Files, fs)
		if entry != nil {
			entry.Batch, entry.IngestedAt, entry.Site = batch.ID(), now, opt.Site
			led.add(*entry) // the same stream given twice in one run counts once
			entries = append(entries, *entry)
		}
	}
	if err := pp.close(); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err // interrupted: the batch is discarded
	}
	if len(entries) == 0 {
		return sum, nil // nothing new: leave no empty batch behind
	}
	if err := writeLedger(batch, entries); err != nil {
		return sum, err
	}
	if site.changed {
		if err := batch.WriteSite(opt.Site, site.next); err != nil {
			return sum, err
		}
	}
	if err := batch.Commit(); err != nil {
		return sum, err
	}
	sum.Batch = batch.ID()
	return sum, nil
}

// ingestOne reads one input into the pipe. Problems with the input go into
// the summary; failures to write surface when the pipe is closed.
func ingestOne(ctx context.Context, in input, opt Options, led *ledger, rm *rowMaker, pp *pipe, prog *progress) (FileSummary, *warehouse.LedgerEntry) {
	fs := FileSummary{Name: in.name}
	if err := in.verifyGzip(); err != nil {
		fs.Err = err
		return fs, nil
	}
	op, err := in.open(opt.Stdin, prog)
	if err != nil {
		fs.Err = err
		return fs, nil
	}
	defer op.closer.Close()

	head, err := op.r.Peek(headLen)
	if err != nil && !errors.Is(err, io.EOF) {
		fs.Err = fmt.Errorf("reading %s: %w", in.name, err)
		return fs, nil
	}
	if len(head) == 0 {
		return fs, nil // empty: nothing to do, nothing to remember
	}
	head = append([]byte(nil), head...)

	fs.Format = opt.Format
	if fs.Format == "" {
		fs.Format = detect(head)
		if fs.Format == "" {
			fs.Err = fmt.Errorf("%s: unknown format (first line: %.80q); give --format, one of %v",
				in.name, firstLine(head), Formats)
			return fs, nil
		}
	}

	// Skip what the ledger says is in, after checking it byte for byte.
	h := newPrefixHash()
	var known point
	if pts := led.points(head, opt.Site); len(pts) > 0 {
		best, read, lines, prefix, err := match(op.r, h, pts)
		if err != nil {
			fs.Err = fmt.Errorf("reading %s: %w", in.name, err)
			return fs, nil
		}
		if prefix {
			fs.Already = lines // a shorter copy of a stream that is in
			return fs, nil
		}
		known = best
		if read != known.off {
			// Read past the verified prefix: read again up to its end.
			if in.path == "" {
				fs.Err = fmt.Errorf("%s: starts like a stream already ingested but differs from it; save it to a file and ingest that", in.name)
				return fs, nil
			}
			op.closer.Close()
			if op, err = in.open(nil, nil); err != nil {
				fs.Err = err
				return fs, nil
			}
			defer op.closer.Close()
			h.Reset()
			if _, err := io.CopyN(h, op.r, known.off); err != nil {
				fs.Err = fmt.Errorf("reading %s: %w", in.name, err)
				return fs, nil
			}
		}
	}
	fs.Already = known.lines
	start, first := known.off, known.lines+1

	if known.partial {
		// The stream's last line was read before it had its newline (the
		// file was being written). Its rest is part of a line already in,
		// not a line of its own: skip it.
		rest, err := op.r.ReadSlice('\n')
		for errors.Is(err, bufio.ErrBufferFull) {
			h.Write(rest)
			start += int64(len(rest))
			rest, err = op.r.ReadSlice('\n')
		}
		h.Write(rest)
		start += int64(len(rest))
	}
	scan := newLineScanner(op.r, h, first, start)
	rd, err := newReader(fs.Format, in.name, scan)
	if err != nil {
		fs.Err = err
		return fs, nil
	}
	c := pp.chunk()
	from := origin{in.name, fs.Format}
	table := -1
records:
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			fs.Rejects++
			if len(fs.Samples) < sampleRejects {
				fs.Samples = append(fs.Samples, pe)
			}
			full, err := c.add(rejectsTable, rm, pe, from)
			if err != nil {
				fs.Err = fmt.Errorf("%s: line %d: %w", in.name, pe.Line, err)
				break records
			}
			if full {
				pp.send(c)
				c = pp.chunk()
			}
			continue
		case err != nil:
			fs.Err = fmt.Errorf("%s: reading after line %d: %w (the lines before are in; mend the file and ingest it again for the rest)",
				in.name, scan.line, err)
			break records
		}
		if table < 0 || bindings[table].table().Name != rec.Table() {
			if table = bindingOf(rec.Table()); table < 0 {
				fs.Err = fmt.Errorf("%s: line %d: no warehouse table %q for %T records", in.name, rec.Position(), rec.Table(), rec)
				break
			}
		}
		fs.Rows++
		if fs.Rows%(64<<10) == 0 && ctx.Err() != nil {
			fs.Err = ctx.Err()
			break
		}
		full, err := c.add(table, rm, rec, from)
		if err != nil {
			fs.Err = fmt.Errorf("%s: line %d: %w", in.name, rec.Position(), err)
			break
		}
		if full {
			pp.send(c)
			c = pp.chunk()
		}
	}
	pp.send(c)
	fs.Lines = fs.Rows + fs.Rejects
	if scan.off == start {
		return fs, nil
	}
	n := int64(len(head))
	if n > scan.off {
		n = scan.off
	}
	return fs, &warehouse.LedgerEntry{
		Source:      in.name,
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
