-- Availability: questions received per platform and week of the period
-- ($from..$to, half-open; weeks start on Monday in the report's time zone),
-- and per platform over the whole period (the rows whose week is NULL).
-- question (SPEC): a message that asks something (conversations.is_question,
-- the text analysis at ingest), not by the own account; spam, trashed
-- comments and joins are not messages anyone should answer and are left out.
-- answered (SPEC): the own account replied to it later in the same thread
-- (conversations.answered_at), whenever it did: a question of the period
-- answered after its end is answered (it is no work left to do).
-- response time (SPEC): from the question to the first own reply that
-- answers it, in calendar hours; median and 90th percentile over the
-- answered questions (NULL when none is); within_1h and within_24h count
-- the questions answered within an hour and within a day.
WITH q AS (
    SELECT platform, CAST(date_trunc('week', ts) AS DATE) AS week,
        answered_at IS NOT NULL AS answered,
        response_time_s / 3600.0 AS response_h
    FROM conversations
    WHERE ts >= $from AND ts < $to
      AND NOT coalesce(is_own_account, false)
      AND is_question
      AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
      AND coalesce(kind, '') <> 'join'
)
SELECT platform, week,
    count(*) AS questions,
    count(*) FILTER (WHERE answered) AS answered,
    count(*) FILTER (WHERE answered) / count(*) AS answered_share,
    quantile_cont(response_h, 0.5) AS median_response_h,
    quantile_cont(response_h, 0.9) AS p90_response_h,
    count(*) FILTER (WHERE response_h <= 1) AS within_1h,
    count(*) FILTER (WHERE response_h <= 24) AS within_24h
FROM q
GROUP BY GROUPING SETS ((platform, week), (platform))
ORDER BY platform, week NULLS LAST;
