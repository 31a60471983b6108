-- Visits by channel in the period and the previous one.
-- channel (SPEC): direct, search, ai (AI assistants), social, email,
-- referral, of the visit's first page view.
WITH s AS (
    SELECT channel, CASE WHEN started_at >= $from THEN 'current' ELSE 'previous' END AS period, visitor_id
    FROM sessions
    WHERE started_at >= $prev_from AND started_at < $to
)
SELECT channel,
    count(*) FILTER (WHERE period = 'current') AS visits,
    count(DISTINCT visitor_id) FILTER (WHERE period = 'current') AS visitors,
    count(*) FILTER (WHERE period = 'previous') AS previous_visits
FROM s
GROUP BY channel
ORDER BY visits DESC, channel;
