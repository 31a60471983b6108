-- Complaints work list: the complaints of the period ($from..$to,
-- half-open) still open (no own answer in all the warehouse holds), oldest
-- first, with how long each had waited at the period's end (hours) and a
-- link to it.
-- complaint (SPEC): a message not by the own account that reports a
-- problem with the brand, its product or service, or the community
-- (conversations.is_complaint); spam and trashed comments left out
-- (is_received).
-- open (SPEC): not answered by the own account (answered_at NULL).
-- link: the message's URL, else its thread's.
SELECT 'conversations:' || platform || ':' || thread_id || ':' || message_id AS item_id,
    platform, thread_id, message_id, ts, author, text, sentiment,
    coalesce(url, thread_url) AS url,
    (epoch($to) - epoch(ts)) / 3600.0 AS waited_h
FROM conversations
WHERE ts >= $from AND ts < $to
  AND is_received(is_own_account, status, kind)
  AND is_complaint
  AND answered_at IS NULL
  AND 'conversations:' || platform || ':' || thread_id || ':' || message_id NOT IN (SELECT item FROM dismissed_items) -- taken off with cmpulse dismiss
ORDER BY ts, platform, message_id;
