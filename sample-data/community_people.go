package sampledata

// The people of the demo blog's community, the own accounts, and the
// blog's titles. Like catalog.go this is data: the scenario in
// community_scenario.go decides who says what and when.

// Own accounts of the demo blog. The archives name the X and Mastodon
// accounts themselves (account.js, actor.json) and the WXR its authors; a
// Telegram export does not say who exported it, so the demo's config must
// name the own Telegram account (see CommunityOwn).
const (
	ownName      = "Camille Martin"
	ownFirst     = "Camille"
	ownEmail     = "camille@example.org"
	ownXHandle   = "exampleorgblog"
	ownXName     = "Camille · Example.org Blog"
	ownXEmail    = "social@example.org"
	ownMastodon  = "exampleblog"
	ownMastoHost = "fosstodon.org"
	ownTgID      = "user5012345678"
	coName       = "Jo Lefèvre" // the blog's second author, who moderates
	coLogin      = "jo"
	coEmail      = "jo@example.org"

	chatName = "Example.org Blog · Community"
	chatID   = 1876543210
	blogName = "Example.org Blog"
)

// ownXCreated is when the own X account was made; its id is the snowflake
// of that moment.
const ownXCreatedMs = 1600071693000 // 2020-09-14T08:21:33Z

// CommunityOwn returns the own accounts of the demo's community by platform,
// as the demo's config should name them for ingest.NewOwn: the Telegram
// account (which the export cannot tell), the blog author's name and e-mail
// (one of her comments was written logged out, so only they tell it is
// hers), and, though their archives say so themselves, the X and Mastodon
// handles.
func CommunityOwn() map[string][]string {
	return map[string][]string{
		"x":        {ownXHandle},
		"mastodon": {ownMastodon + "@" + ownMastoHost},
		"blog":     {ownName, ownEmail},
		"telegram": {ownTgID, ownName},
	}
}

// member is a person of the community. The same person has the same
// display name on the blog and in the Telegram group, so that the
// newcomer rule can tell them across platforms; X and Mastodon people are
// known by their handles.
type member struct {
	name   string // display name
	handle string // username on X, Mastodon and Telegram; "" for none on Telegram
	server string // Mastodon server
	lang   string // en or fr: what they write in
	xID    uint64 // set only for followers known by their id alone
}

// first is the name a reply addresses them by.
func (m *member) first() string {
	for i := 0; i < len(m.name); i++ {
		if m.name[i] == ' ' {
			return m.name[:i]
		}
	}
	return m.name
}

// The pools the scenario draws people from, by role. They do not overlap,
// except that three of the blog's regulars also sit in the Telegram group
// (tgRegulars names them), so that some people are known on two platforms.
var (
	// blogRegulars have commented before the period: never newcomers.
	blogRegulars = []*member{
		{name: "Kat Nguyen", handle: "gopherkat", server: "hachyderm.io", lang: "en"},
		{name: "Dave Okafor", handle: "datadave", server: "mastodon.social", lang: "en"},
		{name: "Lu Svensson", handle: "linuxlu", server: "fosstodon.org", lang: "en"},
		{name: "Sam Whitfield", handle: "sqlsam", server: "mastodon.social", lang: "en"},
		{name: "Léa Dupont", handle: "lea_dpt", server: "piaille.fr", lang: "fr"},
		{name: "Hugo Bernard", handle: "hugob", server: "mamot.fr", lang: "fr"},
		{name: "Tom Becker", handle: "tbecker", server: "chaos.social", lang: "en"},
		{name: "Priya Raman", handle: "priyadata", server: "hachyderm.io", lang: "en"},
		{name: "Mathieu Roux", handle: "mroux", server: "mastodon.online", lang: "fr"},
		{name: "Oli Patel", handle: "opsoli", server: "infosec.exchange", lang: "en"},
	}
	// blogNewcomers comment for the first time during the period.
	blogNewcomers = []*member{
		{name: "Hannah Cole", handle: "hcole", lang: "en"},
		{name: "Inès Moreau", handle: "ines_m", lang: "fr"},
		{name: "Marcus Reid", handle: "mreid_dev", lang: "en"},
		{name: "Julien Fournier", handle: "jfournier", lang: "fr"},
		{name: "Yuki Tanaka", handle: "yukit", lang: "en"},
		{name: "Manon Girard", handle: "manong", lang: "fr"},
		{name: "Ben Carter", handle: "bencarter", lang: "en"},
		{name: "Grace Liu", handle: "graceliu", lang: "en"},
		{name: "Théo Mercier", handle: "theomercier", lang: "fr"},
		{name: "Ivan Petrov", handle: "ipetrov", lang: "en"},
		{name: "Sarah Benali", handle: "sbenali", lang: "fr"},
		{name: "Sofia Rossi", handle: "sofiarossi", lang: "en"},
		{name: "Nicolas Faure", handle: "nfaure", lang: "fr"},
		{name: "Noah Fischer", handle: "noahf", lang: "en"},
		{name: "Élodie Blanc", handle: "elodieb", lang: "fr"},
		{name: "Emma Brooks", handle: "emmab", lang: "en"},
		{name: "Antoine Chevalier", handle: "achevalier", lang: "fr"},
		{name: "Raj Mehta", handle: "rajm", lang: "en"},
	}
	// tgRegulars were in the Telegram group before the export starts.
	tgRegulars = []*member{
		blogRegulars[0], blogRegulars[4], blogRegulars[6],
		{name: "Clara Fontaine", handle: "clarafontaine", lang: "fr"},
		{name: "Leo Schmidt", handle: "leoschmidt", lang: "en"},
		{name: "Yanis Haddad", handle: "yanish", lang: "fr"},
		{name: "Zoe Park", handle: "zoepark", lang: "en"},
		{name: "Pauline Garnier", handle: "paulineg", lang: "fr"},
		{name: "Jamal Wright", handle: "jamalw", lang: "en"},
		{name: "Lucas Perrin", handle: "lucasperrin", lang: "fr"},
		{name: "Ana Costa", handle: "anacosta", lang: "en"},
	}
	// tgJoiners join the group during the export, by link or invited.
	// Three have no username, as many Telegram users do: they can only be
	// mentioned by name.
	tgJoiners = []*member{
		{name: "Margaux Henry", handle: "margauxh", lang: "fr"},
		{name: "Chloe Evans", handle: "chloeevans", lang: "en"},
		{name: "Karim Saïdi", handle: "ksaidi", lang: "fr"},
		{name: "Juliette Morel", handle: "juliette_morel", lang: "fr"},
		{name: "Bastien Leroy", handle: "bleroy", lang: "fr"},
		{name: "Daniel Kim", handle: "dkim", lang: "en"},
		{name: "Amandine Roussel", handle: "aroussel", lang: "fr"},
		{name: "Romain Vidal", handle: "rvidal", lang: "fr"},
		{name: "Nadia Belkacem", lang: "fr"},
		{name: "Quentin Lefebvre", handle: "qlefebvre", lang: "fr"},
		{name: "Émilie Gauthier", handle: "egauthier", lang: "fr"},
		{name: "Oscar Lindqvist", handle: "oscarl", lang: "en"},
		{name: "Fatima Zahra", handle: "fzahra", lang: "fr"},
		{name: "Henry Walsh", handle: "hwalsh", lang: "en"},
		{name: "Lina Haddou", lang: "fr"},
		{name: "Victor Meyer", handle: "vmeyer", lang: "fr"},
		{name: "Rachel Adams", handle: "radams", lang: "en"},
		{name: "Paul Girard", handle: "paulgirard", lang: "fr"},
		{name: "Mei Chen", handle: "meichen", lang: "en"},
		{name: "Arthur Colin", handle: "acolin", lang: "fr"},
		{name: "Sven Olsen", handle: "svenolsen", lang: "en"},
		{name: "Jade Moulin", handle: "jademoulin", lang: "fr"},
		{name: "Tariq Hussain", handle: "tariqh", lang: "en"},
		{name: "Louise Bertin", handle: "lbertin", lang: "fr"},
		{name: "Ethan Cross", handle: "ecross", lang: "en"},
		{name: "Alice Perret", handle: "aliceperret", lang: "fr"},
		{name: "Marco Bianchi", handle: "mbianchi", lang: "en"},
		{name: "Océane Roy", handle: "oceaneroy", lang: "fr"},
		{name: "Samir Kaci", handle: "skaci", lang: "fr"},
		{name: "Ruth Hale", handle: "ruthhale", lang: "en"},
		{name: "Gaëlle Marchand", handle: "gmarchand", lang: "fr"},
		{name: "Owen Price", handle: "owenprice", lang: "en"},
		{name: "Hamza Bouzid", lang: "fr"},
		{name: "Elsa Lindgren", handle: "elsal", lang: "en"},
		{name: "Maxime Carré", handle: "maxcarre", lang: "fr"},
		{name: "Priscilla Okoye", handle: "pokoye", lang: "en"},
		{name: "Adrien Petit", handle: "adrienp", lang: "fr"},
		{name: "Kofi Mensah", handle: "kofim", lang: "en"},
	}
	// xPeople are the accounts the own X account talks with in public and
	// retweets, and the Mastodon accounts the own Mastodon account replies
	// to and boosts (by their handle on server).
	xPeople = []*member{
		{name: "Kat Nguyen", handle: "gopherkat", server: "hachyderm.io", lang: "en"},
		{name: "Dave Okafor", handle: "datadave", server: "mastodon.social", lang: "en"},
		{name: "Lu Svensson", handle: "linuxlu", server: "fosstodon.org", lang: "en"},
		{name: "Sam Whitfield", handle: "sqlsam", server: "mastodon.social", lang: "en"},
		{name: "Oli Patel", handle: "opsoli", server: "infosec.exchange", lang: "en"},
		{name: "someone", handle: "someone", server: "mastodon.social", lang: "en"},
		{name: "Go News", handle: "golang_news", server: "mastodon.social", lang: "en"},
		{name: "DuckDB Weekly", handle: "duckdbweekly", server: "fosstodon.org", lang: "en"},
		{name: "Aurélie Vasseur", handle: "avasseur", server: "piaille.fr", lang: "fr"},
		{name: "Nora Lindgren", handle: "noralind", server: "hachyderm.io", lang: "en"},
		{name: "Bruno Caillet", handle: "bcaillet", server: "mamot.fr", lang: "fr"},
		{name: "Peter Novak", handle: "pnovak", server: "chaos.social", lang: "en"},
		{name: "Data Eng FR", handle: "dataengfr", server: "piaille.fr", lang: "fr"},
		{name: "Ops Weekly", handle: "opsweekly", server: "infosec.exchange", lang: "en"},
		{name: "Ingrid Solberg", handle: "isolberg", server: "fosstodon.org", lang: "en"},
		{name: "Rémi Garnier", handle: "remig", server: "mastodon.online", lang: "fr"},
		{name: "Fiona Walsh", handle: "fionaw", server: "hachyderm.io", lang: "en"},
		{name: "Kenji Sato", handle: "kenjis", server: "mastodon.social", lang: "en"},
	}
	// dmPeople write to the own X account privately; X DMs name people
	// by account id only.
	dmPeople = []*member{
		{name: "Laura Simmons", handle: "laurasim", lang: "en"},
		{name: "Pierre Duval", handle: "pduval", lang: "fr"},
		{name: "Acme Analytics", handle: "acmeanalytics", lang: "en"},
		{name: "Growth Hacker Pro", handle: "growthhacker_pro", lang: "en"},
		{name: "Chris Moreno", handle: "cmoreno", lang: "en"},
		{name: "Sophie Laurent", handle: "slaurent", lang: "fr"},
		{name: "Dev Patel", handle: "devpatel", lang: "en"},
		{name: "Hélène Robin", handle: "hrobin", lang: "fr"},
		{name: "Mike Turner", handle: "miketurner", lang: "en"},
		{name: "Guest Speaker", handle: "nina_talks", lang: "en"},
		{name: "Baptiste Noël", handle: "bnoel", lang: "fr"},
	}
	// spammers post on the blog and in the group; their messages are
	// spam, not questions, whatever they say.
	spammers = []*member{
		{name: "Best Casino Bonus", handle: "casino_bonus_24", lang: "en"},
		{name: "SEO Services Pro", handle: "seo_pro_links", lang: "en"},
		{name: "CryptoKing Signals", handle: "cryptoking_signals", lang: "en"},
		{name: "Cheap Watches", handle: "watches4u", lang: "en"},
	}
)

// titles are the blog's post titles by slug (catalog.go's posts).
var titles = map[string]string{
	"why-i-still-write-makefiles":                "Why I still write Makefiles",
	"sqlite-is-enough":                           "SQLite is enough",
	"go-error-wrapping":                          "Error wrapping in Go, explained",
	"reading-parquet-files-in-go":                "Reading Parquet files in Go",
	"duckdb-tips":                                "DuckDB tips I wish I'd known sooner",
	"postgres-vs-duckdb-for-analytics":           "Postgres vs DuckDB for analytics",
	"structured-logging-with-slog":               "Structured logging with slog",
	"nginx-log-formats":                          "nginx log formats, demystified",
	"a-tiny-static-site-generator":               "A tiny static site generator",
	"profiling-go-with-pprof":                    "Profiling Go with pprof",
	"understanding-http-caching":                 "Understanding HTTP caching",
	"systemd-timers-instead-of-cron":             "systemd timers instead of cron",
	"go-iterators-in-practice":                   "Go iterators in practice",
	"window-functions-explained":                 "SQL window functions explained",
	"benchmarking-json-decoders":                 "Benchmarking JSON decoders",
	"my-dotfiles-in-2024":                        "My dotfiles in 2024",
	"parsing-access-logs-fast":                   "Parsing access logs fast",
	"duckdb-and-parquet-on-s3":                   "DuckDB and Parquet on S3",
	"self-hosting-analytics":                     "Self-hosting your analytics",
	"generics-two-years-later":                   "Go generics, two years later",
	"zstd-vs-gzip-for-logs":                      "zstd vs gzip for logs",
	"sql-style-guide":                            "An SQL style guide",
	"the-case-for-boring-tech":                   "The case for boring tech",
	"arrow-for-go-developers":                    "Arrow for Go developers",
	"testing-with-golden-files":                  "Testing with golden files",
	"counting-unique-visitors-without-cookies":   "Counting unique visitors without cookies",
	"duckdb-json-functions":                      "DuckDB's JSON functions",
	"backpressure-in-go-pipelines":               "Backpressure in Go pipelines",
	"a-year-of-self-hosting":                     "A year of self-hosting",
	"sessionizing-logs-with-sql":                 "Sessionizing logs with SQL",
	"parquet-row-groups-explained":               "Parquet row groups explained",
	"i-replaced-our-analytics-stack-with-duckdb": "I replaced our analytics stack with DuckDB",
	"bot-traffic-is-half-the-web":                "Bot traffic is half the web",
	"goroutine-leaks-in-the-wild":                "Goroutine leaks in the wild",
	"postmortem-the-day-the-blog-went-down":      "Postmortem: the day the blog went down",
	"whats-new-in-go-1-25":                       "What's new in Go 1.25",
	"writing-a-log-parser-in-go":                 "Writing a log parser in Go",
	"percentiles-in-sql":                         "Percentiles in SQL",
	"caching-strategies-for-static-sites":        "Caching strategies for static sites",
	"reading-gzip-logs-in-parallel":              "Reading gzip logs in parallel",
	"ipv6-in-my-homelab":                         "IPv6 in my homelab",
	"small-tools-for-big-logs":                   "Small tools for big logs",
	"notes-on-timezones-in-logs":                 "Notes on time zones in logs",
}

// topics name a tag in a sentence, in English and French.
var topics = map[string][2]string{
	"go":          {"Go", "Go"},
	"duckdb":      {"DuckDB", "DuckDB"},
	"sql":         {"SQL", "SQL"},
	"parquet":     {"Parquet", "Parquet"},
	"performance": {"performance", "les performances"},
	"web":         {"HTTP", "HTTP"},
	"linux":       {"Linux", "Linux"},
	"tools":       {"tooling", "l'outillage"},
	"data":        {"data", "la donnée"},
	"notes":       {"self-hosting", "l'auto-hébergement"},
}

// talkers are the xPeople who are people, not news accounts: those who
// ask, thank and complain.
func talkers() []*member {
	var out []*member
	for _, m := range xPeople {
		switch m.handle {
		case "golang_news", "duckdbweekly", "opsweekly", "dataengfr":
		default:
			out = append(out, m)
		}
	}
	return out
}
