package ingest

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// readAll runs the combined reader over input and returns the line numbers
// of rows and of rejects.
func readAll(t testing.TB, input []byte) (rows, rejects []int64, scan *lineScanner) {
	t.Helper()
	scan = newLineScanner(bytes.NewReader(input), newPrefixHash(), 1, 0)
	r, err := newReader("combined", "test.log", scan)
	if err != nil {
		t.Fatal(err)
	}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return rows, rejects, scan
		}
		var pe *ParseError
		switch {
		case errors.As(err, &pe):
			if len(pe.Raw) > maxRaw {
				t.Fatalf("reject raw is %d bytes, want at most %d", len(pe.Raw), maxRaw)
			}
			rejects = append(rejects, pe.Line)
		case err != nil:
			t.Fatalf("Next() error = %v", err)
		default:
			if h, ok := rec.(*Hit); ok && (h.Time.Year() < 1969 || h.Time.Year() > 10000) {
				t.Fatalf("line %d: timestamp %v out of range", h.Line, h.Time)
			}
			rows = append(rows, rec.Position())
		}
	}
}

// countLines counts lines the way a person would: newline-terminated lines
// plus a last line without a newline.
func countLines(b []byte) int64 {
	n := int64(bytes.Count(b, []byte("\n")))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

const goodLine = `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`

func TestLineEnds(t *testing.T) {
	tests := []struct {
		name          string
		input         string
		rows, rejects int
	}{
		{"LF", goodLine + "\n" + goodLine + "\n", 2, 0},
		{"CRLF", goodLine + "\r\n" + goodLine + "\r\n", 2, 0},
		{"no final newline", goodLine + "\n" + goodLine, 2, 0},
		{"blank line in the middle is a reject", goodLine + "\n\n" + goodLine + "\n", 2, 1},
		{"long line", goodLine + "\n" + strings.Repeat("x", 3*maxLine) + "\n" + goodLine, 2, 1},
		{"long last line without newline", goodLine + "\n" + strings.Repeat("y", maxLine+1), 1, 1},
		{"empty input", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, rejects, scan := readAll(t, []byte(tt.input))
			if len(rows) != tt.rows || len(rejects) != tt.rejects {
				t.Errorf("rows, rejects = %d, %d, want %d, %d", len(rows), len(rejects), tt.rows, tt.rejects)
			}
			if scan.off != int64(len(tt.input)) {
				t.Errorf("consumed %d bytes, want %d", scan.off, len(tt.input))
			}
			if want := countLines([]byte(tt.input)); scan.line != want {
				t.Errorf("last line number = %d, want %d", scan.line, want)
			}
		})
	}
}

// FuzzCombined checks that the reader never panics and that every input line
// ends up as exactly one row or one reject, numbered in order.
func FuzzCombined(f *testing.F) {
	for _, s := range []string{
		goodLine,
		goodLine + "\r\n" + goodLine,
		`in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /x.txt HTTP/1.0" 200 1839`,
		`1.2.3.4 - - [29/Jul/2023:10:26:06 -0700] "\x16\x03\x01" 400 157 "-" "-"`,
		`46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET / HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible`,
		`example.org:443 2001:db8::1 - - [17/May/2015:10:05:03 +0330] "GET /a b  HTTP/1.1" 200 - "-" "x" "y"`,
		"\n\n\xff\xfe [",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		rows, rejects, scan := readAll(t, input)
		all := append(append([]int64{}, rows...), rejects...)
		if int64(len(all)) != countLines(input) {
			t.Fatalf("rows %d + rejects %d != lines %d for %q", len(rows), len(rejects), countLines(input), input)
		}
		seen := map[int64]bool{}
		for _, n := range all {
			if n < 1 || n > scan.line || seen[n] {
				t.Fatalf("line number %d out of range or repeated for %q", n, input)
			}
			seen[n] = true
		}
		if scan.off != int64(len(input)) {
			t.Fatalf("consumed %d of %d bytes", scan.off, len(input))
		}
	})
}

func TestNaturalLess(t *testing.T) {
	names := []string{"access.log", "access.log.1", "access.log.2.gz", "access.log.10.gz", "access.log.010.gz.x", "b"}
	for i := 0; i+1 < len(names); i++ {
		if !naturalLess(names[i], names[i+1]) || naturalLess(names[i+1], names[i]) {
			t.Errorf("naturalLess(%q, %q) wrong", names[i], names[i+1])
		}
	}
}

// TestScannerRead checks that whole-document readers, which read the
// scanner as an io.Reader, are counted and fingerprinted like line readers.
func TestScannerRead(t *testing.T) {
	input := []byte(`{"a": [1, 2, 3]}` + "\n" + strings.Repeat("x", 100_000))
	h := newPrefixHash()
	s := newLineScanner(bytes.NewReader(input), h, 1, 0)
	got, err := io.ReadAll(s)
	if err != nil || !bytes.Equal(got, input) {
		t.Fatalf("ReadAll = %d bytes, %v", len(got), err)
	}
	if want := hashHex(input); s.off != int64(len(input)) || hashSum(h) != want {
		t.Errorf("off = %d, hash mismatch; want %d bytes hashed", s.off, len(input))
	}
}
