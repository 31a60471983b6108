package sampledata

import (
	"strconv"
	"strings"
	"time"
)

// The Telegram group's export, as Telegram Desktop writes it (Export chat
// history, JSON, a date range, no media): result.json with the chat's
// name, type and id and its messages oldest first; dates in the exporting
// machine's zone without an offset, and as a Unix time string; text a
// plain string, or an array of strings and entity objects when it has
// links, mentions, hashtags or emphasis (text_entities repeats it as
// entities); service messages for joins, invitations and pins. One space
// of indent, no trailing newline.

const fileNotIncluded = "(File not included. Change data exporting settings to download.)"

func (c *community) telegramJSON() []byte {
	var msgs jarr
	for _, m := range c.byFile("telegram") {
		msgs = append(msgs, c.tgMessage(m))
	}
	doc := jobj{{"name", chatName}, {"type", "private_supergroup"}, {"id", int64(chatID)}, {"messages", msgs}}
	return tgStyle.encode(doc, 0)
}

// tgSender is how Telegram names a sender: display name and "user<id>".
func tgSender(m *cmsg) (string, string) {
	if m.who == nil {
		return ownName, ownTgID
	}
	return m.who.name, "user" + strconv.FormatInt(m.who.tgid(), 10)
}

func (c *community) tgMessage(m *cmsg) jobj {
	id, _ := strconv.Atoi(m.id)
	o := jobj{{"id", id}}
	name, fromID := tgSender(m)
	if m.kind == "join" || m.kind == "service" {
		o = append(o, jkv{"type", "service"})
		c.tgDates(&o, m)
		if m.action == "invite_members" || m.action == "pin_message" {
			name, fromID = ownName, ownTgID
		}
		o = append(o, jkv{"actor", name}, jkv{"actor_id", fromID}, jkv{"action", m.action})
		switch m.action {
		case "join_group_by_link":
			o = append(o, jkv{"inviter", "Group"})
		case "invite_members":
			var names []string
			for _, x := range m.invited {
				names = append(names, x.name)
			}
			o = append(o, jkv{"members", names})
		case "pin_message":
			pid, _ := strconv.Atoi(m.parent.id)
			o = append(o, jkv{"message_id", pid})
		}
		return append(o, jkv{"text", ""}, jkv{"text_entities", jarr{}})
	}
	o = append(o, jkv{"type", "message"})
	c.tgDates(&o, m)
	o = append(o, jkv{"from", name}, jkv{"from_id", fromID})
	if m.forwarded != "" {
		o = append(o, jkv{"forwarded_from", m.forwarded})
	}
	if m.parent != nil {
		pid, _ := strconv.Atoi(m.parent.id)
		o = append(o, jkv{"reply_to_message_id", pid})
	}
	switch m.media {
	case "photo":
		o = append(o, jkv{"photo", fileNotIncluded}, jkv{"photo_file_size", 81234 + int(hashString(m.id)%90000)},
			jkv{"width", 1280}, jkv{"height", 960})
	case "sticker":
		o = append(o, jkv{"file", fileNotIncluded}, jkv{"file_size", 24810}, jkv{"thumbnail", fileNotIncluded},
			jkv{"thumbnail_file_size", 5120}, jkv{"media_type", "sticker"}, jkv{"sticker_emoji", "👍"}, jkv{"width", 512}, jkv{"height", 512})
	}
	text, entities := tgText(m.segs)
	return append(o, jkv{"text", text}, jkv{"text_entities", entities})
}

// tgDates writes date (the exporting machine's local time, no offset),
// date_unixtime and, for an edited message, the same of its edit.
func (c *community) tgDates(o *jobj, m *cmsg) {
	local := func(t time.Time) string { return t.In(c.cfg.TZ).Format("2006-01-02T15:04:05") }
	*o = append(*o, jkv{"date", local(m.ts)}, jkv{"date_unixtime", strconv.FormatInt(m.ts.Unix(), 10)})
	if !m.edited.IsZero() {
		*o = append(*o, jkv{"edited", local(m.edited)}, jkv{"edited_unixtime", strconv.FormatInt(m.edited.Unix(), 10)})
	}
}

// tgText is a message's text and text_entities: a string when it is plain
// text only, else an array of strings and entities.
func tgText(segs []seg) (any, jarr) {
	entities := jarr{}
	var parts jarr
	rich := false
	for _, s := range segs {
		var e jobj
		switch s.k {
		case segText:
			entities = append(entities, jobj{{"type", "plain"}, {"text", s.s}})
			parts = append(parts, s.s)
			continue
		case segLink:
			e = jobj{{"type", "link"}, {"text", s.url}}
		case segNamed:
			e = jobj{{"type", "text_link"}, {"text", s.s}, {"href", s.url}}
		case segMention:
			if s.m.handle == "" {
				e = jobj{{"type", "mention_name"}, {"text", s.s}, {"user_id", s.m.tgid()}}
			} else {
				e = jobj{{"type", "mention"}, {"text", s.s}}
			}
		case segTag:
			e = jobj{{"type", "hashtag"}, {"text", "#" + s.s}}
		case segBold:
			e = jobj{{"type", "bold"}, {"text", s.s}}
		}
		rich = true
		entities = append(entities, e)
		parts = append(parts, e)
	}
	if !rich {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.(string))
		}
		return b.String(), entities
	}
	return parts, entities
}
