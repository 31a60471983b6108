// Package reports writes the cmpulse report: a small static web site that
// a community manager opens from disk (file://), offline, on a desktop or
// a phone.
//
// The caller computes everything and hands over a [Report]; this package
// only formats and lays it out. [Write] turns it into one HTML page per
// [Page], one CSV file per [Table], a stylesheet and echarts.min.js, all in
// one folder, so the report can be copied or mailed as a whole.
//
// Two promises shape the code:
//
//   - The report makes no network request. echarts.min.js is embedded in
//     the binary and written beside the pages, the stylesheet uses system
//     fonts, and a Content-Security-Policy forbids loading anything else.
//   - Every string of a Report may come from a log line or a post and is
//     treated as hostile. Pages go through html/template; chart options are
//     JSON with <, > and & escaped, read with JSON.parse, never evaluated;
//     echarts draws tooltips on the canvas rather than as HTML; and a link
//     is a link only when it is an absolute http(s) URL.
//
// Charts are built with go-echarts, which produces echarts options, but
// the pages are this package's own templates (templates/page.gohtml): see
// renderChart for why go-echarts' own page and snippet scripts are not
// used.
package reports
