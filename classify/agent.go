package classify

import (
	"strings"
	"unicode"

	"github.com/x-way/crawlerdetect"
)

// Agent is what a user agent string says about the client.
type Agent struct {
	// Bot reports whether the client is a program rather than a person's
	// browser, by the SPEC's definition (see ParseAgent).
	Bot bool
	// BotName names a bot: "Googlebot", "GPTBot", "curl", ... from the table
	// of well-known bots, else a best-effort token of the agent
	// ("archive.org_bot"), the agent itself when it is implausibly short,
	// "(empty)" for an empty agent and "(unknown)" when nothing in it reads
	// as a name. "" for browsers.
	BotName string
	// Category is, for bots, one of "search", "seo", "ai", "monitoring",
	// "script", "feed", "social", "other"; "" for browsers.
	Category string
	// Browser is one of "Chrome", "Firefox", "Safari", "Edge", "Opera",
	// "Samsung Internet", "Instagram", "Facebook" (the in-app browsers of
	// those apps, which open the links shared there), "other"; "" for bots
	// and where no agent is recorded.
	Browser string
	// OS is one of "Windows", "macOS", "Linux", "Android", "iOS",
	// "ChromeOS", "other"; "" for bots, whose agents often claim a system
	// they do not run (Googlebot's says Android).
	OS string
	// Device is one of "desktop", "mobile", "tablet", "console" (game
	// consoles), "tv" (smart TVs and TV boxes), "bot"; "" where no agent is
	// recorded.
	Device string
}

// Bot categories, as Agent.Category reports them.
const (
	BotSearch     = "search"
	BotSEO        = "seo"
	BotAI         = "ai"
	BotMonitoring = "monitoring"
	BotScript     = "script"
	BotFeed       = "feed"
	BotSocial     = "social"
	BotOther      = "other"
)

// knownBot is one well-known bot. It is recognised by a case-insensitive
// needle that must start a token of the agent (be at its start or follow a
// character other than a letter, digit, '.', '-' or '_'), so that a name
// inside another word does not count: "java/" does not match "MyJava/1.0",
// "yeti/" not "Spaghetti/2".
type knownBot struct {
	name     string
	category string
	needles  []string // lower-case; nil means strings.ToLower(name)
}

// knownBots is searched in order and the first match names the bot, so an
// agent that mentions two names gets the more specific one: AI and SEO
// crawlers before the HTTP libraries they are built on ("... Scrapy/2.11
// (+https://...)"), TelegramBot before Twitterbot (Telegram's agent says
// "like TwitterBot"). Script needles end in '/' because libraries always
// give a version and the bare words (java, php, curl) turn up elsewhere.
var knownBots = withNeedles([]knownBot{
	// search: crawlers of search engines.
	{"Googlebot", BotSearch, nil},
	{"AdsBot-Google", BotSearch, nil},
	{"Mediapartners-Google", BotSearch, nil},
	{"Google-InspectionTool", BotSearch, nil},
	{"GoogleOther", BotSearch, nil},
	{"Storebot-Google", BotSearch, nil},
	{"bingbot", BotSearch, []string{"bingbot", "bingpreview"}},
	{"msnbot", BotSearch, nil},
	{"YandexBot", BotSearch, []string{"yandexbot", "yandeximages", "yandexmobilebot"}},
	{"Baiduspider", BotSearch, nil},
	{"DuckDuckBot", BotSearch, nil},
	{"Applebot", BotSearch, nil},
	{"Sogou", BotSearch, []string{"sogou web spider", "sogou inst spider", "sogou spider"}},
	{"SeznamBot", BotSearch, nil},
	{"Qwantify", BotSearch, []string{"qwantify", "qwantbot"}},
	{"Yahoo! Slurp", BotSearch, []string{"yahoo! slurp"}},
	{"Naver Yeti", BotSearch, []string{"yeti/"}},
	{"PetalBot", BotSearch, nil},

	// ai: crawlers that feed language models or answer engines; the SPEC
	// wants them counted apart.
	{"GPTBot", BotAI, nil},
	{"ChatGPT-User", BotAI, nil},
	{"OAI-SearchBot", BotAI, nil},
	{"ClaudeBot", BotAI, nil},
	{"Claude-Web", BotAI, nil},
	{"anthropic-ai", BotAI, nil},
	{"CCBot", BotAI, nil},
	{"PerplexityBot", BotAI, nil},
	{"Perplexity-User", BotAI, nil},
	{"Bytespider", BotAI, nil},
	{"Amazonbot", BotAI, nil},
	{"Google-Extended", BotAI, nil},
	{"meta-externalagent", BotAI, nil},
	// The crawler list tags it a link preview, but Meta documents it as
	// the fetcher of its AI assistant, which is what it is mostly seen as.
	{"meta-externalfetcher", BotAI, nil},
	{"cohere-ai", BotAI, nil},
	{"Diffbot", BotAI, nil},
	{"YouBot", BotAI, nil},
	{"Timpibot", BotAI, nil},
	{"ImagesiftBot", BotAI, nil},

	// seo: link indexes and SEO tools.
	{"AhrefsBot", BotSEO, []string{"ahrefsbot", "ahrefssiteaudit"}},
	{"SemrushBot", BotSEO, nil},
	{"MJ12bot", BotSEO, nil},
	{"DotBot", BotSEO, nil},
	{"BLEXBot", BotSEO, nil},
	{"DataForSeoBot", BotSEO, nil},
	{"serpstatbot", BotSEO, nil},
	{"Barkrowler", BotSEO, nil},
	{"rogerbot", BotSEO, nil},
	{"Ezooms", BotSEO, nil},

	// monitoring: uptime checks.
	{"UptimeRobot", BotMonitoring, nil},
	{"Pingdom", BotMonitoring, nil},
	{"StatusCake", BotMonitoring, nil},
	{"Site24x7", BotMonitoring, nil},
	{"Better Uptime", BotMonitoring, []string{"better uptime", "betteruptime"}},
	{"Datadog Synthetic", BotMonitoring, []string{"datadogsynthetics", "datadog/synthetics"}},
	{"NewRelicPinger", BotMonitoring, nil},
	// Jetpack's uptime monitor, on every WordPress.com-connected blog.
	{"Jetmon", BotMonitoring, []string{"jetmon/", "jetpack site uptime monitor"}},

	// feed: feed readers polling the site's feeds.
	{"Feedly", BotFeed, nil},
	{"NewsBlur", BotFeed, nil},
	{"Inoreader", BotFeed, nil},
	{"Feedbin", BotFeed, nil},
	{"The Old Reader", BotFeed, []string{"the old reader", "theoldreader"}},
	{"FreshRSS", BotFeed, nil},
	{"Tiny Tiny RSS", BotFeed, nil},
	{"Miniflux", BotFeed, nil},
	{"NetNewsWire", BotFeed, nil},
	{"Feedfetcher-Google", BotFeed, nil},
	{"FeedBurner", BotFeed, nil},
	{"UniversalFeedParser", BotFeed, nil},

	// social: link previews fetched when someone shares a page.
	{"facebookexternalhit", BotSocial, []string{"facebookexternalhit", "facebookcatalog"}},
	{"TelegramBot", BotSocial, nil},
	{"Twitterbot", BotSocial, nil},
	{"LinkedInBot", BotSocial, nil},
	{"Slackbot", BotSocial, nil},
	{"Discordbot", BotSocial, nil},
	{"WhatsApp", BotSocial, nil},
	{"Mastodon", BotSocial, []string{"mastodon/"}},
	{"Pinterestbot", BotSocial, []string{"pinterestbot", "pinterest/"}},
	{"redditbot", BotSocial, nil},
	{"Bluesky Cardyb", BotSocial, []string{"cardyb"}},

	// script: HTTP libraries and command-line tools, and browsers driven
	// by programs.
	{"HeadlessChrome", BotScript, nil},
	{"curl", BotScript, []string{"curl/"}},
	{"Wget", BotScript, []string{"wget/"}},
	{"python-requests", BotScript, []string{"python-requests/"}},
	{"python-urllib", BotScript, []string{"python-urllib/"}},
	{"python-httpx", BotScript, []string{"python-httpx/"}},
	{"aiohttp", BotScript, []string{"aiohttp/"}},
	{"Go-http-client", BotScript, []string{"go-http-client/"}},
	{"Scrapy", BotScript, []string{"scrapy/"}},
	{"okhttp", BotScript, []string{"okhttp/"}},
	{"axios", BotScript, []string{"axios/"}},
	{"node-fetch", BotScript, []string{"node-fetch/"}},
	{"libwww-perl", BotScript, []string{"libwww-perl/"}},
	{"Apache-HttpClient", BotScript, []string{"apache-httpclient/"}},
	{"Java", BotScript, []string{"java/"}},
	{"PHP", BotScript, []string{"php/"}},
})

// withNeedles fills in the default needle, the lower-cased name, so that
// matching never lower-cases a name again.
func withNeedles(bots []knownBot) []knownBot {
	for i := range bots {
		if bots[i].needles == nil {
			bots[i].needles = []string{strings.ToLower(bots[i].name)}
		}
	}
	return bots
}

// minAgentLen is the SPEC's "implausibly short": every browser's agent is
// far longer, while "-", "x", "test" and "Java/1.8" are scripts.
const minAgentLen = 12

// ParseAgent classifies a user agent.
//
// An agent is a bot when it names a well-known bot (knownBots), when it
// breaks one of the SPEC's rules (empty; a bare "Mozilla/5.0" or
// "Mozilla/4.0 (compatible;)", which no browser sends; shorter than 12
// characters without "Mozilla"; carries a URL, "www." or an e-mail
// address, which browsers never do and crawlers do to say who runs them)
// or when one of the two maintained crawler lists matches it: the tagged
// list of the npm package crawler-user-agents (lists.go), which also gives
// the category, and that of github.com/x-way/crawlerdetect. The checks run
// in that order, cheapest first.
//
// An empty agent is a bot only where the log records agents: for formats
// that record none (Common Log Format), see Classifier.Hit.
//
// Cost: a known bot stops at the table in well under a microsecond, but a
// browser's agent must go through both crawler lists, whose patterns take
// some 60 to 100 µs; the rest of ParseAgent takes about 4 µs. Callers
// therefore cache by agent string (Classifier does): a log has a few
// thousand distinct agents, not millions.
func ParseAgent(ua string) Agent {
	s := normalAgent(ua)
	if s == "" {
		return botAgent("(empty)", BotOther)
	}
	lower := strings.ToLower(s)
	if b := findKnownBot(lower); b != nil {
		return botAgent(b.name, b.category)
	}
	if isBareMozilla(lower) {
		return botAgent(capName(strings.ToValidUTF8(s, "\uFFFD")), BotOther)
	}
	if b := crawlerList().find(s); b != nil {
		return botAgent(listedBotName(b, s, lower), b.category)
	}
	switch {
	case len(s) < minAgentLen && !strings.Contains(lower, "mozilla"):
		// The agent is its own best name; it goes into a string column,
		// so it must be UTF-8.
		return botAgent(strings.ToValidUTF8(s, "\uFFFD"), BotOther)
	case hasContact(lower), crawlerdetect.IsCrawler(s):
		return botAgent(guessBotName(s), BotOther)
	}
	sys := agentOS(lower)
	return Agent{Browser: agentBrowser(lower, sys), OS: sys, Device: agentDevice(lower)}
}

// listedBotName names a bot found by the crawler list: its pattern's name
// as the agent writes it (the pattern "exabot" matches in
// "Exabot/3.0; +http://www.exabot.com", and the bot calls itself Exabot),
// else a name guessed from the agent.
func listedBotName(b *listedBot, s, lower string) string {
	if b.name == "" {
		return guessBotName(s)
	}
	if i := strings.Index(lower, strings.ToLower(b.name)); i >= 0 && len(lower) == len(s) {
		return s[i : i+len(b.name)]
	}
	return b.name
}

// isBareMozilla reports whether a lower-cased agent is only the Mozilla
// product token, with at most a version and a comment that says nothing
// but "compatible": "Mozilla", "Mozilla/5.0", "Mozilla/4.0 (compatible;)",
// "Mozilla/5.0 (compatible)". Every browser goes on to name its system and
// engine; scripts that want to pass for a browser stop here.
func isBareMozilla(lower string) bool {
	rest, ok := strings.CutPrefix(lower, "mozilla")
	if !ok {
		return false
	}
	if r, ok := strings.CutPrefix(rest, "/"); ok {
		i := 0
		for i < len(r) && ('0' <= r[i] && r[i] <= '9' || r[i] == '.') {
			i++
		}
		rest = r[i:]
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return true
	}
	if len(rest) < 2 || rest[0] != '(' || rest[len(rest)-1] != ')' {
		return false
	}
	for _, part := range strings.Split(rest[1:len(rest)-1], ";") {
		if p := strings.TrimSpace(part); p != "" && p != "compatible" {
			return false
		}
	}
	return true
}

// capName keeps a name that is the whole agent to maxBotName bytes.
func capName(s string) string {
	if len(s) > maxBotName {
		s = strings.ToValidUTF8(s[:maxBotName], "")
	}
	return s
}

func botAgent(name, category string) Agent {
	return Agent{Bot: true, BotName: name, Category: category, Device: "bot"}
}

// normalAgent trims ua and undoes the encodings some servers log agents in:
// IIS's W3C format writes spaces as '+' and CloudFront as "%20". Only an
// agent without a single space is decoded, so a real '+' in a normal agent
// ("+http://...") stays.
func normalAgent(ua string) string {
	s := strings.TrimSpace(ua)
	if s == "-" {
		return ""
	}
	if strings.IndexByte(s, ' ') < 0 {
		if strings.Contains(s, "%20") {
			s = strings.ReplaceAll(s, "%20", " ")
		} else if strings.IndexByte(s, '+') >= 0 && len(s) >= minAgentLen {
			s = strings.ReplaceAll(s, "+", " ")
		}
	}
	return s
}

func findKnownBot(lower string) *knownBot {
	for i := range knownBots {
		for _, n := range knownBots[i].needles {
			if containsToken(lower, n) {
				return &knownBots[i]
			}
		}
	}
	return nil
}

// containsToken reports whether needle occurs in s at the start of a token.
func containsToken(s, needle string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], needle)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || !isWordByte(s[i-1]) {
			return true
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '.' || c == '-' || c == '_'
}

// hasContact reports whether a lower-cased agent carries a URL or an e-mail
// address: the SPEC's mark of a bot that says who runs it.
func hasContact(lower string) bool {
	// "://" rather than "http://": scanners send "${jndi:ldap://...}".
	if strings.Contains(lower, "://") || strings.Contains(lower, "www.") || strings.Contains(lower, "+http") {
		return true
	}
	return hasEmail(lower)
}

// hasEmail looks for name@host.tld.
func hasEmail(s string) bool {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '@')
		if i < 0 {
			return false
		}
		i += off
		if i > 0 && isWordByte(s[i-1]) {
			host := s[i+1:]
			end := 0
			for end < len(host) && isWordByte(host[end]) {
				end++
			}
			host = strings.TrimRight(host[:end], ".")
			if dot := strings.LastIndexByte(host, '.'); dot > 0 && dot < len(host)-1 {
				return true
			}
		}
		off = i + 1
	}
}

// guessBotName names a bot missing from knownBots: the first word with
// "bot", "crawler" or "spider" in it ("archive.org_bot"), else the product
// after "compatible;" ("Mozilla/5.0 (compatible; Ezooms/1.0)"), else the
// leading product of an agent that does not pretend to be Mozilla
// ("Chef Client/10.18.2"), without its version.
func guessBotName(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ';' || r == '(' || r == ')' || r == '[' || r == ']' || r == ',' || r == '+' || r == '"'
	})
	for _, w := range words {
		lw := strings.ToLower(w)
		if isContactWord(lw) {
			continue
		}
		if strings.Contains(lw, "bot") || strings.Contains(lw, "crawler") || strings.Contains(lw, "spider") {
			if name := productName(w); name != "" {
				return name
			}
		}
	}
	for i, w := range words {
		if strings.EqualFold(w, "compatible") && i+1 < len(words) {
			next := words[i+1]
			if lw := strings.ToLower(next); !isContactWord(lw) && !platformWords[lw] {
				if name := productName(next); name != "" {
					return name
				}
			}
		}
	}
	if !strings.HasPrefix(strings.ToLower(s), "mozilla") {
		end := strings.IndexAny(s, "/(;[")
		if end < 0 {
			end = len(s)
		}
		if name := productName(strings.TrimSpace(s[:end])); name != "" {
			return name
		}
	}
	return "(unknown)"
}

// platformWords follow "compatible;" in browsers' agents too, so they name
// nothing.
var platformWords = map[string]bool{
	"msie": true, "windows": true, "linux": true, "macintosh": true, "x11": true, "u": true, "mozilla": true,
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" .-_!", r)
}

func isContactWord(lw string) bool {
	return strings.Contains(lw, "://") || strings.HasPrefix(lw, "http") ||
		strings.HasPrefix(lw, "www.") || strings.Contains(lw, "@")
}

// maxBotName keeps a guessed name to something a table column can show.
const maxBotName = 64

// productName cuts the version off a product token ("Ezooms/1.0") and caps
// its length; "" if what is left has characters no product name has.
func productName(w string) string {
	if i := strings.IndexByte(w, '/'); i > 0 {
		w = w[:i]
	}
	w = strings.TrimSpace(w)
	for _, r := range w {
		if !isNameRune(r) {
			return "" // "${jndi:ldap:" is not a name
		}
	}
	if len(w) > maxBotName {
		w = w[:maxBotName]
		for len(w) > 0 && w[len(w)-1] >= 0x80 { // do not end inside a character
			w = w[:len(w)-1]
		}
	}
	return w
}

// agentOS reads the operating system. Order matters: Windows Phone agents
// also claim Android and iPhone; iOS agents say "like Mac OS X"; Android
// and ChromeOS agents say Linux.
func agentOS(lower string) string {
	switch {
	case strings.Contains(lower, "windows phone"):
		return "other"
	case strings.Contains(lower, "cros "):
		return "ChromeOS"
	case strings.Contains(lower, "android"):
		return "Android"
	case strings.Contains(lower, "iphone"), strings.Contains(lower, "ipad"), strings.Contains(lower, "ipod"):
		return "iOS"
	case strings.Contains(lower, "macintosh"), strings.Contains(lower, "mac os x"):
		// iPadOS 13 and later asks for desktop sites with a Mac agent, so
		// those iPads count as macOS; nothing in the agent tells them apart.
		return "macOS"
	case strings.Contains(lower, "windows"):
		return "Windows"
	case strings.Contains(lower, "linux"):
		return "Linux"
	}
	return "other"
}

// agentBrowser reads the browser. Every Chromium-based browser also says
// "Chrome/" and every WebKit one "Safari/", so the specific names come
// first.
func agentBrowser(lower, sys string) string {
	switch {
	// The in-app browsers of Instagram and Facebook say Safari or Chrome
	// too, and add the app's own token ("Instagram 309.0.0.40.113",
	// "FBAN/FBIOS", "FBAV/", "FB_IAB/"); Instagram's agent may carry
	// Facebook's tokens as well, so it comes first.
	case strings.Contains(lower, "instagram "):
		return "Instagram"
	case strings.Contains(lower, "fban/"), strings.Contains(lower, "fbav/"), strings.Contains(lower, "fb_iab/"):
		return "Facebook"
	// Edge: "Edg/" (Chromium Edge), "Edge/" (EdgeHTML), "EdgA/" (Android),
	// "EdgiOS/".
	case strings.Contains(lower, "edg/"), strings.Contains(lower, "edge/"),
		strings.Contains(lower, "edga/"), strings.Contains(lower, "edgios/"):
		return "Edge"
	// Opera: "OPR/" (Chromium Opera), "Opera" (Presto Opera, Opera Mini),
	// "OPT/" (Opera Touch), "OPiOS/".
	case strings.Contains(lower, "opr/"), strings.Contains(lower, "opera"),
		strings.Contains(lower, "opt/"), strings.Contains(lower, "opios/"):
		return "Opera"
	case strings.Contains(lower, "samsungbrowser/"):
		return "Samsung Internet"
	// On iOS every browser is WebKit and says Safari; Chrome and Firefox
	// mark themselves with CriOS and FxiOS.
	case strings.Contains(lower, "crios/"):
		return "Chrome"
	case strings.Contains(lower, "fxios/"):
		return "Firefox"
	// Internet Explorer is not in the list, and its agents may carry
	// "chromeframe/".
	case strings.Contains(lower, "msie "), strings.Contains(lower, "trident/"):
		return "other"
	case strings.Contains(lower, "firefox/"):
		return "Firefox"
	// Chromium (Linux distributions' build) counts as Chrome: same engine,
	// and its agent says Chrome/ as well.
	case strings.Contains(lower, "chrome/"), strings.Contains(lower, "chromium/"):
		return "Chrome"
	// Safari only on Apple systems: Android's old stock browser says
	// "Mobile Safari" without being Safari.
	case strings.Contains(lower, "safari/") && (sys == "macOS" || sys == "iOS"):
		return "Safari"
	}
	return "other"
}

// agentDevice reads the form factor. Game consoles and TVs first: their
// agents also say Windows (Xbox), Android without "Mobile" (Android TV,
// Fire TV) or Linux (Tizen, webOS), which would make them desktops or
// tablets. Then tablets: iPads say "Mobile" and Android tablets are
// Android agents without "Mobile" (Google's advice to tablet makers); then
// phones. A bare "Tablet" is not enough: old Windows agents say "Tablet PC".
func agentDevice(lower string) string {
	switch {
	case strings.Contains(lower, "playstation"), strings.Contains(lower, "xbox"), strings.Contains(lower, "nintendo"):
		return "console"
	case isTV(lower):
		return "tv"
	case strings.Contains(lower, "ipad"), strings.Contains(lower, "kindle"), strings.Contains(lower, "silk/"):
		return "tablet"
	case strings.Contains(lower, "android") && !strings.Contains(lower, "mobile"):
		return "tablet"
	case strings.Contains(lower, "iphone"), strings.Contains(lower, "ipod"),
		strings.Contains(lower, "mobi"), // "Mobile", and Opera's "Mobi"
		strings.Contains(lower, "opera mini"), strings.Contains(lower, "windows phone"):
		return "mobile"
	}
	return "desktop"
}

// tvTokens are what smart TVs and TV boxes put in their agents: the
// generic "SmartTV"/"SMART-TV" and HbbTV, the TV systems (Tizen, webOS,
// NetCast, Roku, tvOS's "AppleTV", Android TV, Google TV, Chromecast's
// "CrKey"), and makers' TV lines (Sony BRAVIA, Philips, Fire TV's "AFT"
// device codes).
var tvTokens = []string{
	"smarttv", "smart-tv", "smart tv", "hbbtv", "tizen", "webos", "web0s", "netcast", "roku",
	"appletv", "apple tv", "android tv", "googletv", "google tv", "crkey/", "bravia", "philipstv", "; aft",
}

func isTV(lower string) bool {
	for _, t := range tvTokens {
		if strings.Contains(lower, t) {
			// Tizen and webOS also ran on a few phones and watches.
			if t == "tizen" || t == "webos" {
				return !strings.Contains(lower, "mobile")
			}
			return true
		}
	}
	return false
}
