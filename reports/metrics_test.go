package reports

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cmpulse/cmpulse/docs"
)

// TestDefinitionLinks: every page of a written report links to its sections
// of the definitions, and every section it links to is in metrics.html.
func TestDefinitionLinks(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    func() *Report
	}{
		{"sample", sampleReport},
		{"xss", xssReport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTemp(t, tt.r())
			ids := map[string]bool{}
			for _, n := range findAll(parseHTML(t, filepath.Join(dir, MetricsFile)), func(n *node) bool { return hasAttr(n, "id") }) {
				ids[attr(n, "id")] = true
			}
			for _, p := range pages(t, dir) {
				name := filepath.Base(p)
				if name == MetricsFile {
					continue
				}
				links := 0
				for _, a := range findAll(parseHTML(t, p), func(n *node) bool { return n.Data == "a" }) {
					file, anchor, ok := strings.Cut(attr(a, "href"), "#")
					if file != MetricsFile || !ok {
						continue
					}
					links++
					if !ids[anchor] {
						t.Errorf("%s links to %s#%s, which has no such section", name, MetricsFile, anchor)
					}
				}
				if links == 0 {
					t.Errorf("%s has no link to a section of %s", name, MetricsFile)
				}
			}
		})
	}
}

// TestMetricsAnchors: the headings of docs/metrics.md give plain ids, the
// same on GitHub as in the report, and the ones the report links to are
// there.
func TestMetricsAnchors(t *testing.T) {
	anchors, err := MetricsAnchors()
	if err != nil {
		t.Fatal(err)
	}
	plain := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, a := range anchors {
		if !plain.MatchString(a) {
			t.Errorf("heading id %q is not plain words: GitHub may give it another", a)
		}
		if seen[a] {
			t.Errorf("heading id %q twice", a)
		}
		seen[a] = true
	}
	for _, want := range []string{"report-period", "hit", "bot", "page-view", "visitor", "visit", "time-on-page",
		"visit-duration", "channel", "natural-link", "broken-inbound-link", "keyword", "feed-subscribers",
		"peak-and-trough-days", "data-quality", "community-numbers"} {
		if !slices.Contains(anchors, want) {
			t.Errorf("docs/metrics.md has no section %q", want)
		}
	}
	// Raw HTML in the markdown stays out of the page.
	d, err := convertMetrics(append(append([]byte{}, docs.Metrics...), "\n<script>alert(1)</script>\n"...))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(d.body), "<script") {
		t.Error("raw HTML in the definitions reaches the page")
	}
}

// TestDefinitionUnknown: a link to a section that does not exist is refused.
func TestDefinitionUnknown(t *testing.T) {
	r := sampleReport()
	r.Pages[1].Definitions = append(r.Pages[1].Definitions, Definition{Label: "x", Anchor: "no-such-section"})
	if err := Write(t.TempDir(), r); err == nil || !strings.Contains(err.Error(), "no-such-section") {
		t.Errorf("Write with an unknown definition: %v", err)
	}
}
