-- Peak and trough days of the period.
-- peak / trough day (SPEC): a day whose visitors deviate from the median of
-- the 28 days before it by at least 3 scaled median absolute deviations
-- (MAD x 1.4826, the consistent estimator of a standard deviation), up
-- (peak) or down (trough). A MAD of 0 (a flat baseline) flags any change of
-- at least one visitor.
-- A day with fewer than 28 days of data before it has no baseline: its
-- baseline and scaled_mad are NULL, never the median of days without data.
-- A day has data when the site's log has any hit that day (bots included):
-- a gap of months between two logs is no history, while a day the server
-- logged with no visitor is a real zero.
-- When no day of the period can be judged, the period's highest and lowest
-- days are shown instead (kind 'highest' / 'lowest').
-- A day after $complete_day is not over (in the report's zone): it is never
-- judged, nor taken as the highest or lowest (is_over = false).
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM generate_series(CAST($from_day AS DATE) - INTERVAL 28 DAY, CAST($to_day AS DATE), INTERVAL 1 DAY) AS t(d)
), daily AS (
    SELECT CAST(started_at AS DATE) AS day, count(DISTINCT visitor_id) AS visitors
    FROM sessions
    WHERE started_at >= $from - INTERVAL 29 DAY AND started_at < $to
    GROUP BY 1
), logged AS (
    SELECT DISTINCT CAST(ts AS DATE) AS day
    FROM raw_hits
    WHERE ts >= $from - INTERVAL 29 DAY AND ts < $to AND ($site = '' OR site = $site)
), series AS (
    SELECT days.day, coalesce(daily.visitors, 0) AS visitors,
        logged.day IS NOT NULL OR daily.day IS NOT NULL AS has_data
    FROM days LEFT JOIN daily USING (day) LEFT JOIN logged USING (day)
), judged AS (
    SELECT day, visitors, has_data,
        median(visitors) OVER w AS baseline,
        mad(visitors) OVER w * 1.4826 AS scaled_mad,
        count(*) FILTER (WHERE has_data) OVER w AS history_days
    FROM series
    WINDOW w AS (ORDER BY day ROWS BETWEEN 28 PRECEDING AND 1 PRECEDING)
), flagged AS (
    SELECT day, visitors, history_days, has_data,
        day <= CAST($complete_day AS DATE) AS is_over,
        CASE WHEN history_days >= 28 THEN baseline END AS baseline,
        CASE WHEN history_days >= 28 THEN scaled_mad END AS scaled_mad,
        CASE
            WHEN history_days < 28 OR day > CAST($complete_day AS DATE) THEN NULL
            WHEN visitors - baseline >= greatest(3 * scaled_mad, 1) THEN 'peak'
            WHEN baseline - visitors >= greatest(3 * scaled_mad, 1) THEN 'trough'
        END AS kind
    FROM judged
    WHERE day >= CAST($from_day AS DATE)
), judgeable AS (
    SELECT count(*) FILTER (WHERE history_days >= 28 AND is_over) AS n FROM flagged
), extremes AS (
    SELECT arg_max(day, visitors) AS hi, arg_min(day, visitors) AS lo
    FROM flagged
    WHERE has_data AND is_over
)
SELECT f.day, f.visitors, f.baseline, f.scaled_mad, f.history_days, f.is_over,
    CASE
        WHEN j.n > 0 THEN f.kind
        WHEN f.day = e.hi THEN 'highest'
        WHEN f.day = e.lo THEN 'lowest'
    END AS kind
FROM flagged f, judgeable j, extremes e
ORDER BY f.day;
