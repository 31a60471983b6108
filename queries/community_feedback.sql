-- Feedback asked: the own posts of the period ($from..$to, half-open) that
-- are questions, newest first, with the replies they received where the
-- export holds them and how many of those the own account answered.
-- feedback asked (SPEC): own posts that are questions (social_posts
-- .is_question; in a chat, whose own messages are in conversations, an own
-- message that opens a thread of replies: not a reply itself), original
-- posts only (not replies, not reposts).
-- replies received: messages not by the own account (spam and trash left
-- out) on a blog post (comments of its thread, matched by the post's URL)
-- or replying to the own chat message (parent_id); NULL where the export
-- holds no replies (X and Mastodon archives hold only the own posts), with
-- the platform's own replies count beside it where it has one.
-- answered (SPEC): those replies answered by the own account.
WITH asked AS (
    SELECT platform, post_id AS id, NULL AS thread_id, ts, url, text, replies AS export_replies, 'post' AS source
    FROM social_posts
    WHERE ts >= $from AND ts < $to AND is_question AND kind IN ('post', 'quote')
    UNION ALL
    SELECT platform, message_id, thread_id, ts, url, text, NULL, 'message'
    FROM conversations
    WHERE ts >= $from AND ts < $to AND is_own_account AND is_question
      AND parent_id IS NULL AND coalesce(kind, '') NOT IN ('join', 'dm')
), got AS (
    SELECT a.platform, a.id, c.message_id, c.answered_at
    FROM asked a JOIN conversations c
      ON c.platform = a.platform
     AND ((a.source = 'post' AND c.thread_url = a.url)
          OR (a.source = 'message' AND c.parent_id = a.id AND c.thread_id = a.thread_id)) -- ids are per chat
    WHERE NOT coalesce(c.is_own_account, false) AND coalesce(c.status, 'approved') NOT IN ('spam', 'trash', 'pending')
), held AS ( -- platforms whose own posts' replies are in conversations
    SELECT DISTINCT platform FROM conversations WHERE NOT coalesce(is_own_account, false) AND coalesce(kind, '') <> 'dm'
)
SELECT a.platform, a.id, a.ts, a.url, a.text,
    CASE WHEN h.platform IS NOT NULL THEN count(g.message_id) END AS replies,
    CASE WHEN h.platform IS NOT NULL THEN count(g.answered_at) END AS replies_answered,
    any_value(a.export_replies) AS export_replies
FROM asked a
LEFT JOIN got g USING (platform, id)
LEFT JOIN held h USING (platform)
GROUP BY a.platform, a.id, a.ts, a.url, a.text, h.platform
ORDER BY a.ts DESC, a.platform, a.id;
