-- Visitors, visits and page views per day of the period ($from_day to
-- $to_day, inclusive, in the report's time zone); days without any are 0.
-- Visits and their visitors are dated by the visit's start.
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM generate_series(CAST($from_day AS DATE), CAST($to_day AS DATE), INTERVAL 1 DAY) AS t(d)
), s AS (
    SELECT CAST(started_at AS DATE) AS day, count(DISTINCT visitor_id) AS visitors, count(*) AS visits
    FROM sessions
    WHERE started_at >= $from AND started_at < $to
    GROUP BY 1
), v AS (
    SELECT CAST(ts AS DATE) AS day, count(*) AS pageviews
    FROM pageviews
    WHERE ts >= $from AND ts < $to
    GROUP BY 1
)
SELECT days.day, coalesce(s.visitors, 0) AS visitors, coalesce(s.visits, 0) AS visits, coalesce(v.pageviews, 0) AS pageviews
FROM days LEFT JOIN s USING (day) LEFT JOIN v USING (day)
ORDER BY days.day;
