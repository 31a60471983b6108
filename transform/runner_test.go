package transform

import (
	"context"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmpulse/cmpulse/queries"
)

// TestColumnsReadListed builds the golden report, recording every column
// the code reads, and checks that columnsRead lists each one: a column left
// out of the list would escape the check made when its query runs.
func TestColumnsReadListed(t *testing.T) {
	read := map[string]map[string]bool{}
	db := ingestDB(t, goldenLog())
	if _, err := Build(context.Background(), db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "UTC", readColumns: read}); err != nil {
		t.Fatal(err)
	}
	if len(read) < len(columnsRead) {
		t.Errorf("the golden report read %d queries' columns, columnsRead lists %d: a query returned no rows, so the test proves less", len(read), len(columnsRead))
	}
	for name, cols := range read {
		for c := range cols {
			if !slices.Contains(columnsRead[name], c) {
				t.Errorf("query %s: the report reads column %q, which columnsRead does not list", name, c)
			}
		}
	}
}

// TestOverrideMissingColumn: a --queries override that lost a column the
// report reads is an error naming the override's file and the column.
func TestOverrideMissingColumn(t *testing.T) {
	db := ingestDB(t, goldenLog())
	dir := t.TempDir()
	text, err := queries.New("").Get("content_pages")
	if err != nil {
		t.Fatal(err)
	}
	// Rename the column rather than drop it: the query stays valid SQL.
	broken := strings.Replace(text, "0) AS exits", "0) AS leaves", 1)
	if broken == text {
		t.Fatal("content_pages.sql has no '0) AS exits': the test needs another way to drop the column")
	}
	file := filepath.Join(dir, "content_pages.sql")
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "UTC", Queries: queries.New(dir)})
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), `"exits"`) {
		t.Errorf("Build with %s lacking exits: error %v, want one naming the file and the column", file, err)
	}
}

// TestResultMissingColumn: reading a column that is not in the result, and
// that the list let through, gives nil and an error kept for Build instead
// of a panic.
func TestResultMissingColumn(t *testing.T) {
	q := &runner{qs: queries.New("")}
	r := &result{name: "content_pages", q: q, cols: map[string]int{"path": 0}, rows: [][]any{{"/a/"}}}
	if got := r.str(0, "path"); got != "/a/" {
		t.Errorf("str(path) = %q, want /a/", got)
	}
	if got := r.str(0, "nope"); got != "" {
		t.Errorf("str(nope) = %q, want empty", got)
	}
	if q.missing == nil || !strings.Contains(q.missing.Error(), `"nope"`) || !strings.Contains(q.missing.Error(), "content_pages.sql") {
		t.Errorf("missing = %v, want an error naming content_pages.sql and the column", q.missing)
	}
}

// TestResultMissingRow: an override of overview_kpis that returns one row
// instead of two (period, previous period) is an error, not a panic.
func TestResultMissingRow(t *testing.T) {
	q := &runner{qs: queries.New("")}
	r := &result{name: "overview_kpis", q: q, cols: map[string]int{"visits": 0}, rows: [][]any{{int64(3)}}}
	if got := r.num(1, "visits"); !math.IsNaN(got) {
		t.Errorf("num(1, visits) = %v, want NaN for a row that is not there", got)
	}
	if q.missing == nil || !strings.Contains(q.missing.Error(), "overview_kpis.sql") || !strings.Contains(q.missing.Error(), "row 2") {
		t.Errorf("missing = %v, want an error naming overview_kpis.sql and row 2", q.missing)
	}
}

// TestOverrideWrongType: a --queries override whose column has a type the
// report cannot read ('x' AS visitors, 1 AS is_over) is an error naming
// the override's file and the column, not a NaN or a false read silently.
func TestOverrideWrongType(t *testing.T) {
	db := ingestDB(t, goldenLog())
	text, err := queries.New("").Get("peaks")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ old, new, col string }{
		{"SELECT f.day, f.visitors,", "SELECT f.day, 'x' AS visitors,", "visitors"},
		{"f.history_days, f.is_over,", "f.history_days, 1 AS is_over,", "is_over"},
		{"SELECT f.day, f.visitors,", "SELECT CAST(f.day AS VARCHAR) || 'x' AS day, f.visitors,", "day"},
	} {
		broken := strings.Replace(text, tc.old, tc.new, 1)
		if broken == text {
			t.Fatalf("peaks.sql has no %q: the test needs another way to change %s", tc.old, tc.col)
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "peaks.sql")
		if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = Build(context.Background(), db, Options{From: "2025-03-30", To: "2025-03-31", Zone: "UTC", Queries: queries.New(dir)})
		if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), `"`+tc.col+`"`) {
			t.Errorf("Build with %s returning %s: error %v, want one naming the file and the column %q", file, tc.new, err, tc.col)
		}
	}
}

// TestResultWrongType: each reader refuses a value of a type it cannot
// use, keeping an error that names the query's file and the column, and
// takes the types DuckDB gives for its own columns.
func TestResultWrongType(t *testing.T) {
	for _, tc := range []struct {
		name string
		val  any
		read func(r *result) any
		want any
		bad  bool
	}{
		{"num of BIGINT", int64(3), func(r *result) any { return r.num(0, "c") }, 3.0, false},
		{"num of SMALLINT", int16(3), func(r *result) any { return r.num(0, "c") }, 3.0, false},
		{"num of HUGEINT", big.NewInt(3), func(r *result) any { return r.num(0, "c") }, 3.0, false},
		{"num of DECIMAL", duckdb.Decimal{Width: 4, Scale: 1, Value: big.NewInt(35)}, func(r *result) any { return r.num(0, "c") }, 3.5, false},
		{"num of VARCHAR", "x", func(r *result) any { return r.num(0, "c") }, nil, true},
		{"num of numeric VARCHAR", "3", func(r *result) any { return r.num(0, "c") }, nil, true},
		{"num of DATE", time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), func(r *result) any { return r.num(0, "c") }, nil, true},
		{"num of LIST", []any{int64(1)}, func(r *result) any { return r.num(0, "c") }, nil, true},
		{"flag of BOOLEAN", true, func(r *result) any { return r.flag(0, "c") }, true, false},
		{"flag of INTEGER", int32(1), func(r *result) any { return r.flag(0, "c") }, false, true},
		{"flag of VARCHAR", "true", func(r *result) any { return r.flag(0, "c") }, false, true},
		{"str of VARCHAR", "a", func(r *result) any { return r.str(0, "c") }, "a", false},
		{"str of INTEGER", int32(7), func(r *result) any { return r.str(0, "c") }, "7", false},
		{"str of LIST", []any{"a"}, func(r *result) any { return r.str(0, "c") }, "", true},
		{"str of STRUCT", map[string]any{"a": "b"}, func(r *result) any { return r.str(0, "c") }, "", true},
		{"date of VARCHAR", "2025-03-30", func(r *result) any { return r.date(0, "c") }, time.Time{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := &runner{qs: queries.New("")}
			r := &result{name: "peaks", q: q, cols: map[string]int{"c": 0}, rows: [][]any{{tc.val}}}
			got := tc.read(r)
			if f, ok := got.(float64); ok && math.IsNaN(f) {
				got = nil
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("read %#v = %#v, want %#v", tc.val, got, tc.want)
			}
			if !tc.bad {
				if q.missing != nil {
					t.Errorf("read %#v: error %v, want none", tc.val, q.missing)
				}
				return
			}
			if q.missing == nil || !strings.Contains(q.missing.Error(), "peaks.sql") || !strings.Contains(q.missing.Error(), `"c"`) {
				t.Errorf("read %#v: error %v, want one naming peaks.sql and the column", tc.val, q.missing)
			}
		})
	}
}
