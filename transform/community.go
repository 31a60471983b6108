package transform

import (
	"database/sql"
	"strings"
)

// peakDaysArg binds community_peak_posts.sql's $peak_days: the peak days
// (YYYY-MM-DD, as peaks.sql's rows of kind 'peak' give them) in one text,
// separated by commas; none gives ”.
func peakDaysArg(days []string) []any {
	return []any{sql.Named("peak_days", strings.Join(days, ","))}
}
