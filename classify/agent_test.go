package classify

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func bot(name, category string) Agent {
	return Agent{Bot: true, BotName: name, Category: category, Device: "bot"}
}

func browser(b, os, device string) Agent {
	return Agent{Browser: b, OS: os, Device: device}
}

// agentTests come from three places: agents seen in the sample logs under
// ../shared/data/real/weblogs/ (marked "sample:"), the published agents of
// well-known bots, and current browsers' agents.
var agentTests = []struct {
	name string
	ua   string
	want Agent
}{
	// Bots named by the table.
	{"sample: Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", bot("Googlebot", BotSearch)},
	{"sample: Googlebot smartphone claims iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 6_0 like Mac OS X) AppleWebKit/536.26 (KHTML, like Gecko) Version/6.0 Mobile/10A5376e Safari/8536.25 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", bot("Googlebot", BotSearch)},
	{"sample: Googlebot-Image", "Googlebot-Image/1.0", bot("Googlebot", BotSearch)},
	{"sample: bingbot in IIS plus form", "Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)", bot("bingbot", BotSearch)},
	{"sample: bingbot inside a Chrome agent", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", bot("bingbot", BotSearch)},
	{"sample: YandexBot", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", bot("YandexBot", BotSearch)},
	{"sample: Baiduspider", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", bot("Baiduspider", BotSearch)},
	{"sample: Yahoo Slurp", "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", bot("Yahoo! Slurp", BotSearch)},
	{"sample: Sogou", "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)", bot("Sogou", BotSearch)},
	{"sample: msnbot", "msnbot/2.0b (+http://search.msn.com/msnbot.htm)", bot("msnbot", BotSearch)},
	{"DuckDuckBot", "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", bot("DuckDuckBot", BotSearch)},
	{"Applebot pretending to be Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", bot("Applebot", BotSearch)},
	{"Naver Yeti", "Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)", bot("Naver Yeti", BotSearch)},
	{"PetalBot", "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)", bot("PetalBot", BotSearch)},

	{"sample: AhrefsBot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", bot("AhrefsBot", BotSEO)},
	{"sample: MJ12bot", "Mozilla/5.0 (compatible; MJ12bot/v1.4.4; http://www.majestic12.co.uk/bot.php?+)", bot("MJ12bot", BotSEO)},
	{"sample: Ezooms with only an e-mail", "Mozilla/5.0 (compatible; Ezooms/1.0; help@moz.com)", bot("Ezooms", BotSEO)},
	{"SemrushBot", "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", bot("SemrushBot", BotSEO)},
	{"DataForSeoBot", "Mozilla/5.0 (compatible; DataForSeoBot/1.0; +https://dataforseo.com/dataforseo-bot)", bot("DataForSeoBot", BotSEO)},

	{"GPTBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)", bot("GPTBot", BotAI)},
	{"ChatGPT-User", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot", bot("ChatGPT-User", BotAI)},
	{"OAI-SearchBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-SearchBot/1.0; +https://openai.com/searchbot", bot("OAI-SearchBot", BotAI)},
	{"ClaudeBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", bot("ClaudeBot", BotAI)},
	{"CCBot", "CCBot/2.0 (https://commoncrawl.org/faq/)", bot("CCBot", BotAI)},
	{"PerplexityBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)", bot("PerplexityBot", BotAI)},
	{"Bytespider claims Android", "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)", bot("Bytespider", BotAI)},
	{"Amazonbot", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot)", bot("Amazonbot", BotAI)},
	{"meta-externalagent names facebook.com but is AI", "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)", bot("meta-externalagent", BotAI)},

	{"UptimeRobot", "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", bot("UptimeRobot", BotMonitoring)},
	{"Pingdom", "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", bot("Pingdom", BotMonitoring)},
	{"Datadog", "Datadog/Synthetics", bot("Datadog Synthetic", BotMonitoring)},

	{"sample: Tiny Tiny RSS", "Tiny Tiny RSS/1.11 (http://tt-rss.org/)", bot("Tiny Tiny RSS", BotFeed)},
	{"sample: Feedbin without URL", "Feedbin - 1 subscribers", bot("Feedbin", BotFeed)},
	{"sample: Feedly", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)", bot("Feedly", BotFeed)},
	{"sample: The Old Reader", "Mozilla/5.0 (compatible; theoldreader.com; 2 subscribers; feed-id=2e78188bde2b643b822a26d6)", bot("The Old Reader", BotFeed)},
	{"sample: UniversalFeedParser", "UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/", bot("UniversalFeedParser", BotFeed)},
	{"Miniflux", "Mozilla/5.0 (compatible; Miniflux/2.0.51; +https://miniflux.app)", bot("Miniflux", BotFeed)},

	{"sample: facebookexternalhit, whose URL ends in .php", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", bot("facebookexternalhit", BotSocial)},
	{"sample: Twitterbot", "Twitterbot/1.0", bot("Twitterbot", BotSocial)},
	{"TelegramBot says like TwitterBot", "TelegramBot (like TwitterBot)", bot("TelegramBot", BotSocial)},
	{"Slackbot", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", bot("Slackbot", BotSocial)},
	{"Mastodon instance fetching a preview", "http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)", bot("Mastodon", BotSocial)},
	{"Bluesky", "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)", bot("Bluesky Cardyb", BotSocial)},
	{"WhatsApp", "WhatsApp/2.23.20.0", bot("WhatsApp", BotSocial)},

	{"sample: curl", "curl/7.46.0", bot("curl", BotScript)},
	{"sample: Wget", "Wget/1.12 (linux-gnu)", bot("Wget", BotScript)},
	{"sample: python-requests", "python-requests/1.2.0 CPython/2.7.4 Linux/3.8.0-33-generic", bot("python-requests", BotScript)},
	{"sample: Python-urllib", "Python-urllib/2.7", bot("python-urllib", BotScript)},
	{"sample: libwww-perl after LWP", "LWP::Simple/5.827 libwww-perl/5.833", bot("libwww-perl", BotScript)},
	{"sample: PHP after a URL", "HTTP_Request2/2.1.1 (http://pear.php.net/package/http_request2) PHP/5.3.2-1ubuntu4.18", bot("PHP", BotScript)},
	{"sample: HeadlessChrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/117.0.5938.60 Safari/537.36", bot("HeadlessChrome", BotScript)},
	{"Go-http-client", "Go-http-client/1.1", bot("Go-http-client", BotScript)},
	{"Java", "Java/1.8.0_392", bot("Java", BotScript)},
	{"aiohttp", "Python/3.11 aiohttp/3.9.1", bot("aiohttp", BotScript)},
	{"Scrapy", "Scrapy/2.11.0 (+https://scrapy.org)", bot("Scrapy", BotScript)},

	// Bots by the crawler list or the SPEC's rules, named best-effort.
	{"sample: archive.org_bot", "Mozilla/5.0 (compatible; archive.org_bot +http://www.archive.org/details/archive.org_bot)", bot("archive.org_bot", BotOther)},
	{"sample: Exabot, named as it writes itself", "Mozilla/5.0 (compatible; Exabot/3.0; +http://www.exabot.com/go/robot)", bot("Exabot", BotSearch)},
	{"sample: Chef Client named by its product", "Chef Client/10.18.2 (ruby-1.9.3-p327; ohai-6.16.0; x86_64-linux; +http://opscode.com)", bot("Chef Client", BotOther)},
	{"sample: Embedly, a link preview by the list's tags", "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)", bot("Embedly", BotSocial)},
	{"sample: MSIE with a URL is no name", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; http://www.tropicdesigns.net)", bot("(unknown)", BotOther)},
	{"sample: NerdyBot", "NerdyBot", bot("NerdyBot", BotOther)},
	{"sample: log4shell probe carries a URL", "${jndi:ldap://${java:version}.domain/a}", bot("(unknown)", BotOther)},
	{"sample: short query junk", "&as_qdr=all", bot("&as_qdr=all", BotOther)},
	{"URL only", "Mozilla/5.0 (compatible; +https://example.org/about-our-fetcher)", bot("(unknown)", BotOther)},
	{"e-mail only", "SiteChecker 2.1 (ops@example.org)", bot("SiteChecker 2.1", BotOther)},
	{"empty", "", bot("(empty)", BotOther)},
	{"dash", "-", bot("(empty)", BotOther)},
	{"blank", "   ", bot("(empty)", BotOther)},
	{"one letter", "x", bot("x", BotOther)},
	{"short and not UTF-8", "ab\xffcd", bot("ab\uFFFDcd", BotOther)},

	// Browsers.
	{"sample: Chrome on Windows 7", "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36", browser("Chrome", "Windows", "desktop")},
	{"sample: Chrome on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36", browser("Chrome", "macOS", "desktop")},
	{"sample: Ubuntu Chromium", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/32.0.1700.102 Chrome/32.0.1700.102 Safari/537.36", browser("Chrome", "Linux", "desktop")},
	{"sample: Chrome in IIS plus form", "Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+10_9_4)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/36.0.1985.125+Safari/537.36", browser("Chrome", "macOS", "desktop")},
	{"sample: Chrome in CloudFront %20 form", "Mozilla/5.0%20(X11;%20Linux%20x86_64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/77.0.3865.75%20Safari/537.36", browser("Chrome", "Linux", "desktop")},
	{"sample: Firefox on Windows", "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:27.0) Gecko/20100101 Firefox/27.0", browser("Firefox", "Windows", "desktop")},
	{"sample: Firefox on Ubuntu", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:27.0) Gecko/20100101 Firefox/27.0", browser("Firefox", "Linux", "desktop")},
	{"sample: Safari on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.73.11 (KHTML, like Gecko) Version/7.0.1 Safari/537.73.11", browser("Safari", "macOS", "desktop")},
	{"sample: Safari on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53", browser("Safari", "iOS", "mobile")},
	{"sample: iPad is a tablet though it says Mobile", "Mozilla/5.0 (iPad; CPU OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53", browser("Safari", "iOS", "tablet")},
	{"sample: Chrome on Android phone", "Mozilla/5.0 (Linux; Android 4.4.2; Nexus 4 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.99 Mobile Safari/537.36", browser("Chrome", "Android", "mobile")},
	{"sample: Android stock browser is not Safari", "Mozilla/5.0 (Linux; U; Android 4.0.4; en-us; LG-MS770 Build/IMM76I) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30", browser("other", "Android", "mobile")},
	{"sample: Android without Mobile is a tablet", "Mozilla/5.0 (Linux; U; Android 4.1.2; it-it; GT-P3100 Build/JZO54K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30", browser("other", "Android", "tablet")},
	{"sample: Chrome on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) CriOS/32.0.1700.21 Mobile/11B554a Safari/9537.53", browser("Chrome", "iOS", "mobile")},
	{"sample: Opera Presto", "Opera/9.80 (X11; Linux x86_64) Presto/2.12.388 Version/12.16", browser("Opera", "Linux", "desktop")},
	{"sample: Opera Mini on iPhone", "Opera/9.80 (iPhone; Opera Mini/7.0.3/34.1244; U; de) Presto/2.8.119 Version/11.10", browser("Opera", "iOS", "mobile")},
	{"sample: IE with chromeframe is not Chrome", "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0; chromeframe/19.0.1084.52)", browser("other", "Windows", "desktop")},
	{"sample: IE 11", "Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko", browser("other", "Windows", "desktop")},
	{"sample: Windows Phone", "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; Touch; NOKIA; Lumia 920)", browser("other", "other", "mobile")},
	{"sample: Chrome on FreeBSD", "Mozilla/5.0 (X11; FreeBSD amd64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/30.0.1599.101 Safari/537.36", browser("Chrome", "other", "desktop")},
	{"sample: Chrome in an ALB log", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.169 Safari/537.36", browser("Chrome", "Windows", "desktop")},
	{"Chrome 124 on Windows 10", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", browser("Chrome", "Windows", "desktop")},
	{"Edge says Chrome too", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0", browser("Edge", "Windows", "desktop")},
	{"Edge on Android", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.0.0", browser("Edge", "Android", "mobile")},
	{"Opera says Chrome too", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0", browser("Opera", "Windows", "desktop")},
	{"Samsung Internet says Chrome too", "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36", browser("Samsung Internet", "Android", "mobile")},
	{"Firefox on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15", browser("Firefox", "iOS", "mobile")},
	{"Safari 17 on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", browser("Safari", "macOS", "desktop")},
	{"Firefox on Android tablet", "Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0", browser("Firefox", "Android", "tablet")},
	{"Firefox on Android phone", "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0", browser("Firefox", "Android", "mobile")},
	{"Chrome on Android tablet", "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", browser("Chrome", "Android", "tablet")},
	{"Chrome on ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", browser("Chrome", "ChromeOS", "desktop")},

	// Bare Mozilla agents: scripts that want to pass for a browser.
	{"bare Mozilla/5.0", "Mozilla/5.0", bot("Mozilla/5.0", BotOther)},
	{"bare Mozilla/4.0", "Mozilla/4.0", bot("Mozilla/4.0", BotOther)},
	{"Mozilla alone", "Mozilla", bot("Mozilla", BotOther)},
	{"Mozilla/4.0 (compatible;)", "Mozilla/4.0 (compatible;)", bot("Mozilla/4.0 (compatible;)", BotOther)},
	{"Mozilla/5.0 (compatible)", "Mozilla/5.0 (compatible)", bot("Mozilla/5.0 (compatible)", BotOther)},
	{"Mozilla/5.0 (compatible; ) with spaces", " Mozilla/5.0 ( compatible ; ) ", bot("Mozilla/5.0 ( compatible ; )", BotOther)},
	{"Mozilla/5.0 ()", "Mozilla/5.0 ()", bot("Mozilla/5.0 ()", BotOther)},
	{"old IE says only Mozilla and a comment, and is a browser", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", browser("other", "Windows", "desktop")},

	// The newer AI crawlers and assistants' fetchers, from the crawler
	// list's "ai-crawler" tag (instances published in the list).
	{"Claude-User", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Claude-User/1.0; +Claude-User@anthropic.com)", bot("Claude-User", BotAI)},
	{"Claude-SearchBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Claude-SearchBot/1.0; +https://www.anthropic.com)", bot("Claude-SearchBot", BotAI)},
	{"DuckAssistBot, tagged search and AI", "DuckAssistBot/1.2; (+http://duckduckgo.com/duckassistbot.html)", bot("DuckAssistBot", BotAI)},
	{"MistralAI-User", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; MistralAI-User/1.0; +https://docs.mistral.ai/robots)", bot("MistralAI-User", BotAI)},
	{"Google-CloudVertexBot claims Android Chrome", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/W.X.Y.Z Mobile Safari/537.36 (compatible; Google-CloudVertexBot; +https://cloud.google.com/enterprise-search)", bot("Google-CloudVertexBot", BotAI)},
	{"Perplexity-User", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Perplexity-User/1.0; +https://perplexity.ai/perplexity-user)", bot("Perplexity-User", BotAI)},
	{"meta-externalfetcher, a link preview to the list, AI to Meta", "meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)", bot("meta-externalfetcher", BotAI)},
	{"jetmon, Jetpack's uptime monitor", "jetmon/1.0 (Jetpack Site Uptime Monitor by WordPress.com)", bot("Jetmon", BotMonitoring)},

	// In-app browsers.
	{"Instagram in-app on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 327.1.6.30.88 (iPhone14,5; iOS 17_4; en_US; en; scale=3.00; 1170x2532; 590971025)", browser("Instagram", "iOS", "mobile")},
	{"Instagram in-app on Android", "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240305.019; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.99 Mobile Safari/537.36 Instagram 326.0.0.42.90 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 585451239)", browser("Instagram", "Android", "mobile")},
	{"Facebook in-app on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/458.0.0.38.108;FBBV/579939489;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/581327164]", browser("Facebook", "iOS", "mobile")},
	{"Facebook in-app on Android", "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.118 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/457.0.0.57.98;]", browser("Facebook", "Android", "mobile")},

	// Game consoles and TVs are neither desktops nor tablets.
	{"PlayStation 5", "Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15", browser("other", "other", "console")},
	{"PlayStation 4", "Mozilla/5.0 (PlayStation 4 3.11) AppleWebKit/537.73 (KHTML, like Gecko)", browser("other", "other", "console")},
	{"Xbox One says Windows and Edge", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.74 Safari/537.36 Edg/79.0.309.43", browser("Edge", "Windows", "console")},
	{"Nintendo Switch", "Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393", browser("other", "other", "console")},
	{"Samsung Tizen TV", "Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36", browser("other", "Linux", "tv")},
	{"LG webOS TV", "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager", browser("Chrome", "Linux", "tv")},
	{"Sony BRAVIA Android TV", "Mozilla/5.0 (Linux; Android 9; BRAVIA 4K UR2 Build/PTT1.190515.001.S52) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.101 Safari/537.36", browser("Chrome", "Android", "tv")},
	{"Fire TV Stick", "Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7233; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36", browser("Chrome", "Android", "tv")},
	{"Apple TV", "AppleTV11,1/11.1", browser("other", "other", "tv")},
	{"Chromecast with Google TV", "Mozilla/5.0 (Linux; Android 12.0; Build/STTL.240206.002) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36 CrKey/1.56.500000 DeviceType/AndroidTV", browser("Chrome", "Android", "tv")},
}

func TestParseAgent(t *testing.T) {
	for _, tt := range agentTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseAgent(tt.ua); got != tt.want {
				t.Errorf("ParseAgent(%q) = %+v, want %+v", tt.ua, got, tt.want)
			}
		})
	}
}

var (
	browsers   = []string{"Chrome", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet", "Instagram", "Facebook", "other"}
	systems    = []string{"Windows", "macOS", "Linux", "Android", "iOS", "ChromeOS", "other"}
	devices    = []string{"desktop", "mobile", "tablet", "console", "tv"}
	categories = []string{BotSearch, BotSEO, BotAI, BotMonitoring, BotScript, BotFeed, BotSocial, BotOther}
)

// checkAgent checks what must hold for any agent string.
func checkAgent(t *testing.T, ua string, a Agent) {
	t.Helper()
	if a.Bot {
		if a.BotName == "" || !utf8.ValidString(a.BotName) || len(a.BotName) > len(ua)+len("(unknown)")+2 ||
			!slices.Contains(categories, a.Category) || a.Browser != "" || a.OS != "" || a.Device != "bot" {
			t.Errorf("ParseAgent(%q) = %+v, not a valid bot", ua, a)
		}
		return
	}
	if a.BotName != "" || a.Category != "" || !slices.Contains(browsers, a.Browser) ||
		!slices.Contains(systems, a.OS) || !slices.Contains(devices, a.Device) {
		t.Errorf("ParseAgent(%q) = %+v, not a valid browser", ua, a)
	}
}

func FuzzParseAgent(f *testing.F) {
	for _, tt := range agentTests {
		f.Add(tt.ua)
	}
	f.Add("Mozilla/5.0 (compatible; \xff\xfebot/1.0; +http://x)")
	f.Add("+++++++++++++")
	f.Add("@.@.@.@")
	f.Fuzz(func(t *testing.T, ua string) {
		checkAgent(t, ua, ParseAgent(ua))
	})
}

// benchAgents mixes agents roughly as a blog's log does: mostly browsers,
// some known bots, a few unknown ones.
var benchAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
	"Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
	"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)",
	"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
	"curl/8.5.0",
	"Mozilla/5.0 (compatible; Exabot/3.0; +http://www.exabot.com/go/robot)",
}

func BenchmarkParseAgent(b *testing.B) {
	b.Run("mixed", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ParseAgent(benchAgents[i%len(benchAgents)])
			i++
		}
	})
	// A browser's agent has to go through the whole crawler list.
	b.Run("browser", func(b *testing.B) {
		for b.Loop() {
			ParseAgent(benchAgents[0])
		}
	})
	// A known bot stops at the table.
	b.Run("known-bot", func(b *testing.B) {
		for b.Loop() {
			ParseAgent(benchAgents[5])
		}
	})
}
