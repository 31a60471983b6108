package sampledata

// This file holds the fixed data the traffic model draws from: the blog's
// posts, the browsers and bots that visit it, and the places visitors come
// from. Keeping it apart from traffic.go lets the model read as behaviour
// while the lists read as data.

// post is one article of the blog. Offsets are in days from Config.Start, so
// the same posts fit any period: negative offsets are the back catalogue,
// the others are published while the log runs.
type post struct {
	slug   string
	offset int      // publish day relative to Config.Start
	rank   int      // popularity rank; weights follow a Zipf-like 1/rank^s
	tags   []string // its /tags/<tag>/ pages
	terms  []string // what people type into search engines to find it
	images int      // pictures in the post, each fetched with the page
	code   bool     // code blocks pull in the syntax highlighter's script
}

// posts are about what the site's owner writes on: Go, SQL and logs. The
// ranks are a permutation of 1..len(posts); a test checks that.
var posts = []post{
	{"why-i-still-write-makefiles", -880, 17, []string{"tools"}, []string{"makefile for go projects", "why use make"}, 1, true},
	{"sqlite-is-enough", -820, 12, []string{"sql", "data"}, []string{"sqlite is enough", "sqlite vs postgres small app"}, 1, false},
	{"go-error-wrapping", -760, 1, []string{"go"}, []string{"go error wrapping", "golang errors.is vs errors.as", "fmt.errorf %w"}, 2, true},
	{"reading-parquet-files-in-go", -700, 9, []string{"go", "parquet"}, []string{"read parquet golang", "parquet go library"}, 2, true},
	{"duckdb-tips", -640, 2, []string{"duckdb", "sql"}, []string{"duckdb tips", "duckdb performance tips", "duckdb tricks"}, 3, true},
	{"postgres-vs-duckdb-for-analytics", -590, 5, []string{"sql", "duckdb", "performance"}, []string{"postgres vs duckdb", "duckdb vs postgresql analytics"}, 2, false},
	{"structured-logging-with-slog", -540, 8, []string{"go"}, []string{"slog tutorial", "golang structured logging slog"}, 1, true},
	{"nginx-log-formats", -500, 4, []string{"linux", "web"}, []string{"nginx log format", "nginx combined log format", "nginx log_format example"}, 1, true},
	{"a-tiny-static-site-generator", -460, 23, []string{"go", "web"}, []string{"static site generator in go"}, 2, true},
	{"profiling-go-with-pprof", -420, 6, []string{"go", "performance"}, []string{"go pprof tutorial", "profiling golang"}, 3, true},
	{"understanding-http-caching", -380, 11, []string{"web"}, []string{"http caching explained", "cache-control vs etag"}, 2, false},
	{"systemd-timers-instead-of-cron", -350, 10, []string{"linux"}, []string{"systemd timer example", "systemd timers vs cron"}, 1, true},
	{"go-iterators-in-practice", -320, 13, []string{"go"}, []string{"go iterators", "golang range over func"}, 1, true},
	{"window-functions-explained", -290, 7, []string{"sql"}, []string{"sql window functions explained", "row_number over partition by"}, 2, true},
	{"benchmarking-json-decoders", -260, 16, []string{"go", "performance"}, []string{"fastest json decoder go", "golang json benchmark"}, 2, true},
	{"my-dotfiles-in-2024", -230, 30, []string{"tools", "linux"}, []string{"dotfiles 2024"}, 1, false},
	{"parsing-access-logs-fast", -200, 14, []string{"go", "performance", "web"}, []string{"parse access log go", "fast log parsing"}, 2, true},
	{"duckdb-and-parquet-on-s3", -170, 15, []string{"duckdb", "parquet"}, []string{"duckdb s3 parquet", "query parquet on s3"}, 2, true},
	{"self-hosting-analytics", -145, 21, []string{"web", "data"}, []string{"self hosted web analytics", "privacy friendly analytics"}, 2, false},
	{"generics-two-years-later", -120, 20, []string{"go"}, []string{"go generics experience"}, 1, true},
	{"zstd-vs-gzip-for-logs", -95, 19, []string{"linux", "performance"}, []string{"zstd vs gzip logs", "compress log files zstd"}, 2, false},
	{"sql-style-guide", -75, 24, []string{"sql"}, []string{"sql style guide"}, 1, true},
	{"the-case-for-boring-tech", -55, 28, []string{"notes"}, []string{"boring technology"}, 1, false},
	{"arrow-for-go-developers", -38, 26, []string{"go", "data"}, []string{"apache arrow go"}, 2, true},
	{"testing-with-golden-files", -22, 25, []string{"go", "tools"}, []string{"golden files testing go"}, 1, true},
	{"counting-unique-visitors-without-cookies", -9, 22, []string{"data", "web"}, []string{"count unique visitors without cookies"}, 2, false},
	{"duckdb-json-functions", 4, 27, []string{"duckdb", "sql"}, []string{"duckdb json functions", "duckdb read_json"}, 2, true},
	{"backpressure-in-go-pipelines", 11, 29, []string{"go", "performance"}, []string{"backpressure golang channels"}, 2, true},
	{"a-year-of-self-hosting", 18, 33, []string{"notes", "linux"}, []string{"a year of self hosting"}, 3, false},
	{"sessionizing-logs-with-sql", 25, 18, []string{"sql", "data"}, []string{"sessionize sql", "sql sessions from logs"}, 2, true},
	{"parquet-row-groups-explained", 31, 31, []string{"parquet", "performance"}, []string{"parquet row group size"}, 3, false},
	{"i-replaced-our-analytics-stack-with-duckdb", 38, 3, []string{"duckdb", "data"}, []string{"replace analytics with duckdb", "duckdb analytics stack"}, 3, true},
	{"bot-traffic-is-half-the-web", 46, 32, []string{"web", "data"}, []string{"how much web traffic is bots"}, 2, false},
	{"goroutine-leaks-in-the-wild", 53, 34, []string{"go"}, []string{"goroutine leak detection"}, 1, true},
	{"postmortem-the-day-the-blog-went-down", 62, 35, []string{"notes", "linux"}, []string{"nginx 502 bad gateway postmortem"}, 1, false},
	{"whats-new-in-go-1-25", 68, 36, []string{"go"}, []string{"go 1.25 release notes", "whats new go 1.25"}, 1, true},
	{"writing-a-log-parser-in-go", 74, 37, []string{"go", "web"}, []string{"log parser golang", "write a parser in go"}, 2, true},
	{"percentiles-in-sql", 81, 38, []string{"sql"}, []string{"percentile sql", "median in sql"}, 1, true},
	{"caching-strategies-for-static-sites", 88, 39, []string{"web", "performance"}, []string{"static site caching headers"}, 2, false},
	{"reading-gzip-logs-in-parallel", 95, 40, []string{"go", "performance"}, []string{"read gzip parallel go"}, 1, true},
	{"ipv6-in-my-homelab", 103, 41, []string{"linux"}, []string{"ipv6 homelab"}, 2, false},
	{"small-tools-for-big-logs", 110, 42, []string{"tools", "linux"}, []string{"tools for large log files"}, 1, false},
	{"notes-on-timezones-in-logs", 117, 43, []string{"notes", "data"}, []string{"log timestamps timezone utc"}, 1, true},
}

// tags are the site's tag pages, /tags/<tag>/.
var tags = []string{"go", "duckdb", "sql", "parquet", "performance", "web", "linux", "tools", "data", "notes"}

// homeTerms are what people search for when they look for the blog itself.
var homeTerms = []string{"example org blog", "blog.example.org", "go duckdb blog"}

// oldURLs are links from before the site moved to its current layout: they
// still arrive from old bookmarks, stale links and crawlers, and get a 404.
var oldURLs = []string{
	"/2019/03/why-i-use-vim.html",
	"/2018/11/hello-world.html",
	"/2020/07/go-modules-cheatsheet.html",
	"/posts/go-error-wrapping",
	"/posts/duckdb-tips",
	"/blog/duckdb-tips/",
	"/category/go/",
	"/rss.xml",
	"/atom.xml",
	"/wp-content/uploads/2019/03/vim.png",
}

// weighted is a string with a relative weight; tables of them are turned into
// cumulative tables once, in newGenerator.
type weighted struct {
	s string
	w float64
}

// browsers are current browser user agents (mid 2025), weighted roughly by
// their share on a developer-oriented blog.
var browsers = []weighted{
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36", 14},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36", 9},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36", 3},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36", 10},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36", 5},
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36", 5},
	{"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36", 1},
	{"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Mobile Safari/537.36", 8},
	{"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36", 3},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/137.0.7151.107 Mobile/15E148 Safari/604.1", 2},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:139.0) Gecko/20100101 Firefox/139.0", 5},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", 1},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:139.0) Gecko/20100101 Firefox/139.0", 3},
	{"Mozilla/5.0 (X11; Linux x86_64; rv:139.0) Gecko/20100101 Firefox/139.0", 4},
	{"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", 2},
	{"Mozilla/5.0 (Android 14; Mobile; rv:139.0) Gecko/139.0 Firefox/139.0", 1},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15", 6},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1", 8},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1", 2},
	{"Mozilla/5.0 (iPad; CPU OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1", 1},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.0.0", 5},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36 Edg/137.0.0.0", 1},
	{"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36", 1},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36 OPR/119.0.0.0", 1},
	{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.7151.89 Mobile Safari/537.36", 1},
}

// crawler is a bot that walks the site: search engines, SEO tools and AI
// crawlers. Its addresses come from a few /24 networks, as real crawlers'
// do, which is what reverse-DNS checks in analytics tools rely on.
type crawler struct {
	ua       string
	nets     []string // "a.b.c." prefixes; the last octet is drawn
	visits   float64  // visits a day at Scale 1
	pages    [2]int   // pages a visit, min and max
	gap      [2]int   // seconds between two requests of a visit, min and max
	robots   float64  // chance a visit starts with /robots.txt
	sitemap  float64  // chance a visit then reads /sitemap.xml
	revisits float64  // chance a page is asked for conditionally and gets a 304
}

// crawlers use the real user agents of these bots.
var crawlers = []crawler{
	{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", []string{"66.249.66.", "66.249.68.", "66.249.79."}, 12, [2]int{1, 5}, [2]int{2, 40}, 0.5, 0.3, 0.2},
	{"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.7151.119 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", []string{"66.249.66.", "66.249.70."}, 8, [2]int{1, 4}, [2]int{2, 40}, 0.3, 0, 0.2},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", []string{"40.77.167.", "157.55.39.", "207.46.13."}, 9, [2]int{1, 4}, [2]int{5, 90}, 0.5, 0.2, 0.15},
	{"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", []string{"5.255.231.", "213.180.203.", "87.250.224."}, 3, [2]int{1, 4}, [2]int{3, 30}, 0.6, 0.2, 0},
	{"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", []string{"116.179.32.", "220.181.108."}, 2, [2]int{1, 3}, [2]int{3, 60}, 0.6, 0, 0},
	{"DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", []string{"20.191.45.", "40.88.21."}, 1.5, [2]int{1, 2}, [2]int{2, 20}, 0.8, 0, 0},
	{"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", []string{"54.36.148.", "54.36.149.", "5.39.1."}, 4, [2]int{2, 6}, [2]int{1, 15}, 0.7, 0.1, 0},
	{"Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", []string{"185.191.171.", "85.208.96."}, 3, [2]int{2, 6}, [2]int{1, 15}, 0.7, 0.1, 0},
	{"Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)", []string{"144.76.23.", "46.4.88."}, 1.5, [2]int{1, 5}, [2]int{2, 20}, 0.8, 0, 0},
	{"Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)", []string{"216.244.66."}, 1, [2]int{1, 4}, [2]int{2, 20}, 0.8, 0, 0},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", []string{"20.171.207.", "52.230.152."}, 2, [2]int{3, 10}, [2]int{1, 6}, 0.6, 0.2, 0},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", []string{"216.73.216.", "3.145.220."}, 2, [2]int{3, 10}, [2]int{1, 6}, 0.6, 0.2, 0},
	{"CCBot/2.0 (https://commoncrawl.org/faq/)", []string{"18.97.14.", "18.97.9."}, 0.5, [2]int{5, 15}, [2]int{1, 5}, 0.9, 0, 0},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)", []string{"44.221.181.", "54.90.207."}, 2, [2]int{1, 3}, [2]int{1, 10}, 0.5, 0, 0},
	{"Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)", []string{"47.128.22.", "47.128.56.", "110.249.201."}, 3, [2]int{2, 8}, [2]int{1, 10}, 0.3, 0, 0},
	{"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36", []string{"52.70.240.", "3.224.220."}, 2, [2]int{1, 5}, [2]int{2, 30}, 0.6, 0, 0},
}

// uptimeRobotUA is the monitoring service that checks the home page every
// five minutes, all day, whatever else happens.
const uptimeRobotUA = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"

// uptimeRobotNets are UptimeRobot's probe networks.
var uptimeRobotNets = []string{"69.162.124.", "216.144.248.", "63.143.42."}

// feedReader is a feed-reading service or a self-hosted reader polling the
// feed on a fixed period.
type feedReader struct {
	ua     string
	ip     string
	path   string
	period int // minutes between polls
}

// feedReaders poll every one to six hours; the hosted ones name their
// subscriber count in the user agent, as they do in real logs.
var feedReaders = []feedReader{
	{"Feedly/1.0 (+http://www.feedly.com/fetcher.html; 37 subscribers; like FeedFetcher-Google)", "54.174.53.102", "/feed/", 60},
	{"NewsBlur Feed Fetcher - 9 subscribers - https://www.newsblur.com/site/7260133/example-org-blog (Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.109 Safari/537.36)", "167.99.236.180", "/feed/", 90},
	{"Mozilla/5.0 (compatible; inoreader.com; 6 subscribers)", "185.206.224.20", "/index.xml", 120},
	{"Mozilla/5.0 (compatible; Miniflux/2.2.10; +https://miniflux.app)", "94.130.61.18", "/index.xml", 180},
	{"FreshRSS/1.26.3 (Linux; https://freshrss.org)", "2a01:4f8:c17:3a1e::1", "/feed/", 240},
	{"NetNewsWire (RSS Reader; https://netnewswire.com/)", "86.12.203.77", "/feed/", 360},
	{"Tiny Tiny RSS/24.11-6eb1f4d (https://tt-rss.org/)", "78.46.220.5", "/index.xml", 120},
	{"Feedbin feed-id:2241875 - 4 subscribers", "174.138.83.18", "/feed/", 150},
}

// probe is one request of a vulnerability scanner.
type probe struct {
	method, path string
	status       int
}

// probes are what scanners try on every site, whatever it runs. The server
// denies dotfiles outright (403) and has nothing else of theirs (404).
var probes = []probe{
	{"GET", "/wp-login.php", 404},
	{"POST", "/wp-login.php", 404},
	{"GET", "/xmlrpc.php", 404},
	{"POST", "/xmlrpc.php", 404},
	{"GET", "/.env", 403},
	{"GET", "/.git/config", 403},
	{"GET", "/wp-admin/", 404},
	{"GET", "/wp-includes/wlwmanifest.xml", 404},
	{"GET", "/admin/.env", 403},
	{"GET", "/phpmyadmin/", 404},
	{"GET", "/config.json", 404},
	{"GET", "/.aws/credentials", 403},
	{"GET", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", 404},
	{"GET", "/.DS_Store", 403},
	{"GET", "/backup.zip", 404},
	{"GET", "/wp-content/plugins/wp-file-manager/readme.txt", 404},
	{"GET", "/owa/auth/logon.aspx", 404},
	{"POST", "/boaform/admin/formLogin", 404},
	{"GET", "/server-status", 404},
	{"GET", "/.git/HEAD", 403},
}

// scannerUAs are what scanners send; one pretends to be an old Firefox, as
// many do, so only its paths give it away.
var scannerUAs = []string{
	"Mozilla/5.0 zgrab/0.x",
	"python-requests/2.31.0",
	"Go-http-client/1.1",
	"Mozilla/5.0 (l9scan/2.0.634313e26313e2235323e2333313; +https://leakix.net)",
	"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:40.0) Gecko/20100101 Firefox/40.1",
	"curl/8.5.0",
}

// hostingNets are cloud and hosting networks, where scanners and scripts run.
var hostingNets = []string{"45.148.10.", "185.224.128.", "193.41.206.", "104.248.33.", "167.94.138.", "162.243.12.", "159.65.201.", "34.106.77.", "143.110.180.", "5.181.80."}

// script is a command-line client run by someone now and then: a check with
// curl, a scraper, a mirror.
type script struct {
	ua, method string
	path       string // "" means a random post
	perDay     float64
}

var scripts = []script{
	{"curl/8.5.0", "HEAD", "/", 2},
	{"curl/8.5.0", "GET", "/index.xml", 0.5},
	{"python-requests/2.31.0", "GET", "/feed/", 1},
	{"Go-http-client/1.1", "GET", "/index.xml", 1.5},
	{"Wget/1.21.4", "GET", "", 0.7},
}

// v4Nets and v6Nets are the networks readers' addresses come from: a mix of
// home and mobile providers' ranges. Addresses are drawn inside them.
var v4Nets = []string{
	"81.2.", "86.143.", "92.40.", "109.190.", "151.80.", "73.162.", "24.17.", "98.207.",
	"71.198.", "174.95.", "2.86.", "82.64.", "90.116.", "37.201.", "84.157.", "93.211.",
	"62.155.", "178.197.", "85.1.", "212.51.", "31.16.", "95.91.", "188.174.", "203.0.",
	"101.180.", "122.58.", "49.36.", "117.213.", "189.6.", "201.17.", "41.13.", "105.112.",
	"176.58.", "46.114.", "87.122.", "77.22.", "99.231.", "142.115.", "70.52.", "68.180.",
}

var v6Nets = []string{
	"2a02:8109:b6c0:", "2a01:cb04:1d2:", "2600:1700:5a0:", "2601:646:8a00:",
	"2a00:23c5:e68e:", "2003:e4:bf1e:", "2405:6e00:2410:", "2a02:a466:68ed:",
	"2001:1c00:2a09:", "2a01:e0a:a35:",
}

// searchEngine is how one engine's referrer looks: prefix, the encoded
// terms if the engine passes them on, then suffix.
type searchEngine struct {
	prefix, suffix string
	terms          bool
	w              float64
}

// searchEngines: Google dominates, mostly on google.com but also on ccTLDs;
// DuckDuckGo and often Google send no terms at all.
var searchEngines = []searchEngine{
	{"https://www.google.com/", "", false, 22},
	{"https://www.google.com/search?q=", "", true, 26},
	{"https://www.google.de/search?q=", "", true, 4},
	{"https://www.google.co.uk/search?q=", "", true, 4},
	{"https://www.google.fr/search?q=", "", true, 2},
	{"https://www.google.com.au/search?q=", "", true, 1.5},
	{"https://www.google.ca/search?q=", "", true, 1.5},
	{"https://www.google.nl/search?q=", "", true, 1},
	{"https://www.google.co.in/search?q=", "", true, 2},
	{"https://www.google.de/", "", false, 2},
	{"https://www.bing.com/search?q=", "&form=QBLH", true, 9},
	{"https://duckduckgo.com/", "", false, 7},
	{"https://duckduckgo.com/?q=", "", true, 1},
	{"https://search.yahoo.com/search?p=", "", true, 3},
	{"https://yandex.ru/search/?text=", "&lr=213", true, 3},
	{"https://www.baidu.com/s?wd=", "", true, 1.5},
	{"https://www.ecosia.org/search?method=index&q=", "", true, 4.5},
}

// externalLink is a page on another site that links to a post: a backlink.
type externalLink struct {
	url  string
	slug string
	w    float64
}

// externalLinks send the referral traffic. Two point at posts published
// during the period and only start sending visits then.
var externalLinks = []externalLink{
	{"https://someone.github.io/notes/duckdb-links/", "duckdb-tips", 6},
	{"https://blog.example.co.uk/2025/04/weekly-reading/", "parsing-access-logs-fast", 3},
	{"https://www.example-news.com.au/tech/data-tools-roundup", "postgres-vs-duckdb-for-analytics", 3},
	{"https://stackoverflow.com/questions/71539284/how-to-wrap-errors-in-go", "go-error-wrapping", 8},
	{"https://dev.to/kat/my-favourite-go-posts-3k2j", "profiling-go-with-pprof", 3},
	{"https://github.com/someorg/awesome-duckdb", "duckdb-and-parquet-on-s3", 4},
	{"https://www.example.de/blog/logdateien-auswerten/", "nginx-log-formats", 3},
	{"https://medium.com/@dataeng/sql-i-wish-i-knew-earlier-7c1d2f", "window-functions-explained", 4},
	{"https://notes.example.net/til/systemd/", "systemd-timers-instead-of-cron", 2},
	{"https://wiki.example.org/wiki/Web_caching", "understanding-http-caching", 2},
	{"https://forum.example.fr/t/analyse-de-logs/1234", "self-hosting-analytics", 1.5},
	{"https://www.example.co.jp/tech/go-slog/", "structured-logging-with-slog", 1.5},
	{"https://gophers.example.dev/newsletter/142", "go-iterators-in-practice", 2},
	{"https://someone.github.io/til/2025-07-sessionizing/", "sessionizing-logs-with-sql", 2},
	{"https://lobste.rs/s/x1y2z3/i_replaced_our_analytics_stack_with_duckdb", "i-replaced-our-analytics-stack-with-duckdb", 2},
}

// Social networks send visits with referrers built in traffic.go; these are
// the fixed parts.
var (
	subreddits      = []string{"golang", "programming", "dataengineering", "selfhosted", "duckdb"}
	mastodonServers = []string{"mastodon.social", "hachyderm.io", "fosstodon.org", "infosec.exchange"}
	socialHandles   = []string{"someone", "gopherkat", "datadave", "linuxlu", "sqlsam", "opsoli"}
)
