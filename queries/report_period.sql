-- The days (in the report's time zone) that the reported site's data covers.
-- first_day and last_day: the first and last day with page views; the
-- report tells from them when there is too little history for baselines.
-- last_hit: the site's last hit of any kind (bots too): the data runs past
-- the end of every day before the one it falls on, which is what makes a
-- day complete (SPEC: the default period is the last 28 complete days).
-- pageviews is already the reported site's (transform.Prepare); raw_hits
-- is filtered here, and is enough for a maximum: the robots.txt rule of the
-- hits view changes no timestamp.
SELECT CAST(min(ts) AS DATE) AS first_day, CAST(max(ts) AS DATE) AS last_day,
    (SELECT max(ts) FROM raw_hits WHERE $site = '' OR site = $site) AS last_hit
FROM pageviews;
