-- Newcomers of the period ($from..$to, half-open), one row each, oldest
-- first: where and how they first appeared, their first message, and
-- whether and how the own account greeted them (the community_people
-- view, queries/view_community_people.sql, says how). community_newcomers
-- counts these rows per week; the work list is the rows not greeted.
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
WITH n AS (
    SELECT * FROM community_people WHERE first_ts >= $from AND first_ts < $to
)
SELECT 'newcomer:' || n.platform || ':' || n.person AS item_id,
    n.platform, CAST(date_trunc('week', n.first_ts) AS DATE) AS week, n.person, n.name, n.first_ts, n.via,
    n.first_message_id, n.first_message, n.first_message_url,
    n.greeted_at IS NOT NULL AS greeted, n.greeted_at, n.greeted_how,
    len(list_distinct(list_transform(n.ids, x -> split_part(x, ':', 1)))) > 1 AS seen_on_several_platforms,
    'newcomer:' || n.platform || ':' || n.person IN (SELECT item FROM dismissed_items) AS dismissed
FROM n
-- A dismissed newcomer (cmpulse dismiss) stays listed, marked: the weekly
-- counts are of all newcomers; the work list is the rows not greeted and
-- not dismissed.
ORDER BY n.first_ts, n.platform, n.person;
