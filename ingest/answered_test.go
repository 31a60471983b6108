package ingest

import (
	"testing"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// TestAnswered: SPEC's "answered", case by case, with the expected answer
// worked out by hand from the rule.
func TestAnswered(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	msg := func(thread, id, parent, author string, own bool, min int, text string, mentions ...string) *warehouse.Conversation {
		c := &warehouse.Conversation{ThreadID: thread, MessageID: id, IsOwnAccount: own, TS: at(min),
			Status: "approved", Kind: "comment", Text: &text, Mentions: mentions}
		if parent != "" {
			c.ParentID = &parent
		}
		if author != "" {
			c.Author = &author
		}
		return c
	}
	rows := []*warehouse.Conversation{
		// Thread a (a blog post): Ann asks (1), Bob too (2); the own
		// account replies to Bob's (3, after 30 min) and, without a reply
		// link, names Ann (4, after 90 min); Cat's comment (5) is answered
		// by no one: the own reply to Bob does not name her.
		msg("a", "1", "", "Ann", false, 0, "How do I subscribe?"),
		msg("a", "2", "", "Bob", false, 10, "Is there a French version?"),
		msg("a", "3", "2", "Me", true, 40, "Yes, next week."),
		msg("a", "4", "", "Me", true, 90, "Ann, the form is at the bottom of the page."),
		msg("a", "5", "", "Cat", false, 100, "Nice post"),
		// Thread b (a DM): two people, no reply links: the next own
		// message answers each earlier one of the other person.
		msg("b", "6", "", "dan", false, 0, "hello?"),
		msg("b", "7", "", "dan", false, 5, "anyone?"),
		msg("b", "8", "", "Me", true, 60, "Hi, how can we help?"),
		// Thread c: an own reply before the message does not answer it;
		// spam and joins are never answered; a mention by handle answers.
		msg("c", "9", "", "Me", true, 0, "Welcome all"),
		msg("c", "10", "", "eve", false, 5, "thanks"),
		msg("c", "11", "", "spammer", false, 6, "buy now"),
		msg("c", "12", "", "Me", true, 30, "glad you're here", "eve", "spammer"),
		// Thread d: a name inside another word is no mention ("Tom" in
		// "tomorrow", "Ann" in "announcement").
		msg("d", "14", "", "Tom", false, 0, "Any news?"),
		msg("d", "15", "", "Ann", false, 1, "me too"),
		msg("d", "16", "", "Me", true, 30, "Announcement: new release tomorrow"),
	}
	rows[10].Status = "spam"
	join := msg("c", "13", "", "fay", false, 7, "")
	join.Kind = "join"
	rows = append(rows, join)

	if n := answered(rows); n != 5 {
		t.Errorf("answered changed %d rows, want 5 (messages 1, 2, 6, 7, 10)", n)
	}
	want := map[string]int{"1": 90, "2": 40, "6": 60, "7": 60, "10": 30} // minutes of the answer
	for _, r := range rows {
		w, ok := want[r.MessageID]
		switch {
		case !ok && r.AnsweredAt != nil:
			t.Errorf("message %s answered at %v, want unanswered", r.MessageID, r.AnsweredAt)
		case ok && (r.AnsweredAt == nil || !r.AnsweredAt.Equal(at(w))):
			t.Errorf("message %s answered at %v, want %v", r.MessageID, r.AnsweredAt, at(w))
		case ok && *r.ResponseTimeS != int64(at(w).Sub(r.TS)/time.Second):
			t.Errorf("message %s response time %d s", r.MessageID, *r.ResponseTimeS)
		}
	}
	if n := answered(rows); n != 0 {
		t.Errorf("a second pass changed %d rows, want 0", n)
	}
}
