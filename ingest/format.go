package ingest

import (
	"fmt"
	"strings"
)

// Mode is how a source's records relate to what is already in.
type Mode int

const (
	// Stream sources grow by appending (logs): the ledger skips the bytes
	// already in and reads the rest.
	Stream Mode = iota
	// Snapshot sources are whole exports of an account, each row known by
	// its natural key (SPEC, "Sources"): the ledger knows an export by the
	// hash of its whole content, and the community tables merge its rows
	// with what is in, the newer export winning (snapshot.go).
	Snapshot
)

// Kind is a kind of source: the one place a kind is named. Adding a kind
// is one entry here, its reader file and its table's schema.
type Kind struct {
	Name  string // as --format takes it and the ledger and rejects keep it
	Table string // the warehouse table its records go to
	Mode  Mode
	// Detect reports whether an input's first bytes (up to 4 KiB) are of
	// this kind. Kinds are tried in order: put the most specific first (the
	// access log variants exclude each other).
	Detect func(head []byte) bool
	// Open returns the reader of a stream input of this kind.
	Open func(name string, scan *lineScanner) Reader
	// OpenSource returns the reader of a snapshot input of this kind.
	OpenSource func(src *Source) Reader
	// ClientFirst: the kind's lines start with the client address (after
	// a vhost field, if any), which rejects mask.
	ClientFirst bool
	// NoAgent: the kind records no user agent at all, so files from before
	// the has_agent column are given has_agent false for it.
	NoAgent bool
}

// kinds are the kinds of source cmpulse reads. The access log variants share
// one parser, which decides the variant line by line; the name detection
// gives is kept in the ledger and rejects so that a user can see what was
// recognised.
var kinds = []Kind{
	{Name: "combined", Table: "hits", Mode: Stream, Detect: accessLogIs("combined"), Open: openAccessLog, ClientFirst: true},
	{Name: "common", Table: "hits", Mode: Stream, Detect: accessLogIs("common"), Open: openAccessLog, ClientFirst: true, NoAgent: true},
	{Name: "vhost_combined", Table: "hits", Mode: Stream, Detect: accessLogIs("vhost_combined"), Open: openAccessLog, ClientFirst: true},
	{Name: "vhost_common", Table: "hits", Mode: Stream, Detect: accessLogIs("vhost_common"), Open: openAccessLog, ClientFirst: true, NoAgent: true},
	// WordPress WXR: comments to conversations, published posts to social_posts.
	{Name: "wxr", Table: "conversations", Mode: Snapshot, Detect: detectWXR, OpenSource: openWXR},
}

// Formats that --format accepts, from kinds.
var Formats = kindNames()

func kindNames() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return names
}

// kindOf returns the kind named name, or nil.
func kindOf(name string) *Kind {
	for i := range kinds {
		if kinds[i].Name == name {
			return &kinds[i]
		}
	}
	return nil
}

// newReader returns the reader for a named format.
func newReader(format, name string, scan *lineScanner) (Reader, error) {
	k := kindOf(format)
	if k == nil || k.Open == nil && k.OpenSource == nil {
		return nil, fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	if k.Open == nil {
		return nil, fmt.Errorf("format %q is a snapshot kind, opened with openSource", format)
	}
	return k.Open(name, scan), nil
}

// detect names the format of an input, or returns "" when no reader knows it.
func detect(head []byte) string {
	for _, k := range kinds {
		if k.Detect != nil && k.Detect(head) {
			return k.Name
		}
	}
	return ""
}

// TableOf returns the table that the kind named format writes, "" for an
// unknown kind or a container.
func TableOf(format string) string {
	if k := kindOf(format); k != nil {
		return k.Table
	}
	return ""
}

// IsContainer reports whether format names an archive (whose summary
// counts entries, not records).
func IsContainer(format string) bool { return format == containerZip || format == containerTar }
