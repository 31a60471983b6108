package warehouse

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readRecord(t *testing.T, dir string) formatRecord {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, formatFile))
	if err != nil {
		t.Fatal(err)
	}
	var rec formatRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return rec
}

// TestFormatRecorded: a new warehouse records its format; so does one of
// the layout before the format was recorded (format 1), the first time it
// is opened for writing, as the current format (upgrading from 1 is
// recording 2); a format 1 record is upgraded; a current record is not
// rewritten.
func TestFormatRecorded(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if rec := readRecord(t, dir); rec.Format != Format || rec.WrittenBy == "" {
		t.Errorf("new warehouse: record %+v, want format %d and a version", rec, Format)
	}

	old := t.TempDir()
	os.MkdirAll(filepath.Join(old, HitsDir, "site=a", "date=2025-01-01"), 0o755)
	if n, recorded, err := readFormat(old); n != 1 || recorded || err != nil {
		t.Errorf("readFormat(unrecorded) = %d, %v, %v; want 1, false, nil", n, recorded, err)
	}
	w, err = Open(old)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if rec := readRecord(t, old); rec.Format != Format {
		t.Errorf("existing warehouse: record %+v, want format %d", rec, Format)
	}

	os.WriteFile(filepath.Join(dir, formatFile), []byte(`{"format":1,"written_by":"v0.1.0"}`), 0o644)
	w, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if rec := readRecord(t, dir); rec.Format != Format || rec.WrittenBy == "v0.1.0" {
		t.Errorf("format 1 record not upgraded: %+v", rec)
	}
	os.WriteFile(filepath.Join(dir, formatFile), []byte(`{"format":2,"written_by":"v0.2.0"}`), 0o644)
	w, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if rec := readRecord(t, dir); rec.WrittenBy != "v0.2.0" {
		t.Errorf("record rewritten: %+v", rec)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, formatFile+"*")); len(m) != 1 {
		t.Errorf("files left beside the record: %v", m)
	}
}

// TestNewerFormatRefused: a warehouse of a newer format is refused by the
// writer (before it recovers anything) and by the readers, with a message
// that says what to do.
func TestNewerFormatRefused(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, HitsDir), 0o755)
	os.WriteFile(filepath.Join(dir, formatFile), []byte(`{"format":3,"written_by":"v9.0.0"}`), 0o644)
	// A newer cmpulse's interrupted batch: not this one's to discard.
	staging := filepath.Join(dir, stagingDir, "20990101T000000Z-00000000")
	os.MkdirAll(staging, 0o755)

	want := "format 3 is newer than this cmpulse understands (max 2); upgrade cmpulse"
	check := func(what string, err error) {
		t.Helper()
		var ne *NewerFormatError
		if !errors.As(err, &ne) || ne.Format != 3 || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("%s: %v, want a NewerFormatError naming %s and saying %q", what, err, dir, want)
		}
	}
	w, err := Open(dir)
	if err == nil {
		w.Close()
	}
	check("Open", err)
	if _, err := os.Stat(staging); err != nil {
		t.Errorf("Open of a newer warehouse touched its staging: %v", err)
	}
	_, err = Views(dir, nil)
	check("Views", err)
	db, err := OpenDB(context.Background(), dir, DBOptions{})
	if err == nil {
		db.Close()
	}
	check("OpenDB", err)
}

func TestFormatDamaged(t *testing.T) {
	for _, content := range []string{"", "{", `{"format":0}`, `{"format":"one"}`} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, formatFile), []byte(content), 0o644)
		w, err := Open(dir)
		if err == nil {
			w.Close()
			t.Errorf("Open with %s = %q: no error", formatFile, content)
			continue
		}
		if !strings.Contains(err.Error(), formatFile) {
			t.Errorf("Open with %s = %q: %v, want the file named", formatFile, content, err)
		}
	}
}
