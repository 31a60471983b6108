-- Where visits of the period came from: one row per source (the search
-- engine or social network, else the referring registrable domain) with its
-- channel, against the previous period.
WITH s AS (
    SELECT channel, coalesce(source, source_domain) AS source,
        CASE WHEN started_at >= $from THEN 'current' ELSE 'previous' END AS period
    FROM sessions
    WHERE started_at >= $prev_from AND started_at < $to AND channel <> 'direct'
)
SELECT coalesce(source, '(unknown)') AS source, channel,
    count(*) FILTER (WHERE period = 'current') AS visits,
    count(*) FILTER (WHERE period = 'previous') AS previous_visits
FROM s
GROUP BY ALL
HAVING count(*) FILTER (WHERE period = 'current') > 0
ORDER BY visits DESC, source;
