package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// remoteURL matches a URL that makes the browser go to the network: an
// http(s) URL, or a scheme-relative one (//host/...), which from a file://
// page is a file URL on most systems but a network share on some.
var remoteURL = regexp.MustCompile(`(?i)^\s*(https?:|//|\\\\)`)

// cssURL finds url(...) and @import "..." in CSS.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]*)`)

// loadAttrs are the attributes through which an element loads something.
// <a href> is left out: a user's click on a link in a table is allowed, the
// page loading something by itself is not.
var loadAttrs = []string{"src", "href", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href", "ping", "manifest"}

// TestNoNetwork parses every page of the sample and the XSS reports and
// fails on any URL that would make the browser fetch from the network:
// scripts, stylesheets, images, frames, media sources, fonts and other
// url()s in the stylesheet, inline styles, <style> elements, and
// <meta http-equiv=refresh>.
func TestNoNetwork(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    func() *Report
	}{
		{"sample", sampleReport},
		{"xss", xssReport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTemp(t, tt.r())
			for _, p := range pages(t, dir) {
				name := filepath.Base(p)
				doc := parseHTML(t, p)
				for _, n := range findAll(doc, func(*node) bool { return true }) {
					for _, a := range n.Attr {
						if n.Data == "a" && a.Key == "href" {
							continue
						}
						if isLoadAttr(a.Key) && remoteURL.MatchString(a.Val) {
							t.Errorf("%s: <%s %s=%q> loads from the network", name, n.Data, a.Key, a.Val)
						}
						if a.Key == "srcset" && strings.Contains(a.Val, "//") {
							t.Errorf("%s: <%s srcset=%q> may load from the network", name, n.Data, a.Val)
						}
						if a.Key == "style" {
							checkCSS(t, name+" style attribute", a.Val)
						}
					}
					if n.Data == "style" {
						checkCSS(t, name+" <style>", textOf(n))
					}
					if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
						t.Errorf("%s: <meta http-equiv=refresh content=%q>", name, attr(n, "content"))
					}
				}
				// Every script and stylesheet the page loads is a file of
				// the report.
				for _, n := range findAll(doc, func(n *node) bool {
					return (n.Data == "script" && hasAttr(n, "src")) || (n.Data == "link" && hasAttr(n, "href"))
				}) {
					ref := attr(n, "src") + attr(n, "href")
					if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(ref))); err != nil {
						t.Errorf("%s: <%s> refers to %q, which the report does not contain", name, n.Data, ref)
					}
				}
			}
			css, err := os.ReadFile(filepath.Join(dir, StylesheetFile))
			if err != nil {
				t.Fatal(err)
			}
			checkCSS(t, StylesheetFile, string(css))
		})
	}
}

func isLoadAttr(key string) bool {
	for _, k := range loadAttrs {
		if key == k {
			return true
		}
	}
	return false
}

func checkCSS(t *testing.T, where, css string) {
	t.Helper()
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		u := m[1] + m[2]
		if remoteURL.MatchString(u) {
			t.Errorf("%s: url %q loads from the network", where, u)
		}
	}
	if strings.Contains(strings.ToLower(css), "@font-face") {
		t.Errorf("%s: @font-face: the report uses system fonts", where)
	}
}

// TestRemoteURLPattern keeps the detector of TestNoNetwork honest.
func TestRemoteURLPattern(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://cdn.example/echarts.min.js", true},
		{"HTTP://cdn.example/x.css", true},
		{"//cdn.example/x.js", true},
		{" https://x", true},
		{"./echarts.min.js", false},
		{"echarts.min.js", false},
		{"style.css", false},
		{"data:image/png;base64,AAAA", false},
	}
	for _, tt := range tests {
		if got := remoteURL.MatchString(tt.in); got != tt.want {
			t.Errorf("remoteURL.MatchString(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	css := `@font-face{src:url("https://fonts.example/a.woff2")} a{background:url(//x.example/i.png)} @import "https://x.example/y.css";`
	var got []string
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		got = append(got, m[1]+m[2])
	}
	want := []string{"https://fonts.example/a.woff2", "//x.example/i.png", "https://x.example/y.css"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("cssURL found %q, want %q", got, want)
	}
}
