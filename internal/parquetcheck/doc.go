// Package parquetcheck reads Parquet files with hyparquet, a strict
// JavaScript reader, under Node, and reports what it read: rows, and per
// top-level column the values that are not null and a sum. It is a test
// helper for ingest's tests (Hyparquet takes a [testing.TB]), which hold
// those numbers against DuckDB's for every file of a warehouse.
//
// It exists because DuckDB and Apache Arrow read files that other readers
// refuse: parquet-go v0.32's GenericWriter.Reset wrote column chunks with
// an empty path_in_schema, which DuckDB and arrow-go tolerate and
// hyparquet, Spark and Athena reject. A strict reader catches that class of
// defect; a lenient one cannot.
//
// hyparquet and hyparquet-compressors (for ZSTD; both MIT, as are their
// dependencies fzstd and hysnappy) come from the npm registry at the
// versions pinned in package.json and package-lock.json beside this file.
// They are installed outside the repository, in $CMPULSE_NODE_MODULES
// (default ~/.cache/cmpulse-node):
//
//	dir=${CMPULSE_NODE_MODULES:-$HOME/.cache/cmpulse-node}
//	mkdir -p "$dir" && cp internal/parquetcheck/package*.json "$dir"
//	npm ci --prefix "$dir" --ignore-scripts
//
// When node or the modules are missing (or not the pinned versions) the
// check is skipped, except in CI (CI=true), where a skipped check would
// hide invalid files.
package parquetcheck
