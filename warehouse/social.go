package warehouse

import (
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// The community tables: what snapshot exports (social archives, blog
// comments, forums, chats) hold. Their rows are known by a natural key
// (SPEC, "Sources"), and a newer export of the same account supersedes the
// rows of an older one: ingest merges each batch's rows into the table's
// partition and rewrites it (ingest/snapshot.go), so that a plain read of
// the files gives one row per key. The platform column comes from the
// partition path, not from the file.

// SocialPost is a row of social_posts: a post of the community's own
// account (a tweet, a toot, a share, a blog post, a video).
type SocialPost struct {
	Platform string    `parquet:"-"` // the partition
	Account  string    `parquet:"account,dict"`
	PostID   string    `parquet:"post_id"`
	TS       time.Time `parquet:"ts,timestamp(microsecond)"`
	// Kind is post, reply, repost or quote.
	Kind  string  `parquet:"kind,dict"`
	Title *string `parquet:"title,optional"` // blog posts and videos
	Text  *string `parquet:"text,optional"`
	// Lang is the language code the export gives or the text analysis
	// finds (en, fr, ...); NULL when unknown (X's und, qme, ...).
	Lang *string `parquet:"lang,optional,dict"`
	URL  *string `parquet:"url,optional"`
	// Visibility is public, unlisted, followers or direct where the
	// platform has it (Mastodon), else NULL.
	Visibility *string `parquet:"visibility,optional,dict"`
	// The post this one replies to, quotes or reposts, where known.
	InReplyToID      *string    `parquet:"in_reply_to_id,optional"`
	InReplyToTS      *time.Time `parquet:"in_reply_to_ts,optional,timestamp(microsecond)"`
	InReplyToAccount *string    `parquet:"in_reply_to_account,optional,dict"`
	RepostOf         *string    `parquet:"repost_of,optional"`
	// Counters as the export holds them; NULL where it holds none (X
	// archives have no replies count and no impressions), never 0 for
	// unknown.
	Likes       *int64 `parquet:"likes,optional"`
	Reposts     *int64 `parquet:"reposts,optional"`
	Replies     *int64 `parquet:"replies,optional"`
	Quotes      *int64 `parquet:"quotes,optional"`
	Impressions *int64 `parquet:"impressions,optional"`
	Views       *int64 `parquet:"views,optional"` // video views (YouTube)
	// Links are the post's links, expanded (X's t.co through its
	// entities); LinksOwnSite those of them that point to the own site.
	Links        []string `parquet:"links,list"`
	LinksOwnSite []string `parquet:"links_own_site,list"`
	Hashtags     []string `parquet:"hashtags,list"`
	Mentions     []string `parquet:"mentions,list"`
	// Derived by the text analysis: an own post that asks (feedback
	// asked), one that calls to join, subscribe or buy (hard sell).
	IsQuestion *bool `parquet:"is_question,optional"`
	IsHardSell *bool `parquet:"is_hard_sell,optional"`
	Edited     bool  `parquet:"edited"`

	ExportTS   time.Time `parquet:"export_ts,timestamp(millisecond)"`
	SourceFile string    `parquet:"source_file,dict"`
	SourceLine int64     `parquet:"source_line"`
	Format     string    `parquet:"format,dict"`
	Batch      string    `parquet:"batch,dict"`
}

// Conversation is a row of conversations: one message in a thread (a blog
// comment, a forum post, a chat message, a DM, a comment on a post).
type Conversation struct {
	Platform string `parquet:"-"` // the partition
	// Space is where the thread lives: the blog, the forum, the chat
	// group or channel, the DM account.
	Space     *string `parquet:"space,optional,dict"`
	ThreadID  string  `parquet:"thread_id"`
	MessageID string  `parquet:"message_id"`
	ParentID  *string `parquet:"parent_id,optional"`
	// ThreadTitle and ThreadURL: the post a comment is on, the topic's
	// title, the chat's name.
	ThreadTitle  *string   `parquet:"thread_title,optional,dict"`
	ThreadURL    *string   `parquet:"thread_url,optional,dict"`
	Author       *string   `parquet:"author,optional,dict"`
	AuthorID     *string   `parquet:"author_id,optional,dict"`
	IsOwnAccount bool      `parquet:"is_own_account"`
	TS           time.Time `parquet:"ts,timestamp(microsecond)"`
	Text         *string   `parquet:"text,optional"`
	URL          *string   `parquet:"url,optional"`
	// Status is approved, pending, spam or trash.
	Status string `parquet:"status,dict"`
	// Kind is comment, reply, pingback, trackback, dm, message or join
	// (a service message that someone joined; also in followers).
	Kind string `parquet:"kind,dict"`
	// Links and Mentions in the text (mentions lower-cased, without @):
	// a mention of a newcomer greets them, a link may point to the own
	// site.
	Links    []string `parquet:"links,list"`
	Mentions []string `parquet:"mentions,list"`
	// Derived by the text analysis; NULL until it runs.
	Lang        *string  `parquet:"lang,optional,dict"`
	IsQuestion  *bool    `parquet:"is_question,optional"`
	Sentiment   *float64 `parquet:"sentiment,optional"`
	IsComplaint *bool    `parquet:"is_complaint,optional"`
	// Of own messages only (NULL for the others): one that takes the
	// conversation out of public (DM, MP, by e-mail...), and one whose
	// tone is angry (capitals, several '!', insults), for a second look.
	MovesToPrivate *bool `parquet:"moves_to_private,optional"`
	IsAngry        *bool `parquet:"is_angry,optional"`
	Edited         bool  `parquet:"edited"`
	// AnsweredAt is when the own account first answered this message
	// (SPEC "answered"), and ResponseTimeS how long after it was written,
	// in seconds; NULL when unanswered, and for own messages, joins, spam
	// and trash. Worked out over the whole partition each time a batch
	// changes it (ingest/answered.go).
	AnsweredAt    *time.Time `parquet:"answered_at,optional,timestamp(microsecond)"`
	ResponseTimeS *int64     `parquet:"response_time_s,optional"`

	ExportTS   time.Time `parquet:"export_ts,timestamp(millisecond)"`
	SourceFile string    `parquet:"source_file,dict"`
	SourceLine int64     `parquet:"source_line"`
	Format     string    `parquet:"format,dict"`
	Batch      string    `parquet:"batch,dict"`
}

// Follower is a row of followers: a follower of an own account, or a
// member who joined an own group, as an export shows them.
type Follower struct {
	Platform   string  `parquet:"-"` // the partition
	Account    string  `parquet:"account,dict"`
	FollowerID string  `parquet:"follower_id"`
	Handle     *string `parquet:"handle,optional"`
	URL        *string `parquet:"url,optional"`
	// FollowedAt is when they followed or joined, where the export says;
	// NULL where undated (X's follower.js).
	FollowedAt *time.Time `parquet:"followed_at,optional,timestamp(microsecond)"`
	// FirstSeenExportTS is the export_ts of the oldest export that lists
	// them; ExportTS that of the export the row was last changed by (a
	// newer export that lists them unchanged leaves the row as it is).
	FirstSeenExportTS time.Time `parquet:"first_seen_export_ts,timestamp(millisecond)"`

	ExportTS   time.Time `parquet:"export_ts,timestamp(millisecond)"`
	SourceFile string    `parquet:"source_file,dict"`
	SourceLine int64     `parquet:"source_line"`
	Format     string    `parquet:"format,dict"`
	Batch      string    `parquet:"batch,dict"`
}

// Table folders of the community tables.
const (
	SocialPostsDir   = "social_posts"
	ConversationsDir = "conversations"
	FollowersDir     = "followers"
)

// SnapshotOf is a community table: TableOf with its rows' natural key and
// how two versions of one key merge.
type SnapshotOf[T any] struct {
	*TableOf[T, string]
	// NaturalKey returns a row's key within its partition (SPEC,
	// "Sources").
	NaturalKey func(row *T) string
	// ExportTime returns the export_ts of a row: of two versions of a key,
	// the one from the newer export wins.
	ExportTime func(row *T) time.Time
	// Merge, if set, is called with the winning version and the other,
	// and may carry over what the loser knew (a follower's first sight).
	Merge func(win, lose *T)
	// SetPartition sets a row's partition column from its folder's
	// values, for rows read back from the table's files.
	SetPartition func(row *T, values []string)
	// Time orders a partition's rows in its file (then the natural key).
	Time func(row *T) time.Time
	// Source returns the input a row was read from (source_file), and
	// Stamp gives it its export's time once the input is read whole.
	Source func(row *T) string
	Stamp  func(row *T, exportTS time.Time)
	// Content returns a copy of row without what says where and when it
	// was read (export_ts, source_file, ...): two versions with the same
	// content do not make a partition be rewritten.
	Content func(row T) T
}

func byPlatform(name, dir string, schema *parquet.Schema) *Table {
	return &Table{
		Name:      name,
		View:      name,
		Dir:       dir,
		Partition: []Column{{"platform", "VARCHAR"}},
		Schema:    schema,
		First:     []string{"platform"},
	}
}

func platformValues(p string) []string { return []string{p} }

// SocialPosts is social_posts/platform=<p>/, keyed by post_id: a
// platform's post ids are unique on it (a tweet's, a toot's activity URI, a
// share's URL), and an X archive's tweets do not name their account, which
// only its account.js does.
var SocialPosts = &SnapshotOf[SocialPost]{
	TableOf: &TableOf[SocialPost, string]{
		Table:  byPlatform("social_posts", SocialPostsDir, parquet.SchemaOf(SocialPost{})),
		Key:    func(r *SocialPost, _ At) string { return r.Platform },
		Values: platformValues,
	},
	NaturalKey:   func(r *SocialPost) string { return r.PostID },
	ExportTime:   func(r *SocialPost) time.Time { return r.ExportTS },
	SetPartition: func(r *SocialPost, v []string) { r.Platform = v[0] },
	Time:         func(r *SocialPost) time.Time { return r.TS },
	Source:       func(r *SocialPost) string { return r.SourceFile },
	Stamp:        func(r *SocialPost, t time.Time) { r.ExportTS = t },
	Content: func(r SocialPost) SocialPost {
		r.ExportTS, r.SourceFile, r.SourceLine, r.Format, r.Batch = time.Time{}, "", 0, "", ""
		r.Links, r.LinksOwnSite = nilIfEmpty(r.Links), nilIfEmpty(r.LinksOwnSite)
		r.Hashtags, r.Mentions = nilIfEmpty(r.Hashtags), nilIfEmpty(r.Mentions)
		return r
	},
}

// Conversations is conversations/platform=<p>/, keyed by (thread_id,
// message_id).
var Conversations = &SnapshotOf[Conversation]{
	TableOf: &TableOf[Conversation, string]{
		Table:  byPlatform("conversations", ConversationsDir, parquet.SchemaOf(Conversation{})),
		Key:    func(r *Conversation, _ At) string { return r.Platform },
		Values: platformValues,
	},
	NaturalKey:   func(r *Conversation) string { return r.ThreadID + "\x00" + r.MessageID },
	ExportTime:   func(r *Conversation) time.Time { return r.ExportTS },
	SetPartition: func(r *Conversation, v []string) { r.Platform = v[0] },
	Time:         func(r *Conversation) time.Time { return r.TS },
	Source:       func(r *Conversation) string { return r.SourceFile },
	Stamp:        func(r *Conversation, t time.Time) { r.ExportTS = t },
	Content: func(r Conversation) Conversation {
		r.ExportTS, r.SourceFile, r.SourceLine, r.Format, r.Batch = time.Time{}, "", 0, "", ""
		r.AnsweredAt, r.ResponseTimeS = nil, nil // worked out over the partition, after the merge
		r.Links, r.Mentions = nilIfEmpty(r.Links), nilIfEmpty(r.Mentions)
		return r
	},
}

// nilIfEmpty makes an empty list nil: a list read back from a file is
// empty where the row it was written from had nil, and the two must
// compare the same.
func nilIfEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Followers is followers/platform=<p>/, keyed by (account, follower_id).
// A follower keeps the first_seen_export_ts of the oldest export and the
// followed_at of any export that dates them.
var Followers = &SnapshotOf[Follower]{
	TableOf: &TableOf[Follower, string]{
		Table:  byPlatform("followers", FollowersDir, parquet.SchemaOf(Follower{})),
		Key:    func(r *Follower, _ At) string { return r.Platform },
		Values: platformValues,
	},
	// The account as handles compare (case, a leading @): the same account
	// written two ways is one.
	NaturalKey: func(r *Follower) string {
		return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(r.Account), "@")) + "\x00" + r.FollowerID
	},
	ExportTime: func(r *Follower) time.Time { return r.ExportTS },
	Merge: func(win, lose *Follower) {
		if lose.FirstSeenExportTS.Before(win.FirstSeenExportTS) {
			win.FirstSeenExportTS = lose.FirstSeenExportTS
		}
		if win.FollowedAt == nil {
			win.FollowedAt = lose.FollowedAt
		}
	},
	SetPartition: func(r *Follower, v []string) { r.Platform = v[0] },
	Source:       func(r *Follower) string { return r.SourceFile },
	Stamp:        func(r *Follower, t time.Time) { r.ExportTS, r.FirstSeenExportTS = t, t },
	Time: func(r *Follower) time.Time {
		if r.FollowedAt != nil {
			return *r.FollowedAt
		}
		return r.FirstSeenExportTS
	},
	Content: func(r Follower) Follower {
		r.ExportTS, r.SourceFile, r.SourceLine, r.Format, r.Batch = time.Time{}, "", 0, "", ""
		return r
	},
}
