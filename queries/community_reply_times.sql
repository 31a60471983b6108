-- Availability where the export holds only the own posts (an X or Mastodon
-- archive: the posts replied to are not in it): the own replies of the
-- period ($from..$to, half-open) to others' posts, per platform and week
-- (Monday, report's time zone; the first and last may be
-- partial), and per platform over the whole period
-- (week NULL), with the response time from the post replied to.
-- answered (SPEC): for an X archive, the own reply's in_reply_to_id gives
-- the replied-to post and its time (in_reply_to_ts, decoded from the
-- snowflake id; Mastodon's from its own record where it has one).
-- response time (SPEC): calendar hours from the post replied to the own
-- reply; median and 90th percentile; within_1h and within_24h count the
-- replies that came within an hour and within a day. Replies to the own
-- account's own posts (threads) are left out; a reply to an account the
-- export does not name is kept. Questions nobody answered cannot be known
-- from such an archive, hence no share answered here.
WITH weeks AS ( -- every week of the period, those without any too (0)
    SELECT CAST(w AS DATE) AS week
    FROM generate_series(CAST(date_trunc('week', CAST($from_day AS DATE)) AS DATE), CAST($to_day AS DATE), INTERVAL 7 DAY) AS t(w)
), grid AS ( -- and every platform with own replies
    SELECT platform, week FROM (SELECT DISTINCT platform FROM social_posts WHERE kind = 'reply') p, weeks
), own AS (
    SELECT DISTINCT platform, lower(account) AS account FROM social_posts WHERE account <> ''
), r AS (
    SELECT s.platform, CAST(date_trunc('week', s.ts) AS DATE) AS week,
        (epoch(s.ts) - epoch(s.in_reply_to_ts)) / 3600.0 AS response_h
    FROM social_posts s
    WHERE s.ts >= $from AND s.ts < $to AND s.kind = 'reply' AND s.in_reply_to_ts IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM own o WHERE o.platform = s.platform
                      AND o.account = lower(s.in_reply_to_account))
)
SELECT g.platform, g.week,
    count(r.week) AS replies,
    quantile_cont(response_h, 0.5) AS median_response_h,
    quantile_cont(response_h, 0.9) AS p90_response_h,
    count(*) FILTER (WHERE response_h <= 1) AS within_1h,
    count(*) FILTER (WHERE response_h <= 24) AS within_24h
FROM grid g LEFT JOIN r USING (platform, week)
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
