package classify

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The lexicons (data/README.md gives each one's source, version and
// licence):
//
//   - data/vader_lexicon.txt: VADER's English lexicon, 7,500 words,
//     emoticons and slang rated from -4 to 4 by ten people each (MIT
//     licence, (c) C.J. Hutto; data/LICENSE-vaderSentiment.txt).
//   - data/emoji_utf8_lexicon.txt: VADER's emoji descriptions (same
//     licence), the Unicode names of some 3,500 emoji; an emoji scores what
//     its description scores in English.
//   - data/fr-sentiment.xml: the French adjective lexicon of Pattern
//     (CLiPS, University of Antwerp), 5,100 forms with a polarity from -1
//     to 1, under the PDDL (public domain) as its root element says.
//   - data/sentiment-en.tsv and data/sentiment-fr.tsv: cmpulse's own
//     additions (MIT, like cmpulse): the words of community and customer
//     service that the lexicons above lack or misjudge ("bug", "refund",
//     "arnaque", "déçu", "nul"), phrases ("pas terrible", "no worries"),
//     and emoji whose description says nothing ("👍").
var (
	//go:embed data/vader_lexicon.txt
	vaderLexicon []byte
	//go:embed data/emoji_utf8_lexicon.txt
	vaderEmoji []byte
	//go:embed data/fr-sentiment.xml
	patternFrench []byte
	//go:embed data/sentiment-en.tsv
	ownEnglish []byte
	//go:embed data/sentiment-fr.tsv
	ownFrench []byte
)

// frenchNoFold are words that lose their accents into another, common
// word: "sûr" (sure) is kept apart from "sur" (on), "où" from "ou", "dû"
// from "du".
var frenchNoFold = map[string]bool{
	"sur": true, "ou": true, "a": true, "la": true, "du": true, "mur": true, "cote": true,
	"tache": true, "peche": true, "pecher": true, "mais": true, "jeune": true, "pate": true,
	"marche": true, "passe": true, "ete": true, "age": true, "foret": true, "des": true,
}

// patternMinPolarity leaves out Pattern's faintest ratings: on short
// messages they are noise ("tout" 0.22, "autre" -0.1, "simple" 0.1).
const patternMinPolarity = 0.3

// patternScale brings Pattern's polarity (-1 to 1) to VADER's scale (-4
// to 4), where a plainly positive adjective ("good", "bon") is about 2.
const patternScale = 3.0

// senLangs holds the two languages the scorer knows.
type senLangs struct{ en, fr *senLang }

// sentimentLangs is built on first use: most runs of cmpulse score no text.
var sentimentLangs = sync.OnceValue(loadSentimentLangs)

// English rules: VADER's lists, as vaderSentiment 3.3 has them.
var (
	englishNegators = []string{
		"aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
		"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
		"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
		"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
		"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
		"oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
		"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
		"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
	}
	englishBoosters = map[string]float64{
		"absolutely": vaderBoost, "amazingly": vaderBoost, "awfully": vaderBoost,
		"completely": vaderBoost, "considerable": vaderBoost, "considerably": vaderBoost,
		"decidedly": vaderBoost, "deeply": vaderBoost, "effing": vaderBoost, "enormous": vaderBoost, "enormously": vaderBoost,
		"entirely": vaderBoost, "especially": vaderBoost, "exceptional": vaderBoost, "exceptionally": vaderBoost,
		"extreme": vaderBoost, "extremely": vaderBoost,
		"fabulously": vaderBoost, "flipping": vaderBoost, "flippin": vaderBoost, "frackin": vaderBoost, "fracking": vaderBoost,
		"fricking": vaderBoost, "frickin": vaderBoost, "frigging": vaderBoost, "friggin": vaderBoost, "fully": vaderBoost,
		"fuckin": vaderBoost, "fucking": vaderBoost, "fuggin": vaderBoost, "fugging": vaderBoost,
		"greatly": vaderBoost, "hella": vaderBoost, "highly": vaderBoost, "hugely": vaderBoost,
		"incredible": vaderBoost, "incredibly": vaderBoost, "intensely": vaderBoost,
		"major": vaderBoost, "majorly": vaderBoost, "more": vaderBoost, "most": vaderBoost, "particularly": vaderBoost,
		"purely": vaderBoost, "quite": vaderBoost, "really": vaderBoost, "remarkably": vaderBoost,
		"so": vaderBoost, "substantially": vaderBoost,
		"thoroughly": vaderBoost, "total": vaderBoost, "totally": vaderBoost, "tremendous": vaderBoost, "tremendously": vaderBoost,
		"uber": vaderBoost, "unbelievably": vaderBoost, "unusually": vaderBoost, "utter": vaderBoost, "utterly": vaderBoost,
		"very":   vaderBoost,
		"almost": -vaderBoost, "barely": -vaderBoost, "hardly": -vaderBoost,
		"kinda": -vaderBoost, "kindof": -vaderBoost, "kind-of": -vaderBoost,
		"less": -vaderBoost, "little": -vaderBoost, "marginal": -vaderBoost, "marginally": -vaderBoost,
		"occasional": -vaderBoost, "occasionally": -vaderBoost, "partly": -vaderBoost,
		"scarce": -vaderBoost, "scarcely": -vaderBoost, "slight": -vaderBoost, "slightly": -vaderBoost, "somewhat": -vaderBoost,
		"sorta": -vaderBoost, "sortof": -vaderBoost, "sort-of": -vaderBoost,
	}
	englishBoosterPhrases = map[string]float64{
		"just enough": -vaderBoost, "kind of": -vaderBoost, "sort of": -vaderBoost,
	}
	// VADER's special cases: idioms whose words mislead.
	englishIdioms = map[string]float64{
		"the shit": 3, "the bomb": 3, "bad ass": 1.5, "bus stop": 0, "yeah right": -2,
		"kiss of death": -1.5, "to die for": 3, "beating heart": 3.1, "broken heart": -2.9,
	}
	englishContrast = []string{"but"}
)

// French rules, written for cmpulse: negations ("ne ... pas", and "pas"
// alone as people write it), boosters and dampeners, contrasts.
var (
	frenchNegators = []string{
		"ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni",
		"guere", "nullement",
	}
	// A negation that may follow the word it negates: "j'aime pas", "ça
	// marche pu".
	frenchPostNegators = []string{"pas", "jamais", "pu"}
	frenchBoosters     = map[string]float64{
		"tres": vaderBoost, "vraiment": vaderBoost, "trop": vaderBoost, "tellement": vaderBoost,
		"hyper": vaderBoost, "ultra": vaderBoost, "mega": vaderBoost, "archi": vaderBoost,
		"extremement": vaderBoost, "totalement": vaderBoost, "completement": vaderBoost,
		"absolument": vaderBoost, "vachement": vaderBoost, "particulierement": vaderBoost,
		"incroyablement": vaderBoost, "carrement": vaderBoost, "enormement": vaderBoost,
		"profondement": vaderBoost, "sincerement": vaderBoost, "reellement": vaderBoost,
		"terriblement": vaderBoost, "hautement": vaderBoost, "fortement": vaderBoost,
		"sacrement": vaderBoost, "si": vaderBoost, "aussi": vaderBoost, "franchement": vaderBoost,
		"grave": 0, // "grave" boosts in slang ("grave bien") but is sad alone: neither
		"peu":   -vaderBoost, "presque": -vaderBoost, "legerement": -vaderBoost, "moyennement": -vaderBoost,
		"plutot": -vaderBoost, "assez": -vaderBoost,
	}
	frenchBoosterPhrases = map[string]float64{
		"un peu": -vaderBoost, "a peine": -vaderBoost, "un poil": -vaderBoost,
		"tout a fait": vaderBoost, "de plus en plus": vaderBoost, "vraiment tres": 2 * vaderBoost,
	}
	frenchContrast       = []string{"mais", "cependant", "pourtant", "toutefois", "neanmoins"}
	frenchContrastPhrase = []string{"par contre", "sauf que", "en revanche"}
)

func loadSentimentLangs() senLangs {
	en := &senLang{
		words:    map[string]float64{},
		phrases:  map[string][]senPhrase{},
		boosters: englishBoosters,
		negators: senSet(englishNegators),
		contrast: senSet(englishContrast),
		english:  true,
	}
	readVader(en, vaderLexicon)
	for p, v := range englishIdioms {
		en.addPhrase(p, senPhrase{val: v})
	}
	for p, b := range englishBoosterPhrases {
		en.addPhrase(p, senPhrase{boost: b})
	}
	readOwnLexicon(en, ownEnglish)

	fr := &senLang{
		words:    map[string]float64{},
		phrases:  map[string][]senPhrase{},
		boosters: frenchBoosters,
		negators: senSet(frenchNegators),
		post:     senSet(frenchPostNegators),
		contrast: senSet(frenchContrast),
		fold:     true,
		fallback: en,
	}
	readPattern(fr, patternFrench)
	for p, b := range frenchBoosterPhrases {
		fr.addPhrase(p, senPhrase{boost: b})
	}
	for _, p := range frenchContrastPhrase {
		fr.addPhrase(p, senPhrase{contrast: true})
	}
	readOwnLexicon(fr, ownFrench)
	for _, l := range []*senLang{en, fr} {
		// A booster or a negator is a rule, not a rated word: VADER's lexicon
		// does not rate "not", and a rated "jamais" would stop negating.
		for w := range l.boosters {
			delete(l.words, w)
		}
		for w := range l.negators {
			if l == fr || w != "no" {
				delete(l.words, w)
			}
		}
	}

	en.emojiLex = readEmoji(en, vaderEmoji, ownEnglish)
	fr.emojiLex = en.emojiLex
	return senLangs{en: en, fr: fr}
}

func senSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// readVader reads VADER's lexicon: word, mean rating, standard deviation,
// the ten ratings, tab-separated. Its multi-word entries ("fed up") become
// phrases, which VADER itself never matches.
func readVader(l *senLang, data []byte) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		word, rest, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		mean, _, _ := strings.Cut(rest, "\t")
		v, err := strconv.ParseFloat(mean, 64)
		if err != nil {
			continue
		}
		l.add(word, v)
	}
}

// readPattern reads Pattern's French lexicon: adjectives (and some verbs
// and adverbs) with a polarity. Entries with an intensity other than 1 are
// intensifiers ("absolument"), which the booster list handles.
func readPattern(l *senLang, data []byte) {
	var lex struct {
		Words []struct {
			Form      string `xml:"form,attr"`
			Polarity  string `xml:"polarity,attr"`
			Intensity string `xml:"intensity,attr"`
		} `xml:"word"`
	}
	if err := xml.Unmarshal(data, &lex); err != nil {
		// The file is embedded and tested: this cannot happen in a build
		// that passed its tests, and an empty French lexicon is still safe.
		return
	}
	for _, w := range lex.Words {
		if w.Intensity != "" && w.Intensity != "1.0" {
			continue
		}
		p, err := strconv.ParseFloat(w.Polarity, 64)
		if err != nil || math.Abs(p) < patternMinPolarity {
			continue
		}
		l.add(w.Form, p*patternScale)
	}
}

// readOwnLexicon reads cmpulse's own additions: "term<TAB>valence", '#'
// comments. A term of several words is a phrase; one that holds a negator
// ("pas terrible") is not negated again. Emoji lines are read by readEmoji.
func readOwnLexicon(l *senLang, data []byte) {
	for term, v := range ownEntries(data) {
		if r, _ := utf8.DecodeRuneInString(term); r >= 0x2000 {
			continue
		}
		l.add(term, v)
	}
}

func ownEntries(data []byte) func(yield func(string, float64) bool) {
	return func(yield func(string, float64) bool) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			term, val, ok := strings.Cut(line, "\t")
			if !ok {
				continue
			}
			val, _, _ = strings.Cut(val, "\t")
			v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			if err != nil {
				continue
			}
			if !yield(strings.TrimSpace(term), v) {
				return
			}
		}
	}
}

// add rates a word or phrase; a later rating replaces an earlier one.
func (l *senLang) add(term string, v float64) {
	term = strings.ToLower(strings.ReplaceAll(term, "’", "'"))
	if !strings.Contains(term, " ") {
		if f := foldKey(term); l.fold && !frenchNoFold[f] {
			term = f
		}
		l.words[term] = v
		return
	}
	l.addPhrase(term, senPhrase{val: v})
}

// addPhrase indexes a phrase by its first key, keys tokenised as a
// message's words are.
func (l *senLang) addPhrase(term string, ph senPhrase) {
	var keys []string
	for _, f := range strings.Fields(term) {
		var toks []senToken
		l.word1(f, &toks)
		for _, t := range toks {
			keys = append(keys, t.key)
		}
	}
	if len(keys) < 2 {
		if len(keys) == 1 && ph.boost == 0 && !ph.contrast {
			l.words[keys[0]] = ph.val
		}
		return
	}
	for _, k := range keys {
		if l.negators[k] {
			ph.negates = true
		}
	}
	ph.keys = keys
	list := l.phrases[keys[0]]
	list = slices.DeleteFunc(list, func(p senPhrase) bool { return slices.Equal(p.keys, keys) })
	l.phrases[keys[0]] = append(list, ph)
}

// emojiLexicon rates emoji, found by their first code point.
type emojiLexicon struct {
	byFirst map[rune][]emojiEntry // longest first
}

type emojiEntry struct {
	seq string
	val float64
}

// match returns the length and valence of the emoji that s starts with.
func (e *emojiLexicon) match(s string) (int, float64, bool) {
	if e == nil {
		return 0, 0, false
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, en := range e.byFirst[r] {
		if strings.HasPrefix(s, en.seq) {
			return len(en.seq), en.val, true
		}
	}
	return 0, 0, false
}

// readEmoji rates each emoji of VADER's list as its description scores
// with the English rules ("face with tears of joy" scores "joy"), then
// takes cmpulse's own ratings for emoji whose description says nothing
// of what they mean in a message ("thumbs up", "pile of poo").
func readEmoji(en *senLang, data, own []byte) *emojiLexicon {
	vals := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		seq, desc, ok := strings.Cut(sc.Text(), "\t")
		if !ok || seq == "" {
			continue
		}
		desc, _, _ = strings.Cut(desc, "\t")
		if v := en.rawSum(desc); v != 0 {
			vals[seq] = v
		}
	}
	for term, v := range ownEntries(own) {
		if r, _ := utf8.DecodeRuneInString(term); r >= 0x2000 {
			vals[term] = v
		}
	}
	e := &emojiLexicon{byFirst: map[rune][]emojiEntry{}}
	for seq, v := range vals {
		r, _ := utf8.DecodeRuneInString(seq)
		e.byFirst[r] = append(e.byFirst[r], emojiEntry{seq, v})
	}
	for _, list := range e.byFirst {
		slices.SortFunc(list, func(a, b emojiEntry) int {
			if c := len(b.seq) - len(a.seq); c != 0 {
				return c
			}
			return strings.Compare(a.seq, b.seq)
		})
	}
	return e
}

// rawSum is the sum of the valences of a text's words under the rules,
// before punctuation and normalisation: an emoji description's valence.
func (l *senLang) rawSum(text string) float64 {
	var toks []senToken
	for _, f := range strings.Fields(text) {
		l.word1(f, &toks)
	}
	l.matchPhrases(toks)
	sum := 0.0
	for i := range toks {
		sum += l.valence(toks, i, false)
	}
	return sum
}
