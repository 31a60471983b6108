-- dismissed_items: the work-list items (unanswered questions, open
-- complaints, newcomers not greeted, own replies to re-read) that the
-- community manager marked done or not relevant with `cmpulse dismiss`,
-- as their latest dismissal says: an item put back (reason 'undo') is on
-- the lists again. A list leaves out the items whose id is here:
--   WHERE item_id NOT IN (SELECT item FROM dismissed_items)
-- An item's id: conversations:<platform>:<thread_id>:<message_id>, or
-- newcomer:<platform>:<person> (the item_id column of each work list).
CREATE OR REPLACE VIEW dismissed_items AS
SELECT item, reason, note, "at"
FROM dismissed
QUALIFY row_number() OVER (PARTITION BY item ORDER BY "at" DESC, batch DESC) = 1
    AND reason <> 'undo';
