package ingest

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cmpulse/cmpulse/warehouse"
)

// answered sets answered_at and response_time_s of every message of a
// conversations partition, by SPEC's rule ("answered"): a message not by
// the own account is answered by the first own message of its thread that
// replies to it (where the platform records what a message replies to);
// else by the first later own message of the thread that mentions its
// author, or, in a thread of two people, the next own message. Own
// messages, joins, spam and trash are never answered. It returns how many
// rows it changed, so that a partition whose answers moved is rewritten.
//
// It runs on the whole partition after each merge: a newer export's own
// reply answers a message that an older one brought.
func answered(rows []*warehouse.Conversation) (changed int) {
	threads := map[string][]*warehouse.Conversation{}
	for _, r := range rows {
		threads[r.ThreadID] = append(threads[r.ThreadID], r)
	}
	for _, msgs := range threads {
		changed += answerThread(msgs)
	}
	return changed
}

// answerThread applies the rule to the messages of one thread.
func answerThread(msgs []*warehouse.Conversation) (changed int) {
	slices.SortStableFunc(msgs, func(a, b *warehouse.Conversation) int {
		if c := a.TS.Compare(b.TS); c != 0 {
			return c
		}
		return strings.Compare(a.MessageID, b.MessageID)
	})
	var own []*warehouse.Conversation
	child := map[string]time.Time{} // message id -> its first own reply
	people := map[string]bool{}
	for _, m := range msgs {
		if m.Kind == "join" {
			continue
		}
		if !m.IsOwnAccount {
			people[strings.ToLower(cmpOr(deref(m.AuthorID), deref(m.Author)))] = true
			continue
		}
		own = append(own, m)
		if p := deref(m.ParentID); p != "" {
			if t, ok := child[p]; !ok || m.TS.Before(t) {
				child[p] = m.TS
			}
		}
	}
	two := len(people) == 1 // one person and the own account
	for _, m := range msgs {
		at, ok := answerOf(m, own, child, two)
		if setAnswer(m, at, ok) {
			changed++
		}
	}
	return changed
}

// answerOf finds when m was answered.
func answerOf(m *warehouse.Conversation, own []*warehouse.Conversation, child map[string]time.Time, two bool) (time.Time, bool) {
	if m.IsOwnAccount || m.Kind == "join" || m.Status == "spam" || m.Status == "trash" {
		return time.Time{}, false
	}
	if t, ok := child[m.MessageID]; ok && !t.Before(m.TS) {
		return t, true
	}
	for _, o := range own {
		if !o.TS.After(m.TS) {
			continue
		}
		if two || mentionsAuthor(o, m) {
			return o.TS, true
		}
	}
	return time.Time{}, false
}

// mentionsAuthor reports whether own message o names the author of m: a
// mention of their handle or id, or their name written out (a display
// name of three letters or more).
func mentionsAuthor(o, m *warehouse.Conversation) bool {
	author := NormalHandle(deref(m.Author))
	id := NormalHandle(deref(m.AuthorID))
	for _, h := range o.Mentions {
		if h != "" && (h == author || h == id) {
			return true
		}
	}
	return len([]rune(author)) >= 3 && containsWord(strings.ToLower(deref(o.Text)), author)
}

// containsWord reports whether w stands in s as a word (or words): not
// inside a longer one ("Tom" is not in "tomorrow").
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = start + 1
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// setAnswer stores an answer (or none) and reports whether it changed.
func setAnswer(m *warehouse.Conversation, at time.Time, ok bool) bool {
	if !ok {
		was := m.AnsweredAt != nil
		m.AnsweredAt, m.ResponseTimeS = nil, nil
		return was
	}
	if m.AnsweredAt != nil && m.AnsweredAt.Equal(at) {
		return false
	}
	t := at.UTC()
	s := int64(at.Sub(m.TS) / time.Second)
	m.AnsweredAt, m.ResponseTimeS = &t, &s
	return true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
