package classify

// The lists in this file are data: to recognise a new search engine, social
// network or mail service, add a line here; the code in referrer.go does not
// change.
//
// Where they come from: the lists were written by hand for issue 3 (which
// names the engines and social sites a community manager must see) and kept
// short on purpose. Each search engine's host names and query parameters are
// the ones its own result pages use (www.google.de/search?q=,
// yandex.ru/search/?text=, www.baidu.com/s?wd=, search.yahoo.com/search?p=,
// search.naver.com/search.naver?query=). When adding an engine, check its
// hosts and parameters against Matomo's searchengine-and-social-list
// (github.com/matomo-org/searchengine-and-social-list), the most complete
// maintained list. Android app ids are the
// apps' Play Store ids. Only facts (names, hosts, parameter names) are here,
// no code or data file from another project.

// site is one search engine, social network or mail service. Where several
// sites match one referrer, the one earliest in sites wins, so specific
// entries (Gmail) come before generic ones ("mail." hosts).
type site struct {
	// Name is what Source.Engine says, e.g. "Google"; "" for a service
	// recognised only by the shape of its host name (a "webmail." host).
	Name    string
	Channel string // search, ai, social or email

	// Hosts are patterns for the referrer host, in three forms:
	//
	//   "bing.com"       that host or any subdomain of it (cn.bing.com);
	//   "google.*"       a registrable domain whose first label is "google"
	//                    under any ICANN public suffix (google.de,
	//                    google.co.uk, google.com.au), with exactly the
	//                    subdomain written before it: "google.*" is the
	//                    bare domain, "www.google.*" its www host;
	//   "mail."          any host that starts with it.
	Hosts []string

	// Params are the query parameters that carry the search terms, most
	// trusted first. Empty for social and email.
	Params []string

	// Apps are Android package ids, as in "android-app://<id>/" referrers
	// that Android apps send when they open a link in a browser.
	Apps []string
}

// Channel names, as Source.Channel reports them.
const (
	ChannelDirect   = "direct"
	ChannelInternal = "internal"
	ChannelSearch   = "search"
	ChannelAI       = "ai"
	ChannelSocial   = "social"
	ChannelEmail    = "email"
	ChannelReferral = "referral"
)

// notProvided is the SPEC's keyword for a search visit whose referrer carries
// no terms.
const notProvided = "(not provided)"

// googleHosts are the Google hosts that serve web, image or custom search.
// news.google.*, maps.google.*, docs.google.com and the like are pages that
// link out, so they stay referrals; mail.google.com is Gmail.
var googleHosts = []string{
	"google.*", "www.google.*", "images.google.*", "encrypted.google.*",
	"m.google.*", "ipv4.google.*", "ipv6.google.*", "cse.google.*",
}

var sites = []site{
	// Mail first: mail.google.com and mail.yandex.ru must not be taken for
	// the search engines that share their registrable domain.
	{Name: "Gmail", Channel: ChannelEmail, Hosts: []string{"mail.google.com", "inbox.google.com"}, Apps: []string{"com.google.android.gm"}},
	{Name: "Outlook", Channel: ChannelEmail, Hosts: []string{"outlook.live.com", "outlook.office.com", "outlook.office365.com"}, Apps: []string{"com.microsoft.office.outlook"}},
	{Name: "Yahoo Mail", Channel: ChannelEmail, Hosts: []string{"mail.yahoo.com", "mail.yahoo.co.jp"}, Apps: []string{"com.yahoo.mobile.client.android.mail"}},
	{Name: "Yandex Mail", Channel: ChannelEmail, Hosts: []string{"mail.yandex.*"}},
	{Name: "Proton Mail", Channel: ChannelEmail, Hosts: []string{"mail.proton.me", "mail.protonmail.com"}},

	// Search engines.
	{Name: "Google", Channel: ChannelSearch, Hosts: googleHosts, Params: []string{"q", "as_q"},
		Apps: []string{"com.google.android.googlequicksearchbox", "com.google.android.apps.searchlite"}},
	{Name: "Bing", Channel: ChannelSearch, Hosts: []string{"bing.com"}, Params: []string{"q"}},
	{Name: "DuckDuckGo", Channel: ChannelSearch, Hosts: []string{"duckduckgo.com"}, Params: []string{"q"}},
	{Name: "Yahoo Japan", Channel: ChannelSearch, Hosts: []string{"search.yahoo.co.jp"}, Params: []string{"p"}},
	{Name: "Yahoo", Channel: ChannelSearch, Hosts: []string{"search.yahoo.com"}, Params: []string{"p", "q"}},
	{Name: "Yandex", Channel: ChannelSearch, Hosts: []string{"yandex.*", "www.yandex.*", "m.yandex.*", "ya.ru"}, Params: []string{"text"}},
	{Name: "Baidu", Channel: ChannelSearch, Hosts: []string{"www.baidu.com", "baidu.com", "m.baidu.com"}, Params: []string{"wd", "word"}},
	{Name: "Ecosia", Channel: ChannelSearch, Hosts: []string{"ecosia.org"}, Params: []string{"q"}},
	{Name: "Qwant", Channel: ChannelSearch, Hosts: []string{"qwant.com"}, Params: []string{"q"}},
	{Name: "Startpage", Channel: ChannelSearch, Hosts: []string{"startpage.com"}, Params: []string{"query", "q"}},
	{Name: "Brave", Channel: ChannelSearch, Hosts: []string{"search.brave.com"}, Params: []string{"q"}},
	{Name: "Naver", Channel: ChannelSearch, Hosts: []string{"search.naver.com"}, Params: []string{"query"}},
	{Name: "Seznam", Channel: ChannelSearch, Hosts: []string{"search.seznam.cz"}, Params: []string{"q"}},
	{Name: "Ask", Channel: ChannelSearch, Hosts: []string{"ask.com"}, Params: []string{"q"}},
	{Name: "AOL", Channel: ChannelSearch, Hosts: []string{"search.aol.com"}, Params: []string{"q", "query"}},
	{Name: "Sogou", Channel: ChannelSearch, Hosts: []string{"sogou.com"}, Params: []string{"query", "keyword"}},
	{Name: "Kagi", Channel: ChannelSearch, Hosts: []string{"kagi.com"}, Params: []string{"q"}},
	{Name: "Mojeek", Channel: ChannelSearch, Hosts: []string{"mojeek.com"}, Params: []string{"q"}},

	// AI assistants: answers that link to their sources (the SPEC's "ai"
	// channel). Before the search engines: gemini.google.com and
	// copilot.microsoft.com share a registrable domain with one. The
	// hosts are those the assistants' web apps run on; the app ids their
	// Android apps' Play Store ids.
	{Name: "ChatGPT", Channel: ChannelAI, Hosts: []string{"chatgpt.com", "chat.openai.com"}, Apps: []string{"com.openai.chatgpt"}},
	{Name: "Perplexity", Channel: ChannelAI, Hosts: []string{"perplexity.ai"}, Apps: []string{"ai.perplexity.app.android"}},
	{Name: "Claude", Channel: ChannelAI, Hosts: []string{"claude.ai"}, Apps: []string{"com.anthropic.claude"}},
	{Name: "Gemini", Channel: ChannelAI, Hosts: []string{"gemini.google.com", "bard.google.com"}, Apps: []string{"com.google.android.apps.bard"}},
	{Name: "Copilot", Channel: ChannelAI, Hosts: []string{"copilot.microsoft.com", "copilot.cloud.microsoft"}, Apps: []string{"com.microsoft.copilot"}},
	{Name: "You.com", Channel: ChannelAI, Hosts: []string{"you.com"}},
	{Name: "Poe", Channel: ChannelAI, Hosts: []string{"poe.com"}},
	{Name: "Mistral Le Chat", Channel: ChannelAI, Hosts: []string{"chat.mistral.ai"}},
	{Name: "DeepSeek", Channel: ChannelAI, Hosts: []string{"chat.deepseek.com"}},
	{Name: "Meta AI", Channel: ChannelAI, Hosts: []string{"meta.ai"}},
	{Name: "Grok", Channel: ChannelAI, Hosts: []string{"grok.com"}},
	{Name: "Phind", Channel: ChannelAI, Hosts: []string{"phind.com"}},
	{Name: "Qwen", Channel: ChannelAI, Hosts: []string{"chat.qwen.ai"}},
	{Name: "Kimi", Channel: ChannelAI, Hosts: []string{"kimi.com", "kimi.moonshot.cn"}},

	// Social networks, their link shorteners and in-app links.
	{Name: "Facebook", Channel: ChannelSocial, Hosts: []string{"facebook.com", "fb.com", "fb.me", "messenger.com"},
		Apps: []string{"com.facebook.katana", "com.facebook.lite", "com.facebook.orca"}},
	{Name: "X", Channel: ChannelSocial, Hosts: []string{"t.co", "twitter.com", "x.com"}, Apps: []string{"com.twitter.android"}},
	{Name: "LinkedIn", Channel: ChannelSocial, Hosts: []string{"linkedin.com", "lnkd.in"}, Apps: []string{"com.linkedin.android"}},
	{Name: "Reddit", Channel: ChannelSocial, Hosts: []string{"reddit.com", "redd.it"}, Apps: []string{"com.reddit.frontpage"}},
	{Name: "Instagram", Channel: ChannelSocial, Hosts: []string{"instagram.com"}, Apps: []string{"com.instagram.android"}},
	{Name: "Threads", Channel: ChannelSocial, Hosts: []string{"threads.net", "threads.com"}, Apps: []string{"com.instagram.barcelona"}},
	{Name: "Pinterest", Channel: ChannelSocial, Hosts: []string{"pinterest.*", "www.pinterest.*", "pin.it"}, Apps: []string{"com.pinterest"}},
	{Name: "YouTube", Channel: ChannelSocial, Hosts: []string{"youtube.com", "youtu.be"}, Apps: []string{"com.google.android.youtube"}},
	{Name: "Hacker News", Channel: ChannelSocial, Hosts: []string{"news.ycombinator.com"}},
	{Name: "Lobsters", Channel: ChannelSocial, Hosts: []string{"lobste.rs"}},
	{Name: "Bluesky", Channel: ChannelSocial, Hosts: []string{"bsky.app"}, Apps: []string{"xyz.blueskyweb.app"}},
	// Mastodon is thousands of instances: the big ones by name, the rest by
	// the host names admins usually pick.
	{Name: "Mastodon", Channel: ChannelSocial, Hosts: []string{
		"mastodon.social", "mastodon.online", "mastodon.world", "mastodon.art", "fosstodon.org",
		"hachyderm.io", "infosec.exchange", "mas.to", "indieweb.social", "techhub.social",
		"mstdn.social", "mstdn.jp", "chaos.social", "social.vivaldi.net", "mastodon.", "mstdn.",
	}, Apps: []string{"org.joinmastodon.android"}},
	{Name: "TikTok", Channel: ChannelSocial, Hosts: []string{"tiktok.com"}, Apps: []string{"com.zhiliaoapp.musically"}},
	{Name: "VK", Channel: ChannelSocial, Hosts: []string{"vk.com", "vk.ru"}, Apps: []string{"com.vkontakte.android"}},
	{Name: "Weibo", Channel: ChannelSocial, Hosts: []string{"weibo.com", "weibo.cn"}, Apps: []string{"com.sina.weibo"}},
	{Name: "Telegram", Channel: ChannelSocial, Hosts: []string{"t.me", "telegram.org", "telegram.me"}, Apps: []string{"org.telegram.messenger"}},
	{Name: "WhatsApp", Channel: ChannelSocial, Hosts: []string{"whatsapp.com", "wa.me"}, Apps: []string{"com.whatsapp"}},
	{Name: "Discord", Channel: ChannelSocial, Hosts: []string{"discord.com", "discord.gg", "discordapp.com"}, Apps: []string{"com.discord"}},
	{Name: "Slack", Channel: ChannelSocial, Hosts: []string{"slack.com"}, Apps: []string{"com.slack"}},

	// Generic webmail last: any "mail." or "webmail." host (mail.example.org
	// running Roundcube) is someone reading a mail.
	{Name: "", Channel: ChannelEmail, Hosts: []string{"mail.", "webmail."}},
}
