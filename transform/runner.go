package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmpulse/cmpulse/queries"
)

// trace prints each query's time on stderr, for finding slow ones:
// CMPULSE_TRACE=1 cmpulse report ...
var trace = os.Getenv("CMPULSE_TRACE") != ""

// runner runs named queries of a query set with the period's parameters.
type runner struct {
	db     *sql.DB
	qs     *queries.Set
	period Period

	// missing is the first disagreement between a result and the code
	// that reads it: a column or row it lacks, or a value of a type the
	// code cannot use. Build checks it after each page, so that a query
	// and its caller that disagree give an error naming the .sql file, not
	// a panic or a silent NaN.
	missing error
	// read, when not nil, records the columns read per query (tests check
	// them against columnsRead).
	read map[string]map[string]bool
}

// result is a query's rows, held whole: report queries return at most a
// few thousand rows.
type result struct {
	name string
	q    *runner
	cols map[string]int
	rows [][]any
}

func (q *runner) run(ctx context.Context, name string, extra []any) (*result, error) {
	text, err := q.qs.Get(name)
	if err != nil {
		return nil, err
	}
	args := append(q.period.params(text), extra...)
	if trace {
		defer func(start time.Time) {
			fmt.Fprintf(os.Stderr, "query %-28s %v\n", name, time.Since(start).Round(time.Millisecond))
		}(time.Now())
	}
	rows, err := q.db.QueryContext(ctx, text, args...)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", q.qs.Path(name), err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", q.qs.Path(name), err)
	}
	res := &result{name: name, q: q, cols: map[string]int{}}
	for i, n := range names {
		res.cols[n] = i
	}
	if err := res.check(q.qs.Path(name)); err != nil {
		return nil, err
	}
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("query %s: %w", q.qs.Path(name), err)
		}
		res.rows = append(res.rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query %s: %w", q.qs.Path(name), err)
	}
	return res, nil
}

// check says which column the report reads is missing from the result,
// right after the query ran: a --queries override may have dropped or
// renamed one. file is where the query came from.
func (r *result) check(file string) error {
	for _, col := range columnsRead[r.name] {
		if _, ok := r.cols[col]; !ok {
			return fmt.Errorf("query %s: no column %q in its result; the report reads the columns %s",
				file, col, strings.Join(columnsRead[r.name], ", "))
		}
	}
	return nil
}

// get returns a cell. A column the result lacks gives nil and is kept as
// the runner's error: check has already refused the columns listed in
// columnsRead, so this only happens when the list is behind the code.
func (r *result) get(i int, col string) any {
	if r.q != nil && r.q.read != nil {
		if r.q.read[r.name] == nil {
			r.q.read[r.name] = map[string]bool{}
		}
		r.q.read[r.name][col] = true
	}
	c, ok := r.cols[col]
	if !ok {
		r.fail(fmt.Sprintf("no column %q in its result", col))
		return nil
	}
	if i >= len(r.rows) {
		// overview_kpis must return two rows (period, previous period).
		r.fail(fmt.Sprintf("%d row(s) in its result, the report reads row %d", len(r.rows), i+1))
		return nil
	}
	return r.rows[i][c]
}

// fail keeps the first disagreement between a query and its caller as the
// runner's error.
func (r *result) fail(what string) {
	if r.q != nil && r.q.missing == nil {
		r.q.missing = fmt.Errorf("query %s: %s", r.q.qs.Path(r.name), what)
	}
}

// wrongType keeps as the runner's error a value whose type the reader
// cannot use: a --queries override that returns 'x' AS visitors, or 1 AS
// is_over, would otherwise be read as NaN or false without a word.
func (r *result) wrongType(i int, col string, v any, want string) {
	r.fail(fmt.Sprintf("column %q holds %T value %.40q in row %d; the report reads it as %s",
		col, v, fmt.Sprint(v), i+1, want))
}

// num returns a numeric value, NaN for NULL. A value that is not a number
// (a string, a date, a list) gives NaN and the runner's error.
func (r *result) num(i int, col string) float64 {
	switch v := r.get(i, col).(type) {
	case nil:
		return math.NaN()
	case int64:
		return float64(v)
	case int32:
		return float64(v)
	case int16:
		return float64(v)
	case int8:
		return float64(v)
	case uint64:
		return float64(v)
	case uint32:
		return float64(v)
	case uint16:
		return float64(v)
	case uint8:
		return float64(v)
	case float64:
		return v
	case float32:
		return float64(v)
	case bool:
		if v {
			return 1
		}
		return 0
	case *big.Int: // HUGEINT
		f, _ := new(big.Float).SetInt(v).Float64()
		return f
	case duckdb.Decimal:
		return v.Float64()
	default:
		r.wrongType(i, col, v, "a number")
		return math.NaN()
	}
}

// str returns a text value, "" for NULL; a date or time gives its day. A
// value that has no plain text form (a list, a struct, bytes) gives "" and
// the runner's error.
func (r *result) str(i int, col string) string {
	switch v := r.get(i, col).(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.DateOnly)
	case int64, int32, int16, int8, uint64, uint32, uint16, uint8, float64, float32, bool, *big.Int, duckdb.Decimal:
		return fmt.Sprint(v)
	default:
		r.wrongType(i, col, v, "text")
		return ""
	}
}

// date returns a date or timestamp, the zero time for NULL. Another type
// gives the zero time and the runner's error.
func (r *result) date(i int, col string) time.Time {
	switch v := r.get(i, col).(type) {
	case nil:
		return time.Time{}
	case time.Time:
		return v
	default:
		r.wrongType(i, col, v, "a date")
		return time.Time{}
	}
}

// flag returns a boolean, false for NULL. Another type, even a number,
// gives false and the runner's error: 1 AS is_over is a mistake to show.
func (r *result) flag(i int, col string) bool {
	switch v := r.get(i, col).(type) {
	case nil:
		return false
	case bool:
		return v
	default:
		r.wrongType(i, col, v, "a boolean")
		return false
	}
}

// columnsRead lists, per query, the columns the report's Go code reads from
// its result. Each result is checked against it as soon as its query has
// run; TestColumnsReadListed keeps it in step with the code.
var columnsRead = map[string][]string{
	"acquisition_channels":       {"channel", "previous_visits", "visitors", "visits"},
	"acquisition_channels_daily": {"channel", "day", "visits"},
	"acquisition_keywords":       {"engines", "keyword", "visits"},
	"acquisition_links":          {"domain", "first_seen", "is_new", "last_seen", "page", "visits"},
	"acquisition_referrers":      {"channel", "previous_visits", "source", "visits"},
	"audience_devices":           {"dimension", "value", "visits"},
	"audience_new_returning":     {"visitors", "visitors_kind"},
	"content_pages":              {"entries", "exits", "mean_time_on_page_s", "median_time_on_page_s", "path", "timed_views", "views", "visitors"},
	"overview_daily":             {"day", "pageviews", "visitors", "visits"},
	"overview_kpis":              {"bounce_share", "mean_duration_s", "median_duration_s", "pages_per_visit", "pageviews", "visitors", "visits"},
	"peak_drivers":               {"baseline", "change", "dimension", "value", "visits"},
	"peak_causes":                {"cause", "from_ts", "n", "to_ts"},
	"peaks":                      {"baseline", "day", "history_days", "is_over", "kind", "scaled_mad", "visitors"},
	"quality_agents":             {"hits", "no_agent_hits"},
	"quality_bots":               {"bot", "category", "hits", "visitors"},
	"quality_days":               {"bot_hits", "day", "hits", "server_errors"},
	"quality_rejects":            {"example", "files", "reason", "rows"},
	"report_period":              {"first_day", "last_day", "last_hit"},
}
