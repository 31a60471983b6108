-- Newcomers per platform (of their first appearance) and week of the
-- period ($from..$to, half-open; weeks start on Monday in the report's time
-- zone; the first and last may be partial, holding only the period's days;
-- every week is there, 0 without any), and per platform over the whole
-- period (week NULL): how many, how many the own account greeted within 7
-- days, the share greeted. The rows
-- behind them, and the work list, are community_newcomers_list's; the
-- definitions below are the same, and the two files must stay alike.
-- newcomer (SPEC): an author whose first message in the warehouse (any
-- platform, by author id or normalised handle) falls in the period, or a
-- follower or group member whose followed_at (a follow's date, a chat's
-- join event; else first_seen_export_ts) falls in it. A person is known by
-- their normalised name (lower case, accents, a leading @ and extra spaces
-- removed), else by the name another of their rows with the same
-- platform id has, else by that id; their first appearance is the earliest
-- of all those rows, on any platform. Spam and trashed comments, and the
-- own accounts, are nobody's first appearance, nor are pingbacks and
-- trackbacks (sites, not people).
-- greeted (SPEC): the own account replied to them or mentioned them
-- within 7 days of their first appearance: an own message that is the
-- child of one of theirs, one of their messages answered (answered_at,
-- which covers a chat's mention and a DM's next own message), or an own
-- message or post whose mentions hold their name or id, or whose text
-- names them (a full name, two words or more). Greetings after $to count:
-- the 7 days may run past the period.
WITH weeks AS ( -- every week of the period, those without any too (0)
    SELECT CAST(w AS DATE) AS week
    FROM generate_series(CAST(date_trunc('week', CAST($from_day AS DATE)) AS DATE), CAST($to_day AS DATE), INTERVAL 7 DAY) AS t(w)
), ev AS (
    SELECT platform, CASE WHEN author_id <> '' THEN platform || ':' || author_id END AS id_key,
        normal_handle(author) AS name_key,
        author AS name, ts, CASE WHEN kind = 'join' THEN 'join' ELSE coalesce(kind, 'message') END AS via,
        message_id, text, coalesce(url, thread_url) AS url, answered_at
    FROM conversations
    WHERE NOT coalesce(is_own_account, false) AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
      AND coalesce(kind, '') NOT IN ('pingback', 'trackback') -- sites, not people
    UNION ALL
    SELECT platform, platform || ':' || follower_id,
        normal_handle(handle),
        handle, coalesce(followed_at, first_seen_export_ts),
        CASE WHEN followed_at IS NULL THEN 'follower (undated)' ELSE 'follower' END,
        NULL, NULL, url, NULL
    FROM followers
), names AS (
    SELECT id_key, min(name_key) AS name_key FROM ev WHERE id_key IS NOT NULL AND name_key IS NOT NULL GROUP BY 1
), own_keys AS ( -- the own accounts' names and ids, in case they also appear as followers
    SELECT DISTINCT normal_handle(author) AS k
    FROM conversations WHERE is_own_account
    UNION SELECT DISTINCT platform || ':' || author_id FROM conversations WHERE is_own_account AND author_id <> ''
), p AS (
    SELECT ev.*, coalesce(ev.name_key, names.name_key, ev.id_key) AS person
    FROM ev LEFT JOIN names USING (id_key)
), firsts AS (
    SELECT person,
        arg_min(platform, ts) AS platform, min(ts) AS first_ts, arg_min(via, ts) AS via,
        arg_min(name, ts) AS name,
        arg_min(message_id, ts) FILTER (WHERE message_id IS NOT NULL AND via <> 'join') AS first_message_id,
        arg_min(text, ts) FILTER (WHERE message_id IS NOT NULL AND via <> 'join') AS first_message,
        arg_min(url, ts) FILTER (WHERE message_id IS NOT NULL AND via <> 'join') AS first_message_url,
        list(DISTINCT id_key) FILTER (WHERE id_key IS NOT NULL) AS ids,
        list(DISTINCT name_key) FILTER (WHERE name_key IS NOT NULL) AS names
    FROM p
    WHERE person IS NOT NULL AND person NOT IN (SELECT k FROM own_keys WHERE k IS NOT NULL)
    GROUP BY person
), n AS (
    SELECT * FROM firsts WHERE first_ts >= $from AND first_ts < $to
), own_msg AS (
    SELECT platform, ts, parent_id, mentions, thread_id,
        regexp_replace(lower(strip_accents(coalesce(text, ''))), '\s+', ' ', 'g') AS t
    FROM conversations WHERE is_own_account
    UNION ALL
    SELECT platform, ts, in_reply_to_id, mentions, NULL,
        regexp_replace(lower(strip_accents(coalesce(text, ''))), '\s+', ' ', 'g')
    FROM social_posts WHERE kind IN ('post', 'reply', 'quote')
), greet AS (
    SELECT n.person, min(g.at) AS greeted_at, arg_min(g.how, g.at) AS greeted_how
    FROM n JOIN (
        -- one of their messages answered, or an own child of one of them
        SELECT p.person, least(p.answered_at, min(o.ts)) AS at,
            CASE WHEN min(o.ts) IS NOT NULL AND (p.answered_at IS NULL OR min(o.ts) <= p.answered_at) THEN 'reply' ELSE 'answered' END AS how
        FROM p LEFT JOIN own_msg o ON o.platform = p.platform AND o.parent_id = p.message_id AND o.ts > p.ts
        WHERE p.message_id IS NOT NULL
        GROUP BY p.person, p.message_id, p.answered_at
        UNION ALL
        SELECT f.person, o.ts, 'mention'
        FROM n f JOIN own_msg o -- the 7 days first, so that the join is on a range
          ON o.ts >= f.first_ts AND o.ts <= f.first_ts + INTERVAL 7 DAY
         AND (list_has_any(o.mentions, f.names)
              OR list_has_any(o.mentions, list_transform(f.ids, x -> substr(x, strpos(x, ':') + 1)))
              OR list_bool_or(list_transform(f.names, x -> strpos(x, ' ') > 0 AND strpos(o.t, x) > 0)))
    ) g ON g.person = n.person AND g.at >= n.first_ts AND g.at <= n.first_ts + INTERVAL 7 DAY
    GROUP BY n.person
), counted AS (
    SELECT n.platform, CAST(date_trunc('week', n.first_ts) AS DATE) AS week, greet.greeted_at
    FROM n LEFT JOIN greet USING (person)
), grid AS ( -- every platform anyone appears on, every week
    SELECT platform, week FROM (SELECT DISTINCT platform FROM ev) p, weeks
)
SELECT g.platform, g.week,
    count(c.week) AS newcomers,
    count(c.greeted_at) AS greeted,
    count(c.greeted_at) / nullif(count(c.week), 0) AS greeted_share
FROM grid g LEFT JOIN counted c USING (platform, week)
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
