package classify

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentiment scores a message from -1 (most negative) to 1 (most positive)
// the way VADER does (Hutto and Gilbert, "VADER: A Parsimonious Rule-based
// Model for Sentiment Analysis of Social Media Text", ICWSM 2014): each word
// of a valence lexicon counts with its valence, raised by a booster before
// it ("very", "très"), lowered by a dampener ("kind of", "un peu"), turned
// by a negation ("not", "ne ... pas", "jamais"), emphasised by capitals when
// the rest of the text is not in capitals, halved before and raised after
// a contrast ("but", "mais"); exclamation marks and repeated question marks
// push the sum further from zero, and the sum s becomes s/sqrt(s²+15). The
// SPEC calls a score above 0.05 positive and below -0.05 negative.
//
// Where it differs from vaderSentiment 3.3 (whose English examples it
// scores alike, see TestSentimentVADER): negations and boosters do not
// reach across the end of a sentence; French has its own negations ("ne
// ... pas" counts once, "j'aime pas" negates backwards, a "ne" ends at its
// "pas"), boosters, contrasts ("mais", "par contre") and elisions; emoji
// glued to words count; multi-word entries ("fed up", "pas terrible")
// match. And a problem reported in complaint.go's words ("still waiting",
// "ne marche pas") adds its own negative weight and halves the praise
// around it, or turns it negative with a sarcasm cue ("great, another
// update that breaks everything"), since such a message reads negative.
//
// lang is "en" or "fr" (as Lang returns); any other value is scored with the
// English rules and lexicon, which still read emoji, emoticons and the
// English words that other languages borrow. The result is rounded to four
// decimals, as VADER's compound score is.
func Sentiment(text, lang string) float64 {
	l := sentimentLangs().en
	if lang == "fr" {
		l = sentimentLangs().fr
	}
	return l.score(text, true)
}

// What a problem reported weighs in the sum (a strong complaint phrase,
// a weak one), and what praise around it keeps of its valence: tuned on
// the labelled set's tune half.
const (
	senProblemStrong = -2.0
	senProblemWeak   = -0.7
	senProblemPraise = 0.5
	senSarcasmPraise = -0.5 // praise with a sarcasm cue means its opposite
)

// VADER's constants, empirically derived by its authors: what a booster adds
// to a word's valence, what capitals add, what a negation multiplies it by,
// and the normalisation's alpha.
const (
	vaderBoost  = 0.293
	vaderCaps   = 0.733
	vaderNegate = -0.74
	vaderAlpha  = 15
)

// senToken is a word, emoticon or emoji of a message as the scorer reads it.
type senToken struct {
	raw      string  // as written (for the capitals check)
	key      string  // the lexicon key: lower-case, and without accents in French
	exact    string  // in French, the key with its accents when they differ ("sûr" beside "sur")
	brk      bool    // a sentence ends after it (. ! ? ; … or a new line): negation and boosters stop there
	comma    bool    // a clause ends after it (, : ) » ...): a negation that follows the word stops there
	emoji    bool    // an emoji; val holds its valence
	consumed bool    // an inner word of a matched phrase: it scores nothing by itself
	phrase   bool    // the last word of a matched phrase: val holds the phrase's valence
	negates  bool    // the phrase holds its own negation ("pas terrible"): no other applies
	boost    float64 // a matched booster phrase ("kind of", "un peu"): its scalar
	contrast bool    // a matched contrast phrase ("par contre", "sauf que")
	val      float64
}

// senLang is one language's lexicon and rules.
type senLang struct {
	words    map[string]float64
	phrases  map[string][]senPhrase // by first key
	boosters map[string]float64
	negators map[string]bool
	post     map[string]bool // French negations that follow the word they negate ("j'aime pas")
	contrast map[string]bool
	emojiLex *emojiLexicon
	fold     bool // keys without accents (French, whose messages often drop them)
	english  bool // VADER's English special cases: "no", "least", "never so", "without doubt"
	fallback *senLang
}

// senPhrase is a phrase of two or three words with a valence of its own, a
// booster phrase or a contrast phrase.
type senPhrase struct {
	keys     []string // all the keys, the first included
	val      float64
	negates  bool
	boost    float64
	contrast bool
}

// score is the compound score; cues adds what complaint.go's vocabulary
// says (off, the English score is vaderSentiment's).
func (l *senLang) score(text string, cues bool) float64 {
	if text == "" {
		return 0
	}
	toks := l.tokens(text)
	if len(toks) == 0 {
		return 0
	}
	l.matchPhrases(toks)
	capDiff := capitalsDiffer(toks)

	vals := make([]float64, len(toks))
	for i := range toks {
		vals[i] = l.valence(toks, i, capDiff)
	}

	// A contrast: what follows it counts more than what precedes it. VADER
	// looks at the first "but" only.
	for i := range toks {
		if toks[i].contrast || (!toks[i].consumed && l.contrast[toks[i].key]) {
			for j := range vals {
				switch {
				case j < i:
					vals[j] *= 0.5
				case j > i:
					vals[j] *= 1.5
				}
			}
			break
		}
	}

	// A problem reported (complaint.go's vocabulary) sets the tone: "love
	// the recipes but the delivery is late again" is negative, and so is
	// praise around a problem with a sarcasm cue.
	sum := 0.0
	if cues {
		strong, weak, sarcasm := problemCues(text)
		if strong > 0 || sarcasm {
			keep := senProblemPraise
			if sarcasm {
				keep = senSarcasmPraise
			}
			for i, v := range vals {
				if v > 0 {
					vals[i] = v * keep
				}
			}
		}
		sum += float64(min(strong, 2))*senProblemStrong + float64(min(weak, 2))*senProblemWeak
	}
	for _, v := range vals {
		sum += v
	}
	if sum == 0 {
		return 0
	}
	amp := punctuationEmphasis(text)
	if sum > 0 {
		sum += amp
	} else {
		sum -= amp
	}
	c := sum / math.Sqrt(sum*sum+vaderAlpha)
	c = max(-1, min(1, c))
	return math.Round(c*1e4) / 1e4
}

// valence is token i's contribution before the contrast rule: VADER's
// sentiment_valence, with a French negation that may follow the word and
// one flip for "ne ... pas" (two negators, one negation).
func (l *senLang) valence(toks []senToken, i int, capDiff bool) float64 {
	t := &toks[i]
	if t.consumed || t.boost != 0 || t.contrast {
		return 0
	}
	if t.emoji {
		return t.val
	}
	base, ok := t.val, t.phrase
	if !ok {
		if _, isBooster := l.boosters[t.key]; isBooster {
			return 0
		}
		base, ok = l.tokWord(t)
		if !ok {
			return 0
		}
	}
	v := base

	if l.english && !t.phrase {
		// "no" before a lexicon word negates it rather than counting itself.
		if t.key == "no" {
			if n := nextToken(toks, i); n >= 0 && !t.brk {
				if _, inLex := l.tokWord(&toks[n]); inLex {
					v = 0
				}
			}
		}
		p1, p2, p3 := prevInClause(toks, i, 1), prevInClause(toks, i, 2), prevInClause(toks, i, 3)
		// Not across a comma: in "oh no, another amazing recipe" the "no"
		// is an interjection.
		isNo := func(j int) bool { return j >= 0 && toks[j].key == "no" && !commaBetween(toks, j, i) }
		if isNo(p1) || isNo(p2) || (isNo(p3) && (toks[p1].key == "or" || toks[p1].key == "nor")) {
			v = base * vaderNegate
		}
	}

	if capDiff && senUpper(t.raw) {
		if v > 0 {
			v += vaderCaps
		} else {
			v -= vaderCaps
		}
	}

	negated, never := false, false
	for k := range 3 {
		j := prevInClause(toks, i, k+1)
		if j < 0 {
			break
		}
		p := &toks[j]
		if !p.phrase && !p.emoji {
			if _, inLex := l.tokWord(p); inLex && p.boost == 0 {
				continue // VADER: a lexicon word neither boosts nor negates
			}
		}
		s := l.scalar(p, v, capDiff)
		switch k {
		case 1:
			s *= 0.95
		case 2:
			s *= 0.9
		}
		v += s
		if t.negates || p.consumed {
			continue
		}
		if l.isNegator(toks, j, i) {
			switch {
			case l.english && p.key == "never" && soOrThisBetween(toks, j, i):
				never = true
			case l.english && p.key == "without" && doubtBetween(toks, j, i):
			default:
				negated = true
			}
		}
	}
	if !negated && !t.negates && l.post != nil && !t.brk && !t.comma {
		// "j'aime pas", "j'aime vraiment pas": the negation after the verb.
		if n := nextToken(toks, i); n >= 0 {
			if _, isBooster := l.boosters[toks[n].key]; isBooster && !toks[n].brk && !toks[n].comma {
				n = nextToken(toks, n)
			}
			if n >= 0 && l.post[toks[n].key] && !toks[n].consumed {
				negated = true
			}
		}
	}
	switch {
	case negated:
		v *= vaderNegate
	case never:
		v *= 1.25
	}

	if l.english && !t.phrase {
		// "least" negates, except in "at least" and "very least".
		if p1 := prevInClause(toks, i, 1); p1 >= 0 && toks[p1].key == "least" {
			p2 := prevInClause(toks, i, 2)
			if p2 < 0 || (toks[p2].key != "at" && toks[p2].key != "very") {
				v *= vaderNegate
			}
		}
	}
	return v
}

// scalar is what a preceding word adds to valence v: VADER's
// scalar_inc_dec, the booster's sign following the valence's.
func (l *senLang) scalar(p *senToken, v float64, capDiff bool) float64 {
	b := p.boost
	if b == 0 && !p.consumed && !p.phrase {
		b = l.boosters[p.key]
	}
	if b == 0 {
		return 0
	}
	if v < 0 {
		b = -b
	}
	if capDiff && senUpper(p.raw) {
		if v > 0 {
			b += vaderCaps
		} else {
			b -= vaderCaps
		}
	}
	return b
}

// isNegator says whether token j negates token i after it. French "plus"
// is not a negator: alone it compares ("plus rapide"), and in "ne ...
// plus" the "ne" negates. A "ne" negates up to the particle that closes
// it: in "ne marche plus, heureusement" the negation is over before
// "heureusement". English "nothing but" means "only".
func (l *senLang) isNegator(toks []senToken, j, i int) bool {
	k := toks[j].key
	switch {
	case l.english && k == "nothing":
		if n := nextToken(toks, j); n >= 0 && toks[n].key == "but" {
			return false
		}
	case !l.english && (k == "ne" || k == "n'"):
		for m := j + 1; m < i; m++ {
			if frenchNegationEnds[toks[m].key] {
				return false
			}
		}
	}
	return l.negators[k] || (l.english && strings.Contains(k, "n't"))
}

// frenchNegationEnds close a "ne": "ne ... pas", "n'... que".
var frenchNegationEnds = map[string]bool{
	"pas": true, "plus": true, "jamais": true, "rien": true, "guere": true, "point": true,
	"que": true, "qu'": true, "aucun": true, "aucune": true, "personne": true, "ni": true, "pu": true,
}

// tokWord looks a token up: its key, then its exact form.
func (l *senLang) tokWord(t *senToken) (float64, bool) {
	if v, ok := l.word(t.key); ok {
		return v, true
	}
	if t.exact != "" {
		return l.word(t.exact)
	}
	return 0, false
}

// word looks a key up in the language's lexicon, then in its fallback for
// emoticons and other keys with no letter.
func (l *senLang) word(key string) (float64, bool) {
	if v, ok := l.words[key]; ok {
		return v, true
	}
	if l.fallback != nil && !senHasLetter(key) {
		v, ok := l.fallback.words[key]
		return v, ok
	}
	return 0, false
}

// matchPhrases marks the phrases of the lexicon and the booster and
// contrast phrases, longest first, left to right.
func (l *senLang) matchPhrases(toks []senToken) {
	for i := 0; i < len(toks); i++ {
		if toks[i].emoji {
			continue
		}
		cands := l.phrases[toks[i].key]
		best := -1
		for c, ph := range cands {
			if i+len(ph.keys) > len(toks) || (best >= 0 && len(ph.keys) <= len(cands[best].keys)) {
				continue
			}
			match := true
			for k := 1; k < len(ph.keys); k++ {
				if p := &toks[i+k-1]; p.brk || p.comma || toks[i+k].emoji || toks[i+k].key != ph.keys[k] {
					match = false
					break
				}
			}
			if match {
				best = c
			}
		}
		if best < 0 {
			continue
		}
		ph := cands[best]
		last := i + len(ph.keys) - 1
		for k := i; k < last; k++ {
			toks[k].consumed = true
		}
		t := &toks[last]
		switch {
		case ph.boost != 0:
			t.boost = ph.boost
		case ph.contrast:
			t.contrast = true
		default:
			t.phrase, t.val, t.negates = true, ph.val, ph.negates
		}
		i = last
	}
}

// prevInClause is the index of the n-th token before i that is not an
// inner word of a phrase, or -1 when the clause starts before it.
func prevInClause(toks []senToken, i, n int) int {
	for j := i - 1; j >= 0; j-- {
		if toks[j].brk {
			return -1
		}
		if toks[j].consumed {
			continue
		}
		n--
		if n == 0 {
			return j
		}
	}
	return -1
}

// nextToken is the index of the token after i that is not an inner word
// of a phrase (the last word of a phrase stands for it), or -1.
func nextToken(toks []senToken, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if !toks[j].consumed {
			return j
		}
		if toks[j].brk {
			return -1
		}
	}
	return -1
}

// commaBetween says whether a clause ends between tokens j and i.
func commaBetween(toks []senToken, j, i int) bool {
	for k := j; k < i; k++ {
		if toks[k].comma {
			return true
		}
	}
	return false
}

func soOrThisBetween(toks []senToken, j, i int) bool {
	for k := j + 1; k < i; k++ {
		if toks[k].key == "so" || toks[k].key == "this" {
			return true
		}
	}
	return false
}

func doubtBetween(toks []senToken, j, i int) bool {
	for k := j + 1; k < i; k++ {
		if toks[k].key == "doubt" {
			return true
		}
	}
	return false
}

// capitalsDiffer is VADER's allcap_differential: some words are in
// capitals and some are not, so capitals are emphasis, not a caps-lock
// message.
func capitalsDiffer(toks []senToken) bool {
	upper, words := 0, 0
	for i := range toks {
		if toks[i].emoji {
			continue
		}
		words++
		if senUpper(toks[i].raw) {
			upper++
		}
	}
	return upper > 0 && upper < words
}

// senUpper is Python's str.isupper: at least one cased letter and no
// lower-case one.
func senUpper(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			cased = true
		}
	}
	return cased
}

func senHasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// punctuationEmphasis is VADER's: up to four exclamation marks, and two or
// more question marks, push the score further from zero.
func punctuationEmphasis(text string) float64 {
	ep, qm := 0, 0
	for _, r := range text {
		switch r {
		case '!', '！':
			ep++
		case '?', '？':
			qm++
		}
	}
	amp := float64(min(ep, 4)) * 0.292
	switch {
	case qm > 3:
		amp += 0.96
	case qm > 1:
		amp += float64(qm) * 0.18
	}
	return amp
}

// tokens splits a message into words, emoticons and emoji. Words lose the
// punctuation around them (a clause break is noted when it follows them);
// a token that is an emoticon of the lexicon (":)", ":-(", "<3") is kept as
// written; emoji stand apart even when glued to a word ("super😍"); French
// elisions are split off ("l'appli" reads as "l'" and "appli").
func (l *senLang) tokens(text string) []senToken {
	toks := make([]senToken, 0, len(text)/5+1)
	for len(text) > 0 {
		// Skip spaces; a new line ends a sentence.
		r, size := utf8.DecodeRuneInString(text)
		if unicode.IsSpace(r) {
			if (r == '\n' || r == '\r') && len(toks) > 0 {
				toks[len(toks)-1].brk = true
			}
			text = text[size:]
			continue
		}
		end := 0
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		l.field(text[:end], &toks)
		text = text[end:]
	}
	return toks
}

// field reads one space-separated field into tokens.
func (l *senLang) field(f string, toks *[]senToken) {
	emojis := l.emojiLex
	// Emoji first: split the field around them.
	start := 0
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		if r < 0x2000 {
			i += size
			continue
		}
		if n, v, ok := emojis.match(f[i:]); ok {
			if start < i {
				l.word1(f[start:i], toks)
			}
			*toks = append(*toks, senToken{raw: f[i : i+n], key: f[i : i+n], emoji: true, val: v})
			i += n
			start = i
			continue
		}
		if senEmojiModifier(r) {
			// A lone variation selector, skin tone or joiner: not a word.
			if start < i {
				l.word1(f[start:i], toks)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	if start < len(f) {
		l.word1(f[start:], toks)
	}
}

// word1 reads a field with no emoji: an emoticon, or a word with the
// punctuation around it.
func (l *senLang) word1(f string, toks *[]senToken) {
	f = strings.ReplaceAll(f, "’", "'")
	if !senHasLetter(f) || strings.ContainsAny(f, ":;=<>^") {
		key := strings.ToLower(f)
		if l.isEmoticon(key) {
			*toks = append(*toks, senToken{raw: f, key: key})
			return
		}
		// ":(." and ":)," : an emoticon that ends a sentence or clause.
		if k := strings.TrimRight(key, ".,!?;"); k != key && k != "" && l.isEmoticon(k) {
			tail := key[len(k):]
			*toks = append(*toks, senToken{raw: f[:len(k)], key: k,
				brk: strings.ContainsAny(tail, ".!?;"), comma: strings.Contains(tail, ",")})
			return
		}
	}
	w := strings.TrimFunc(f, senTrimmable)
	tail := f[len(strings.TrimRightFunc(f, senTrimmable)):]
	brk := strings.ContainsAny(tail, ";.!?…！？")
	comma := strings.ContainsAny(tail, ",:)]»\"”")
	if w == "" {
		// Punctuation alone (" !" as French spaces it): it closes the
		// sentence or clause of the word before.
		if n := len(*toks); n > 0 {
			(*toks)[n-1].brk = (*toks)[n-1].brk || brk
			(*toks)[n-1].comma = (*toks)[n-1].comma || comma
		}
		return
	}
	if l.fold {
		// French elision: l', d', j', m', t', s', n', c', qu' and the rest
		// of the word are two tokens.
		for {
			k := strings.IndexByte(w, '\'')
			if k <= 0 || k > 7 || k == len(w)-1 || !senElision(strings.ToLower(w[:k])) {
				break
			}
			*toks = append(*toks, senToken{raw: w[:k+1], key: foldKey(strings.ToLower(w[:k])) + "'"})
			w = w[k+1:]
		}
	}
	// Punctuation inside a word that ends a clause ("bien,mais" typed
	// without a space) splits it.
	if k := strings.IndexAny(w, ",;!?"); k > 0 && k < len(w)-1 {
		l.word1(w[:k+1], toks)
		l.word1(w[k+1:], toks)
		(*toks)[len(*toks)-1].brk = (*toks)[len(*toks)-1].brk || brk
		(*toks)[len(*toks)-1].comma = (*toks)[len(*toks)-1].comma || comma
		return
	}
	key, exact := strings.ToLower(w), ""
	if l.fold {
		if f := foldKey(key); f != key {
			key, exact = f, key
		}
	}
	*toks = append(*toks, senToken{raw: w, key: key, exact: exact, brk: brk, comma: comma})
}

// isEmoticon says whether key is an emoticon of the lexicon (":)", ":-D").
func (l *senLang) isEmoticon(key string) bool {
	if _, ok := l.words[key]; ok {
		return true
	}
	if l.fallback != nil {
		_, ok := l.fallback.words[key]
		return ok
	}
	return false
}

func senTrimmable(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func senElision(s string) bool {
	switch s {
	case "l", "d", "j", "m", "t", "s", "n", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		return true
	}
	return false
}

// senEmojiModifier is a code point that only modifies an emoji: a variation
// selector, a skin tone, the zero-width joiner, a keycap.
func senEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x200D || r == 0x20E3 || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// foldKey removes French accents and ligatures from a lower-case key: the
// lexicon reads "decu" as "déçu", as people type on phones.
func foldKey(s string) string {
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
		switch r {
		case 'à', 'â', 'ä', 'á', 'ã', 'å':
			b.WriteByte('a')
		case 'ç':
			b.WriteByte('c')
		case 'é', 'è', 'ê', 'ë':
			b.WriteByte('e')
		case 'î', 'ï', 'í', 'ì':
			b.WriteByte('i')
		case 'ô', 'ö', 'ó', 'ò', 'õ':
			b.WriteByte('o')
		case 'ù', 'û', 'ü', 'ú':
			b.WriteByte('u')
		case 'ÿ':
			b.WriteByte('y')
		case 'ñ':
			b.WriteByte('n')
		case 'œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
