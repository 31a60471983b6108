package transform

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

// TestRealElasticPageViews compares cmpulse's daily unique visitors and top
// 10 pages on the real Apache log with a computation made here without
// cmpulse's parser, views or SQL: a regular expression reads each line; a
// visitor is an (address, user agent) pair; a hit is a bot when
// classify.ParseAgent says so (the crawler list is the one part shared: it
// is tested on its own in package classify) or when its visitor fetched
// /robots.txt; a page view is a non-bot GET answered 200 or 304 whose path
// has none of the static extensions below and is not a feed (by path or by
// a feed query such as Blosxom's ?flav=rss20, which this site serves),
// robots.txt, favicon or sitemap. Every line of this log is +0000, so the UTC day is the
// log's day.
func TestRealElasticPageViews(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "shared", "data", "real", "weblogs", "elastic_apache_logs.log")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no real sample data (it lives beside the checkout in ../shared): %v", err)
	}

	// The independent count.
	line := regexp.MustCompile(`^(\S+) \S+ \S+ \[(\d\d)/(\w+)/(\d{4}):[^\]]*\] "(\S+) ([^" ]*)[^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"?$`)
	static := regexp.MustCompile(`(?i)\.(css|js|mjs|map|xsl|xslt|class|wasm|png|jpe?g|jpe|gif|webp|avif|apng|jxl|jp2|svgz?|ico|cur|bmp|tiff?|heic|heif|xbm|xpm|pcx|psd|e?ps|woff2?|ttf|otf|eot|mp4|m4v|webm|ogv|ogg|oga|opus|mp3|mp2|wav|flac|m4a|aac|wma|wmv|asf|asx|avi|mov|movie|qtm?|mkv|mpe?g|flv|swf|3gp|midi?|ra|ram|au|aiff?|pdf|txt|rtf|docx?|dot|xlsx?|pptx?|ppsx?|od[tspgfb]|wpd|epub|mobi|azw3|ibooks|zip|gz|gzip|tgz|bz2?|tbz2?|xz|txz|zst|lz|lzma|z|7z|rar|tar|arc|arj|cab|sit|sea|hqx|torrent|exe|msi|msp|dmg|pkg|deb|rpm|apk|jar|bin|iso|img|phps|csv|json|xml|rss|atom|rdf|ics)$`)
	// A feed asked for by query string: WordPress's feed=, Blosxom's
	// flav=rss20, and format/type/output/mode/view=rss|atom|rdf|feed.
	feedQuery := func(q string) bool {
		v, _ := url.ParseQuery(q)
		if v.Get("feed") != "" {
			return true
		}
		for _, k := range []string{"flav", "format", "type", "output", "mode", "view"} {
			for _, x := range v[k] {
				x = strings.ToLower(x)
				if x == "rdf" || x == "feed" || strings.HasPrefix(x, "rss") || strings.HasPrefix(x, "atom") {
					return true
				}
			}
		}
		return false
	}
	meta := regexp.MustCompile(`(?i)(^|/)(feed|rss|atom)(/|$)|sitemap[^/]*\.xml$|^/apple-touch-icon|^/favicon\.ico$|^/robots\.txt$|^/index\.xml$`)
	type hit struct{ visitor, day, method, path, query, status, ua string }
	var hits []hit
	robots := map[string]bool{}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("independent parser cannot read %q", sc.Text())
		}
		p, q, _ := strings.Cut(m[6], "?")
		h := hit{visitor: m[1] + "|" + m[8], day: m[4] + "-" + m[3] + "-" + m[2], method: m[5], path: p, query: q, status: m[7], ua: m[8]}
		if p == "/robots.txt" {
			robots[h.visitor] = true
		}
		hits = append(hits, h)
	}
	f.Close()
	months := strings.NewReplacer("-May-", "-05-")
	daily := map[string]map[string]bool{}
	pages := map[string]int{}
	for _, h := range hits {
		bot := classify.ParseAgent(h.ua).Bot || robots[h.visitor]
		if bot || h.method != "GET" || (h.status != "200" && h.status != "304") || !strings.HasPrefix(h.path, "/") ||
			static.MatchString(strings.ToLower(h.path)) || meta.MatchString(strings.ToLower(h.path)) || feedQuery(h.query) {
			continue
		}
		day := months.Replace(h.day)
		if daily[day] == nil {
			daily[day] = map[string]bool{}
		}
		daily[day][h.visitor] = true
		pages[h.path]++
	}
	var wantDaily []string
	for d, v := range daily {
		wantDaily = append(wantDaily, fmt.Sprintf("%s %d", d, len(v)))
	}
	sort.Strings(wantDaily)
	type pc struct {
		path string
		n    int
	}
	var ranked []pc
	for p, n := range pages {
		ranked = append(ranked, pc{p, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		return ranked[i].path < ranked[j].path
	})
	var wantTop []string
	for _, r := range ranked[:10] {
		wantTop = append(wantTop, fmt.Sprintf("%s %d", r.path, r.n))
	}

	// cmpulse's.
	ctx := context.Background()
	wh := filepath.Join(t.TempDir(), "wh")
	if _, err := ingest.Ingest(ctx, []string{path}, ingest.Options{Warehouse: wh, Site: "semicomplete.com"}); err != nil {
		t.Fatal(err)
	}
	db, err := warehouse.OpenDB(ctx, wh, warehouse.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	strs := func(q string) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a string
			var n int
			if err := rows.Scan(&a, &n); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %d", a, n))
		}
		return out
	}
	gotDaily := strs("SELECT strftime(CAST(ts AS DATE), '%Y-%m-%d'), count(DISTINCT visitor_id) FROM pageviews GROUP BY 1 ORDER BY 1")
	gotTop := strs("SELECT path, count(*) FROM pageviews GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")
	if diff := cmp.Diff(wantDaily, gotDaily); diff != "" {
		t.Errorf("daily unique visitors (-independent +cmpulse):\n%s", diff)
	}
	if diff := cmp.Diff(wantTop, gotTop); diff != "" {
		t.Errorf("top 10 pages (-independent +cmpulse):\n%s", diff)
	}
	t.Logf("daily unique visitors: %v; top pages: %v", gotDaily, gotTop[:3])

	// parquet-go v0.32 wrote a run of NULLs of this file as "" (lines
	// 1795-1856) while nullable text columns were plain strings; they are
	// *string now. Read the files themselves, as pandas would.
	var empty int
	files := filepath.Join(wh, "hits", "*", "*", "*.parquet")
	if err := db.QueryRow(`SELECT count(*) FROM read_parquet(?) WHERE source = '' OR keyword = '' OR referrer_domain = '' OR bot_name = '' OR browser = '' OR referrer = ''`, files).Scan(&empty); err != nil || empty != 0 {
		t.Errorf("%d hits have '' where NULL is meant (%v)", empty, err)
	}
}
