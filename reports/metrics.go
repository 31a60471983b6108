package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/cmpulse/cmpulse/docs"
)

// MetricsFile is the report's copy of docs/metrics.md as HTML: what every
// number means. Pages link to its sections ([Page.Definitions]).
const MetricsFile = "metrics.html"

// metricsTitle is the definitions page's title, in the navigation too.
const metricsTitle = "Definitions"

// metricsDoc is docs/metrics.md converted once: its HTML and the ids of its
// headings.
type metricsDoc struct {
	body    template.HTML
	anchors []string
}

// convertMetrics converts the definitions to HTML. goldmark leaves raw HTML
// out of its output unless told otherwise (html.WithUnsafe), so that even a
// careless edit of the markdown cannot add a script to the report.
func convertMetrics(src []byte) (metricsDoc, error) {
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	root := md.Parser().Parse(text.NewReader(src))
	var d metricsDoc
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					d.anchors = append(d.anchors, string(b))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return d, fmt.Errorf("reading the definitions: %w", err)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		return d, fmt.Errorf("rendering the definitions: %w", err)
	}
	d.body = template.HTML(buf.String()) // goldmark's output, escaped by it
	return d, nil
}

// MetricsAnchors lists the sections of the definitions that a page can link
// to, in their order.
func MetricsAnchors() ([]string, error) {
	d, err := convertMetrics(docs.Metrics)
	return d.anchors, err
}

// checkDefinitions refuses a page link to a section the definitions lack:
// it would lead nowhere, and is a bug in the code that made the report.
func checkDefinitions(r *Report, d metricsDoc) error {
	for _, p := range r.Pages {
		for _, def := range p.Definitions {
			if !slices.Contains(d.anchors, def.Anchor) {
				return fmt.Errorf("page %q links to definition %q, which is not a section of docs/metrics.md", p.Slug, def.Anchor)
			}
		}
	}
	return nil
}
