package ingest

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Helpers that the readers of social exports share: HTML bodies to plain
// text, and the links, hashtags and mentions of a text.

// htmlText returns the text of an HTML fragment (a toot's content, a forum
// post's cooked body, a blog comment): tags dropped, entities decoded,
// paragraphs and line breaks as newlines, and the href of each link kept in
// links (in order, without repeats).
func htmlText(fragment string) (text string, links []string) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	seen := map[string]bool{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(b.String()), links
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tt != html.EndTagToken && tag == "a" && hasAttr {
				if href := attr(z, "href"); href != "" && !seen[href] && isWebLink(href) {
					seen[href] = true
					links = append(links, href)
				}
			}
			if tag == "br" || (tt == html.EndTagToken && blockTag(tag)) {
				b.WriteByte('\n')
			}
		}
	}
}

func attr(z *html.Tokenizer, name string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == name {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

func blockTag(t string) bool {
	switch t {
	case "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr":
		return true
	}
	return false
}

func isWebLink(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

var (
	linkRe    = regexp.MustCompile(`https?://[^\s<>"'\x60]+`)
	hashtagRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)`)
	mentionRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_@/.])@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)`)
)

// textLinks returns the http(s) links written in a plain text, trailing
// punctuation left out, in order and without repeats.
func textLinks(s string) []string {
	if !strings.Contains(s, "://") {
		return nil // the regexp costs more than most texts' reading
	}
	var out []string
	seen := map[string]bool{}
	for _, l := range linkRe.FindAllString(s, -1) {
		l = strings.TrimRight(l, ".,;:!?)]}»…")
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// hashtags returns the #tags of a text, lower-cased, without the #, in
// order and without repeats.
func hashtags(s string) []string {
	if !strings.Contains(s, "#") {
		return nil
	}
	return uniqueLower(hashtagRe.FindAllStringSubmatch(s, -1))
}

// mentions returns the @handles of a text (also @user@instance), lower-cased,
// without the leading @, in order and without repeats.
func mentions(s string) []string {
	if !strings.Contains(s, "@") {
		return nil
	}
	return uniqueLower(mentionRe.FindAllStringSubmatch(s, -1))
}

func uniqueLower(ms [][]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		v := strings.ToLower(m[1])
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
