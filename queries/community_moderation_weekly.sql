-- Moderation: spam and trashed comments per platform and week of the
-- period ($from..$to, half-open; weeks start on Monday in the report's
-- time zone; the first and last may be partial, holding only the
-- period's days), and per platform over the whole period (week NULL);
-- comments pending approval among those written in each week beside them.
-- moderation queue (SPEC): spam and trashed comments counted per week.
-- Dated by the comment's own time (an export does not say when it was
-- marked). Every week of the period is there (0 without any), for every
-- platform with comments (the blog's WXR: the others have no statuses).
WITH weeks AS ( -- every week of the period, those without any too (0)
    SELECT CAST(w AS DATE) AS week
    FROM generate_series(CAST(date_trunc('week', CAST($from_day AS DATE)) AS DATE), CAST($to_day AS DATE), INTERVAL 7 DAY) AS t(w)
), grid AS (
    SELECT platform, week FROM (SELECT DISTINCT platform FROM conversations WHERE kind = 'comment') p, weeks
), m AS (
    SELECT platform, CAST(date_trunc('week', ts) AS DATE) AS week, status
    FROM conversations
    WHERE ts >= $from AND ts < $to AND status IN ('spam', 'trash', 'pending')
)
SELECT g.platform, g.week,
    count(*) FILTER (WHERE m.status = 'spam') AS spam,
    count(*) FILTER (WHERE m.status = 'trash') AS trash,
    count(*) FILTER (WHERE m.status = 'pending') AS pending
FROM grid g LEFT JOIN m USING (platform, week)
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
