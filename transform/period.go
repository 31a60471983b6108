package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultDays is the length of the default report period: the last 28 days
// that have data, as SPEC says.
const DefaultDays = 28

// Period is the report's period and the previous period of the same length,
// as instants (half-open [From, To)) and as days in the report's zone.
type Period struct {
	Zone     string
	FromDay  time.Time // first day, midnight in Zone
	ToDay    time.Time // last day (inclusive), midnight in Zone
	From, To time.Time // instants: FromDay 00:00 and the day after ToDay 00:00
	PrevFrom time.Time // From minus the period's length
	FirstDay time.Time // first day with data in the warehouse
	LastDay  time.Time // last day with data
	Days     int
	Site     string // "" for every site
}

// PrevToDay is the last day of the previous period.
func (p Period) PrevToDay() time.Time { return p.FromDay.AddDate(0, 0, -1) }

// params binds a query's named parameters; DuckDB ignores the unused ones
// only when they are not passed, so each query gets just what it names.
func (p Period) params(query string) []any {
	all := map[string]any{
		"from":      p.From,
		"to":        p.To,
		"prev_from": p.PrevFrom,
		"from_day":  p.FromDay.Format(time.DateOnly),
		"to_day":    p.ToDay.Format(time.DateOnly),
		"first_day": p.FirstDay.Format(time.DateOnly),
		"site":      p.Site,
	}
	var out []any
	for name, v := range all {
		if strings.Contains(query, "$"+name) {
			out = append(out, sql.Named(name, v))
		}
	}
	return out
}

// LocalZone returns the IANA name of the machine's time zone: $TZ, else the
// target of /etc/localtime, else UTC.
func LocalZone() string {
	if tz := os.Getenv("TZ"); tz != "" {
		return strings.TrimPrefix(tz, ":")
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			return target[i+len("zoneinfo/"):]
		}
	}
	return "UTC"
}

// ErrNoData is returned when the warehouse has no page view to report on.
var ErrNoData = errors.New("no page views in the warehouse")

// resolvePeriod picks the period from the options, defaulting to the last
// DefaultDays days with data.
func resolvePeriod(ctx context.Context, q *runner, from, to string, zone string) (Period, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return Period{}, fmt.Errorf("time zone %q: %w", zone, err)
	}
	res, err := q.run(ctx, "report_period", nil)
	if err != nil {
		return Period{}, err
	}
	if len(res.rows) == 0 || res.rows[0][0] == nil {
		return Period{}, ErrNoData
	}
	first, last := res.date(0, "first_day"), res.date(0, "last_day")
	day := func(s string, def time.Time) (time.Time, error) {
		if s == "" {
			return def, nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("date %q: use YYYY-MM-DD", s)
		}
		return t, nil
	}
	toDay, err := day(to, last)
	if err != nil {
		return Period{}, err
	}
	fromDay, err := day(from, toDay.AddDate(0, 0, -(DefaultDays-1)))
	if err != nil {
		return Period{}, err
	}
	if toDay.Before(fromDay) {
		return Period{}, fmt.Errorf("the period ends (%s) before it starts (%s)", toDay.Format(time.DateOnly), fromDay.Format(time.DateOnly))
	}
	days := int(toDay.Sub(fromDay).Hours()/24+0.5) + 1
	midnight := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	}
	p := Period{
		Zone:     zone,
		FromDay:  fromDay,
		ToDay:    toDay,
		From:     midnight(fromDay),
		To:       midnight(toDay.AddDate(0, 0, 1)),
		PrevFrom: midnight(fromDay.AddDate(0, 0, -days)),
		FirstDay: first,
		LastDay:  last,
		Days:     days,
	}
	return p, nil
}
