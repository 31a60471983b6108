-- Moderation queue: comments pending approval at the period's end, written
-- before $to, oldest first, with how long each has waited (hours, at $to).
-- moderation queue (SPEC): comments pending approval, with how long each
-- has waited. A comment still pending is in the queue whatever the period
-- it was written in; the export says only its status at export time.
SELECT platform, thread_id, message_id, ts, author, text,
    coalesce(url, thread_url) AS url,
    (epoch($to) - epoch(ts)) / 3600.0 AS waited_h
FROM conversations
WHERE status = 'pending' AND ts < $to
ORDER BY ts, platform, message_id;
