package reports

import "fmt"

// sampleReport is a small report that uses every kind of block and chart,
// with hand-made numbers: it is the golden report and what the browser
// test takes screenshots of.
func sampleReport() *Report {
	days := make([]string, 14)
	visitors := []float64{120, 131, 118, 125, 410, 140, 122, 119, 127, 133, 41, 128, 135, 130}
	views := make([]float64, 14)
	for i := range days {
		days[i] = fmt.Sprintf("2025-09-%02d", i+1)
		views[i] = visitors[i]*2 + float64(i%3)*7
	}
	return &Report{
		Title:  "blog.example.org",
		Period: "2025-09-01 to 2025-09-14 (Europe/Paris), compared with 2025-08-18 to 2025-08-31",
		Note:   "Generated 2025-09-15 03:00 by cmpulse from 1 site.",
		Warnings: []string{
			"3 input lines could not be read: see Data quality.",
		},
		Pages: []Page{
			{
				Slug:  "overview",
				Title: "Overview",
				Definitions: []Definition{
					{Label: "visitor", Anchor: "visitor"}, {Label: "visit", Anchor: "visit"},
					{Label: "page view", Anchor: "page-view"}, {Label: "the period", Anchor: "report-period"},
				},
				Intro: "Visitors and visits of the period, against the period before.",
				Blocks: []Block{
					{KPIs: []KPI{
						{Label: "Visitors", Value: "1,842", Previous: "1,650", Change: "+12%", Trend: 1, Help: "Distinct visitor ids in the period."},
						{Label: "Visits", Value: "2,310", Previous: "2,402", Change: "-4%", Trend: -1, Help: "Page views with no gap over 30 minutes."},
						{Label: "Page views", Value: "4,911", Previous: "4,911", Change: "0%", Trend: 0},
						{Label: "Median visit", Value: "1m 32s", Previous: "1m 10s", Change: "+31%", Trend: 1},
						{Label: "Bounce share", Value: "41%", Change: ""},
					}},
					{Heading: "Daily visitors", Chart: &Chart{
						ID: "overview-daily", Title: "Visitors and page views per day", Kind: Line,
						X: days, YName: "visitors",
						Series: []Series{{Name: "Visitors", Values: visitors}, {Name: "Page views", Values: views}},
						Marks: []Mark{
							{X: "2025-09-05", Series: 0, Label: "peak", Kind: "peak"},
							{X: "2025-09-11", Series: 0, Label: "trough", Kind: "trough"},
						},
					}},
					{Heading: "Top pages", Text: "Pages by views; the CSV has every page.", Table: &Table{
						ID: "overview-top-pages", Title: "Top pages", CSV: "overview-top-pages.csv",
						Columns: []Column{{Name: "Page"}, {Name: "Views", Numeric: true}, {Name: "Median time", Numeric: true}},
						Rows: [][]Cell{
							{{Text: "/posts/hello-world", Link: "https://blog.example.org/posts/hello-world"}, {Text: "1,204"}, {Text: "2m 10s"}},
							{{Text: "/about"}, {Text: "611"}, {Text: "0m 48s"}},
							{{Text: "/posts/a-very-long-path-that-goes-on-and-on-and-on-without-any-break-at-all-to-test-wrapping"}, {Text: "97"}, {Text: "1m 02s"}},
							{{Text: "/tags/go"}, {Text: "12"}, {Text: "0m 20s"}},
						},
						Limit: 3,
					}},
				},
			},
			{
				Slug:        "acquisition",
				Title:       "Acquisition",
				Definitions: []Definition{{Label: "channel", Anchor: "channel"}, {Label: "natural link", Anchor: "natural-link"}},
				Intro:       "Where visits came from.",
				Blocks: []Block{
					{Heading: "Channels over time", Chart: &Chart{
						ID: "acq-channels", Title: "Visits per channel and day", Kind: StackedBar,
						X: days[:7], YName: "visits",
						Series: []Series{
							{Name: "direct", Values: []float64{50, 52, 48, 51, 70, 55, 49}},
							{Name: "search", Values: []float64{40, 44, 39, 41, 60, 45, 42}},
							{Name: "social", Values: []float64{10, 12, 9, 11, 260, 14, 10}},
						},
						Marks: []Mark{{X: "2025-09-05", Series: 2, Label: "peak", Kind: "peak"}},
					}},
					{Heading: "Channel share", Chart: &Chart{
						ID: "acq-share", Title: "Share of visits", Kind: Pie,
						X:      []string{"direct", "search", "social", "referral", "email"},
						Series: []Series{{Name: "Visits", Values: []float64{375, 311, 326, 80, 12}}},
					}},
					{Heading: "Top referrers", Chart: &Chart{
						ID: "acq-referrers", Title: "Visits by referring site", Kind: HorizontalBar,
						X:      []string{"news.ycombinator.com", "www.reddit.com", "lobste.rs", "t.co", "a-really-long-referring-domain-name.example.co.uk"},
						Series: []Series{{Name: "Visits", Values: []float64{240, 61, 33, 20, 4}}},
						YName:  "visits",
					}},
					{Heading: "Weekdays", Chart: &Chart{
						ID: "acq-weekdays", Title: "Visits by weekday", Kind: Bar,
						X:      []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
						Series: []Series{{Name: "This period", Values: []float64{310, 330, 300, 480, 320, 150, 140}}, {Name: "Previous", Values: []float64{300, 310, 290, 305, 300, 160, 150}}},
					}},
					{Heading: "Natural links", Table: &Table{
						ID: "acq-links", Title: "Pages that link here", CSV: "acquisition-natural-links.csv",
						Columns: []Column{{Name: "Domain"}, {Name: "Page"}, {Name: "First seen"}, {Name: "Visits", Numeric: true}},
						Rows: [][]Cell{
							{{Text: "ycombinator.com", Mark: "new"}, {Text: "https://news.ycombinator.com/item?id=1", Link: "https://news.ycombinator.com/item?id=1"}, {Text: "2025-09-05"}, {Text: "240"}},
							{{Text: "reddit.com"}, {Text: "https://www.reddit.com/r/golang/comments/x", Link: "https://www.reddit.com/r/golang/comments/x"}, {Text: "2025-07-02"}, {Text: "61"}},
						},
					}},
				},
			},
			{
				Slug:        "data-quality",
				Title:       "Data quality",
				Definitions: []Definition{{Label: "data quality", Anchor: "data-quality"}, {Label: "bot", Anchor: "bot"}},
				Blocks: []Block{
					{Heading: "Rejected lines", Text: "Lines that could not be read, by reason.", Table: &Table{
						ID: "dq-rejects", Title: "Rejects", CSV: "data-quality-rejects.csv",
						Columns: []Column{{Name: "File"}, {Name: "Line", Numeric: true}, {Name: "Reason"}},
						Rows: [][]Cell{
							{{Text: "access.log"}, {Text: "8899"}, {Text: "unterminated quoted field (user agent)"}},
							{{Text: "access, old.log"}, {Text: "12"}, {Text: "bad \"status\" field"}},
							{{Text: "access.log.2.gz"}, {Text: "3"}, {Text: "line\nwith a newline"}},
						},
					}},
					{Heading: "Bots", Chart: &Chart{
						ID: "dq-bots", Title: "Bot hits by category", Kind: Pie,
						Series: []Series{{Name: "hits"}},
					}},
					{Heading: "Days without data", Table: &Table{
						CSV:     "data-quality-missing-days.csv",
						Columns: []Column{{Name: "Day"}},
					}},
				},
			},
		},
	}
}

// Payloads that must stay text. probeFlag ones set window.__xss when they
// run, which the browser test looks for; the others are the classic probes
// from the issue.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`<img src=x onerror="window.__xss=1">`,
	`</script><script>window.__xss=1</script>`,
	`'"><svg onload="window.__xss=1">`,
	`<!--<script>window.__xss=1</script>-->`,
	`x__f__", "a": "__f__window.__xss=1//`,
	"\u2028window.__xss=1\u2029",
	`{a|b}{c}<b>bold</b>&amp;`,
}

var xssLinks = []string{
	`javascript:alert(1)`,
	`JaVaScRiPt:window.__xss=1`,
	` javascript:window.__xss=1`,
	`data:text/html,<script>window.__xss=1</script>`,
	`vbscript:msgbox(1)`,
	`//evil.example/x`,
	`https://ok.example/?q="><script>window.__xss=1</script>`,
}

// xssReport carries the payloads in every string of a Report that can come
// from input; n picks which payload goes where, so that every payload is
// tried in every field over the set of pages.
func xssReport() *Report {
	p := func(n int) string { return xssPayloads[n%len(xssPayloads)] }
	r := &Report{
		Title:    p(0) + " site",
		Period:   p(1),
		Note:     p(2),
		Warnings: append([]string(nil), xssPayloads...),
	}
	for pi := range 3 {
		x := make([]string, len(xssPayloads))
		for i := range x {
			x[i] = p(pi + i)
		}
		vals := func(k int) []float64 {
			v := make([]float64, len(x))
			for i := range v {
				v[i] = float64((i*7+k*3)%11 + 1)
			}
			return v
		}
		var rows [][]Cell
		for i := range xssPayloads {
			rows = append(rows, []Cell{
				{Text: p(pi + i), Link: xssLinks[i%len(xssLinks)], Mark: p(i)},
				{Text: p(pi + i + 1), Link: "https://ok.example/" + p(i)},
				{Text: p(i) + "12"},
			})
		}
		slug := []string{"index", "second", "third"}[pi]
		r.Pages = append(r.Pages, Page{
			Slug:        slug,
			Title:       p(pi + 3),
			Intro:       p(pi + 4),
			Definitions: []Definition{{Label: p(pi + 5), Anchor: "visitor"}, {Label: p(pi + 6), Anchor: "hit"}},
			Blocks: []Block{
				{Heading: p(pi + 5), Text: p(pi + 6), KPIs: []KPI{
					{Label: p(pi), Value: p(pi + 1), Previous: p(pi + 2), Change: p(pi + 3), Trend: 1, Help: p(pi + 4)},
					{Label: p(pi + 5), Value: p(pi + 6), Previous: p(pi + 7), Change: p(pi + 8), Trend: -1, Help: p(pi + 9)},
				}},
				{Heading: p(pi + 7), Chart: &Chart{
					ID: slug + "-line", Title: p(pi + 8), Kind: Line, X: x, YName: p(pi + 1),
					Series: []Series{{Name: p(pi), Values: vals(1)}, {Name: p(pi + 1), Values: vals(2)}},
					Marks: []Mark{
						{X: x[1], Series: 0, Label: p(pi + 2), Kind: "peak"},
						{X: x[2], Series: 1, Label: p(pi + 3), Kind: "trough"},
						{X: x[3], Series: 0, Label: p(pi + 4), Kind: p(pi + 5)},
					},
				}},
				{Chart: &Chart{
					ID: slug + "-stack", Title: p(pi + 2), Kind: StackedBar, X: x,
					Series: []Series{{Name: p(pi + 3), Values: vals(3)}, {Name: p(pi + 4), Values: vals(4)}},
					Marks:  []Mark{{X: x[0], Series: 1, Label: p(pi + 5), Kind: "peak"}},
				}},
				{Chart: &Chart{ID: slug + "-hbar", Title: p(pi + 3), Kind: HorizontalBar, X: x, YName: p(pi),
					Series: []Series{{Name: p(pi + 6), Values: vals(5)}}}},
				{Chart: &Chart{ID: slug + "-bar", Title: p(pi + 4), Kind: Bar, X: x,
					Series: []Series{{Name: p(pi + 7), Values: vals(6)}}}},
				{Chart: &Chart{ID: slug + "-pie", Title: p(pi + 5), Kind: Pie, X: x,
					Series: []Series{{Name: p(pi + 8), Values: vals(7)}}}},
				{Heading: p(pi + 8), Table: &Table{
					ID: slug + "-table", Title: p(pi + 2), CSV: slug + "-table.csv",
					Columns: []Column{{Name: p(pi)}, {Name: p(pi + 1)}, {Name: p(pi + 2), Numeric: true}},
					Rows:    rows,
					Limit:   len(rows) - 1,
				}},
			},
		})
	}
	return r
}
