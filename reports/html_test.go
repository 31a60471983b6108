package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// node is a parsed HTML node: the tests look at pages as a browser parses
// them, not as strings, so that what counts is what would be live.
type node = html.Node

func parseHTML(t *testing.T, path string) *node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	return doc
}

// pages returns the HTML files of a written report.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	p, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(p) == 0 {
		t.Fatalf("no pages in %s (%v)", dir, err)
	}
	return p
}

func walk(n *node, fn func(*node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func findAll(n *node, match func(*node) bool) []*node {
	var out []*node
	walk(n, func(c *node) {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	})
	return out
}

func findFirst(n *node, match func(*node) bool) *node {
	if all := findAll(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

func attr(n *node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textOf is the text content of n, as textContent would return it.
func textOf(n *node) string {
	var b strings.Builder
	walk(n, func(c *node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// TestKindBadge: a cell whose mark is its own text is shown as the badge
// alone ("trough", not "trough TROUGH").
func TestKindBadge(t *testing.T) {
	r := sampleReport()
	r.Pages[0].Blocks = append(r.Pages[0].Blocks, Block{Table: &Table{ID: "kinds", Title: "kinds", CSV: "kinds.csv",
		Columns: []Column{{Name: "kind"}}, Rows: [][]Cell{{{Text: "trough", Mark: "trough"}}}}})
	dir := writeTemp(t, r)
	b, err := os.ReadFile(filepath.Join(dir, "index.html")) // the first page
	if err != nil {
		t.Fatal(err)
	}
	if html := string(b); !strings.Contains(html, `<td class="mark-trough"><span class="badge">trough</span></td>`) {
		t.Errorf("the trough cell is not a badge alone:\n%s", html[strings.Index(html, "kinds"):])
	}
}
