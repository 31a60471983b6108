package ingest

import (
	"bytes"
	"time"
)

// combinedParser reads the NCSA Common and Combined log formats and the
// variants servers write by default:
//
//	client ident user [time] "request" status bytes
//	client ident user [time] "request" status bytes "referrer" "user agent"
//	vhost[:port] client ident user [time] "request" status bytes ...
//	... "referrer" "user agent" "x-forwarded-for" ... (nginx extras, ignored)
//
// It splits fields by hand rather than with a regular expression: on the
// development machine that was about 40 times faster, and the hand splitter
// can recover the lines a regular expression rejects (binary junk in the
// request, a user agent cut off before its closing quote).
//
// The variant is decided per line, so a file that mixes variants (a config
// change mid-day) loses nothing.
type combinedParser struct {
	lastTS  []byte // the last timestamp text, to skip parsing repeats
	lastT   time.Time
	methods map[string]string // interned method names
	protos  map[string]string // interned protocol names
}

func newCombinedParser() *combinedParser {
	return &combinedParser{methods: map[string]string{}, protos: map[string]string{}}
}

// parse fills h from line, or says why the line is not a log line.
func (p *combinedParser) parse(line []byte, h *Hit) error {
	*h = Hit{Line: h.Line, Bytes: -1}
	if len(bytes.TrimSpace(line)) == 0 {
		return ErrEmptyLine
	}

	// Everything before " [" is client, ident and user, maybe after a vhost.
	open := bytes.Index(line, []byte(" ["))
	if open < 0 {
		return ErrNoTimestamp
	}
	p.prefix(line[:open], h)
	rest := line[open+2:]
	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return ErrNoTimestamp
	}
	t, err := p.timestamp(rest[:end])
	if err != nil {
		return err
	}
	h.Time = t
	rest = skipSpaces(rest[end+1:])

	if len(rest) == 0 || rest[0] != '"' {
		return ErrNoRequest
	}
	req, rest, ok := requestField(rest[1:])
	if !ok {
		return ErrNoRequest
	}
	p.request(req, h)

	status, rest := token(skipSpaces(rest))
	if len(status) != 3 || !digits(status) {
		return ErrBadStatus
	}
	h.Status = int(status[0]-'0')*100 + int(status[1]-'0')*10 + int(status[2]-'0')

	size, rest := token(skipSpaces(rest))
	switch {
	case len(size) == 0 || (len(size) == 1 && size[0] == '-'):
		h.Bytes = -1
	case digits(size) && len(size) <= 18:
		h.Bytes = atoi(size)
	default:
		return ErrBadBytes
	}

	// Common format ends here; Combined goes on with referrer and agent.
	// A line without the agent field records no agent at all, which is
	// not the same as an agent logged as "-" (the client sent none): only
	// the second makes a bot.
	ref, rest := field(skipSpaces(rest))
	h.Referrer = text(dash(ref))
	rest = skipSpaces(rest)
	if len(rest) == 0 {
		h.NoAgent = true
		return nil
	}
	ua, _ := field(rest)
	h.UserAgent = text(dash(ua))
	return nil
}

// prefix reads the fields before the timestamp. Three are client, ident and
// user; four have a virtual host first (Apache's vhost_combined "%v:%p").
func (p *combinedParser) prefix(b []byte, h *Hit) {
	var f [4][]byte
	n := 0
	for len(b) > 0 && n < 4 {
		b = skipSpaces(b)
		if len(b) == 0 {
			break
		}
		f[n], b = token(b)
		n++
	}
	rest := bytes.TrimSpace(b) // a user name with spaces, or more fields
	switch {
	case n == 4 && len(f[1]) == 1 && f[1][0] == '-':
		// "client - john doe": a user name with a space, not a vhost (whose
		// second field is a client address, never "-").
		h.Client = text(f[0])
		user := append(append(append([]byte(nil), f[2]...), ' '), f[3]...)
		if len(rest) > 0 {
			user = append(append(user, ' '), rest...)
		}
		h.User = text(user)
	case n == 4:
		h.VHost = text(stripPort(f[0]))
		h.Client = text(f[1])
		user := f[3]
		if len(rest) > 0 {
			user = append(append(append([]byte(nil), f[3]...), ' '), rest...)
		}
		h.User = text(dash(user))
	case n == 3:
		h.Client, h.User = text(f[0]), text(dash(f[2]))
	case n == 2:
		h.Client, h.User = text(f[0]), text(dash(f[1]))
	case n == 1:
		h.Client = text(f[0])
	}
}

// stripPort drops ":443" from "example.org:443" (but not from an IPv6 address).
func stripPort(b []byte) []byte {
	i := bytes.LastIndexByte(b, ':')
	if i < 0 || i == len(b)-1 || !digits(b[i+1:]) || bytes.IndexByte(b[:i], ':') >= 0 {
		return b
	}
	return b[:i]
}

// request splits "GET /path?query HTTP/1.1". Anything else (TLS handshakes
// sent to port 80, scanner junk, "-") is kept whole in Path with no Method,
// so that it can still be counted and looked at.
func (p *combinedParser) request(req []byte, h *Hit) {
	req = dash(req)
	sp := bytes.IndexByte(req, ' ')
	if sp <= 0 || !isMethod(req[:sp]) {
		h.Path = text(req)
		return
	}
	h.Method = intern(p.methods, req[:sp])
	target := bytes.TrimSpace(req[sp+1:])
	if i := bytes.LastIndexByte(target, ' '); i >= 0 && bytes.HasPrefix(target[i+1:], []byte("HTTP/")) {
		h.Protocol = intern(p.protos, target[i+1:])
		target = bytes.TrimSpace(target[:i])
	} else if bytes.HasPrefix(target, []byte("HTTP/")) && bytes.IndexByte(target, ' ') < 0 {
		h.Protocol = intern(p.protos, target) // "GET HTTP/1.1": no target at all
		target = nil
	}
	if q := bytes.IndexByte(target, '?'); q >= 0 {
		h.Query = text(target[q+1:])
		target = target[:q]
	}
	h.Path = text(target)
}

func isMethod(b []byte) bool {
	if len(b) > 24 {
		return false
	}
	for _, c := range b {
		if (c < 'A' || c > 'Z') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

func intern(m map[string]string, b []byte) string {
	if s, ok := m[string(b)]; ok { // no allocation: the compiler optimises this lookup
		return s
	}
	s := text(b)
	if len(m) < 64 {
		m[s] = s
	}
	return s
}

// requestField finds the end of the quoted request field. Servers escape
// quotes inside it (Apache as \", nginx as \x22) but not always, so a quote
// only ends the field when a status code follows it; failing that, the first
// unescaped quote does.
func requestField(b []byte) (req, rest []byte, ok bool) {
	first := -1
	for i := 0; i < len(b); i++ {
		if b[i] != '"' || escaped(b, i) {
			continue
		}
		if first < 0 {
			first = i
		}
		if statusFollows(b[i+1:]) {
			return b[:i], b[i+1:], true
		}
	}
	if first < 0 {
		return nil, nil, false
	}
	return b[:first], b[first+1:], true
}

// statusFollows reports whether b starts with spaces and a 3-digit token.
func statusFollows(b []byte) bool {
	s := skipSpaces(b)
	if len(s) == len(b) {
		return false
	}
	t, _ := token(s)
	return len(t) == 3 && digits(t)
}

// escaped reports whether b[i] is preceded by an odd number of backslashes.
func escaped(b []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// field reads a quoted field, or a bare token. A quoted field with no
// closing quote runs to the end of the line: Apache writes such lines when
// a user agent is cut off, and the text is still worth keeping.
func field(b []byte) (value, rest []byte) {
	if len(b) == 0 {
		return nil, nil
	}
	if b[0] != '"' {
		return token(b)
	}
	for i := 1; i < len(b); i++ {
		if b[i] == '"' && !escaped(b, i) {
			return b[1:i], b[i+1:]
		}
	}
	return b[1:], nil
}

func token(b []byte) (tok, rest []byte) {
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		return b, nil
	}
	return b[:i], b[i:]
}

func skipSpaces(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

func digits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func atoi(b []byte) int64 {
	var n int64
	for _, c := range b {
		n = n*10 + int64(c-'0')
	}
	return n
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// timestamp parses "10/Oct/2000:13:55:36 -0700" into UTC. Consecutive
// lines usually share the second, so the last result is reused.
func (p *combinedParser) timestamp(b []byte) (time.Time, error) {
	if len(p.lastTS) > 0 && bytes.Equal(b, p.lastTS) {
		return p.lastT, nil
	}
	t, err := parseCLFTime(b)
	if err != nil {
		return time.Time{}, err
	}
	p.lastTS = append(p.lastTS[:0], b...)
	p.lastT = t
	return t, nil
}

func parseCLFTime(b []byte) (time.Time, error) {
	// 0         1         2
	// 01234567890123456789012345
	// 10/Oct/2000:13:55:36 -0700
	if len(b) != 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' || b[20] != ' ' {
		return time.Time{}, ErrBadTimestamp
	}
	num := func(s []byte) int {
		if !digits(s) {
			return -1
		}
		return int(atoi(s))
	}
	day, year, hour, min, sec := num(b[0:2]), num(b[7:11]), num(b[12:14]), num(b[15:17]), num(b[18:20])
	month := 0
	for i, m := range months {
		if string(b[3:6]) == m {
			month = i + 1
			break
		}
	}
	sign := b[21]
	oh, om := num(b[22:24]), num(b[24:26])
	if month == 0 || day < 1 || day > 31 || year < 1970 || hour < 0 || hour > 23 || min < 0 || min > 59 ||
		sec < 0 || sec > 60 || (sign != '+' && sign != '-') || oh < 0 || oh > 23 || om < 0 || om > 59 {
		return time.Time{}, ErrBadTimestamp
	}
	t := time.Date(year, time.Month(month), day, hour, min, sec, 0, time.UTC)
	if t.Day() != day { // 31/Feb
		return time.Time{}, ErrBadTimestamp
	}
	off := time.Duration(oh)*time.Hour + time.Duration(om)*time.Minute
	if sign == '-' {
		off = -off
	}
	return t.Add(-off), nil
}

var _ Reader = (*lineReader)(nil)

// openAccessLog is the reader of every access log kind: the parser decides
// the variant line by line.
func openAccessLog(name string, scan *lineScanner) Reader {
	return &lineReader{name: name, scan: scan, parse: newCombinedParser().parse}
}

// accessLogIs detects the access log variant named variant.
func accessLogIs(variant string) func(head []byte) bool {
	return func(head []byte) bool { return detectAccessLog(head) == variant }
}

// detectLines is how many non-empty lines detection looks at.
const detectLines = 20

// detectAccessLog recognises the Combined and Common formats and their vhost
// variants when the combined parser reads most of the first lines.
func detectAccessLog(head []byte) string {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 && !bytes.HasSuffix(head, []byte("\n")) {
		lines = lines[:len(lines)-1] // cut off by the length of head
	}
	p := newCombinedParser()
	var h Hit
	tried, ok, vhost, agent := 0, 0, 0, 0
	for _, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if tried++; tried > detectLines {
			break
		}
		if p.parse(l, &h) != nil {
			continue
		}
		ok++
		if h.VHost != "" {
			vhost++
		}
		if h.UserAgent != "" || h.Referrer != "" || hasQuotedTail(l) {
			agent++
		}
	}
	if tried == 0 || ok*2 < tried {
		return ""
	}
	switch {
	case vhost*2 > ok && agent > 0:
		return "vhost_combined"
	case vhost*2 > ok:
		return "vhost_common"
	case agent > 0:
		return "combined"
	}
	return "common"
}

// hasQuotedTail reports whether a line ends in a quoted field ("-" referrer
// and agent leave Referrer and UserAgent empty, yet the line is Combined).
func hasQuotedTail(l []byte) bool {
	l = bytes.TrimRight(l, " ")
	return len(l) > 0 && l[len(l)-1] == '"'
}
