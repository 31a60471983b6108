package sampledata

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// A small JSON writer for the community exports. It keeps keys in the
// order given (a key may even repeat, as in Mastodon's outbox) and writes
// the whitespace of each exporter, so that the demo's files look like real
// ones down to their layout: X archives are pretty-printed with
// `"key" : value` and `[ ]`, Telegram Desktop indents by one space,
// Mastodon writes everything on one line. encoding/json sorts map keys,
// escapes <, > and & and has one layout, which is why it is not used here.

// jobj is a JSON object: its members in order.
type jobj []jkv

// jkv is one member of a jobj.
type jkv struct {
	k string
	v any
}

// jarr is a JSON array.
type jarr []any

// jstyle is an exporter's layout.
type jstyle struct {
	indent   string // one level; "" writes everything on one line
	colon    string // between a key and its value
	emptyArr string
	emptyObj string
}

var (
	// xStyle is Jackson's default pretty printer, as in X archives.
	xStyle = jstyle{indent: "  ", colon: " : ", emptyArr: "[ ]", emptyObj: "{ }"}
	// tgStyle is Telegram Desktop's result.json.
	tgStyle = jstyle{indent: " ", colon: ": ", emptyArr: "[]", emptyObj: "{}"}
	// compactStyle is Mastodon's archive.
	compactStyle = jstyle{colon: ":", emptyArr: "[]", emptyObj: "{}"}
)

// encode returns v as JSON in style s, starting at indentation depth.
func (s jstyle) encode(v any, depth int) []byte {
	var b bytes.Buffer
	s.write(&b, v, depth)
	return b.Bytes()
}

// write appends v. Values are strings, ints, bools, nil, jobj, jarr and
// []string; anything else is a programming error written as null.
func (s jstyle) write(b *bytes.Buffer, v any, depth int) {
	switch v := v.(type) {
	case string:
		writeJSONString(b, v)
	case int:
		b.WriteString(strconv.Itoa(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case []string:
		a := make(jarr, len(v))
		for i, x := range v {
			a[i] = x
		}
		s.write(b, a, depth)
	case jarr:
		s.writeArr(b, v, depth)
	case jobj:
		s.writeObj(b, v, depth)
	default:
		b.WriteString("null")
	}
}

func (s jstyle) writeArr(b *bytes.Buffer, a jarr, depth int) {
	if len(a) == 0 {
		b.WriteString(s.emptyArr)
		return
	}
	b.WriteByte('[')
	for i, x := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		s.newline(b, depth+1)
		s.write(b, x, depth+1)
	}
	s.newline(b, depth)
	b.WriteByte(']')
}

func (s jstyle) writeObj(b *bytes.Buffer, o jobj, depth int) {
	if len(o) == 0 {
		b.WriteString(s.emptyObj)
		return
	}
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		s.newline(b, depth+1)
		writeJSONString(b, m.k)
		b.WriteString(s.colon)
		s.write(b, m.v, depth+1)
	}
	s.newline(b, depth)
	b.WriteByte('}')
}

func (s jstyle) newline(b *bytes.Buffer, depth int) {
	if s.indent == "" {
		return
	}
	b.WriteByte('\n')
	for range depth {
		b.WriteString(s.indent)
	}
}

// writeJSONString writes str quoted, escaping only what JSON requires: the
// exporters write non-ASCII text, slashes and HTML as they are.
func writeJSONString(b *bytes.Buffer, str string) {
	b.WriteByte('"')
	for i := 0; i < len(str); {
		c := str[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(str[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(str[i : i+n])
			}
			i += n
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[c>>4])
				b.WriteByte("0123456789abcdef"[c&15])
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}
