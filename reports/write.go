package reports

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cmpulse/cmpulse/docs"
	"github.com/cmpulse/cmpulse/internal/rfc4180"
)

// File names the report writes besides its pages and CSV files.
const (
	StylesheetFile = "style.css"
	EchartsFile    = "echarts.min.js"
)

// Write writes the report into dir, creating it: one HTML file per page
// (the first page is index.html, the others <slug>.html), one CSV file per
// table, the definitions (MetricsFile), the stylesheet and echarts.min.js.
//
// Everything is rendered in memory before the first file is written, so an
// invalid report leaves dir untouched. Each file is written under a
// temporary name and renamed into place, and index.html comes last, so that
// a reader never opens a half-written file or a page whose CSV or script is
// not there yet. Files of an earlier report that this one does not write
// (a page or table that went away) are left as they were.
func Write(dir string, r *Report) error {
	files, err := render(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// file is one file of the report, rendered.
type file struct {
	name string
	data []byte
}

// render validates r and renders every file of the report, in the order
// they are to be written: assets, CSV files, then pages with index.html
// last.
func render(r *Report) ([]file, error) {
	if r == nil {
		return nil, errors.New("rendering report: nil report")
	}
	if err := validate(r); err != nil {
		return nil, fmt.Errorf("rendering report: %w", err)
	}
	defs, err := convertMetrics(docs.Metrics)
	if err != nil {
		return nil, err
	}
	if err := checkDefinitions(r, defs); err != nil {
		return nil, fmt.Errorf("rendering report: %w", err)
	}
	metrics, err := renderMetrics(r, defs)
	if err != nil {
		return nil, fmt.Errorf("rendering page %s: %w", MetricsFile, err)
	}
	files := []file{
		{StylesheetFile, stylesheet},
		{EchartsFile, echartsJS},
		{MetricsFile, metrics},
	}
	for _, p := range r.Pages {
		for _, b := range p.Blocks {
			if b.Table == nil {
				continue
			}
			data, err := tableCSV(b.Table)
			if err != nil {
				return nil, fmt.Errorf("writing CSV %s: %w", b.Table.CSV, err)
			}
			files = append(files, file{b.Table.CSV, data})
		}
	}
	var index file
	for i := range r.Pages {
		name := pageFile(r, i)
		data, err := renderPage(r, i)
		if err != nil {
			return nil, fmt.Errorf("rendering page %s: %w", name, err)
		}
		if i == 0 {
			index = file{name, data}
			continue
		}
		files = append(files, file{name, data})
	}
	return append(files, index), nil
}

// pageFile is the file name of page i.
func pageFile(r *Report, i int) string {
	if i == 0 {
		return "index.html"
	}
	return r.Pages[i].Slug + ".html"
}

// Names that become file names or element ids. They come from code, not
// from input, so they are held to a plain alphabet: a name that could climb
// out of the report folder or collide with another file is a bug to report,
// not something to repair silently.
var (
	slugRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	csvRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\.csv$`)
	idRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)
)

// validate checks the names in r that become file names and element ids.
func validate(r *Report) error {
	if len(r.Pages) == 0 {
		return errors.New("report has no pages")
	}
	slugs := map[string]bool{}
	csvs := map[string]bool{}
	ids := map[string]bool{}
	for i, p := range r.Pages {
		if i > 0 {
			if !slugRE.MatchString(p.Slug) {
				return fmt.Errorf("page %d: slug %q is not a plain file name (letters, digits, - and _)", i, p.Slug)
			}
			if p.Slug == "index" {
				return fmt.Errorf("page %d: slug %q is reserved for the first page", i, p.Slug)
			}
			if p.Slug+".html" == MetricsFile {
				return fmt.Errorf("page %d: slug %q is reserved for the definitions", i, p.Slug)
			}
			if slugs[p.Slug] {
				return fmt.Errorf("page %d: slug %q used twice", i, p.Slug)
			}
			slugs[p.Slug] = true
		}
		for j, b := range p.Blocks {
			if c := b.Chart; c != nil {
				if !idRE.MatchString(c.ID) {
					return fmt.Errorf("page %q block %d: chart id %q is not a plain id (a letter, then letters, digits, ., - and _)", p.Slug, j, c.ID)
				}
				if ids[c.ID] {
					return fmt.Errorf("page %q block %d: id %q used twice", p.Slug, j, c.ID)
				}
				ids[c.ID] = true
			}
			if t := b.Table; t != nil {
				if t.ID != "" {
					if !idRE.MatchString(t.ID) {
						return fmt.Errorf("page %q block %d: table id %q is not a plain id (a letter, then letters, digits, ., - and _)", p.Slug, j, t.ID)
					}
					if ids[t.ID] {
						return fmt.Errorf("page %q block %d: id %q used twice", p.Slug, j, t.ID)
					}
					ids[t.ID] = true
				}
				if !csvRE.MatchString(t.CSV) {
					return fmt.Errorf("page %q block %d: CSV file name %q is not a plain name ending in .csv", p.Slug, j, t.CSV)
				}
				if csvs[t.CSV] {
					return fmt.Errorf("page %q block %d: CSV file name %q used twice", p.Slug, j, t.CSV)
				}
				csvs[t.CSV] = true
			}
		}
	}
	return nil
}

// tableCSV is the table as RFC 4180 CSV for people: a UTF-8 byte order
// mark (without it, Excel opens the file in the machine's legacy code page
// and mangles accents), a header row of column names, then every row (Limit
// only applies to the page), CRLF line ends. Cells that a spreadsheet would
// run as a formula are neutralised (see spreadsheetSafe); `cmpulse sql
// --format csv`, which is for tools, writes neither.
func tableCSV(t *Table) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := rfc4180.NewWriter(&buf)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = spreadsheetSafe(c.Name, false)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			numeric := i < len(t.Columns) && t.Columns[i].Numeric
			rec[i] = c.Text
			if c.Raw != "" {
				rec[i] = c.Raw
			} else if numeric && c.Text == NoValue {
				rec[i] = "" // a spreadsheet reads an empty cell, not a dash
			}
			rec[i] = spreadsheetSafe(rec[i], numeric)
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// utf8BOM starts every CSV file of the report.
const utf8BOM = "\uFEFF"

// plainNumber is a number as the report writes it in a numeric column:
// "-3", "0.41", "1e-07", "+12%". Nothing of this shape can be a formula.
var plainNumber = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?%?$`)

// spreadsheetSafe neutralises a cell that a spreadsheet would read as a
// formula (OWASP's rule for CSV injection: a cell starting with =, +, -, @,
// tab or CR gets a leading single quote, which spreadsheets show as text).
// Paths, referrers, keywords and agents come from logs, so an attacker can
// put =HYPERLINK(...) in them. A plain number in a numeric column is left
// alone, so that -3 stays a number.
func spreadsheetSafe(s string, numeric bool) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if numeric && plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that path holds either its old content or all of
// the new, never a part.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, name := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// Sync before the rename: otherwise a crash can leave the new name
	// pointing at a file whose data never reached the disk.
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
