package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// The Telegram Desktop export ("Export chat history" of a group or channel,
// JSON format): result.json holds {name, type, id, messages: [...]}. The
// full account export ("Export Telegram data") holds the same chat objects
// in chats.list and left_chats.list, after the account's personal
// information. Each message is a row of conversations (thread = the chat,
// key chat id + message id); a service message that someone joined is also
// a row of followers, the group's newcomers (SPEC, "newcomer").
//
// The layout follows Telegram Desktop's export writer
// (export_output_json.cpp): messages as {id, type (message, service or
// unsupported), date, date_unixtime, edited, edited_unixtime, from, from_id,
// reply_to_message_id, text, text_entities, ...}; service messages with
// actor, actor_id, action and the action's fields.

// telegramPlatform is the partition of Telegram's rows.
const telegramPlatform = "telegram"

// telegramReader walks result.json as a state machine over a json.Decoder,
// one message at a time.
type telegramReader struct {
	src     *Source
	js      *jsonStream
	state   tgState
	chat    tgChat
	all     bool   // the full account export: chats in chats.list
	self    string // the exporting account's from_id, from personal_information
	out     []tgItem
	err     error
	skipped int64
}

var _ Reader = (*telegramReader)(nil)
var _ Skipper = (*telegramReader)(nil)

type tgState int

const (
	tgStart    tgState = iota
	tgTop              // keys of the top object
	tgChats            // keys of chats or left_chats
	tgChatList         // the chats of chats.list
	tgInChat           // keys of one chat of chats.list
	tgMessages         // the messages of a chat
	tgEnd
)

// tgChat is the chat whose messages are being read.
type tgChat struct {
	name  string
	typ   string
	id    string
	back  tgState         // where its messages array ends: tgTop or tgInChat
	roots map[string]bool // forum topics: their topic_created message ids
	// title is name as every row of the chat points to it: one string for
	// the hundreds of thousands of messages of a big group.
	title *string
}

type tgItem struct {
	rec Record
	err error
}

func openTelegram(src *Source) Reader {
	br := bufio.NewReader(src.R)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3) // a file saved again by an editor; encoding/json reads no BOM
	}
	return &telegramReader{src: src, js: newJSONStream(src.Name, &tdEscapes{r: br})}
}

// Skipped counts the messages passed over on purpose: service messages
// that are not joins, messages Telegram could not export, and the messages
// of chats that are no community (personal, bot and saved chats).
func (r *telegramReader) Skipped() int64 { return r.skipped }

func (r *telegramReader) Next() (Record, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return nil, r.err
		}
		r.err = r.step()
	}
	it := r.out[0]
	r.out = r.out[1:]
	return it.rec, it.err
}

// step reads one token or one message, as the state says.
func (r *telegramReader) step() error {
	switch r.state {
	case tgStart:
		ok, err := r.js.open('{')
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s: %w: not a Telegram export (no top object)", r.src.Name, errStructure)
		}
		r.state = tgTop
		return nil
	case tgTop:
		return r.topKey()
	case tgChats:
		return r.chatsKey()
	case tgChatList:
		return r.nextChat()
	case tgInChat:
		return r.chatKey()
	case tgMessages:
		return r.nextMessage()
	}
	return io.EOF
}

// topKey reads a key of the top object: a single chat's fields and
// messages, or the sections of a full export.
func (r *telegramReader) topKey() error {
	k, ok, err := r.js.key()
	if err != nil || !ok {
		r.state = tgEnd
		if err == nil {
			err = io.EOF
		}
		return err
	}
	switch k {
	case "personal_information":
		return r.personal()
	case "chats", "left_chats":
		r.all = true
		ok, err := r.js.open('{')
		if ok {
			r.state = tgChats
		}
		return err
	}
	if r.chat.back == 0 {
		r.chat.back = tgTop
	}
	return r.chatField(k)
}

// chatField reads a key of a chat object: name, type, id or its messages.
func (r *telegramReader) chatField(k string) error {
	switch k {
	case "name":
		v, err := r.js.scalar()
		r.chat.name = v
		return err
	case "type":
		v, err := r.js.scalar()
		r.chat.typ = v
		return err
	case "id":
		v, err := r.js.scalar()
		r.chat.id = v
		return err
	case "messages":
		ok, err := r.js.open('[')
		if ok {
			r.startChat()
			r.state = tgMessages
		}
		return err
	}
	return r.js.skip()
}

// startChat is called when a chat's messages begin: by then its name, type
// and id are known (the export writes them first). A channel exported on
// its own is an own channel: nobody else can post in it.
func (r *telegramReader) startChat() {
	r.chat.title = optText(r.chat.name)
	if !r.all && tgChannel(r.chat.typ) && r.chat.id != "" {
		r.src.Own.Add(telegramPlatform, "channel"+r.chat.id)
	}
}

// personal reads the full export's account, the own account of every chat
// in it.
func (r *telegramReader) personal() error {
	var raw json.RawMessage
	if err := r.js.decode(&raw); err != nil {
		return err
	}
	var p struct {
		UserID jsonID `json:"user_id"`
	}
	if json.Unmarshal(raw, &p) == nil && p.UserID != "" {
		r.self = "user" + string(p.UserID)
		r.src.Own.Add(telegramPlatform, r.self)
	}
	return nil
}

func (r *telegramReader) chatsKey() error {
	k, ok, err := r.js.key()
	if err != nil {
		return err
	}
	if !ok {
		r.state = tgTop
		return nil
	}
	if k != "list" {
		return r.js.skip()
	}
	ok, err = r.js.open('[')
	if ok {
		r.state = tgChatList
	}
	return err
}

func (r *telegramReader) nextChat() error {
	if !r.js.more() {
		r.state = tgChats
		return r.js.closeList()
	}
	ok, err := r.js.open('{')
	if err != nil {
		return err
	}
	r.chat = tgChat{back: tgInChat}
	if ok {
		r.state = tgInChat
	}
	return nil
}

func (r *telegramReader) chatKey() error {
	k, ok, err := r.js.key()
	if err != nil {
		return err
	}
	if !ok {
		r.state = tgChatList
		return nil
	}
	return r.chatField(k)
}

func (r *telegramReader) nextMessage() error {
	if !r.js.more() {
		r.state = r.chat.back
		return r.js.closeList()
	}
	raw, line, err := r.js.value()
	if err != nil {
		return err
	}
	if !r.community() {
		r.skipped++
		return nil
	}
	var m tgMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		r.reject(line, raw, fmt.Errorf("unreadable message: %w", err))
		return nil
	}
	r.message(&m, raw, line)
	return nil
}

// community reports whether the chat is one whose messages are read: a
// group or a channel, or a personal chat exported on its own (a DM that
// the user chose). A full export's personal, bot and saved chats are
// someone's private life, not the community: their messages are skipped.
func (r *telegramReader) community() bool {
	switch r.chat.typ {
	case "saved_messages", "replies", "bot_chat":
		return false
	case "personal_chat":
		return !r.all
	}
	return true
}

func (r *telegramReader) reject(line int64, raw []byte, err error) {
	r.out = append(r.out, tgItem{err: &ParseError{File: r.src.Name, Line: line, Err: err, Raw: bytes.Clone(rawCut(raw, maxRaw))}})
}

// tgMessage is the part of a message the reader uses.
type tgMessage struct {
	ID           jsonID          `json:"id"`
	Type         string          `json:"type"`
	Date         string          `json:"date"`
	DateUnix     jsonID          `json:"date_unixtime"`
	Edited       string          `json:"edited"`
	EditedUnix   jsonID          `json:"edited_unixtime"`
	From         *string         `json:"from"`
	FromID       jsonID          `json:"from_id"`
	Actor        *string         `json:"actor"`
	ActorID      jsonID          `json:"actor_id"`
	Action       string          `json:"action"`
	Members      []*string       `json:"members"`
	ReplyTo      jsonID          `json:"reply_to_message_id"`
	ReplyToPeer  jsonID          `json:"reply_to_peer_id"`
	Text         json.RawMessage `json:"text"`
	TextEntities json.RawMessage `json:"text_entities"`
}

// message turns one message into its rows, a skip or a reject.
func (r *telegramReader) message(m *tgMessage, raw []byte, line int64) {
	switch m.Type {
	case "unsupported":
		r.skipped++ // Telegram Desktop wrote only its id
		return
	case "message", "service":
	default:
		r.reject(line, raw, fmt.Errorf("message type %q is not message or service", m.Type))
		return
	}
	if m.ID == "" {
		r.reject(line, raw, errors.New("message has no id"))
		return
	}
	ts, err := tgTime(m.DateUnix, m.Date)
	if err != nil {
		r.reject(line, raw, err)
		return
	}
	if m.Type == "service" {
		r.service(m, ts, line)
		return
	}
	text, links, named, err := tgText(m.Text, m.TextEntities)
	if err != nil {
		r.reject(line, raw, err)
		return
	}
	msg := r.row(m.ID, m.From, m.FromID, ts, line)
	msg.Text = &text // a photo or a sticker alone keeps an empty text
	msg.Links, msg.Mentions = links, named
	msg.Edited = tgEdited(m.EditedUnix, m.Edited)
	msg.ParentID = r.parent(m)
	r.out = append(r.out, tgItem{rec: msg})
}

// row is a conversations row of this chat with the fields every message has.
func (r *telegramReader) row(id jsonID, from *string, fromID jsonID, ts time.Time, line int64) *Message {
	author := ""
	if from != nil {
		author = *from
	}
	aid := tgPeer(fromID)
	kind := "message"
	if r.chat.typ == "personal_chat" {
		kind = "dm"
	}
	m := &Message{Line: line}
	m.Conversation = warehouse.Conversation{
		Platform:     telegramPlatform,
		Space:        r.chat.title,
		ThreadID:     r.chat.id,
		MessageID:    string(id),
		ThreadTitle:  r.chat.title,
		Author:       optText(author),
		AuthorID:     optText(aid),
		IsOwnAccount: r.own(author, aid),
		TS:           ts,
		URL:          r.link(string(id)),
		Status:       "approved",
		Kind:         kind,
	}
	return m
}

// own tells the own account's messages: every message of a channel
// exported on its own (a channel has one sender, itself); in a personal
// chat, those not by the other person; in a supergroup, those sent as the
// group itself (its anonymous admins); the full export's own account; and
// the accounts the config names (by from_id such as user123, or by name).
func (r *telegramReader) own(author, authorID string) bool {
	switch {
	case tgChannel(r.chat.typ):
		if !r.all {
			return true
		}
	case r.chat.typ == "personal_chat":
		return authorID != "" && authorID != "user"+r.chat.id
	case authorID != "" && authorID == "channel"+r.chat.id:
		return true
	}
	if r.self != "" && authorID == r.self {
		return true
	}
	return r.src.Own.Is(telegramPlatform, author, authorID)
}

// link is a message's t.me link, for channels and supergroups: t.me/c/
// opens the message for any member, public or private (a basic group's
// messages have no link).
func (r *telegramReader) link(id string) *string {
	if r.chat.id == "" || !(tgChannel(r.chat.typ) || strings.HasSuffix(r.chat.typ, "_supergroup")) {
		return nil
	}
	u := "https://t.me/c/" + r.chat.id + "/" + id
	return &u
}

// parent is the message a reply answers, when it is in this chat: a reply
// to another chat's message (reply_to_peer_id) has no parent here, and in a
// forum group every message of a topic points to the topic's creation,
// which is no message.
func (r *telegramReader) parent(m *tgMessage) *string {
	if m.ReplyTo == "" || r.chat.roots[string(m.ReplyTo)] {
		return nil
	}
	if m.ReplyToPeer != "" && tgPeer(m.ReplyToPeer) != "channel"+r.chat.id && tgPeer(m.ReplyToPeer) != "chat"+r.chat.id {
		return nil
	}
	p := string(m.ReplyTo)
	return &p
}

// tgChannel reports whether a chat type is a channel.
func tgChannel(typ string) bool { return strings.HasSuffix(typ, "_channel") }

// tgPeer is a from_id as current exports write it ("user123",
// "channel456"); exports before 2021 wrote a user's bare number.
func tgPeer(id jsonID) string {
	if id != "" && id.isInteger() {
		return "user" + string(id)
	}
	return string(id)
}

// tgTime is a message's time: date_unixtime, a string of seconds. Exports
// before 2021 have only date, the exporting computer's local time without
// a zone: it is taken as UTC, which may shift those messages by hours.
func tgTime(unix jsonID, date string) (time.Time, error) {
	if unix != "" {
		s, err := strconv.ParseInt(string(unix), 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("date_unixtime %q is not a number of seconds", string(unix))
		}
		return time.Unix(s, 0).UTC(), nil
	}
	if date == "" {
		return time.Time{}, errors.New("message has no date")
	}
	t, err := time.Parse("2006-01-02T15:04:05", date)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DDTHH:MM:SS", date)
	}
	return t, nil
}

// tgEdited: early exports (2018) wrote "edited" on every message, at the
// epoch (1970-01-01 in the exporter's zone) when it never was.
func tgEdited(unix jsonID, date string) bool {
	if unix != "" {
		return unix != "0"
	}
	return date != "" && !strings.HasPrefix(date, "1970-01-01") && !strings.HasPrefix(date, "1969-12-31")
}

// tgText is a message's text: a string, or an array of strings and
// entities ({type, text, ...}) whose texts make the message; text_entities
// (all objects) where text is missing. links are the message's links: the
// addresses behind its text links (a word linked to a page, whose address
// the text does not show) and the links written out.
func tgText(text, entities json.RawMessage) (string, []string, []string, error) {
	s, hrefs, named, err := tgTextParts(text, entities)
	if err != nil {
		return "", nil, nil, err
	}
	links := hrefs
	for _, l := range textLinks(s) {
		if !slices.Contains(links, l) {
			links = append(links, l)
		}
	}
	// Mentions: the @handles written, and the members named by a
	// mention_name entity (someone without a username, known by id): as
	// user<id>, the form of their from_id, so that a greeting by name
	// finds them.
	return s, links, append(mentions(s), named...), nil
}

func tgTextParts(text, entities json.RawMessage) (string, []string, []string, error) {
	raw := bytes.TrimSpace(text)
	if len(raw) == 0 || string(raw) == "null" {
		raw = bytes.TrimSpace(entities)
	}
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil, nil, nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, nil, nil, err
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", nil, nil, fmt.Errorf("text is neither a string nor an array: %w", err)
	}
	var b strings.Builder
	var hrefs, named []string
	for _, p := range parts {
		var s string
		if len(p) > 0 && p[0] == '"' {
			if err := json.Unmarshal(p, &s); err != nil {
				return "", nil, nil, err
			}
		} else {
			var e struct {
				Type   string          `json:"type"`
				Text   string          `json:"text"`
				Href   string          `json:"href"`
				UserID json.RawMessage `json:"user_id"`
			}
			if err := json.Unmarshal(p, &e); err != nil {
				return "", nil, nil, fmt.Errorf("text entity: %w", err)
			}
			if id := strings.Trim(string(e.UserID), `"`); e.Type == "mention_name" && id != "" && id != "null" {
				named = append(named, "user"+id)
			}
			s = e.Text
			if e.Type == "text_link" && isWebLink(e.Href) && !slices.Contains(hrefs, e.Href) {
				hrefs = append(hrefs, e.Href)
			}
		}
		b.WriteString(s)
	}
	return b.String(), hrefs, named, nil
}

// service turns a service message into a join (a conversations row of kind
// join, beside which greetings can be found, and a followers row per
// member who joined) or a counted skip (pins, title changes, calls, ...).
func (r *telegramReader) service(m *tgMessage, ts time.Time, line int64) {
	switch m.Action {
	case "invite_members", "join_group_by_link", "join_group_by_request":
	case "topic_created":
		if r.chat.roots == nil {
			r.chat.roots = map[string]bool{}
		}
		r.chat.roots[string(m.ID)] = true
		r.skipped++
		return
	default:
		r.skipped++
		return
	}
	j := r.row(m.ID, m.Actor, m.ActorID, ts, line)
	j.Kind = "join"
	r.out = append(r.out, tgItem{rec: j})
	account := r.chat.id
	if account == "" {
		account = r.chat.name
	}
	for _, mb := range tgJoined(m) {
		f := &FollowerRec{Line: line}
		f.Follower = warehouse.Follower{
			Platform:   telegramPlatform,
			Account:    account,
			FollowerID: mb.id,
			Handle:     optText(mb.name),
			FollowedAt: &ts,
		}
		r.out = append(r.out, tgItem{rec: f})
	}
}

type tgMember struct{ id, name string }

// tgJoined returns who joined by a service message. Someone who joins by a
// link or by request is the actor; invite_members lists the members by name
// only (the export gives no ids for them), except that a member who joins a
// public group alone is written as inviting themselves, and then the
// actor's id is theirs. A member known by name alone gets the id
// "name:<name>", which no Telegram id can be; a deleted account (a null
// name) cannot be told apart and is left out.
func tgJoined(m *tgMessage) []tgMember {
	actor := ""
	if m.Actor != nil {
		actor = *m.Actor
	}
	byName := func(name string) tgMember { return tgMember{"name:" + name, name} }
	if m.Action != "invite_members" {
		switch {
		case m.ActorID != "":
			return []tgMember{{tgPeer(m.ActorID), actor}}
		case actor != "":
			return []tgMember{byName(actor)}
		}
		return nil
	}
	var out []tgMember
	for _, name := range m.Members {
		switch {
		case name == nil || *name == "":
		case *name == actor && m.ActorID != "":
			out = append(out, tgMember{tgPeer(m.ActorID), actor})
		default:
			out = append(out, byName(*name))
		}
	}
	return out
}

// tdEscapes repairs the one way Telegram Desktop's JSON is not JSON: it
// writes control characters inside strings as \xHH, which it turns into
// \u00HH. Elsewhere a backslash cannot appear, so only the escape state
// inside strings is tracked.
type tdEscapes struct {
	r            io.Reader
	in, buf, out []byte
	err          error
	str, slash   bool
}

func (t *tdEscapes) Read(p []byte) (int, error) {
	for len(t.out) == 0 {
		if t.err != nil {
			return 0, t.err
		}
		if t.in == nil {
			t.in = make([]byte, 32<<10)
		}
		n, err := t.r.Read(t.in)
		t.buf = t.fix(t.buf[:0], t.in[:n])
		t.out = t.buf
		t.err = err
	}
	n := copy(p, t.out)
	t.out = t.out[n:]
	return n, nil
}

func (t *tdEscapes) fix(dst, src []byte) []byte {
	for _, c := range src {
		switch {
		case t.slash:
			t.slash = false
			if c == 'x' {
				dst = append(dst, 'u', '0', '0')
				continue
			}
		case !t.str:
			t.str = c == '"'
		case c == '\\':
			t.slash = true
		case c == '"':
			t.str = false
		}
		dst = append(dst, c)
	}
	return dst
}

// tgChatTypes are the chat types Telegram Desktop writes.
var tgChatTypes = map[string]bool{
	"saved_messages": true, "replies": true, "personal_chat": true, "bot_chat": true,
	"private_group": true, "private_supergroup": true, "public_supergroup": true,
	"private_channel": true, "public_channel": true,
}

// tgSections are the keys that follow "about" at the top of a full
// account export, in the order the export writes them.
var tgSections = map[string]bool{
	"personal_information": true, "profile_pictures": true, "stories": true,
	"contacts": true, "frequent_contacts": true, "sessions": true,
	"web_sessions": true, "other_data": true, "chats": true, "left_chats": true,
}

// detectTelegram tells a Telegram Desktop result.json by its first keys: a
// chat's name, type (one of Telegram's chat types) and id before its
// messages, or a full export's "about" followed by one of its sections.
func detectTelegram(head []byte) bool {
	dec := json.NewDecoder(&tdEscapes{r: bytes.NewReader(bytes.TrimPrefix(head, utf8BOM))})
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	typeOK, about := false, false
	for i := 0; i < 4; i++ {
		t, err := dec.Token()
		k, isKey := t.(string)
		if err != nil || !isKey {
			return false
		}
		switch {
		case about:
			return tgSections[k]
		case k == "messages":
			return typeOK
		case i == 0 && k == "about":
			about = true
		case k != "name" && k != "type" && k != "id":
			return false
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return false
		}
		if s, ok := v.(string); ok && k == "type" {
			typeOK = tgChatTypes[s]
		}
	}
	return false
}
