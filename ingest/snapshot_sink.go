package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"sort"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// MergeStat tells what a batch did to one partition of a community table.
type MergeStat struct {
	Table    string
	Platform string
	Added    int64 // keys that were not in
	Updated  int64 // keys whose row a newer export changed
	Kept     int64 // keys where the row in stays: the same, or from a newer export
	Total    int64 // rows of the partition after the batch
}

// merged writes a community table: it holds the batch's rows by partition
// and natural key, and at the end merges each partition with the rows in
// the warehouse, the version from the newer export winning, into one new
// file that replaces the partition's files in the same commit. A plain
// read of the folder then gives one row per key, as the view does. The
// partition is held in memory: community data is small beside logs (a
// 100 MB X archive is some 60,000 posts).
type merged[T any] struct {
	batch *warehouse.Batch
	table *warehouse.SnapshotOf[T]
	at    warehouse.At
	parts map[string]*partRows[T]
	stats *[]MergeStat
}

// partRows are a batch's rows of one partition, by natural key.
type partRows[T any] struct {
	rows  []T
	index map[string]int
}

func newMerged[T any](s *sink, t *warehouse.SnapshotOf[T]) *merged[T] {
	return &merged[T]{batch: s.batch, table: t, at: s.at, parts: map[string]*partRows[T]{}, stats: &s.merges}
}

func (m *merged[T]) write(rows tableRows) error {
	rs, ok := rows.(*rowsOf[T])
	if !ok {
		return fmt.Errorf("writing %s: rows of type %T", m.table.Name, rows)
	}
	for _, row := range rs.rows {
		p := m.table.Key(&row, m.at)
		part := m.parts[p]
		if part == nil {
			part = &partRows[T]{index: map[string]int{}}
			m.parts[p] = part
		}
		k := m.table.NaturalKey(&row)
		if i, ok := part.index[k]; ok {
			part.rows[i], _ = m.winner(part.rows[i], row)
			continue
		}
		part.index[k] = len(part.rows)
		part.rows = append(part.rows, row)
	}
	return nil
}

// winner returns the version of a key to keep of one already there (old)
// and one that comes (new): the one from the newer export, the new one
// when both are from the same moment. newWins says which.
func (m *merged[T]) winner(old, new T) (win T, newWins bool) {
	win, lose := new, old
	if m.table.ExportTime(&new).Before(m.table.ExportTime(&old)) {
		win, lose = old, new
	}
	if m.table.Merge != nil {
		m.table.Merge(&win, &lose)
	}
	return win, !m.table.ExportTime(&new).Before(m.table.ExportTime(&old))
}

// close merges every partition the batch touched.
func (m *merged[T]) close() error {
	for _, p := range slices.Sorted(keysOf(m.parts)) {
		if err := m.mergePartition(p, m.parts[p]); err != nil {
			return err
		}
		delete(m.parts, p)
	}
	return nil
}

func keysOf[V any](mp map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range mp {
			if !yield(k) {
				return
			}
		}
	}
}

// mergePartition merges a partition's batch rows with its files, and
// writes the result in their place if anything changed.
func (m *merged[T]) mergePartition(p string, part *partRows[T]) error {
	values := m.table.Values(p)
	old, files, err := m.readPartition(values)
	if err != nil {
		return err
	}
	st := MergeStat{Table: m.table.Name, Platform: p}
	out := make([]T, 0, len(old)+len(part.rows))
	taken := make([]bool, len(part.rows))
	for _, row := range old {
		i, ok := part.index[m.table.NaturalKey(&row)]
		if !ok {
			out = append(out, row)
			continue
		}
		taken[i] = true
		win, _ := m.winner(row, part.rows[i])
		if reflect.DeepEqual(m.table.Content(win), m.table.Content(row)) {
			st.Kept++
			out = append(out, row)
			continue
		}
		st.Updated++
		out = append(out, win)
	}
	for i, row := range part.rows {
		if !taken[i] {
			st.Added++
			out = append(out, row)
		}
	}
	st.Total = int64(len(out))
	*m.stats = append(*m.stats, st)
	if st.Added == 0 && st.Updated == 0 {
		return nil // nothing new: the files stay as they are
	}
	return m.rewrite(values, out, files)
}

// readPartition reads every committed file of a partition, with their
// paths relative to the warehouse root.
func (m *merged[T]) readPartition(values []string) ([]T, []string, error) {
	dir := m.table.PartitionDir(values...)
	paths, err := filepath.Glob(filepath.Join(m.batch.Root(), filepath.FromSlash(dir), "*.parquet"))
	if err != nil {
		return nil, nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	sort.Strings(paths)
	var rows []T
	var rels []string
	for _, path := range paths {
		rs, err := parquet.ReadFile[T](path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s to merge into it: %w (cmpulse doctor --repair sets such a file aside)", path, err)
		}
		for i := range rs {
			m.table.SetPartition(&rs[i], values)
		}
		rows = append(rows, rs...)
		rels = append(rels, dir+"/"+filepath.Base(path))
	}
	return rows, rels, nil
}

// rewrite writes rows as the partition's one file and removes its old
// files, in the batch.
func (m *merged[T]) rewrite(values []string, rows []T, old []string) error {
	slices.SortStableFunc(rows, func(a, b T) int {
		if c := m.table.Time(&a).Compare(m.table.Time(&b)); c != 0 {
			return c
		}
		return cmp.Compare(m.table.NaturalKey(&a), m.table.NaturalKey(&b))
	})
	w, err := newFileWriter[T](m.batch, m.table.File(values, m.batch.ID()))
	if err != nil {
		return err
	}
	for _, row := range rows {
		if err := w.add(row); err != nil {
			w.close()
			return err
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	for _, rel := range old {
		if err := m.batch.Remove(rel); err != nil {
			return err
		}
	}
	return nil
}
