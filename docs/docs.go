// Package docs holds the documents that ship inside the binary: metrics.md,
// what every number of the report means, which the report copies beside its
// pages as metrics.html so that their links to it work offline.
package docs

import _ "embed"

// Metrics is docs/metrics.md. Its headings are the anchors that the report's
// pages link to: GitHub and the report derive the same ids from them while
// they are plain words (letters, digits and spaces).
//
//go:embed metrics.md
var Metrics []byte
