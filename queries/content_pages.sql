-- Pages of the period: views, distinct visitors, how often a visit entered
-- or left there, and time on page.
-- time on page (SPEC): to the next page view of the same visit, capped at
-- 30 minutes; the last page of a visit has none and is left out of the
-- median and mean (timed_views says how many views were timed).
WITH v AS (
    SELECT path, count(*) AS views, count(DISTINCT visitor_id) AS visitors,
        count(*) FILTER (WHERE seq_in_session = 1) AS entries,
        count(time_on_page_s) AS timed_views,
        median(time_on_page_s) AS median_time_on_page_s,
        avg(time_on_page_s) AS mean_time_on_page_s
    FROM pageviews
    WHERE ts >= $from AND ts < $to
    GROUP BY path
), x AS (
    SELECT exit_path AS path, count(*) AS exits
    FROM sessions WHERE started_at >= $from AND started_at < $to
    GROUP BY 1
)
SELECT v.path, v.views, v.visitors, v.entries, coalesce(x.exits, 0) AS exits,
    v.timed_views, v.median_time_on_page_s, v.mean_time_on_page_s
FROM v LEFT JOIN x USING (path)
ORDER BY v.views DESC, v.path;
