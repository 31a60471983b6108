-- Moderation: spam and trashed comments per platform and week of the
-- period ($from..$to, half-open; weeks start on Monday in the report's
-- time zone), and per platform over the whole period (week NULL); comments
-- pending approval among those written in each week beside them.
-- moderation queue (SPEC): spam and trashed comments counted per week.
-- Dated by the comment's own time (an export does not say when it was
-- marked). Only platforms with such statuses (the blog's WXR) have rows.
SELECT platform, CAST(date_trunc('week', ts) AS DATE) AS week,
    count(*) FILTER (WHERE status = 'spam') AS spam,
    count(*) FILTER (WHERE status = 'trash') AS trash,
    count(*) FILTER (WHERE status = 'pending') AS pending
FROM conversations
WHERE ts >= $from AND ts < $to AND status IN ('spam', 'trash', 'pending')
GROUP BY GROUPING SETS ((platform, week), (platform))
ORDER BY platform, week NULLS LAST;
