package ingest

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Hit is one request read from a web server log, as logged. The sink turns
// it into a row of the hits table: it adds the site, derives visitor_id and
// drops the client address unless asked to keep it.
type Hit struct {
	Line      int64     // 1-based line number in the input
	Time      time.Time // in UTC
	Client    string    // client IP address or host name, as logged
	VHost     string    // virtual host, when the format logs one
	User      string    // authenticated user ("" for "-")
	Method    string    // "" when the request was not "METHOD target [protocol]"
	Path      string    // request target before '?', or the whole request when unreadable
	Query     string    // after '?', without it
	Protocol  string    // "HTTP/1.1"; "" for HTTP/0.9 requests
	Status    int       // HTTP status
	Bytes     int64     // response size; -1 when logged as "-"
	Referrer  string    // "" for "-"
	UserAgent string    // "" for "-"
	// NoAgent says that the line has no user agent field at all (Common
	// Log Format), as opposed to an agent logged as "-".
	NoAgent bool
}

// Table reports that a Hit belongs to the hits table.
func (h *Hit) Table() string { return "hits" }

// Position returns the hit's line number.
func (h *Hit) Position() int64 { return h.Line }

// text converts logged bytes to a string that is valid UTF-8, as Parquet
// readers require: invalid bytes become U+FFFD rather than failing the line.
func text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// dash maps the log convention "-" (no value) to "".
func dash(b []byte) []byte {
	if len(b) == 1 && b[0] == '-' {
		return nil
	}
	return b
}
