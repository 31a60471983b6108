-- Availability work list: the questions of the period ($from..$to,
-- half-open) that the own account has not answered (in all the warehouse
-- holds, after the period too), oldest first, with how long each had waited
-- at the period's end (hours) and a link to it.
-- question (SPEC): a message that asks something, not by the own account;
-- spam, trashed comments and joins left out. answered (SPEC): an own reply
-- later in the same thread (conversations.answered_at).
-- response time (SPEC): "the unanswered are listed, oldest first, with how
-- long they have waited". link: the message's URL (a blog comment's
-- #comment-N, a Telegram t.me link), else its thread's (an X DM
-- conversation); NULL where the export has neither.
SELECT platform, thread_id, message_id, ts, author, text,
    coalesce(url, thread_url) AS url,
    (epoch($to) - epoch(ts)) / 3600.0 AS waited_h
FROM conversations
WHERE ts >= $from AND ts < $to
  AND NOT coalesce(is_own_account, false)
  AND is_question
  AND coalesce(status, 'approved') NOT IN ('spam', 'trash')
  AND coalesce(kind, '') <> 'join'
  AND answered_at IS NULL
ORDER BY ts, platform, message_id;
