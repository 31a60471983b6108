package ingest

import (
	"io"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// The records of snapshot kinds (SPEC, "Sources"): exports of an account or
// a community space. Their readers are opened on a Source rather than on a
// line scanner, since their records are JSON values, XML items or CSV
// records that span lines. A reader sets every column it knows except the
// bookkeeping ones (export_ts, source_file, format, batch), which ingest
// sets; Line is the record's position (a line, or the record's number from
// 1 where lines mean nothing, as in one-line JSON).

// Post is a record of social_posts.
type Post struct {
	warehouse.SocialPost
	Line int64
}

// Message is a record of conversations.
type Message struct {
	warehouse.Conversation
	Line int64
}

// FollowerRec is a record of followers.
type FollowerRec struct {
	warehouse.Follower
	Line int64
}

func (p *Post) Table() string            { return warehouse.SocialPosts.Name }
func (p *Post) Position() int64          { return p.Line }
func (m *Message) Table() string         { return warehouse.Conversations.Name }
func (m *Message) Position() int64       { return m.Line }
func (f *FollowerRec) Table() string     { return warehouse.Followers.Name }
func (f *FollowerRec) Position() int64   { return f.Line }
func (p *Post) recordTime() time.Time    { return p.TS }
func (m *Message) recordTime() time.Time { return m.TS }
func (f *FollowerRec) recordTime() time.Time {
	if f.FollowedAt != nil {
		return *f.FollowedAt
	}
	return time.Time{}
}

// Source is a snapshot input as its reader gets it.
type Source struct {
	Name    string    // as shown to the user: a path, or archive.zip!data/tweets.js
	R       io.Reader // the content, decompressed
	ModTime time.Time // of the file or archive entry; zero when unknown (stdin)
	Own     *Own      // the own accounts: readers that learn one add it
}

// ExportTimer is implemented by snapshot readers whose export says when it
// was made (an archive's manifest, a generation date). Ingest asks after the
// last record; without it, an export's time is its latest record's, else
// the file's modification time (SPEC, "Sources").
type ExportTimer interface {
	ExportTime() (time.Time, bool)
}

// Skipper is implemented by readers that pass over records on purpose
// (service messages that are not joins, an archive file's parts that are
// no table's): Skipped is their count after the last record, so that
// rows + skips + rejects = records.
type Skipper interface {
	Skipped() int64
}

// Own is who the community's own accounts are, per platform: from the
// config (handles, blog author names and e-mails) and from the archives
// (X account.js, Mastodon actor.json), which add the account they belong
// to as they are read. Handles are compared normalised: lower case, without
// a leading @.
type Own struct {
	handles map[string][]string        // platform -> handles in the order added
	set     map[string]map[string]bool // platform -> normalised handle
}

// NewOwn returns the own accounts named in the config, by platform.
func NewOwn(byPlatform map[string][]string) *Own {
	o := &Own{handles: map[string][]string{}, set: map[string]map[string]bool{}}
	for p, hs := range byPlatform {
		for _, h := range hs {
			o.Add(p, h)
		}
	}
	return o
}

// NormalHandle is a handle as Own compares it.
func NormalHandle(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "@"))
}

// Add records h (a handle, an account id, a name or an e-mail) as an own
// account on platform.
func (o *Own) Add(platform, h string) {
	n := NormalHandle(h)
	if n == "" {
		return
	}
	if o.set[platform] == nil {
		o.set[platform] = map[string]bool{}
	}
	if !o.set[platform][n] {
		o.set[platform][n] = true
		o.handles[platform] = append(o.handles[platform], strings.TrimPrefix(strings.TrimSpace(h), "@"))
	}
}

// Is reports whether any of ids (handles, ids, names, e-mails of one
// author) is an own account on platform.
func (o *Own) Is(platform string, ids ...string) bool {
	if o == nil {
		return false
	}
	for _, id := range ids {
		if n := NormalHandle(id); n != "" && o.set[platform][n] {
			return true
		}
	}
	return false
}

// Account returns the first own account known on platform, "" if none.
func (o *Own) Account(platform string) string {
	if o == nil || len(o.handles[platform]) == 0 {
		return ""
	}
	return o.handles[platform][0]
}
