-- Best time to post, per platform: the median engagement of the own
-- original posts of the period ($from..$to) by weekday and hour of the day
-- in the report's zone, over the slots with at least 3 posts (SPEC has no
-- word on it; the brief: a slot of fewer posts says nothing). best is true
-- for each platform's slot of highest median (ties: the one of more posts,
-- then the earliest).
-- weekday: ISO, 1 = Monday .. 7 = Sunday. engagement: likes + reposts +
-- replies + quotes of the counts the export holds; posts without any count
-- are left out, and a platform without counts has no slot.
WITH posts AS (
    SELECT platform, isodow(ts) AS weekday, hour(ts) AS hour,
        coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) + coalesce(quotes, 0) AS engagement
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
        AND kind IN ('post', 'quote')
        AND coalesce(likes, reposts, replies, quotes) IS NOT NULL
), slots AS (
    SELECT platform, weekday, hour, count(*) AS posts, median(engagement) AS median_engagement
    FROM posts
    GROUP BY ALL
    HAVING count(*) >= 3
)
SELECT *,
    row_number() OVER (PARTITION BY platform ORDER BY median_engagement DESC, posts DESC, weekday, hour) = 1 AS best
FROM slots
ORDER BY platform, median_engagement DESC, posts DESC, weekday, hour;
