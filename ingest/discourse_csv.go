package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A CSV of Discourse posts, as an admin downloads it from the Data
// Explorer plugin (a query on the posts table, "Download results: CSV"):
// a header of the query's column names, then one post per record. Its
// columns are the posts table's, so the reader takes them by name, with
// the post serializer's aliases: id (or post_id), topic_id and created_at,
// and raw or cooked, are needed; post_number, reply_to_post_number,
// username, user_id, updated_at, version, topic_title (or title),
// topic_slug (or slug), staff, admin, moderator, hidden, deleted_at,
// user_deleted and post_type are read when there. Discourse's own "Download
// all" user archive (user_archive.csv) has no post ids and only one
// member's posts: it is not this kind (see the report).

// dcColumns are the column names read, each with its aliases.
var dcColumns = map[string][]string{
	"id": {"id", "post_id"}, "topic_id": {"topic_id"}, "post_number": {"post_number"},
	"reply_to_post_number": {"reply_to_post_number"}, "username": {"username"}, "user_id": {"user_id"},
	"created_at": {"created_at"}, "updated_at": {"updated_at"}, "raw": {"raw", "post_raw"},
	"cooked": {"cooked", "post_cooked"}, "topic_title": {"topic_title", "title"}, "topic_slug": {"topic_slug", "slug"},
	"staff": {"staff"}, "admin": {"admin"}, "moderator": {"moderator"}, "hidden": {"hidden"},
	"deleted_at": {"deleted_at"}, "user_deleted": {"user_deleted"}, "post_type": {"post_type"}, "version": {"version"},
}

// dcHeader maps the columns read to their index in a header, or says
// which needed one is missing.
func dcHeader(header []string) (map[string]int, error) {
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	cols := map[string]int{}
	for name, aliases := range dcColumns {
		for _, a := range aliases {
			if i, ok := at[a]; ok {
				cols[name] = i
				break
			}
		}
	}
	for _, need := range []string{"id", "topic_id", "created_at"} {
		if _, ok := cols[need]; !ok {
			return nil, fmt.Errorf("not a Discourse posts CSV: no %s column", need)
		}
	}
	_, raw := cols["raw"]
	_, cooked := cols["cooked"]
	if !raw && !cooked {
		return nil, errors.New("not a Discourse posts CSV: no raw or cooked column")
	}
	return cols, nil
}

// detectDiscourseCSV tells a Data Explorer CSV of posts by its header.
func detectDiscourseCSV(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if !bytes.Contains(line, []byte("topic_id")) {
		return false
	}
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return false
	}
	_, err = dcHeader(header)
	return err == nil
}

// discourseCSV reads the CSV as a stream: a reply goes out once the post
// it answers has been read (a query ordered by id or by topic and number
// reads parents first); the others wait until the end.
type discourseCSV struct {
	src     *Source
	cr      *csv.Reader
	cols    map[string]int
	width   int
	numbers map[string]string // topic id + "#" + post number -> post id
	held    []*dcHeld
	out     []tgItem
	err     error
	skipped int64
}

var _ Reader = (*discourseCSV)(nil)
var _ Skipper = (*discourseCSV)(nil)

func newDiscourseCSV(src *Source, br *bufio.Reader) *discourseCSV {
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	return &discourseCSV{src: src, cr: cr, numbers: map[string]string{}}
}

// Skipped counts the small-action notes (closed, pinned...).
func (r *discourseCSV) Skipped() int64 { return r.skipped }

func (r *discourseCSV) Next() (Record, error) {
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

func (r *discourseCSV) step() error {
	rec, err := r.cr.Read()
	if err == io.EOF {
		if r.cols == nil {
			return fmt.Errorf("%s: not a Discourse posts CSV: empty", r.src.Name)
		}
		r.flush()
		return io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		r.reject(int64(pe.StartLine), nil, pe.Err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", r.src.Name, err)
	}
	line, _ := r.cr.FieldPos(0)
	if r.cols == nil {
		if r.cols, err = dcHeader(rec); err != nil {
			return fmt.Errorf("%s: %w", r.src.Name, err)
		}
		r.width = len(rec)
		return nil
	}
	if len(rec) != r.width {
		r.reject(int64(line), rec, fmt.Errorf("%d fields where the header has %d", len(rec), r.width))
		return nil
	}
	r.post(rec, int64(line))
	return nil
}

func (r *discourseCSV) reject(line int64, rec []string, err error) {
	raw := []byte(strings.Join(rec, ","))
	r.out = append(r.out, tgItem{err: &ParseError{File: r.src.Name, Line: line, Err: err, Raw: rawCut(raw, maxRaw)}})
}

// post turns a record into its row, out now or held for its parent.
func (r *discourseCSV) post(rec []string, line int64) {
	p := r.record(rec)
	if p.PostType == dcSmallAction {
		r.skipped++
		return
	}
	if p.TopicID == "" {
		r.reject(line, rec, errors.New("post has no topic_id"))
		return
	}
	h, err := dcRow(p, r.src.Own, line)
	if err != nil {
		r.reject(line, rec, err)
		return
	}
	if h.number != "" {
		r.numbers[h.msg.ThreadID+"#"+h.number] = h.msg.MessageID
	}
	if n := h.answers(); n != "" {
		if _, ok := r.numbers[h.msg.ThreadID+"#"+n]; !ok {
			r.held = append(r.held, h)
			return
		}
	}
	h.finish(dcTopic{}, r.numbers)
	r.out = append(r.out, tgItem{rec: h.msg})
}

// flush gives out the replies that waited for their parents: a parent
// that never came (outside the query) leaves them without one.
func (r *discourseCSV) flush() {
	for _, h := range r.held {
		h.finish(dcTopic{}, r.numbers)
		r.out = append(r.out, tgItem{rec: h.msg})
	}
	r.held = nil
}

// record reads a CSV record as the post it describes.
func (r *discourseCSV) record(rec []string) *dcPost {
	get := func(name string) string {
		if i, ok := r.cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	text := func(name string) string { // texts keep their spaces
		if i, ok := r.cols[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	p := &dcPost{
		ID: jsonID(get("id")), TopicID: jsonID(get("topic_id")), PostNumber: jsonID(get("post_number")),
		ReplyTo: jsonID(get("reply_to_post_number")), Username: get("username"), UserID: jsonID(get("user_id")),
		CreatedAt: get("created_at"), UpdatedAt: get("updated_at"), Cooked: text("cooked"), Raw: text("raw"),
		PostType: jsonID(get("post_type")), Version: jsonID(get("version")),
		Staff: csvTrue(get("staff")), Admin: csvTrue(get("admin")), Moderator: csvTrue(get("moderator")),
		Hidden: csvTrue(get("hidden")), UserDeleted: csvTrue(get("user_deleted")),
		TopicSlug: get("topic_slug"), TopicTitle: get("topic_title"),
	}
	if d := get("deleted_at"); d != "" {
		p.DeletedAt = &d
	}
	return p
}

// csvTrue reads a boolean as PostgreSQL and spreadsheets write it.
func csvTrue(s string) bool {
	switch strings.ToLower(s) {
	case "t", "true", "yes", "1":
		return true
	}
	return false
}
