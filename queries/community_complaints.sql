-- Complaints per platform and week of the period ($from..$to, half-open;
-- weeks start on Monday in the report's time zone; the first and last may
-- be partial, holding only the period's days; every week is there, 0
-- without any), and per platform over the whole period (week NULL).
-- complaint (SPEC): a message not by the own account that reports a
-- problem with the brand, its product or service, or the community
-- (conversations.is_complaint, the text analysis at ingest); spam and
-- trashed comments left out (is_received, definitions.sql).
-- complaint handled (SPEC): a complaint answered by the own account
-- (answered_at, whenever it was: after the period's end too); open: not
-- answered.
-- response time (SPEC): to the first own reply that answers it, calendar
-- hours, median and 90th percentile over the handled complaints;
-- within_1h and within_24h count those handled within an hour and a day.
-- moved to private (SPEC): complaints of the period with an own reply
-- that takes the conversation out of public (moves_to_private); an own
-- reply is an own message of the same thread that is the complaint's child
-- (parent_id) or the reply that answered it (ts = answered_at). A direct
-- message is private already: an own DM moves nothing out of public.
WITH weeks AS ( -- every week of the period, those without any too (0)
    SELECT CAST(w AS DATE) AS week
    FROM generate_series(CAST(date_trunc('week', CAST($from_day AS DATE)) AS DATE), CAST($to_day AS DATE), INTERVAL 7 DAY) AS t(w)
), grid AS ( -- and every platform where others write
    SELECT platform, week
    FROM (SELECT DISTINCT platform FROM conversations WHERE NOT coalesce(is_own_account, false)) p, weeks
), c AS (
    SELECT platform, CAST(date_trunc('week', ts) AS DATE) AS week, thread_id, message_id, ts, answered_at, response_time_s
    FROM conversations
    WHERE ts >= $from AND ts < $to
      AND is_received(is_own_account, status, kind)
      AND is_complaint
), private AS (
    SELECT DISTINCT c.platform, c.thread_id, c.message_id
    FROM c JOIN conversations r
      ON r.platform = c.platform AND r.thread_id = c.thread_id
     AND r.is_own_account AND r.ts >= c.ts AND coalesce(r.kind, '') <> 'dm'
     AND (r.parent_id = c.message_id OR r.ts = c.answered_at)
    WHERE r.moves_to_private
)
SELECT g.platform, g.week,
    count(c.week) AS complaints,
    count(c.answered_at) AS handled,
    count(*) FILTER (WHERE c.week IS NOT NULL AND c.answered_at IS NULL) AS open,
    count(c.answered_at) / nullif(count(c.week), 0) AS handled_share,
    quantile_cont(c.response_time_s / 3600.0, 0.5) AS median_response_h,
    quantile_cont(c.response_time_s / 3600.0, 0.9) AS p90_response_h,
    count(*) FILTER (WHERE c.response_time_s <= 3600) AS within_1h,
    count(*) FILTER (WHERE c.response_time_s <= 86400) AS within_24h,
    count(p.message_id) AS moved_to_private
FROM grid g
LEFT JOIN c USING (platform, week)
LEFT JOIN private p ON p.platform = c.platform AND p.thread_id = c.thread_id AND p.message_id = c.message_id
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
