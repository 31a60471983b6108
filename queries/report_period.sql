-- The days (in the report's time zone) that hold page views: the default
-- report period is the last 28 of them. Also the first day of all data, so
-- that the report can tell when there is too little history for baselines.
SELECT CAST(min(ts) AS DATE) AS first_day, CAST(max(ts) AS DATE) AS last_day
FROM pageviews;
