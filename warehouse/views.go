package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/cmpulse/cmpulse/queries"
)

// derived are the views defined in SQL over the tables, in order: each
// may use the ones before it. definitions holds the macros of SPEC's
// definitions.
var derived = []string{"definitions", "view_hits", "view_pageviews", "view_sessions", "view_dismissed", "view_community_people"}

// Views returns the statements that make the warehouse in dir queryable by
// its table names (hits, pageviews, sessions, rejects), for cmpulse sql and
// for the DuckDB CLI. The derived views' SQL comes from qs. A warehouse of
// a newer format than this cmpulse's is refused (*NewerFormatError).
func Views(dir string, qs *queries.Set) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("finding warehouse: %w", err)
	}
	if strings.ContainsAny(abs, "*?[]{}") {
		// read_parquet expands these in its path: the views would read
		// other folders' files, or none.
		return nil, fmt.Errorf("warehouse path %s has a glob character (* ? [ ] { }): DuckDB would read the wrong files; move or rename the folder", abs)
	}
	if _, err := checkFormat(abs); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range Tables {
		v, err := view(t, abs)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	for _, name := range derived {
		q, err := qs.Get(name)
		if err != nil {
			return nil, err
		}
		out = append(out, strings.TrimSpace(q))
	}
	return out, nil
}

// view makes the view of table t, whose files are under root.
func view(t *Table, root string) (string, error) {
	folder := filepath.Join(root, t.Dir)
	pattern := t.glob(root)
	files, err := filepath.Glob(pattern)
	if err != nil {
		return "", fmt.Errorf("listing %s: %w", folder, err)
	}
	if len(files) == 0 {
		return fmt.Sprintf("CREATE OR REPLACE VIEW %s AS %s;", t.View, empty(t)), nil
	}
	var types []string
	for _, c := range t.Partition {
		types = append(types, Quote(c.Name)+": "+Quote(c.Type))
	}
	// The empty relation first gives every column of the table's schema,
	// typed and in its order, whatever the age of the files: a column that
	// no file has yet (files written before it existed) is NULL, as
	// union_by_name makes it where some files have it. A column that only
	// the files have comes after. DuckDB drops the empty side when it
	// plans, so partition pruning and projection are as before.
	hive := "hive_partitioning = false" // a table of one folder (dismissed)
	if len(types) > 0 {
		hive = "hive_partitioning = true, hive_types = {" + strings.Join(types, ", ") + "}"
	}
	return fmt.Sprintf("CREATE OR REPLACE VIEW %s AS\n%s\nUNION ALL BY NAME\nSELECT * FROM read_parquet(%s, %s, union_by_name = true);",
		t.View, empty(t), Quote(pattern), hive), nil
}

// empty is a SELECT with the table's columns and no rows, so that queries on
// a table with no data yet return nothing instead of failing.
func empty(t *Table) string {
	cols := map[string]string{}
	var order []string
	for _, f := range t.Schema.Fields() {
		cols[f.Name()] = duckType(f)
		order = append(order, f.Name())
	}
	for _, c := range t.Partition {
		cols[c.Name] = c.Type
		order = append(order, c.Name)
	}
	var sel []string
	done := map[string]bool{}
	for _, name := range append(append([]string{}, t.First...), order...) {
		if done[name] {
			continue
		}
		done[name] = true
		sel = append(sel, "CAST(NULL AS "+cols[name]+") AS "+name)
	}
	return "SELECT " + strings.Join(sel, ", ") + " WHERE false"
}

// duckType is the DuckDB type DuckDB gives a Parquet column of this kind.
func duckType(f parquet.Field) string {
	t := f.Type()
	if lt := t.LogicalType(); lt != nil && isList(lt) {
		// LIST: a repeated group ("list") of one field ("element").
		if inner := f.Fields(); len(inner) == 1 && len(inner[0].Fields()) == 1 {
			return duckType(inner[0].Fields()[0]) + "[]"
		}
		return "VARCHAR[]"
	}
	if lt := t.LogicalType(); lt != nil {
		if ts, ok := lt.Value.(*format.TimestampType); ok {
			if ts.IsAdjustedToUTC {
				return "TIMESTAMPTZ"
			}
			return "TIMESTAMP"
		}
	}
	switch t.Kind() {
	case parquet.Boolean:
		return "BOOLEAN"
	case parquet.Int32:
		return "INTEGER"
	case parquet.Int64:
		return "BIGINT"
	case parquet.Float:
		return "FLOAT"
	case parquet.Double:
		return "DOUBLE"
	}
	return "VARCHAR"
}

// Quote makes s a SQL string literal. It is for the few values that SQL
// cannot take as parameters (file paths in read_parquet and COPY, inside
// views); every other value is bound.
func Quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// finishInterrupted completes a batch that a crashed writer committed but did
// not finish placing, so that readers never see half of it. It takes the
// lock to do so; if a writer holds it, that writer is finishing its batch.
func finishInterrupted(dir string) {
	committed, _ := filepath.Glob(filepath.Join(dir, stagingDir, "*", commitFile))
	if len(committed) == 0 {
		return
	}
	if w, err := Open(dir); err == nil {
		w.Close()
	}
}

// ErrNoWarehouse is returned by OpenDB for a folder that is not a warehouse.
var ErrNoWarehouse = errors.New("no warehouse")

// DBOptions tune the DuckDB session.
type DBOptions struct {
	MemoryLimit string       // DuckDB's memory_limit, e.g. "2GB"; "" for DuckDB's default
	TempDir     string       // where DuckDB spills; "" for DuckDB's default
	TimeZone    string       // session time zone; "" for UTC
	Queries     *queries.Set // SQL of the derived views; nil for the embedded
	Threads     int          // DuckDB threads; 0 for DuckDB's default
}

// OpenDB opens an in-memory DuckDB database with the warehouse's tables as
// views. The warehouse is only read.
func OpenDB(ctx context.Context, dir string, opt DBOptions) (*sql.DB, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w at %s: ingest something first (cmpulse ingest), or give --warehouse", ErrNoWarehouse, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, HitsDir)); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, LedgerDir)); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s: ingest something first (cmpulse ingest), or give --warehouse", ErrNoWarehouse, dir)
		}
	}
	// Before finishing an interrupted batch: a newer format's batches are
	// not this cmpulse's to finish.
	if _, err := checkFormat(dir); err != nil {
		return nil, err
	}
	finishInterrupted(dir)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, fmt.Errorf("starting DuckDB: %w", err)
	}
	// One connection: settings and views are then surely the session's.
	db.SetMaxOpenConns(1)
	tz := opt.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	stmts := []string{"SET TimeZone = " + Quote(tz)}
	if opt.MemoryLimit != "" {
		stmts = append(stmts, "SET memory_limit = "+Quote(opt.MemoryLimit))
	}
	if opt.TempDir != "" {
		stmts = append(stmts, "SET temp_directory = "+Quote(opt.TempDir))
	}
	if opt.Threads > 0 {
		stmts = append(stmts, "SET threads = "+strconv.Itoa(opt.Threads))
	}
	qs := opt.Queries
	if qs == nil {
		qs = queries.New("")
	}
	views, err := Views(dir, qs)
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, s := range append(stmts, views...) {
		if _, err := db.ExecContext(ctx, s); err != nil {
			db.Close()
			return nil, fmt.Errorf("preparing DuckDB (%.60s...): %w", s, err)
		}
	}
	return db, nil
}

func isList(lt *format.LogicalType) bool {
	_, ok := lt.Value.(*format.ListType)
	return ok
}
