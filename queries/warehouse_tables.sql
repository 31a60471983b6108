-- What the warehouse holds, per table: rows, and for tables of dated rows the
-- first and last timestamp (UTC); for hits the sites and days, for the
-- community tables the platforms. Used by `cmpulse demo`.
SELECT 'hits' AS "table", count(*) AS "rows",
       min(ts) AS first_ts, max(ts) AS last_ts,
       count(DISTINCT site) || ' site(s), ' || count(DISTINCT date) || ' day(s)' AS "in"
FROM hits
UNION ALL
SELECT 'social_posts', count(*), min(ts), max(ts),
       coalesce(string_agg(DISTINCT platform, ', ' ORDER BY platform), '')
FROM social_posts
UNION ALL
SELECT 'conversations', count(*), min(ts), max(ts),
       coalesce(string_agg(DISTINCT platform, ', ' ORDER BY platform), '')
FROM conversations
UNION ALL
SELECT 'followers', count(*), min(followed_at), max(followed_at),
       coalesce(string_agg(DISTINCT platform, ', ' ORDER BY platform), '')
FROM followers
UNION ALL
SELECT 'rejects', count(*), NULL, NULL, count(DISTINCT source_file) || ' file(s)'
FROM rejects;
