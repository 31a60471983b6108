// Package ingest reads exported data (web server access logs today; search,
// analytics and social exports later) and appends it to a cmpulse warehouse
// as Parquet.
//
// The pieces, in the order data flows through them:
//
//   - sources.go expands the command line (files, folders, globs, "-") into
//     inputs and opens them, decompressing gzip by content, not by name;
//   - format.go detects each input's format from its first lines and picks
//     the [Reader] for it: one file per format (accesslog_combined.go, ...);
//   - ledger.go knows which byte ranges of which content streams are already
//     in, so that a re-run adds nothing and a grown or rotated log adds only
//     its new lines;
//   - sink.go partitions rows Hive-style and writes them through
//     parquetwriter.go into a [warehouse.Batch], which appears whole or not
//     at all;
//   - derive.go derives the classification columns of a hit from its raw
//     columns: the one function ingest and [Reclassify] share;
//   - ingest.go ties them together and returns a per-file [Summary];
//   - reclassify.go re-derives the classification of hits already in the
//     warehouse after the rules or a site's hosts changed, rewriting only
//     the files that change, batch by batch (site.go keeps the key that
//     tells which files are current).
//
// Every input line ends up as exactly one row or one reject: readers never
// drop a line, and a bad line is a [*ParseError] that names file and line and
// is kept in the rejects table, never the end of the batch.
package ingest
