package classify

import (
	"encoding/json"
	"testing"
)

// TestCrawlerList checks the embedded crawler list: every entry is read
// (none lost to a pattern Go cannot compile), and every sample agent the
// list publishes for an entry is found by some entry, as the list's own
// tests require.
func TestCrawlerList(t *testing.T) {
	var entries []struct {
		Pattern   string   `json:"pattern"`
		Instances []string `json:"instances"`
	}
	if err := json.Unmarshal(crawlerUserAgents, &entries); err != nil {
		t.Fatalf("reading data/crawler-user-agents.json: %v", err)
	}
	l := crawlerList()
	if len(entries) < 1000 || len(l.bots) != len(entries) {
		t.Fatalf("crawler list: %d entries read of %d", len(l.bots), len(entries))
	}
	for _, e := range entries {
		for _, ua := range e.Instances {
			if l.find(ua) == nil {
				t.Errorf("crawler list: sample %q of pattern %q is not found", ua, e.Pattern)
			}
		}
	}
	for _, tt := range agentTests {
		if !tt.want.Bot && l.find(tt.ua) != nil {
			t.Errorf("crawler list: browser %q matches %q", tt.ua, l.find(tt.ua).literal)
		}
	}
}

// BenchmarkCrawlerList times the crawler list on a browser's agent, which
// no entry matches: the case that every distinct browser agent pays.
func BenchmarkCrawlerList(b *testing.B) {
	l := crawlerList()
	for b.Loop() {
		if l.find(benchAgents[0]) != nil {
			b.Fatal("a browser matched")
		}
	}
}
