package warehouse

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// Table describes a warehouse table: its name, its folder, its Hive
// partition columns and its schema. It is the one place a table's layout
// (folder/col=value/.../file.parquet) is written: ingest writes its files by
// it and the views read them by it.
type Table struct {
	Name      string          // as records name it (ingest's Record.Table)
	View      string          // the view over its files
	Dir       string          // folder, relative to the warehouse root
	Partition []Column        // partition columns, in path order
	Schema    *parquet.Schema // of its files
	First     []string        // columns the view shows first, in this order
}

// Column is a partition column and its DuckDB type.
type Column struct{ Name, Type string }

// PartitionDir returns the folder, relative to the warehouse root and
// slash-separated, of the partition whose leading columns have values
// (fewer values than columns give a folder holding several partitions).
func (t *Table) PartitionDir(values ...string) string {
	var b strings.Builder
	b.WriteString(t.Dir)
	for i, v := range values {
		b.WriteString("/" + t.Partition[i].Name + "=" + v)
	}
	return b.String()
}

// File returns the path, relative to the warehouse root, of the file name
// (without its extension) in the partition with values.
func (t *Table) File(values []string, name string) string {
	return t.PartitionDir(values...) + "/" + name + ".parquet"
}

// PartitionOf returns the partition values in the path of one of the
// table's files, as File made it.
func (t *Table) PartitionOf(rel string) ([]string, error) {
	parts := strings.Split(rel, "/")
	if len(parts) != len(t.Partition)+2 || parts[0] != t.Dir {
		return nil, fmt.Errorf("%s is not a file of table %s", rel, t.Name)
	}
	values := make([]string, len(t.Partition))
	for i, c := range t.Partition {
		v, ok := strings.CutPrefix(parts[1+i], c.Name+"=")
		if !ok {
			return nil, fmt.Errorf("%s is not a file of table %s: no %s= folder", rel, t.Name, c.Name)
		}
		values[i] = v
	}
	return values, nil
}

// glob is the pattern of every file of the table, under the warehouse root.
func (t *Table) glob(root string) string {
	return filepath.Join(root, t.Dir) + strings.Repeat("/*", len(t.Partition)) + "/*.parquet"
}

// At is what a row's partition depends on besides the row: the site an
// ingest is for, and when its batch began.
type At struct {
	Site string
	Time time.Time
}

// TableOf is a table with its row type T and the type K of its rows'
// partition keys, for writers.
type TableOf[T any, K comparable] struct {
	*Table
	// Key returns the partition of a row; comparable, and cheap, since it
	// is taken for every row written.
	Key func(row *T, at At) K
	// Values returns a key's partition column values, in column order.
	Values func(K) []string
}

// HitsKey is the partition of a hits row: its site and its UTC day.
type HitsKey struct {
	Site string
	Day  int64 // days since the Unix epoch
}

// Hits is the hits table: hits/site=<site>/date=<UTC date of ts>/.
var Hits = &TableOf[Hit, HitsKey]{
	Table: &Table{
		Name:      "hits",
		View:      "raw_hits", // the hits view (queries/view_hits.sql) builds on it
		Dir:       HitsDir,
		Partition: []Column{{"site", "VARCHAR"}, {"date", "DATE"}},
		Schema:    parquet.SchemaOf(Hit{}),
		First:     []string{"ts", "site", "date"},
	},
	Key: func(row *Hit, at At) HitsKey {
		return HitsKey{at.Site, floorDiv(row.TS.Unix(), 86400)}
	},
	Values: func(k HitsKey) []string { return []string{k.Site, dayString(k.Day)} },
}

// Rejects is the rejects table: rejects/date=<UTC date of the batch>/.
var Rejects = &TableOf[Reject, int64]{
	Table: &Table{
		Name:      "rejects",
		View:      "rejects",
		Dir:       RejectsDir,
		Partition: []Column{{"date", "DATE"}},
		Schema:    parquet.SchemaOf(Reject{}),
		First:     []string{"source_file", "source_line", "reason", "raw"},
	},
	Key:    func(_ *Reject, at At) int64 { return floorDiv(at.Time.Unix(), 86400) },
	Values: func(day int64) []string { return []string{dayString(day)} },
}

// Tables are the warehouse's tables, in the order the views are made.
var Tables = []*Table{Hits.Table, Rejects.Table, SocialPosts.Table, Conversations.Table, Followers.Table, DismissedTable.Table}

func dayString(day int64) string {
	return time.Unix(day*86400, 0).UTC().Format(time.DateOnly)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
