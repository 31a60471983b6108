package warehouse

import (
	"slices"
	"testing"
	"time"
)

// TestTableLayout: a file's path is made from its partition values in one
// place and read back from it, and a row's partition comes from the row.
func TestTableLayout(t *testing.T) {
	ts := time.Date(2026, 3, 6, 23, 59, 59, 0, time.UTC)
	k := Hits.Key(&Hit{TS: ts}, At{Site: "example.org"})
	rel := Hits.File(Hits.Values(k), "B")
	if want := "hits/site=example.org/date=2026-03-06/B.parquet"; rel != want {
		t.Errorf("hits file %q, want %q", rel, want)
	}
	if got, err := Hits.PartitionOf(rel); err != nil || !slices.Equal(got, []string{"example.org", "2026-03-06"}) {
		t.Errorf("PartitionOf(%q) = %v, %v", rel, got, err)
	}
	if _, err := Hits.PartitionOf("rejects/date=2026-03-06/B.parquet"); err == nil {
		t.Error("PartitionOf took a rejects file for a hits file")
	}
	before := time.Date(1969, 12, 31, 12, 0, 0, 0, time.UTC) // floor, not truncation
	rk := Rejects.Key(&Reject{}, At{Time: before})
	if rel, want := Rejects.File(Rejects.Values(rk), "B"), "rejects/date=1969-12-31/B.parquet"; rel != want {
		t.Errorf("rejects file %q, want %q", rel, want)
	}
	names := map[string]bool{}
	for _, tb := range Tables {
		if names[tb.Name] || names[tb.View] && tb.View != tb.Name {
			t.Errorf("table %s listed twice", tb.Name)
		}
		names[tb.Name], names[tb.View] = true, true
		if len(tb.Schema.Fields()) == 0 {
			t.Errorf("table %s has no schema", tb.Name)
		}
	}
}
