package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds what the text classifiers share: removing what a message
// quotes or links (SPEC: "quoted text and URLs do not count"), cutting the
// rest into sentences and the sentences into lower-case words.

// ownWords returns text without what it quotes or links: URLs, e-mail
// addresses, lines opened by ">", spans in quotation marks ("...", « ... »,
// “...”, „...“), [quote] and <blockquote> blocks, and code (```...```,
// `...`). Each removed part leaves a space, so that the words on either side
// stay apart. A quotation mark that is never closed on its line is kept as
// it is: it is more likely an inch sign or a typo than a quote.
func ownWords(text string) string {
	if text == "" {
		return ""
	}
	text = cutBlocks(text, "```", "```")
	text = cutBlocksFold(text, "[quote", "[/quote]")
	text = cutBlocksFold(text, "<blockquote", "</blockquote>")
	var b strings.Builder
	b.Grow(len(text))
	for line := range strings.Lines(text) {
		trimmed := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(trimmed, ">") || strings.HasPrefix(trimmed, "&gt;") {
			b.WriteByte('\n')
			continue
		}
		writeUnquoted(&b, line)
	}
	return b.String()
}

// cutBlocks replaces each span from open to the next close by a space. An
// open without a close is left alone.
func cutBlocks(s, open, close string) string {
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+len(open):], close)
		if j < 0 {
			return s
		}
		s = s[:i] + " " + s[i+len(open)+j+len(close):]
	}
}

// cutBlocksFold is cutBlocks with ASCII case folding of open and close (for
// [QUOTE] and <BlockQuote>).
func cutBlocksFold(s, open, close string) string {
	if !strings.Contains(s, open[:1]) {
		return s
	}
	lower := strings.ToLower(s)
	if len(lower) != len(s) || !strings.Contains(lower, open) {
		// ToLower changed byte lengths (some non-ASCII letters do): fall
		// back to exact case, which is what almost every export writes.
		return cutBlocks(s, open, close)
	}
	var b strings.Builder
	last := 0
	for {
		i := strings.Index(lower[last:], open)
		if i < 0 {
			break
		}
		i += last
		j := strings.Index(lower[i+len(open):], close)
		if j < 0 {
			break
		}
		b.WriteString(s[last:i])
		b.WriteByte(' ')
		last = i + len(open) + j + len(close)
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// quotePairs maps an opening quotation mark to the marks that close it.
var quotePairs = map[rune]string{
	'"':      `"`,
	'“':      "”“", // English “...”, and German „...“ closes with “
	'„':      "“”",
	'«':      "»",
	'‹':      "›",
	'「':      "」",
	'`':      "`",
	'\u201f': "”",
}

// writeUnquoted writes one line without its quoted spans, URLs and e-mail
// addresses.
func writeUnquoted(b *strings.Builder, line string) {
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if closers, ok := quotePairs[r]; ok {
			if j := strings.IndexAny(line[i+size:], closers); j >= 0 {
				b.WriteByte(' ')
				_, csize := utf8.DecodeRuneInString(line[i+size+j:])
				i += size + j + csize
				continue
			}
		}
		if n := singleQuoted(line, i); n > 0 {
			b.WriteByte(' ')
			i += n
			continue
		}
		if n := linkLen(line[i:]); n > 0 && (i == 0 || !isWordRune(lastRune(line[:i]))) {
			b.WriteByte(' ')
			i += n
			continue
		}
		b.WriteString(line[i : i+size])
		i += size
	}
}

// singleQuoted returns the length of the span in single quotes that starts
// at line[i] ('Can I pause?' or ‘...’), or 0. Single quotes are also
// apostrophes (don't, l'appli, 'em, the boys'), so the opening one must
// start a word, the closing one end a word, and the span must hold more
// than one word.
func singleQuoted(line string, i int) int {
	r, size := utf8.DecodeRuneInString(line[i:])
	if r != '\'' && r != '‘' {
		return 0
	}
	if i > 0 {
		if p := lastRune(line[:i]); !unicode.IsSpace(p) && !strings.ContainsRune("([:,;—–-", p) {
			return 0
		}
	}
	next, _ := utf8.DecodeRuneInString(line[i+size:])
	if !isWordRune(next) {
		return 0
	}
	for j := i + size; j < len(line); {
		c, csize := utf8.DecodeRuneInString(line[j:])
		if c == '\'' || c == '’' {
			after, _ := utf8.DecodeRuneInString(line[j+csize:])
			before := lastRune(line[:j])
			if !isWordRune(after) && !unicode.IsSpace(before) {
				if !strings.ContainsFunc(line[i+size:j], unicode.IsSpace) {
					return 0
				}
				return j + csize - i
			}
		}
		j += csize
	}
	return 0
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// linkLen returns the length of the URL or e-mail address that s starts
// with, or 0. URLs are http(s)://..., www.... and bare host/path forms such
// as example.com/page?x=1; addresses are name@host.tld.
func linkLen(s string) int {
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		end = len(s)
	}
	tok := s[:end]
	lower := strings.ToLower(tok)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"),
		strings.HasPrefix(lower, "www."), strings.HasPrefix(lower, "ftp://"):
		return end
	}
	// A bare host with a path or query: a dot between letters before the
	// first slash, and a slash.
	if slash := strings.IndexByte(tok, '/'); slash > 0 {
		host := tok[:slash]
		if dot := strings.LastIndexByte(host, '.'); dot > 0 && dot < len(host)-1 &&
			isASCIILetters(host[dot+1:]) && !strings.ContainsAny(host, "?!,;()") {
			return end
		}
	}
	if at := strings.IndexByte(tok, '@'); at > 0 {
		domain := tok[at+1:]
		if dot := strings.IndexByte(domain, '.'); dot > 0 && dot < len(domain)-1 {
			return end
		}
	}
	return 0
}

func isASCIILetters(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// isWordRune reports whether r can be part of a word: a letter, a digit or
// a combining mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe covers the ASCII apostrophe and the typographic ones that
// phones and French keyboards write.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑'
}

// sentence is a run of text up to a sentence end, cut into words.
type sentence struct {
	words []word
	// end is the punctuation that closed the sentence: '.', '!', '?', ...;
	// 0 at the end of the text or of a line.
	end rune
}

// word is one lower-case word of a sentence, or a comma (text ","), which
// the rules need to see where a greeting or a clause stops.
type word struct {
	text string
	// cap is whether it was written with a capital letter.
	cap bool
	// tag is '@' for a mention, '#' for a hashtag, 0 for a plain word.
	tag rune
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '？', '؟', '¡', '¿', '…', ';', '\n', '‼', '⁇', '⁈', '⁉', '。', '！':
		return true
	}
	return false
}

// frenchElisions are the elided words that French writes with an
// apostrophe before the next word (qu'est-ce, j'ai, c'est): they are cut off
// as words of their own, with the apostrophe.
var frenchElisions = map[string]bool{
	"qu": true, "j": true, "c": true, "l": true, "d": true, "n": true, "s": true, "t": true, "m": true,
	"jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// splitSentences cuts s into sentences at . ! ? … ; and line ends (a ':'
// followed by a space cuts too: "Question: how do I ..."). Decimal points
// and times (3.5, 10:30) do not cut, nor does a '.' inside a word (e.g.,
// v1.2).
func splitSentences(s string) []sentence {
	var out []sentence
	var cur sentence
	var w strings.Builder
	wcap := false
	var wtag rune
	flush := func() {
		if w.Len() > 0 {
			t := w.String()
			// Trailing apostrophes and hyphens are punctuation.
			t = strings.TrimRight(t, "'-")
			if t != "" {
				cur.words = appendWord(cur.words, word{text: t, cap: wcap, tag: wtag})
			}
			w.Reset()
		}
		wcap, wtag = false, 0
	}
	end := func(r rune) {
		flush()
		if len(cur.words) > 0 {
			cur.end = r
			out = append(out, cur)
		} else if len(out) > 0 && r != '\n' && r != 0 && (out[len(out)-1].end == '.' || out[len(out)-1].end == 0 || out[len(out)-1].end == '…') {
			// "why..?" or "really.?": the stronger mark wins.
			if r == '?' || r == '!' {
				out[len(out)-1].end = r
			}
		}
		cur = sentence{}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		switch {
		case isWordRune(r):
			if w.Len() == 0 {
				wcap = unicode.IsUpper(r)
			}
			w.WriteRune(unicode.ToLower(r))
		case (r == '@' || r == '#') && w.Len() == 0 && isWordRune(next):
			wtag = r
		case isApostrophe(r) && w.Len() > 0 && isWordRune(next):
			w.WriteByte('\'')
		case isHyphen(r) && w.Len() > 0 && isWordRune(next):
			w.WriteByte('-')
		case (r == '.' || r == ':' || r == ',') && w.Len() > 0 && unicode.IsDigit(lastRune(w.String())) && unicode.IsDigit(next):
			w.WriteRune(r)
		case r == '.' && w.Len() > 0 && isWordRune(next):
			// v1.2, e.g, file.txt: one word.
			w.WriteByte('.')
		case r == ':':
			if next == 0 || unicode.IsSpace(next) {
				end(':')
			} else {
				flush()
			}
		case sentenceEnd(r):
			end(r)
		case (r == '-' || r == '–' || r == '—') && (i == 0 || s[i-1] == ' ') && (next == ' ' || next == 0):
			// A dash between spaces cuts a clause: "Quick q - what's ...".
			end(':')
		case r == ',' || r == '，':
			flush()
			cur.words = append(cur.words, word{text: ","})
		default:
			flush()
		}
		i += size
	}
	end(0)
	return out
}

// appendWord appends w, cutting a French elision off it.
func appendWord(words []word, w word) []word {
	if w.tag == 0 {
		if i := strings.IndexByte(w.text, '\''); i > 0 && i < len(w.text)-1 && frenchElisions[w.text[:i]] {
			words = append(words, word{text: w.text[:i+1], cap: w.cap})
			w = word{text: w.text[i+1:]}
		}
	}
	return append(words, w)
}

// fold returns s without the accents of Latin letters (é -> e, œ -> oe),
// for matching words that people often type without them.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var foldMap = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a",
	'ç': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u",
	'ÿ': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae",
}
