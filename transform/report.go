package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/queries"
	"github.com/cmpulse/cmpulse/reports"
)

// Options say what to report on.
type Options struct {
	From, To string       // first and last day, YYYY-MM-DD; "" for the last 28 complete days
	Site     string       // "" for every site in the warehouse
	Zone     string       // IANA zone of day boundaries; "" for the machine's
	Queries  *queries.Set // nil for the embedded queries
	// Now is the time of the run: today (in Zone) and the days after it
	// are not over. It is shown as the generation time. Zero means the
	// clock's time, with no generation time shown (golden tests).
	Now time.Time
	// Stale are the reported sites whose hits were classified by older
	// rules than this cmpulse's (ingest.StaleSites): the report warns.
	Stale []string

	readColumns map[string]map[string]bool // when not nil, records the columns read (tests)
}

// Prepare materialises the page views and visits (of one site, or all) as
// temporary tables that shadow the views of the same names, so that the
// window functions behind them run once per report instead of once per
// query. It also sets the session's time zone, which DuckDB uses to cast
// timestamps to days. It can run again on the same database, for another
// site: it reads the views, never the tables an earlier call made.
func Prepare(ctx context.Context, db *sql.DB, site, zone string) error {
	// "main.pageviews" alone finds the temporary table once there is one
	// (it lives in temp.main, and DuckDB searches temp first): the views
	// are named with their catalog, the database's own.
	var catalog string
	if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&catalog); err != nil {
		return fmt.Errorf("preparing report data: finding the database's catalog: %w", err)
	}
	views := quoteIdent(catalog) + ".main."
	stmts := []string{
		"SET TimeZone = $zone",
		// Only the columns the report reads: carrying the user agent and
		// the rest through the window functions took most of the time.
		"CREATE OR REPLACE TEMP TABLE pageviews AS SELECT " + pageviewColumns + " FROM " + views + "pageviews WHERE $site = '' OR site = $site",
		"CREATE OR REPLACE TEMP TABLE sessions AS SELECT * FROM " + views + "sessions WHERE $site = '' OR site = $site",
	}
	for _, s := range stmts {
		start := time.Now()
		var args []any
		if strings.Contains(s, "$zone") {
			args = append(args, sql.Named("zone", zone))
		}
		if strings.Contains(s, "$site") {
			args = append(args, sql.Named("site", site))
		}
		if _, err := db.ExecContext(ctx, s, args...); err != nil {
			return fmt.Errorf("preparing report data: %w", err)
		}
		if trace {
			fmt.Fprintf(os.Stderr, "prepare %.50s %v\n", s, time.Since(start).Round(time.Millisecond))
		}
	}
	return nil
}

// quoteIdent quotes a DuckDB identifier, such as a catalog's name, that
// cannot be a bound parameter.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// pageviewColumns are the page view columns that the sessions view and the
// report's queries use.
const pageviewColumns = "ts, site, date, visitor_id, path, session_id, seq_in_session, time_on_page_s, " +
	"referrer, channel, referrer_domain, source, keyword, device, browser, os, source_file, source_line"

// Build computes the report for the options on a database opened by
// warehouse.OpenDB.
func Build(ctx context.Context, db *sql.DB, opt Options) (*reports.Report, error) {
	if opt.Zone == "" {
		opt.Zone = LocalZone()
	}
	if opt.Queries == nil {
		opt.Queries = queries.New("")
	}
	if _, err := time.LoadLocation(opt.Zone); err != nil {
		return nil, fmt.Errorf("time zone %q: %w", opt.Zone, err)
	}
	if err := Prepare(ctx, db, opt.Site, opt.Zone); err != nil {
		return nil, err
	}
	q := &runner{db: db, qs: opt.Queries, period: Period{Site: opt.Site}, read: opt.readColumns}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	p, err := resolvePeriod(ctx, q, opt.From, opt.To, opt.Zone, now)
	if err == nil {
		err = q.missing
	}
	if err != nil {
		return nil, err
	}
	q.period = p
	b := &builder{q: q, p: p}

	title := opt.Site
	if title == "" {
		title = "All sites"
	}
	r := &reports.Report{
		Title: title,
		Period: fmt.Sprintf("%s to %s (%d day%s, %s), compared with %s to %s",
			p.FromDay.Format(time.DateOnly), p.ToDay.Format(time.DateOnly), p.Days, plural(p.Days), p.Zone,
			p.FromDay.AddDate(0, 0, -p.Days).Format(time.DateOnly), p.PrevToDay().Format(time.DateOnly)),
	}
	if !opt.Now.IsZero() {
		r.Note = "Made by cmpulse on " + opt.Now.UTC().Format("2006-01-02 15:04 UTC") + "."
	}
	r.Warnings = periodWarnings(p)
	if len(opt.Stale) > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("The hits of %s were classified by older rules than this cmpulse's: "+
			"bots, browsers, devices, channels, sources and keywords may be wrong until \"cmpulse reclassify\" is run "+
			"(cmpulse run does it by itself).", strings.Join(opt.Stale, ", ")))
	}
	for _, page := range []func(context.Context) (reports.Page, error){
		b.overview, b.audience, b.content, b.acquisition, b.peaks, b.quality,
	} {
		pg, err := page(ctx)
		if err == nil {
			err = q.missing
		}
		if err != nil {
			return nil, err
		}
		pg.Definitions = pageDefinitions[pg.Slug]
		r.Pages = append(r.Pages, pg)
	}
	return r, nil
}

// pageDefinitions are the sections of docs/metrics.md that say what each
// page's numbers mean, by page slug; the report links each page to them.
var pageDefinitions = map[string][]reports.Definition{
	"index": {{Label: "visitor", Anchor: "visitor"}, {Label: "visit", Anchor: "visit"}, {Label: "page view", Anchor: "page-view"},
		{Label: "visit duration and bounce share", Anchor: "visit-duration"}, {Label: "the period", Anchor: "report-period"},
		{Label: "peaks and troughs", Anchor: "peak-and-trough-days"}},
	"audience": {{Label: "new and returning visitors", Anchor: "new-and-returning-visitors"},
		{Label: "devices and browsers", Anchor: "devices-and-browsers"}, {Label: "visit", Anchor: "visit"}},
	"content": {{Label: "page view", Anchor: "page-view"}, {Label: "time on page", Anchor: "time-on-page"},
		{Label: "entry and exit pages", Anchor: "entry-and-exit-pages"}},
	"acquisition": {{Label: "channel", Anchor: "channel"}, {Label: "source", Anchor: "source"},
		{Label: "natural link", Anchor: "natural-link"}, {Label: "keyword", Anchor: "keyword"}},
	"peaks":   {{Label: "peak and trough days", Anchor: "peak-and-trough-days"}, {Label: "the period", Anchor: "report-period"}},
	"quality": {{Label: "data quality", Anchor: "data-quality"}, {Label: "bot", Anchor: "bot"}, {Label: "hit", Anchor: "hit"}},
}

// periodWarnings says what the data lacks for the period: days before or
// after it, a missing previous period, a last day that is not over.
func periodWarnings(p Period) []string {
	var w []string
	prevFromDay := p.FromDay.AddDate(0, 0, -p.Days)
	switch {
	case p.FirstDay.After(p.ToDay):
		w = append(w, fmt.Sprintf("The data starts on %s, after this period: there is nothing to show.", p.FirstDay.Format(time.DateOnly)))
	case p.LastDay.Before(p.FromDay):
		w = append(w, fmt.Sprintf("The data ends on %s, before this period: there is nothing to show.", p.LastDay.Format(time.DateOnly)))
	case p.FirstDay.After(p.FromDay):
		w = append(w, fmt.Sprintf("The data starts on %s, within this period: the days before it have no data, and there is no previous period to compare with.", p.FirstDay.Format(time.DateOnly)))
	case p.FirstDay.After(prevFromDay):
		w = append(w, fmt.Sprintf("The data starts on %s: the previous period is incomplete, so changes are not comparable.", p.FirstDay.Format(time.DateOnly)))
	}
	if p.ToDay.After(p.Complete) && !p.LastHit.IsZero() {
		first := p.Complete.AddDate(0, 0, 1)
		if first.Before(p.FromDay) {
			first = p.FromDay
		}
		days, verb, its := first.Format(time.DateOnly), "is", "its"
		if p.ToDay.After(first) {
			days, verb, its = days+" to "+p.ToDay.Format(time.DateOnly), "are", "their"
		}
		w = append(w, fmt.Sprintf("%s %s not over (the data ends at %s, %s): %s numbers are partial and not judged as peaks or troughs.",
			days, verb, p.LastHit.In(mustZone(p.Zone)).Format("2006-01-02 15:04"), p.Zone, its))
	}
	return w
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// builder makes the report's pages; each page method runs its queries.
type builder struct {
	q       *runner
	p       Period
	peakRes *result // shared by the overview chart and the peaks page
}

func (b *builder) days(res *result) []string {
	x := make([]string, len(res.rows))
	for i := range res.rows {
		x[i] = res.str(i, "day")
	}
	return x
}

func column(res *result, col string) []float64 {
	v := make([]float64, len(res.rows))
	for i := range res.rows {
		v[i] = nan0(res.num(i, col))
	}
	return v
}

func (b *builder) peakRows(ctx context.Context) (*result, error) {
	if b.peakRes != nil {
		return b.peakRes, nil
	}
	res, err := b.q.run(ctx, "peaks", nil)
	b.peakRes = res
	return res, err
}

func (b *builder) overview(ctx context.Context) (reports.Page, error) {
	kpis, err := b.q.run(ctx, "overview_kpis", nil)
	if err != nil {
		return reports.Page{}, err
	}
	// Rows are ordered: current, previous.
	cur, prev := 0, 1
	kpi := func(label, col string, format func(float64) string, help string) reports.KPI {
		c, pv := kpis.num(cur, col), kpis.num(prev, col)
		ch, trend := change(c, pv)
		return reports.KPI{Label: label, Value: format(c), Previous: format(pv), Change: ch, Trend: trend, Help: help}
	}
	page := reports.Page{Slug: "index", Title: "Overview",
		Intro: "Visitors, visits and page views of the period, each against the previous period of the same length."}
	page.Blocks = append(page.Blocks, reports.Block{KPIs: []reports.KPI{
		kpi("Visitors", "visitors", count, "Distinct visitors (a keyed hash of address and browser) with at least one page view; bots left out."),
		kpi("Visits", "visits", count, "Page views of one visitor with no gap over 30 minutes, dated by their start."),
		kpi("Page views", "pageviews", count, "Non-bot GET requests answered 200 or 304 for a page (not an asset, feed, robots.txt, favicon or sitemap)."),
		kpi("Median visit", "median_duration_s", seconds, "Median of last minus first page view of each visit; one-page visits count as 0 s."),
		kpi("Mean visit", "mean_duration_s", seconds, "Mean of the same durations."),
		lowerIsBetter(kpi("Bounce share", "bounce_share", percent, "Share of visits with a single page view.")),
		kpi("Pages per visit", "pages_per_visit", decimal, "Page views per visit."),
	}})

	daily, err := b.q.run(ctx, "overview_daily", nil)
	if err != nil {
		return reports.Page{}, err
	}
	peaks, err := b.peakRows(ctx)
	if err != nil {
		return reports.Page{}, err
	}
	chart := &reports.Chart{ID: "overview-daily", Title: "Per day", Kind: reports.Line, X: b.days(daily), YName: "count",
		Series: []reports.Series{
			{Name: "Visitors", Values: column(daily, "visitors")},
			{Name: "Visits", Values: column(daily, "visits")},
			{Name: "Page views", Values: column(daily, "pageviews")},
		}}
	for i := range peaks.rows {
		if kind := peaks.str(i, "kind"); kind != "" {
			chart.Marks = append(chart.Marks, reports.Mark{X: peaks.str(i, "day"), Series: 0, Label: kind, Kind: markKind(kind)})
		}
	}
	page.Blocks = append(page.Blocks, reports.Block{Heading: "Every day of the period", Chart: chart})
	page.Blocks = append(page.Blocks, reports.Block{Table: dailyTable(daily)})
	return page, nil
}

// lowerIsBetter colours a fall as good news.
func lowerIsBetter(k reports.KPI) reports.KPI {
	k.Trend = -k.Trend
	return k
}

// markKind maps the fallback kinds (highest, lowest) to the two colours.
func markKind(kind string) string {
	if kind == "peak" || kind == "highest" {
		return "peak"
	}
	return "trough"
}

// kindCell shows a judged peak or trough as a coloured badge of its own; a
// highest or lowest day (no baseline to judge it by) as plain words, so that
// it never wears a "peak" badge it was not found to be.
func kindCell(kind string) reports.Cell {
	if kind == "peak" || kind == "trough" {
		return reports.Cell{Text: kind, Mark: kind}
	}
	return reports.Cell{Text: kind}
}

func dailyTable(daily *result) *reports.Table {
	t := &reports.Table{ID: "overview-daily-table", Title: "Per day", CSV: "overview-daily.csv",
		Columns: []reports.Column{{Name: "day"}, {Name: "visitors", Numeric: true}, {Name: "visits", Numeric: true}, {Name: "page views", Numeric: true}}}
	for i := range daily.rows {
		t.Rows = append(t.Rows, []reports.Cell{
			{Text: daily.str(i, "day")}, countCell(daily.num(i, "visitors")),
			countCell(daily.num(i, "visits")), countCell(daily.num(i, "pageviews")),
		})
	}
	return t
}

func (b *builder) audience(ctx context.Context) (reports.Page, error) {
	page := reports.Page{Slug: "audience", Title: "Audience",
		Intro: "Who the visitors are: new or returning, and what they read on, told by the browser's user agent."}
	nr, err := b.q.run(ctx, "audience_new_returning", nil)
	if err != nil {
		return page, err
	}
	var kpis []reports.KPI
	for i := range nr.rows {
		kind := nr.str(i, "visitors_kind")
		kpis = append(kpis, reports.KPI{Label: strings.ToUpper(kind[:1]) + kind[1:] + " visitors", Value: count(nr.num(i, "visitors")),
			Help: "New: first visit ever in the period; returning: visited before the period."})
	}
	page.Blocks = append(page.Blocks, reports.Block{KPIs: kpis})

	dev, err := b.q.run(ctx, "audience_devices", nil)
	if err != nil {
		return page, err
	}
	for _, dim := range []struct{ key, title string }{{"device", "Devices"}, {"browser", "Browsers"}, {"os", "Operating systems"}} {
		chart := &reports.Chart{ID: "audience-" + dim.key, Title: dim.title, Kind: reports.Pie, Series: []reports.Series{{Name: "visits"}}}
		table := &reports.Table{ID: "audience-" + dim.key + "-table", Title: dim.title, CSV: "audience-" + dim.key + ".csv",
			Columns: []reports.Column{{Name: dim.key}, {Name: "visits", Numeric: true}}}
		for i := range dev.rows {
			if dev.str(i, "dimension") != dim.key {
				continue
			}
			chart.X = append(chart.X, dev.str(i, "value"))
			chart.Series[0].Values = append(chart.Series[0].Values, dev.num(i, "visits"))
			table.Rows = append(table.Rows, []reports.Cell{{Text: dev.str(i, "value")}, countCell(dev.num(i, "visits"))})
		}
		page.Blocks = append(page.Blocks, reports.Block{Heading: dim.title, Chart: chart}, reports.Block{Table: table})
	}
	return page, nil
}

func (b *builder) content(ctx context.Context) (reports.Page, error) {
	page := reports.Page{Slug: "content", Title: "Content",
		Intro: "The most read pages, how long they are read, and where visits start and end. Time on page is the time to the next page view of the same visit (at most 30 minutes); the last page of a visit has none."}
	res, err := b.q.run(ctx, "content_pages", nil)
	if err != nil {
		return page, err
	}
	top := &reports.Chart{ID: "content-top", Title: "Top pages by views", Kind: reports.HorizontalBar, Series: []reports.Series{{Name: "views"}}}
	for i := 0; i < len(res.rows) && i < 10; i++ {
		top.X = append(top.X, res.str(i, "path"))
		top.Series[0].Values = append(top.Series[0].Values, res.num(i, "views"))
	}
	pages := &reports.Table{ID: "content-pages", Title: "Pages by views", CSV: "content-pages.csv", Limit: 50,
		Columns: []reports.Column{{Name: "page"}, {Name: "views", Numeric: true}, {Name: "visitors", Numeric: true},
			{Name: "entries", Numeric: true}, {Name: "exits", Numeric: true}, {Name: "timed views", Numeric: true},
			{Name: "median time on page", Numeric: true}, {Name: "mean time on page", Numeric: true}}}
	type row struct {
		i                      int
		median, entries, exits float64
	}
	var rows []row
	for i := range res.rows {
		pages.Rows = append(pages.Rows, []reports.Cell{
			{Text: res.str(i, "path")}, countCell(res.num(i, "views")), countCell(res.num(i, "visitors")),
			countCell(res.num(i, "entries")), countCell(res.num(i, "exits")), countCell(res.num(i, "timed_views")),
			secondsCell(res.num(i, "median_time_on_page_s")), secondsCell(res.num(i, "mean_time_on_page_s")),
		})
		rows = append(rows, row{i, res.num(i, "median_time_on_page_s"), res.num(i, "entries"), res.num(i, "exits")})
	}
	// Read longest: pages with enough timed views to trust a median.
	const minTimed = 5
	byTime := &reports.Table{ID: "content-time", Title: fmt.Sprintf("Read longest (median time on page, at least %d timed views)", minTimed),
		CSV: "content-time-on-page.csv", Limit: 20,
		Columns: []reports.Column{{Name: "page"}, {Name: "median time on page", Numeric: true}, {Name: "timed views", Numeric: true}, {Name: "views", Numeric: true}}}
	sorted := append([]row(nil), rows...)
	sortBy(sorted, func(a, b row) bool { return a.median > b.median })
	for _, r := range sorted {
		if math.IsNaN(r.median) || res.num(r.i, "timed_views") < minTimed {
			continue
		}
		byTime.Rows = append(byTime.Rows, []reports.Cell{{Text: res.str(r.i, "path")}, secondsCell(r.median),
			countCell(res.num(r.i, "timed_views")), countCell(res.num(r.i, "views"))})
	}
	entry := &reports.Table{ID: "content-entry", Title: "Entry pages", CSV: "content-entry-pages.csv", Limit: 20,
		Columns: []reports.Column{{Name: "page"}, {Name: "visits started here", Numeric: true}}}
	exit := &reports.Table{ID: "content-exit", Title: "Exit pages", CSV: "content-exit-pages.csv", Limit: 20,
		Columns: []reports.Column{{Name: "page"}, {Name: "visits ended here", Numeric: true}}}
	e := append([]row(nil), rows...)
	sortBy(e, func(a, b row) bool { return a.entries > b.entries })
	for _, r := range e {
		if r.entries > 0 {
			entry.Rows = append(entry.Rows, []reports.Cell{{Text: res.str(r.i, "path")}, countCell(r.entries)})
		}
	}
	x := append([]row(nil), rows...)
	sortBy(x, func(a, b row) bool { return a.exits > b.exits })
	for _, r := range x {
		if r.exits > 0 {
			exit.Rows = append(exit.Rows, []reports.Cell{{Text: res.str(r.i, "path")}, countCell(r.exits)})
		}
	}
	page.Blocks = append(page.Blocks,
		reports.Block{Heading: "Most popular", Chart: top},
		reports.Block{Table: pages},
		reports.Block{Heading: "Read longest", Table: byTime},
		reports.Block{Heading: "Where visits start and end", Table: entry},
		reports.Block{Table: exit})
	return page, nil
}

func (b *builder) acquisition(ctx context.Context) (reports.Page, error) {
	page := reports.Page{Slug: "acquisition", Title: "Acquisition",
		Intro: "Where visits come from. A visit's channel is that of its first page view: direct (no referrer), search, ai (answers of AI assistants such as ChatGPT or Perplexity), social, email, or referral (any other site)."}
	ch, err := b.q.run(ctx, "acquisition_channels", nil)
	if err != nil {
		return page, err
	}
	var total float64
	for i := range ch.rows {
		total += ch.num(i, "visits")
	}
	channels := &reports.Table{ID: "acq-channels", Title: "Channels", CSV: "acquisition-channels.csv",
		Columns: []reports.Column{{Name: "channel"}, {Name: "visits", Numeric: true}, {Name: "share", Numeric: true},
			{Name: "visitors", Numeric: true}, {Name: "previous period", Numeric: true}, {Name: "change", Numeric: true}}}
	for i := range ch.rows {
		c, _ := change(ch.num(i, "visits"), ch.num(i, "previous_visits"))
		channels.Rows = append(channels.Rows, []reports.Cell{{Text: ch.str(i, "channel")}, countCell(ch.num(i, "visits")),
			percentCell(ch.num(i, "visits") / total), countCell(ch.num(i, "visitors")),
			countCell(ch.num(i, "previous_visits")), {Text: c}})
	}
	daily, err := b.q.run(ctx, "acquisition_channels_daily", nil)
	if err != nil {
		return page, err
	}
	stack := &reports.Chart{ID: "acq-channels-daily", Title: "Visits per day by channel", Kind: reports.StackedBar, YName: "visits"}
	index := map[string]int{}
	for i := range daily.rows {
		day, name := daily.str(i, "day"), daily.str(i, "channel")
		if len(stack.X) == 0 || stack.X[len(stack.X)-1] != day {
			stack.X = append(stack.X, day)
		}
		k, ok := index[name]
		if !ok {
			k = len(stack.Series)
			index[name] = k
			stack.Series = append(stack.Series, reports.Series{Name: name, Color: channelColors[name]})
		}
		stack.Series[k].Values = append(stack.Series[k].Values, daily.num(i, "visits"))
	}

	ref, err := b.q.run(ctx, "acquisition_referrers", nil)
	if err != nil {
		return page, err
	}
	referrers := &reports.Table{ID: "acq-referrers", Title: "Top sources", CSV: "acquisition-sources.csv", Limit: 30,
		Columns: []reports.Column{{Name: "source"}, {Name: "channel"}, {Name: "visits", Numeric: true}, {Name: "previous period", Numeric: true}}}
	for i := range ref.rows {
		referrers.Rows = append(referrers.Rows, []reports.Cell{{Text: ref.str(i, "source")}, {Text: ref.str(i, "channel")},
			countCell(ref.num(i, "visits")), countCell(ref.num(i, "previous_visits"))})
	}

	links, err := b.q.run(ctx, "acquisition_links", nil)
	if err != nil {
		return page, err
	}
	natural := &reports.Table{ID: "acq-links", Title: "Natural links", CSV: "acquisition-natural-links.csv", Limit: 50,
		Columns: []reports.Column{{Name: "linking page"}, {Name: "domain"}, {Name: "visits", Numeric: true},
			{Name: "first seen"}, {Name: "last seen"}, {Name: "new"}}}
	newLinks := 0
	for i := range links.rows {
		isNew := links.flag(i, "is_new")
		mark, newText := "", ""
		if isNew {
			mark, newText = "new", "new"
			newLinks++
		}
		natural.Rows = append(natural.Rows, []reports.Cell{
			{Text: links.str(i, "page"), Link: links.str(i, "page"), Mark: mark}, {Text: links.str(i, "domain")},
			countCell(links.num(i, "visits")), {Text: b.day(links.date(i, "first_seen"))},
			{Text: b.day(links.date(i, "last_seen"))}, {Text: newText}})
	}

	kw, err := b.q.run(ctx, "acquisition_keywords", nil)
	if err != nil {
		return page, err
	}
	keywords := &reports.Table{ID: "acq-keywords", Title: "Search keywords", CSV: "acquisition-keywords.csv", Limit: 50,
		Columns: []reports.Column{{Name: "keyword"}, {Name: "visits", Numeric: true}, {Name: "engines"}}}
	for i := range kw.rows {
		keywords.Rows = append(keywords.Rows, []reports.Cell{{Text: kw.str(i, "keyword")}, countCell(kw.num(i, "visits")), {Text: kw.str(i, "engines")}})
	}

	page.Blocks = append(page.Blocks,
		reports.Block{Heading: "Channels", Table: channels},
		reports.Block{Chart: stack},
		reports.Block{Heading: "Top sources", Table: referrers},
		reports.Block{Heading: "Natural links", Text: fmt.Sprintf("Pages of other sites whose links brought visits (referral channel): %d in the period, %d of them new (first seen in the period).", len(links.rows), newLinks), Table: natural},
		reports.Block{Heading: "Search keywords", Text: "The terms in search engines' referrers. Most engines no longer pass them: those visits count as (not provided).", Table: keywords})
	return page, nil
}

// channelColors gives each channel the same colour in every report, whatever
// channels a period has; none is a peak or trough mark's green or red.
var channelColors = map[string]string{
	"direct":   "#8c8c8c",
	"search":   "#3b6fb6",
	"ai":       "#6f5aa8",
	"social":   "#e08a2c",
	"email":    "#2a9d8f",
	"referral": "#c45a9c",
}

// day formats an instant as its day in the report's zone.
func (b *builder) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(mustZone(b.p.Zone)).Format(time.DateOnly)
}

func (b *builder) peaks(ctx context.Context) (reports.Page, error) {
	page := reports.Page{Slug: "peaks", Title: "Peaks and troughs",
		Intro: "Days whose visitors differ from the median of the 28 days before by at least 3 scaled median absolute deviations, with the sources and entry pages that moved most against that baseline, and for a trough the server errors or missing hours that explain it."}
	res, err := b.peakRows(ctx)
	if err != nil {
		return page, err
	}
	summary := &reports.Table{ID: "peaks-days", Title: "Flagged days", CSV: "peaks.csv",
		Columns: []reports.Column{{Name: "day"}, {Name: "kind"}, {Name: "visitors", Numeric: true},
			{Name: "baseline (median)", Numeric: true}, {Name: "scaled MAD", Numeric: true}, {Name: "explained by"}}}
	var blocks []reports.Block
	var n peakCounts
	for i := range res.rows {
		if !res.flag(i, "is_over") {
			n.notOver++
			continue
		}
		if res.num(i, "history_days") < 28 {
			n.unjudged++
		}
		kind := res.str(i, "kind")
		if kind == "" {
			continue
		}
		n.fallback = n.fallback || kind == "highest" || kind == "lowest"
		row, block, err := b.peakDay(ctx, res, i)
		if err != nil {
			return page, err
		}
		summary.Rows = append(summary.Rows, row)
		blocks = append(blocks, block)
	}
	page.Blocks = append([]reports.Block{{Text: n.text(len(summary.Rows)), Table: summary}}, blocks...)
	return page, nil
}

// peakCounts are the days of the period that the peaks rule could not judge.
type peakCounts struct {
	fallback bool // no day could be: the highest and lowest are shown
	unjudged int  // days with fewer than 28 days of data before them
	notOver  int  // days that are not over
}

// text is the line above the flagged days.
func (n peakCounts) text(flagged int) string {
	text := fmt.Sprintf("%d day(s) flagged.", flagged)
	if n.fallback {
		text = "There are fewer than 28 days of history before this period, too few for a baseline: the highest and lowest days are shown instead, with no baseline."
	} else if n.unjudged > 0 {
		text += fmt.Sprintf(" %d day(s) of the period have fewer than 28 days of data before them and were not judged.", n.unjudged)
	}
	if n.notOver > 0 {
		text += fmt.Sprintf(" %d day(s) at the end of the period are not over yet and were not judged.", n.notOver)
	}
	return text
}

// peakDay is the summary row and the block of flagged day i of res: what
// moved that day and, for a trough, what explains it.
func (b *builder) peakDay(ctx context.Context, res *result, i int) ([]reports.Cell, reports.Block, error) {
	day, kind := res.str(i, "day"), res.str(i, "kind")
	visitors, baseline := res.num(i, "visitors"), res.num(i, "baseline")
	var causes []string
	if kind == "trough" || kind == "lowest" {
		var err error
		if causes, err = b.causes(ctx, res.date(i, "day")); err != nil {
			return nil, reports.Block{}, err
		}
	}
	row := []reports.Cell{{Text: day}, kindCell(kind), countCell(visitors),
		decimalCell(baseline), decimalCell(res.num(i, "scaled_mad")), {Text: strings.Join(causes, "; ")}}
	drivers, err := b.q.run(ctx, "peak_drivers", []any{sql.Named("day", day)})
	if err != nil {
		return nil, reports.Block{}, err
	}
	block := reports.Block{
		Heading: fmt.Sprintf("%s: %s, %s visitors against a median of %s", day, kind, count(visitors), decimal(baseline)),
		Table:   driversTable(day, drivers, !math.IsNaN(baseline)),
	}
	if math.IsNaN(baseline) {
		// Fewer than 28 days of history: no median to print, not even 0.
		block.Heading = fmt.Sprintf("%s: %s day of the period, %s visitors (no baseline: fewer than 28 days of history)", day, kind, count(visitors))
	}
	if len(causes) > 0 {
		block.Text = "Explained by: " + strings.Join(causes, "; ") + "."
	}
	return row, block, nil
}

// driversTable lists what moved on day against its baseline or, without
// one, where that day's visits came from.
func driversTable(day string, drivers *result, withBaseline bool) *reports.Table {
	t := &reports.Table{ID: "peak-" + day, Title: "What moved on " + day, CSV: "peak-" + day + ".csv",
		Columns: []reports.Column{{Name: "by"}, {Name: "source or entry page"}, {Name: "visits", Numeric: true},
			{Name: "baseline (median)", Numeric: true}, {Name: "change", Numeric: true}}}
	if !withBaseline {
		t.Title = "Where the visits of " + day + " came from"
		t.Columns = t.Columns[:3]
	}
	for j := range drivers.rows {
		row := []reports.Cell{{Text: drivers.str(j, "dimension")}, {Text: drivers.str(j, "value")}, countCell(drivers.num(j, "visits"))}
		if withBaseline {
			row = append(row, decimalCell(drivers.num(j, "baseline")), reports.Cell{Text: signed(drivers.num(j, "change"))})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// causes says what explains a trough on day: its server errors, and the
// hours without any hit in which the site usually has some.
func (b *builder) causes(ctx context.Context, day time.Time) ([]string, error) {
	loc := mustZone(b.p.Zone)
	start, end := midnight(day, loc), midnight(day.AddDate(0, 0, 1), loc)
	res, err := b.q.run(ctx, "peak_causes", []any{
		sql.Named("day_start", start), sql.Named("day_end", end),
		sql.Named("history_start", midnight(day.AddDate(0, 0, -28), loc)),
	})
	if err != nil {
		return nil, err
	}
	var out []string
	for i := range res.rows {
		switch res.str(i, "cause") {
		case "server errors":
			out = append(out, count(res.num(i, "n"))+" server errors (5xx) that day")
		case "missing hours":
			from, to := res.date(i, "from_ts"), res.date(i, "to_ts")
			out = append(out, missingHours(from, to, start, end, loc))
		}
	}
	return out, nil
}

// missingHours words a run of hours without data, [from, to), of the day
// [start, end).
func missingHours(from, to, start, end time.Time, loc *time.Location) string {
	if !from.After(start) && !to.Before(end) {
		return "no data all day"
	}
	until := to.In(loc).Format("15:04")
	if !to.Before(end) {
		until = "24:00"
	}
	return "no data from " + from.In(loc).Format("15:04") + " to " + until
}

func signed(v float64) string {
	if v > 0 {
		return "+" + decimal(v)
	}
	return decimal(v)
}

// quality is the data quality page: bots, rejected lines and days without
// data.
func (b *builder) quality(ctx context.Context) (reports.Page, error) {
	page := reports.Page{Slug: "quality", Title: "Data quality",
		Intro: "What the numbers leave out: bots (kept in the warehouse, flagged), lines that could not be read, and days without data."}
	bots, err := b.qualityBots(ctx)
	if err != nil {
		return page, err
	}
	botNote, err := b.noAgentNote(ctx)
	if err != nil {
		return page, err
	}
	rej, rejected, err := b.qualityRejects(ctx)
	if err != nil {
		return page, err
	}
	dayTable, empty, err := b.qualityDays(ctx)
	if err != nil {
		return page, err
	}
	share := math.NaN()
	if bots.all > 0 {
		share = bots.botHits / bots.all
	}
	page.Blocks = append(page.Blocks,
		reports.Block{KPIs: []reports.KPI{
			{Label: "Hits", Value: count(bots.all), Help: "Parsed log lines of the period."},
			{Label: "Bot share", Value: percent(share), Help: "Hits from bots: a maintained crawler list, a URL in the agent, an empty or very short agent, or a visitor that fetched /robots.txt."},
			{Label: "Rejected lines", Value: count(rejected), Help: "Lines that could not be read, in all the data; each is kept with file, line and reason."},
			{Label: "Days without data", Value: count(float64(empty)), Help: "Days of the period with no hit at all."},
		}},
		reports.Block{Heading: "Bots", Text: botNote, Chart: bots.pie},
		reports.Block{Table: bots.table},
		reports.Block{Heading: "Rejected lines", Table: rej},
		reports.Block{Heading: "Days", Table: dayTable})
	return page, nil
}

// botCounts is the quality page's bot part: the hits of the period, those
// of bots, the table by bot and the pie by category.
type botCounts struct {
	all, botHits float64
	table        *reports.Table
	pie          *reports.Chart
}

// qualityBots counts the period's hits by bot; the "(human)" category
// counts in the hits but is neither in the table nor in the pie.
func (b *builder) qualityBots(ctx context.Context) (botCounts, error) {
	var out botCounts
	bots, err := b.q.run(ctx, "quality_bots", nil)
	if err != nil {
		return out, err
	}
	cats := map[string]float64{}
	var catOrder []string
	out.table = &reports.Table{ID: "quality-bots", Title: "Hits by bot", CSV: "quality-bots.csv", Limit: 40,
		Columns: []reports.Column{{Name: "category"}, {Name: "bot"}, {Name: "hits", Numeric: true}, {Name: "visitors", Numeric: true}}}
	for i := range bots.rows {
		n := bots.num(i, "hits")
		out.all += n
		cat := bots.str(i, "category")
		if cat == "(human)" {
			continue
		}
		out.botHits += n
		if _, ok := cats[cat]; !ok {
			catOrder = append(catOrder, cat)
		}
		cats[cat] += n
		out.table.Rows = append(out.table.Rows, []reports.Cell{{Text: cat}, {Text: bots.str(i, "bot")}, countCell(n), countCell(bots.num(i, "visitors"))})
	}
	out.pie = &reports.Chart{ID: "quality-bot-categories", Title: "Bot hits by category", Kind: reports.Pie, Series: []reports.Series{{Name: "hits"}}}
	for _, c := range catOrder {
		out.pie.X = append(out.pie.X, c)
		out.pie.Series[0].Values = append(out.pie.Series[0].Values, cats[c])
	}
	return out, nil
}

// qualityRejects is the table of rejected lines by reason, in all the
// data, and their number.
func (b *builder) qualityRejects(ctx context.Context) (*reports.Table, float64, error) {
	rejects, err := b.q.run(ctx, "quality_rejects", nil)
	if err != nil {
		return nil, 0, err
	}
	rej := &reports.Table{ID: "quality-rejects", Title: "Rejected lines by reason (all data)", CSV: "quality-rejects.csv",
		Columns: []reports.Column{{Name: "reason"}, {Name: "lines", Numeric: true}, {Name: "files", Numeric: true}, {Name: "example"}}}
	var rejected float64
	for i := range rejects.rows {
		rejected += rejects.num(i, "rows")
		rej.Rows = append(rej.Rows, []reports.Cell{{Text: rejects.str(i, "reason")}, countCell(rejects.num(i, "rows")),
			countCell(rejects.num(i, "files")), {Text: rejects.str(i, "example")}})
	}
	return rej, rejected, nil
}

// qualityDays is the table of hits per day of the period and the number
// of days with none.
func (b *builder) qualityDays(ctx context.Context) (*reports.Table, int, error) {
	days, err := b.q.run(ctx, "quality_days", nil)
	if err != nil {
		return nil, 0, err
	}
	dayTable := &reports.Table{ID: "quality-days", Title: "Hits per day", CSV: "quality-days.csv",
		Columns: []reports.Column{{Name: "day"}, {Name: "hits", Numeric: true}, {Name: "bot hits", Numeric: true}, {Name: "server errors (5xx)", Numeric: true}, {Name: "note"}}}
	empty := 0
	for i := range days.rows {
		note := ""
		if days.num(i, "hits") == 0 {
			note = "no data"
			empty++
		}
		dayTable.Rows = append(dayTable.Rows, []reports.Cell{{Text: days.str(i, "day")}, countCell(days.num(i, "hits")),
			countCell(days.num(i, "bot_hits")), countCell(days.num(i, "server_errors")), {Text: note}})
	}
	return dayTable, empty, nil
}

// noAgentNote says, when some hits of the period come from a log format
// that records no user agent (Common Log Format), that bots could not be
// told apart in them; "" when every hit has its agent.
func (b *builder) noAgentNote(ctx context.Context) (string, error) {
	res, err := b.q.run(ctx, "quality_agents", nil)
	if err != nil || len(res.rows) == 0 {
		return "", err
	}
	hits, none := res.num(0, "hits"), res.num(0, "no_agent_hits")
	if none == 0 {
		return "", nil
	}
	return fmt.Sprintf("Bots could not be told apart in %s of the %s hits of the period (%s, on %s day(s)): "+
		"their log format (Common Log Format) records no user agent. There, only visitors that fetched /robots.txt "+
		"and clients whose host name is a known crawler's (such as crawl-….googlebot.com) count as bots; "+
		"other bots count as people, so visitors, visits and page views may be too high.",
		count(none), count(hits), percent(none/hits), count(res.num(0, "no_agent_days"))), nil
}

// sortBy sorts s stably by less.
func sortBy[T any](s []T, less func(a, b T) bool) {
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
}
