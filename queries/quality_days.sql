-- Days of the period with no hit at all (the log is missing or the site was
-- down), and the hits, rejects-free lines and status mix of each day.
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM generate_series(CAST($from_day AS DATE), CAST($to_day AS DATE), INTERVAL 1 DAY) AS t(d)
), h AS (
    SELECT CAST(ts AS DATE) AS day, count(*) AS hits,
        count(*) FILTER (WHERE status >= 500) AS server_errors,
        count(*) FILTER (WHERE is_bot) AS bot_hits
    FROM hits WHERE ts >= $from AND ts < $to AND ($site = '' OR site = $site)
    GROUP BY 1
)
SELECT days.day, coalesce(h.hits, 0) AS hits, coalesce(h.bot_hits, 0) AS bot_hits, coalesce(h.server_errors, 0) AS server_errors
FROM days LEFT JOIN h USING (day)
ORDER BY days.day;
