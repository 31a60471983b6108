package reports

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// templateElements are the elements the page template writes. Any other
// element in a parsed page was made by a string of the report: markup that
// went live.
var templateElements = []string{
	"html", "head", "body", "meta", "title", "link", "script", "header", "nav", "main", "footer",
	"section", "div", "p", "span", "ul", "li", "a", "h1", "h2", "h3", "figure", "figcaption",
	"table", "thead", "tbody", "tr", "th", "td",
}

// TestEscaping renders a report whose every string carries XSS probes and
// checks the parsed pages: no element or attribute that the template does
// not write, no event handler, no script but the report's own, no
// javascript: (or other non-http) link, and every probe shown as text.
func TestEscaping(t *testing.T) {
	r := xssReport()
	dir := writeTemp(t, r)
	files := map[string]bool{}
	for _, n := range listDir(t, dir) {
		files[n] = true
	}

	for i, p := range r.Pages {
		name := pageFile(r, i)
		doc := parseHTML(t, filepath.Join(dir, name))

		for _, n := range findAll(doc, func(*node) bool { return true }) {
			if !slices.Contains(templateElements, n.Data) {
				t.Errorf("%s: live <%s> element from the data", name, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("%s: <%s %s=%q>: event handler from the data", name, n.Data, a.Key, a.Val)
				}
			}
		}

		checkScripts(t, name, doc)
		checkLinks(t, name, doc, files)

		// Every probe is on the page as text.
		text := textOf(doc)
		for _, s := range []string{r.Title, r.Period, r.Note, p.Title, p.Intro} {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %q is not shown as text", name, s)
			}
		}
		var warnings []string
		for _, li := range findAll(doc, func(n *node) bool {
			return n.Data == "li" && n.Parent != nil && n.Parent.Parent != nil && attr(n.Parent.Parent, "class") == "warnings"
		}) {
			warnings = append(warnings, textOf(li))
		}
		if diff := cmp.Diff(r.Warnings, warnings); diff != "" {
			t.Errorf("%s: warnings shown (-want +got):\n%s", name, diff)
		}
		table := p.Blocks[len(p.Blocks)-1].Table
		cells := findAll(doc, func(n *node) bool { return n.Data == "td" })
		if len(cells) == 0 {
			t.Fatalf("%s: no table cells", name)
		}
		for ri, row := range table.Rows[:table.Limit] {
			for ci, c := range row {
				td := cells[ri*len(row)+ci]
				if got := textOf(td); !strings.HasPrefix(got, c.Text) {
					t.Errorf("%s: cell %d,%d shows %q, want the text %q", name, ri, ci, got, c.Text)
				}
				a := findFirst(td, func(n *node) bool { return n.Data == "a" })
				if wantLink := safeLink(c.Link) != ""; wantLink != (a != nil) {
					t.Errorf("%s: cell %d,%d with link %q: link on the page = %v, want %v", name, ri, ci, c.Link, a != nil, wantLink)
				}
			}
		}

		// The chart options reach echarts intact: the probes are data.
		for _, b := range p.Blocks {
			if b.Chart == nil {
				continue
			}
			opt := chartJSON(t, doc, b.Chart.ID)
			if got := opt.Tooltip.RenderMode; got != "richText" {
				t.Errorf("%s: chart %s tooltip renderMode = %q, want richText (echarts' HTML tooltips parse labels as markup)", name, b.Chart.ID, got)
			}
			var names []string
			for _, s := range opt.Series {
				names = append(names, s.Name)
			}
			var want []string
			for _, s := range b.Chart.Series {
				want = append(want, s.Name)
			}
			if diff := cmp.Diff(want, names); diff != "" {
				t.Errorf("%s: chart %s series names (-want +got):\n%s", name, b.Chart.ID, diff)
			}
			if b.Chart.Kind == Line {
				if diff := cmp.Diff(b.Chart.X, opt.XAxis[0].Data); diff != "" {
					t.Errorf("%s: chart %s X labels (-want +got):\n%s", name, b.Chart.ID, diff)
				}
			}
		}
	}
}

// checkScripts allows three kinds of <script>: echarts.min.js from the
// report folder, the page's own boot script, and JSON data blocks, which
// the browser never runs.
func checkScripts(t *testing.T, name string, doc *node) {
	t.Helper()
	boots := 0
	for _, s := range findAll(doc, func(n *node) bool { return n.Data == "script" }) {
		body := textOf(s)
		switch {
		case hasAttr(s, "src"):
			if src := attr(s, "src"); src != "./"+EchartsFile || strings.TrimSpace(body) != "" {
				t.Errorf("%s: <script src=%q> with %d bytes of content: not the report's echarts", name, src, len(body))
			}
		case attr(s, "type") == "application/json":
			if !hasAttr(s, "data-chart") || !json.Valid([]byte(body)) {
				t.Errorf("%s: JSON block %q is not a chart option", name, truncateTest(body))
			}
			if strings.ContainsAny(body, "<>") {
				t.Errorf("%s: JSON block contains < or >: %q", name, truncateTest(body))
			}
		default:
			boots++
			if body != bootJS || len(s.Attr) != 0 {
				t.Errorf("%s: inline script is not the boot script: %q", name, truncateTest(body))
			}
		}
	}
	if boots > 1 {
		t.Errorf("%s: %d inline scripts, want at most 1", name, boots)
	}
}

// checkLinks allows an href to a file of the report, or to an absolute
// http(s) URL on a link with rel=nofollow noopener noreferrer.
func checkLinks(t *testing.T, name string, doc *node, files map[string]bool) {
	t.Helper()
	for _, n := range findAll(doc, func(n *node) bool { return hasAttr(n, "href") }) {
		href := attr(n, "href")
		low := strings.ToLower(strings.TrimSpace(href))
		if strings.Contains(low, "javascript:") || strings.HasPrefix(low, "data:") || strings.HasPrefix(low, "vbscript:") {
			t.Errorf("%s: <%s href=%q>", name, n.Data, href)
			continue
		}
		if files[href] {
			continue
		}
		// A section of a file of the report: metrics.html#page-view.
		if file, frag, ok := strings.Cut(href, "#"); ok && files[file] && idRE.MatchString(frag) {
			continue
		}
		u, err := url.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || n.Data != "a" {
			t.Errorf("%s: <%s href=%q> is neither a file of the report nor an http(s) link", name, n.Data, href)
			continue
		}
		if got := attr(n, "rel"); got != "nofollow noopener noreferrer" {
			t.Errorf("%s: link to %q has rel=%q, want nofollow noopener noreferrer", name, href, got)
		}
	}
}

// chartOption is the part of an echarts option the tests read.
type chartOption struct {
	Tooltip struct {
		RenderMode string `json:"renderMode"`
	} `json:"tooltip"`
	Series []struct {
		Name string `json:"name"`
	} `json:"series"`
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
}

func chartJSON(t *testing.T, doc *node, id string) chartOption {
	t.Helper()
	s := findFirst(doc, func(n *node) bool { return n.Data == "script" && attr(n, "data-chart") == id })
	if s == nil {
		t.Fatalf("no option for chart %s", id)
	}
	var opt chartOption
	if err := json.Unmarshal([]byte(textOf(s)), &opt); err != nil {
		t.Fatalf("chart %s option: %v", id, err)
	}
	return opt
}

func truncateTest(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}

// TestSafeLink lists which cell links become <a href>.
func TestSafeLink(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://news.ycombinator.com/item?id=1", "https://news.ycombinator.com/item?id=1"},
		{"http://example.org/", "http://example.org/"},
		{"HTTPS://EXAMPLE.ORG/A", "HTTPS://EXAMPLE.ORG/A"},
		{"", ""},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{" javascript:alert(1)", ""},
		{"javascript://example.org/%0aalert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"vbscript:msgbox(1)", ""},
		{"file:///etc/passwd", ""},
		{"//example.org/x", ""},
		{"/relative/path", ""},
		{"example.org", ""},
		{"https:example.org", ""},
		{"http://", ""},
		{"https://exa mple.org/", ""},
		{"https://example.org/\nx", ""},
		{"ftp://example.org/", ""},
	}
	for _, tt := range tests {
		if got := safeLink(tt.in); got != tt.want {
			t.Errorf("safeLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestChartOptionEscaped checks the JSON given to each chart: it must not
// contain <, > or & (which could end the <script> element or open a
// comment), and must decode back to the very strings of the Chart.
func TestChartOptionEscaped(t *testing.T) {
	for _, kind := range []ChartKind{Line, Bar, StackedBar, HorizontalBar, Pie} {
		t.Run(string(kind), func(t *testing.T) {
			c := &Chart{ID: "c", Kind: kind, X: xssPayloads, YName: xssPayloads[1],
				Series: []Series{{Name: xssPayloads[0], Values: make([]float64, len(xssPayloads))}},
				Marks:  []Mark{{X: xssPayloads[2], Series: 0, Label: xssPayloads[3], Kind: "peak"}},
			}
			rc, err := renderChart(c)
			if err != nil {
				t.Fatalf("renderChart: %v", err)
			}
			if strings.ContainsAny(string(rc.Option), "<>&\u2028\u2029") {
				t.Errorf("option contains a raw <, >, & or line separator:\n%s", rc.Option)
			}
			for _, p := range xssPayloads {
				enc, _ := json.Marshal(p)
				if !strings.Contains(string(rc.Option), string(enc)) {
					t.Errorf("option does not carry %q intact", p)
				}
			}
			if diff := cmp.Diff([]string{"./" + EchartsFile}, rc.Assets); diff != "" {
				t.Errorf("assets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCSPHashesBootScript checks that the Content-Security-Policy allows
// the page's own inline script (and so, by hash, nothing else).
func TestCSPHashesBootScript(t *testing.T) {
	dir := writeTemp(t, sampleReport())
	doc := parseHTML(t, filepath.Join(dir, "index.html"))
	meta := findFirst(doc, func(n *node) bool { return n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" })
	if meta == nil {
		t.Fatal("no Content-Security-Policy")
	}
	if !strings.Contains(attr(meta, "content"), "'sha256-"+hashJS(bootJS)+"'") {
		t.Errorf("CSP %q does not allow the boot script", attr(meta, "content"))
	}
	if _, err := os.Stat(filepath.Join(dir, EchartsFile)); err != nil {
		t.Error(err)
	}
}
