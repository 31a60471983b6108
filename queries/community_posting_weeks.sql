-- Own original posts per week per platform (SPEC, posting consistency),
-- weeks with none included as 0: the weeks are the 7-day blocks from
-- $from_day (week 0 starts on it; the last may be shorter than 7 days).
-- own original post: as community_posting.sql says (not a reply, not a
-- repost; on a chat, an own message that replies to nothing).
-- A platform is listed when it has any own post before $to, so that one
-- gone quiet shows its weeks of 0.
WITH own AS (
    SELECT platform, ts, kind
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION ALL
    SELECT platform, ts, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END
    FROM conversations
    WHERE is_own_account AND kind = 'message'
        AND ts >= $from AND ts < $to
), weeks AS (
    SELECT w AS week, CAST($from_day AS DATE) + INTERVAL (7 * w) DAY AS week_start
    FROM range(0, (date_diff('day', CAST($from_day AS DATE), CAST($to_day AS DATE)) + 7) // 7) AS t(w)
), counted AS (
    SELECT platform, date_diff('day', CAST($from_day AS DATE), CAST(ts AS DATE)) // 7 AS week, count(*) AS originals
    FROM own
    WHERE kind IN ('post', 'quote')
    GROUP BY ALL
)
SELECT p.platform, w.week, CAST(w.week_start AS DATE) AS week_start, coalesce(c.originals, 0) AS originals
FROM (
    SELECT DISTINCT platform FROM social_posts WHERE ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION
    SELECT DISTINCT platform FROM conversations WHERE is_own_account AND kind = 'message' AND ts < $to
) p
CROSS JOIN weeks w
LEFT JOIN counted c ON c.platform = p.platform AND c.week = w.week
ORDER BY p.platform, w.week;
