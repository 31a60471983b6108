-- What drove a peak or trough day ($day): the sources (referring domain,
-- else the channel) and the entry pages whose visits that day moved most
-- against their median over the 28 days before it (0 on days without any).
-- A day with fewer than 28 days of data before it ($first_day is the first
-- day with data) has no baseline (SPEC: shown as the highest or lowest day,
-- with no baseline): baseline and change are NULL, and the sources and
-- pages that brought it the most visits are listed instead.
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM generate_series(CAST($day AS DATE) - INTERVAL 28 DAY, CAST($day AS DATE), INTERVAL 1 DAY) AS t(d)
), visits AS (
    SELECT CAST(started_at AS DATE) AS day,
        coalesce(source_domain, '(' || channel || ')') AS source,
        entry_path
    FROM sessions
    WHERE CAST(started_at AS DATE) BETWEEN CAST($day AS DATE) - INTERVAL 28 DAY AND CAST($day AS DATE)
), by_dim AS (
    SELECT 'source' AS dimension, source AS value, day, count(*) AS n FROM visits GROUP BY ALL
    UNION ALL
    SELECT 'entry page', entry_path, day, count(*) FROM visits GROUP BY ALL
), grid AS (
    SELECT k.dimension, k.value, days.day, coalesce(b.n, 0) AS n
    FROM (SELECT DISTINCT dimension, value FROM by_dim) k
    CROSS JOIN days
    LEFT JOIN by_dim b ON b.dimension = k.dimension AND b.value = k.value AND b.day = days.day
), compared AS (
    SELECT dimension, value,
        sum(n) FILTER (WHERE day = CAST($day AS DATE)) AS visits,
        CASE WHEN CAST($day AS DATE) - INTERVAL 28 DAY >= CAST($first_day AS DATE)
            THEN median(n) FILTER (WHERE day < CAST($day AS DATE)) END AS baseline
    FROM grid
    GROUP BY ALL
), ranked AS (
    SELECT *, visits - baseline AS change,
        row_number() OVER (PARTITION BY dimension ORDER BY coalesce(abs(visits - baseline), visits) DESC, value) AS rank
    FROM compared
    WHERE (baseline IS NULL AND visits > 0) OR visits <> baseline
)
SELECT dimension, value, visits, baseline, change
FROM ranked
WHERE rank <= 5
ORDER BY dimension DESC, rank;
