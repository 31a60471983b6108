-- hits: one row per request in a web server log (SPEC "Tables").
-- bot (SPEC): the agent-based rules were applied at ingest (a maintained
-- crawler list, a URL in the agent, an empty or implausibly short agent);
-- here a visitor that fetched /robots.txt is a bot too, for all its hits.
CREATE OR REPLACE VIEW hits AS
WITH robots AS (
    SELECT DISTINCT site, visitor_id FROM raw_hits WHERE path = '/robots.txt'
)
SELECT h.* REPLACE (
        h.is_bot OR r.visitor_id IS NOT NULL AS is_bot,
        CASE WHEN h.is_bot THEN h.bot_name WHEN r.visitor_id IS NOT NULL THEN 'robots.txt reader' END AS bot_name,
        CASE WHEN h.is_bot THEN h.bot_category WHEN r.visitor_id IS NOT NULL THEN 'other' END AS bot_category)
FROM raw_hits h
LEFT JOIN robots r ON r.site = h.site AND r.visitor_id = h.visitor_id;
