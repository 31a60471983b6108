-- Complaints per platform and week of the period ($from..$to, half-open;
-- weeks start on Monday in the report's time zone), and per platform over
-- the whole period (the rows whose week is NULL).
-- complaint (SPEC): a message not by the own account that reports a
-- problem with the brand, its product or service, or the community
-- (conversations.is_complaint, the text analysis at ingest); spam and
-- trashed comments left out.
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
WITH c AS (
    SELECT platform, thread_id, message_id, ts, answered_at, response_time_s
    FROM conversations
    WHERE ts >= $from AND ts < $to
      AND NOT coalesce(is_own_account, false)
      AND is_complaint
      AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
), private AS (
    SELECT DISTINCT c.platform, c.thread_id, c.message_id
    FROM c JOIN conversations r
      ON r.platform = c.platform AND r.thread_id = c.thread_id
     AND r.is_own_account AND r.ts >= c.ts AND coalesce(r.kind, '') <> 'dm'
     AND (r.parent_id = c.message_id OR r.ts = c.answered_at)
    WHERE r.moves_to_private
)
SELECT c.platform, CAST(date_trunc('week', c.ts) AS DATE) AS week,
    count(*) AS complaints,
    count(c.answered_at) AS handled,
    count(*) FILTER (WHERE c.answered_at IS NULL) AS open,
    count(c.answered_at) / count(*) AS handled_share,
    quantile_cont(c.response_time_s / 3600.0, 0.5) AS median_response_h,
    quantile_cont(c.response_time_s / 3600.0, 0.9) AS p90_response_h,
    count(*) FILTER (WHERE c.response_time_s <= 3600) AS within_1h,
    count(*) FILTER (WHERE c.response_time_s <= 86400) AS within_24h,
    count(p.message_id) AS moved_to_private
FROM c LEFT JOIN private p USING (platform, thread_id, message_id)
GROUP BY GROUPING SETS ((c.platform, week), (c.platform))
ORDER BY c.platform, week NULLS LAST;
