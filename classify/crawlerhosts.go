package classify

import "strings"

// crawlerHost is a domain under which a crawler operator names the hosts its
// crawler runs on, as reverse DNS gives them (crawl-66-249-66-1.googlebot.com).
// Servers that log host names rather than addresses (Apache's HostnameLookups,
// the NASA and other traces of the 1990s) show them as the client, and in
// Common Log Format, which has no user agent, they are the one sign of a
// crawler besides robots.txt.
type crawlerHost struct {
	suffix   string // matches the domain itself or any host under it
	name     string // the bot, as knownBots names it
	category string
}

// crawlerHosts are the domains that the operators themselves give for
// verifying their crawlers by reverse DNS (facts from their documentation:
// Google's "Verifying Googlebot", Bing's "Verifying Bingbot", Yahoo's Slurp
// help page, Yandex's and Baidu's webmaster help, Apple's Applebot page,
// Amazon's Amazonbot page, Petal Search's and Sogou's webmaster pages); no
// maintained list of them is published as a package. Only domains that
// serve nothing but crawlers are listed: google.com and
// googleusercontent.com also name Google's other services and its cloud
// customers' machines.
var crawlerHosts = []crawlerHost{
	{"googlebot.com", "Googlebot", BotSearch},
	{"search.msn.com", "bingbot", BotSearch},
	{"crawl.yahoo.net", "Yahoo! Slurp", BotSearch},
	{"inktomisearch.com", "Yahoo! Slurp", BotSearch}, // Slurp's earlier home
	{"spider.yandex.com", "YandexBot", BotSearch},
	{"crawl.yandex.net", "YandexBot", BotSearch},
	{"crawl.baidu.com", "Baiduspider", BotSearch},
	{"crawl.baidu.jp", "Baiduspider", BotSearch},
	{"applebot.apple.com", "Applebot", BotSearch},
	{"crawl.amazonbot.amazon", "Amazonbot", BotAI},
	{"petalsearch.com", "PetalBot", BotSearch},
	{"crawl.sogou.com", "Sogou", BotSearch},
}

// ClientBot names the crawler that a client's host name belongs to, or
// returns "" (also for an IP address, the usual client). Its result is what
// the hits table keeps as client_bot, so that the verdict survives the
// client address, which is only stored hashed.
func ClientBot(client string) string {
	h := strings.TrimSuffix(client, ".")
	if h == "" || !isHostLetter(h[len(h)-1]) {
		return "" // an address: top-level domains end in a letter
	}
	h = strings.ToLower(h)
	for _, c := range crawlerHosts {
		if h == c.suffix || strings.HasSuffix(h, c.suffix) && h[len(h)-len(c.suffix)-1] == '.' {
			return c.name
		}
	}
	return ""
}

func isHostLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// clientBotCategory is the category of a bot named by ClientBot.
func clientBotCategory(name string) string {
	for _, c := range crawlerHosts {
		if c.name == name {
			return c.category
		}
	}
	for _, b := range knownBots {
		if b.name == name {
			return b.category
		}
	}
	return BotOther
}
