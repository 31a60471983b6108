-- Posting of the own accounts in the period ($from..$to, half-open), per
-- platform: the Social page's animation numbers.
-- own post (SPEC): a row of social_posts that the audience sees (a Mastodon
-- toot of visibility direct is the own side of a private conversation, not
-- a post); on a chat (Telegram), whose export holds the own account's
-- messages as conversations, an own message (kind message: not a join or a
-- service message).
-- own original post (SPEC, posting consistency): not a reply, not a repost:
-- kind post or quote; on a chat, an own message that replies to nothing.
-- posting consistency (SPEC): originals per week (the weeks are the 7-day
-- blocks from $from_day; the last may be shorter), the share of weeks with
-- at least one original, and the longest silence: the longest time between
-- two successive originals of the period, in days, with its ends. Beside
-- it, silent_at_end_days: the silence still running when the period ends,
-- from the platform's last original before $to (of any time: NULL when it
-- has none) to $to. A platform with own posts before the period and none in
-- it is listed, with 0 originals: a platform gone quiet is what the page
-- must show.
-- self-promotion ratio (SPEC): share of originals that link to the own site
-- (links_own_site); the 80/20 rule flags more than 20%. conversations has
-- no links_own_site: a chat message's links to the reported site's host
-- ($site, or its www.) count; NULL, not 0, when no site is reported. A
-- blog's posts are the own site's pages: their ratio is NULL.
-- hard-sell share (SPEC): share of originals that call to join, subscribe,
-- buy or sign up (is_hard_sell); NULL where it is not known.
-- reshare ratio (SPEC): reposts of others per own original post.
-- content mix: own posts by kind (post, reply, repost, quote), and the
-- originals that ask something (is_question: feedback asked).
WITH ever AS (
    SELECT platform, ts, kind IN ('post', 'quote') AS is_original
    FROM social_posts
    WHERE ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION ALL
    SELECT platform, ts, parent_id IS NULL
    FROM conversations
    WHERE is_own_account AND kind = 'message' AND ts < $to
), last_original AS (
    SELECT platform, max(ts) FILTER (WHERE is_original) AS last_original
    FROM ever
    GROUP BY platform
), own AS (
    SELECT platform, ts, kind, CASE WHEN platform <> 'blog' THEN links_own_site END AS links_own_site, is_question, is_hard_sell
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND visibility IS DISTINCT FROM 'direct'
    UNION ALL
    SELECT platform, ts, CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END,
        CASE WHEN $site <> '' THEN list_filter(links, l -> regexp_extract(l, '^[A-Za-z]+://(www\.)?([^/:?#]+)', 2) = $site) END,
        is_question, NULL
    FROM conversations
    WHERE is_own_account AND kind = 'message'
        AND ts >= $from AND ts < $to
), originals AS (
    SELECT *,
        date_diff('day', CAST($from_day AS DATE), CAST(ts AS DATE)) // 7 AS week,
        lag(ts) OVER (PARTITION BY platform ORDER BY ts) AS previous_ts
    FROM own
    WHERE kind IN ('post', 'quote')
), weeks AS (
    SELECT (date_diff('day', CAST($from_day AS DATE), CAST($to_day AS DATE)) + 7) // 7 AS n
), per_platform AS (
    SELECT platform,
        count(*) AS originals,
        count(DISTINCT week) AS weeks_with_post,
        max(epoch(ts) - epoch(previous_ts)) / 86400 AS longest_silence_days,
        arg_max(previous_ts, epoch(ts) - epoch(previous_ts)) AS silence_from,
        arg_max(ts, epoch(ts) - epoch(previous_ts)) AS silence_to,
        avg(CASE WHEN links_own_site IS NOT NULL THEN CAST(len(links_own_site) > 0 AS DOUBLE) END) AS self_promotion_share,
        count(*) FILTER (WHERE len(links_own_site) > 0) AS linking_own_site,
        avg(CAST(is_hard_sell AS DOUBLE)) AS hard_sell_share,
        count(*) FILTER (WHERE is_hard_sell) AS hard_sell,
        count(*) FILTER (WHERE is_question) AS questions
    FROM originals
    GROUP BY platform
), mix AS (
    SELECT platform,
        count(*) FILTER (WHERE kind = 'post') AS posts,
        count(*) FILTER (WHERE kind = 'reply') AS replies,
        count(*) FILTER (WHERE kind = 'repost') AS reposts,
        count(*) FILTER (WHERE kind = 'quote') AS quotes
    FROM own
    GROUP BY platform
)
SELECT l.platform,
    coalesce(p.originals, 0) AS originals,
    coalesce(m.posts, 0) AS posts, coalesce(m.replies, 0) AS replies,
    coalesce(m.reposts, 0) AS reposts, coalesce(m.quotes, 0) AS quotes,
    coalesce(p.questions, 0) AS questions,
    coalesce(p.weeks_with_post, 0) AS weeks_with_post,
    w.n AS weeks,
    coalesce(p.weeks_with_post, 0) / w.n AS weeks_with_post_share,
    coalesce(p.originals, 0) / w.n AS originals_per_week,
    p.longest_silence_days, p.silence_from, p.silence_to,
    l.last_original,
    (epoch($to) - epoch(l.last_original)) / 86400 AS silent_at_end_days,
    p.linking_own_site,
    p.self_promotion_share,
    p.self_promotion_share > 0.2 AS over_80_20, -- NULL where not known
    CASE WHEN p.hard_sell_share IS NOT NULL THEN p.hard_sell END AS hard_sell,
    p.hard_sell_share,
    coalesce(m.reposts, 0) / nullif(coalesce(p.originals, 0), 0) AS reshare_ratio
FROM last_original l
CROSS JOIN weeks w
LEFT JOIN mix m USING (platform)
LEFT JOIN per_platform p USING (platform)
ORDER BY l.platform;
