package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// closestKinds says which kinds come nearest to reading an input that no
// kind detects (SPEC, "Sources": the error names the closest kinds and how
// many of its first records each could read), from its first bytes: each
// kind's reader runs over them, and the kinds that read some records as
// rows are named, most first.
func closestKinds(head []byte) string {
	type near struct {
		name       string
		rows, seen int
	}
	var ns []near
	for _, k := range kinds {
		rows, seen := tryKind(&k, head)
		if rows > 0 {
			ns = append(ns, near{k.Name, rows, seen})
		}
	}
	if len(ns) == 0 {
		return "no kind reads any of its first records"
	}
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].rows*ns[j].seen > ns[j].rows*ns[i].seen })
	var parts []string
	for i, n := range ns {
		if i == 3 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%d of its first %d records)", n.name, n.rows, n.seen))
	}
	return "closest: " + strings.Join(parts, ", ")
}

// tryKind reads up to 20 records of head with kind k, and counts those
// read as rows among those seen.
func tryKind(k *Kind, head []byte) (rows, seen int) {
	var rd Reader
	switch {
	case k.Open != nil:
		rd = k.Open("", newLineScanner(bytes.NewReader(head), newPrefixHash(), 1, 0))
	case k.OpenSource != nil:
		rd = k.OpenSource(&Source{R: bytes.NewReader(head), Own: NewOwn(nil)})
	default:
		return 0, 0
	}
	for seen < 20 {
		_, err := rd.Next()
		var pe *ParseError
		switch {
		case err == nil:
			rows++
		case errors.As(err, &pe):
		case err == io.EOF:
			return rows, seen
		default:
			return rows, seen // the head ends mid-record, or is not of this kind at all
		}
		seen++
	}
	return rows, seen
}
