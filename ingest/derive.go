package ingest

import (
	"slices"
	"strings"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/warehouse"
)

// classifier derives a hit's classification columns (is_bot, bot_name,
// bot_category, browser, os, device, channel, referrer_host,
// referrer_domain, source, keyword) from its stored raw columns
// (user_agent, has_agent, client_bot, referrer, query, vhost), through
// classify.Classifier.Hit. Ingest and reclassify both call derive, so that
// reclassified data is what a fresh ingest would write.
type classifier struct {
	c    *classify.Classifier
	strs strSlab // backing store for the derived text columns
}

func newClassifier(site string, hosts []string) *classifier {
	return &classifier{c: classify.NewClassifier(classify.Hosts(site, hosts))}
}

// derive sets the classification columns of row from its raw columns.
func (c *classifier) derive(row *warehouse.Hit) {
	hc := c.c.Hit(classify.HitFields{
		UserAgent: deref(row.UserAgent),
		NoAgent:   !row.HasAgent,
		ClientBot: deref(row.ClientBot),
		Referrer:  deref(row.Referrer),
		Query:     deref(row.Query),
		VHost:     deref(row.VHost),
	})
	a, s := hc.Agent, hc.Source
	row.IsBot, row.BotName, row.BotCategory = a.Bot, c.str(a.BotName), c.str(a.Category)
	row.Browser, row.OS, row.Device = c.str(a.Browser), c.str(a.OS), c.str(a.Device)
	row.Channel, row.ReferrerHost, row.ReferrerDomain = s.Channel, c.str(s.Host), c.str(s.Domain)
	row.Source, row.Keyword = c.str(s.Engine), c.str(s.Keyword)
}

func (c *classifier) str(s string) *string { return c.strs.ptr(s) }

// strSlab hands out pointers to strings, nil for "" (NULL), from a slab:
// nullable text columns then cost no allocation per row. A slab is never
// reused, because rows in flight point into it.
type strSlab struct {
	strs []string
	n    int
}

func (sl *strSlab) ptr(s string) *string {
	if s == "" {
		return nil
	}
	if sl.n == len(sl.strs) {
		sl.strs = make([]string, 4*bufferRows)
		sl.n = 0
	}
	p := &sl.strs[sl.n]
	*p = s
	sl.n++
	return p
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// classificationKey names what the classification of a site's hits
// depends on: the rules (classify.Fingerprint) and the site's own hosts.
// Hits files carry it in their metadata and the site state records it once
// every file of the site has it. The hosts are sorted: their order changes
// nothing.
func classificationKey(site string, hosts []string) string {
	hs := classify.Hosts(site, hosts)
	slices.Sort(hs)
	return "rules " + classify.Fingerprint() + "; hosts " + strings.Join(hs, ",")
}
