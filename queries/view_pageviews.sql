-- pageviews: the hits that are page views, with their visit.
-- page view (SPEC): a non-bot GET answered 200 or 304 for a path that is not
-- a static asset nor a feed (by path or by query string), robots.txt,
-- favicon or sitemap (is_pageview in definitions.sql). Bots are those of
-- the hits view: by agent, or a visitor that fetched /robots.txt; the second
-- rule is applied here as an anti-join, after the cheap filters, rather than
-- through the hits view.
-- visit (SPEC): a visitor's page views with no gap over 30 minutes
-- (session_gap_s); not split at midnight. session_id is a hash of site,
-- visitor and the visit's first timestamp, so it does not change when more
-- data is ingested.
-- time on page (SPEC): time to the next page view of the same visit, capped
-- at 30 minutes (time_on_page_cap_s); NULL for the last page of a visit.
-- All windows share one partitioning and order, so DuckDB sorts once.
CREATE OR REPLACE VIEW pageviews AS
WITH robots AS (
    SELECT DISTINCT site, visitor_id FROM raw_hits WHERE path = '/robots.txt'
), pv AS (
    SELECT h.*
    FROM raw_hits h
    WHERE is_pageview(h.method, h.status, h.path, h.query, h.is_bot)
      AND NOT EXISTS (SELECT 1 FROM robots r WHERE r.site = h.site AND r.visitor_id = h.visitor_id)
), steps AS (
    SELECT *,
        epoch(ts) - epoch(lag(ts) OVER w) AS gap_s,
        epoch(lead(ts) OVER w) - epoch(ts) AS next_s,
        row_number() OVER w AS n
    FROM pv
    WINDOW w AS (PARTITION BY site, visitor_id ORDER BY ts, source_file, source_line)
), visits AS (
    SELECT *,
        max(CASE WHEN gap_s IS NULL OR gap_s > session_gap_s() THEN ts END) OVER w AS visit_start,
        max(CASE WHEN gap_s IS NULL OR gap_s > session_gap_s() THEN n END) OVER w AS visit_first_n
    FROM steps
    WINDOW w AS (PARTITION BY site, visitor_id ORDER BY ts, source_file, source_line ROWS UNBOUNDED PRECEDING)
)
SELECT * EXCLUDE (gap_s, next_s, n, visit_start, visit_first_n),
    substr(md5(site || '|' || visitor_id || '|' || epoch_us(visit_start)), 1, 16) AS session_id,
    n - visit_first_n + 1 AS seq_in_session,
    -- The next page view is in the same visit when it comes within the gap.
    CASE WHEN next_s <= session_gap_s() THEN CAST(least(next_s, time_on_page_cap_s()) AS DOUBLE) END AS time_on_page_s
FROM visits;
