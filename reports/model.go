package reports

// Report is everything the HTML report shows, already computed: the
// renderer formats and lays out, it computes nothing. Every string in it
// may come from logs or posts and is attacker-controlled: the renderer
// shows all of it as text.
type Report struct {
	Title    string // e.g. "blog.example.org"
	Period   string // e.g. "2025-09-01 to 2025-09-28 (Europe/Paris), compared with 2025-08-04 to 2025-08-31"
	Note     string // generated-at line, shown in the footer
	Pages    []Page // the first is index.html
	Warnings []string
}

// Page is one HTML file of the report.
type Page struct {
	Slug   string // file name without .html: "index", "audience", ...
	Title  string // in the navigation and the <title>
	Intro  string // one paragraph under the title
	Blocks []Block
	// Definitions link the page to the sections of the definitions
	// (MetricsFile) that say what its numbers mean.
	Definitions []Definition
}

// Definition is a link to one section of the definitions: Anchor is the id
// of a heading of docs/metrics.md ("page-view"), Label the link's text.
type Definition struct {
	Label  string
	Anchor string
}

// Block is one of KPIs, Chart or Table (exactly one is set).
type Block struct {
	Heading string // optional h2 above the block
	Text    string // optional paragraph under the heading
	KPIs    []KPI
	Chart   *Chart
	Table   *Table
}

// KPI is a headline number with its change against the previous period.
type KPI struct {
	Label    string // "Visitors"
	Value    string // formatted: "12,345", "1m 32s", "41%"
	Previous string // formatted value of the previous period, "" if none
	Change   string // "+12%", "-3%", "" if not comparable
	Trend    int    // +1 up, -1 down, 0 flat or unknown (for colour)
	Help     string // what it means, from SPEC: shown as a tooltip/small print
}

// ChartKind is how a chart draws its series.
type ChartKind string

// The kinds of chart the report uses.
const (
	Line          ChartKind = "line"
	Bar           ChartKind = "bar"            // one bar per X per series, side by side
	StackedBar    ChartKind = "stacked-bar"    // series stacked per X
	HorizontalBar ChartKind = "horizontal-bar" // categories on the Y axis (top lists)
	Pie           ChartKind = "pie"            // one series; X are the slice names
)

// Chart is one chart. ID must be unique in the report and is used as the
// HTML id, so that the output is deterministic.
type Chart struct {
	ID     string
	Title  string
	Kind   ChartKind
	X      []string // categories: days "2025-09-01", names, ...
	Series []Series
	Marks  []Mark // points to call out (peaks and troughs)
	YName  string // axis label, e.g. "visitors"
}

// Series is one named row of values, aligned with Chart.X. Color, a CSS
// hex colour such as "#3b6fb6", fixes the series' colour where it means
// something across charts (a channel); "" takes the next of the palette.
type Series struct {
	Name   string
	Values []float64
	Color  string
}

// Mark calls out one point of a chart: X is a value of Chart.X, Series the
// index of the series, Label a short text ("peak", "trough").
type Mark struct {
	X      string
	Series int
	Label  string
	Kind   string // "peak" or "trough" (colour)
}

// Table is a table shown on the page and also written as CSV beside it
// (CSV is the file name, e.g. "content-top-pages.csv", unique in the report).
type Table struct {
	ID      string
	Title   string
	CSV     string
	Columns []Column
	Rows    [][]Cell
	Limit   int // rows shown on the page (0: all); the CSV always has all
}

// Column describes a table column.
type Column struct {
	Name    string
	Numeric bool // right-aligned
}

// NoValue is the text of a number that does not exist (a median of no
// values); in a numeric column it is written to CSV as an empty field.
const NoValue = "–"

// Cell is one value: Text is what is shown, and written to CSV unless Raw
// is set. Raw is the value for the CSV when it differs from what people
// read: "1066" for "1,066", "92" (seconds) for "1m 32s", "0.41" for "41%",
// so that spreadsheets read numbers. Link, if set, makes it a link, but
// only for http(s) URLs (anything else, e.g. "javascript:", is shown as
// plain text). Mark highlights the cell (e.g. "new" natural links).
type Cell struct {
	Text string
	Raw  string
	Link string
	Mark string // "", "new", "peak", "trough"
}
