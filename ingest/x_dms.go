package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"time"
)

// The direct messages of an X archive (direct-messages.js,
// direct-messages-group.js; direct-message.js in older archives) as
// conversations rows: both sides of every conversation, the source of
// response times on X. The file is an array of
// {"dmConversation": {"conversationId", "messages": [...]}}, each message
// one of {"messageCreate": {id, senderId, recipientId, text, createdAt,
// urls, reactions, ...}} or a group event (joinConversation,
// participantsJoin, participantsLeave, conversationNameUpdate, ...), which
// are counted as skipped. A message is own when its sender is the own
// account's id: from the archive's account.js or manifest.js, or an id
// listed among the config's X accounts (a handle cannot be matched: DMs
// name their senders by id only).
//
// A conversation is read message by message, never whole: one can hold
// years of messages.

type xDMReader struct {
	xBase
	state   xDMState
	conv    string     // the current conversation's id
	waiting []*Message // messages read before their conversation's id
	queue   []xDMOut   // what Next returns before reading on
}

var _ Reader = (*xDMReader)(nil)

// xDMState is where the reader is in the file.
type xDMState int

const (
	xDMTop      xDMState = iota // in the array of conversations
	xDMElem                     // in an element: {"dmConversation": ...}
	xDMConv                     // in a dmConversation's members
	xDMMessages                 // in its messages
)

type xDMOut struct {
	rec Record
	err error
}

func openXDMs(src *Source) Reader {
	return &xDMReader{xBase: newXBase(src, "x_dms")}
}

type xDMEvent struct {
	Create *struct {
		ID          xStr   `json:"id"`
		SenderID    xStr   `json:"senderId"`
		RecipientID xStr   `json:"recipientId"`
		Text        string `json:"text"`
		CreatedAt   string `json:"createdAt"`
	} `json:"messageCreate"`
}

// Next returns the next message as a *Message.
func (r *xDMReader) Next() (Record, error) {
	if r.f == nil {
		f, err := openXFile(r.src, r.kind)
		if err != nil {
			return nil, err
		}
		r.f = f
		if err := f.open('['); err != nil {
			return nil, err
		}
	}
	for len(r.queue) == 0 {
		if r.f.done {
			return nil, io.EOF
		}
		if err := r.step(); err != nil {
			r.queue = append(r.queue, xDMOut{err: err})
		}
	}
	out := r.queue[0]
	r.queue = r.queue[1:]
	return out.rec, out.err
}

// step reads one token or value further, queueing what it yields.
func (r *xDMReader) step() error {
	dec := r.f.dec
	if !dec.More() {
		return r.close()
	}
	switch r.state {
	case xDMTop:
		return r.enter('{', xDMElem)
	case xDMElem, xDMConv:
		key, err := dec.Token()
		if err != nil {
			return r.f.broken(err)
		}
		return r.member(key)
	default:
		raw, line, err := r.value()
		if err != nil {
			return err
		}
		r.message(raw, line)
	}
	return nil
}

// close reads the closing delimiter where no value follows.
func (r *xDMReader) close() error {
	if _, err := r.f.dec.Token(); err != nil {
		return r.f.broken(err)
	}
	switch r.state {
	case xDMTop:
		r.f.done = true
	case xDMElem:
		r.state = xDMTop
	case xDMConv:
		r.endConversation()
		r.state = xDMElem
	case xDMMessages:
		r.state = xDMConv
	}
	return nil
}

// enter reads the opening delimiter d of a value and moves to state s. A
// value of another shape is passed over, and is a reject at the top,
// where each value is a conversation.
func (r *xDMReader) enter(d json.Delim, s xDMState) error {
	tok, err := r.f.dec.Token()
	if err != nil {
		return r.f.broken(err)
	}
	if tok == d {
		r.state = s
		return nil
	}
	line := r.f.lines.line(r.f.base + r.f.dec.InputOffset()) // where the token ends
	if delim, ok := tok.(json.Delim); ok {
		if err := r.skipRest(delim); err != nil {
			return err
		}
	}
	if r.state != xDMTop {
		return nil
	}
	return &ParseError{File: r.f.name, Line: line, Err: fmt.Errorf("%s where a dmConversation object belongs", xTokenKind(tok))}
}

// xTokenKind names the kind of JSON value a token starts.
func xTokenKind(tok json.Token) string {
	switch tok.(type) {
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	if tok == json.Delim('[') {
		return "an array"
	}
	return "an object"
}

// member handles a member of an element or of a dmConversation.
func (r *xDMReader) member(key json.Token) error {
	switch {
	case r.state == xDMElem && key == "dmConversation":
		r.conv = ""
		return r.enter('{', xDMConv)
	case r.state == xDMConv && key == "conversationId":
		var id xStr
		if err := r.f.dec.Decode(&id); err != nil {
			return r.f.broken(err)
		}
		r.conv = string(id)
		for _, m := range r.waiting {
			m.ThreadID = r.conv
			m.ThreadURL = xOptional("https://x.com/messages/" + r.conv)
			r.queue = append(r.queue, xDMOut{rec: m})
		}
		r.waiting = nil
		return nil
	case r.state == xDMConv && key == "messages":
		return r.enter('[', xDMMessages)
	}
	var skip json.RawMessage // a member of no use here
	if err := r.f.dec.Decode(&skip); err != nil {
		return r.f.broken(err)
	}
	return nil
}

// skipRest passes over the rest of an array or object whose opening
// delimiter was read.
func (r *xDMReader) skipRest(json.Delim) error {
	for depth := 1; depth > 0; {
		tok, err := r.f.dec.Token()
		if err != nil {
			return r.f.broken(err)
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return nil
}

// value decodes the next value and returns it with its line.
func (r *xDMReader) value() (json.RawMessage, int64, error) {
	var raw json.RawMessage
	if err := r.f.dec.Decode(&raw); err != nil {
		return nil, 0, r.f.broken(err)
	}
	return raw, r.f.lineOf(raw), nil
}

// endConversation rejects the messages of a conversation without an id.
func (r *xDMReader) endConversation() {
	for _, m := range r.waiting {
		r.queue = append(r.queue, xDMOut{err: &ParseError{File: r.f.name, Line: m.Line, Err: errors.New("message of a dmConversation without a conversationId")}})
	}
	r.waiting = nil
}

// message queues the row of a message, a reject, or a skip for an event.
func (r *xDMReader) message(raw json.RawMessage, line int64) {
	var e xDMEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		r.queue = append(r.queue, xDMOut{err: r.f.reject(raw, line, err)})
		return
	}
	if e.Create == nil {
		r.skipped++ // a group's event: a join, a leave, a new name
		return
	}
	c := e.Create
	ts, err := time.Parse(time.RFC3339, c.CreatedAt)
	switch {
	case c.ID == "":
		err = errors.New("messageCreate without an id")
	case err != nil:
		err = fmt.Errorf("createdAt %.40q: %w", c.CreatedAt, ErrBadTimestamp)
	}
	if err != nil {
		r.queue = append(r.queue, xDMOut{err: r.f.reject(raw, line, err)})
		return
	}
	m := &Message{Line: line}
	m.Platform, m.Kind, m.Status = xPlatform, "dm", "approved"
	m.MessageID, m.TS = string(c.ID), ts.UTC()
	m.AuthorID = xOptional(string(c.SenderID))
	m.Text = xOptional(html.UnescapeString(c.Text))
	account, id := r.ownAccount()
	m.Space = xOptional(account)
	if c.SenderID != "" && (string(c.SenderID) == id || r.src.Own.Is(xPlatform, string(c.SenderID))) {
		m.IsOwnAccount = true
		m.Author = xOptional(account)
	}
	if r.conv == "" {
		r.waiting = append(r.waiting, m)
		return
	}
	m.ThreadID = r.conv
	m.ThreadURL = xOptional("https://x.com/messages/" + r.conv)
	r.queue = append(r.queue, xDMOut{rec: m})
}
