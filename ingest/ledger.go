package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// headLen is how much of a stream's start identifies it. 4 KiB of a log
// holds dozens of lines with their timestamps, so two different logs do not
// share it, while a rotated or grown copy of the same log does.
const headLen = 4 << 10

// ledger is what the warehouse already holds, by content stream.
type ledger struct {
	byHead map[headKey][]warehouse.LedgerEntry
	lens   []int64 // distinct HeadLen values, to hash a new input's head once each
}

type headKey struct {
	n    int64
	hash string
}

// loadLedger reads every ledger file of the warehouse in dir.
func loadLedger(dir string) (*ledger, error) {
	l := &ledger{byHead: map[headKey][]warehouse.LedgerEntry{}}
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

// candidates returns the entries whose stream starts like head, by End
// ascending: the input may be the same stream, grown or not. Each one must
// still be confirmed by the hash of its whole prefix.
func (l *ledger) candidates(head []byte) []warehouse.LedgerEntry {
	var out []warehouse.LedgerEntry
	for _, n := range l.lens {
		if n > int64(len(head)) {
			continue
		}
		out = append(out, l.byHead[headKey{n, hashHex(head[:n])}]...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].End < out[j].End })
	// Entries of one batch may repeat an End (the same stream given twice);
	// one is enough.
	uniq := out[:0]
	for i, e := range out {
		if i == 0 || e.End != out[i-1].End || e.PrefixHash != out[i-1].PrefixHash {
			uniq = append(uniq, e)
		}
	}
	return uniq
}

func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

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
	w := parquet.NewGenericWriter[warehouse.LedgerEntry](f, parquet.Compression(&parquet.Zstd))
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
