package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file cuts a message into the words that the complaint and tone
// rules (complaint.go, tone.go) match phrases against, and holds the
// phrase matcher.

// msgWord is a word of a message: lower-case, without accents, with
// English contractions closed up ("doesn't" is "doesnt", "it's" is "its")
// and French elisions split off ("n'arrive" is "n", "arrive"), so that a
// rule is written once for every way people type it.
type msgWord struct {
	w    string
	caps bool // written in capitals, two letters or more
	end  bool // a sentence ends after it
}

// Placeholders for what a message links to: their own words do not count.
const (
	msgEmail   = "@email"   // an e-mail address
	msgMention = "@mention" // @someone
	msgLink    = "@link"    // a URL
)

// msgWords cuts text into words.
func msgWords(text string) []msgWord {
	words := make([]msgWord, 0, len(text)/5+1)
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		if unicode.IsSpace(r) {
			if (r == '\n' || r == '\r') && len(words) > 0 {
				words[len(words)-1].end = true
			}
			text = text[size:]
			continue
		}
		end := strings.IndexFunc(text, unicode.IsSpace)
		if end < 0 {
			end = len(text)
		}
		words = msgField(text[:end], words)
		text = text[end:]
	}
	return words
}

// msgField cuts one space-separated field into words.
func msgField(f string, words []msgWord) []msgWord {
	lower := strings.ToLower(f)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "www."):
		return append(words, msgWord{w: msgLink})
	case strings.HasPrefix(f, "@") && len(f) > 1:
		words = append(words, msgWord{w: msgMention})
		if strings.ContainsAny(f[len(f)-1:], ".!?;") {
			words[len(words)-1].end = true
		}
		return words
	}
	if at := strings.IndexByte(f, '@'); at > 0 {
		if dot := strings.IndexByte(f[at:], '.'); dot > 1 && at+dot < len(strings.TrimRight(f, ".,;:!?)"))-1 {
			return append(words, msgWord{w: msgEmail})
		}
	}
	start := -1
	flush := func(i int) {
		if start >= 0 {
			words = msgAppend(words, f[start:i])
			start = -1
		}
	}
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’' || r == 'ʼ') && start >= 0:
			// Inside a word: msgAppend resolves it.
		default:
			flush(i)
			if strings.ContainsRune(".!?;…！？", r) && len(words) > 0 {
				words[len(words)-1].end = true
			}
		}
		i += size
	}
	flush(len(f))
	return words
}

// msgAppend appends a word as typed, apostrophes and all.
func msgAppend(words []msgWord, raw string) []msgWord {
	caps := msgCaps(raw)
	w := foldKey(strings.ToLower(raw))
	if !strings.ContainsAny(w, "'’ʼ") {
		return append(words, msgWord{w: w, caps: caps})
	}
	w = strings.NewReplacer("’", "'", "ʼ", "'").Replace(w)
	w = strings.Trim(w, "'")
	parts := strings.Split(w, "'")
	if len(parts) == 2 {
		switch parts[1] {
		case "t", "s", "re", "ve", "ll", "m", "d":
			// English: "doesn't", "it's", "we're", "i'm".
			if !msgElision(parts[0]) || parts[1] == "t" {
				return append(words, msgWord{w: parts[0] + parts[1], caps: caps})
			}
		}
	}
	for _, p := range parts {
		if p != "" {
			words = append(words, msgWord{w: p, caps: caps})
		}
	}
	return words
}

func msgElision(s string) bool {
	switch s {
	case "l", "d", "j", "m", "t", "s", "n", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		return true
	}
	return false
}

// msgCaps says whether a word is written in capitals: two letters or more,
// none in lower case.
func msgCaps(raw string) bool {
	letters := 0
	for _, r := range raw {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 2
}

// msgPhrases is a set of phrases to find in a message's words. A phrase is
// written as its words, space-separated, lower-case and without accents;
// a word ending in "*" stands for any word it starts ("rembours*"), "_"
// for any one word. A phrase does not run across the end of a sentence.
type msgPhrases struct {
	byFirst  map[string][][]string
	prefixed map[string][][]string // phrases whose first word ends in "*", by its first two bytes
	short    [][]string            // those whose prefix is shorter than two bytes
}

func newMsgPhrases(phrases ...string) *msgPhrases {
	s := &msgPhrases{byFirst: map[string][][]string{}, prefixed: map[string][][]string{}}
	for _, p := range phrases {
		ws := strings.Fields(p)
		if len(ws) == 0 {
			continue
		}
		if strings.HasSuffix(ws[0], "*") {
			if len(ws[0]) < 3 {
				s.short = append(s.short, ws)
				continue
			}
			s.prefixed[ws[0][:2]] = append(s.prefixed[ws[0][:2]], ws)
			continue
		}
		s.byFirst[ws[0]] = append(s.byFirst[ws[0]], ws)
	}
	return s
}

// at returns the length of the longest phrase that starts at word i, or 0.
func (s *msgPhrases) at(words []msgWord, i int) int {
	best := 0
	for _, p := range s.byFirst[words[i].w] {
		if n := msgMatch(p, words, i); n > best {
			best = n
		}
	}
	if w := words[i].w; len(w) >= 2 {
		for _, p := range s.prefixed[w[:2]] {
			if n := msgMatch(p, words, i); n > best {
				best = n
			}
		}
	}
	for _, p := range s.short {
		if n := msgMatch(p, words, i); n > best {
			best = n
		}
	}
	return best
}

// find returns the start and length of the first phrase in words, or -1.
func (s *msgPhrases) find(words []msgWord) (int, int) {
	for i := range words {
		if n := s.at(words, i); n > 0 {
			return i, n
		}
	}
	return -1, 0
}

func (s *msgPhrases) in(words []msgWord) bool {
	i, _ := s.find(words)
	return i >= 0
}

func msgMatch(p []string, words []msgWord, i int) int {
	if i+len(p) > len(words) {
		return 0
	}
	for k, pw := range p {
		w := words[i+k]
		if k > 0 && words[i+k-1].end {
			return 0
		}
		switch {
		case pw == "_":
		case strings.HasSuffix(pw, "*"):
			if !strings.HasPrefix(w.w, pw[:len(pw)-1]) {
				return 0
			}
		case w.w != pw:
			return 0
		}
	}
	return len(p)
}
