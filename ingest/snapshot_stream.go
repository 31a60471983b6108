package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"

	"github.com/parquet-go/parquet-go"
)

// The merge of a partition that needs nothing worked out over all of its
// rows (social_posts, followers) streams its old file twice instead of
// reading it whole: once to decide what the batch changes, once to write
// the result. Only the batch's own rows are held, so merging a newer export
// into a partition many exports large costs what the export costs.

// streamChunk is how many old rows are read at a time.
const streamChunk = 1 << 10

// eachOld calls fn with every committed row of a partition, a chunk at a
// time, and returns the files' paths relative to the warehouse root.
func (m *merged[T]) eachOld(values []string, fn func(rows []T) error) ([]string, error) {
	dir := m.table.PartitionDir(values...)
	paths, err := filepath.Glob(filepath.Join(m.batch.Root(), filepath.FromSlash(dir), "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	sort.Strings(paths)
	var rels []string
	buf := make([]T, streamChunk)
	for _, path := range paths {
		if err := m.streamFile(path, values, buf, fn); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("reading %s to merge into it: %w (move the damaged file out of the warehouse and ingest the exports again)", path, err)
		}
		rels = append(rels, dir+"/"+filepath.Base(path))
	}
	return rels, nil
}

func (m *merged[T]) streamFile(path string, values []string, buf []T, fn func([]T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	for {
		clear(buf)
		n, err := r.Read(buf)
		for i := range n {
			m.table.SetPartition(&buf[i], values)
		}
		if n > 0 {
			if ferr := fn(buf[:n]); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// streamMerge merges a settled partition's batch rows into its files.
func (m *merged[T]) streamMerge(p string, part *partRows[T]) error {
	values := m.table.Values(p)
	st := MergeStat{Table: m.table.Name, Platform: p}
	matched := make([]bool, part.n)
	files, err := m.eachOld(values, func(rows []T) error {
		for o := range rows {
			st.Total++
			i, ok := part.index[m.table.NaturalKey(&rows[o])]
			if !ok || part.dead[i] || matched[i] {
				continue
			}
			matched[i] = true
			win, _ := m.winner(rows[o], *part.at(i))
			if reflect.DeepEqual(m.table.Content(win), m.table.Content(rows[o])) {
				st.Kept++
			} else {
				st.Updated++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var added []*T
	for i := 0; i < part.n; i++ {
		if !part.dead[i] && !matched[i] {
			added = append(added, part.at(i))
		}
	}
	st.Added = int64(len(added))
	st.Total += st.Added
	*m.stats = append(*m.stats, st)
	if st.Added == 0 && st.Updated == 0 {
		return nil // nothing new: the files stay as they are
	}
	return m.streamRewrite(values, part, files, added)
}

// streamRewrite writes the partition's one file: the old rows, each key
// the batch shares in its winning version, then the added rows.
func (m *merged[T]) streamRewrite(values []string, part *partRows[T], files []string, added []*T) error {
	w, rel, files, err := m.partitionWriter(values, files)
	if err != nil {
		return err
	}
	done := make([]bool, part.n)
	_, err = m.eachOld(values, func(rows []T) error {
		for o := range rows {
			row := rows[o]
			if i, ok := part.index[m.table.NaturalKey(&row)]; ok && !part.dead[i] && !done[i] {
				done[i] = true
				row, _ = m.winner(row, *part.at(i))
			}
			if err := w.add(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		sortRows(m, added)
		for _, row := range added {
			if err = w.add(*row); err != nil {
				break
			}
		}
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return m.removeOld(files)
}
