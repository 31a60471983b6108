-- community_people: every person of the community (not the own accounts)
-- with their first appearance in the warehouse and whether and how the own
-- account greeted them within 7 days: the rows behind community_newcomers
-- and community_newcomers_list, which keep those whose first appearance
-- falls in their period.
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
CREATE OR REPLACE VIEW community_people AS
WITH ev AS (
    SELECT platform, CASE WHEN author_id <> '' THEN platform || ':' || author_id END AS id_key,
        normal_handle(author) AS name_key,
        author AS name, ts, CASE WHEN kind = 'join' THEN 'join' ELSE coalesce(kind, 'message') END AS via,
        message_id, thread_id, text, coalesce(url, thread_url) AS url, answered_at
    FROM conversations
    WHERE NOT coalesce(is_own_account, false) AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
      AND coalesce(kind, '') NOT IN ('pingback', 'trackback') -- sites, not people
    UNION ALL
    SELECT platform, platform || ':' || follower_id,
        normal_handle(handle),
        handle, coalesce(followed_at, first_seen_export_ts),
        CASE WHEN followed_at IS NULL THEN 'follower (undated)' ELSE 'follower' END,
        NULL, NULL, NULL, url, NULL
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
    FROM firsts n JOIN (
        -- one of their messages answered, or an own child of one of them
        SELECT p.person, least(p.answered_at, min(o.ts)) AS at,
            CASE WHEN min(o.ts) IS NOT NULL AND (p.answered_at IS NULL OR min(o.ts) <= p.answered_at) THEN 'reply' ELSE 'answered' END AS how
        -- message ids are per thread on some platforms (a Telegram chat's,
        -- a blog's comments): the reply is in the same thread; a post
        -- (social_posts) has none
        FROM p LEFT JOIN own_msg o ON o.platform = p.platform AND o.parent_id = p.message_id AND o.ts > p.ts
         AND (o.thread_id IS NULL OR o.thread_id = p.thread_id)
        WHERE p.message_id IS NOT NULL
        GROUP BY p.person, p.message_id, p.answered_at
        UNION ALL
        SELECT f.person, o.ts, 'mention'
        FROM firsts f JOIN own_msg o -- the 7 days first, so that the join is on a range
          ON o.ts >= f.first_ts AND o.ts <= f.first_ts + INTERVAL 7 DAY
         AND (list_has_any(o.mentions, f.names)
              OR list_has_any(o.mentions, list_transform(f.ids, x -> substr(x, strpos(x, ':') + 1)))
              OR list_bool_or(list_transform(f.names, x -> strpos(x, ' ') > 0 AND strpos(o.t, x) > 0)))
    ) g ON g.person = n.person AND g.at >= n.first_ts AND g.at <= n.first_ts + INTERVAL 7 DAY
    GROUP BY n.person
)
SELECT firsts.*, greet.greeted_at, greet.greeted_how
FROM firsts LEFT JOIN greet USING (person);
