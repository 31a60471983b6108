-- What explains a trough day ($day, the instants $day_start to $day_end in
-- the report's zone), from every hit of the site, bots included: a trough's
-- causes (SPEC: "server errors (5xx) or missing data on that day").
-- server errors: the day's hits answered 5xx; a cause when there are at
-- least 10 of them and more than 3 times the median of the days with data
-- among the 28 before it ($history_start to $day_start; 0 without any).
-- missing hours: an hour of the day with no hit at all while the site
-- usually has hits in that hour: it had some on more than half of the days
-- with data among the 28 before, and there are at least 7 such days.
-- Consecutive missing hours make one row (from, to). Hours are those of
-- the zone: a day when clocks change has 23 or 25 of them.
WITH site_hits AS (
    SELECT ts, status FROM raw_hits
    WHERE ts >= $history_start AND ts < $day_end AND ($site = '' OR site = $site)
), hours AS (
    -- The day's hours as instants, one hour apart from local midnight:
    -- idx counts them from 0, hod is the hour on the zone's clock.
    SELECT row_number() OVER (ORDER BY h) - 1 AS idx, h AS start, h + INTERVAL 1 HOUR AS stop, hour(h) AS hod
    FROM generate_series(CAST($day_start AS TIMESTAMPTZ), CAST($day_end AS TIMESTAMPTZ) - INTERVAL 1 HOUR, INTERVAL 1 HOUR) AS t(h)
), day_counts AS (
    SELECT CAST(floor((epoch(ts) - epoch(CAST($day_start AS TIMESTAMPTZ))) / 3600) AS BIGINT) AS idx, count(*) AS hits
    FROM site_hits WHERE ts >= $day_start
    GROUP BY 1
), day_hours AS (
    -- hod_hits: on the day clocks go back, an hour of the clock comes
    -- twice; it is missing only when neither has a hit.
    SELECT hours.idx, hours.start, hours.stop, hours.hod, coalesce(c.hits, 0) AS hits,
        sum(coalesce(c.hits, 0)) OVER (PARTITION BY hours.hod) AS hod_hits
    FROM hours LEFT JOIN day_counts c USING (idx)
), history AS (
    SELECT CAST(ts AS DATE) AS day, hour(ts) AS hod, count(*) AS hits, count(*) FILTER (WHERE status >= 500) AS errors
    FROM site_hits WHERE ts < $day_start
    GROUP BY ALL
), history_days AS (
    SELECT day, sum(errors) AS errors FROM history GROUP BY day
), usual AS (
    SELECT hod, count(DISTINCT day) AS days_with_hits FROM history GROUP BY hod
), missing AS (
    SELECT d.idx, d.start, d.stop, d.idx - row_number() OVER (ORDER BY d.idx) AS island
    FROM day_hours d JOIN usual u USING (hod)
    WHERE d.hod_hits = 0
        AND u.days_with_hits > (SELECT count(*) FROM history_days) / 2
        AND (SELECT count(*) FROM history_days) >= 7
), errors AS (
    SELECT (SELECT count(*) FROM site_hits WHERE ts >= $day_start AND status >= 500) AS n,
        coalesce((SELECT median(errors) FROM history_days), 0) AS usual
)
SELECT 'server errors' AS cause, n, usual, NULL::TIMESTAMPTZ AS from_ts, NULL::TIMESTAMPTZ AS to_ts
FROM errors
WHERE n >= 10 AND n > 3 * usual
UNION ALL
SELECT 'missing hours', count(*), NULL, min(start), max(stop)
FROM missing
GROUP BY island
ORDER BY cause DESC, from_ts;
