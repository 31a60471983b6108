package classify

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Lang returns the language a message is written in: "en", "fr", "other",
// or "" when it has no letters (emoji, numbers, a bare link). It is made
// for short texts (tweets, chat lines, comments with typos and without
// accents): each candidate language scores the text with a character
// trigram model and a list of its commonest words, and the best wins.
// Besides English and French the candidates are Spanish, German, Italian,
// Portuguese and Dutch, the Latin-script languages most often mistaken for
// them; a text in any of those, or mostly in another script, is "other".
// URLs, e-mail addresses, mentions and hashtags are not read.
func Lang(text string) string {
	letters, latin := 0, 0
	own := ownWords(text)
	words := langWords(own)
	for _, w := range words {
		for _, r := range w {
			letters++
			if unicode.Is(unicode.Latin, r) {
				latin++
			}
		}
	}
	if letters == 0 {
		return ""
	}
	if latin*2 < letters {
		// Mostly Cyrillic, Greek, Arabic, CJK ...: not a language
		// this package tells apart.
		return "other"
	}
	return langNames[bestLang(words)]
}

// LangHint is Lang for a message whose export states a language (X's lang,
// a Mastodon contentMap key, an ISO 639 code or a BCP 47 tag such as
// "fr-CA"). A real code wins over the text: the export's "en" is "en",
// "fr" is "fr" and any other language is "other". Codes that name no
// language (X's "und", "zxx", "qme", "qht" and the other q-codes, ISO's
// "mul" and "mis", an empty string) leave it to Lang. A text with no
// letters is "" whatever the export says.
func LangHint(text, exportLang string) string {
	code := isoLang(exportLang)
	if code == "" {
		return Lang(text)
	}
	if !strings.ContainsFunc(ownWords(text), unicode.IsLetter) {
		return ""
	}
	return code
}

// isoLang maps an export's language code to "en", "fr", "other", or ""
// when it names no language.
func isoLang(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	if !isASCIILetters(code) {
		return ""
	}
	switch code {
	case "en", "eng":
		return "en"
	case "fr", "fra", "fre":
		return "fr"
	case "und", "mul", "mis", "zxx":
		return ""
	}
	switch len(code) {
	case 2:
		return "other"
	case 3:
		if code >= "qaa" && code <= "qtz" {
			return "" // reserved for local use; X's qme, qht, qam ...
		}
		return "other"
	}
	return ""
}

// Language indexes, in the column order of data/lang-ngrams.tsv.
const (
	langEN = iota
	langFR
	langES
	langDE
	langIT
	langPT
	langNL
	numLangs
)

var langNames = [numLangs]string{"en", "fr", "other", "other", "other", "other", "other"}

// Scoring weights, in tenths of a nat like the n-gram costs. wordBonus is
// what one of a language's common words adds to its log-likelihood: 6
// nats, so that two French function words outweigh an English loanword in
// a French line ("Le delivery est top"), which the n-grams alone call
// English. otherPenalty is what a language other than English or French
// starts with, as a message to an English or French community is more
// likely in one of those two. backoff is the cost of falling back to a
// shorter n-gram, unseenCost that of a letter no profile has. On the
// labelled set's tune half the n-grams alone (wordBonus 0) get 244 of 248
// right and any wordBonus from 30 to 80 all of them; 60 comes from the
// short and mixed lines of TestLang.
const (
	wordBonus    = 60
	otherPenalty = 25
	backoff      = 10
	unseenCost   = 120
)

//go:embed data/lang-ngrams.tsv
var langNgramsTSV string

// ngramCosts maps a character n-gram (1 to 3 letters, lower case) to its
// cost in each language: round(-10 ln P), or -1 where the profile lacks it.
var ngramCosts = sync.OnceValue(func() map[string][numLangs]int16 {
	return parseNgramCosts(langNgramsTSV)
})

// parseNgramCosts reads data/lang-ngrams.tsv. The file is embedded and
// checked by the tests, so a bad line is a build mistake: it panics.
func parseNgramCosts(tsv string) map[string][numLangs]int16 {
	m := make(map[string][numLangs]int16, 20000)
	sc := bufio.NewScanner(strings.NewReader(tsv))
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != numLangs+1 {
			panic("classify: data/lang-ngrams.tsv: bad line " + strconv.Quote(line))
		}
		var c [numLangs]int16
		for i, v := range f[1:] {
			if v == "" {
				c[i] = -1
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				panic("classify: data/lang-ngrams.tsv: bad cost " + strconv.Quote(line))
			}
			c[i] = int16(n)
		}
		m[f[0]] = c
	}
	return m
}

// langWords returns the lower-case words of s that say something about its
// language: letters only (apostrophes and hyphens cut words), without
// mentions and hashtags.
func langWords(s string) []string {
	var words []string
	start := -1
	skip := false
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
				if i > 0 {
					p, _ := utf8.DecodeLastRuneInString(s[:i])
					skip = p == '@' || p == '#'
				}
			}
			continue
		}
		if start >= 0 && !skip {
			words = append(words, strings.ToLower(s[start:i]))
		}
		if start >= 0 && skip && (isApostrophe(r) || r == '_' || r == '.' || unicode.IsDigit(r)) {
			continue // still inside @some_name or #tag2024
		}
		start, skip = -1, false
	}
	if start >= 0 && !skip {
		words = append(words, strings.ToLower(s[start:]))
	}
	return words
}

// bestLang scores words in each language and returns the best one's index.
func bestLang(words []string) int {
	costs := ngramCosts()
	var score [numLangs]int
	for l := langES; l < numLangs; l++ {
		score[l] = -otherPenalty
	}
	for _, w := range words {
		wordCost(costs, w, &score)
		if ls, ok := commonWords[w]; ok {
			for _, l := range ls {
				score[l] += wordBonus
			}
		} else if f := fold(w); f != w {
			if ls, ok := commonWords[f]; ok {
				for _, l := range ls {
					score[l] += wordBonus / 2
				}
			}
		}
	}
	best := langEN
	for l := 1; l < numLangs; l++ {
		if score[l] > score[best] {
			best = l
		}
	}
	return best
}

// wordCost subtracts from score the cost of word w under each language's
// character model: its first letter, its second given the first, then each
// letter given the two before it, backing off to shorter n-grams where the
// profile lacks the longer one.
func wordCost(costs map[string][numLangs]int16, w string, score *[numLangs]int) {
	var idx [64]int // byte offsets of the word's runes, up to 63 of them
	n := 0
	for i := range w {
		if n == len(idx)-1 {
			break
		}
		idx[n] = i
		n++
	}
	end := len(w)
	if n == len(idx)-1 {
		end = idx[n-1]
		n--
	}
	idx[n] = end
	for i := 0; i < n; i++ {
		// The n-grams that end at rune i, longest first: up to 3 runes.
		var found [3][numLangs]int16
		var ok [3]bool
		k := 0
		for s := max(0, i-2); s <= i; s++ {
			found[k], ok[k] = costs[w[idx[s]:idx[i+1]]]
			k++
		}
		for l := 0; l < numLangs; l++ {
			cost, pen := unseenCost, 0
			for j := 0; j < k; j++ {
				if ok[j] && found[j][l] >= 0 {
					cost = int(found[j][l]) + pen
					break
				}
				pen += backoff
			}
			score[l] -= cost
		}
	}
}

// commonWords maps the commonest words of each language, those short texts
// are made of (function words, chat abbreviations), to the languages that
// use them. Written for this package from general knowledge of the
// languages; words shared by two of them count for both.
var commonWords = func() map[string][]int {
	lists := [numLangs]string{
		langEN: `the a an and or but of to in on at for with from by about as is are was were be been
			being am it's its it this that these those there here what which who whom whose when where
			why how i me my mine you your yours u ur he him his she her they them their we us our not no
			yes do does did don't doesn't didn't can can't could would should will won't have has had
			just so very really too also please thanks thank thx pls plz lol omg btw imo tbh idk any
			some all every much many more most than then now still already yet again only even ever
			never always get got make made know think want need like love great good bad new one two
			off out up down over after before because if while until into through just my im ive dont
			cant wont isnt doesnt didnt hey hi hello guys folks anyone someone something nothing
			everyone awesome amazing cool nice wow yeah yep nope okay ok sorry well tysm asap
			ty top wanna gonna gotta`,
		langFR: `le la les l un une des du de d et ou mais donc or ni car est sont suis es sommes êtes
			était été être avoir ai as a avons avez ont c ce cet cette ces ça ca cela ceci qui que qu
			quoi dont où quand comment pourquoi combien quel quelle quels quelles je j tu t il elle on
			nous vous ils elles me m te se s moi toi lui leur leurs mon ma mes ton ta tes son sa ses
			notre nos votre vos pas ne n plus jamais rien très trop bien aussi encore déjà toujours
			merci bonjour bonsoir salut coucou svp stp mdr ptdr jsp pk pcq bcp tjrs slt bjr dans sur
			sous avec sans pour par chez vers en au aux y peu beaucoup tout tous toute toutes fait
			faire peut peux pouvez veux voulez c'est j'ai n'est super génial cool vraiment oui non si
			quelqu'un chose personne là ici alors voilà ben bah hein ouais moi-même aujourd'hui demain
			hier commande livraison ok top dispo jpp osef ptn oups vrmt tlm wsh frr miam
			kan qd qqn qq chui jsuis tkt dsl jpense grv tt ms pr ds ns bsr cv jsuis genial pkoi pq
			cmt koi ya`,
		langES: `el la los las un una unos unas y o pero de del al en con por para sin sobre es son
			está están estoy soy eres fue ser estar hay que qué quien quién cuando cuándo como cómo
			donde dónde porque por qué muy más menos también ya todavía aquí allí yo tú él ella nosotros
			ellos ellas mi mis tu tus su sus nuestro gracias hola vale bueno sí no nada algo todo todos
			pues esto eso este esta ese esa lo le les se me te nos os`,
		langDE: `der die das den dem des ein eine einer eines einem einen und oder aber nicht kein
			keine ist sind war waren bin bist sein haben hat habe hast wird werden ich du er sie es wir
			ihr mich mir dich dir uns euch mein meine dein deine sein seine unser mit von zu zum zur auf
			für an im in aus bei nach über unter wie was wer wo wann warum wieso ja nein danke bitte
			hallo auch noch schon sehr nur gut doch mal dass wenn so kann können muss müssen`,
		langIT: `il lo la i gli le un uno una e o ma di del della dei delle da dal in nel nella con su
			per tra fra è sono sei siamo era essere avere ho hai ha abbiamo hanno che chi cosa quando
			come dove perché quale quanto molto più anche ancora già sempre io tu lui lei noi voi loro
			mio mia tuo tua suo sua grazie ciao buongiorno sì no non niente tutto questo questa quello
			quella ci si mi ti vi ne`,
		langPT: `o a os as um uma uns umas e ou mas de do da dos das no na nos nas em com por para
			sem sobre é são está estão estou sou foi ser estar ter tem tenho que quem quando como onde
			porque muito mais menos também já ainda aqui eu tu ele ela nós eles elas meu minha seu sua
			obrigado obrigada olá oi sim não nada tudo isso isto este esta esse essa você vocês`,
		langNL: `de het een en of maar van in op met voor door naar bij uit aan over is zijn was waren
			ben bent heb hebt heeft hebben wordt worden ik jij je hij zij ze wij we jullie mijn jouw
			zijn haar ons onze niet geen wat wie waar wanneer waarom hoe ja nee dank bedankt alsjeblieft
			hallo hoi ook nog al heel erg goed maar dat die deze dit er kan kunnen moet moeten`,
	}
	m := map[string][]int{}
	for l, list := range lists {
		for _, w := range strings.Fields(list) {
			for _, part := range langWords(w) {
				m[part] = appendUnique(m[part], l)
			}
		}
	}
	return m
}()

func appendUnique(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
