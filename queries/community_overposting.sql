-- Over-posting days of the period ($from..$to), per platform.
-- over-posting (SPEC): a day with more own original posts on one platform
-- than 3 times that platform's median posts per active day, or more than 3
-- within an hour. The median is over the platform's active days (days with
-- at least one original) of the period; days are the report zone's.
-- "more than 3 within an hour": at least 4 originals whose first and last
-- are at most 60 minutes apart; the day is the first one's.
-- own original post: as community_posting.sql says (not a reply, not a
-- repost, not a direct toot; on a chat, an own message that replies to
-- nothing).
WITH own AS (
    SELECT platform, ts, kind
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION ALL
    SELECT platform, ts, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END
    FROM conversations
    WHERE is_own_account AND kind = 'message'
        AND ts >= $from AND ts < $to
), originals AS (
    SELECT platform, ts, CAST(ts AS DATE) AS day,
        count(*) OVER (PARTITION BY platform ORDER BY ts
            RANGE BETWEEN CURRENT ROW AND INTERVAL 1 HOUR FOLLOWING) AS in_hour
    FROM own
    WHERE kind IN ('post', 'quote')
), daily AS (
    SELECT platform, day, count(*) AS originals, max(in_hour) AS most_in_an_hour
    FROM originals
    GROUP BY ALL
), medians AS (
    SELECT platform, median(originals) AS median_per_active_day
    FROM daily
    GROUP BY platform
)
SELECT d.platform, d.day, d.originals, m.median_per_active_day, d.most_in_an_hour,
    d.originals > 3 * m.median_per_active_day AS over_median,
    d.most_in_an_hour > 3 AS over_hour
FROM daily d
JOIN medians m USING (platform)
WHERE d.originals > 3 * m.median_per_active_day OR d.most_in_an_hour > 3
ORDER BY d.platform, d.day;
