package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
)

// bootJS draws the charts of a page. It is the only script of the report
// besides echarts itself and contains no data: it reads each chart's option
// from its <script type="application/json"> block with JSON.parse, so
// nothing in the data can ever run as code.
const bootJS = `(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  var charts = [];
  var blocks = document.querySelectorAll("script[data-chart]");
  for (var i = 0; i < blocks.length; i++) {
    var el = document.getElementById(blocks[i].getAttribute("data-chart"));
    if (!el) { continue; }
    var h = el.getAttribute("data-height");
    if (h) { el.style.height = h + "px"; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(JSON.parse(blocks[i].textContent));
    charts.push(chart);
  }
  window.addEventListener("resize", function () {
    for (var j = 0; j < charts.length; j++) { charts[j].resize(); }
  });
})();
`

// contentSecurityPolicy is a second line of defence behind escaping: if
// some string ever did turn into markup, the browser would still refuse to
// run an inline script or handler that is not bootJS, and to load or send
// anything outside the report's folder.
var contentSecurityPolicy = "default-src 'none'; " +
	"script-src 'self' 'sha256-" + hashJS(bootJS) + "'; " +
	"style-src 'self'; " +
	"base-uri 'none'; form-action 'none'"

func hashJS(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

var pageTemplate = template.Must(template.New("page").Parse(pageTemplateText))

// pageView is what the page template sees.
type pageView struct {
	Report  *Report
	Page    *Page
	Metrics string        // the definitions' file, for the links to it
	Body    template.HTML // the definitions page's text; "" on report pages
	Nav     []navItem
	Blocks  []blockView
	Scripts []string
	Boot    template.JS
	CSP     string
	Style   string
}

type navItem struct {
	Title   string
	File    string
	Current bool
}

type blockView struct {
	Heading string
	Text    string
	KPIs    []kpiView
	Chart   *chartView
	Table   *tableView
}

type kpiView struct {
	KPI
	TrendClass string
}

type chartView struct {
	ID     string
	Title  string
	Height int         // pixels, 0 for the stylesheet's height
	Option template.JS // JSON with <, > and & escaped: see renderChart
}

type tableView struct {
	ID      string
	Title   string
	CSV     string
	Columns []Column
	Rows    [][]cellView
	Shown   int
	Total   int
}

type cellView struct {
	Text  string
	Href  string // "" unless Link is an absolute http(s) URL
	Mark  string
	Class string
}

// newPageView is the part of a page's view that every page has: the
// report's navigation, with page current (-1 for the definitions).
func newPageView(r *Report, p *Page, current int) pageView {
	v := pageView{
		Report:  r,
		Page:    p,
		Metrics: MetricsFile,
		Boot:    template.JS(bootJS),
		CSP:     contentSecurityPolicy,
		Style:   StylesheetFile,
	}
	for j := range r.Pages {
		v.Nav = append(v.Nav, navItem{Title: r.Pages[j].Title, File: pageFile(r, j), Current: j == current})
	}
	v.Nav = append(v.Nav, navItem{Title: metricsTitle, File: MetricsFile, Current: current < 0})
	return v
}

// renderMetrics renders the definitions page.
func renderMetrics(r *Report, d metricsDoc) ([]byte, error) {
	v := newPageView(r, &Page{Title: metricsTitle}, -1)
	v.Body = d.body
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderPage renders page i of r as HTML.
func renderPage(r *Report, i int) ([]byte, error) {
	p := &r.Pages[i]
	v := newPageView(r, p, i)
	for _, b := range p.Blocks {
		bv := blockView{Heading: b.Heading, Text: b.Text}
		for _, k := range b.KPIs {
			bv.KPIs = append(bv.KPIs, kpiView{KPI: k, TrendClass: trendClass(k.Trend)})
		}
		if b.Chart != nil {
			rc, err := renderChart(b.Chart)
			if err != nil {
				return nil, err
			}
			for _, a := range rc.Assets {
				// go-echarts names the scripts a chart needs; only the
				// one this package writes beside the pages may be loaded.
				if strings.TrimPrefix(a, chartAssetsHost) != EchartsFile {
					return nil, fmt.Errorf("chart %q needs script %q, which the report does not ship", b.Chart.ID, a)
				}
				if !slices.Contains(v.Scripts, a) {
					v.Scripts = append(v.Scripts, a)
				}
			}
			bv.Chart = &chartView{
				ID:     b.Chart.ID,
				Title:  b.Chart.Title,
				Height: rc.Height,
				Option: template.JS(rc.Option),
			}
		}
		if b.Table != nil {
			bv.Table = tableViewOf(b.Table)
		}
		v.Blocks = append(v.Blocks, bv)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func tableViewOf(t *Table) *tableView {
	tv := &tableView{ID: t.ID, Title: t.Title, CSV: t.CSV, Columns: t.Columns, Total: len(t.Rows)}
	rows := t.Rows
	if t.Limit > 0 && len(rows) > t.Limit {
		rows = rows[:t.Limit]
	}
	tv.Shown = len(rows)
	for _, row := range rows {
		cells := make([]cellView, len(row))
		for k, c := range row {
			cells[k] = cellView{
				Text:  c.Text,
				Href:  safeLink(c.Link),
				Mark:  c.Mark,
				Class: cellClass(k < len(t.Columns) && t.Columns[k].Numeric, c.Mark),
			}
		}
		tv.Rows = append(tv.Rows, cells)
	}
	return tv
}

// safeLink returns link if it is an absolute http or https URL with a
// host, and "" otherwise: links come from referrers and posts, and any
// other scheme (javascript:, data:, file:, a relative path) is shown as
// text rather than followed.
func safeLink(link string) string {
	if link == "" || strings.ContainsAny(link, " \t\r\n") {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ""
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return link
}

func trendClass(trend int) string {
	switch {
	case trend > 0:
		return "up"
	case trend < 0:
		return "down"
	}
	return "flat"
}

// cellClass is the class attribute of a cell. Marks map to classes from a
// fixed list, so that a mark never lands in the attribute as free text.
func cellClass(numeric bool, mark string) string {
	var cls []string
	if numeric {
		cls = append(cls, "num")
	}
	switch mark {
	case "":
	case "new", "peak", "trough":
		cls = append(cls, "mark-"+mark)
	default:
		cls = append(cls, "mark-other")
	}
	return strings.Join(cls, " ")
}
