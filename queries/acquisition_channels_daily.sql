-- Visits per day and channel over the period, for the stacked chart.
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM generate_series(CAST($from_day AS DATE), CAST($to_day AS DATE), INTERVAL 1 DAY) AS t(d)
), channels AS (
    SELECT * FROM (VALUES ('direct'), ('search'), ('ai'), ('social'), ('email'), ('referral')) AS t(channel)
), s AS (
    SELECT CAST(started_at AS DATE) AS day, channel, count(*) AS visits
    FROM sessions WHERE started_at >= $from AND started_at < $to
    GROUP BY ALL
)
SELECT days.day, channels.channel, coalesce(s.visits, 0) AS visits
FROM days CROSS JOIN channels
LEFT JOIN s ON s.day = days.day AND s.channel = channels.channel
ORDER BY days.day, channels.channel;
