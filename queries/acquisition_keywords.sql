-- Search keywords of the period's search visits.
-- keyword (SPEC): the search terms in the search engine's referrer; a
-- search visit whose referrer has none counts as "(not provided)".
SELECT keyword, count(*) AS visits, string_agg(DISTINCT source, ', ' ORDER BY source) AS engines
FROM sessions
WHERE channel = 'search' AND started_at >= $from AND started_at < $to
GROUP BY keyword
ORDER BY visits DESC, keyword;
