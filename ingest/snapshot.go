package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Snapshots (SPEC, "Sources"): an export is a picture of an account at one
// moment. The ledger knows an export by the hash of its whole content, so
// the same export ingested twice adds nothing; its rows are merged into
// their table by natural key (snapshot_sink.go), the version from the newer
// export winning, so a newer export updates counters and an older one adds
// only what is missing. "Newer" is the export's own time: what its reader
// says (ExportTimer), else its latest record's time, else the file's
// modification time; never the order of ingests.

// snapRecord is a record of a community table, as snapshot ingest handles
// it.
type snapRecord interface {
	Record
	recordTime() time.Time // zero when the record has no time
	check() error          // what makes it no row (a reject)
}

// snapshotOne reads one snapshot input whose kind is k. Its rows go to the
// writer as they are read, without their export time, which is known only
// once the input is read whole (its latest record, or what the reader
// says); a mark sent after them stamps them with it, or drops them when
// the content's hash shows the export is already in. Only its rejects are
// held until then: they are written unless the export is dropped.
func (r *ingestRun) snapshotOne(ctx context.Context, in input, op *opened, k *Kind, fs *FileSummary, pp *pipe) *warehouse.LedgerEntry {
	if !k.Tells { // what it tells the archive's other files is needed again
		if e := r.knownExport(in); e != nil {
			fs.Already = e.Lines
			return nil
		}
		if in.readOnce() || in.member != nil && !in.rereadable {
			// A tar entry or stdin: copied aside while hashed, so that an
			// export already in (a watched folder keeps every old
			// download) is not parsed and held every night.
			spooled, e, err := r.spool(op)
			if err != nil {
				fs.Err = fmt.Errorf("reading %s: %w", in.name, err)
				return nil
			}
			defer spooled.Close()
			if e != nil {
				fs.Already = e.Lines
				return nil
			}
		}
	}
	h := &countingHash{h: newPrefixHash()}
	rd := k.OpenSource(&Source{Name: in.name, R: io.TeeReader(op.r, h), ModTime: in.mod, Own: r.own})
	sr := &snapshotRead{fs: fs, pp: pp, rm: r.rm, from: origin{fs.Name, fs.Format}}
	err := sr.readAll(ctx, rd)
	if err == nil {
		if _, err = io.Copy(io.Discard, io.TeeReader(op.r, h)); err != nil { // the hash covers all of it
			err = fmt.Errorf("reading %s: %w", in.name, err)
		}
	}
	if err != nil {
		sr.finish(mark{source: fs.Name, drop: true}, nil)
		fs.Err, fs.Rows, fs.Rejects, fs.Skipped = err, 0, 0, 0
		return nil
	}
	sum := hashSum(h.h)
	if e := r.led.snapshot(sum); e != nil {
		sr.finish(mark{source: fs.Name, drop: true}, nil)
		fs.Rows, fs.Rejects, fs.Skipped, fs.Already, fs.Samples = 0, 0, 0, e.Lines, nil
		return nil
	}
	ts := exportTime(rd, sr.latest, in.mod, r.now)
	if err := sr.finish(mark{source: fs.Name, exportTS: ts}, sr.rejects); err != nil {
		fs.Err = err
		return nil
	}
	fs.Lines = fs.Rows + fs.Rejects + fs.Skipped
	return &warehouse.LedgerEntry{
		Source: fs.Name, Format: fs.Format,
		HeadLen: snapshotHead, HeadHash: sum, PrefixHash: sum,
		End: h.n, Lines: fs.Lines, Rows: fs.Rows, Rejects: fs.Rejects,
	}
}

// snapshotRead is the reading of one snapshot input.
type snapshotRead struct {
	fs      *FileSummary
	pp      *pipe
	rm      *rowMaker
	from    origin
	c       *chunk
	latest  time.Time // of the records read
	rejects []*ParseError
}

// readAll reads every record of rd: rows to the writer, rejects held.
// A record that is no valid row becomes a reject.
func (s *snapshotRead) readAll(ctx context.Context, rd Reader) error {
	s.c = s.pp.chunk()
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			s.reject(pe)
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: reading after record %d: %w (nothing of it was ingested; mend the file and ingest it again)", s.fs.Name, n, err)
		}
		if err := s.row(rec); err != nil {
			return err
		}
	}
	if sk, ok := rd.(Skipper); ok {
		s.fs.Skipped += sk.Skipped()
	}
	return nil
}

// row hands a record to the writer, or keeps it as a reject.
func (s *snapshotRead) row(rec Record) error {
	sr, ok := rec.(snapRecord)
	i := bindingOf(rec.Table())
	if !ok || i < 0 {
		return fmt.Errorf("%s: record %d: a %T record is no row of a community table", s.fs.Name, rec.Position(), rec)
	}
	if err := sr.check(); err != nil {
		s.reject(&ParseError{File: s.fs.Name, Line: rec.Position(), Err: err})
		return nil
	}
	if t := sr.recordTime(); t.After(s.latest) {
		s.latest = t
	}
	s.fs.Rows++
	var err error
	if s.c, err = addRow(s.c, s.pp, i, s.rm, rec, s.from); err != nil {
		return fmt.Errorf("%s: record %d: %w", s.fs.Name, rec.Position(), err)
	}
	return nil
}

func (s *snapshotRead) reject(pe *ParseError) {
	s.fs.Rejects++
	s.rejects = append(s.rejects, pe)
	if len(s.fs.Samples) < sampleRejects {
		s.fs.Samples = append(s.fs.Samples, pe)
	}
}

// finish sends the mark that stamps or drops the input's rows, after them,
// and the rejects to keep.
func (s *snapshotRead) finish(m mark, rejects []*ParseError) error {
	if s.c == nil {
		s.c = s.pp.chunk()
	}
	var err error
	for _, pe := range rejects {
		if s.c, err = addRow(s.c, s.pp, rejectsTable, s.rm, pe, s.from); err != nil {
			break
		}
	}
	s.c.marks = append(s.c.marks, m)
	s.pp.send(s.c)
	s.c = nil
	return err
}

// mark ends an input's rows in the community tables: they take its export
// time, or are dropped (the export is already in, or could not be read).
type mark struct {
	source   string
	exportTS time.Time
	drop     bool
}

// exportTime is an export's time (SPEC, "Sources"): what the reader says,
// else the latest record's time, else the file's modification time, else
// the batch's.
func exportTime(rd Reader, latest, mod, now time.Time) time.Time {
	if et, ok := rd.(ExportTimer); ok {
		if t, ok := et.ExportTime(); ok && !t.IsZero() {
			return t.UTC()
		}
	}
	switch {
	case !latest.IsZero():
		return latest.UTC()
	case !mod.IsZero():
		return mod.UTC()
	}
	return now
}

// snapshotHead is the HeadLen of a snapshot's ledger entry: HeadHash is
// then the hash of the whole content, which stream matching never uses.
const snapshotHead = -1

// knownExport returns the ledger entry of an input that is an export
// already in, hashing it first where it can be read again; nil otherwise
// (an input read once is checked after reading).
func (r *ingestRun) knownExport(in input) *warehouse.LedgerEntry {
	if in.readOnce() || in.member != nil && !in.rereadable {
		return nil
	}
	op, err := in.open(nil, nil)
	if err != nil {
		return nil // reading it for real will say what is wrong
	}
	defer op.closer.Close()
	h := newPrefixHash()
	if _, err := io.Copy(h, op.r); err != nil {
		return nil
	}
	return r.led.snapshot(hashSum(h))
}

// spool copies what is left of op to a temporary file of the warehouse
// while hashing it, and makes op read that file instead. It returns the
// ledger entry of the export when it is in already. Closing the returned
// file removes it.
func (r *ingestRun) spool(op *opened) (io.Closer, *warehouse.LedgerEntry, error) {
	dir := filepath.Join(r.batch.Root(), "_tmp")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	f, err := os.CreateTemp(dir, "export-*")
	if err != nil {
		return nil, nil, err
	}
	rm := removing{f}
	h := newPrefixHash()
	if _, err := io.Copy(io.MultiWriter(f, h), op.r); err != nil {
		rm.Close()
		return nil, nil, err
	}
	if e := r.led.snapshot(hashSum(h)); e != nil {
		return rm, e, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		rm.Close()
		return nil, nil, err
	}
	op.r = bufio.NewReaderSize(f, 64<<10)
	return rm, nil, nil
}

// removing is a temporary file that Close removes.
type removing struct{ f *os.File }

func (r removing) Close() error {
	r.f.Close()
	return os.Remove(r.f.Name())
}

// countingHash hashes what is written to it and counts the bytes.
type countingHash struct {
	h hash.Hash
	n int64
}

func (c *countingHash) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	return c.h.Write(b)
}

// platformName is what a platform may be called: it names a partition
// folder, so nothing that could leave it or need quoting.
var platformName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

func checkPlatform(p string) error {
	if !platformName.MatchString(p) {
		return fmt.Errorf("platform %.40q is not a name of lower-case letters, digits, '_' or '-'", p)
	}
	return nil
}

func (p *Post) check() error {
	if err := checkPlatform(p.Platform); err != nil {
		return err
	}
	switch {
	case p.PostID == "":
		return errors.New("post without an id")
	case p.TS.IsZero():
		return errors.New("post without a time")
	}
	return nil
}

func (m *Message) check() error {
	if err := checkPlatform(m.Platform); err != nil {
		return err
	}
	switch {
	case m.MessageID == "":
		return errors.New("message without an id")
	case m.TS.IsZero():
		return errors.New("message without a time")
	}
	return nil
}

func (f *FollowerRec) check() error {
	if err := checkPlatform(f.Platform); err != nil {
		return err
	}
	if f.FollowerID == "" {
		return errors.New("follower without an id")
	}
	return nil
}
