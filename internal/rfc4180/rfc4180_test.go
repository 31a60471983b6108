package rfc4180

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWrite(t *testing.T) {
	records := [][]string{
		{"plain", "with,comma", `with "quote"`},
		{"cr\ronly", "lf\nonly", "crlf\r\nboth"},
		{"", " spaced ", "ünïcode"},
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, r := range records {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	want := "plain,\"with,comma\",\"with \"\"quote\"\"\"\r\n\"cr\ronly\",\"lf\nonly\",\"crlf\r\nboth\"\r\n, spaced ,ünïcode\r\n"
	if b.String() != want {
		t.Errorf("Write = %q, want %q", b.String(), want)
	}
	// encoding/csv reads it back; it folds \r\n inside quotes to \n, so
	// compare the fields without CRs.
	got, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(records) {
		t.Fatalf("read back %d records, want %d", len(got), len(records))
	}
	if diff := cmp.Diff(records[0], got[0]); diff != "" {
		t.Errorf("record 0 (-want +got):\n%s", diff)
	}
}
