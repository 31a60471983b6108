package classify

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The site under test is myblog.net; its www host counts as own too.
var ownHosts = Hosts("myblog.net", []string{"Blog.Example.ORG"})

func search(host, domain, engine, keyword string) Source {
	return Source{Channel: ChannelSearch, Host: host, Domain: domain, Engine: engine, Keyword: keyword}
}

func social(host, domain, engine string) Source {
	return Source{Channel: ChannelSocial, Host: host, Domain: domain, Engine: engine}
}

func referral(host, domain string) Source {
	return Source{Channel: ChannelReferral, Host: host, Domain: domain}
}

var referrerTests = []struct {
	name     string
	referrer string
	query    string // the landing request's query string
	want     Source
}{
	// No referrer.
	{"empty", "", "", Source{Channel: ChannelDirect}},
	{"dash as logged", "-", "", Source{Channel: ChannelDirect}},
	{"blank", "  ", "page=2", Source{Channel: ChannelDirect}},

	// Own hosts.
	{"own host", "https://myblog.net/2025/09/post/", "", Source{Channel: ChannelInternal, Host: "myblog.net", Domain: "myblog.net"}},
	{"own www variant", "https://www.myblog.net/", "", Source{Channel: ChannelInternal, Host: "www.myblog.net", Domain: "myblog.net"}},
	{"own host upper-case with port", "HTTP://WWW.MYBLOG.NET:8080/about", "", Source{Channel: ChannelInternal, Host: "www.myblog.net", Domain: "myblog.net"}},
	{"extra own host, case-folded", "https://blog.example.org/", "", Source{Channel: ChannelInternal, Host: "blog.example.org", Domain: "example.org"}},
	{"www variant of an extra own host", "https://www.blog.example.org/", "", Source{Channel: ChannelInternal, Host: "www.blog.example.org", Domain: "example.org"}},
	{"own subdomain is not own", "https://shop.myblog.net/", "", referral("shop.myblog.net", "myblog.net")},
	{"own host with utm tags stays internal", "https://myblog.net/", "utm_medium=email", Source{Channel: ChannelInternal, Host: "myblog.net", Domain: "myblog.net"}},

	// Google, any country.
	{"google.de", "https://www.google.de/search?q=Wetter+Berlin&hl=de", "", search("www.google.de", "google.de", "Google", "wetter berlin")},
	{"google.co.uk", "https://www.google.co.uk/search?source=hp&q=Parquet%20Files", "", search("www.google.co.uk", "google.co.uk", "Google", "parquet files")},
	{"google.com.au", "https://www.google.com.au/search?q=community+manager+tools&oq=community", "", search("www.google.com.au", "google.com.au", "Google", "community manager tools")},
	{"google without q", "https://www.google.com/", "", search("www.google.com", "google.com", "Google", notProvided)},
	{"google redirect with empty q", "https://www.google.com/url?sa=t&rct=j&q=&esrc=s&url=https%3A%2F%2Fmyblog.net%2F", "", search("www.google.com", "google.com", "Google", notProvided)},
	{"bare google.fr", "https://google.fr/", "", search("google.fr", "google.fr", "Google", notProvided)},
	{"google images", "https://images.google.fr/imgres?q=chat", "", search("images.google.fr", "google.fr", "Google", "chat")},
	{"google terms in the fragment", "https://www.google.com/#q=duckdb", "", search("www.google.com", "google.com", "Google", "duckdb")},
	{"google news is a referral", "https://news.google.com/articles/abc", "", referral("news.google.com", "google.com")},
	{"google docs is a referral", "https://docs.google.com/document/d/1", "", referral("docs.google.com", "google.com")},
	{"google on a private suffix is not Google", "https://google.github.io/styleguide/", "", referral("google.github.io", "google.github.io")},
	{"google app", "android-app://com.google.android.googlequicksearchbox/https/www.google.com", "", Source{Channel: ChannelSearch, Host: "com.google.android.googlequicksearchbox", Engine: "Google", Keyword: notProvided}},

	// Other engines and their parameters.
	{"bing", "https://www.bing.com/search?q=DuckDB+Parquet&form=QBLH", "", search("www.bing.com", "bing.com", "Bing", "duckdb parquet")},
	{"bing china", "https://cn.bing.com/search?q=abc", "", search("cn.bing.com", "bing.com", "Bing", "abc")},
	{"yahoo p", "https://search.yahoo.com/search?p=web+analytics&fr=yfp", "", search("search.yahoo.com", "yahoo.com", "Yahoo", "web analytics")},
	{"yahoo country", "https://uk.search.yahoo.com/search?p=blog", "", search("uk.search.yahoo.com", "yahoo.com", "Yahoo", "blog")},
	{"yahoo japan", "https://search.yahoo.co.jp/search?p=%E3%83%96%E3%83%AD%E3%82%B0", "", search("search.yahoo.co.jp", "yahoo.co.jp", "Yahoo Japan", "ブログ")},
	{"yandex text", "https://yandex.ru/search/?text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82&lr=213", "", search("yandex.ru", "yandex.ru", "Yandex", "привет")},
	{"yandex turkey", "https://yandex.com.tr/search/?text=merhaba", "", search("yandex.com.tr", "yandex.com.tr", "Yandex", "merhaba")},
	{"ya.ru", "https://ya.ru/search/?text=go", "", search("ya.ru", "ya.ru", "Yandex", "go")},
	{"baidu wd", "https://www.baidu.com/s?ie=utf-8&wd=%E7%BD%91%E7%AB%99%E5%88%86%E6%9E%90", "", search("www.baidu.com", "baidu.com", "Baidu", "网站分析")},
	{"baidu word", "https://m.baidu.com/s?word=abc", "", search("m.baidu.com", "baidu.com", "Baidu", "abc")},
	{"duckduckgo sends no terms", "https://duckduckgo.com/", "", search("duckduckgo.com", "duckduckgo.com", "DuckDuckGo", notProvided)},
	{"duckduckgo html", "https://html.duckduckgo.com/html/?q=rss", "", search("html.duckduckgo.com", "duckduckgo.com", "DuckDuckGo", "rss")},
	{"ecosia", "https://www.ecosia.org/search?method=index&q=Trees", "", search("www.ecosia.org", "ecosia.org", "Ecosia", "trees")},
	{"qwant", "https://www.qwant.com/?q=vie+priv%C3%A9e&t=web", "", search("www.qwant.com", "qwant.com", "Qwant", "vie privée")},
	{"startpage query", "https://www.startpage.com/do/search?query=privacy", "", search("www.startpage.com", "startpage.com", "Startpage", "privacy")},
	{"brave", "https://search.brave.com/search?q=brave", "", search("search.brave.com", "brave.com", "Brave", "brave")},
	{"naver query", "https://search.naver.com/search.naver?query=%EB%B8%94%EB%A1%9C%EA%B7%B8", "", search("search.naver.com", "naver.com", "Naver", "블로그")},
	{"seznam", "https://search.seznam.cz/?q=pocasi", "", search("search.seznam.cz", "seznam.cz", "Seznam", "pocasi")},
	{"kagi", "https://kagi.com/search?q=small+web", "", search("kagi.com", "kagi.com", "Kagi", "small web")},
	{"mojeek", "https://www.mojeek.com/search?q=indie", "", search("www.mojeek.com", "mojeek.com", "Mojeek", "indie")},

	// Keyword cleaning.
	{"keyword: case, runs of spaces", "https://www.google.com/search?q=++Hello+%20+WORLD++", "", search("www.google.com", "google.com", "Google", "hello world")},
	{"keyword: bad escapes kept", "https://www.google.com/search?q=100%25+%zz+%4", "", search("www.google.com", "google.com", "Google", "100% %zz %4")},
	{"keyword: Latin-1 bytes", "https://www.google.de/search?q=M%FCnchen", "", search("www.google.de", "google.de", "Google", "münchen")},
	{"keyword: UTF-8 in logged \\x escapes", `https://www.google.de/search?q=m\xc3\xbcnchen`, "", search("www.google.de", "google.de", "Google", "münchen")},
	{"keyword: control characters", "https://www.bing.com/search?q=a%00b%0Ac", "", search("www.bing.com", "bing.com", "Bing", "a b c")},
	{"keyword: first non-empty q", "https://www.google.com/search?q=&q=second", "", search("www.google.com", "google.com", "Google", "second")},
	{"keyword: capped", "https://www.google.com/search?q=" + strings.Repeat("ab+", 150), "", search("www.google.com", "google.com", "Google", strings.TrimSpace(strings.Repeat("ab ", 67)[:200]))},

	// Social.
	{"t.co", "https://t.co/AbCdEf123", "", social("t.co", "t.co", "X")},
	{"x.com", "https://x.com/someone/status/1", "", social("x.com", "x.com", "X")},
	{"l.facebook.com", "https://l.facebook.com/l.php?u=https%3A%2F%2Fmyblog.net%2F&h=AT0", "", social("l.facebook.com", "facebook.com", "Facebook")},
	{"m.facebook.com", "http://m.facebook.com/", "", social("m.facebook.com", "facebook.com", "Facebook")},
	{"lnkd.in", "https://lnkd.in/eAbC", "", social("lnkd.in", "lnkd.in", "LinkedIn")},
	{"linkedin", "https://www.linkedin.com/feed/", "", social("www.linkedin.com", "linkedin.com", "LinkedIn")},
	{"old reddit", "https://old.reddit.com/r/golang/", "", social("old.reddit.com", "reddit.com", "Reddit")},
	{"instagram link shim", "https://l.instagram.com/?u=x", "", social("l.instagram.com", "instagram.com", "Instagram")},
	{"pinterest in any country", "https://www.pinterest.de/pin/1/", "", social("www.pinterest.de", "pinterest.de", "Pinterest")},
	{"youtu.be", "https://youtu.be/abc", "", social("youtu.be", "youtu.be", "YouTube")},
	{"hacker news", "https://news.ycombinator.com/item?id=1", "", social("news.ycombinator.com", "ycombinator.com", "Hacker News")},
	{"ycombinator.com is not Hacker News", "https://www.ycombinator.com/", "", referral("www.ycombinator.com", "ycombinator.com")},
	{"bluesky", "https://bsky.app/profile/someone.bsky.social", "", social("bsky.app", "bsky.app", "Bluesky")},
	{"mastodon instance by name", "https://fosstodon.org/@someone/1234", "", social("fosstodon.org", "fosstodon.org", "Mastodon")},
	{"mastodon instance by host shape", "https://mastodon.example.net/@me", "", social("mastodon.example.net", "example.net", "Mastodon")},
	{"mstdn instance", "https://mstdn.jp/", "", social("mstdn.jp", "mstdn.jp", "Mastodon")},
	{"lobsters", "https://lobste.rs/s/abc", "", social("lobste.rs", "lobste.rs", "Lobsters")},
	{"slack app", "android-app://com.Slack/", "", Source{Channel: ChannelSocial, Host: "com.slack", Engine: "Slack"}},

	// AI assistants.
	{"chatgpt", "https://chatgpt.com/", "", Source{Channel: ChannelAI, Host: "chatgpt.com", Domain: "chatgpt.com", Engine: "ChatGPT"}},
	{"chat.openai.com", "https://chat.openai.com/c/abc", "", Source{Channel: ChannelAI, Host: "chat.openai.com", Domain: "openai.com", Engine: "ChatGPT"}},
	{"openai.com is a referral", "https://openai.com/blog", "", referral("openai.com", "openai.com")},
	{"perplexity", "https://www.perplexity.ai/search/abc", "", Source{Channel: ChannelAI, Host: "www.perplexity.ai", Domain: "perplexity.ai", Engine: "Perplexity"}},
	{"claude", "https://claude.ai/", "", Source{Channel: ChannelAI, Host: "claude.ai", Domain: "claude.ai", Engine: "Claude"}},
	{"gemini is not Google search", "https://gemini.google.com/", "", Source{Channel: ChannelAI, Host: "gemini.google.com", Domain: "google.com", Engine: "Gemini"}},
	{"copilot is not Bing", "https://copilot.microsoft.com/", "", Source{Channel: ChannelAI, Host: "copilot.microsoft.com", Domain: "microsoft.com", Engine: "Copilot"}},
	{"you.com", "https://you.com/search?q=x", "", Source{Channel: ChannelAI, Host: "you.com", Domain: "you.com", Engine: "You.com"}},
	{"poe", "https://poe.com/", "", Source{Channel: ChannelAI, Host: "poe.com", Domain: "poe.com", Engine: "Poe"}},
	{"mistral le chat", "https://chat.mistral.ai/chat", "", Source{Channel: ChannelAI, Host: "chat.mistral.ai", Domain: "mistral.ai", Engine: "Mistral Le Chat"}},
	{"deepseek", "https://chat.deepseek.com/", "", Source{Channel: ChannelAI, Host: "chat.deepseek.com", Domain: "deepseek.com", Engine: "DeepSeek"}},
	{"meta.ai", "https://www.meta.ai/", "", Source{Channel: ChannelAI, Host: "www.meta.ai", Domain: "meta.ai", Engine: "Meta AI"}},
	{"grok", "https://grok.com/chat/1", "", Source{Channel: ChannelAI, Host: "grok.com", Domain: "grok.com", Engine: "Grok"}},
	{"chatgpt app", "android-app://com.openai.chatgpt/", "", Source{Channel: ChannelAI, Host: "com.openai.chatgpt", Engine: "ChatGPT"}},
	{"utm_source=chatgpt.com without referrer", "", "utm_source=chatgpt.com", Source{Channel: ChannelAI, Engine: "ChatGPT"}},
	{"utm_source=perplexity.ai on a referral", "https://example.com/", "utm_source=perplexity.ai&utm_medium=referral", Source{Channel: ChannelAI, Host: "example.com", Domain: "example.com", Engine: "Perplexity"}},
	// SPEC: a tag decides the channel where present; the referrer's own
	// engine and terms then go with its channel.
	{"utm_source=chatgpt.com decides over search", "https://www.google.com/search?q=x", "utm_source=chatgpt.com", Source{Channel: ChannelAI, Host: "www.google.com", Domain: "google.com", Engine: "ChatGPT"}},

	// Mail.
	{"gmail", "https://mail.google.com/", "", Source{Channel: ChannelEmail, Host: "mail.google.com", Domain: "google.com", Engine: "Gmail"}},
	{"gmail app", "android-app://com.google.android.gm", "", Source{Channel: ChannelEmail, Host: "com.google.android.gm", Engine: "Gmail"}},
	{"outlook", "https://outlook.live.com/mail/0/inbox", "", Source{Channel: ChannelEmail, Host: "outlook.live.com", Domain: "live.com", Engine: "Outlook"}},
	{"yahoo mail", "https://mail.yahoo.com/d/folders/1", "", Source{Channel: ChannelEmail, Host: "mail.yahoo.com", Domain: "yahoo.com", Engine: "Yahoo Mail"}},
	{"webmail anywhere", "https://webmail.example.org/?_task=mail", "", Source{Channel: ChannelEmail, Host: "webmail.example.org", Domain: "example.org"}},

	// utm tags where the referrer cannot tell.
	{"utm_medium=email without referrer", "", "utm_source=weekly&utm_medium=email&utm_campaign=42", Source{Channel: ChannelEmail, Engine: "weekly"}},
	{"utm_source=newsletter without referrer", "", "utm_source=Newsletter", Source{Channel: ChannelEmail, Engine: "newsletter"}},
	{"utm_medium=social without referrer", "", "utm_medium=social", Source{Channel: ChannelSocial}},
	{"utm tags survive a bad escape", "", "x=%zz&utm_medium=e%2Dmail", Source{Channel: ChannelEmail}},
	{"utm_medium=cpc means nothing here", "", "utm_medium=cpc", Source{Channel: ChannelDirect}},
	{"utm email on an unknown site", "https://newsletters.example.com/archive/42", "utm_medium=email", Source{Channel: ChannelEmail, Host: "newsletters.example.com", Domain: "example.com"}},
	{"utm social on an unknown instance", "https://social.example.net/@me", "utm_medium=social", Source{Channel: ChannelSocial, Host: "social.example.net", Domain: "example.net"}},
	{"google click redirect with search terms", "https://www.google.com/url?sa=t&rct=j&q=the+logstash+book+pdf", "", search("www.google.com", "google.com", "Google", "the logstash book pdf")},
	{"google click redirect carries the destination, not terms", "https://www.google.com/url?q=https://blog.example.org/&sa=t", "", search("www.google.com", "google.com", "Google", "(not provided)")},
	{"utm email decides over a search referrer", "https://www.google.com/search?q=x", "utm_medium=email&utm_source=weekly", Source{Channel: ChannelEmail, Host: "www.google.com", Domain: "google.com", Engine: "weekly"}},
	{"utm social decides over a webmail referrer", "https://mail.google.com/", "utm_medium=social", Source{Channel: ChannelSocial, Host: "mail.google.com", Domain: "google.com"}},
	{"utm email on a webmail referrer keeps it", "https://mail.google.com/", "utm_medium=email", Source{Channel: ChannelEmail, Host: "mail.google.com", Domain: "google.com", Engine: "Gmail"}},

	// Referrals and odd referrers.
	{"natural link with registrable domain", "https://blog.example.co.uk/2025/links", "", referral("blog.example.co.uk", "example.co.uk")},
	{"github.io is a public suffix", "https://someone.github.io/post/", "", referral("someone.github.io", "someone.github.io")},
	{"port", "http://example.com:8080/page", "", referral("example.com", "example.com")},
	{"upper-case host", "HTTPS://WWW.Example.COM/Path", "", referral("www.example.com", "example.com")},
	{"trailing dot", "https://example.com./", "", referral("example.com", "example.com")},
	{"user info", "http://user:secret@example.com/", "", referral("example.com", "example.com")},
	{"missing scheme", "example.com/some/page", "", referral("example.com", "example.com")},
	{"missing scheme on a search engine", "www.google.com/search?q=go", "", search("www.google.com", "google.com", "Google", "go")},
	{"scheme-relative", "//example.com/x", "", referral("example.com", "example.com")},
	{"IDN in Unicode", "https://www.bücher.de/x", "", referral("www.xn--bcher-kva.de", "xn--bcher-kva.de")},
	{"IDN in punycode", "https://xn--bcher-kva.de/", "", referral("xn--bcher-kva.de", "xn--bcher-kva.de")},
	{"IDN in logged \\x escapes", `https://m\xc3\xbcnchen.de/`, "", referral("xn--mnchen-3ya.de", "xn--mnchen-3ya.de")},
	{"IPv4 is its own domain", "http://192.168.1.10:8080/admin", "", referral("192.168.1.10", "192.168.1.10")},
	{"IPv4 documentation address", "http://203.0.113.9/page", "", referral("203.0.113.9", "203.0.113.9")},
	{"IPv6 is its own domain", "http://[2001:db8::1]:8080/", "", referral("2001:db8::1", "2001:db8::1")},
	{"IPv6 without port", "https://[2001:DB8:0::1]/x", "", referral("2001:db8::1", "2001:db8::1")},
	{"localhost", "http://localhost:3000/", "", referral("localhost", "")},
	{"bad escape in the path", "https://example.com/%zz?a=%", "", referral("example.com", "example.com")},
	{"unknown app", "android-app://org.example.reader/", "", Source{Channel: ChannelReferral, Host: "org.example.reader"}},
	{"escaped garbage", `\xe4\xe5`, "", Source{Channel: ChannelReferral}},
	{"sample: windows-1251 host, shown as logged", `http://\xe4\xe5\xe3-\xec.\xf0\xf4/`, "", referral(`\xe4\xe5\xe3-\xec.\xf0\xf4`, `\xe4\xe5\xe3-\xec.\xf0\xf4`)},
	{"Latin-1 host in percent escapes", "http://caf%E9.Example.fr/menu", "", referral(`caf\xe9.example.fr`, `caf\xe9.example.fr`)},
	{"Latin-1 host without scheme is no host", `caf\xe9.fr/x`, "", Source{Channel: ChannelReferral}},
	{"Unicode host IDNA maps", "http://ex\u2060ample.com/", "", referral("example.com", "example.com")},
	{"Unicode host IDNA refuses, as Apache logs it", "http://\u0301abc.com/", "", referral(`\xcc\x81abc.com`, `\xcc\x81abc.com`)},
	{"non-ASCII garbage with a space", `http://\xe4 \xe5.com/`, "", Source{Channel: ChannelReferral}},
	{"not a url", "not a url", "", Source{Channel: ChannelReferral}},
	{"a single word", "localhost", "", Source{Channel: ChannelReferral}},
	{"host with a space", "http://exa mple.com/", "", Source{Channel: ChannelReferral}},
	{"empty host", "http:///path", "", Source{Channel: ChannelReferral}},
}

func TestClassify(t *testing.T) {
	r := NewReferrers(ownHosts)
	for _, tt := range referrerTests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Classify(tt.referrer, tt.query)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Classify(%q, %q) = %+v, want %+v\n(-want +got)\n%s", tt.referrer, tt.query, got, tt.want, diff)
			}
		})
	}
}

func TestHosts(t *testing.T) {
	tests := []struct {
		name  string
		site  string
		extra []string
		want  []string
	}{
		{"bare site", "example.com", nil, []string{"example.com", "www.example.com"}},
		{"www site", "WWW.Example.com", nil, []string{"www.example.com", "example.com"}},
		{"extra, blank and duplicate", "example.com", []string{"blog.example.com", " ", "example.com"}, []string{"example.com", "www.example.com", "blog.example.com"}},
		{"no site", "", []string{"a.example"}, []string{"a.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Hosts(tt.site, tt.extra); !slices.Equal(got, tt.want) {
				t.Errorf("Hosts(%q, %q) = %q, want %q", tt.site, tt.extra, got, tt.want)
			}
		})
	}
}

// TestNewReferrersOwnHostForms checks that an own host may be given as a
// URL or with a port, as people paste them into a config.
func TestNewReferrersOwnHostForms(t *testing.T) {
	r := NewReferrers([]string{"https://WWW.Example.com:443/", "", "not a host"})
	for _, ref := range []string{"https://example.com/", "http://www.example.com/x"} {
		if got := r.Classify(ref, "").Channel; got != ChannelInternal {
			t.Errorf("Classify(%q, \"\").Channel = %q, want %q", ref, got, ChannelInternal)
		}
	}
}

var channels = []string{ChannelDirect, ChannelInternal, ChannelSearch, ChannelAI, ChannelSocial, ChannelEmail, ChannelReferral}

func FuzzClassify(f *testing.F) {
	for _, tt := range referrerTests {
		f.Add(tt.referrer, tt.query)
	}
	f.Add("http://[::1", "utm_medium=%")
	f.Add("android-app://", "&&&=")
	f.Add(`\x`, `\xzz`)
	r := NewReferrers(ownHosts)
	f.Fuzz(func(t *testing.T, referrer, query string) {
		s := r.Classify(referrer, query)
		if !slices.Contains(channels, s.Channel) {
			t.Fatalf("Classify(%q, %q).Channel = %q, not one of %q", referrer, query, s.Channel, channels)
		}
		if (s.Channel == ChannelSearch) != (s.Keyword != "") {
			t.Errorf("Classify(%q, %q) = %+v: a keyword exactly for search", referrer, query, s)
		}
		if !utf8.ValidString(s.Keyword) || utf8.RuneCountInString(s.Keyword) > maxKeyword || s.Keyword != strings.TrimSpace(s.Keyword) {
			t.Errorf("Classify(%q, %q).Keyword = %q, not clean", referrer, query, s.Keyword)
		}
		if s.Host != strings.ToLower(s.Host) || !isASCII(s.Host) || !strings.HasSuffix(s.Host, s.Domain) {
			t.Errorf("Classify(%q, %q) = %+v: host not normal or domain not its suffix", referrer, query, s)
		}
		if s.Channel == ChannelDirect && s.Host != "" {
			t.Errorf("Classify(%q, %q) = %+v: direct with a host", referrer, query, s)
		}
	})
}

// benchReferrers mixes referrers as a blog's visits do: mostly none or
// internal, then search, social and the odd site.
var benchReferrers = []string{
	"",
	"https://myblog.net/2025/09/post/",
	"https://www.google.com/",
	"https://www.google.de/search?q=wetter+berlin&hl=de",
	"https://www.bing.com/search?q=duckdb+parquet&form=QBLH",
	"https://t.co/AbCdEf123",
	"https://l.facebook.com/l.php?u=https%3A%2F%2Fmyblog.net%2F&h=AT0",
	"https://blog.example.co.uk/2025/links",
	"https://fosstodon.org/@someone/1234",
	"https://news.ycombinator.com/item?id=1",
}

func BenchmarkClassify(b *testing.B) {
	r := NewReferrers(ownHosts)
	i := 0
	for b.Loop() {
		r.Classify(benchReferrers[i%len(benchReferrers)], "")
		i++
	}
}
