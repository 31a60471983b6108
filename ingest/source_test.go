package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Test helpers shared by the readers of snapshot kinds.

// readSource runs the reader of the kind named format over content, as
// ingest would, and returns its records, its rejects and its count of
// skipped records. A reader error other than a *ParseError fails the test.
func readSource(t testing.TB, format, name, content string, own *Own) (recs []Record, rejects []*ParseError, skipped int64) {
	t.Helper()
	recs, rejects, skipped, err := readSourceErr(format, name, content, own)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs, rejects, skipped
}

// readSourceErr is readSource that returns the error that ended the input,
// for fuzz tests: any outcome but a panic or a loop is allowed there.
func readSourceErr(format, name, content string, own *Own) (recs []Record, rejects []*ParseError, skipped int64, err error) {
	k := kindOf(format)
	if k == nil || k.OpenSource == nil {
		return nil, nil, 0, errors.New("no snapshot kind " + format)
	}
	if own == nil {
		own = NewOwn(nil)
	}
	rd := k.OpenSource(&Source{Name: name, R: strings.NewReader(content), ModTime: time.Unix(0, 0), Own: own})
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			rejects = append(rejects, pe)
			continue
		}
		if err != nil {
			return recs, rejects, skipped, err
		}
		recs = append(recs, rec)
	}
	if s, ok := rd.(Skipper); ok {
		skipped = s.Skipped()
	}
	return recs, rejects, skipped, nil
}

// realSample returns ../shared/data/real/<sub> beside the checkout, or
// skips the test: a user's clone has no ../shared, and its files may not be
// copied into the project.
func realSample(t testing.TB, sub string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "shared", "data", "real", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no real sample data at %s (it lives beside the checkout in ../shared): %v", p, err)
	}
	return p
}
