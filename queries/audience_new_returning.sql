-- New and returning visitors of the period. A visitor is new when their
-- first visit ever (in all the warehouse holds) started in the period, and
-- returning when they had visited before it.
WITH firsts AS (
    SELECT visitor_id, site, min(started_at) AS first_visit FROM sessions GROUP BY ALL
), period AS (
    SELECT s.visitor_id, s.site, count(*) AS visits, any_value(f.first_visit) >= $from AS is_new
    FROM sessions s JOIN firsts f USING (visitor_id, site)
    WHERE s.started_at >= $from AND s.started_at < $to
    GROUP BY ALL
)
SELECT CASE WHEN is_new THEN 'new' ELSE 'returning' END AS visitors_kind,
    count(*) AS visitors, sum(visits) AS visits
FROM period
GROUP BY 1
ORDER BY 1;
