package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkIngestFile ingests the file named by $CMPULSE_BENCH_LOG, for
// profiling on any log at hand.
func BenchmarkIngestFile(b *testing.B) {
	path := os.Getenv("CMPULSE_BENCH_LOG")
	if path == "" {
		b.Skip("set CMPULSE_BENCH_LOG to a log file")
	}
	for b.Loop() {
		wh := filepath.Join(b.TempDir(), "wh")
		if _, err := Ingest(context.Background(), []string{path}, Options{Warehouse: wh, Site: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
