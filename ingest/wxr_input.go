package ingest

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// The bytes a WXR reader's XML decoder reads. WordPress writes its exports
// with PHP string functions, not an XML library, and real exports break the
// XML rules in ways its own importer forgives (it falls back to a regexp
// parser): control characters pasted into posts, invalid UTF-8 from old
// plugins, a blog charset other than UTF-8, a bare & outside CDATA (core
// writes comment_author_url so: http://example.com/?a=1&b=2). wxrInput
// mends those so that encoding/xml reads on, and keeps the last bytes it
// handed out so that a rejected record's text (ParseError.Raw) can be
// shown.

const (
	wxrRawMax  = 1024 // bytes of a record kept for its reject
	wxrRingLen = 4096 // bytes kept behind the decoder: a start tag must fit
)

var xmlEncodingRe = regexp.MustCompile(`^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// wxrInput is an io.ByteReader (so that xml.Decoder reads it byte by byte,
// without a buffer of its own, and the bytes counted here are the decoder's
// offsets) over the export converted to UTF-8 and mended.
type wxrInput struct {
	br      *bufio.Reader
	pend    []byte // to hand out before br: a mended rune's rest, bytes again
	pbuf    [utf8.UTFMax]byte
	n       int64 // bytes handed out
	read    int64 // bytes taken from br
	cdata   wxrCDATA
	ring    [wxrRingLen]byte
	capture []*wxrCapture // records being kept, outermost first
}

// wxrCapture is the text of a record from its start tag, up to wxrRawMax.
type wxrCapture struct{ buf []byte }

// newWXRInput returns the mended input of r. A declared charset other than
// UTF-8 (an old blog's ISO-8859-1) is converted here, before the mending,
// which must see UTF-8; the decoder is then told to take the bytes as they
// are (wxrCharsetReader).
func newWXRInput(r io.Reader) (*wxrInput, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); string(head) == "\xEF\xBB\xBF" {
		br.Discard(3) // a byte order mark, which encoding/xml would take as text
	}
	head, _ := br.Peek(512)
	in := &wxrInput{br: br}
	m := xmlEncodingRe.FindSubmatch(head)
	if m == nil || isUTF8Label(string(m[1])) {
		return in, nil
	}
	cr, err := charset.NewReaderLabel(string(m[1]), br)
	if err != nil {
		return nil, fmt.Errorf("reading WXR in charset %q: %w", m[1], err)
	}
	in.br = bufio.NewReaderSize(cr, 64<<10)
	return in, nil
}

func isUTF8Label(l string) bool {
	l = strings.ToLower(l)
	return l == "utf-8" || l == "utf8" || l == "us-ascii" || l == "ascii"
}

// wxrCharsetReader is the decoder's CharsetReader: newWXRInput has already
// converted the input to UTF-8, whatever the declaration says.
func wxrCharsetReader(_ string, in io.Reader) (io.Reader, error) { return in, nil }

// ReadByte hands out the next byte, mended: a control character XML does
// not allow becomes a space (so that offsets and lines stay put), and a byte
// that is not part of valid UTF-8, or a non-character, becomes U+FFFD.
func (in *wxrInput) ReadByte() (byte, error) {
	if len(in.pend) > 0 {
		b := in.pend[0]
		in.pend = in.pend[1:]
		in.keep(b)
		return b, nil
	}
	b, err := in.br.ReadByte()
	if err != nil {
		return 0, err
	}
	in.cdata.step(b)
	switch {
	case b < 0x20 && b != '\t' && b != '\n' && b != '\r':
		b = ' '
	case b >= 0x80:
		in.br.UnreadByte()
		in.pend = in.mendRune()
		return in.ReadByte()
	case b == '&' && !in.cdata.inside && !in.referenceAhead():
		in.pend = []byte("amp;")
	}
	in.read++
	in.keep(b)
	return b, nil
}

// referenceAhead reports whether the bytes after an & make a reference
// encoding/xml knows: &#38;, &#x26;, &amp; and the other XML names, or an
// HTML entity name (the decoder is given xml.HTMLEntity). Else the & is
// written as &amp;.
func (in *wxrInput) referenceAhead() bool {
	peek, _ := in.br.Peek(40)
	end := bytes.IndexByte(peek, ';')
	if end < 1 {
		return false
	}
	ref := string(peek[:end])
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		if hex, ok := strings.CutPrefix(num, "x"); ok {
			return hex != "" && strings.Trim(hex, "0123456789abcdefABCDEF") == ""
		}
		return num != "" && strings.Trim(num, "0123456789") == ""
	}
	switch ref {
	case "amp", "lt", "gt", "quot", "apos":
		return true
	}
	_, ok := xml.HTMLEntity[ref]
	return ok
}

// wxrCDATA follows whether the input is inside a CDATA section, where an &
// is text and needs no mending.
type wxrCDATA struct {
	inside bool
	m      int // bytes of the marker matched
}

func (c *wxrCDATA) step(b byte) {
	marker := "<![CDATA["
	if c.inside {
		marker = "]]>"
	}
	switch {
	case b == marker[c.m]:
		if c.m++; c.m == len(marker) {
			c.inside, c.m = !c.inside, 0
		}
	case c.inside && c.m == 2 && b == ']': // "]]]>": still two ] matched
	default:
		c.m = 0
		if b == marker[0] {
			c.m = 1
		}
	}
}

// mendRune reads one rune's bytes and returns them, or U+FFFD for a byte
// that starts no valid rune (only that byte is consumed then).
func (in *wxrInput) mendRune() []byte {
	peek, _ := in.br.Peek(utf8.UTFMax)
	r, size := utf8.DecodeRune(peek)
	if r == utf8.RuneError && size <= 1 || r == 0xFFFE || r == 0xFFFF {
		in.br.Discard(1)
		in.read++
		return []byte("\uFFFD")
	}
	n := copy(in.pbuf[:], peek[:size])
	in.br.Discard(size)
	in.read += int64(size)
	return in.pbuf[:n]
}

// Read is for xml.Decoder's CharsetReader call, which wants an io.Reader.
func (in *wxrInput) Read(p []byte) (int, error) {
	for i := range p {
		b, err := in.ReadByte()
		if err != nil {
			if i > 0 {
				return i, nil
			}
			return 0, err
		}
		p[i] = b
	}
	return len(p), nil
}

func (in *wxrInput) keep(b byte) {
	in.ring[in.n%wxrRingLen] = b
	in.n++
	for _, c := range in.capture {
		if len(c.buf) < wxrRawMax {
			c.buf = append(c.buf, b)
		}
	}
}

// startCapture begins keeping a record's text from offset from (the start
// of its start tag, which the decoder has already read).
func (in *wxrInput) startCapture(from int64) *wxrCapture {
	if from < in.n-wxrRingLen {
		from = in.n - wxrRingLen
	}
	c := &wxrCapture{}
	for o := max(from, 0); o < in.n && len(c.buf) < wxrRawMax; o++ {
		c.buf = append(c.buf, in.ring[o%wxrRingLen])
	}
	in.capture = append(in.capture, c)
	return c
}

// endCapture stops keeping c's text and returns it.
func (in *wxrInput) endCapture(c *wxrCapture) []byte {
	for i, o := range in.capture {
		if o == c {
			in.capture = append(in.capture[:i], in.capture[i+1:]...)
			break
		}
	}
	return c.buf
}

// unread hands out again the last n bytes handed out (n within the ring).
func (in *wxrInput) unread(n int64) {
	back := make([]byte, 0, n+int64(len(in.pend)))
	for o := in.n - n; o < in.n; o++ {
		back = append(back, in.ring[o%wxrRingLen])
	}
	in.pend = append(back, in.pend...)
}

// inject hands out b before the rest of the input.
func (in *wxrInput) inject(b []byte) {
	in.pend = append(slices.Clip(b), in.pend...)
}

// scanToItem reads on to the next "<item>" (or "<item " with attributes),
// which it leaves to be handed out again, and reports whether it found one,
// whether it passed an "</rss" on the way, and the line breaks before it.
func (in *wxrInput) scanToItem() (found, end bool, lines int64, err error) {
	var win []byte
	for {
		b, err := in.ReadByte()
		if err != nil {
			return false, end, lines, err
		}
		if b == '\n' {
			lines++
		}
		win = append(win, b)
		if len(win) > 6 {
			win = win[1:]
		}
		s := string(win)
		if strings.HasSuffix(s, "</rss") {
			end = true
		}
		if len(s) == 6 && s[:5] == "<item" && (s[5] == '>' || s[5] == ' ' || s[5] == '\t' || s[5] == '\n' || s[5] == '\r') {
			in.unread(6)
			return true, false, lines - int64(strings.Count(s, "\n")), nil
		}
	}
}
