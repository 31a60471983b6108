package warehouse

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// TestPageviewDefinition evaluates the page view macros of
// queries/definitions.sql in DuckDB on paths and query strings: the SPEC's
// page view leaves out static assets (by extension) and feeds (by path or
// by a feed query string).
func TestPageviewDefinition(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, HitsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := OpenDB(ctx, dir, DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tt := range []struct {
		path  string
		query any // string or nil (NULL)
		want  bool
	}{
		// Pages.
		{"/", nil, true},
		{"/blog/post/", "", true},
		{"/index.html", nil, true},
		{"/shuttle/missions/sts-69/mission-sts-69.html", nil, true},
		{"/page.php", "id=3", true},
		{"/cgi-bin/imagemap/countdown", "99,176", true},
		{"/search", "q=feed", true},
		{"/news/", "format=html", true},
		{"/feedback/", nil, true},
		{"/docs/", "type=rsvp", true},
		{"/blog/", "feed=", true},
		// Static assets the list missed before (items of issue 6).
		{"/applets/Clock.jar", nil, false},
		{"/style/page.xsl", nil, false},
		{"/style/page.XSLT", nil, false},
		{"/media/intro.swf", nil, false},
		{"/papers/report.doc", nil, false},
		{"/images/NASA-logosmall.xbm", nil, false},
		{"/shuttle/countdown/video/livevideo.mpg", nil, false},
		{"/video/launch.mpeg", nil, false},
		{"/video/clip.flv", nil, false},
		{"/video/clip.wmv", nil, false},
		{"/files/budget.xlsx", nil, false},
		{"/files/slides.pptx", nil, false},
		{"/files/letter.odt", nil, false},
		{"/files/letter.rtf", nil, false},
		{"/books/guide.epub", nil, false},
		{"/dl/setup.exe", nil, false},
		{"/dl/setup.msi", nil, false},
		{"/dl/app.dmg", nil, false},
		{"/dl/app.deb", nil, false},
		{"/dl/app.rpm", nil, false},
		{"/dl/app.apk", nil, false},
		{"/dl/disk.iso", nil, false},
		{"/dl/firmware.bin", nil, false},
		{"/applets/Main.class", nil, false},
		{"/cal/events.ics", nil, false},
		// Static assets already in the list.
		{"/static/app.css", nil, false},
		{"/static/app.js", "v=3", false},
		{"/img/a.JPG", nil, false},
		{"/fonts/a.woff2", nil, false},
		{"/a.pdf", nil, false},
		// Feeds by path and by query string.
		{"/feed/", nil, false},
		{"/blog/rss/", nil, false},
		{"/index.xml", nil, false},
		{"/", "feed=rss2", false},
		{"/", "feed=atom", false},
		{"/", "p=12&feed=comments-rss2", false},
		{"/blog/index.cgi", "flav=rss20", false},
		{"/blog/index.cgi", "flav=atom", false},
		{"/news/", "format=rss", false},
		{"/news/", "format=RSS2", false},
		{"/news/", "type=rss", false},
		{"/news/", "type=atom", false},
		{"/news/", "output=atom", false},
		{"/index.php", "option=com_content&format=feed&type=rss", false},
		// robots.txt, favicon, sitemap.
		{"/robots.txt", nil, false},
		{"/favicon.ico", nil, false},
		{"/sitemap.xml", nil, false},
	} {
		var got bool
		if err := db.QueryRowContext(ctx, "SELECT is_pageview('GET', 200, $1, $2, false)", tt.path, tt.query).Scan(&got); err != nil {
			t.Fatalf("is_pageview(%q, %v): %v", tt.path, tt.query, err)
		}
		if got != tt.want {
			t.Errorf("is_pageview('GET', 200, %q, %v, false) = %v, want %v", tt.path, tt.query, got, tt.want)
		}
	}
	// The other conditions still hold.
	for _, tt := range []struct {
		method string
		status int
		bot    bool
		want   bool
	}{
		{"GET", 304, false, true}, {"HEAD", 200, false, false}, {"POST", 200, false, false},
		{"GET", 404, false, false}, {"GET", 200, true, false},
	} {
		var got sql.NullBool
		if err := db.QueryRowContext(ctx, "SELECT is_pageview($1, $2, '/', NULL, $3)", tt.method, tt.status, tt.bot).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got.Bool != tt.want {
			t.Errorf("is_pageview(%q, %d, '/', NULL, %v) = %v, want %v", tt.method, tt.status, tt.bot, got.Bool, tt.want)
		}
	}
}
