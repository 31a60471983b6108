-- Availability work list: the questions of the period ($from..$to,
-- half-open) that the own account has not answered (in all the warehouse
-- holds, after the period too), oldest first, with how long each had waited
-- at the period's end (hours) and a link to it.
-- question (SPEC): a message that asks something, not by the own account;
-- spam, trashed comments and joins left out (is_received). answered (SPEC): an own reply
-- later in the same thread (conversations.answered_at).
-- response time (SPEC): "the unanswered are listed, oldest first, with how
-- long they have waited". link: the message's URL (a blog comment's
-- #comment-N, a Telegram t.me link), else its thread's (an X DM
-- conversation); NULL where the export has neither.
SELECT 'conversations:' || platform || ':' || thread_id || ':' || message_id AS item_id,
    platform, thread_id, message_id, ts, author, text,
    coalesce(url, thread_url) AS url,
    (epoch($to) - epoch(ts)) / 3600.0 AS waited_h
FROM conversations
WHERE ts >= $from AND ts < $to
  AND is_received(is_own_account, status, kind)
  AND is_question
  AND answered_at IS NULL
  AND 'conversations:' || platform || ':' || thread_id || ':' || message_id NOT IN (SELECT item FROM dismissed_items) -- taken off with cmpulse dismiss
ORDER BY ts, platform, message_id;
