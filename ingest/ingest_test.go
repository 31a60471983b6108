package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestCancelled: an interrupted ingest (Ctrl-C) commits nothing, even
// when the interruption comes during the last input.
func TestIngestCancelled(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "a.log")
	os.WriteFile(log, []byte(strings.Repeat(goodLine+"\n", 200_000)), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	wh := filepath.Join(dir, "wh")
	opt := Options{Warehouse: wh, Site: "example.org", Progress: func(done, total int64) {
		if done > 4<<20 {
			cancel() // part-way through the only input
		}
	}}
	sum, err := Ingest(ctx, []string{log}, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Ingest = %v, want context.Canceled", err)
	}
	if sum.Batch != "" {
		t.Errorf("batch %s committed", sum.Batch)
	}
	if m, _ := filepath.Glob(filepath.Join(wh, "hits", "*", "*", "*")); len(m) != 0 {
		t.Errorf("files of the interrupted batch are visible: %v", m)
	}
	// The next run ingests the file whole.
	sum, err = Ingest(context.Background(), []string{log}, Options{Warehouse: wh, Site: "example.org"})
	if err != nil || sum.Files[0].Rows != 200_000 || sum.Files[0].Already != 0 {
		t.Errorf("next run: %+v, %v", sum.Files, err)
	}
}
