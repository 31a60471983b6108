package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// recordingTB collects the errors Check reports instead of failing, so a
// test can check that each problem is found. Skips and fatal errors still
// go to the real test.
type recordingTB struct {
	*testing.T
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Error(args ...any) {
	r.Errorf("%s", fmt.Sprint(args...))
}

// TestCheckFindsProblems feeds Check pages with one problem each and
// checks that every one is reported: a check that never fails proves
// nothing. The only address a page asks for outside its folder is on the
// loopback interface (port 9, discard), so the test sends nothing off the
// machine.
func TestCheckFindsProblems(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"console.html":    `<script>console.error("boom")</script>`,
		"exception.html":  `<script>throw new Error("uncaught kaboom")</script>`,
		"network.html":    `<script src="http://127.0.0.1:9/x.js"></script>`,
		"missing.html":    `<link rel="stylesheet" href="missing.css">`,
		"xss.html":        `<img src="data:," onerror="window.__xss=1" alt=""><script>window.__xss=1</script>`,
		"alert.html":      `<script>alert("probe")</script>`,
		"chart.html":      `<div class="chart" id="empty" style="height:100px"></div><div class="chart" id="blank"><canvas width="50" height="50"></canvas></div>`,
		"wide.html":       `<div style="width:2000px">too wide for a phone</div>`,
		"csp.html":        `<script>var x = 1;</script>`,
		"noviewport.html": `<p>A page without a viewport meta tag is laid out 980px wide on a phone.</p>`,
		"index.html":      `<p>Nothing wrong here.</p>`,
	}
	head := map[string]string{
		"csp.html":        `<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="script-src 'none'">`,
		"noviewport.html": " ",
	}
	for name, body := range pages {
		h, ok := head[name]
		if !ok {
			h = `<meta name="viewport" content="width=device-width, initial-scale=1">`
		}
		page := "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + h + "<title>t</title></head><body>" + body + "</body></html>"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := &recordingTB{T: t}
	shots := t.TempDir()
	Check(rec, dir, shots)
	if testing.Verbose() {
		for _, e := range rec.errs {
			t.Logf("reported: %s", e)
		}
	}

	want := map[string][]string{
		"console.html":    {"console.error: boom"},
		"exception.html":  {"uncaught exception", "kaboom"},
		"network.html":    {"request to http://127.0.0.1:9/x.js"},
		"missing.html":    {"request failed", "missing.css"},
		"xss.html":        {"window.__xss is set"},
		"alert.html":      {"dialog opened", "probe"},
		"chart.html":      {`chart "empty" has no canvas`, `chart "blank" has a blank canvas`},
		"wide.html":       {"scrolls sideways"},
		"noviewport.html": {"lacks a viewport meta tag"},
		"csp.html":        {"Content Security Policy"},
	}
	for page, subs := range want {
		for _, sub := range subs {
			found := false
			for _, e := range rec.errs {
				if strings.HasPrefix(e, page+": ") && strings.Contains(e, sub) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("Check did not report %q on %s; it reported:\n%s", sub, page, strings.Join(rec.errs, "\n"))
			}
		}
	}
	for _, e := range rec.errs {
		if strings.HasPrefix(e, "index.html: ") {
			t.Errorf("Check reported a problem on a page without any: %s", e)
		}
	}
	for _, shot := range []string{"index.png", "index-phone.png", "wide.png"} {
		if fi, err := os.Stat(filepath.Join(shots, shot)); err != nil || fi.Size() == 0 {
			t.Errorf("screenshot %s not saved (%v)", shot, err)
		}
	}
}
