package classify

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
)

// crawlerUserAgents is data/crawler-user-agents.json as published in the npm
// package crawler-user-agents (MIT licence, (c) Martin Monperrus and
// contributors; data/LICENSE-crawler-user-agents.txt), kept byte for byte so
// that scripts/refresh-lists.sh can replace it with a newer release. Each
// entry is a regular expression for an agent plus tags ("ai-crawler",
// "monitoring", "search-engine", ...): the tags are what this package reads
// a bot's category from when its own table (knownBots) does not know it.
//
//go:embed data/crawler-user-agents.json
var crawlerUserAgents []byte

// listedBot is one entry of the crawler list, ready to match.
type listedBot struct {
	literal  string         // the pattern, when it is a plain case-sensitive string
	re       *regexp.Regexp // else the pattern
	needle   string         // a string every match contains ("" if none is known)
	name     string         // "" when the pattern reads as no name
	category string
}

// crawlerList is the crawler list, parsed once on first use: most runs of
// cmpulse never classify an agent.
var crawlerList = sync.OnceValue(loadCrawlerList)

// botList finds the entries that match an agent without trying each of
// them: a browser's agent matches none, and trying some 1,500 patterns one
// by one took longer than the rest of ParseAgent. Every entry has a needle
// (its literal, or a string that every match of its regular expression
// contains); entries are indexed by their needle's first three bytes, so
// that finding them costs one map look-up per byte of the agent. Only
// the entries whose needle is there are tried.
type botList struct {
	bots   []listedBot        // AI crawlers first, then monitoring, then the rest in list order
	byHead map[string][]int32 // entries by the first needleHead bytes of their needle
	always []int32            // entries with a shorter needle, or none: tried on every agent
}

const needleHead = 3

// tagCategories maps the list's tags to categories, strongest first: an
// entry tagged both "search-engine" and "ai-crawler" (DuckAssistBot,
// OAI-SearchBot) answers for an AI assistant, which is what the SPEC counts
// apart.
var tagCategories = []struct{ tag, category string }{
	{"ai-crawler", BotAI},
	{"monitoring", BotMonitoring},
	{"search-engine", BotSearch},
	{"seo", BotSEO},
	{"feed-reader", BotFeed},
	{"social-preview", BotSocial},
	{"http-library", BotScript},
	{"browser-automation", BotScript},
}

// categoryRank orders categories for matching: AI crawlers and monitors
// are looked for first, because an agent may also carry the name of a
// generic library or crawler.
func categoryRank(category string) int {
	switch category {
	case BotAI:
		return 0
	case BotMonitoring:
		return 1
	}
	return 2
}

func loadCrawlerList() *botList {
	var entries []struct {
		Pattern string   `json:"pattern"`
		Tags    []string `json:"tags"`
	}
	// The file is embedded and checked by TestCrawlerList: an error here
	// can only come from a broken refresh, and then the list is empty
	// rather than the program stopped.
	if err := json.Unmarshal(crawlerUserAgents, &entries); err != nil {
		return &botList{}
	}
	l := &botList{byHead: map[string][]int32{}}
	for _, e := range entries {
		if b, ok := newListedBot(e.Pattern, e.Tags); ok {
			l.bots = append(l.bots, b)
		}
	}
	sort.SliceStable(l.bots, func(i, j int) bool {
		return categoryRank(l.bots[i].category) < categoryRank(l.bots[j].category)
	})
	for i, b := range l.bots {
		if len(b.needle) < needleHead {
			l.always = append(l.always, int32(i))
			continue
		}
		head := b.needle[:needleHead]
		l.byHead[head] = append(l.byHead[head], int32(i))
	}
	return l
}

func newListedBot(pattern string, tags []string) (listedBot, bool) {
	b := listedBot{category: BotOther}
	for _, tc := range tagCategories {
		if containsString(tags, tc.tag) {
			b.category = tc.category
			break
		}
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return b, false
	}
	re = re.Simplify()
	if isPlain(re) {
		b.literal = string(re.Rune)
		b.needle = b.literal
		b.name = listedName(b.literal)
		return b, b.literal != ""
	}
	if b.re, err = regexp.Compile(pattern); err != nil {
		return b, false
	}
	// The longest plain string of a sequence is in every match:
	// "rushBot" of "S[eE][mM]rushBot".
	if re.Op == syntax.OpConcat {
		for _, sub := range re.Sub {
			if isPlain(sub) && len(string(sub.Rune)) > len(b.needle) {
				b.needle = string(sub.Rune)
			}
		}
	}
	return b, true
}

// isPlain reports whether re is a case-sensitive literal string.
func isPlain(re *syntax.Regexp) bool {
	return re.Op == syntax.OpLiteral && re.Flags&syntax.FoldCase == 0
}

// listedName makes a bot name of a literal pattern: "Googlebot/" is
// Googlebot, "; MyBot)" MyBot. A pattern that is mostly punctuation names
// nothing.
func listedName(lit string) string {
	name := strings.Trim(lit, " /;:()[]+-_.,")
	if productName(name) != name || len(name) < 2 {
		return ""
	}
	return name
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// find returns the first entry of the list that matches the agent s (as
// logged, not lower-cased: the patterns are case-sensitive), or nil.
func (l *botList) find(s string) *listedBot {
	best := int32(-1)
	try := func(i int32) {
		if best >= 0 && i >= best {
			return
		}
		if b := &l.bots[i]; b.re == nil || b.re.MatchString(s) {
			best = i
		}
	}
	for off := 0; off+needleHead <= len(s); off++ {
		for _, i := range l.byHead[s[off:off+needleHead]] {
			if strings.HasPrefix(s[off:], l.bots[i].needle) {
				try(i)
			}
		}
	}
	for _, i := range l.always {
		if strings.Contains(s, l.bots[i].needle) {
			try(i)
		}
	}
	if best < 0 {
		return nil
	}
	return &l.bots[best]
}
