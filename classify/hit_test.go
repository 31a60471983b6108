package classify

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const chromeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"

func TestClientBot(t *testing.T) {
	for _, tt := range []struct{ client, want string }{
		{"crawl-66-249-66-1.googlebot.com", "Googlebot"},
		{"CRAWL-66-249-66-1.GOOGLEBOT.COM.", "Googlebot"},
		{"googlebot.com", "Googlebot"},
		{"msnbot-157-55-39-1.search.msn.com", "bingbot"},
		{"b3091123.crawl.yahoo.net", "Yahoo! Slurp"},
		{"spider-5-255-253-1.spider.yandex.com", "YandexBot"},
		{"baiduspider-180-76-15-1.crawl.baidu.com", "Baiduspider"},
		{"17-58-101-179.applebot.apple.com", "Applebot"},
		{"notgooglebot.com", ""},
		{"googlebot.com.example.org", ""},
		{"in24.inetnebr.com", ""},
		{"66.249.66.1", ""},
		{"2001:db8::1", ""},
		{"", ""},
	} {
		if got := ClientBot(tt.client); got != tt.want {
			t.Errorf("ClientBot(%q) = %q, want %q", tt.client, got, tt.want)
		}
	}
}

func TestClassifierHit(t *testing.T) {
	c := NewClassifier(Hosts("myblog.net", nil))
	direct := Source{Channel: ChannelDirect}
	for _, tt := range []struct {
		name string
		in   HitFields
		want HitClass
	}{
		{"Combined line with agent \"-\" is a bot", HitFields{}, HitClass{bot("(empty)", BotOther), direct}},
		{"Common line has no agent and is no bot", HitFields{NoAgent: true}, HitClass{Agent{}, direct}},
		{"Common line from a crawler's host", HitFields{NoAgent: true, ClientBot: "Googlebot"}, HitClass{bot("Googlebot", BotSearch), direct}},
		{"Common line from Amazonbot's host is AI", HitFields{NoAgent: true, ClientBot: "Amazonbot"}, HitClass{bot("Amazonbot", BotAI), direct}},
		{"a browser agent from a crawler's host", HitFields{UserAgent: chromeAgent, ClientBot: "bingbot"}, HitClass{bot("bingbot", BotSearch), direct}},
		{"the agent names the bot first", HitFields{UserAgent: "curl/8.5.0", ClientBot: "Googlebot"}, HitClass{bot("curl", BotScript), direct}},
		{"an agent in a no-agent format is ignored", HitFields{UserAgent: "curl/8.5.0", NoAgent: true}, HitClass{Agent{}, direct}},
		{"browser", HitFields{UserAgent: chromeAgent}, HitClass{browser("Chrome", "Windows", "desktop"), direct}},
		{"referrer and utm tags", HitFields{UserAgent: chromeAgent, Query: "utm_source=chatgpt.com"},
			HitClass{browser("Chrome", "Windows", "desktop"), Source{Channel: ChannelAI, Engine: "ChatGPT"}}},
		{"the served vhost is internal", HitFields{NoAgent: true, Referrer: "https://other.example/", VHost: "OTHER.example"},
			HitClass{Agent{}, Source{Channel: ChannelInternal, Host: "other.example", Domain: "other.example"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the second answer comes from the caches.
			for range 2 {
				if got := c.Hit(tt.in); got != tt.want {
					t.Errorf("Hit(%+v) = %+v, want %+v\n%s", tt.in, got, tt.want, cmp.Diff(tt.want, got))
				}
			}
		})
	}
}
