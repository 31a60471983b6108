package ingest

import (
	"slices"
	"testing"

	"github.com/cmpulse/cmpulse/warehouse"
)

// TestKinds: every kind is named once, goes to a table, and a stream kind
// has a reader; --format and detection read the same list.
func TestKinds(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range kinds {
		if seen[k.Name] {
			t.Errorf("kind %q listed twice", k.Name)
		}
		seen[k.Name] = true
		if k.Table == "" {
			t.Errorf("kind %q has no table", k.Name)
		}
		if k.Mode == Stream && (k.Open == nil || k.Detect == nil) {
			t.Errorf("stream kind %q has no reader or no detection", k.Name)
		}
		if k.Mode == Snapshot && (k.OpenSource == nil || k.Detect == nil) {
			t.Errorf("snapshot kind %q has no reader or no detection", k.Name)
		}
		if _, err := newReader(k.Name, "x", nil); k.Mode == Stream && err != nil {
			t.Errorf("newReader(%q): %v", k.Name, err)
		}
	}
	if len(Formats) != len(kinds) {
		t.Errorf("Formats %v, kinds %d", Formats, len(kinds))
	}
	if _, err := newReader("nope", "x", nil); err == nil {
		t.Error("newReader accepted an unknown format")
	}
	head := []byte(`example.org:443 192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 2326 "-" "curl/8"` + "\n")
	if got := detect(head); got != "vhost_combined" {
		t.Errorf("detect(vhost combined line) = %q", got)
	}
}

// TestBindings: every kind's table is one the sink writes, and a record of
// the wrong type for a table is an error, not a panic.
func TestBindings(t *testing.T) {
	for _, k := range kinds {
		if bindingOf(k.Table) < 0 {
			t.Errorf("kind %q: the sink has no table %q", k.Name, k.Table)
		}
	}
	for _, b := range bindings {
		if !slices.Contains(warehouse.Tables, b.table()) {
			t.Errorf("the sink writes %s, which the views do not read", b.table().Name)
		}
	}
	m := newRowMaker("b", "example.org", false, []byte("key"), nil)
	c := &chunk{tables: make([]tableRows, len(bindings))}
	if _, err := c.add(bindingOf("hits"), m, &ParseError{Err: ErrEmptyLine}, origin{}); err == nil {
		t.Error("a reject was taken as a hits row")
	}
	if full, err := c.add(bindingOf("hits"), m, &Hit{}, origin{"f", "combined"}); err != nil || full || c.tables[bindingOf("hits")].len() != 1 {
		t.Errorf("adding a hit: full %v, err %v", full, err)
	}
}
