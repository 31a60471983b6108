// Package transform computes with DuckDB what the report shows: it resolves
// the report period, materialises the page views and visits of the site
// once per run, runs the queries of package queries (one per report
// section) and turns their rows into a reports.Report.
//
// The definitions of the numbers live in the SQL (queries/*.sql, their
// header comments quote SPEC.md); this package only chooses periods, binds
// parameters and formats.
package transform
