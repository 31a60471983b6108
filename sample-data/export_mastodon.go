package sampledata

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"html"
	"strconv"
	"strings"
	"time"
)

// The Mastodon archive, as Mastodon's "Request your archive" makes it: a
// .tar.gz of outbox.json (an ActivityStreams OrderedCollection, oldest
// first, with an empty "orderedItems" written before the real one, and a
// totalItems that is the account's status count, not the number of
// items), actor.json (the Person), likes.json and bookmarks.json (lists of
// URIs, which no table takes). Everything is one line of JSON.

const (
	asPublic  = "https://www.w3.org/ns/activitystreams#Public"
	mastoHost = "https://" + ownMastoHost
	actorURI  = mastoHost + "/users/" + ownMastodon
)

func mastoContext() jarr {
	return jarr{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", jobj{
		{"manuallyApprovesFollowers", "as:manuallyApprovesFollowers"}, {"sensitive", "as:sensitive"},
		{"Hashtag", "as:Hashtag"}, {"toot", "http://joinmastodon.org/ns#"}, {"Emoji", "toot:Emoji"},
		{"atomUri", "ostatus:atomUri"}, {"inReplyToAtomUri", "ostatus:inReplyToAtomUri"},
		{"conversation", "ostatus:conversation"}, {"ostatus", "http://ostatus.org#"},
		{"blurhash", "toot:blurhash"}, {"discoverable", "toot:discoverable"}, {"indexable", "toot:indexable"},
		{"memorial", "toot:memorial"}, {"votersCount", "toot:votersCount"},
	}}
}

func (c *community) mastodonArchive() ([]byte, error) {
	notes := c.byFile("mastodon")
	var items jarr
	creates := 0
	for _, m := range notes {
		if m.kind == "repost" {
			items = append(items, c.mastoAnnounce(m))
		} else {
			items = append(items, c.mastoCreate(m))
			creates++
		}
	}
	outbox := jobj{{"@context", mastoContext()}, {"id", "outbox.json"}, {"type", "OrderedCollection"},
		// The account's status count: it leaves out boosts and counts
		// statuses the archive no longer holds.
		{"totalItems", creates + 41}, {"orderedItems", jarr{}}, {"orderedItems", items}}
	files := []struct {
		name string
		v    jobj
	}{
		{"outbox.json", outbox},
		{"actor.json", c.mastoActor()},
		{"likes.json", mastoList("likes.json", c.mastoURIs(0x11e, 23))},
		{"bookmarks.json", mastoList("bookmarks.json", c.mastoURIs(0xb00, 9))},
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf) // no name and no time in the header: the same bytes every run
	tw := tar.NewWriter(zw)
	for _, f := range files {
		body := compactStyle.encode(f.v, 0)
		hdr := &tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(body)), ModTime: c.export.UTC(), Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(body); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mastoStatusURI(id string) string { return actorURI + "/statuses/" + id }

// mastoAudience is a note's to and cc for its visibility.
func mastoAudience(m *cmsg) (to, cc jarr) {
	followers := actorURI + "/followers"
	var mentioned jarr
	for _, s := range m.segs {
		if s.k == segMention {
			mentioned = append(mentioned, "https://"+s.m.server+"/users/"+s.m.handle)
		}
	}
	switch m.visibility {
	case "unlisted":
		return jarr{followers}, append(jarr{asPublic}, mentioned...)
	case "followers":
		return jarr{followers}, append(jarr{}, mentioned...)
	case "direct":
		return append(jarr{}, mentioned...), jarr{}
	default:
		return jarr{asPublic}, append(jarr{followers}, mentioned...)
	}
}

func (c *community) mastoCreate(m *cmsg) jobj {
	uri := mastoStatusURI(m.id)
	to, cc := mastoAudience(m)
	content := mastoHTML(m.segs)
	var inReplyTo any
	if m.parentID != "" {
		inReplyTo = m.parentID
	}
	var summary any
	if m.summary != "" {
		summary = m.summary
	}
	published := m.ts.UTC().Format(time.RFC3339)
	note := jobj{{"id", uri}, {"type", "Note"}, {"summary", summary}, {"inReplyTo", inReplyTo}, {"published", published}}
	if !m.edited.IsZero() {
		note = append(note, jkv{"updated", m.edited.UTC().Format(time.RFC3339)})
	}
	note = append(note,
		jkv{"url", mastoHost + "/@" + ownMastodon + "/" + m.id}, jkv{"attributedTo", actorURI},
		jkv{"to", to}, jkv{"cc", cc}, jkv{"sensitive", m.summary != ""}, jkv{"atomUri", uri}, jkv{"inReplyToAtomUri", inReplyTo},
		jkv{"conversation", "tag:" + ownMastoHost + "," + m.ts.UTC().Format("2006-01-02") + ":objectId=" + strconv.FormatUint(2190000+hashString(m.id)%800000, 10) + ":objectType=Conversation"},
		jkv{"content", content}, jkv{"contentMap", jobj{{mastodonLang(m), content}}},
		jkv{"attachment", jarr{}}, jkv{"tag", mastoTags(m.segs)},
		jkv{"replies", jobj{{"id", uri + "/replies"}, {"type", "Collection"}, {"first", jobj{{"type", "CollectionPage"},
			{"next", uri + "/replies?only_other_accounts=true&page=true"}, {"partOf", uri + "/replies"}, {"items", jarr{}}}}}},
	)
	return jobj{{"id", uri + "/activity"}, {"type", "Create"}, {"actor", actorURI}, {"published", published},
		{"to", to}, {"cc", cc}, {"object", note}}
}

func (c *community) mastoAnnounce(m *cmsg) jobj {
	author := "https://" + m.to.server + "/users/" + m.to.handle
	return jobj{{"id", mastoStatusURI(m.id) + "/activity"}, {"type", "Announce"}, {"actor", actorURI},
		{"published", m.ts.UTC().Format(time.RFC3339)}, {"to", jarr{asPublic}}, {"cc", jarr{author, actorURI + "/followers"}},
		{"object", m.parentID}}
}

// mastoHTML renders a note's content as Mastodon does: paragraphs, links
// with their scheme and tail hidden, mentions in h-cards, hashtags as tag
// links.
func mastoHTML(segs []seg) string {
	var b strings.Builder
	b.WriteString("<p>")
	for _, s := range segs {
		switch s.k {
		case segLink, segNamed:
			rest := strings.TrimPrefix(s.url, "https://")
			b.WriteString(`<a href="` + html.EscapeString(s.url) + `" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span>`)
			if len(rest) > 30 {
				b.WriteString(`<span class="ellipsis">` + html.EscapeString(rest[:30]) + `</span><span class="invisible">` + html.EscapeString(rest[30:]) + `</span></a>`)
			} else {
				b.WriteString(`<span class="">` + html.EscapeString(rest) + `</span><span class="invisible"></span></a>`)
			}
		case segMention:
			b.WriteString(`<span class="h-card" translate="no"><a href="https://` + s.m.server + `/@` + s.m.handle + `" class="u-url mention">@<span>` + s.m.handle + `</span></a></span>`)
		case segTag:
			b.WriteString(`<a href="` + mastoHost + `/tags/` + strings.ToLower(s.s) + `" class="mention hashtag" rel="tag">#<span>` + s.s + `</span></a>`)
		default:
			b.WriteString(strings.ReplaceAll(html.EscapeString(s.s), "\n", "<br />"))
		}
	}
	b.WriteString("</p>")
	return b.String()
}

func mastoTags(segs []seg) jarr {
	tags := jarr{}
	for _, s := range segs {
		switch s.k {
		case segMention:
			tags = append(tags, jobj{{"type", "Mention"}, {"href", "https://" + s.m.server + "/users/" + s.m.handle}, {"name", "@" + s.m.handle + "@" + s.m.server}})
		case segTag:
			tags = append(tags, jobj{{"type", "Hashtag"}, {"href", mastoHost + "/tags/" + strings.ToLower(s.s)}, {"name", "#" + strings.ToLower(s.s)}})
		}
	}
	return tags
}

func (c *community) mastoActor() jobj {
	key := "-----BEGIN PUBLIC KEY-----\n"
	for i := range 6 {
		key += base62(mix(0xa11ce, uint64(i)), 64) + "\n"
	}
	key += "IDAQAB\n-----END PUBLIC KEY-----\n"
	return jobj{{"@context", mastoContext()}, {"id", actorURI}, {"type", "Person"},
		{"following", actorURI + "/following"}, {"followers", actorURI + "/followers"}, {"inbox", actorURI + "/inbox"},
		{"outbox", "outbox.json"}, {"featured", actorURI + "/collections/featured"}, {"featuredTags", actorURI + "/collections/tags"},
		{"preferredUsername", ownMastodon}, {"name", blogName},
		{"summary", "<p>Go, SQL and logs. The blog of " + ownName + ". Posts in English, replies en français aussi.</p>"},
		{"url", mastoHost + "/@" + ownMastodon}, {"manuallyApprovesFollowers", false}, {"discoverable", true}, {"indexable", true},
		{"published", "2020-11-02T00:00:00Z"}, {"memorial", false},
		{"publicKey", jobj{{"id", actorURI + "#main-key"}, {"owner", actorURI}, {"publicKeyPem", key}}},
		{"tag", jarr{}},
		{"attachment", jarr{jobj{{"type", "PropertyValue"}, {"name", "Blog"}, {"value", `<a href="https://` + c.cfg.Host +
			`" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">https://</span><span class="">` + c.cfg.Host + `</span><span class="invisible"></span></a>`}}}},
		{"endpoints", jobj{{"sharedInbox", mastoHost + "/inbox"}}},
		{"icon", jobj{{"type", "Image"}, {"mediaType", "image/png"}, {"url", "avatar.png"}}},
		{"likes", "likes.json"}, {"bookmarks", "bookmarks.json"},
	}
}

func mastoList(id string, uris []string) jobj {
	items := jarr{}
	for _, u := range uris {
		items = append(items, u)
	}
	return jobj{{"@context", "https://www.w3.org/ns/activitystreams"}, {"id", id}, {"type", "OrderedCollection"}, {"orderedItems", items}}
}

// mastoURIs are statuses of others the account liked or bookmarked.
func (c *community) mastoURIs(salt uint64, n int) []string {
	var out []string
	for k := range n {
		h := mix(salt, uint64(k))
		who := xPeople[h%uint64(len(xPeople))]
		ms := c.export.UnixMilli() - int64(h>>20%(150*86400000))
		out = append(out, statusURI(who, mastodonID(ms, h)))
	}
	return out
}
