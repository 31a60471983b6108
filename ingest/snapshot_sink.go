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

// textRowGroupRows is the row group size of the community tables.
const textRowGroupRows = 8 << 10

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
	marks map[string]mark // by source_file
	stats *[]MergeStat
	// derive works out, over the merged partition, what depends on all
	// of it; it returns how many rows it changed.
	derive func(rows []*T) int
}

// partRows are a batch's rows of one partition, in the order read, in
// blocks (a growing slice of wide rows would be copied, and briefly held
// twice, at every growth); then, once settled, by natural key.
type partRows[T any] struct {
	blocks [][]T
	n      int
	index  map[string]int // natural key -> position of its version
	dead   []bool         // by position: dropped, superseded, or moved into the old rows
}

const partBlock = 4 << 10

func (p *partRows[T]) at(i int) *T { return &p.blocks[i/partBlock][i%partBlock] }

func (p *partRows[T]) add(row T) {
	if p.n%partBlock == 0 {
		p.blocks = append(p.blocks, make([]T, 0, partBlock))
	}
	last := len(p.blocks) - 1
	p.blocks[last] = append(p.blocks[last], row)
	p.n++
}

func newMerged[T any](s *sink, t *warehouse.SnapshotOf[T]) *merged[T] {
	return &merged[T]{batch: s.batch, table: t, at: s.at, parts: map[string]*partRows[T]{}, marks: map[string]mark{}, stats: &s.merges}
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
			part = &partRows[T]{}
			m.parts[p] = part
		}
		part.add(row)
	}
	return nil
}

func (m *merged[T]) mark(mk mark) { m.marks[mk.source] = mk }

// settle stamps a partition's rows with their export's time, drops those
// of dropped inputs, and keeps one version per key. It returns how many
// are left.
func (m *merged[T]) settle(part *partRows[T]) int {
	part.index = make(map[string]int, part.n)
	part.dead = make([]bool, part.n)
	alive := 0
	for i := 0; i < part.n; i++ {
		row := part.at(i)
		mk, ok := m.marks[m.table.Source(row)]
		if !ok || mk.drop {
			part.dead[i] = true // an export already in, or one that could not be read
			continue
		}
		m.table.Stamp(row, mk.exportTS)
		k := m.table.NaturalKey(row)
		j, ok := part.index[k]
		if !ok {
			part.index[k] = i
			alive++
			continue
		}
		win, newWins := m.winner(*part.at(j), *row)
		if newWins {
			*row = win
			part.dead[j], part.index[k] = true, i
		} else {
			*part.at(j) = win
			part.dead[i] = true
		}
	}
	return alive
}

// winner returns the version of a key to keep of one already there (old)
// and one that comes (new): the one from the newer export, the new one
// when both are from the same moment. newWins says which.
func (m *merged[T]) winner(old, new T) (win T, newWins bool) {
	win, lose := new, old
	newWins = !m.table.ExportTime(&new).Before(m.table.ExportTime(&old))
	if !newWins {
		win, lose = old, new
	}
	if m.table.Merge != nil {
		m.table.Merge(&win, &lose)
	}
	return win, newWins
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
// writes the result in their place if anything changed. The old rows are
// updated in place and the batch's other rows follow them, so that no
// third copy of the partition is made.
func (m *merged[T]) mergePartition(p string, part *partRows[T]) error {
	if m.settle(part) == 0 {
		return nil
	}
	if m.derive == nil {
		return m.streamMerge(p, part)
	}
	values := m.table.Values(p)
	old, files, err := m.readPartition(values)
	if err != nil {
		return err
	}
	st := MergeStat{Table: m.table.Name, Platform: p}
	for o := range old {
		i, ok := part.index[m.table.NaturalKey(&old[o])]
		if !ok || part.dead[i] {
			continue
		}
		part.dead[i] = true // its version, if it wins, moves into old
		win, _ := m.winner(old[o], *part.at(i))
		if reflect.DeepEqual(m.table.Content(win), m.table.Content(old[o])) {
			st.Kept++
			continue
		}
		st.Updated++
		old[o] = win
	}
	var added []*T
	for i := 0; i < part.n; i++ {
		if !part.dead[i] {
			added = append(added, part.at(i))
		}
	}
	st.Added = int64(len(added))
	st.Total = int64(len(old) + len(added))
	*m.stats = append(*m.stats, st)
	derived := 0
	if m.derive != nil {
		all := make([]*T, 0, st.Total)
		for i := range old {
			all = append(all, &old[i])
		}
		derived = m.derive(append(all, added...))
	}
	if st.Added == 0 && st.Updated == 0 && derived == 0 {
		return nil // nothing new: the files stay as they are
	}
	return m.rewrite(values, old, added, files)
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
			return nil, nil, fmt.Errorf("reading %s to merge into it: %w (move the damaged file out of the warehouse and ingest the exports again)", path, err)
		}
		for i := range rs {
			m.table.SetPartition(&rs[i], values)
		}
		rows = append(rows, rs...)
		rels = append(rels, dir+"/"+filepath.Base(path))
	}
	return rows, rels, nil
}

// rewrite writes the partition's one file, the old rows (as they were
// ordered, by time) then the added ones by time, and removes its old
// files, in the batch.
func (m *merged[T]) rewrite(values []string, old []T, added []*T, files []string) error {
	sortRows(m, added)
	w, _, files, err := m.partitionWriter(values, files)
	if err != nil {
		return err
	}
	for i := range old {
		if err := w.add(old[i]); err != nil {
			w.close()
			return err
		}
	}
	for _, row := range added {
		if err := w.add(*row); err != nil {
			w.close()
			return err
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	return m.removeOld(files)
}

// sortRows orders rows by time, then natural key.
func sortRows[T any](m *merged[T], rows []*T) {
	slices.SortStableFunc(rows, func(a, b *T) int {
		if c := m.table.Time(a).Compare(m.table.Time(b)); c != 0 {
			return c
		}
		return cmp.Compare(m.table.NaturalKey(a), m.table.NaturalKey(b))
	})
}

// partitionWriter opens the writer of a partition's new file. A partition
// of one file is rewritten under that file's name, so that placing the new
// file replaces the old in one rename: a plain reader never sees both
// (with a new name, the old one would go only after the new one is
// placed). It returns the files that are still to be removed.
func (m *merged[T]) partitionWriter(values []string, files []string) (*fileWriter[T], string, []string, error) {
	// Smaller row groups than the logs': a row group is held whole until
	// written, and these rows are mostly free text.
	opts := append(writerOptions(), parquet.MaxRowsPerRowGroup(textRowGroupRows))
	rel := m.table.File(values, m.batch.ID())
	if len(files) == 1 {
		rel, files = files[0], nil
	}
	w, err := newFileWriterOpts[T](m.batch, rel, opts)
	return w, rel, files, err
}

// removeOld removes a partition's replaced files, in the batch.
func (m *merged[T]) removeOld(files []string) error {
	for _, rel := range files {
		if err := m.batch.Remove(rel); err != nil {
			return err
		}
	}
	return nil
}
