-- Posts that brought visitors: the own posts of the period ($from..$to)
-- that link to a page of the own site, each with its visits.
-- posts that brought visitors (SPEC): an own post linking to a page of the
-- own site, with the visits to that page in the 48 hours after the post
-- from that platform's channel and source: the visits (sessions) of channel
-- social whose source is the platform's (x: X, mastodon: Mastodon,
-- telegram: Telegram, ...) with a page view of that page within 48 hours
-- from the post's time. One row per post and page; the page is the link's
-- path (query and fragment dropped). A platform without a source of its
-- own has visits NULL. Blog posts are the own site's pages themselves and
-- are left out; reposts are others' posts. A chat's (conversations) own
-- messages count with their links to the reported site ($site, or its www.),
-- as community_posting.sql says.
-- visitors: distinct visitor_id of those visits. The 48 hours of a post
-- near the period's end run past it: its visits are counted all the same.
-- Two posts of a platform that link to one page less than 48 hours apart
-- share the visits of their overlap: each post is counted them (SPEC gives
-- each post its 48 hours, and no rule to split them).
WITH own AS (
    SELECT platform, post_id, ts, kind, coalesce(title, left(text, 280)) AS text, url, links_own_site
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
        AND kind <> 'repost' AND platform <> 'blog' AND len(links_own_site) > 0
    UNION ALL
    SELECT platform, message_id, ts, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END,
        left(text, 280), url,
        list_filter(links, l -> regexp_extract(l, '^[A-Za-z]+://(www\.)?([^/:?#]+)', 2) = $site)
    FROM conversations
    WHERE is_own_account AND kind = 'message' AND $site <> ''
        AND ts >= $from AND ts < $to
), links AS (
    SELECT DISTINCT platform, post_id, ts, kind, text, url,
        coalesce(nullif(regexp_extract(unnest(links_own_site), '^[A-Za-z]+://[^/?#]+([^?#]*)', 1), ''), '/') AS page,
        CASE platform
            WHEN 'x' THEN 'X' WHEN 'mastodon' THEN 'Mastodon' WHEN 'telegram' THEN 'Telegram'
            WHEN 'linkedin' THEN 'LinkedIn' WHEN 'facebook' THEN 'Facebook' WHEN 'instagram' THEN 'Instagram'
            WHEN 'youtube' THEN 'YouTube' WHEN 'bluesky' THEN 'Bluesky' WHEN 'threads' THEN 'Threads'
            WHEN 'reddit' THEN 'Reddit' WHEN 'discord' THEN 'Discord'
        END AS source
    FROM own
), visits AS (
    SELECT l.platform, l.post_id, l.page,
        count(DISTINCT v.session_id) AS visits, count(DISTINCT v.visitor_id) AS visitors
    FROM links l
    JOIN pageviews v ON v.path = l.page AND v.ts >= l.ts AND v.ts < l.ts + INTERVAL 48 HOUR
    -- the visit's channel and source (its first page view's), not this
    -- page view's: a visit from X that reaches the page after another
    -- counts
    JOIN sessions s ON s.session_id = v.session_id
        AND s.channel = 'social' AND s.source = l.source
    GROUP BY ALL
)
SELECT l.platform, l.post_id, l.ts, l.kind, l.text, l.url, l.page, l.source,
    CASE WHEN l.source IS NOT NULL THEN coalesce(v.visits, 0) END AS visits,
    CASE WHEN l.source IS NOT NULL THEN coalesce(v.visitors, 0) END AS visitors
FROM links l
LEFT JOIN visits v USING (platform, post_id, page)
ORDER BY visits DESC NULLS LAST, l.ts, l.platform, l.page;
