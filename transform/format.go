package transform

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/reports"
)

// count formats 12345 as "12,345".
func count(v float64) string {
	if math.IsNaN(v) {
		return reports.NoValue
	}
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// seconds formats a duration in seconds as "1m 32s".
func seconds(v float64) string {
	if math.IsNaN(v) {
		return reports.NoValue
	}
	d := time.Duration(math.Round(v)) * time.Second
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}

// percent formats a share 0..1 as "41%" (one decimal under 10%).
func percent(v float64) string {
	if math.IsNaN(v) {
		return reports.NoValue
	}
	if v < 0.1 {
		return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(v*100, 'f', 0, 64) + "%"
}

// decimal formats with one decimal.
func decimal(v float64) string {
	if math.IsNaN(v) {
		return reports.NoValue
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// change compares a value with the previous period's: "+12%", and the trend.
func change(cur, prev float64) (string, int) {
	if math.IsNaN(cur) || math.IsNaN(prev) || prev == 0 {
		return "", 0
	}
	c := (cur - prev) / prev
	trend := 0
	switch {
	case c > 0.005:
		trend = 1
	case c < -0.005:
		trend = -1
	}
	s := strconv.FormatFloat(c*100, 'f', 0, 64) + "%"
	if c >= 0 {
		s = "+" + s
	}
	return s, trend
}

func nan0(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// Cells of numbers: the text people read, and the raw value for the CSV.

func raw(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func countCell(v float64) reports.Cell   { return reports.Cell{Text: count(v), Raw: raw(math.Round(v))} }
func secondsCell(v float64) reports.Cell { return reports.Cell{Text: seconds(v), Raw: raw(v)} }
func decimalCell(v float64) reports.Cell { return reports.Cell{Text: decimal(v), Raw: raw(v)} }
func percentCell(v float64) reports.Cell { return reports.Cell{Text: percent(v), Raw: raw(v)} }
