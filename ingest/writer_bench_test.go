package ingest

import (
	"io"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// BenchmarkWriterPerFile measures what a Parquet file costs beyond its
// rows: opening a hits writer, writing one row and closing it. Ingest pays
// it once per partition (a site's day), so it weighs on a small site's
// first import (docs/benchmarks.md).
func BenchmarkWriterPerFile(b *testing.B) {
	s := "x"
	row := []warehouse.Hit{{Path: &s, Channel: "direct", SourceFile: "f", Batch: "b"}}
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w := parquet.NewGenericWriter[warehouse.Hit](io.Discard, writerOptions()...)
			w.Write(row)
			w.Close()
		}
	})
	// What the sink did before: Reset a writer for each file. It writes
	// invalid files (parquet-go issue 602); kept to compare.
	b.Run("reset", func(b *testing.B) {
		b.ReportAllocs()
		w := parquet.NewGenericWriter[warehouse.Hit](io.Discard, writerOptions()...)
		for b.Loop() {
			w.Reset(io.Discard)
			w.Write(row)
			w.Close()
		}
	})
}
