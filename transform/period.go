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

// DefaultDays is the length of the default report period: the last 28
// complete days, as SPEC says.
const DefaultDays = 28

// Period is the report's period and the previous period of the same length,
// as instants (half-open [From, To)) and as days in the report's zone.
type Period struct {
	Zone     string
	FromDay  time.Time // first day, a date (midnight UTC of it, as DuckDB returns dates)
	ToDay    time.Time // last day (inclusive), a date
	From, To time.Time // instants: FromDay 00:00 and the day after ToDay 00:00
	PrevFrom time.Time // From minus the period's length
	FirstDay time.Time // first day with page views of the site
	LastDay  time.Time // last day with page views
	Complete time.Time // last day that is over: the days after it are partial, and never judged
	LastHit  time.Time // the site's last hit, of any kind
	Days     int
	Site     string // "" for every site
}

// PrevToDay is the last day of the previous period.
func (p Period) PrevToDay() time.Time { return p.FromDay.AddDate(0, 0, -1) }

// params binds a query's named parameters; DuckDB ignores the unused ones
// only when they are not passed, so each query gets just what it names.
func (p Period) params(query string) []any {
	all := map[string]any{
		"from":         p.From,
		"to":           p.To,
		"prev_from":    p.PrevFrom,
		"from_day":     p.FromDay.Format(time.DateOnly),
		"to_day":       p.ToDay.Format(time.DateOnly),
		"first_day":    p.FirstDay.Format(time.DateOnly),
		"complete_day": p.Complete.Format(time.DateOnly),
		"site":         p.Site,
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
// DefaultDays complete days of the reported site (q.period.Site) in zone.
// now is the time of the run: it decides which day is today.
func resolvePeriod(ctx context.Context, q *runner, from, to, zone string, now time.Time) (Period, error) {
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
	lastHit := res.date(0, "last_hit")
	complete := lastCompleteDay(lastHit, now, loc)
	def := complete
	if l := dayOf(lastHit, loc); l.Before(def) {
		def = l // the data ends before yesterday: the period ends with it
	}
	if def.Before(first) {
		// Nothing but today yet (a first run): the partial day rather than
		// an empty report; the report says that the day is not over.
		def = last
	}
	toDay, err := parseDay(to, def)
	if err != nil {
		return Period{}, err
	}
	fromDay, err := parseDay(from, toDay.AddDate(0, 0, -(DefaultDays-1)))
	if err != nil {
		return Period{}, err
	}
	if toDay.Before(fromDay) {
		return Period{}, fmt.Errorf("the period ends (%s) before it starts (%s)", toDay.Format(time.DateOnly), fromDay.Format(time.DateOnly))
	}
	days := int(toDay.Sub(fromDay).Hours()/24+0.5) + 1
	p := Period{
		Zone:     zone,
		FromDay:  fromDay,
		ToDay:    toDay,
		From:     midnight(fromDay, loc),
		To:       midnight(toDay.AddDate(0, 0, 1), loc),
		PrevFrom: midnight(fromDay.AddDate(0, 0, -days), loc),
		FirstDay: first,
		LastDay:  last,
		Complete: complete,
		LastHit:  lastHit,
		Days:     days,
		Site:     q.period.Site,
	}
	return p, nil
}

// lastCompleteDay is the last day (in loc) that is over, after which no
// day is: a day is complete when the data runs past its end, or when it is
// before today. So every day before today is; the day of the last hit is
// not when it is today or later (a clock set wrong), but the days before it
// are, since the last hit lies after their end.
func lastCompleteDay(lastHit, now time.Time, loc *time.Location) time.Time {
	l, today := dayOf(lastHit, loc), dayOf(now, loc)
	if l.Before(today) {
		return today.AddDate(0, 0, -1)
	}
	return l.AddDate(0, 0, -1)
}

// dayOf is t's calendar day in loc, as the dates DuckDB returns are held:
// midnight UTC of that date.
func dayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// midnight is the instant day (a date) begins in loc.
func midnight(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// parseDay reads a YYYY-MM-DD option, def when it is empty.
func parseDay(s string, def time.Time) (time.Time, error) {
	if s == "" {
		return def, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: use YYYY-MM-DD", s)
	}
	return t, nil
}
