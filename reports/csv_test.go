package reports

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCSV reads every CSV file back with encoding/csv: it must hold the
// header and every row of its table (Limit only applies to the page),
// cells with commas, quotes and newlines included, with CRLF line ends.
func TestCSV(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    func() *Report
	}{
		{"sample", sampleReport},
		{"xss", xssReport},
		{"awkward cells", func() *Report {
			return &Report{Pages: []Page{{Blocks: []Block{{Table: &Table{
				CSV:     "t.csv",
				Columns: []Column{{Name: "a, b"}, {Name: `say "hi"`}, {Name: "multi\nline"}},
				Rows: [][]Cell{
					{{Text: "1,2,3"}, {Text: `"quoted"`}, {Text: "line 1\nline 2"}},
					{{Text: ""}, {Text: " leading space"}, {Text: "crlf\r\ninside"}},
					{{Text: "=1+1"}, {Text: "tab\there"}, {Text: "ünïcödé ✓"}},
				},
				Limit: 1,
			}}}}}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r()
			dir := writeTemp(t, r)
			n := 0
			for _, p := range r.Pages {
				for _, b := range p.Blocks {
					if b.Table == nil {
						continue
					}
					n++
					checkCSV(t, filepath.Join(dir, b.Table.CSV), b.Table)
				}
			}
			if n == 0 {
				t.Fatal("no tables in the report")
			}
		})
	}
}

func checkCSV(t *testing.T, path string, tbl *Table) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{}}
	for _, c := range tbl.Columns {
		want[0] = append(want[0], c.Name)
	}
	for _, row := range tbl.Rows {
		var rec []string
		for _, c := range row {
			if c.Raw != "" {
				rec = append(rec, c.Raw)
			} else {
				rec = append(rec, c.Text)
			}
		}
		want = append(want, rec)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	got, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	// encoding/csv reads a quoted \r\n as \n: compare on that footing.
	for _, rec := range want {
		for i, f := range rec {
			rec[i] = string(bytes.ReplaceAll([]byte(f), []byte("\r\n"), []byte("\n")))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s read back (-want +got):\n%s", filepath.Base(path), diff)
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s does not end its records with CRLF", filepath.Base(path))
	}
	// Records end in CRLF; a line break inside a quoted field is kept as
	// it was (RFC 4180 allows it), so count record ends outside quotes.
	quoted := false
	for i, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted && (i == 0 || data[i-1] != '\r'):
			t.Errorf("%s has a record ending in a bare LF at byte %d", filepath.Base(path), i)
		}
	}
}
