-- Hits of the period from logs that record no user agent at all (Common Log
-- Format: hits.has_agent is false; NULL in files written before the column
-- existed, which all came from formats read as recording one).
-- bot (SPEC): where no agent is recorded, bots cannot be told apart: only
-- visitors that fetched /robots.txt and clients with a known crawler host
-- name count as bots, and the report says so.
SELECT count(*) AS hits,
    count(*) FILTER (WHERE NOT coalesce(has_agent, true)) AS no_agent_hits,
    count(DISTINCT CAST(ts AS DATE)) FILTER (WHERE NOT coalesce(has_agent, true)) AS no_agent_days
FROM hits
WHERE ts >= $from AND ts < $to AND ($site = '' OR site = $site);
