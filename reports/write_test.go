package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// writeTemp writes r into a new temporary folder and returns it.
func writeTemp(t *testing.T, r *Report) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "report")
	if err := Write(dir, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestGolden renders the sample report and compares every page and CSV
// file with testdata/golden. The assets are compared with the embedded
// files instead of being copied into testdata.
func TestGolden(t *testing.T) {
	dir := writeTemp(t, sampleReport())
	golden := filepath.Join("testdata", "golden")

	want := []string{
		"acquisition-natural-links.csv", "acquisition.html", "data-quality-missing-days.csv",
		"data-quality-rejects.csv", "data-quality.html", EchartsFile, "index.html",
		MetricsFile, "overview-top-pages.csv", StylesheetFile,
	}
	if diff := cmp.Diff(want, listDir(t, dir)); diff != "" {
		t.Errorf("files written (-want +got):\n%s", diff)
	}
	for _, a := range []struct {
		name string
		want []byte
	}{{EchartsFile, echartsJS}, {StylesheetFile, stylesheet}} {
		got, err := os.ReadFile(filepath.Join(dir, a.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, a.want) {
			t.Errorf("%s differs from the embedded file", a.name)
		}
	}

	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(golden, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range listDir(t, dir) {
		// The definitions are docs/metrics.md, which changes on its own:
		// TestDefinitionLinks and TestMetricsAnchors check that page.
		if name == EchartsFile || name == StylesheetFile || name == MetricsFile {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(golden, name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		wantData, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go test ./reports -update to create it)", err)
			continue
		}
		if diff := cmp.Diff(string(wantData), string(got)); diff != "" {
			t.Errorf("%s differs from %s (-want +got; run go test ./reports -update if the change is intended):\n%s", name, path, diff)
		}
	}
	if !*update {
		goldenFiles := listDir(t, golden)
		for _, g := range goldenFiles {
			if _, err := os.Stat(filepath.Join(dir, g)); err != nil {
				t.Errorf("golden file %s was not written", g)
			}
		}
	}
}

// TestDeterministic renders the same report twice: the output must be the
// same byte for byte, which the golden files and a diff-able report need.
func TestDeterministic(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    func() *Report
	}{
		{"sample", sampleReport},
		{"xss", xssReport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := writeTemp(t, tt.r()), writeTemp(t, tt.r())
			names := listDir(t, a)
			if diff := cmp.Diff(names, listDir(t, b)); diff != "" {
				t.Fatalf("file lists differ:\n%s", diff)
			}
			for _, n := range names {
				x, _ := os.ReadFile(filepath.Join(a, n))
				y, _ := os.ReadFile(filepath.Join(b, n))
				if !bytes.Equal(x, y) {
					t.Errorf("%s differs between two renderings of the same report", n)
				}
			}
		})
	}
}

// TestWriteOverwrites checks that writing into an existing report replaces
// its files and leaves no temporary file behind.
func TestWriteOverwrites(t *testing.T) {
	dir := writeTemp(t, sampleReport())
	r := sampleReport()
	r.Title = "changed.example.org"
	if err := Write(dir, r); err != nil {
		t.Fatalf("Write over an existing report: %v", err)
	}
	for _, n := range listDir(t, dir) {
		if strings.HasPrefix(n, ".") || strings.Contains(n, ".tmp") {
			t.Errorf("temporary file %s left behind", n)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(index, []byte("changed.example.org")) {
		t.Errorf("index.html was not rewritten")
	}
}

// TestWriteInvalid checks the names that become file names and ids: a bad
// one is an error, and nothing is written.
func TestWriteInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *Report)
		want   string
	}{
		{"no pages", func(r *Report) { r.Pages = nil }, "no pages"},
		{"slug with a slash", func(r *Report) { r.Pages[1].Slug = "../evil" }, "slug"},
		{"empty slug", func(r *Report) { r.Pages[1].Slug = "" }, "slug"},
		{"slug index", func(r *Report) { r.Pages[1].Slug = "index" }, "reserved"},
		{"slug twice", func(r *Report) { r.Pages[2].Slug = r.Pages[1].Slug }, "twice"},
		{"csv path", func(r *Report) { r.Pages[0].Blocks[2].Table.CSV = "../x.csv" }, "CSV file name"},
		{"csv not .csv", func(r *Report) { r.Pages[0].Blocks[2].Table.CSV = "x.html" }, "CSV file name"},
		{"csv twice", func(r *Report) {
			r.Pages[2].Blocks[0].Table.CSV = r.Pages[0].Blocks[2].Table.CSV
		}, "twice"},
		{"chart id empty", func(r *Report) { r.Pages[0].Blocks[1].Chart.ID = "" }, "chart id"},
		{"chart id with quote", func(r *Report) { r.Pages[0].Blocks[1].Chart.ID = `a"b` }, "chart id"},
		{"id twice", func(r *Report) { r.Pages[1].Blocks[0].Chart.ID = r.Pages[0].Blocks[1].Chart.ID }, "twice"},
		{"table id same as chart id", func(r *Report) { r.Pages[0].Blocks[2].Table.ID = r.Pages[0].Blocks[1].Chart.ID }, "twice"},
		{"unknown chart kind", func(r *Report) { r.Pages[0].Blocks[1].Chart.Kind = "radar" }, "unknown kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleReport()
			tt.change(r)
			dir := filepath.Join(t.TempDir(), "report")
			err := Write(dir, r)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write() = %v, want an error containing %q", err, tt.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("Write failed but created %s (%v)", dir, err)
			}
		})
	}
}

// TestLimit checks that a table with a Limit shows that many rows and
// says so, while its CSV keeps them all (see TestCSV).
func TestLimit(t *testing.T) {
	dir := writeTemp(t, sampleReport())
	doc := parseHTML(t, filepath.Join(dir, "index.html"))
	table := findFirst(doc, func(n *node) bool { return n.Data == "div" && attr(n, "id") == "overview-top-pages" })
	if table == nil {
		t.Fatal("table overview-top-pages not found")
	}
	rows := findAll(table, func(n *node) bool { return n.Data == "tr" })
	if got, want := len(rows), 1+3; got != want {
		t.Errorf("rows on the page = %d, want %d (header + Limit)", got, want)
	}
	if !strings.Contains(textOf(table), "Showing the first 3 of 4 rows") {
		t.Errorf("the page does not say that rows were left out: %q", textOf(table))
	}
	links := findAll(table, func(n *node) bool { return n.Data == "a" && attr(n, "href") == "overview-top-pages.csv" })
	if len(links) != 1 {
		t.Errorf("found %d Download CSV links to overview-top-pages.csv, want 1", len(links))
	}
	for _, n := range findAll(table, func(n *node) bool { return n.Data == "td" && slices.Contains(strings.Fields(attr(n, "class")), "num") }) {
		if strings.ContainsAny(textOf(n), "/") {
			t.Errorf("a numeric cell holds %q: the num class is on the wrong column", textOf(n))
		}
	}
}
