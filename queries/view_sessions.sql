-- sessions: one row per visit.
-- visit duration (SPEC): last page view minus first; a one-page visit is 0 s.
-- channel (SPEC): of the visit's first page view: direct (no referrer),
-- search, ai (answers of AI assistants: chatgpt.com, perplexity.ai, ...),
-- social, email, referral (any other external site). A visit whose
-- first page came from the site's own pages (a tab left open over 30
-- minutes) has no external source: it counts as direct.
-- keyword (SPEC): the search terms of a search visit's referrer, or
-- "(not provided)".
-- The first page's values are read with FILTER (WHERE seq_in_session = 1),
-- not arg_min: arg_min skips NULLs, and would give a visit without referrer
-- the referrer of its second page.
CREATE OR REPLACE VIEW sessions AS
WITH v AS (
    SELECT
        session_id,
        any_value(visitor_id) AS visitor_id,
        any_value(site) AS site,
        min(ts) AS started_at,
        max(ts) AS ended_at,
        CAST(epoch(max(ts)) - epoch(min(ts)) AS DOUBLE) AS duration_s,
        count(*) AS pageviews,
        any_value(path) FILTER (WHERE seq_in_session = 1) AS entry_path,
        arg_max(path, seq_in_session) AS exit_path,
        any_value(referrer) FILTER (WHERE seq_in_session = 1) AS referrer,
        any_value(channel) FILTER (WHERE seq_in_session = 1) AS first_channel,
        any_value(referrer_domain) FILTER (WHERE seq_in_session = 1) AS referrer_domain,
        any_value(source) FILTER (WHERE seq_in_session = 1) AS first_source,
        any_value(keyword) FILTER (WHERE seq_in_session = 1) AS first_keyword,
        any_value(device) FILTER (WHERE seq_in_session = 1) AS device,
        any_value(browser) FILTER (WHERE seq_in_session = 1) AS browser,
        any_value(os) FILTER (WHERE seq_in_session = 1) AS os
    FROM pageviews
    GROUP BY session_id
)
SELECT session_id, visitor_id, site, started_at, ended_at, duration_s, pageviews, entry_path, exit_path,
    CASE WHEN first_channel = 'internal' THEN NULL ELSE referrer END AS referrer,
    CASE WHEN first_channel = 'internal' THEN 'direct' ELSE first_channel END AS channel,
    CASE WHEN first_channel = 'internal' THEN NULL ELSE referrer_domain END AS source_domain,
    CASE WHEN first_channel = 'internal' THEN NULL ELSE first_source END AS source,
    CASE WHEN first_channel = 'search' THEN coalesce(first_keyword, '(not provided)') END AS keyword,
    device, browser, os
FROM v;
