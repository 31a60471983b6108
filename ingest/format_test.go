package ingest

import "testing"

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
		if _, err := newReader(k.Name, "x", nil); err != nil {
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
