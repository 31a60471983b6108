package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/internal/rfc4180"
	"github.com/cmpulse/cmpulse/queries"
	"github.com/cmpulse/cmpulse/warehouse"
)

var sqlCommand = command{
	name:    "sql",
	summary: "query the warehouse with DuckDB SQL",
	usage:   "[--config FILE] [--warehouse DIR] [--format table|csv|json] QUERY | --views",
	doc: `
Runs a DuckDB SQL query with the warehouse's tables defined as views (hits,
pageviews, sessions, rejects; raw_hits is hits before the robots.txt rule)
and prints the result: an aligned table, CSV (RFC 4180 with a header
row) or JSON Lines (one object per row). QUERY is the rest of the command line;
with none, or "-", it is read from standard input. Timestamps are shown in UTC
unless --timezone says otherwise.

--views prints the CREATE VIEW statements instead, so that the DuckDB CLI can
query the same warehouse:  cmpulse sql --views | duckdb

With --config (or $CMPULSE_CONFIG), the nightly job's config file gives the
warehouse, the queries folder and the time zone; flags given win.`,
	setup: setupSQL,
}

// sqlFlags are sql's command line.
type sqlFlags struct {
	dir, format, tz, qdir string
	views                 bool
	cf                    configFlag
	fs                    *pflag.FlagSet
}

func setupSQL(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	o := &sqlFlags{fs: fs}
	o.cf.define(fs)
	fs.StringVar(&o.dir, "warehouse", warehouse.DefaultDir, "warehouse `folder`")
	fs.StringVarP(&o.format, "format", "f", "table", "output `format`: table, csv or json")
	fs.StringVar(&o.tz, "timezone", "UTC", "time `zone` for showing timestamps, e.g. Europe/Paris")
	fs.BoolVar(&o.views, "views", false, "print the CREATE VIEW statements and exit")
	fs.StringVar(&o.qdir, "queries", "", "read the views' `.sql` files from this folder first (to change a definition without rebuilding)")
	return func(ctx context.Context, e *env, args []string) error { return runSQL(ctx, e, o, args) }
}

// runSQL is cmpulse sql.
func runSQL(ctx context.Context, e *env, o *sqlFlags, args []string) error {
	if err := o.cf.apply(o.fs); err != nil {
		return err
	}
	if o.qdir != "" {
		if st, err := os.Stat(o.qdir); err != nil || !st.IsDir() {
			return usagef("--queries %s: not a folder", o.qdir)
		}
	}
	if o.views {
		return printViews(e, o, args)
	}
	loc, err := time.LoadLocation(o.tz)
	if err != nil {
		return usagef("--timezone %q: %v", o.tz, err)
	}
	print, err := printer(o.format)
	if err != nil {
		return err
	}
	query, err := queryText(e, args)
	if err != nil {
		return err
	}
	db, err := warehouse.OpenDB(ctx, o.dir, warehouse.DBOptions{TimeZone: o.tz, Queries: queries.New(o.qdir)})
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("query failed: %w", err)
	}
	defer rows.Close()
	if err := print(e.stdout, rows, loc); err != nil {
		return fmt.Errorf("query failed: %w", err)
	}
	return nil
}

// printViews is cmpulse sql --views.
func printViews(e *env, o *sqlFlags, args []string) error {
	if len(args) > 0 {
		return usagef("--views takes no query")
	}
	stmts, err := warehouse.Views(o.dir, queries.New(o.qdir))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, strings.Join(stmts, "\n\n"))
	return nil
}

// printer returns the function that prints results in format.
func printer(format string) (func(io.Writer, *sql.Rows, *time.Location) error, error) {
	switch format {
	case "table":
		return printTable, nil
	case "csv":
		return printCSV, nil
	case "json":
		return printJSON, nil
	}
	return nil, usagef("unknown --format %q: use table, csv or json", format)
}

// queryText is the query of the command line, or of standard input when
// there is none or it is "-".
func queryText(e *env, args []string) (string, error) {
	query := strings.Join(args, " ")
	if query == "" || query == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return "", fmt.Errorf("reading query: %w", err)
		}
		query = string(b)
	}
	if strings.TrimSpace(query) == "" {
		return "", usagef("no query given")
	}
	return query, nil
}

// columns returns the result's column names and DuckDB type names.
func columns(rows *sql.Rows) ([]string, []string, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(types))
	dbTypes := make([]string, len(types))
	for i, t := range types {
		names[i], dbTypes[i] = t.Name(), t.DatabaseTypeName()
	}
	return names, dbTypes, nil
}

// scan reads a row as values of any type.
func scan(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}

// format renders a value as text; ok is false for NULL. Timestamps with a
// zone are shown in loc (the --timezone flag).
func format(v any, dbType string, loc *time.Location) (s string, ok bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case time.Time:
		switch dbType {
		case "DATE":
			return v.Format(time.DateOnly), true
		case "TIME", "TIME_NS":
			return v.Format("15:04:05.999999"), true
		case "TIMETZ", "TIME WITH TIME ZONE":
			return v.Format("15:04:05.999999-07:00"), true
		case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
			return v.In(loc).Format("2006-01-02 15:04:05.999999-07:00"), true
		default:
			return v.Format("2006-01-02 15:04:05.999999"), true
		}
	case []byte:
		if dbType == "UUID" && len(v) == 16 {
			u := duckdb.UUID(v)
			return u.String(), true
		}
		if utf8.Valid(v) {
			return string(v), true
		}
		return fmt.Sprintf("\\x%x", v), true
	case string:
		return v, true
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %s", v.Months, v.Days, time.Duration(v.Micros)*time.Microsecond), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32), true
	case fmt.Stringer:
		return v.String(), true
	}
	return fmt.Sprint(v), true
}

func printTable(w io.Writer, rows *sql.Rows, loc *time.Location) error {
	names, types, err := columns(rows)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	dashes := make([]string, len(names))
	for i, n := range names {
		dashes[i] = strings.Repeat("-", max(utf8.RuneCountInString(n), 3))
	}
	fmt.Fprintln(tw, strings.Join(dashes, "\t"))
	n := 0
	cells := make([]string, len(names))
	for rows.Next() {
		vals, err := scan(rows, len(names))
		if err != nil {
			return err
		}
		for i, v := range vals {
			s, ok := format(v, types[i], loc)
			if !ok {
				s = "NULL"
			}
			// A tab or newline in a value would break the alignment.
			cells[i] = strings.NewReplacer("\t", "\\t", "\n", "\\n", "\r", "\\r").Replace(s)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d row%s)\n", n, plural(n))
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func printCSV(w io.Writer, rows *sql.Rows, loc *time.Location) error {
	names, types, err := columns(rows)
	if err != nil {
		return err
	}
	cw := rfc4180.NewWriter(w)
	if err := cw.Write(names); err != nil {
		return err
	}
	rec := make([]string, len(names))
	for rows.Next() {
		vals, err := scan(rows, len(names))
		if err != nil {
			return err
		}
		for i, v := range vals {
			rec[i], _ = format(v, types[i], loc)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return cw.Flush()
}

// printJSON writes JSON Lines with the columns in query order.
func printJSON(w io.Writer, rows *sql.Rows, loc *time.Location) error {
	names, types, err := columns(rows)
	if err != nil {
		return err
	}
	keys := make([][]byte, len(names))
	for i, n := range names {
		keys[i], _ = json.Marshal(n)
	}
	var line []byte
	for rows.Next() {
		vals, err := scan(rows, len(names))
		if err != nil {
			return err
		}
		line = append(line[:0], '{')
		for i, v := range vals {
			if i > 0 {
				line = append(line, ',')
			}
			line = append(append(line, keys[i]...), ':')
			b, err := jsonValue(v, types[i], loc)
			if err != nil {
				return fmt.Errorf("column %s: %w", names[i], err)
			}
			line = append(line, b...)
		}
		line = append(line, '}', '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return rows.Err()
}

func jsonValue(v any, dbType string, loc *time.Location) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return []byte("null"), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return json.Marshal(strconv.FormatFloat(v, 'g', -1, 64)) // JSON has no NaN
		}
		return json.Marshal(v)
	case float32:
		return jsonValue(float64(v), dbType, loc)
	case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, int, uint:
		return json.Marshal(v)
	case *big.Int:
		return []byte(v.String()), nil
	case duckdb.Decimal:
		return []byte(v.String()), nil // a JSON number, with its scale
	case []any, map[string]any:
		b, err := json.Marshal(v)
		if err != nil { // NaN inside, or a type JSON cannot hold
			s, _ := format(v, dbType, loc)
			return json.Marshal(s)
		}
		return b, nil
	}
	s, _ := format(v, dbType, loc)
	return json.Marshal(s)
}
