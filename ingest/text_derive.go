package ingest

import (
	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/warehouse"
)

// The text analysis columns of the community tables (SPEC, "What each
// number means: the community"), derived at ingest from the stored text,
// the export's own language, and who wrote it.

// derivePost sets a post's lang (the export's where it is a real code,
// else what the text says) and is_question (an own post that asks:
// feedback asked). A repost's text is someone else's: no question.
func derivePost(row *warehouse.SocialPost, strs *strSlab) {
	if row.Text == nil {
		return
	}
	lang := langOf(*row.Text, deref(row.Lang))
	row.Lang = strs.ptr(lang)
	if row.Kind != "repost" {
		q := classify.IsQuestion(*row.Text, lang)
		h := classify.HardSell(*row.Text)
		row.IsQuestion, row.IsHardSell = &q, &h
	}
}

// deriveMessage sets a message's lang, is_question, sentiment and, for a
// message not by the own account, is_complaint. Every conversation is in
// an own space (the blog, the forum, the group, a DM, a comment on an own
// post), so each is addressed to the own account.
func deriveMessage(row *warehouse.Conversation, strs *strSlab) {
	if row.Text == nil || row.Kind == "join" {
		return
	}
	lang := langOf(*row.Text, deref(row.Lang))
	row.Lang = strs.ptr(lang)
	q := classify.IsQuestion(*row.Text, lang)
	row.IsQuestion = &q
	s := classify.Sentiment(*row.Text, lang)
	row.Sentiment = &s
	if !row.IsOwnAccount {
		c := classify.IsComplaint(*row.Text, lang, true, s)
		row.IsComplaint = &c
		return
	}
	p, a := classify.MovesToPrivate(*row.Text), classify.AngryReply(*row.Text)
	row.MovesToPrivate, row.IsAngry = &p, &a
}

// langOf is a text's language given what the row says already: the
// export's code at ingest, or at reclassify what ingest stored, of which
// "other" (a language neither English nor French, often from the export's
// own code, which is not kept) stays as it is, so that reclassifying does
// not change it to what the text alone would read.
func langOf(text, known string) string {
	if known == "other" {
		return known
	}
	return classify.LangHint(text, known)
}
