-- Headline numbers of the period and of the previous period of the same
-- length ($from..$to and $prev_from..$from, half-open, TIMESTAMPTZ).
-- visitor (SPEC): a distinct visitor_id; unique over the whole period.
-- visit (SPEC): dated by its start. visit duration (SPEC): mean and median,
-- one-page visits count as 0 s. Bounce share: visits of one page view.
-- page views are dated by their own time.
WITH s AS (
    SELECT *, CASE WHEN started_at >= $from THEN 'current' ELSE 'previous' END AS period
    FROM sessions
    WHERE started_at >= $prev_from AND started_at < $to
), v AS (
    SELECT CASE WHEN ts >= $from THEN 'current' ELSE 'previous' END AS period, count(*) AS pageviews
    FROM pageviews
    WHERE ts >= $prev_from AND ts < $to
    GROUP BY 1
), periods AS (
    SELECT * FROM (VALUES ('current'), ('previous')) AS t(period)
)
SELECT
    p.period,
    count(DISTINCT s.visitor_id) AS visitors,
    count(s.session_id) AS visits,
    coalesce(any_value(v.pageviews), 0) AS pageviews,
    median(s.duration_s) AS median_duration_s,
    avg(s.duration_s) AS mean_duration_s,
    avg(CAST(s.pageviews = 1 AS DOUBLE)) AS bounce_share, -- NULL, not 0, without visits
    avg(s.pageviews) AS pages_per_visit
FROM periods p
LEFT JOIN s USING (period)
LEFT JOIN v USING (period)
GROUP BY p.period
ORDER BY p.period;
