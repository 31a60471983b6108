package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Colours of the charts. The series palette avoids the two mark colours so
// that a peak or trough pin never looks like a series point.
var (
	seriesColors = []string{"#3b6fb6", "#e08a2c", "#6f5aa8", "#2a9d8f", "#8c8c8c", "#c45a9c", "#7a9c3b", "#5aa0c8"}
	markColors   = map[string]string{"peak": "#2b8a3e", "trough": "#c92a2a"}
	markFallback = "#495057"
	axisColor    = "#6b7280"
	gridColor    = "#e5e7eb"
)

// isHexColor reports whether c is "#rrggbb": a colour goes into the chart's
// options, so nothing else is let through.
func isHexColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < len(c); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c[i])) {
			return false
		}
	}
	return true
}

// chartAssetsHost makes go-echarts name echarts.min.js by a path relative
// to the page: the report is opened from disk and must load nothing from
// the network (go-echarts' default host is a CDN).
const chartAssetsHost = "./"

// horizontalRowHeight is the height in pixels given to each category of a
// horizontal bar chart, so that long top lists stay readable instead of
// squeezing their labels together.
const horizontalRowHeight = 26

// renderedChart is a chart ready for the page template: its echarts option
// as JSON that cannot end the <script> element it is placed in, and the
// scripts it needs.
type renderedChart struct {
	Option []byte   // JSON, with <, > and & escaped as \u003c, \u003e, \u0026
	Assets []string // e.g. "./echarts.min.js"
	Height int      // pixels, 0 for the stylesheet's default
}

// renderChart turns a Chart into an echarts option.
//
// go-echarts builds the option (series, axes, marks, colours), but the page
// does not use its RenderSnippet script: that script embeds the option with
// HTML escaping turned off as trusted JavaScript, so a label such as
// "</script><script>..." ends the script element and runs, and it strips
// every "__f__" (go-echarts' marker for JavaScript functions) from the text,
// labels included, which can unbalance a JSON string. Instead the option is
// encoded here with encoding/json, which escapes <, > and &, and the page
// hands it to echarts through JSON.parse: data never becomes code.
func renderChart(c *Chart) (renderedChart, error) {
	var (
		opt    map[string]any
		assets []string
		height int
	)
	switch c.Kind {
	case Line:
		opt, assets = lineOption(c)
	case Bar, StackedBar, HorizontalBar:
		opt, assets = barOption(c)
		if c.Kind == HorizontalBar {
			height = max(len(c.X)*horizontalRowHeight+60, 160)
		}
	case Pie:
		opt, assets = pieOption(c)
	default:
		return renderedChart{}, fmt.Errorf("chart %q: unknown kind %q", c.ID, c.Kind)
	}
	extendOption(opt, c)
	b, err := json.Marshal(opt)
	if err != nil {
		return renderedChart{}, fmt.Errorf("encoding chart %q: %w", c.ID, err)
	}
	// json.Marshal escapes these already; checking costs nothing and keeps
	// a future change of encoder from opening the <script> element.
	if strings.ContainsAny(string(b), "<>&") {
		return renderedChart{}, fmt.Errorf("encoding chart %q: unescaped markup in option", c.ID)
	}
	return renderedChart{Option: b, Assets: assets, Height: height}, nil
}

// lineOption is the ECharts option and script assets of a line chart.
func lineOption(c *Chart) (map[string]any, []string) {
	l := charts.NewLine()
	l.SetGlobalOptions(globalOpts(c)...)
	l.SetXAxis(c.X)
	for i, s := range c.Series {
		data := make([]opts.LineData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.LineData{Value: jsonValue(v)}
		}
		l.AddSeries(s.Name, data,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(c.X) <= 62)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
			markPoints(c, i))
	}
	l.Validate()
	return l.JSON(), l.JSAssets.Values
}

// barOption is the ECharts option and script assets of a bar chart,
// stacked or horizontal as its kind says.
func barOption(c *Chart) (map[string]any, []string) {
	b := charts.NewBar()
	b.SetGlobalOptions(globalOpts(c)...)
	b.SetXAxis(c.X)
	if c.Kind == HorizontalBar {
		b.XYReversal()
	}
	for i, s := range c.Series {
		data := make([]opts.BarData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.BarData{Value: jsonValue(v)}
		}
		so := []charts.SeriesOpts{markPoints(c, i)}
		if isHexColor(s.Color) {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}))
		}
		if c.Kind == StackedBar {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		b.AddSeries(s.Name, data, so...)
	}
	b.Validate()
	return b.JSON(), b.JSAssets.Values
}

// pieOption is the ECharts option and script assets of a pie chart of the
// first series, its slices named by X.
func pieOption(c *Chart) (map[string]any, []string) {
	p := charts.NewPie()
	p.SetGlobalOptions(globalOpts(c)...)
	if len(c.Series) > 0 {
		s := c.Series[0]
		data := make([]opts.PieData, 0, len(s.Values))
		for j, v := range s.Values {
			name := ""
			if j < len(c.X) {
				name = c.X[j]
			}
			data = append(data, opts.PieData{Name: name, Value: jsonValue(v)})
		}
		p.AddSeries(s.Name, data,
			charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "65%"}}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {d}%"}))
	}
	p.Validate()
	return p.JSON(), p.JSAssets.Values
}

// globalOpts returns the chart-wide options: layout, colours and axes.
func globalOpts(c *Chart) []charts.GlobalOpts {
	// Room above the plot for the legend and for the name of the value
	// axis, and below it for that name on a horizontal bar chart.
	gridTop, gridBottom := 16, 8
	if len(c.Series) > 1 && c.Kind != Pie {
		gridTop += 24
	}
	if c.YName != "" && c.Kind != HorizontalBar && c.Kind != Pie {
		gridTop += 24
	}
	if c.YName != "" && c.Kind == HorizontalBar {
		gridBottom += 20
	}
	gl := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			ChartID:    c.ID,
			AssetsHost: chartAssetsHost,
			Width:      "100%",
		}),
		// No animation: the chart is complete on the first frame, which is
		// what a reader of a static report wants and what makes
		// screenshots and canvas checks in tests reliable.
		charts.WithAnimation(false),
		charts.WithColorsOpts(seriesColors),
		charts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(len(c.Series) > 1 && c.Kind != Pie),
			Type: "scroll",
			Top:  "0",
		}),
		charts.WithGridOpts(opts.Grid{
			Left: "8", Right: "24", Top: strconv.Itoa(gridTop), Bottom: strconv.Itoa(gridBottom),
			ContainLabel: opts.Bool(true),
		}),
	}
	axisLine := &opts.AxisLine{LineStyle: &opts.LineStyle{Color: axisColor}}
	split := &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: gridColor}}
	switch c.Kind {
	case HorizontalBar:
		gl = append(gl,
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: c.YName, NameLocation: "middle", NameGap: 24,
				AxisLine: axisLine, SplitLine: split}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLine: axisLine}))
	case Pie:
	default:
		gl = append(gl,
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLine: axisLine}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: c.YName, AxisLine: axisLine, SplitLine: split}))
	}
	return gl
}

// extendOption sets what go-echarts has no field for.
//
// The tooltip is the one part of echarts that draws HTML: by default it
// builds its box with innerHTML from series names and labels. echarts 5.6
// escapes them, but a formatter, or a version that forgot one field, would
// make a label live markup. richText mode draws the tooltip on the canvas
// like the rest of the chart, so no string of the report is ever parsed as
// HTML, whatever echarts does. confine keeps it inside the chart on a
// narrow phone screen.
func extendOption(opt map[string]any, c *Chart) {
	trigger := "axis"
	if c.Kind == Pie {
		trigger = "item"
	}
	opt["tooltip"] = map[string]any{
		"show":       true,
		"trigger":    trigger,
		"renderMode": "richText",
		"confine":    true,
	}
	// A chart of an empty period says so, rather than showing an empty
	// box (or, for a pie, nothing at all) that looks like a failure.
	if !hasData(c) {
		opt["title"] = map[string]any{
			"text": "No data for this period", "left": "center", "top": "middle",
			"textStyle": map[string]any{"color": axisColor, "fontSize": 13, "fontWeight": "normal"},
		}
	}
	// Long category names (referrers, page paths) are cut with an ellipsis
	// rather than eating the plot area; the full name is in the table.
	catLabel := map[string]any{"width": 160, "overflow": "truncate", "color": axisColor}
	switch c.Kind {
	case HorizontalBar:
		if ys, ok := opt["yAxis"].([]opts.YAxis); ok && len(ys) > 0 {
			opt["yAxis"] = []any{withAxisLabel(ys[0], catLabel)}
		}
	case Line, Bar, StackedBar:
		if xs, ok := opt["xAxis"].([]opts.XAxis); ok && len(xs) > 0 {
			opt["xAxis"] = []any{withAxisLabel(xs[0], catLabel)}
		}
	}
}

// hasData says whether any series of c has a value to draw.
func hasData(c *Chart) bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				return true
			}
		}
	}
	return false
}

// withAxisLabel returns axis as a generic map with axisLabel replaced, for
// the axisLabel fields go-echarts does not model (width, overflow).
func withAxisLabel(axis any, label map[string]any) map[string]any {
	b, err := json.Marshal(axis)
	if err != nil {
		return map[string]any{"axisLabel": label}
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return map[string]any{"axisLabel": label}
	}
	m["axisLabel"] = label
	return m
}

// markPoints returns the series option that pins the chart's marks that
// belong to series i. Marks name an X that is not in the chart, or a
// series that does not exist, are left out: the renderer shows what it is
// given and has no place to report an inconsistency the caller made.
func markPoints(c *Chart, i int) charts.SeriesOpts {
	var items []opts.MarkPointNameCoordItem
	for _, m := range c.Marks {
		if m.Series != i {
			continue
		}
		x := indexOf(c.X, m.X)
		if x < 0 || x >= len(c.Series[i].Values) {
			continue
		}
		y := c.Series[i].Values[x]
		if math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		if c.Kind == StackedBar {
			y = stackedTop(c.Series, i, x)
		}
		color, ok := markColors[m.Kind]
		if !ok {
			color = markFallback
		}
		coord := []any{x, y}
		if c.Kind == HorizontalBar {
			coord = []any{y, x}
		}
		items = append(items, opts.MarkPointNameCoordItem{
			Name:       m.Label,
			Coordinate: coord,
			Symbol:     "pin",
			SymbolSize: 34,
			ItemStyle:  &opts.ItemStyle{Color: color},
			// "{b}" is the mark's name, so the label is the caller's text
			// drawn as is, never used as a format template itself.
			Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: "top", Color: color, FontWeight: "bold"},
		})
	}
	return charts.WithMarkPointNameCoordItemOpts(items...)
}

// stackedTop is where the bar of series i at x ends in a stack: echarts
// stacks positive and negative values separately, so only values of the
// same sign below it count.
func stackedTop(series []Series, i, x int) float64 {
	v := series[i].Values[x]
	top := 0.0
	for s := 0; s <= i; s++ {
		if x >= len(series[s].Values) {
			continue
		}
		w := series[s].Values[x]
		if math.IsNaN(w) || math.IsInf(w, 0) {
			continue
		}
		if (w < 0) == (v < 0) {
			top += w
		}
	}
	return top
}

// jsonValue is v as echarts reads it: NaN and infinities (which JSON cannot
// carry) become "-", echarts' marker for a missing value.
func jsonValue(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return v
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}
