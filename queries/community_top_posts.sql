-- Top own original posts of the period ($from..$to): the 10 of each
-- platform with the most engagement.
-- engagement (SPEC, engagement per post): likes + reposts + replies +
-- quotes, of the counts the export holds (community_engagement.sql says
-- which it lacks); per impression where the post has impressions. Posts
-- without any count (a Mastodon outbox, a chat) are not ranked.
-- own original post: a social_posts row of kind post or quote, not a direct
-- toot (chats hold no counts).
WITH posts AS (
    SELECT platform, post_id, ts, kind, coalesce(title, left(text, 280)) AS text, url,
        likes, reposts, replies, quotes, impressions,
        coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) + coalesce(quotes, 0) AS engagement
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
        AND kind IN ('post', 'quote')
        AND coalesce(likes, reposts, replies, quotes) IS NOT NULL
), ranked AS (
    SELECT *, engagement / nullif(impressions, 0) AS engagement_per_impression,
        row_number() OVER (PARTITION BY platform ORDER BY engagement DESC, ts) AS rank
    FROM posts
)
SELECT platform, rank, post_id, ts, kind, text, url, likes, reposts, replies, quotes, impressions,
    engagement, engagement_per_impression
FROM ranked
WHERE rank <= 10
ORDER BY platform, rank;
