-- Own posts published on a peak day or the day before it (the Social
-- page's cross-channel list; peak day: queries/peaks.sql, kind 'peak').
-- $peak_days: the peak days, as the caller read them from peaks.sql, in
-- one text of ISO dates separated by commas ('' for none). Days are the
-- report zone's. on_day: 'peak day' or 'day before' (a post on a peak day
-- that is also the day before another is a 'peak day' post).
-- own post: as community_posting.sql says (a social_posts row that is not
-- a direct toot, or a chat's own message), of any kind but reposts; blog
-- posts included: a new article is often what makes the peak.
WITH peak AS (
    SELECT DISTINCT CAST(trim(d) AS DATE) AS day
    FROM unnest(string_split($peak_days, ',')) AS t(d)
    WHERE trim(d) <> ''
), own AS (
    SELECT platform, post_id, ts, kind, coalesce(title, left(text, 280)) AS text, url, links_own_site
    FROM social_posts
    WHERE visibility IS DISTINCT FROM 'direct' AND kind <> 'repost'
    UNION ALL
    SELECT platform, message_id, ts, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END,
        left(text, 280), url, NULL
    FROM conversations
    WHERE is_own_account AND kind = 'message'
)
SELECT p.day AS peak_day,
    CASE WHEN CAST(o.ts AS DATE) = p.day THEN 'peak day' ELSE 'day before' END AS on_day,
    o.platform, o.post_id, o.ts, o.kind, o.text, o.url, o.links_own_site
FROM peak p
JOIN own o ON CAST(o.ts AS DATE) IN (p.day, p.day - 1)
WHERE NOT (CAST(o.ts AS DATE) = p.day - 1 AND CAST(o.ts AS DATE) IN (SELECT day FROM peak))
ORDER BY p.day, o.ts, o.platform;
