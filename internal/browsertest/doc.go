// Package browsertest opens a folder of static HTML pages in headless
// Chromium, from file:// as a reader of the cmpulse report does, and checks
// what only a real browser can tell: that no script fails, nothing is
// fetched from the network, every chart drew, no injected script ran, and
// the pages fit a phone screen.
//
// It is a test helper for other packages' tests ([Check] takes a
// [testing.TB]), kept out of _test.go files so that every package whose
// output is a page can use it. It drives the system's Chromium through
// github.com/chromedp/chromedp; when the browser is missing the check is
// skipped, except in CI (CI=true), where a skipped browser test would hide
// a broken report.
package browsertest
