-- Newcomers per platform (of their first appearance) and week of the
-- period ($from..$to, half-open; weeks start on Monday in the report's time
-- zone; the first and last may be partial, holding only the period's days;
-- every week is there, 0 without any), and per platform over the whole
-- period (week NULL): how many, how many the own account greeted within 7
-- days, the share greeted. Who is a
-- newcomer and whether they were greeted is the community_people view's
-- (queries/view_community_people.sql), which says how:
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
), counted AS (
    SELECT platform, CAST(date_trunc('week', first_ts) AS DATE) AS week, greeted_at
    FROM community_people WHERE first_ts >= $from AND first_ts < $to
), platforms AS ( -- every platform anyone appears on
    SELECT DISTINCT platform FROM conversations
    WHERE NOT coalesce(is_own_account, false) AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
      AND coalesce(kind, '') NOT IN ('pingback', 'trackback')
    UNION SELECT DISTINCT platform FROM followers
), grid AS (
    SELECT platform, week FROM platforms, weeks
)
SELECT g.platform, g.week,
    count(c.week) AS newcomers,
    count(c.greeted_at) AS greeted,
    count(c.greeted_at) / nullif(count(c.week), 0) AS greeted_share
FROM grid g LEFT JOIN counted c USING (platform, week)
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
