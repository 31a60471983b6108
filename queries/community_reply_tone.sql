-- Tone of own replies: the own account's replies to complaints written in
-- the period ($from..$to, half-open) that are to be read again, oldest
-- first, with the complaint they answer.
-- tone of own replies (SPEC): the sentiment of the own account's replies
-- to complaints; a reply scored negative (sentiment < -0.05) or with anger
-- markers (is_angry: all caps, several !, insults) is listed for a second
-- look. An own reply to a complaint: an own message of the same thread
-- that is the complaint's child (parent_id) or the reply that answered it
-- (ts = answered_at). complaint (SPEC): conversations.is_complaint, not by
-- the own account, spam and trash left out.
SELECT DISTINCT 'conversations:' || r.platform || ':' || r.thread_id || ':' || r.message_id AS item_id,
    r.platform, r.thread_id, r.message_id, r.ts, r.author, r.text,
    r.sentiment, coalesce(r.is_angry, false) AS is_angry,
    coalesce(r.url, r.thread_url) AS url,
    c.message_id AS complaint_id, c.author AS complaint_author, c.text AS complaint_text
FROM conversations c
JOIN conversations r
  ON r.platform = c.platform AND r.thread_id = c.thread_id
 AND r.is_own_account AND r.ts >= c.ts
 AND (r.parent_id = c.message_id OR r.ts = c.answered_at)
WHERE is_received(c.is_own_account, c.status, c.kind)
  AND c.is_complaint
  AND r.ts >= $from AND r.ts < $to
  AND (r.sentiment < -0.05 OR r.is_angry)
  AND 'conversations:' || r.platform || ':' || r.thread_id || ':' || r.message_id NOT IN (SELECT item FROM dismissed_items) -- taken off with cmpulse dismiss
ORDER BY r.ts, r.platform, r.message_id;
