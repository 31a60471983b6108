-- Availability: questions received per platform and week of the period
-- ($from..$to, half-open; weeks start on Monday in the report's time zone;
-- the first and last may be partial, holding only the period's days; every
-- week is there, 0 without any), and per platform over the whole period
-- (the rows whose week is NULL).
-- question (SPEC): a message that asks something (conversations.is_question,
-- the text analysis at ingest), not by the own account; spam, trashed
-- comments and joins are not messages anyone should answer and are left out
-- (is_received, definitions.sql).
-- answered (SPEC): the own account replied to it later in the same thread
-- (conversations.answered_at), whenever it did: a question of the period
-- answered after its end is answered (it is no work left to do).
-- response time (SPEC): from the question to the first own reply that
-- answers it, in calendar hours; median and 90th percentile over the
-- answered questions (NULL when none is); within_1h and within_24h count
-- the questions answered within an hour and within a day.
WITH weeks AS ( -- every week of the period, those without any too (0)
    SELECT CAST(w AS DATE) AS week
    FROM generate_series(CAST(date_trunc('week', CAST($from_day AS DATE)) AS DATE), CAST($to_day AS DATE), INTERVAL 7 DAY) AS t(w)
), grid AS ( -- and every platform where others write
    SELECT platform, week
    FROM (SELECT DISTINCT platform FROM conversations WHERE NOT coalesce(is_own_account, false)) p, weeks
), q AS (
    SELECT platform, CAST(date_trunc('week', ts) AS DATE) AS week,
        answered_at IS NOT NULL AS answered,
        response_time_s / 3600.0 AS response_h
    FROM conversations
    WHERE ts >= $from AND ts < $to
      AND is_received(is_own_account, status, kind)
      AND is_question
)
SELECT g.platform, g.week,
    count(q.week) AS questions,
    count(*) FILTER (WHERE q.answered) AS answered,
    count(*) FILTER (WHERE q.answered) / nullif(count(q.week), 0) AS answered_share,
    quantile_cont(response_h, 0.5) AS median_response_h,
    quantile_cont(response_h, 0.9) AS p90_response_h,
    count(*) FILTER (WHERE response_h <= 1) AS within_1h,
    count(*) FILTER (WHERE response_h <= 24) AS within_24h
FROM grid g LEFT JOIN q USING (platform, week)
GROUP BY GROUPING SETS ((g.platform, g.week), (g.platform))
ORDER BY g.platform, g.week NULLS LAST;
