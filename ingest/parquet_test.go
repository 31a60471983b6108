package ingest

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/cmpulse/cmpulse/internal/parquetcheck"
	"github.com/cmpulse/cmpulse/internal/version"
	sampledata "github.com/cmpulse/cmpulse/sample-data"
	"github.com/cmpulse/cmpulse/warehouse"
)

// Lines that no web log format reads, so that the demo warehouse has a
// rejects file too.
var garbageLines = []string{
	"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 from 198.51.100.23",
	`203.0.113.9 - - [not a date] "GET / HTTP/1.1" 200 1 "-" "x"`,
	"2001:db8::7 - - [17/May/2025:10:05:03 +0000] \"GET / HTTP/1.1\" abc",
}

var demo struct {
	once sync.Once
	dir  string
	err  error
}

// demoWarehouse ingests the demo's sample data (120 days of the sample
// blog, about 400,000 lines, as `cmpulse demo` makes it) plus a few bad
// lines, once per test binary, and returns the warehouse folder.
func demoWarehouse(t *testing.T) string {
	t.Helper()
	demo.once.Do(func() {
		demo.dir, demo.err = os.MkdirTemp("", "cmpulse-ingest-test-")
		if demo.err != nil {
			return
		}
		data := filepath.Join(demo.dir, "sample-data")
		if _, demo.err = sampledata.Generate(data, sampledata.Config{Host: "blog.example.org"}); demo.err != nil {
			return
		}
		bad := filepath.Join(data, "bad.log")
		if demo.err = os.WriteFile(bad, []byte(strings.Join(garbageLines, "\n")+"\n"), 0o644); demo.err != nil {
			return
		}
		_, demo.err = Ingest(context.Background(), []string{data}, Options{
			Warehouse: filepath.Join(demo.dir, "wh"), Site: "blog.example.org", Format: "combined"})
		if demo.err != nil {
			return
		}
		// The community's exports, in a batch of their own (the logs'
		// forces their format), so that every table has files.
		community := filepath.Join(demo.dir, "community")
		if _, demo.err = sampledata.WriteCommunity(community, sampledata.Config{Host: "blog.example.org"}); demo.err != nil {
			return
		}
		_, demo.err = Ingest(context.Background(), []string{community}, Options{
			Warehouse: filepath.Join(demo.dir, "wh"), Own: sampledata.CommunityOwn()})
		if demo.err != nil {
			return
		}
		// A dismissal, so that the dismissed table has a file too.
		demo.err = Dismiss(filepath.Join(demo.dir, "wh"), []string{"newcomer:telegram:nobody"}, "not-relevant", "a test", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	})
	if demo.err != nil {
		t.Fatalf("making the demo warehouse: %v", demo.err)
	}
	return filepath.Join(demo.dir, "wh")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// parquetFiles lists every Parquet file of the warehouse, by table folder.
func parquetFiles(t *testing.T, wh string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(wh, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "_staging" {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".parquet") {
			rel, _ := filepath.Rel(wh, path)
			table := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
			out[table] = append(out[table], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// openParquet opens a file with parquet-go's low-level API.
func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	return pf
}

// schemaNode is an element of a file's footer schema with its full path.
type schemaNode struct {
	path []string
	elem format.SchemaElement
	leaf bool
}

// footerSchema walks the flattened schema of a footer (depth first, each
// group followed by its NumChildren children) into paths. It reads the
// footer as written, not parquet-go's idea of the schema, because that is
// what every other reader gets.
func footerSchema(md *format.FileMetaData) ([]schemaNode, error) {
	var out []schemaNode
	var walk func(i int, prefix []string) (int, error)
	walk = func(i int, prefix []string) (int, error) {
		if i >= len(md.Schema) {
			return i, fmt.Errorf("schema ends inside group %q", strings.Join(prefix, "."))
		}
		e := md.Schema[i]
		n, group := e.NumChildren.Get()
		group = group && n > 0
		path := slices.Clone(prefix)
		if i > 0 { // the root's name is the schema's, not a column's
			path = append(path, e.Name)
			out = append(out, schemaNode{path: path, elem: e, leaf: !group})
		}
		i++
		for range n {
			var err error
			if i, err = walk(i, path); err != nil {
				return i, err
			}
		}
		return i, nil
	}
	end, err := walk(0, nil)
	if err == nil && end != len(md.Schema) {
		err = fmt.Errorf("%d schema elements after the root's children", len(md.Schema)-end)
	}
	return out, err
}

func leafPaths(nodes []schemaNode) [][]string {
	var out [][]string
	for _, n := range nodes {
		if n.leaf {
			out = append(out, n.path)
		}
	}
	return out
}

// TestParquetFilesValid opens every Parquet file that ingesting the demo
// writes and checks what other readers rely on: every column chunk of
// every row group names its column (path_in_schema) as the schema does,
// and an independent reader (Apache Arrow's) reads the same rows and
// values as DuckDB. parquet-go v0.32's GenericWriter.Reset left an empty
// path_in_schema in every file after the first of a reused writer
// (parquet-go issue 602): Athena, Spark and hyparquet refuse such files,
// DuckDB reads them, so no DuckDB-based test saw it.
func TestParquetFilesValid(t *testing.T) {
	wh := demoWarehouse(t)
	files := parquetFiles(t, wh)
	// More hits files than writers open at once, so that a writer reused
	// across files would be caught.
	if n := len(files["hits"]); n <= maxOpen {
		t.Fatalf("demo wrote %d hits files, want more than %d", n, maxOpen)
	}
	for _, table := range []string{"rejects", "_ledger"} {
		if len(files[table]) == 0 {
			t.Fatalf("demo wrote no %s file", table)
		}
	}
	var all []string
	for _, table := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		all = append(all, files[table]...)
	}
	t.Run("path_in_schema", func(t *testing.T) {
		bad := 0
		for _, path := range all {
			bad += checkPathInSchema(t, path)
		}
		if bad > 0 {
			t.Errorf("%d of %d files have column chunks that do not name their column", bad, len(all))
		}
	})
	t.Run("created_by", func(t *testing.T) {
		want := "cmpulse version " + version.String()
		if rev := version.Revision(); rev != "" {
			want += " (build " + rev + ")"
		}
		for _, path := range all {
			if got := openParquet(t, path).Metadata().CreatedBy; got != want {
				t.Errorf("%s: created_by %q, want %q", path, got, want)
			}
		}
	})
	t.Run("arrow", func(t *testing.T) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, path := range all {
			rows, want, err := arrowStats(path)
			if err != nil {
				t.Errorf("Arrow: %v", err)
				continue
			}
			got, err := duckStats(db, path, want)
			if err != nil {
				t.Errorf("DuckDB: %v", err)
				continue
			}
			if got.rows != rows {
				t.Errorf("%s: Arrow read %d rows, DuckDB %d", path, rows, got.rows)
			}
			if diff := cmp.Diff(want, got.cols, cmp.AllowUnexported(colStats{})); diff != "" {
				t.Errorf("%s: column sums differ (-Arrow +DuckDB):\n%s", path, diff)
			}
		}
	})
	t.Run("hyparquet", func(t *testing.T) { checkHyparquet(t, all) })
}

// checkHyparquet reads every file with hyparquet, a strict JavaScript
// reader that refuses what DuckDB and Arrow tolerate (an empty
// path_in_schema among others), and holds its rows and column sums
// against DuckDB's.
func checkHyparquet(t *testing.T, paths []string) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int64
	for _, f := range parquetcheck.Hyparquet(t, paths) {
		rows += f.Rows
		if f.Err != "" {
			t.Errorf("hyparquet refused %s: %s", f.Path, f.Err)
			continue
		}
		want := map[string]colStats{}
		for name, c := range f.Columns {
			want[name] = colStats{kind: c.Kind, nonNull: c.NonNull, sum: c.Sum}
		}
		got, err := duckStats(db, f.Path, want)
		if err != nil {
			t.Errorf("DuckDB: %v", err)
			continue
		}
		if got.rows != f.Rows {
			t.Errorf("%s: hyparquet read %d rows, DuckDB %d", f.Path, f.Rows, got.rows)
		}
		if diff := cmp.Diff(want, got.cols, cmp.AllowUnexported(colStats{})); diff != "" {
			t.Errorf("%s: column sums differ (-hyparquet +DuckDB):\n%s", f.Path, diff)
		}
	}
	t.Logf("hyparquet read %d files, %d rows", len(paths), rows)
}

// TestHyparquetRefusesReusedWriter is the negative control of the
// hyparquet check: two files written by one parquet-go writer, Reset in
// between (the pattern ingest used before each file got a writer of its
// own), must make hyparquet refuse the second, else the check above could
// not fail on the defect it is there for.
func TestHyparquetRefusesReusedWriter(t *testing.T) {
	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "first.parquet"), filepath.Join(dir, "second.parquet")}
	var w *parquet.GenericWriter[warehouse.Reject]
	for i, path := range paths {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if w == nil {
			w = parquet.NewGenericWriter[warehouse.Reject](f, writerOptions()...)
		} else {
			w.Reset(f)
		}
		rows := []warehouse.Reject{{Batch: "b", SourceFile: "x.log", SourceLine: int64(i + 1), Reason: "r", Raw: "raw"}}
		if _, err := w.Write(rows); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	got := parquetcheck.Hyparquet(t, paths)
	if got[0].Err != "" || got[0].Rows != 1 {
		t.Errorf("hyparquet read the first file of the writer as %+v, want 1 row and no error", got[0])
	}
	if got[1].Err == "" {
		t.Errorf("hyparquet read the second file of a Reset writer (%+v), want it refused: the check cannot catch an empty path_in_schema", got[1])
	} else {
		t.Logf("hyparquet refused the second file as it should: %s", got[1].Err)
	}
}

// checkPathInSchema reports the column chunks of one file whose
// path_in_schema is not the schema's path of their column, and returns 1
// if there was any.
func checkPathInSchema(t *testing.T, path string) int {
	t.Helper()
	md := openParquet(t, path).Metadata()
	nodes, err := footerSchema(md)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return 1
	}
	leaves := leafPaths(nodes)
	bad := 0
	for g, rg := range md.RowGroups {
		if len(rg.Columns) != len(leaves) {
			t.Errorf("%s: row group %d has %d column chunks, the schema %d columns", path, g, len(rg.Columns), len(leaves))
			bad++
			continue
		}
		for c, chunk := range rg.Columns {
			if got := []string(chunk.MetaData.PathInSchema); !slices.Equal(got, leaves[c]) {
				if bad == 0 {
					t.Errorf("%s: row group %d, column %d: path_in_schema %q, want %q", path, g, c, got, leaves[c])
				}
				bad++
			}
		}
	}
	if bad > 0 {
		return 1
	}
	return 0
}

// colStats are what both readers must agree on for a column: how many
// values are not null, and a sum (of the values for integers, of true
// for booleans, of lengths in bytes for text, of elements for lists,
// of microseconds since the epoch for timestamps).
type colStats struct {
	kind    string
	nonNull int64
	sum     string
}

// arrowStats reads a whole file with Apache Arrow's Parquet reader.
func arrowStats(path string) (int64, map[string]colStats, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return 0, nil, fmt.Errorf("opening %s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return 0, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer tbl.Release()
	out := map[string]colStats{}
	for i := range int(tbl.NumCols()) {
		col := tbl.Column(i)
		s := colStats{}
		sum := new(big.Int)
		for _, chunk := range col.Data().Chunks() {
			s.nonNull += int64(chunk.Len() - chunk.NullN())
			kind, err := addArrow(sum, chunk)
			if err != nil {
				return 0, nil, fmt.Errorf("reading %s, column %s: %w", path, col.Name(), err)
			}
			s.kind = kind
		}
		s.sum = sum.String()
		out[col.Name()] = s
	}
	return tbl.NumRows(), out, nil
}

// addArrow adds a chunk's values to sum as colStats says, and returns the
// kind of column it is.
func addArrow(sum *big.Int, a arrow.Array) (string, error) {
	var add func(i int) int64
	kind := "int"
	switch a := a.(type) {
	case *array.Int32:
		add = func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int64:
		add = a.Value
	case *array.Float64:
		kind = "float" // in micro-units, rounded half away from zero
		add = func(i int) int64 { return int64(math.Round(a.Value(i) * 1e6)) }
	case *array.Boolean:
		kind = "bool"
		add = func(i int) int64 {
			if a.Value(i) {
				return 1
			}
			return 0
		}
	case *array.String:
		kind = "text"
		add = func(i int) int64 { return int64(len(a.Value(i))) }
	case *array.Binary:
		kind = "text"
		add = func(i int) int64 { return int64(len(a.Value(i))) }
	case *array.List:
		kind = "list"
		add = func(i int) int64 { s, e := a.ValueOffsets(i); return e - s }
	case *array.Timestamp:
		kind = "timestamp"
		unit := a.DataType().(*arrow.TimestampType).Unit
		mult := map[arrow.TimeUnit]int64{arrow.Second: 1e6, arrow.Millisecond: 1e3, arrow.Microsecond: 1}[unit]
		if mult == 0 {
			return "", fmt.Errorf("timestamp unit %v not handled", unit)
		}
		add = func(i int) int64 { return int64(a.Value(i)) * mult }
	default:
		return "", fmt.Errorf("arrow type %v not handled", a.DataType())
	}
	var v big.Int
	for i := range a.Len() {
		if a.IsNull(i) {
			continue
		}
		sum.Add(sum, v.SetInt64(add(i)))
	}
	return kind, nil
}

type duckResult struct {
	rows int64
	cols map[string]colStats
}

// duckStats computes with DuckDB the same numbers as arrowStats, for the
// columns it found.
func duckStats(db *sql.DB, path string, like map[string]colStats) (duckResult, error) {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range like {
			if !yield(k) {
				return
			}
		}
	})
	sel := []string{"count(*)"}
	for _, name := range names {
		c := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
		var sum string
		switch like[name].kind {
		case "bool":
			sum = "sum(" + c + "::INTEGER)"
		case "text":
			sum = "sum(strlen(" + c + "))"
		case "list":
			sum = "sum(len(" + c + "))"
		case "timestamp":
			sum = "sum(epoch_us(" + c + "))"
		case "float":
			sum = "sum(round(" + c + " * 1e6)::BIGINT)"
		default:
			sum = "sum(" + c + ")"
		}
		sel = append(sel, "count("+c+")", "coalesce("+sum+"::HUGEINT, 0)::VARCHAR")
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM read_parquet(?, hive_partitioning = false)"
	vals := make([]any, 1+2*len(names))
	var res duckResult
	vals[0] = &res.rows
	counts := make([]int64, len(names))
	sums := make([]string, len(names))
	for i := range names {
		vals[1+2*i], vals[2+2*i] = &counts[i], &sums[i]
	}
	if err := db.QueryRow(q, path).Scan(vals...); err != nil {
		return res, fmt.Errorf("reading %s: %w", path, err)
	}
	res.cols = map[string]colStats{}
	for i, name := range names {
		res.cols[name] = colStats{kind: like[name].kind, nonNull: counts[i], sum: sums[i]}
	}
	return res, nil
}

var update = flag.Bool("update", false, "rewrite the schema goldens under ../testdata/schema")

// schemaTables names each table folder's golden file.
var schemaTables = map[string]string{
	warehouse.HitsDir:          "hits",
	warehouse.RejectsDir:       "rejects",
	warehouse.LedgerDir:        "ledger",
	warehouse.SocialPostsDir:   "social_posts",
	warehouse.ConversationsDir: "conversations",
	warehouse.FollowersDir:     "followers",
	warehouse.DismissedDir:     "dismissed",
}

// TestSchemaGolden holds the Parquet schema of every table against
// testdata/schema/<table>.txt: the columns, their types and repetition
// are the contract with every other reader of the warehouse. Every file of
// a table must have that schema. Run go test ./ingest -run SchemaGolden
// -update after an intended change (and bump the warehouse format if old
// readers would misread it).
func TestSchemaGolden(t *testing.T) {
	files := parquetFiles(t, demoWarehouse(t))
	golden := filepath.Join("..", "testdata", "schema")
	for _, dir := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		table, ok := schemaTables[dir]
		if !ok {
			t.Errorf("table folder %s has no schema golden: add it to schemaTables", dir)
			continue
		}
		t.Run(table, func(t *testing.T) {
			got := ""
			for _, path := range files[dir] {
				s, err := schemaText(table, openParquet(t, path).Metadata())
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				if got != "" && s != got {
					t.Fatalf("%s has another schema than %s:\n%s", path, files[dir][0], cmp.Diff(got, s))
				}
				got = s
			}
			path := filepath.Join(golden, table+".txt")
			if *update {
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest -run SchemaGolden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("schema of %s differs from %s (-want +got; run go test ./ingest -run SchemaGolden -update if the change is intended):\n%s", table, path, diff)
			}
		})
	}
	for dir, table := range schemaTables {
		if len(files[dir]) == 0 {
			t.Errorf("the demo wrote no file of table %s, whose schema has a golden", table)
		}
	}
}

// convertedTypes are the names of the Parquet format's ConvertedType enum,
// by value.
var convertedTypes = []string{"UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE",
	"TIME_MILLIS", "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16",
	"UINT_32", "UINT_64", "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"}

// schemaText lists a footer's schema, one element a line, as another
// reader sees it.
func schemaText(table string, md *format.FileMetaData) (string, error) {
	nodes, err := footerSchema(md)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Parquet schema of the %s table, as cmpulse writes it (generated by go test ./ingest -run SchemaGolden -update).\n", table)
	fmt.Fprintf(&b, "# Readers rely on it: a change here is a change of the warehouse format.\n")
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "column\tphysical\tlogical\tconverted\trepetition")
	for _, n := range nodes {
		physical := "group"
		if typ, ok := n.elem.Type.Get(); ok {
			physical = typ.String()
			if l, ok := n.elem.TypeLength.Get(); ok && typ == format.FixedLenByteArray {
				physical += fmt.Sprintf("(%d)", l)
			}
		}
		logical := n.elem.LogicalType.String()
		if logical == "" {
			logical = "-"
		}
		converted := "-"
		if c, ok := n.elem.ConvertedType.Get(); ok {
			converted = strconv.Itoa(int(c))
			if int(c) >= 0 && int(c) < len(convertedTypes) {
				converted = convertedTypes[c]
			}
		}
		rep := "-"
		if r, ok := n.elem.RepetitionType.Get(); ok {
			rep = r.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", strings.Join(n.path, "."), physical, logical, converted, rep)
	}
	tw.Flush()
	return b.String(), nil
}
