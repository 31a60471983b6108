package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	sampledata "github.com/cmpulse/cmpulse/sample-data"
)

// TestRunCommunity: the nightly job ingests each configured platform's
// export folder after the logs, with the config's own accounts; a second
// run adds nothing; a platform whose folder is empty or missing is said,
// not an error; ingest --config takes the own accounts too.
func TestRunCommunity(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	os.MkdirAll(logs, 0o755)
	writeLines(t, filepath.Join(logs, "access.log"), 0, 20)
	exports := filepath.Join(dir, "exports")
	files, err := sampledata.WriteCommunity(exports, sampledata.Config{Host: "blog.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	folder := map[string]string{}
	for _, f := range files {
		name := filepath.Base(f)
		p := map[bool]string{true: "x"}[strings.HasPrefix(name, "twitter-")]
		switch {
		case strings.HasPrefix(name, "archive-"):
			p = "mastodon"
		case strings.HasSuffix(name, ".xml"):
			p = "blog"
		case strings.HasSuffix(name, ".json"):
			p = "telegram"
		}
		folder[p] = filepath.Join(dir, "drop", p)
		os.MkdirAll(folder[p], 0o755)
		if err := os.Rename(f, filepath.Join(folder[p], name)); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "drop", "linkedin"), 0o755) // nothing dropped yet
	own := sampledata.CommunityOwn()
	cfg := filepath.Join(dir, "cmpulse.toml")
	write(t, cfg, `warehouse = "wh"
report = "out"
timezone = "UTC"
[[site]]
name = "example.org"
logs = ["logs/access.log"]
[community]
blog_authors = ["`+own["blog"][0]+`", "`+own["blog"][1]+`"]
[[community.platform]]
name = "x"
exports = ["drop/x"]
[[community.platform]]
name = "mastodon"
exports = ["drop/mastodon"]
[[community.platform]]
name = "blog"
exports = ["drop/blog"]
[[community.platform]]
name = "telegram"
handles = ["`+own["telegram"][0]+`"]
exports = ["drop/telegram"]
[[community.platform]]
name = "linkedin"
exports = ["drop/linkedin", "drop/never-made"]
[[community.platform]]
name = "forum"
exports = ["drop/forum/*.csv"]
`)
	out, errOut, code := cmpulse(t, "", "run", "-q", "--config", cfg)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"community x:", "community telegram:", "social_posts platform=blog:"} {
		if !strings.Contains(out, want) {
			t.Errorf("run's output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "is empty") || !strings.Contains(errOut, "does not exist yet") || !strings.Contains(errOut, "nothing matches") {
		t.Errorf("the empty and missing export folders, and the glob matching nothing, are not said:\n%s", errOut)
	}
	wh := filepath.Join(dir, "wh")
	if got := one(t, wh, "SELECT count(DISTINCT platform) FROM conversations"); got != "3" {
		t.Errorf("conversations from %s platforms, want 3 (x, blog, telegram)", got)
	}
	// The config's own accounts reached the readers: the Telegram group's
	// own messages and the blog's author replies.
	if got := one(t, wh, "SELECT count(DISTINCT platform) FROM conversations WHERE is_own_account"); got != "3" {
		t.Errorf("own messages on %s platforms, want 3", got)
	}
	out = mustRun(t, "run", "-q", "--config", cfg)
	if strings.Count(out, "nothing new to add") != 5 {
		t.Errorf("a second run added data:\n%s", out)
	}
}
