package ingest

import (
	"net/url"
	"strings"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/warehouse"
)

// How the records of the community tables become rows, and how those rows
// are written (merged by natural key: snapshot_sink.go).

// snapBind is the binding of records R to the rows T of a community table.
type snapBind[R any, T any] struct {
	t   *warehouse.SnapshotOf[T]
	row func(m *rowMaker, rec R, from origin) T
	// settle, if set, works out what depends on the whole partition once
	// it is merged (conversations: answered_at), and returns how many
	// rows it changed.
	settle func(rows []*T) int
}

func (b snapBind[R, T]) table() *warehouse.Table { return b.t.Table }

func (b snapBind[R, T]) add(rows tableRows, m *rowMaker, rec any, from origin) (tableRows, bool, error) {
	return bind[R, T, string]{t: b.t.TableOf, row: b.row}.add(rows, m, rec, from)
}

func (b snapBind[R, T]) newWriter(s *sink) tableSink {
	m := newMerged(s, b.t)
	m.derive = b.settle
	return m
}

func (m *rowMaker) post(p *Post, from origin) warehouse.SocialPost {
	row := p.SocialPost
	row.SourceFile, row.SourceLine, row.Format, row.Batch = from.name, p.Line, from.format, m.batch
	row.LinksOwnSite = m.ownLinks(row.Links)
	derivePost(&row, &m.strs)
	return row
}

func (m *rowMaker) message(c *Message, from origin) warehouse.Conversation {
	row := c.Conversation
	row.SourceFile, row.SourceLine, row.Format, row.Batch = from.name, c.Line, from.format, m.batch
	if row.Status == "" {
		row.Status = "approved"
	}
	if row.Kind == "" {
		row.Kind = "message"
	}
	if row.Text != nil {
		// Readers that know them better (entities) set them; the others
		// leave them to the text.
		if row.Links == nil {
			row.Links = textLinks(*row.Text)
		}
		if row.Mentions == nil {
			row.Mentions = mentions(*row.Text)
		}
	}
	deriveMessage(&row, &m.strs)
	return row
}

func (m *rowMaker) follower(f *FollowerRec, from origin) warehouse.Follower {
	row := f.Follower
	row.SourceFile, row.SourceLine, row.Format, row.Batch = from.name, f.Line, from.format, m.batch
	return row
}

// ownLinks returns the links that point to the own site: to one of the
// host names of the sites the warehouse knows (and their www. variants).
// Decided at ingest from the hosts known then.
func (m *rowMaker) ownLinks(links []string) []string {
	var out []string
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil || u.Host == "" {
			continue
		}
		host := strings.ToLower(u.Hostname())
		for _, h := range m.ownHosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// siteHosts returns the host names of every site the warehouse in dir
// knows, and of the site being ingested: what the community's posts link to
// when they link to the own site.
func siteHosts(dir, site string, hosts []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string, extra []string) {
		for _, h := range classify.Hosts(s, extra) {
			if strings.Contains(h, ".") && !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	add(site, hosts)
	sites, _ := warehouse.Sites(dir) // a warehouse without hits has none
	for _, s := range sites {
		st, _, _ := warehouse.ReadSite(dir, s)
		add(s, st.Hosts)
	}
	return out
}
