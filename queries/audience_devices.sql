-- Visits of the period by device, browser and operating system, as told by
-- the user agent of the visit's first page view.
SELECT 'device' AS dimension, coalesce(device, 'unknown') AS value, count(*) AS visits
FROM sessions WHERE started_at >= $from AND started_at < $to GROUP BY ALL
UNION ALL
SELECT 'browser', coalesce(browser, 'unknown'), count(*)
FROM sessions WHERE started_at >= $from AND started_at < $to GROUP BY ALL
UNION ALL
SELECT 'os', coalesce(os, 'unknown'), count(*)
FROM sessions WHERE started_at >= $from AND started_at < $to GROUP BY ALL
ORDER BY dimension, visits DESC, value;
