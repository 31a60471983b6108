package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"time"

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
}

// result is a query's rows, held whole: report queries return at most a
// few thousand rows.
type result struct {
	name string
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
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	res := &result{name: name, cols: map[string]int{}}
	for i, n := range names {
		res.cols[n] = i
	}
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("query %s: %w", name, err)
		}
		res.rows = append(res.rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	return res, nil
}

func (r *result) get(i int, col string) any {
	c, ok := r.cols[col]
	if !ok {
		panic(fmt.Sprintf("query %s has no column %s", r.name, col)) // a query and its caller disagree
	}
	return r.rows[i][c]
}

// num returns a numeric value, NaN for NULL.
func (r *result) num(i int, col string) float64 {
	switch v := r.get(i, col).(type) {
	case nil:
		return math.NaN()
	case int64:
		return float64(v)
	case int32:
		return float64(v)
	case uint64:
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
	case fmt.Stringer: // HUGEINT, DECIMAL
		var f float64
		fmt.Sscan(v.String(), &f)
		return f
	default:
		var f float64
		fmt.Sscan(fmt.Sprint(v), &f)
		return f
	}
}

func (r *result) str(i int, col string) string {
	switch v := r.get(i, col).(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.DateOnly)
	default:
		return fmt.Sprint(v)
	}
}

func (r *result) date(i int, col string) time.Time {
	if t, ok := r.get(i, col).(time.Time); ok {
		return t
	}
	return time.Time{}
}

func (r *result) flag(i int, col string) bool {
	b, _ := r.get(i, col).(bool)
	return b
}
