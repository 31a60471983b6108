package ingest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/zeebo/xxh3"

	"github.com/cmpulse/cmpulse/warehouse"
)

// headLen is how much of a stream's start identifies it. 4 KiB of a log
// holds dozens of lines with their timestamps, so two different logs do not
// share it, while a rotated or grown copy of the same log does.
const headLen = 4 << 10

// ledger is what the warehouse already holds, by content stream.
type ledger struct {
	byHead map[headKey][]warehouse.LedgerEntry
	snaps  map[string]warehouse.LedgerEntry // snapshot exports, by content hash
	lens   []int64                          // distinct HeadLen values, to hash a new input's head once each
}

type headKey struct {
	n    int64
	hash string
}

// loadLedger reads every ledger file of the warehouse in dir.
func loadLedger(dir string) (*ledger, error) {
	l := &ledger{byHead: map[headKey][]warehouse.LedgerEntry{}, snaps: map[string]warehouse.LedgerEntry{}}
	files, err := filepath.Glob(filepath.Join(dir, warehouse.LedgerDir, "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("reading ledger: %w", err)
	}
	for _, f := range files {
		entries, err := parquet.ReadFile[warehouse.LedgerEntry](f)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading ledger %s: %w", f, err)
		}
		for _, e := range entries {
			l.add(e)
		}
	}
	return l, nil
}

func (l *ledger) add(e warehouse.LedgerEntry) {
	if e.HeadLen == snapshotHead {
		l.snaps[e.HeadHash] = e
		return
	}
	k := headKey{e.HeadLen, e.HeadHash}
	if _, ok := l.byHead[k]; !ok {
		found := false
		for _, n := range l.lens {
			found = found || n == e.HeadLen
		}
		if !found {
			l.lens = append(l.lens, e.HeadLen)
		}
	}
	l.byHead[k] = append(l.byHead[k], e)
}

// snapshot returns the entry of the export whose content hash is sum, or
// nil when it is not in.
func (l *ledger) snapshot(sum string) *warehouse.LedgerEntry {
	if e, ok := l.snaps[sum]; ok {
		return &e
	}
	return nil
}

// point is a place in a known stream: the hash of its first off bytes,
// which hold lines lines.
type point struct {
	off, lines int64
	hash       string
	partial    bool // the stream's last line there had no newline
}

// checkpointEvery is how often (in bytes) the ledger keeps a prefix hash.
const checkpointEvery = 1 << 20

// points returns the places the ledger knows in the streams of this site
// that start like head, by offset: each entry's end and checkpoints. The
// input may be one of these streams, grown or not, or a shorter copy; which
// one is found by hashing it (match).
func (l *ledger) points(head []byte, site string) []point {
	var out []point
	for _, n := range l.lens {
		if n > int64(len(head)) {
			continue
		}
		for _, e := range l.byHead[headKey{n, hashHex(head[:n])}] {
			if e.Site != site {
				continue // the same log for another site is another site's data
			}
			out = append(out, point{e.End, e.Lines, e.PrefixHash, e.Partial})
			for _, c := range e.Checkpoints {
				out = append(out, point{c.Offset, c.Lines, c.Hash, false})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].off != out[j].off {
			return out[i].off < out[j].off
		}
		if out[i].hash != out[j].hash {
			return out[i].hash < out[j].hash
		}
		return !out[i].partial && out[j].partial
	})
	uniq := out[:0]
	for i, p := range out {
		if i == 0 || p != out[i-1] {
			uniq = append(uniq, p)
		}
	}
	return uniq
}

// match reads r through h as far as the known points go and returns the
// longest point whose hash matches, and how far it read. prefix reports
// that the input ended before the longest known stream while every point it
// reached matched: it is a copy of part of what is in (its last, unverified
// stretch is at most checkpointEvery bytes). lines counts the lines read.
func match(r io.Reader, h hash.Hash, pts []point) (best point, read, lines int64, prefix bool, err error) {
	lc := &lineCounter{w: h}
	lastOK := true
	for i := 0; i < len(pts); {
		p := pts[i]
		if p.off > read {
			n, err := io.CopyN(lc, r, p.off-read)
			read += n
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return best, read, lc.lines(), false, err
			}
		}
		sum := hashSum(h)
		lastOK = false
		for ; i < len(pts) && pts[i].off == p.off; i++ {
			if pts[i].hash == sum {
				best, lastOK = pts[i], true
			}
		}
	}
	prefix = read < pts[len(pts)-1].off && lastOK
	return best, read, lc.lines(), prefix, nil
}

// lineCounter passes bytes on and counts lines as a person would: a last
// line without a newline counts too.
type lineCounter struct {
	w       io.Writer
	n, nl   int64
	lastEOL bool
}

func (c *lineCounter) Write(b []byte) (int, error) {
	c.nl += int64(bytes.Count(b, []byte("\n")))
	if len(b) > 0 {
		c.n += int64(len(b))
		c.lastEOL = b[len(b)-1] == '\n'
	}
	return c.w.Write(b)
}

func (c *lineCounter) lines() int64 {
	if c.n > 0 && !c.lastEOL {
		return c.nl + 1
	}
	return c.nl
}

// The ledger's hashes are XXH3-128: they tell streams apart, so they must
// not collide by accident, but they guard against no attacker (whoever can
// write the logs can write anything into them). SHA-256 over every byte
// read cost 7% of ingest; XXH3 runs at memory speed.

func hashHex(b []byte) string {
	s := xxh3.Hash128(b).Bytes()
	return hex.EncodeToString(s[:])
}

// prefixHash hashes a stream as it is read.
type prefixHash struct{ *xxh3.Hasher }

func newPrefixHash() hash.Hash { return prefixHash{xxh3.New()} }

// Sum appends the 128-bit hash (xxh3.Hasher's own Sum gives 64 bits).
func (h prefixHash) Sum(b []byte) []byte {
	s := h.Sum128().Bytes()
	return append(b, s[:]...)
}

func (h prefixHash) Size() int { return 16 }

// writeLedger adds the batch's entries to the warehouse, in the batch.
func writeLedger(b *warehouse.Batch, entries []warehouse.LedgerEntry) error {
	if len(entries) == 0 {
		return nil
	}
	rel := strings.Join([]string{warehouse.LedgerDir, b.ID() + ".parquet"}, "/")
	f, err := b.Create(rel)
	if err != nil {
		return err
	}
	w := parquet.NewGenericWriter[warehouse.LedgerEntry](f, parquet.Compression(&parquet.Zstd), createdBy())
	if _, err := w.Write(entries); err != nil {
		f.Close()
		return fmt.Errorf("writing ledger: %w", err)
	}
	if err := w.Close(); err != nil {
		f.Close()
		return fmt.Errorf("writing ledger: %w", err)
	}
	return f.Close()
}
