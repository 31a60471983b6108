package classify

import (
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Source is where a visit came from, read from its referrer and landing URL.
type Source struct {
	// Channel is one of "direct", "internal", "search", "ai", "social",
	// "email", "referral" (the Channel* constants).
	Channel string
	// Host is the referrer's host: lower-case, ASCII (an IDN in its
	// punycode form, as browsers send it), without port or trailing dot,
	// "www." kept. For an android-app:// referrer it is the app id.
	// A host that cannot be decoded (bytes in a legacy encoding, which
	// logs show as \xHH escapes, or a name IDNA refuses) is kept as
	// written. "" when there is no referrer or none could be read from it.
	Host string
	// Domain is the registrable domain of Host (eTLD+1 from the public
	// suffix list), e.g. "example.co.uk" for "blog.example.co.uk" and
	// "someone.github.io" for itself; for an IP address or a host kept as
	// written, Host itself (the SPEC shows them as written); "" for
	// single-label hosts such as localhost, and app ids.
	Domain string
	// Engine names the search engine ("Google", "Bing", "DuckDuckGo", ...),
	// AI assistant ("ChatGPT", "Perplexity", "Claude", ...), social site ("Facebook", "X", "LinkedIn", "Reddit", "Hacker News",
	// "Mastodon", ...) or mail service ("Gmail", "Outlook", ...) when it is
	// known; for a channel told by utm tags, the utm_source ("newsletter");
	// "" otherwise.
	Engine string
	// Keyword is, for the search channel only, the search terms:
	// percent-decoded, lower-cased, spaces collapsed, at most 200
	// characters; "(not provided)" when the referrer carries none.
	Keyword string
}

// maxKeyword caps Source.Keyword, in characters (runes): long enough for any
// real query, short enough that a pasted essay does not bloat a column.
const maxKeyword = 200

// Referrers classifies referrers for one site. The zero value knows no own
// hosts, so every referrer is external; use NewReferrers.
type Referrers struct {
	own map[string]bool
}

// NewReferrers returns a classifier for a site whose own host names are
// ownHosts. Matching is case-insensitive and a host counts with or without
// "www." ("example.com" also makes "www.example.com" internal and the other
// way round); other subdomains do not, because blog.example.com may well be
// a different community's site. An entry may also be a URL or host:port.
func NewReferrers(ownHosts []string) *Referrers {
	r := &Referrers{own: make(map[string]bool)}
	for _, h := range ownHosts {
		u := splitURL(strings.TrimSpace(h))
		host, ok := normalHost(u.host)
		if !ok {
			continue
		}
		r.own[host] = true
		if bare, found := strings.CutPrefix(host, "www."); found {
			r.own[bare] = true
		} else {
			r.own["www."+host] = true
		}
	}
	return r
}

// Hosts returns the own host names of a site: the site itself, its "www."
// variant (or its bare variant if it starts with "www."), then extra, all
// lower-cased, without blanks or duplicates. It is what NewReferrers wants
// when a configuration names a site and maybe a few more hosts.
func Hosts(site string, extra []string) []string {
	var out []string
	seen := make(map[string]bool)
	add := func(h string) {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || seen[h] {
			return
		}
		seen[h] = true
		out = append(out, h)
	}
	site = strings.ToLower(strings.TrimSpace(site))
	if site != "" {
		add(site)
		if bare, ok := strings.CutPrefix(site, "www."); ok {
			add(bare)
		} else {
			add("www." + site)
		}
	}
	for _, h := range extra {
		add(h)
	}
	return out
}

// Classify reads a raw referrer as logged and the landing request's query
// string (without '?', may be "") and says where the visit came from.
//
// The referrer may be "" or "-" (no referrer: direct), garbage, carry the
// \xHH escapes Apache and nginx write for bytes outside ASCII, miss its
// scheme ("www.google.com/search?q=x"), have a port, user info or an IDN
// host. A referrer from which no host can be read ("not a url") is still a
// referrer, so it is "referral" with Host "": the raw text stays in the
// hits table for whoever wants to look.
//
// utm tags on the landing URL decide the channel wherever they say one
// (SPEC: "a utm_source/utm_medium tag decides the channel where present"):
// utm_medium=email (or a newsletter in utm_medium/utm_source) makes the
// visit "email", utm_medium=social "social", whatever the referrer says: a
// newsletter read in a webmail, or a tagged post opened through a search
// result, is still that campaign. Mail clients send no referrer, so without
// the tags a newsletter would count as direct. An internal referrer is
// never a source, tagged or not.
//
// AI assistants tag their links too (ChatGPT adds utm_source=chatgpt.com):
// a utm_source that is an assistant's host makes the visit "ai", with that
// assistant as its source.
func (r *Referrers) Classify(referrer, landingQuery string) Source {
	src := r.fromReferrer(referrer)
	if src.Channel == ChannelInternal {
		return src
	}
	ch, name := taggedChannel(landingQuery), ""
	if n, ok := taggedAssistant(landingQuery); ok {
		ch, name = ChannelAI, n
	}
	if ch == "" || ch == src.Channel {
		return src
	}
	if src.Channel != ChannelDirect && src.Channel != ChannelReferral {
		// The referrer's engine and search terms belong to its own
		// channel, not to the campaign's.
		src.Engine, src.Keyword = "", ""
	}
	src.Channel = ch
	if name != "" {
		src.Engine = name
	} else if src.Engine == "" {
		// The campaign's own name for where it was sent ("newsletter",
		// "mastodon"): better than no source.
		src.Engine = findParam(landingQuery, "utm_source", cleanTag)
	}
	return src
}

func (r *Referrers) fromReferrer(referrer string) Source {
	ref := strings.TrimSpace(referrer)
	if ref == "" || ref == "-" {
		return Source{Channel: ChannelDirect}
	}
	if strings.IndexByte(ref, '\\') >= 0 {
		ref = unescapeLogged(ref)
	}
	u := splitURL(ref)

	if u.scheme == "android-app" {
		app := strings.ToLower(u.host)
		if !isAppID(app) {
			return Source{Channel: ChannelReferral}
		}
		src := Source{Channel: ChannelReferral, Host: app}
		if i, ok := siteIndex.apps[app]; ok {
			s := &sites[i]
			src.Channel, src.Engine = s.Channel, s.Name
			if s.Channel == ChannelSearch {
				src.Keyword = notProvided
			}
		}
		return src
	}

	host, ok := normalHost(u.host)
	if !ok {
		host, ok = writtenHost(u.host)
		if !ok || (u.scheme == "" && !u.slashes) {
			return Source{Channel: ChannelReferral}
		}
		return Source{Channel: ChannelReferral, Host: host, Domain: host}
	}
	if u.scheme == "" && !u.slashes && !strings.Contains(host, ".") {
		// Without a scheme, only something shaped like a domain is
		// taken for a host: "localhost" or "foo" alone is a word.
		return Source{Channel: ChannelReferral}
	}
	src := Source{Channel: ChannelReferral, Host: host, Domain: registrableDomain(host)}
	if src.Domain == "" && isIP(host) {
		src.Domain = host // the SPEC shows an address as written
	}
	if r != nil && r.own[host] {
		src.Channel = ChannelInternal
		return src
	}
	i, ok := siteIndex.lookup(host, src.Domain)
	if !ok {
		return src
	}
	s := &sites[i]
	src.Channel, src.Engine = s.Channel, s.Name
	if s.Channel == ChannelSearch {
		src.Keyword = searchTerms(s.Params, u.query, u.fragment)
		if strings.HasPrefix(u.path, "/url") && (strings.HasPrefix(src.Keyword, "http://") || strings.HasPrefix(src.Keyword, "https://")) {
			// Google's click redirect: its q is sometimes the
			// destination URL, not what was searched.
			src.Keyword = notProvided
		}
	}
	return src
}

// searchTerms returns the first non-blank search parameter in the query,
// then in the fragment (Google's instant search once put "#q=" there).
func searchTerms(params []string, query, fragment string) string {
	for _, part := range [...]string{query, fragment} {
		for _, p := range params {
			if kw := findParam(part, p, cleanKeyword); kw != "" {
				return kw
			}
		}
	}
	return notProvided
}

// taggedAssistant reports whether the utm_source of a landing query is the
// host of an AI assistant, and names it.
func taggedAssistant(query string) (string, bool) {
	if query == "" || !strings.Contains(query, "utm_source") {
		return "", false
	}
	host, ok := normalHost(findParam(query, "utm_source", cleanTag))
	if !ok {
		return "", false
	}
	i, ok := siteIndex.lookup(host, registrableDomain(host))
	if !ok || sites[i].Channel != ChannelAI {
		return "", false
	}
	return sites[i].Name, true
}

// taggedChannel reads the utm tags of a landing query: "email", "social" or
// "" when they say neither.
func taggedChannel(query string) string {
	if query == "" || !strings.Contains(query, "utm_") {
		return ""
	}
	medium := findParam(query, "utm_medium", cleanTag)
	source := findParam(query, "utm_source", cleanTag)
	switch {
	case medium == "email", medium == "e-mail", medium == "e_mail", medium == "mail",
		strings.Contains(medium, "newsletter"), strings.Contains(medium, "email"),
		strings.Contains(source, "newsletter"), source == "email", source == "e-mail":
		return ChannelEmail
	case strings.Contains(medium, "social"):
		return ChannelSocial
	}
	return ""
}

// rawURL is a referrer cut into the parts Classify needs. It is cut by hand
// because url.Parse rejects too much of what is found in logs (one bad
// escape in the path and the whole referrer is lost) and accepts hosts that
// are not hosts.
type rawURL struct {
	scheme   string // lower-case, "" if none
	slashes  bool   // the host followed "//"
	host     string // as written, port and user info removed
	path     string // from the first '/' to '?' or '#'
	query    string // after '?', before '#'
	fragment string // after '#'
}

func splitURL(s string) rawURL {
	var u rawURL
	rest := s
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		u.scheme = strings.ToLower(s[:i])
		u.slashes = true
		rest = s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		u.slashes = true
		rest = s[2:]
	}
	// Browsers read a backslash as a slash in web URLs, so it ends the
	// host too.
	end := strings.IndexAny(rest, "/?#\\")
	authority, tail := rest, ""
	if end >= 0 {
		authority, tail = rest[:end], rest[end:]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	u.host = stripPort(authority)

	if i := strings.IndexByte(tail, '#'); i >= 0 {
		u.fragment = tail[i+1:]
		tail = tail[:i]
	}
	if i := strings.IndexByte(tail, '?'); i >= 0 {
		u.query = tail[i+1:]
		tail = tail[:i]
	}
	u.path = tail
	return u
}

// isScheme reports whether s is an RFC 3986 scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// stripPort removes ":port" and the brackets of an IPv6 literal.
func stripPort(authority string) string {
	if strings.HasPrefix(authority, "[") {
		if end := strings.IndexByte(authority, ']'); end > 0 {
			return authority[1:end]
		}
		return authority
	}
	if i := strings.IndexByte(authority, ':'); i >= 0 {
		return authority[:i]
	}
	return authority
}

// normalHost returns h as Source.Host shows it: lower-case ASCII, IDNs in
// punycode, no trailing dot. ok is false when h is not a host name or IP
// address, e.g. it has spaces or bytes that are not UTF-8.
func normalHost(h string) (string, bool) {
	if h == "" {
		return "", false
	}
	if addr, err := netip.ParseAddr(h); err == nil {
		return addr.WithZone("").String(), true
	}
	if strings.IndexByte(h, '%') >= 0 {
		h = unescapePercent(h, false)
	}
	h = strings.TrimSuffix(h, ".")
	if !isASCII(h) {
		if !utf8.ValidString(h) {
			return "", false
		}
		a, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return "", false
		}
		h = a
	}
	h = strings.ToLower(h)
	if len(h) == 0 || len(h) > 253 {
		return "", false
	}
	label := 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == '.':
			if label == 0 {
				return "", false
			}
			label = 0
			continue
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return "", false
		}
		label++
	}
	return h, label > 0
}

// writtenHost returns a host that normalHost cannot read, as the log wrote
// it, when it is a host name in some encoding rather than garbage: it has
// bytes outside ASCII (a legacy encoding such as windows-1251, or Unicode
// that IDNA refuses) and otherwise only the characters of host names.
// Those bytes are shown as the \xHH escapes Apache and nginx write for
// them, so that the text matches the log and the column stays ASCII.
func writtenHost(h string) (string, bool) {
	if strings.IndexByte(h, '%') >= 0 {
		h = unescapePercent(h, false)
	}
	h = strings.TrimSuffix(h, ".")
	if isASCII(h) || len(h) > 253 || strings.HasPrefix(h, ".") || strings.Contains(h, "..") {
		return "", false
	}
	if utf8.ValidString(h) {
		// Unicode that is not a name: spaces and symbols are garbage.
		for _, r := range h {
			if r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return "", false
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c >= utf8.RuneSelf:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&15])
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// registrableDomain is the eTLD+1 of host, "" for IP addresses and hosts
// that are a public suffix or have a single label.
func registrableDomain(host string) string {
	if strings.IndexByte(host, ':') >= 0 || isIPv4(host) {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return ""
	}
	return d
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil
}

func isIPv4(h string) bool {
	a, err := netip.ParseAddr(h)
	return err == nil && a.Is4()
}

func isAppID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// siteIndex finds the entry of sites that matches a host without walking
// the whole list for every referrer.
var siteIndex = newIndex(sites)

type index struct {
	hosts    map[string]int // "bing.com" patterns
	brands   map[string]int // "google.*" patterns, keyed "google", "www.google"
	prefixes []prefix       // "mail." patterns, in list order
	apps     map[string]int // Android app ids
}

type prefix struct {
	prefix string
	site   int
}

func newIndex(list []site) *index {
	x := &index{hosts: map[string]int{}, brands: map[string]int{}, apps: map[string]int{}}
	put := func(m map[string]int, k string, i int) {
		if _, dup := m[k]; !dup {
			m[k] = i
		}
	}
	for i, s := range list {
		for _, h := range s.Hosts {
			switch {
			case strings.HasSuffix(h, ".*"):
				put(x.brands, strings.TrimSuffix(h, ".*"), i)
			case strings.HasSuffix(h, "."):
				x.prefixes = append(x.prefixes, prefix{h, i})
			default:
				put(x.hosts, h, i)
			}
		}
		for _, a := range s.Apps {
			put(x.apps, strings.ToLower(a), i)
		}
	}
	return x
}

// lookup returns the index in sites of the earliest entry matching host,
// whose registrable domain is domain.
func (x *index) lookup(host, domain string) (int, bool) {
	best := -1
	better := func(i int) {
		if best < 0 || i < best {
			best = i
		}
	}
	for h := host; ; {
		if i, ok := x.hosts[h]; ok {
			better(i)
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	if domain != "" {
		if _, icann := publicsuffix.PublicSuffix(domain); icann {
			key := domain
			if dot := strings.IndexByte(domain, '.'); dot > 0 {
				key = domain[:dot]
			}
			// Keep the subdomain with its dot: "www." + "google".
			key = host[:len(host)-len(domain)] + key
			if i, ok := x.brands[key]; ok {
				better(i)
			}
		}
	}
	for _, p := range x.prefixes {
		if strings.HasPrefix(host, p.prefix) {
			better(p.site)
			break
		}
	}
	return best, best >= 0
}

// findParam returns clean(value) of the first parameter called name in a
// query string whose cleaned value is not empty. Unlike url.ParseQuery it
// never gives up on the whole query because of one bad escape.
func findParam(query, name string, clean func(string) string) string {
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		key, value, _ := strings.Cut(pair, "=")
		if key != name && unescapePercent(key, true) != name {
			continue
		}
		if v := clean(value); v != "" {
			return v
		}
	}
	return ""
}

// cleanKeyword turns a raw query value into Source.Keyword: '+' and %20 are
// spaces; bad escapes are kept as written; bytes that are not UTF-8 are read
// as Latin-1 (old engines and pages sent ISO-8859-1: %E4 for "ä");
// control characters become spaces; then case-folded, trimmed, spaces
// collapsed and capped at maxKeyword characters.
func cleanKeyword(raw string) string {
	s := unescapePercent(raw, true)
	if !utf8.ValidString(s) {
		s = latin1(s)
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if utf8.RuneCountInString(s) > maxKeyword {
		n := 0
		for i := range s {
			if n == maxKeyword {
				s = strings.TrimSpace(s[:i])
				break
			}
			n++
		}
	}
	return s
}

// cleanTag reads a utm tag value: decoded, lower-case, trimmed.
func cleanTag(raw string) string {
	return strings.ToLower(strings.TrimSpace(unescapePercent(raw, true)))
}

// unescapePercent decodes %XX escapes (and '+' as a space when plus is
// true), keeping any '%' that does not start a valid escape as it is.
func unescapePercent(s string, plus bool) string {
	if strings.IndexByte(s, '%') < 0 && (!plus || strings.IndexByte(s, '+') < 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+' && plus:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescapeLogged undoes the escapes Apache and nginx write into log fields:
// \xHH for a byte outside printable ASCII, \" and \\.
func unescapeLogged(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch n := s[i+1]; {
			case n == 'x' && i+3 < len(s) && isHex(s[i+2]) && isHex(s[i+3]):
				b.WriteByte(unhex(s[i+2])<<4 | unhex(s[i+3]))
				i += 3
				continue
			case n == '"' || n == '\\':
				b.WriteByte(n)
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// latin1 keeps the valid UTF-8 in s and reads every other byte as the
// Latin-1 character of the same number.
func latin1(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = rune(s[i])
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
