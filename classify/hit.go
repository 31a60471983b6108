package classify

import "strings"

// HitFields are the columns of a hit that its classification is derived
// from, as the hits table stores them. Ingest fills them from a log line and
// reclassification from a stored row, so both get the same answer from
// Classifier.Hit.
type HitFields struct {
	UserAgent string // hits.user_agent; "" when NULL
	// NoAgent says that the log format records no user agent at all
	// (Common Log Format): hits.has_agent is false. It is not the same as
	// an agent logged as "-", which a Combined line has when the client
	// sent none, and which makes a bot.
	NoAgent bool
	// ClientBot is hits.client_bot: the bot that the client's host name
	// belongs to (ClientBot), decided at ingest because the client
	// address itself is not stored.
	ClientBot string
	Referrer  string // hits.referrer
	Query     string // hits.query: the request's own query string, for utm tags
	VHost     string // hits.vhost: the host the log says it served
}

// HitClass is what is derived from a hit's HitFields: the hits table's
// is_bot, bot_name, bot_category, browser, os, device (Agent) and channel,
// referrer_host, referrer_domain, source, keyword (Source).
type HitClass struct {
	Agent  Agent
	Source Source
}

// cacheSize bounds each of the classifier's caches; when one is full it is
// emptied, which costs a few re-classifications and no unbounded memory.
const cacheSize = 64 << 10

// Classifier classifies the hits of one site. Agents and referrers repeat,
// so each distinct one is classified once and remembered: ParseAgent costs
// tens of microseconds for a browser. A Classifier is not safe for
// concurrent use.
type Classifier struct {
	referrers *Referrers
	agents    map[string]Agent
	sources   map[string]Source
}

// NewClassifier returns a classifier for a site whose own host names are
// ownHosts (see Hosts and NewReferrers).
func NewClassifier(ownHosts []string) *Classifier {
	return &Classifier{
		referrers: NewReferrers(ownHosts),
		agents:    map[string]Agent{},
		sources:   map[string]Source{},
	}
}

// Hit derives a hit's classification from its stored fields.
//
// Where the format records no user agent, nothing is known of the browser
// and the hit is no bot by its agent (the SPEC: only the robots.txt rule,
// applied by the hits view, and crawler host names tell bots there). A
// client whose host name is a crawler's makes a bot in any format, unless
// its agent already named the bot.
func (c *Classifier) Hit(f HitFields) HitClass {
	var a Agent
	if !f.NoAgent {
		a = c.agent(f.UserAgent)
	}
	if !a.Bot && f.ClientBot != "" {
		a = botAgent(f.ClientBot, clientBotCategory(f.ClientBot))
	}
	return HitClass{Agent: a, Source: c.source(f)}
}

func (c *Classifier) agent(ua string) Agent {
	if a, ok := c.agents[ua]; ok {
		return a
	}
	a := ParseAgent(ua)
	if len(c.agents) >= cacheSize {
		clear(c.agents)
	}
	c.agents[ua] = a
	return a
}

// source classifies where a request came from. The referrer alone decides
// for most requests, so that is cached; utm tags in the request's own query
// can change any channel but internal (utm_medium=email), which is looked
// at only when the query has such tags.
func (c *Classifier) source(f HitFields) Source {
	s, ok := c.sources[f.Referrer]
	if !ok {
		s = c.referrers.Classify(f.Referrer, "")
		if len(c.sources) >= cacheSize {
			clear(c.sources)
		}
		c.sources[f.Referrer] = s
	}
	if s.Channel != ChannelInternal && strings.Contains(f.Query, "utm_") {
		s = c.referrers.Classify(f.Referrer, f.Query)
	}
	if f.VHost != "" && s.Channel != ChannelInternal && strings.EqualFold(s.Host, f.VHost) {
		s.Channel = ChannelInternal // the log names the host it served
	}
	return s
}
