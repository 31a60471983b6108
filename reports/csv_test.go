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
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Errorf("%s does not start with a UTF-8 byte order mark", filepath.Base(path))
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	want := [][]string{{}}
	for _, c := range tbl.Columns {
		want[0] = append(want[0], spreadsheetSafe(c.Name, false))
	}
	for _, row := range tbl.Rows {
		var rec []string
		for i, c := range row {
			v := c.Text
			if c.Raw != "" {
				v = c.Raw
			}
			rec = append(rec, spreadsheetSafe(v, i < len(tbl.Columns) && tbl.Columns[i].Numeric))
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

// TestSpreadsheetSafe: text that a spreadsheet would run as a formula gets
// a leading quote (OWASP's rule); numbers in numeric columns stay numbers.
func TestSpreadsheetSafe(t *testing.T) {
	for _, tt := range []struct {
		in      string
		numeric bool
		want    string
	}{
		{`=HYPERLINK("http://evil","x")`, false, `'=HYPERLINK("http://evil","x")`},
		{"+cmd|' /C calc'!A0", false, "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", false, "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", false, "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"\t=1+1", false, "'\t=1+1"},
		{"\r=1+1", false, "'\r=1+1"},
		{"-3", false, "'-3"}, // text that looks like a number is still text
		{"plain text", false, "plain text"},
		{"a=b", false, "a=b"},
		{"", false, ""},
		{"ünïcödé", false, "ünïcödé"},
		{"-3", true, "-3"},
		{"-0.5", true, "-0.5"},
		{"+12%", true, "+12%"},
		{"-1e-07", true, "-1e-07"},
		{"1066", true, "1066"},
		{"=1+1", true, "'=1+1"},
		{"-1+cmd|' /C calc'!A0", true, "'-1+cmd|' /C calc'!A0"},
		{"-", true, "'-"},
	} {
		if got := spreadsheetSafe(tt.in, tt.numeric); got != tt.want {
			t.Errorf("spreadsheetSafe(%q, %v) = %q, want %q", tt.in, tt.numeric, got, tt.want)
		}
	}
}
