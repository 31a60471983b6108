package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
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
	stamp(exportTS time.Time)
}

// snapshotOne reads one snapshot input whose kind is k. Its records are
// held until the input is read whole: only then are its content hash and
// its export time known, and an export already in adds nothing.
func (r *ingestRun) snapshotOne(ctx context.Context, in input, op *opened, k *Kind, fs *FileSummary, pp *pipe) *warehouse.LedgerEntry {
	if e := r.knownExport(in); e != nil {
		fs.Already = e.Lines
		return nil
	}
	h := &countingHash{h: newPrefixHash()}
	rd := k.OpenSource(&Source{Name: in.name, R: io.TeeReader(op.r, h), ModTime: in.mod, Own: r.own})
	recs, rejects, err := readSnapshot(ctx, rd, fs)
	if err != nil {
		fs.Err = err
		return nil
	}
	if _, err := io.Copy(io.Discard, io.TeeReader(op.r, h)); err != nil { // the hash covers all of it
		fs.Err = fmt.Errorf("reading %s: %w", in.name, err)
		return nil
	}
	sum := hashSum(h.h)
	if e := r.led.snapshot(sum); e != nil {
		fs.Rows, fs.Rejects, fs.Skipped, fs.Already = 0, 0, 0, e.Lines
		fs.Samples = nil
		return nil
	}
	exportTS := exportTime(rd, recs, in.mod, r.now)
	from := origin{fs.Name, fs.Format}
	c := pp.chunk()
	for _, pe := range rejects {
		if c, err = addRow(c, pp, rejectsTable, r.rm, pe, from); err != nil {
			fs.Err = err
			break
		}
	}
	for _, rec := range recs {
		if fs.Err != nil {
			break
		}
		rec.stamp(exportTS)
		if c, err = addRow(c, pp, bindingOf(rec.Table()), r.rm, rec, from); err != nil {
			fs.Err = fmt.Errorf("%s: record %d: %w", fs.Name, rec.Position(), err)
		}
	}
	pp.send(c)
	fs.Lines = fs.Rows + fs.Rejects + fs.Skipped
	return &warehouse.LedgerEntry{
		Source: fs.Name, Format: fs.Format,
		HeadLen: snapshotHead, HeadHash: sum, PrefixHash: sum,
		End: h.n, Lines: fs.Lines, Rows: fs.Rows, Rejects: fs.Rejects,
	}
}

// readSnapshot reads every record of rd, counting rows, rejects and skips
// in fs. A record that is no valid row becomes a reject.
func readSnapshot(ctx context.Context, rd Reader, fs *FileSummary) ([]snapRecord, []*ParseError, error) {
	var recs []snapRecord
	var rejects []*ParseError
	reject := func(pe *ParseError) {
		fs.Rejects++
		rejects = append(rejects, pe)
		if len(fs.Samples) < sampleRejects {
			fs.Samples = append(fs.Samples, pe)
		}
	}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			reject(pe)
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: reading after record %d: %w (nothing of it was ingested; mend the file and ingest it again)", fs.Name, n, err)
		}
		sr, ok := rec.(snapRecord)
		if !ok || bindingOf(rec.Table()) < 0 {
			return nil, nil, fmt.Errorf("%s: record %d: a %T record is no row of a community table", fs.Name, rec.Position(), rec)
		}
		if err := sr.check(); err != nil {
			reject(&ParseError{File: fs.Name, Line: rec.Position(), Err: err})
			continue
		}
		fs.Rows++
		recs = append(recs, sr)
	}
	if s, ok := rd.(Skipper); ok {
		fs.Skipped += s.Skipped()
	}
	return recs, rejects, nil
}

// exportTime is an export's time (SPEC, "Sources"): what the reader says,
// else the latest record's time, else the file's modification time, else
// the batch's.
func exportTime(rd Reader, recs []snapRecord, mod, now time.Time) time.Time {
	if et, ok := rd.(ExportTimer); ok {
		if t, ok := et.ExportTime(); ok && !t.IsZero() {
			return t.UTC()
		}
	}
	var latest time.Time
	for _, r := range recs {
		if t := r.recordTime(); t.After(latest) {
			latest = t
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

func (p *Post) stamp(t time.Time)    { p.ExportTS = t }
func (m *Message) stamp(t time.Time) { m.ExportTS = t }
func (f *FollowerRec) stamp(t time.Time) {
	f.ExportTS = t
	f.FirstSeenExportTS = t
}
