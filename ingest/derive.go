package ingest

import (
	"slices"
	"strings"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/warehouse"
)

// classifier derives a hit's classification columns (is_bot, bot_name,
// bot_category, browser, os, device, channel, referrer_host,
// referrer_domain, source, keyword) from its stored raw columns. Ingest and
// reclassify both use it, so that reclassified data is what a fresh ingest
// would write. It reads only what the hits table keeps (user_agent,
// referrer, query, vhost) and the format of the input the row came from.
type classifier struct {
	referrers *classify.Referrers

	// Agents and referrers repeat: each distinct one is classified once,
	// and its columns are pointers shared by every row that has it (rows
	// are only read once made).
	agents  map[string]*agentCols
	sources map[string]*sourceCols
	strs    map[string]*string
}

// sourceCols are the columns Referrers.Classify decides.
type sourceCols struct {
	channel                       string
	host, domain, engine, keyword *string
}

// agentCols are the columns ParseAgent decides.
type agentCols struct {
	bot                 bool
	name, category      *string
	browser, os, device *string
}

func newClassifier(site string, hosts []string) *classifier {
	return &classifier{
		referrers: classify.NewReferrers(classify.Hosts(site, hosts)),
		agents:    map[string]*agentCols{},
		sources:   map[string]*sourceCols{},
		strs:      map[string]*string{},
	}
}

// derive sets the classification columns of row from its raw columns.
// format is the reader that read the row's input ("combined", "common",
// ...), for rules that depend on what a format records (a format with no
// user agent field cannot tell bots by agent); reclassify finds it in the
// ledger.
func (c *classifier) derive(row *warehouse.Hit, format string) {
	ua, ref, query, vhost := deref(row.UserAgent), deref(row.Referrer), deref(row.Query), deref(row.VHost)
	a := c.agent(ua)
	row.IsBot, row.BotName, row.BotCategory = a.bot, a.name, a.category
	row.Browser, row.OS, row.Device = a.browser, a.os, a.device
	s := c.source(ref, query, vhost)
	row.Channel, row.ReferrerHost, row.ReferrerDomain = s.channel, s.host, s.domain
	row.Source, row.Keyword = s.engine, s.keyword
}

// agent classifies a user agent, once per distinct agent.
func (c *classifier) agent(ua string) *agentCols {
	if a, ok := c.agents[ua]; ok {
		return a
	}
	p := classify.ParseAgent(ua)
	a := &agentCols{bot: p.Bot, name: c.str(p.BotName), category: c.str(p.Category),
		browser: c.str(p.Browser), os: c.str(p.OS), device: c.str(p.Device)}
	if len(c.agents) >= visitorCache {
		clear(c.agents)
	}
	c.agents[ua] = a
	return a
}

// source classifies where a request came from. The referrer alone decides
// for most requests, so that is cached; utm tags in the request's own query
// can change a direct or referral channel (utm_medium=email), which is
// looked at only when the query has such tags.
func (c *classifier) source(referrer, query, vhost string) sourceCols {
	s, ok := c.sources[referrer]
	if !ok {
		s = c.cols(c.referrers.Classify(referrer, ""))
		if len(c.sources) >= visitorCache {
			clear(c.sources)
		}
		c.sources[referrer] = s
	}
	out := *s
	if (out.channel == classify.ChannelDirect || out.channel == classify.ChannelReferral) && strings.Contains(query, "utm_") {
		out = *c.cols(c.referrers.Classify(referrer, query))
	}
	if vhost != "" && out.channel != classify.ChannelInternal && out.host != nil && strings.EqualFold(*out.host, vhost) {
		out.channel = classify.ChannelInternal // the log names the host it served
	}
	return out
}

func (c *classifier) cols(s classify.Source) *sourceCols {
	return &sourceCols{channel: s.Channel, host: c.str(s.Host), domain: c.str(s.Domain), engine: c.str(s.Engine), keyword: c.str(s.Keyword)}
}

// str returns a shared pointer to s, nil for "" (NULL). The derived
// columns take few distinct values (keywords the most), so one pointer per
// value serves every row; the map is bounded like the other caches.
func (c *classifier) str(s string) *string {
	if s == "" {
		return nil
	}
	if p, ok := c.strs[s]; ok {
		return p
	}
	if len(c.strs) >= visitorCache {
		clear(c.strs)
	}
	p := &s
	c.strs[s] = p
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
// every file of the site has it.
// The hosts are sorted: their order changes nothing.
func classificationKey(site string, hosts []string) string {
	hs := classify.Hosts(site, hosts)
	slices.Sort(hs)
	return "rules " + classify.Fingerprint() + "; hosts " + strings.Join(hs, ",")
}
