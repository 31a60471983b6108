package ingest

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// BenchmarkIngest measures ingest end to end (read, parse, hash visitors,
// write Parquet, commit) on 1,000,000 lines of a busy site's log: the sample
// blog at 30 times its traffic, about 10 days. The target is 1,000,000
// lines/s on the 2-core development machine; see docs/benchmarks.md.
func BenchmarkIngest(b *testing.B) {
	benchmarkIngest(b, 30)
}

// BenchmarkIngestSmallSite ingests 1,000,000 lines of the sample blog at its
// own traffic: about 300 days, so a Parquet file per 3,400 lines, and the
// file-system calls per partition weigh more.
func BenchmarkIngestSmallSite(b *testing.B) {
	benchmarkIngest(b, 1)
}

func benchmarkIngest(b *testing.B, scale float64) {
	const lines = 1_000_000
	path := filepath.Join(b.TempDir(), "access.log")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	next := sampledata.LineSource(sampledata.Config{Scale: scale})
	var size int64
	for range lines {
		l := next()
		w.Write(l)
		w.WriteByte('\n')
		size += int64(len(l)) + 1
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()

	b.SetBytes(size)
	for b.Loop() {
		wh := filepath.Join(b.TempDir(), "wh")
		sum, err := Ingest(context.Background(), []string{path}, Options{Warehouse: wh, Site: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Files[0].Rows != lines {
			b.Fatalf("ingested %d rows, want %d", sum.Files[0].Rows, lines)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkIngestFile ingests the file named by $CMPULSE_BENCH_LOG, to
// measure or profile on any log at hand.
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
