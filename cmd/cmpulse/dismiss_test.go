package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDismiss: a dismissed item is in dismissed_items until it is put
// back; a malformed item or reason is a usage error that writes nothing.
func TestDismiss(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	csv := filepath.Join(dir, "chat.csv")
	write(t, csv, "platform,thread_id,message_id,author,ts,text\nforum,t1,1,ann,2026-03-01T10:00:00Z,How do I reset my password?\n")
	mustRun(t, "ingest", "-q", "--warehouse", wh, csv)
	item := "conversations:forum:t1:1"
	mustRun(t, "dismiss", "--warehouse", wh, "--reason", "not-relevant", "--note", "answered by phone", item, "newcomer:forum:ann")
	if got := one(t, wh, "SELECT string_agg(item || ' ' || reason, ', ' ORDER BY item) FROM dismissed_items"); got != item+" not-relevant, newcomer:forum:ann not-relevant" {
		t.Errorf("dismissed_items: %q", got)
	}
	mustRun(t, "dismiss", "--warehouse", wh, "--reason", "undo", "newcomer:forum:ann")
	if got := one(t, wh, "SELECT string_agg(item, ', ') FROM dismissed_items"); got != item {
		t.Errorf("after undo: %q, want only %s", got, item)
	}
	// What a work list does with it.
	if got := one(t, wh, "SELECT count(*) FROM conversations WHERE 'conversations:' || platform || ':' || thread_id || ':' || message_id NOT IN (SELECT item FROM dismissed_items)"); got != "0" {
		t.Errorf("the dismissed message is still listed: %s", got)
	}
	for _, args := range [][]string{
		{"dismiss", "--warehouse", wh, "bogus"},
		{"dismiss", "--warehouse", wh, "--reason", "maybe", item},
		{"dismiss", "--warehouse", wh},
	} {
		if _, errOut, code := cmpulse(t, "", args...); code != 2 || !strings.Contains(errOut, "dismiss") {
			t.Errorf("%v: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
	if got := one(t, wh, "SELECT count(*) FROM dismissed"); got != "3" {
		t.Errorf("%s dismissal rows, want 3 (the refused ones wrote nothing)", got)
	}
}
