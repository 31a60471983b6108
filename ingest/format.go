package ingest

import (
	"bytes"
	"fmt"
	"strings"
)

// Formats that --format accepts. The access log variants share one parser,
// which decides the variant line by line; the name detection gives is kept
// in the ledger and rejects so that a user can see what was recognised.
var Formats = []string{"combined", "common", "vhost_combined", "vhost_common"}

// newReader returns the reader for a named format.
func newReader(format, name string, scan *lineScanner) (Reader, error) {
	switch format {
	case "combined", "common", "vhost_combined", "vhost_common":
		return &lineReader{name: name, scan: scan, parse: newCombinedParser().parse}, nil
	}
	return nil, fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
}

// detectors name the format of an input from its first bytes (up to 4 KiB),
// or return "". They are tried in order: put the most specific first.
var detectors = []func(head []byte) string{
	detectAccessLog,
}

// detect names the format of an input, or returns "" when no reader knows it.
func detect(head []byte) string {
	for _, d := range detectors {
		if f := d(head); f != "" {
			return f
		}
	}
	return ""
}

// detectLines is how many non-empty lines detection looks at.
const detectLines = 20

// detectAccessLog recognises the Combined and Common formats and their vhost
// variants when the combined parser reads most of the first lines.
func detectAccessLog(head []byte) string {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 && !bytes.HasSuffix(head, []byte("\n")) {
		lines = lines[:len(lines)-1] // cut off by the length of head
	}
	p := newCombinedParser()
	var h Hit
	tried, ok, vhost, agent := 0, 0, 0, 0
	for _, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if tried++; tried > detectLines {
			break
		}
		if p.parse(l, &h) != nil {
			continue
		}
		ok++
		if h.VHost != "" {
			vhost++
		}
		if h.UserAgent != "" || h.Referrer != "" || hasQuotedTail(l) {
			agent++
		}
	}
	if tried == 0 || ok*2 < tried {
		return ""
	}
	switch {
	case vhost*2 > ok && agent > 0:
		return "vhost_combined"
	case vhost*2 > ok:
		return "vhost_common"
	case agent > 0:
		return "combined"
	}
	return "common"
}

// hasQuotedTail reports whether a line ends in a quoted field ("-" referrer
// and agent leave Referrer and UserAgent empty, yet the line is Combined).
func hasQuotedTail(l []byte) bool {
	l = bytes.TrimRight(l, " ")
	return len(l) > 0 && l[len(l)-1] == '"'
}
