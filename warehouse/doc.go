// Package warehouse is the cmpulse warehouse on disk: a folder of Parquet
// files partitioned Hive-style, one folder per table, plus the ingest ledger.
//
//	warehouse/
//	  hits/site=<site>/date=<YYYY-MM-DD>/<batch>.parquet
//	  rejects/date=<YYYY-MM-DD>/<batch>.parquet
//	  _ledger/<batch>.parquet
//	  _sites/<site>.json a site's own hosts and classification key
//	  _format            the warehouse format, as JSON: {"format": 1, "written_by": ...}
//	  _secret            the key of visitor_id hashes (0600)
//	  _lock              held by the one process that writes
//	  _lock.holder       which process holds it, for the next one's message
//	  _staging/<batch>/  a batch being written, or one a crash left behind
//
// The row types in tables.go define each table's columns, for the writers in
// package ingest and for the views that [OpenDB] defines.
//
// Writes go through a [Batch]: its files are written under _staging and
// moved into place only after a commit record is on disk, so a crash leaves
// the warehouse as it was before the batch or with the whole batch in. A
// batch may also supersede files ([Batch.Remove]): they go after the new
// ones are placed, in the same commit.
// [Open] finishes or discards what an interrupted batch left.
//
// A warehouse records its format ([Format]); one without the record is of
// format 1. A warehouse of a newer format than this cmpulse's is refused
// by writers and readers alike ([NewerFormatError]).
package warehouse
