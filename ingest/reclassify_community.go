package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/cmpulse/cmpulse/warehouse"
)

// CommunitySummary tells what reclassifying did to one partition of a
// community table.
type CommunitySummary struct {
	Table, Platform string
	Rows, Changed   int64
}

// ReclassifyCommunity re-derives what ingest derives of the community
// tables' rows (question, sentiment, complaint, tone, hard sell,
// links to the own sites, own messages by the accounts now named, and the
// answers over each partition) with this cmpulse's rules, in one atomic
// batch. The language stays as ingest found it: the export's own code,
// which decided it, is not kept. own adds own accounts by platform (the
// config's, --own): a
// message by one of them becomes own; none that was own stops being so
// (the archive said it). A partition that would not change is left alone.
//
// hosts are the own sites' host names besides those of the sites with
// hits (the config's sites, whose logs may not be in the warehouse).
func ReclassifyCommunity(ctx context.Context, dir string, own map[string][]string, hosts []string, dryRun bool) ([]CommunitySummary, error) {
	wh, err := warehouse.Open(dir)
	if err != nil {
		return nil, err
	}
	defer wh.Close()
	b, err := wh.Begin()
	if err != nil {
		return nil, err
	}
	defer b.Abort()
	rd := &rederive{own: NewOwn(own), rm: &rowMaker{ownHosts: siteHosts(wh.Dir(), "", hosts)}}
	var out []CommunitySummary
	posts, err := rederiveTable(ctx, b, warehouse.SocialPosts, rd.posts)
	if err != nil {
		return nil, err
	}
	msgs, err := rederiveTable(ctx, b, warehouse.Conversations, rd.messages)
	if err != nil {
		return nil, err
	}
	out = append(append(out, posts...), msgs...)
	changed := false
	for _, s := range out {
		changed = changed || s.Changed > 0
	}
	if dryRun || !changed {
		return out, nil
	}
	return out, b.Commit()
}

// rederive holds what re-deriving needs: the own accounts and hosts.
type rederive struct {
	own *Own
	rm  *rowMaker
}

// posts re-derives posts. A link ingest took for the own site's stays so:
// the hosts known now may be fewer than ingest's (a site named to ingest
// with --site, whose logs are not in), and losing them would make
// self-promotion read 0%.
func (d *rederive) posts(rows []*warehouse.SocialPost) {
	for _, r := range rows {
		for _, l := range d.rm.ownLinks(r.Links) {
			if !slices.Contains(r.LinksOwnSite, l) {
				r.LinksOwnSite = append(r.LinksOwnSite, l)
			}
		}
		derivePost(r, &d.rm.strs)
	}
}

func (d *rederive) messages(rows []*warehouse.Conversation) {
	for _, r := range rows {
		if !r.IsOwnAccount && d.own.Is(r.Platform, deref(r.Author), deref(r.AuthorID)) {
			r.IsOwnAccount, r.IsComplaint = true, nil
		}
		deriveMessage(r, &d.rm.strs)
	}
	answered(rows)
}

// rederiveTable re-derives every partition of one community table, and
// rewrites in the batch those whose rows changed.
func rederiveTable[T any](ctx context.Context, b *warehouse.Batch, t *warehouse.SnapshotOf[T], derive func([]*T)) ([]CommunitySummary, error) {
	parts, err := os.ReadDir(filepath.Join(b.Root(), t.Dir))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("listing %s: %w", t.Dir, err)
	}
	names := make([]string, 0, len(parts))
	for _, p := range parts {
		if v, ok := strings.CutPrefix(p.Name(), t.Partition[0].Name+"="); ok && p.IsDir() {
			names = append(names, v)
		}
	}
	sort.Strings(names)
	m := &merged[T]{batch: b, table: t}
	var out []CommunitySummary
	for _, p := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := m.rederivePartition(t.Values(p), derive)
		if err != nil {
			return nil, err
		}
		s.Table, s.Platform = t.Name, p
		out = append(out, s)
	}
	return out, nil
}

// rederivePartition reads a partition, derives its rows again, and
// rewrites it if any changed.
func (m *merged[T]) rederivePartition(values []string, derive func([]*T)) (CommunitySummary, error) {
	rows, files, err := m.readPartition(values)
	if err != nil || len(rows) == 0 {
		return CommunitySummary{}, err
	}
	before := make([]T, len(rows))
	copy(before, rows)
	ptrs := make([]*T, len(rows))
	for i := range rows {
		ptrs[i] = &rows[i]
	}
	derive(ptrs)
	s := CommunitySummary{Rows: int64(len(rows))}
	for i := range rows {
		if !reflect.DeepEqual(m.table.Content(before[i]), m.table.Content(rows[i])) || answerMoved(&before[i], &rows[i]) {
			s.Changed++
		}
	}
	if s.Changed == 0 {
		return s, nil
	}
	return s, m.rewrite(values, rows, nil, files)
}

// answerMoved reports whether a conversation's answer changed (Content
// leaves it out: it is worked out after a merge).
func answerMoved(a, b any) bool {
	x, ok := a.(*warehouse.Conversation)
	y, _ := b.(*warehouse.Conversation)
	if !ok || y == nil {
		return false
	}
	return !reflect.DeepEqual(x.AnsweredAt, y.AnsweredAt)
}
