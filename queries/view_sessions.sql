-- sessions: one row per visit.
-- visit duration (SPEC): last page view minus first; a one-page visit is 0 s.
-- channel (SPEC): of the visit's first page view: direct (no referrer),
-- search, social, email, referral (any other external site). A visit whose
-- first page came from the site's own pages (a tab left open over 30
-- minutes) has no external source: it counts as direct.
-- keyword (SPEC): the search terms of a search visit's referrer, or
-- "(not provided)".
CREATE OR REPLACE VIEW sessions AS
SELECT
    session_id,
    any_value(visitor_id) AS visitor_id,
    any_value(site) AS site,
    min(ts) AS started_at,
    max(ts) AS ended_at,
    CAST(epoch(max(ts)) - epoch(min(ts)) AS DOUBLE) AS duration_s,
    count(*) AS pageviews,
    arg_min(path, seq_in_session) AS entry_path,
    arg_max(path, seq_in_session) AS exit_path,
    arg_min(referrer, seq_in_session) AS referrer,
    CASE arg_min(channel, seq_in_session) WHEN 'internal' THEN 'direct' ELSE arg_min(channel, seq_in_session) END AS channel,
    CASE WHEN arg_min(channel, seq_in_session) = 'internal' THEN NULL ELSE arg_min(referrer_domain, seq_in_session) END AS source_domain,
    CASE WHEN arg_min(channel, seq_in_session) = 'internal' THEN NULL ELSE arg_min(source, seq_in_session) END AS source,
    CASE WHEN arg_min(channel, seq_in_session) = 'search' THEN coalesce(arg_min(keyword, seq_in_session), '(not provided)') END AS keyword,
    arg_min(device, seq_in_session) AS device,
    arg_min(browser, seq_in_session) AS browser,
    arg_min(os, seq_in_session) AS os
FROM pageviews
GROUP BY session_id;
