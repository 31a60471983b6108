-- Natural links (backlinks) that sent visits in the period.
-- natural link (SPEC): an external page that sent visits in the referral
-- channel, with its registrable domain, first seen and last seen (over all
-- the data), and visits in the period; "new" when first seen in the period.
-- The page is the referrer without its query string and fragment.
WITH r AS (
    SELECT regexp_replace(referrer, '[?#].*$', '') AS page, source_domain AS domain, started_at
    FROM sessions
    -- A referrer with no readable host ("javascript:...", garbage) is no page.
    WHERE channel = 'referral' AND referrer IS NOT NULL AND source_domain IS NOT NULL AND started_at < $to
)
SELECT page, any_value(domain) AS domain,
    min(started_at) AS first_seen, max(started_at) AS last_seen,
    count(*) FILTER (WHERE started_at >= $from) AS visits,
    min(started_at) >= $from AS is_new
FROM r
GROUP BY page
HAVING count(*) FILTER (WHERE started_at >= $from) > 0
ORDER BY visits DESC, page;
