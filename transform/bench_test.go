package transform

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/reports"
	sampledata "github.com/cmpulse/cmpulse/sample-data"
	"github.com/cmpulse/cmpulse/warehouse"
)

// BenchmarkReport5M times what `cmpulse report` does (open the warehouse,
// build every page's numbers, write the HTML and CSV) on a warehouse of
// 5,000,000 hits: the sample blog at 50 times its traffic, about 30 days.
// The target is under 10 s on the 2-core development machine, with DuckDB's
// memory bounded; see docs/benchmarks.md.
func BenchmarkReport5M(b *testing.B) {
	const hits = 5_000_000
	dir := b.TempDir()
	log := filepath.Join(dir, "access.log")
	f, err := os.Create(log)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	next := sampledata.LineSource(sampledata.Config{Scale: 50})
	for range hits {
		w.Write(next())
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	ctx := context.Background()
	wh := filepath.Join(dir, "wh")
	if _, err := ingest.Ingest(ctx, []string{log}, ingest.Options{Warehouse: wh, Site: "blog.example.org"}); err != nil {
		b.Fatal(err)
	}
	os.Remove(log)

	b.ResetTimer()
	for b.Loop() {
		db, err := warehouse.OpenDB(ctx, wh, warehouse.DBOptions{MemoryLimit: "2GB", TempDir: filepath.Join(dir, "spill")})
		if err != nil {
			b.Fatal(err)
		}
		r, err := Build(ctx, db, Options{Zone: "UTC"})
		if err != nil {
			b.Fatal(err)
		}
		if err := reports.Write(filepath.Join(dir, "report"), r); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
