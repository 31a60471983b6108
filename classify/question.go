package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsQuestion reports whether a message asks something, by the SPEC's rules:
// a sentence of it ends with '?' (or '？', '؟'; a space, no-break space or
// narrow no-break space before it, as French writes it, is fine), or it
// opens with an interrogative form: English who, what, when, where, why,
// how, which, or an auxiliary followed by its subject (can you, is there,
// does anyone ...); French est-ce que, qu'est-ce, pourquoi, comment, quand,
// où, combien, qui, quel(le)(s), or a verb-subject inversion (pouvez-vous,
// avez-vous, peut-on, y a-t-il ...). Quoted text and URLs do not count.
//
// lang is the message's language as Lang returns it ("en", "fr", "other"
// or ""); it only settles words that the two languages share ("comment" is
// an English noun). Forms that look interrogative but are not ("what a
// day", "how great is this!", "quand je suis arrivé, ...") are told apart
// by the word after the opening and by an exclamation mark at the end.
func IsQuestion(text, lang string) bool {
	own := ownWords(text)
	if hasQuestionMark(own) {
		return true
	}
	for _, s := range splitSentences(own) {
		if opensQuestion(s, lang) {
			return true
		}
	}
	return false
}

// hasQuestionMark reports whether s has a question mark that ends a
// sentence: one that is not followed by a letter or digit. "caf?s" (a
// broken encoding) and "page?id=3" (a link the cleaning missed) do not count.
func hasQuestionMark(s string) bool {
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "?？؟⁇⁈⁉")
		if j < 0 {
			return false
		}
		i += j
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		next, _ := utf8.DecodeRuneInString(s[i:])
		if i >= len(s) || !isWordRune(next) {
			return true
		}
	}
	return false
}

// opensQuestion reports whether sentence s opens with an interrogative
// form, after any greeting, mention or filler ("Hi team, how do I ...",
// "@shop est-ce que ...", "Du coup, pourquoi ...").
func opensQuestion(s sentence, lang string) bool {
	w := skipOpeners(s.words)
	if len(w) == 0 {
		return false
	}
	angryWhy := whyWords[w[0].text] && len(w) >= 3 && w[1].text != "not" && w[1].text != "pas"
	if (s.end == '!' || s.end == '¡' || s.end == '‼') && !angryWhy {
		// "How great is this!", "What a day!", "Quelle surprise !": an
		// exclamation, not a question (a real one would end with '?').
		// "Why is my box late again!" still asks, angrily.
		return false
	}
	if lang != "fr" && englishOpening(w) {
		return true
	}
	if lang != "en" || frenchLooking(w) {
		if frenchOpening(w, lang) {
			return true
		}
	}
	return false
}

// frenchLooking reports whether a sentence that Lang called English still
// opens with a French form no English text has (est-ce, qu', an inversion):
// short French lines are often misread.
func frenchLooking(w []word) bool {
	t := w[0].text
	return strings.HasPrefix(t, "est-ce") || t == "qu'" || isInversion(t)
}

// whyWords ask why, in both languages and in SMS spelling.
var whyWords = map[string]bool{"why": true, "y": true, "pourquoi": true, "pk": true, "pq": true, "pkoi": true, "pourkoi": true}

// openers are the words a message may start with before its question:
// greetings, fillers and connectives.
var openers = map[string]bool{
	// English
	"hi": true, "hello": true, "hey": true, "heya": true, "hiya": true, "yo": true, "dear": true,
	"ok": true, "okay": true, "oh": true, "ah": true, "hmm": true, "hm": true, "um": true, "umm": true,
	"so": true, "well": true, "btw": true, "also": true, "and": true, "but": true, "sorry": true,
	"please": true, "pls": true, "plz": true, "thanks": true, "thx": true, "ps": true,
	"quick": true, "question": true, "q": true, "just": true, "serious": true, "honest": true, "anyway": true,
	"morning": true, "good": true, "folks": true, "guys": true, "all": true, "team": true, "everyone": true,
	"then": true, "otherwise": true, "lol": true, "haha": true,
	// French
	"bonjour": true, "bonsoir": true, "salut": true, "coucou": true, "allo": true, "allô": true,
	"re": true, "bjr": true, "slt": true, "cc": true, "alors": true, "sinon": true,
	"bref": true, "donc": true, "et": true, "mais": true, "merci": true, "svp": true, "stp": true,
	"petite": true, "juste": true, "euh": true, "bon": true, "ben": true, "bah": true, "enfin": true,
	"aussi": true, "dites": true, "dis": true, "sérieux": true, "sérieusement": true, "franchement": true,
	"pardon": true, "excusez-moi": true, "désolé": true, "désolée": true,
}

// greetings are the openers after which a name or "à tous" may come before
// a comma: "Hi team, ...", "Bonjour à tous, ...".
var greetings = map[string]bool{
	"hi": true, "hello": true, "hey": true, "heya": true, "hiya": true, "dear": true, "morning": true,
	"good": true, "bonjour": true, "bonsoir": true, "salut": true, "coucou": true, "bjr": true,
	"slt": true, "merci": true, "thanks": true, "thx": true, "re": true, "yo": true,
}

// skipOpeners drops the greeting, mentions and fillers a sentence starts
// with. After a greeting it also drops the words up to a comma within the
// next four ("Hi team,", "Bonjour à tous,").
func skipOpeners(w []word) []word {
	for len(w) > 0 {
		switch {
		case w[0].tag != 0, w[0].text == ",":
			w = w[1:]
		case w[0].text == "du" && len(w) > 1 && w[1].text == "coup":
			w = w[2:]
		case openers[w[0].text]:
			if greetings[w[0].text] {
				for i := 1; i < len(w) && i <= 4; i++ {
					if w[i].text == "," {
						w = w[i:]
						break
					}
				}
			}
			if len(w) > 0 && openers[w[0].text] {
				w = w[1:]
			}
		default:
			return w
		}
	}
	return w
}

// English ----------------------------------------------------------------

// englishAux are the auxiliaries that open a yes/no question when their
// subject follows: "can you", "is there", "does anyone", "don't you".
var englishAux = map[string]bool{
	"can": true, "could": true, "would": true, "will": true, "is": true, "are": true,
	"do": true, "does": true, "did": true, "should": true, "shall": true, "may": true,
	"might": true, "must": true, "has": true, "have": true, "had": true, "was": true,
	"were": true, "am": true,
	"can't": true, "cant": true, "cannot": true, "couldn't": true, "couldnt": true,
	"wouldn't": true, "wouldnt": true, "won't": true, "wont": true, "isn't": true,
	"isnt": true, "aren't": true, "arent": true, "don't": true, "dont": true,
	"doesn't": true, "doesnt": true, "didn't": true, "didnt": true, "shouldn't": true,
	"shouldnt": true, "haven't": true, "havent": true, "hasn't": true, "hasnt": true,
	"wasn't": true, "wasnt": true, "weren't": true, "werent": true,
	// SMS and typos
	"cn": true, "cud": true, "wud": true, "shud": true, "cld": true, "wld": true,
}

// modalSubjects are the only subjects after "may", "might" and "must": "May
// I ask", but "May the best box win".
var modalSubjects = map[string]bool{
	"i": true, "we": true, "you": true, "u": true, "someone": true, "anyone": true, "one": true,
}

// englishSubjects are the words that can follow an auxiliary as (the start
// of) its subject.
var englishSubjects = map[string]bool{
	"i": true, "you": true, "u": true, "ya": true, "we": true, "they": true, "he": true,
	"she": true, "it": true, "there": true, "this": true, "that": true, "these": true,
	"those": true, "someone": true, "somebody": true, "anyone": true, "anybody": true,
	"everyone": true, "everybody": true, "anything": true, "something": true, "y'all": true,
	"yall": true, "ppl": true, "people": true, "the": true, "a": true, "an": true, "my": true,
	"your": true, "ur": true, "our": true, "their": true, "his": true, "her": true, "its": true,
	"any": true, "some": true, "all": true, "one": true, "mine": true, "yours": true, "teh": true,
	"no": true, "nobody": true, "none": true, "either": true, "each": true, "every": true,
}

// englishPronouns are the subject pronouns: after "what", "why", "when",
// "where", "who" or "how much" they make a clause, not a question ("what
// I mean", "when I arrived", "how much I love it").
var englishPronouns = map[string]bool{
	"i": true, "you": true, "u": true, "we": true, "they": true, "he": true, "she": true,
	"it": true, "i'm": true, "i've": true, "i'd": true, "i'll": true, "you're": true,
	"we're": true, "they're": true, "it's": true, "he's": true, "she's": true, "this": true,
	"these": true, "those": true,
}

// howQuestion are the words after "how" that make a question ("how do I",
// "how long", "how much is"); any other ("how great", "how I") makes an
// exclamation or a clause.
var howQuestion = map[string]bool{
	"long": true, "much": true, "many": true, "often": true, "far": true, "old": true,
	"big": true, "soon": true, "come": true, "about": true, "to": true, "exactly": true,
	"else": true, "fast": true, "quickly": true, "hard": true, "likely": true, "safe": true,
	"secure": true, "early": true, "late": true, "frequently": true, "accurate": true,
	"reliable": true, "stable": true, "expensive": true, "large": true, "small": true,
	"tall": true, "deep": true, "high": true, "so": true, "on": true, "does": true,
	"would": true, "should": true, "the": true,
}

// englishWh are the interrogative words.
var englishWh = map[string]bool{
	"who": true, "what": true, "when": true, "where": true, "why": true, "how": true,
	"which": true, "whose": true, "whom": true, "whats": true, "hows": true,
	"wheres": true, "whos": true, "wat": true, "wut": true, "whys": true,
	"who's": true, "what's": true, "where's": true, "how's": true, "when's": true,
	"why's": true, "what're": true, "who're": true, "how're": true, "where're": true,
	"whatcha": true, "wassup": true, "sup": true,
	// SMS and typos
	"wen": true, "wher": true, "hw": true, "wht": true,
}

// anyQuestion are the words after "any" that ask: "any news", "any idea".
var anyQuestion = map[string]bool{
	"idea": true, "ideas": true, "news": true, "update": true, "updates": true, "tips": true,
	"tip": true, "advice": true, "plans": true, "plan": true, "chance": true, "word": true,
	"eta": true, "thoughts": true, "suggestions": true, "suggestion": true,
	"recommendations": true, "recommendation": true, "way": true, "luck": true, "help": true,
	"solution": true, "fix": true, "progress": true, "info": true, "information": true,
	"feedback": true, "reason": true, "workaround": true, "clue": true, "hints": true,
	"hint": true, "insight": true, "insights": true, "pointers": true, "experience": true,
	"estimate": true, "timeline": true, "date": true, "response": true, "answer": true,
	"reply": true, "one": true, "body": true, "other": true,
}

func englishOpening(w []word) bool {
	t := w[0].text
	next, next2 := "", ""
	if len(w) > 1 {
		next = w[1].text
	}
	if len(w) > 2 {
		next2 = w[2].text
	}
	switch {
	case t == "r" && (next == "u" || next == "you" || next == "we" || next == "they" || next == "there"):
		return true
	case t == "y" && englishAux[next]:
		// SMS "y is my box late": why. (French "y a-t-il" has no English
		// auxiliary after it.)
		return true
	case englishAux[t]:
		return auxQuestion(t, next, w)
	case t == "anyone" || t == "anybody" || t == "any1" || t == "someone" || t == "somebody":
		// "Anyone tried the beta", "Someone knows why ...": asked of
		// the room. A statement about someone needs more ("someone
		// stole my bike") and is far rarer at the start of a message.
		return t == "anyone" || t == "anybody" || t == "any1" || next == "know" || next == "knows" || next == "help"
	case t == "any":
		return anyQuestion[next]
	case t == "wondering" || (t == "i" && (next == "wonder" || (next == "was" || next == "am" || next == "i'm") && next2 == "wondering")) ||
		(t == "i'm" && next == "wondering"):
		return true
	case (t == "i'd" || t == "i" && (next == "would" || next == "want")) && likeToKnow(w[1:]):
		// "I'd like to know whether ...", "I would like to know ..."
		return true
	}
	if !englishWh[t] {
		return false
	}
	switch t {
	case "what", "whats", "wat", "wut", "wht":
		switch {
		case next == "a" || next == "an" || next == "the" || exclamative[next]:
			return false // "what a day", "what the heck", "what lovely news"
		case englishPronouns[next]:
			return false // "what I mean is"
		}
		return true
	case "how", "hows", "hw":
		if next == "much" || next == "many" {
			return !englishPronouns[next2]
		}
		return englishAux[next] || howQuestion[next] || next == "" || next == "come"
	case "why":
		return !englishPronouns[next] || englishAux[next]
	case "when", "where", "wheres", "wen", "wher":
		return englishAux[next] || next == "to" || next == "'s" || next == "exactly" || next == "can" || next == ""
	case "who", "whos":
		return !englishPronouns[next]
	case "which":
		return !englishPronouns[next]
	}
	return true // the contracted forms: what's, how's, who's ...
}

// likeToKnow reports whether w reads "[would] like to know" or "want to
// know".
func likeToKnow(w []word) bool {
	var b strings.Builder
	for _, x := range w[:min(len(w), 4)] {
		b.WriteString(x.text)
		b.WriteByte(' ')
	}
	s := b.String()
	return strings.HasPrefix(s, "like to know ") || strings.HasPrefix(s, "would like to know ") ||
		strings.HasPrefix(s, "want to know ") || strings.HasPrefix(s, "love to know ") ||
		strings.HasPrefix(s, "would love to know ")
}

// auxQuestion reports whether auxiliary aux opening a sentence is followed
// by its subject, with the exceptions that are commands or ellipses:
// "have a nice day", "do it", "did it".
func auxQuestion(aux, next string, w []word) bool {
	switch aux {
	case "may", "might", "must", "had":
		// "May the best box win", "Had a great time": only a pronoun
		// makes these a question ("May I ...", "Had you ...").
		return modalSubjects[next]
	case "was", "were":
		if next == "a" || next == "an" {
			return false // "Was a great night"
		}
	case "does", "did":
		if next == "the" && len(w) > 2 && (w[2].text == "job" || w[2].text == "trick") {
			return false // "Does the job."
		}
	}
	if len(w) > 1 && w[1].cap && !englishSubjects[next] && len(next) > 1 &&
		aux != "have" && aux != "do" && !titleCase(w) {
		// A name: "Can Mastodon import ...", "Is GitHub down"; but not
		// "Have Fun", "Do Check Out Our New Box" (a title-cased post).
		return true
	}
	if !englishSubjects[next] {
		return false
	}
	switch aux {
	case "have", "do", "did", "don't", "dont":
		switch next {
		case "a", "an", "it", "this", "that", "some", "the", "your", "my", "no", "all":
			// "Have a nice day", "Do it", "Did it", "Don't do that",
			// "Do your homework": commands and statements.
			return aux == "have" && (next == "the" || next == "your" || next == "my" || next == "any") ||
				(aux == "do" || aux == "did") && (next == "the" || next == "your" || next == "my" || next == "all" || next == "this" || next == "that")
		}
	}
	return true
}

// exclamative are the adjectives that make "what ..." an exclamation:
// "what lovely news".
var exclamative = map[string]bool{
	"great": true, "lovely": true, "nice": true, "beautiful": true, "amazing": true,
	"awesome": true, "wonderful": true, "terrible": true, "horrible": true, "awful": true,
	"fantastic": true, "brilliant": true, "cute": true, "delicious": true, "good": true,
	"bad": true, "perfect": true, "fun": true, "crazy": true, "sad": true, "weird": true,
}

// titleCase reports whether most words of w start with a capital letter,
// as headlines and promotional posts are written.
func titleCase(w []word) bool {
	n, caps := 0, 0
	for _, x := range w {
		if x.text == "," || x.tag != 0 {
			continue
		}
		n++
		if x.cap {
			caps++
		}
	}
	return n >= 3 && caps*4 >= n*3
}

// French -----------------------------------------------------------------

// frenchSubjects are the words that open a subject: after "quand",
// "combien" they make a clause ("quand je suis arrivé, ...", "combien
// j'aime ça") rather than a question.
var frenchSubjects = map[string]bool{
	"je": true, "j'": true, "tu": true, "t'": true, "il": true, "elle": true, "on": true,
	"nous": true, "vous": true, "ils": true, "elles": true, "c'": true, "ce": true, "ça": true,
	"ca": true, "cela": true, "le": true, "la": true, "les": true, "l'": true, "un": true,
	"une": true, "mon": true, "ma": true, "mes": true, "ton": true, "ta": true, "tes": true,
	"son": true, "sa": true, "ses": true, "notre": true, "nos": true, "votre": true, "vos": true,
	"leur": true, "leurs": true, "tout": true, "tous": true, "même": true,
}

// etre is what follows "quel(le)(s)" in a question ("quel est", "quelle
// serait") as against an exclamation ("quelle horreur").
var etre = map[string]bool{
	"est": true, "sont": true, "était": true, "etait": true, "serait": true, "seraient": true,
	"sera": true, "seront": true, "étaient": true, "etaient": true, "c'": true, "a": true,
	"ont": true, "est-ce": true, "peut": true, "faut": true, "fut": true,
}

// inversionSubjects are the pronouns that follow a verb in an inversion.
var inversionSubjects = []string{"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "iel"}

// notInversions are verb-pronoun words that are commands, nouns or asides:
// "abonnez-vous", "rendez-vous", "paraît-il".
var notInversions = map[string]bool{
	"rendez-vous": true, "abonnez-vous": true, "inscrivez-vous": true, "méfiez-vous": true,
	"connectez-vous": true, "amusez-vous": true, "détendez-vous": true, "asseyez-vous": true,
	"reposez-vous": true, "dépêchez-vous": true, "renseignez-vous": true, "préparez-vous": true,
	"installez-vous": true, "régalez-vous": true, "rassurez-vous": true, "calmez-vous": true,
	"taisez-vous": true, "servez-vous": true, "tenez-vous": true, "imaginez-vous": true,
	"lancez-vous": true, "faites-vous": false, "allez-vous-en": true, "rejoignez-nous": true,
	"paraît-il": true, "parait-il": true, "semble-t-il": true, "dit-on": true, "dit-il": true,
	"dit-elle": true, "disent-ils": true, "vous-même": true, "vous-mêmes": true, "nous-mêmes": true,
	"nous-même": true, "soit-il": true, "fût-il": true, "fut-il": true, "va-t'en": true,
	"prenez-vous": false, "ci-dessous": true, "ci-dessus": true, "peut-être": true,
	"désabonnez-vous": true, "réabonnez-vous": true, "bougez-vous": true, "débrouillez-vous": true,
	"adressez-vous": true, "rapprochez-vous": true,
}

// isInversion reports whether t is a verb-subject inversion: a verb, a
// hyphen (with -t- between vowels) and a subject pronoun, as in
// pouvez-vous, peut-on, a-t-il, puis-je, est-ce. A "-nous" needs a verb in
// -ons ("pouvons-nous"), else it is a command ("contactez-nous").
func isInversion(t string) bool {
	i := strings.IndexByte(t, '-')
	if i <= 0 || notInversions[t] {
		return false
	}
	verb, rest := t[:i], t[i+1:]
	if strings.HasPrefix(rest, "t-") {
		rest = rest[2:]
	}
	if strings.Contains(verb, "'") {
		return false
	}
	for _, p := range inversionSubjects {
		if rest == p {
			if p == "nous" && !strings.HasSuffix(verb, "ons") {
				return false
			}
			if p == "ce" && verb != "est" && verb != "était" && verb != "sera" && verb != "serait" && verb != "fut" {
				return false
			}
			return utf8.RuneCountInString(verb) >= 1 && isLetters(verb)
		}
	}
	return false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// frenchWh are the interrogative words that open a French question.
var frenchWh = map[string]bool{
	"pourquoi": true, "comment": true, "quand": true, "où": true, "combien": true, "qui": true,
	"quel": true, "quelle": true, "quels": true, "quelles": true, "lequel": true, "laquelle": true,
	"lesquels": true, "lesquelles": true, "pq": true, "pk": true, "pkoi": true, "pourkoi": true,
	"cmt": true, "koi": true, "quoi": true, "kan": true, "kand": true,
}

func frenchOpening(w []word, lang string) bool {
	t := w[0].text
	next, next2 := "", ""
	if len(w) > 1 {
		next = w[1].text
	}
	if len(w) > 2 {
		next2 = w[2].text
	}
	switch {
	case strings.HasPrefix(t, "est-ce") || t == "esque" || t == "eske" || t == "esce" ||
		(t == "est" && next == "ce" && (next2 == "que" || next2 == "qu'")):
		return true
	case t == "qu'" && (strings.HasPrefix(next, "est-ce") || (next == "est" && next2 == "ce") || next == "en"):
		// qu'est-ce que, qu'est ce qui, qu'en pensez-vous
		return true
	case t == "n'" && strings.HasPrefix(next, "est-ce"):
		return true
	case t == "c'" && next == "est" && (next2 == "quoi" || next2 == "combien" || next2 == "quand" || next2 == "où" || next2 == "possible" || next2 == "normal"):
		// "c'est quoi le prix", "c'est normal que ...": the colloquial
		// questions that only a '?' or the tone would tell otherwise.
		return next2 != "possible" && next2 != "normal" || len(w) > 3
	case t == "y" && (isInversion(next) || next == "a-t-il" || next == "aurait-il"):
		return true
	case t == "y" && next == "a" && next2 == "moyen":
		return true
	case isInversion(t):
		return true
	case (t == "tu" || t == "vous") && (next == "sais" || next == "savez" || next == "savais" || next == "saviez") &&
		(next2 == "si" || next2 == "s'" || next2 == "comment" || next2 == "quand" || next2 == "où" || next2 == "pourquoi" || next2 == "combien" || next2 == "qui" || strings.HasPrefix(next2, "quel")):
		return true
	case (t == "quelqu'un" || t == "qqn" || t == "qq1") && askRoom[next]:
		// "Quelqu'un sait ...", "Quelqu'un a déjà testé ..."
		return true
	case t == "je" && (next == "me" && (next2 == "demande" || next2 == "demandais") || (next == "voudrais" || next == "voulais" || next == "souhaiterais") && next2 == "savoir"):
		return true
	case t == "j'" && (next == "aimerais" || next == "aurais") && (next2 == "savoir" || next2 == "une"):
		return true
	}
	for _, x := range w[:min(len(w), 6)] {
		if isInversion(x.text) {
			// "Du coup, la v2 sort-elle bientôt", "Bonjour, avez-vous ..."
			return true
		}
	}
	if !frenchWh[t] && t != "ou" {
		return tailQuestion(w)
	}
	switch t {
	case "comment", "cmt":
		if next == "dire" || next2 == "dire" {
			// "Comment vous dire… une tuerie": a figure of speech.
			return false
		}
		// An English noun too: "Comment from the admin".
		return lang != "en" || next == "ça" || next == "ca" || next == "faire" || next == "on" || next == "je" || next == "se" || next == "s'"
	case "quand", "combien", "kan", "kand":
		if frenchSubjects[next] {
			// "Quand je suis arrivé, ...", "combien j'aime ça"; but
			// "quand est-ce", "quand on aura la v2" stays open below.
			return hasInversionOrEstCe(w)
		}
		return true
	case "où":
		return true
	case "ou":
		// Unaccented "ou" is mostly "or"; it asks where only with a verb
		// of place after it.
		switch fold(next) {
		case "est", "sont", "est-ce", "trouver", "acheter", "se", "s'", "en", "ca", "trouve", "peut-on", "puis-je":
			return true
		}
		return false
	case "quel", "quelle", "quels", "quelles":
		return etre[next] || hasInversionOrEstCe(w)
	case "quoi", "koi":
		// "Quoi de neuf", but "quoi" alone is mostly surprise.
		return next == "de" || next == "faire"
	case "qui":
		return next != "" && next != ","
	}
	return true
}

// askRoom are the verbs after "quelqu'un" that ask the room.
var askRoom = map[string]bool{
	"sait": true, "saurait": true, "a": true, "aurait": true, "peut": true, "pourrait": true,
	"connaît": true, "connait": true, "utilise": true, "veut": true, "voudrait": true,
	"est": true, "serait": true, "d'": true, "ici": true, "dispo": true, "aurais": true,
}

func hasInversionOrEstCe(w []word) bool {
	for _, x := range w {
		if isInversion(x.text) || strings.HasPrefix(x.text, "est-ce") {
			return true
		}
	}
	return false
}

// tailQuestion reports whether a French sentence ends with an
// interrogative word, as spoken French asks without a '?': "ça marche
// comment", "c'est prévu pour quand", "ça coûte combien". "Je sais pas
// comment" is a statement.
func tailQuestion(w []word) bool {
	if len(w) < 2 {
		return false
	}
	last := w[len(w)-1].text
	switch last {
	case "comment", "quand", "combien", "où", "pourquoi":
	default:
		return false
	}
	for _, x := range w[:len(w)-1] {
		switch x.text {
		case "sais", "sait", "savoir", "savais", "pas", "importe", "voir", "explique", "comprends":
			return false
		}
	}
	// Spoken questions of this kind start with a subject: "ça", "c'",
	// "on", "vous", "tu", "il", "la", "le" ...
	return frenchSubjects[w[0].text]
}
