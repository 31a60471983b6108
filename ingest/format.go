package ingest

import (
	"fmt"
	"strings"
)

// Mode is how a source's records relate to what is already in.
type Mode int

const (
	// Stream sources grow by appending (logs): the ledger skips the bytes
	// already in and reads the rest.
	Stream Mode = iota
	// Snapshot sources are whole exports of an account, each row known by
	// its natural key (SPEC, "Sources"): the ledger knows an export by the
	// hash of its whole content, and the community tables merge its rows
	// with what is in, the newer export winning (snapshot.go).
	Snapshot
)

// Kind is a kind of source: the one place a kind is named. Adding a kind
// is one entry here, its reader file and its table's schema.
type Kind struct {
	Name  string // as --format takes it and the ledger and rejects keep it
	Table string // the warehouse table its records go to
	Mode  Mode
	// Detect reports whether an input's first bytes (up to 4 KiB) are of
	// this kind. Kinds are tried in order: put the most specific first (the
	// access log variants exclude each other).
	Detect func(head []byte) bool
	// Open returns the reader of a stream input of this kind.
	Open func(name string, scan *lineScanner) Reader
	// OpenSource returns the reader of a snapshot input of this kind.
	OpenSource func(src *Source) Reader
	// ClientFirst: the kind's lines start with the client address (after
	// a vhost field, if any), which rejects mask.
	ClientFirst bool
	// NoAgent: the kind records no user agent at all, so files from before
	// the has_agent column are given has_agent false for it.
	NoAgent bool
	// Tells: the kind yields no rows but tells the other files of its
	// archive whose account it is or when it was made (X account.js and
	// manifest.js, Mastodon actor.json). It is read even when it is
	// already in (a newer archive holds the same account.js), and before
	// the other files of its folder or zip.
	Tells bool
}

// kinds are the kinds of source cmpulse reads. The access log variants share
// one parser, which decides the variant line by line; the name detection
// gives is kept in the ledger and rejects so that a user can see what was
// recognised.
var kinds = []Kind{
	{Name: "combined", Table: "hits", Mode: Stream, Detect: accessLogIs("combined"), Open: openAccessLog, ClientFirst: true},
	{Name: "common", Table: "hits", Mode: Stream, Detect: accessLogIs("common"), Open: openAccessLog, ClientFirst: true, NoAgent: true},
	{Name: "vhost_combined", Table: "hits", Mode: Stream, Detect: accessLogIs("vhost_combined"), Open: openAccessLog, ClientFirst: true},
	{Name: "vhost_common", Table: "hits", Mode: Stream, Detect: accessLogIs("vhost_common"), Open: openAccessLog, ClientFirst: true, NoAgent: true},
	// X archives (x_archive.go). x_account and x_manifest yield no rows:
	// they tell the archive's other files whose it is and when it was made.
	{Name: "x_tweets", Table: "social_posts", Mode: Snapshot, Detect: xDetect("x_tweets"), OpenSource: openXTweets},
	{Name: "x_followers", Table: "followers", Mode: Snapshot, Detect: xDetect("x_followers"), OpenSource: openXFollowers},
	{Name: "x_dms", Table: "conversations", Mode: Snapshot, Detect: xDetect("x_dms"), OpenSource: openXDMs},
	{Name: "x_account", Table: "social_posts", Mode: Snapshot, Tells: true, Detect: xDetect("x_account"), OpenSource: openXAccount},
	{Name: "x_manifest", Table: "social_posts", Mode: Snapshot, Tells: true, Detect: xDetect("x_manifest"), OpenSource: openXManifest},
	{Name: "linkedin_shares", Table: "social_posts", Mode: Snapshot, Detect: isLinkedInShares, OpenSource: openLinkedInShares},
	{Name: "linkedin_comments", Table: "conversations", Mode: Snapshot, Detect: isLinkedInComments, OpenSource: openLinkedInComments},
	{Name: "youtube_studio", Table: "social_posts", Mode: Snapshot, Detect: isYouTubeStudio, OpenSource: openYouTubeStudio},
	{Name: "mastodon_outbox", Table: "social_posts", Mode: Snapshot, Detect: isMastodonOutbox, OpenSource: openMastodonOutbox},
	{Name: "mastodon_actor", Table: "social_posts", Mode: Snapshot, Tells: true, Detect: isMastodonActor, OpenSource: openMastodonActor},
	{Name: "telegram", Table: "conversations", Mode: Snapshot, Detect: detectTelegram, OpenSource: openTelegram},
	{Name: "discourse", Table: "conversations", Mode: Snapshot, Detect: detectDiscourse, OpenSource: openDiscourse},
	// WordPress WXR: comments to conversations, published posts to social_posts.
	{Name: "wxr", Table: "conversations", Mode: Snapshot, Detect: detectWXR, OpenSource: openWXR},
	// The generic CSV kinds, known by their header row (generic_csv.go):
	// last, as the most general of the CSV kinds.
	{Name: "conversations_csv", Table: "conversations", Mode: Snapshot, Detect: detectCSV(conversationsCSV), OpenSource: openCSV(conversationsCSV)},
	{Name: "posts_csv", Table: "social_posts", Mode: Snapshot, Detect: detectCSV(postsCSV), OpenSource: openCSV(postsCSV)},
	// Meta's "Download your information" JSON (instagram.go, facebook.go):
	// each file is its own kind, told apart by its layout.
	{Name: "instagram_posts", Table: "social_posts", Mode: Snapshot, Detect: detectInstagramPosts, OpenSource: openInstagramPosts},
	{Name: "instagram_comments", Table: "conversations", Mode: Snapshot, Detect: detectInstagramComments, OpenSource: openInstagramComments},
	{Name: "instagram_followers", Table: "followers", Mode: Snapshot, Detect: detectInstagramFollowers, OpenSource: openInstagramFollowers},
	{Name: "instagram_account", Table: "social_posts", Mode: Snapshot, Tells: true, Detect: detectInstagramAccount, OpenSource: openInstagramAccount},
	{Name: "facebook_posts", Table: "social_posts", Mode: Snapshot, Detect: detectFacebookPosts, OpenSource: openFacebookPosts},
	{Name: "facebook_comments", Table: "conversations", Mode: Snapshot, Detect: detectFacebookComments, OpenSource: openFacebookComments},
	{Name: "facebook_account", Table: "social_posts", Mode: Snapshot, Tells: true, Detect: detectFacebookAccount, OpenSource: openFacebookAccount},
}

// Formats that --format accepts, from kinds.
var Formats = kindNames()

func kindNames() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return names
}

// kindOf returns the kind named name, or nil.
func kindOf(name string) *Kind {
	for i := range kinds {
		if kinds[i].Name == name {
			return &kinds[i]
		}
	}
	return nil
}

// newReader returns the reader for a named format.
func newReader(format, name string, scan *lineScanner) (Reader, error) {
	k := kindOf(format)
	if k == nil || k.Open == nil && k.OpenSource == nil {
		return nil, fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
	if k.Open == nil {
		return nil, fmt.Errorf("format %q is a snapshot kind, opened with openSource", format)
	}
	return k.Open(name, scan), nil
}

// detect names the format of an input, or returns "" when no reader knows it.
func detect(head []byte) string {
	for _, k := range kinds {
		if k.Detect != nil && k.Detect(head) {
			return k.Name
		}
	}
	return ""
}

// TableOf returns the table that the kind named format writes, "" for an
// unknown kind or a container.
func TableOf(format string) string {
	if k := kindOf(format); k != nil {
		return k.Table
	}
	return ""
}

// IsContainer reports whether format names an archive (whose summary
// counts entries, not records).
func IsContainer(format string) bool { return format == containerZip || format == containerTar }

// tells reports whether an input whose first bytes are head is of a kind
// that Tells.
func tells(head []byte) bool {
	k := kindOf(detect(head))
	return k != nil && k.Tells
}
