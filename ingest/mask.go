package ingest

import (
	"encoding/hex"
	"net/netip"
	"strings"
)

// Rejected lines are kept in rejects.raw for a person to see why they were
// rejected; without --keep-ip the client addresses in them are masked like
// the hits' (SPEC): each becomes "ip:" and a keyed hash of (site, address),
// so that the rejects of one address can still be told together, and the
// address cannot be recovered without the warehouse key.
//
// A reject is a line that could not be read, so the masking cannot trust
// its fields: it masks the client field where an access log has it (the
// first field, or the second after a vhost field), and every IPv4 or IPv6
// literal anywhere else (a proxy's X-Forwarded-For in the agent, an address
// in the request, junk from a scanner). A dotted quad that is not an
// address ("Chrome/124.0.0.0") is masked too: the mask errs on the side of
// privacy.

// maskRaw returns raw with its client addresses masked. truncated says
// that raw was cut at maxRaw, so that an address at its very end may be
// incomplete.
func (m *rowMaker) maskRaw(raw, format string, truncated bool) string {
	cs, ce := -1, -1
	if k := kindOf(format); k != nil && k.ClientFirst {
		cs, ce = clientSpan(raw)
	}
	var b strings.Builder
	last := 0
	emit := func(s, e int) {
		b.WriteString(raw[last:s])
		b.WriteString(m.maskAddr(raw[s:e]))
		last = e
	}
	for i := 0; i < len(raw); {
		if i == cs {
			emit(cs, ce)
			i = ce
			continue
		}
		if !addrByte(raw[i]) {
			i++
			continue
		}
		j := i
		for j < len(raw) && addrByte(raw[j]) {
			j++
		}
		if truncated && j == len(raw) && strings.ContainsAny(raw[i:j], ".:") {
			emit(i, j) // maybe the start of an address cut short
		} else {
			for _, sp := range addrSpans(raw, i, j) {
				emit(sp[0], sp[1])
			}
		}
		i = j
	}
	if last == 0 {
		return raw
	}
	b.WriteString(raw[last:])
	return b.String()
}

// maskAddr is the mask of one address: a keyed hash, as for visitor_id.
func (m *rowMaker) maskAddr(addr string) string {
	h := m.mac
	h.Reset()
	h.Write([]byte(m.site))
	h.Write([]byte{0})
	h.Write([]byte(addr))
	m.macOut = h.Sum(m.macOut[:0])
	return "ip:" + hex.EncodeToString(m.macOut[:8])
}

// addrByte reports whether c can be part of an IP address literal.
func addrByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.'
}

func wordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// addrSpans returns the IP address literals in the run s[i:j] of address
// bytes: the run itself when it is one (without a sentence's final dot or
// colon), else the IPv4 addresses in it ("1.2.3.4:8080", "a1.2.3.4").
func addrSpans(s string, i, j int) [][2]int {
	k := j
	for k > i && (s[k-1] == '.' || s[k-1] == ':') {
		k--
	}
	if a, err := netip.ParseAddr(s[i:k]); err == nil && !a.IsUnspecified() {
		// An IPv6 literal must stand alone: "Foo::Bar" has "::Ba" in it.
		if a.Is4() || (i == 0 || !wordByte(s[i-1])) && (k == len(s) || !wordByte(s[k])) {
			return [][2]int{{i, k}}
		}
	}
	var out [][2]int
	for p := i; p < j; {
		if s[p] < '0' || s[p] > '9' {
			p++
			continue
		}
		q := p
		for q < j && (s[q] >= '0' && s[q] <= '9' || s[q] == '.') {
			q++
		}
		e := q
		for e > p && s[e-1] == '.' {
			e--
		}
		if a, err := netip.ParseAddr(s[p:e]); err == nil && a.Is4() && !a.IsUnspecified() {
			out = append(out, [2]int{p, e})
		}
		p = q
	}
	return out
}

// clientSpan finds the client field of an access log line, as
// combinedParser.prefix reads it: the first field, or the second after a
// vhost field ("vhost:port client ident user [..."). A reject may be
// anything, so the field must look like a host name or an address (an IP
// literal elsewhere is masked anyway). It returns -1, -1 when there is none.
func clientSpan(s string) (int, int) {
	head := s
	bracket := strings.Index(s, " [")
	if bracket >= 0 {
		head = s[:bracket]
	}
	var st, en [4]int
	n := 0
	for i := 0; n < 4; n++ {
		for i < len(head) && (head[i] == ' ' || head[i] == '\t') {
			i++
		}
		if i == len(head) {
			break
		}
		st[n] = i
		for i < len(head) && head[i] != ' ' {
			i++
		}
		en[n] = i
	}
	if n == 0 {
		return -1, -1
	}
	field := func(k int) string { return head[st[k]:en[k]] }
	vhost := n >= 2 && (hasPort(field(0)) || bracket >= 0 && n == 4 && field(1) != "-")
	switch {
	case vhost && hostLike(field(1)):
		return st[1], en[1]
	case hostLike(field(0)):
		return st[0], en[0]
	}
	return -1, -1
}

// hostLike reports whether f could be a host name or an address.
func hostLike(f string) bool {
	if !strings.ContainsAny(f, ".:") {
		return false
	}
	word := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case wordByte(c):
			word = true
		case c == '.' || c == ':' || c == '-' || c == '[' || c == ']' || c == '%':
		default:
			return false
		}
	}
	return word
}

// hasPort reports whether f ends in ":<digits>", as a vhost field does.
func hasPort(f string) bool {
	i := strings.LastIndexByte(f, ':')
	return i > 0 && i < len(f)-1 && digits([]byte(f[i+1:]))
}
