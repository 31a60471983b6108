package ingest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// logText returns access log lines from..to-1, each different.
func logText(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /p%d HTTP/1.1\" 200 1 \"-\" \"x\"\n", i)
	}
	return b.String()
}

func gzipped(t *testing.T, s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// entry is a file of a test archive; a name ending in "/" is a folder.
type entry struct{ name, body string }

// archiveEntries are the entries every test archive holds: 10 + 5 + 3 log
// lines (one log gzipped, one with a zip-slip name), one file of no known
// kind, and what is left out unread (a folder, macOS forks, a hidden file).
func archiveEntries(t *testing.T) []entry {
	return []entry{
		{"export/", ""},
		{"export/access.log", logText(0, 10)},
		{"export/old.log.gz", gzipped(t, logText(10, 15))},
		{"export/notes.txt", "dear diary\n"},
		{"__MACOSX/export/._access.log", "\x00\x05\x16\x07resource fork"},
		{"export/.hidden.log", logText(100, 104)},
		{"../../outside.log", logText(15, 18)},
		{"export/empty.log", ""},
	}
}

func writeZip(t *testing.T, p string, es []entry) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range es {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeTar(t *testing.T, p string, es []entry, gz bool) {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: tar.TypeReg}
		if strings.HasSuffix(e.name, "/") {
			h.Typeflag, h.Mode, h.Size = tar.TypeDir, 0o755, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(e.body))
	}
	tw.WriteHeader(&tar.Header{Name: "export/link.log", Typeflag: tar.TypeSymlink, Linkname: "access.log"})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	data := b.String()
	if gz {
		data = gzipped(t, data)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func ingestArgs(t *testing.T, wh string, args ...string) *Summary {
	t.Helper()
	sum, err := Ingest(context.Background(), args, Options{Warehouse: wh, Site: "example.org"})
	if err != nil {
		t.Fatalf("Ingest(%v) = %v", args, err)
	}
	return sum
}

func totals(sum *Summary) (rows, already, skipped int64, names []string) {
	for _, f := range sum.Files {
		rows += f.Rows
		already += f.Already
		skipped += f.Skipped
		names = append(names, shortName(f.Name))
	}
	return rows, already, skipped, names
}

// shortName is a summary name without the folders of the file, keeping an
// archive entry's name whole.
func shortName(n string) string {
	if i := strings.Index(n, "!"); i >= 0 {
		return filepath.Base(n[:i]) + n[i:]
	}
	return filepath.Base(n)
}

// TestArchives: a zip, a tar, a tar.gz (whatever their names) and a folder
// mixing them with a plain log are read as their entries, each entry in
// the summary under archive!entry; a file of no known kind is counted as
// skipped; ingesting them again adds nothing.
func TestArchives(t *testing.T) {
	cases := []struct {
		name    string
		build   func(t *testing.T, dir string) []string
		rows    int64
		skipped int64
		want    []string // names the summary must show
	}{
		{"zip", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "twitter-2026.zip")
			writeZip(t, p, archiveEntries(t))
			return []string{p}
		}, 18, 1, []string{"twitter-2026.zip!export/access.log", "twitter-2026.zip!export/old.log.gz", "twitter-2026.zip!../../outside.log", "twitter-2026.zip"}},
		{"zip by content", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "download.bin")
			writeZip(t, p, archiveEntries(t))
			return []string{p}
		}, 18, 1, []string{"download.bin!export/access.log"}},
		{"tar.gz", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "mastodon.tar.gz")
			writeTar(t, p, archiveEntries(t), true)
			return []string{p}
		}, 18, 1, []string{"mastodon.tar.gz!export/old.log.gz", "mastodon.tar.gz!../../outside.log"}},
		{"tar", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "logs.tar")
			writeTar(t, p, archiveEntries(t), false)
			return []string{p}
		}, 18, 1, []string{"logs.tar!export/access.log"}},
		{"mixed folder", func(t *testing.T, dir string) []string {
			in := filepath.Join(dir, "in")
			os.MkdirAll(filepath.Join(in, "sub"), 0o755)
			os.WriteFile(filepath.Join(in, "plain.log"), []byte(logText(200, 207)), 0o644)
			writeZip(t, filepath.Join(in, "a.zip"), []entry{{"x.log", logText(300, 302)}, {"y.json", "{}\n"}})
			writeTar(t, filepath.Join(in, "sub", "b.tgz"), []entry{{"z.log", logText(400, 404)}}, true)
			return []string{in}
		}, 13, 1, []string{"plain.log", "a.zip!x.log", "b.tgz!z.log"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			wh := filepath.Join(dir, "wh")
			args := c.build(t, dir)
			sum := ingestArgs(t, wh, args...)
			rows, _, skipped, names := totals(sum)
			for _, f := range sum.Files {
				if f.Err != nil {
					t.Errorf("%s: %v", f.Name, f.Err)
				}
			}
			if rows != c.rows || skipped != c.skipped {
				t.Errorf("rows %d, skipped %d; want %d, %d (files %v)", rows, skipped, c.rows, c.skipped, names)
			}
			for _, w := range c.want {
				if !containsString(names, w) {
					t.Errorf("summary lacks %q: %v", w, names)
				}
			}
			for _, n := range names {
				if strings.Contains(n, "MACOSX") || strings.Contains(n, ".hidden") || strings.Contains(n, "link.log") {
					t.Errorf("summary shows %q, which should be left out", n)
				}
			}
			again := ingestArgs(t, wh, args...)
			if rows, already, _, _ := totals(again); rows != 0 || already != c.rows || again.Batch != "" {
				t.Errorf("again: rows %d, already %d, batch %q; want 0, %d, none", rows, already, again.Batch, c.rows)
			}
			if _, err := os.Stat(filepath.Join(dir, "outside.log")); err == nil {
				t.Error("an entry was extracted to disk")
			}
		})
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestArchiveEntryAlreadyIn: an archive's entry with the content of a log
// ingested as a plain file adds nothing (the ledger goes by content); one
// that has grown adds its new lines only.
func TestArchiveEntryAlreadyIn(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	plain := filepath.Join(dir, "access.log")
	os.WriteFile(plain, []byte(logText(0, 10)), 0o644)
	ingestArgs(t, wh, plain)
	z := filepath.Join(dir, "backup.zip")
	writeZip(t, z, []entry{{"access.log", logText(0, 10)}, {"grown.log", logText(0, 12)}})
	sum := ingestArgs(t, wh, z)
	if rows, already, _, names := totals(sum); rows != 2 || already != 20 {
		t.Errorf("rows %d, already %d; want 2, 20 (%v)", rows, already, names)
	}
}

// TestArchiveDamaged: a damaged archive is an error naming it and the rest
// of the batch goes on; a zip entry whose checksum fails adds nothing.
func TestArchiveDamaged(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.log")
	os.WriteFile(good, []byte(logText(0, 4)), 0o644)

	z := filepath.Join(dir, "cut.zip")
	writeZip(t, z, []entry{{"a.log", logText(10, 20)}})
	b, _ := os.ReadFile(z)
	os.WriteFile(z, b[:len(b)-30], 0o644) // its directory is cut

	crc := filepath.Join(dir, "crc.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "b.log", Method: zip.Store})
	w.Write([]byte(logText(20, 30)))
	zw.Close()
	b = buf.Bytes()
	i := bytes.Index(b, []byte("/p25"))
	b[i+1] = 'q' // the stored bytes no longer match the checksum
	os.WriteFile(crc, b, 0o644)

	tgz := filepath.Join(dir, "cut.tar.gz")
	writeTar(t, tgz, []entry{{"c.log", logText(30, 40)}, {"d.log", logText(40, 50)}}, true)
	b, _ = os.ReadFile(tgz)
	os.WriteFile(tgz, b[:len(b)*2/3], 0o644)

	sum := ingestArgs(t, filepath.Join(dir, "wh"), good, z, crc, tgz)
	errs := map[string]string{}
	var rows int64
	for _, f := range sum.Files {
		rows += f.Rows
		if f.Err != nil {
			errs[shortName(f.Name)] = f.Err.Error()
		}
		if f.Name == good && f.Rows != 4 {
			t.Errorf("good.log: %d rows, want 4", f.Rows)
		}
		if strings.HasSuffix(f.Name, "crc.zip!b.log") && f.Rows != 0 {
			t.Errorf("damaged entry: %d rows, want 0", f.Rows)
		}
	}
	for name, want := range map[string]string{"cut.zip": "damaged zip archive", "crc.zip!b.log": "damaged archive entry", "cut.tar.gz": "cut.tar.gz"} {
		if !strings.Contains(errs[name], want) || !strings.Contains(errs[name], name) {
			t.Errorf("%s: error %q, want one naming it and saying %q (all: %v)", name, errs[name], want, errs)
		}
	}
	if sum.Batch == "" || rows < 4 {
		t.Errorf("batch %q, %d rows: the good file was not ingested", sum.Batch, rows)
	}
}

// TestArchiveOnStdin: an archive on standard input is refused with a
// message that says what to do.
func TestArchiveOnStdin(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.zip", "a.tar.gz"} {
		p := filepath.Join(dir, name)
		if name == "a.zip" {
			writeZip(t, p, []entry{{"x.log", logText(0, 3)}})
		} else {
			writeTar(t, p, []entry{{"x.log", logText(0, 3)}}, true)
		}
		f, _ := os.Open(p)
		sum, err := Ingest(context.Background(), []string{Stdin}, Options{Warehouse: filepath.Join(dir, "wh"), Site: "example.org", Stdin: f})
		f.Close()
		if err != nil || len(sum.Files) != 1 || sum.Files[0].Err == nil || !strings.Contains(sum.Files[0].Err.Error(), "save it to a file") {
			t.Errorf("%s on stdin: %+v, %v", name, sum, err)
		}
	}
}
