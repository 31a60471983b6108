-- What the warehouse holds, per table: rows, and for tables of dated rows the
-- first and last timestamp (UTC). Used by `cmpulse demo` and the data-quality
-- summary.
SELECT 'hits' AS "table", count(*) AS "rows",
       min(ts) AS first_ts, max(ts) AS last_ts,
       count(DISTINCT site) AS sites,
       count(DISTINCT date) AS days
FROM hits
UNION ALL
SELECT 'rejects', count(*), NULL, NULL, count(DISTINCT site), NULL
FROM rejects;
