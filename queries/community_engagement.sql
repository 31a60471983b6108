-- Engagement of the own original posts of the period ($from..$to), per
-- platform.
-- engagement per post (SPEC): likes + reposts + replies + quotes per post;
-- per impression where the export has impressions. Where an export does not
-- hold a number (X archives hold no replies count and no impressions), the
-- page says so instead of showing zero: has_<count> says whether the
-- platform's export holds the count for any post of the period, missing
-- lists those it does not, and a post's engagement is the sum of the counts
-- it holds (NULL when it holds none, never 0).
-- engagement_per_impression: the engagement of the posts with impressions
-- over their impressions; NULL without impressions.
-- own original post: as community_posting.sql says. A chat's messages
-- (conversations) hold no counts: their engagement is NULL.
WITH own AS (
    SELECT platform, kind, likes, reposts, replies, quotes, impressions
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION ALL
    SELECT platform, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END,
        NULL, NULL, NULL, NULL, NULL
    FROM conversations
    WHERE is_own_account AND kind = 'message'
        AND ts >= $from AND ts < $to
), posts AS (
    SELECT *,
        CASE WHEN coalesce(likes, reposts, replies, quotes) IS NOT NULL
            THEN coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) + coalesce(quotes, 0) END AS engagement
    FROM own
    WHERE kind IN ('post', 'quote')
), per_platform AS (
    SELECT platform,
        count(*) AS posts,
        count(likes) > 0 AS has_likes,
        count(reposts) > 0 AS has_reposts,
        count(replies) > 0 AS has_replies,
        count(quotes) > 0 AS has_quotes,
        count(impressions) > 0 AS has_impressions,
        count(engagement) AS posts_with_engagement,
        sum(engagement) AS engagement,
        avg(engagement) AS engagement_per_post,
        median(engagement) AS median_engagement,
        sum(likes) AS likes, sum(reposts) AS reposts, sum(replies) AS replies, sum(quotes) AS quotes,
        sum(impressions) AS impressions,
        sum(engagement) FILTER (WHERE impressions > 0) / nullif(sum(impressions) FILTER (WHERE engagement IS NOT NULL), 0) AS engagement_per_impression
    FROM posts
    GROUP BY platform
)
SELECT *,
    array_to_string(list_filter(['likes', 'reposts', 'replies', 'quotes', 'impressions'],
        (c, i) -> NOT [has_likes, has_reposts, has_replies, has_quotes, has_impressions][i]), ', ') AS missing
FROM per_platform
ORDER BY platform;
