package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// TestReclassifyCommunity: a chat ingested before its own account was
// named gets its own messages, their answers and the text analysis when
// reclassified with it; reclassifying again changes nothing.
func TestReclassifyCommunity(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	csv := writeFile(t, filepath.Join(dir, "chat.csv"), "platform,thread_id,message_id,parent_id,author,ts,text\n"+
		"forum,t1,1,,ann,2026-03-01T10:00:00Z,How do I reset my password?\n"+
		"forum,t1,2,1,camille,2026-03-01T11:00:00Z,From the settings page.\n", time.Time{})
	ingestArgs(t, wh, csv)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE answered_at IS NOT NULL", 0)

	sum, err := ReclassifyCommunity(context.Background(), wh, map[string][]string{"forum": {"Camille"}}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum) != 1 || sum[0].Changed != 2 {
		t.Errorf("summary %+v, want the forum partition's 2 rows changed (own; answered)", sum)
	}
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE is_own_account AND author = 'camille'", 1)
	viewCount(t, wh, "SELECT response_time_s FROM conversations WHERE message_id = '1'", 3600)
	viewCount(t, wh, "SELECT count(*) FROM conversations WHERE is_complaint IS NOT NULL", 1)

	again, err := ReclassifyCommunity(context.Background(), wh, map[string][]string{"forum": {"Camille"}}, nil, false)
	if err != nil || again[0].Changed != 0 {
		t.Errorf("second run: %+v, %v; want nothing changed", again, err)
	}
}

// TestReclassifyCommunityIdempotent: on what ingest just wrote (the demo
// community, every reader's output), reclassifying with the same rules and
// accounts changes no row.
func TestReclassifyCommunityIdempotent(t *testing.T) {
	sums, err := ReclassifyCommunity(context.Background(), demoWarehouse(t), sampledata.CommunityOwn(), []string{"blog.example.org"}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Changed != 0 {
			t.Errorf("%s platform=%s: %d of %d rows changed", s.Table, s.Platform, s.Changed, s.Rows)
		}
	}
	if len(sums) < 5 {
		t.Errorf("only %d partitions: %+v", len(sums), sums)
	}
}
