package classify

// IsComplaint says whether a message reports a problem with the brand, its
// product or service, or the community (SPEC: complaint). The caller passes
// only messages not by the own account; addressed says whether the message
// is addressed to the own account (a reply to it or a mention of it, a
// comment on the own blog); sentiment is Sentiment(text, lang).
//
// Sentiment alone is a poor complaint detector (people are negative about
// the weather, and complain politely), so the rules combine:
//
//   - complaint vocabulary in English and French: what only a complaint
//     says ("refund", "still waiting", "scam", "toujours pas", "arnaque",
//     "inadmissible"), counted strongly, and words of a problem that may
//     also be a question or a report ("bug", "error", "slow", "panne",
//     "erreur", "lent"), counted weakly;
//   - a working verb negated: "doesn't work", "won't load", "ne fonctionne
//     pas", "marche plus", "sa marche pas";
//   - sarcasm where words show it: praise next to a problem and "again",
//     "another", "encore", "comme d'habitude", "thanks for nothing";
//   - addressing, and the sentiment, which tip a weak problem word either
//     way; a problem word under a negation ("no problem", "pas de souci",
//     "never had an issue") and a problem said to be solved ("fixed now",
//     "c'est réglé") do not count.
//
// lang is "en", "fr" or anything else: the vocabulary of both languages is
// looked for in every message, since people mix them.
func IsComplaint(text, lang string, addressed bool, sentiment float64) bool {
	return complaintScore(msgWords(text), addressed, sentiment) >= complaintThreshold
}

// The weights of the complaint rules, tuned on the tune half of the
// labelled set (testdata/labelled/messages.tsv).
const (
	complaintThreshold = 2.0
	strongWeight       = 2.0 // a phrase only a complaint says
	weakWeight         = 1.0 // a word of a problem, the first one
	moreWeakWeight     = 0.5 // each further one, up to two
	sarcasmWeight      = 1.0 // praise next to a problem, with a sarcasm cue
	addressedWeight    = 0.5
	negativeWeight     = 1.0 // sentiment at most -0.5
	slightlyNegWeight  = 0.5 // sentiment below -0.05
	positiveWeight     = -1.0
)

// complaintScore adds up the rules' evidence.
func complaintScore(words []msgWord, addressed bool, sentiment float64) float64 {
	strong, weak := 0, 0
	for i := 0; i < len(words); i++ {
		if n := complaintStrong.at(words, i); n > 0 {
			if !problemNegated(words, i) {
				strong++
			}
			i += n - 1
			continue
		}
		if n := complaintWeak.at(words, i); n > 0 {
			if !problemNegated(words, i) {
				weak++
			}
			i += n - 1
		}
	}
	if negatedWorking(words) {
		strong++
	}
	solved := complaintSolved.in(words)
	if solved && strong == 0 {
		return 0
	}

	score := float64(min(strong, 2)) * strongWeight
	if weak > 0 {
		score += weakWeight + float64(min(weak-1, 2))*moreWeakWeight
	}
	sarcasm := (strong > 0 || weak > 0) && complaintSarcasm.in(words)
	if sarcasm {
		score += sarcasmWeight
	}
	if addressed {
		score += addressedWeight
	}
	switch {
	case sentiment <= -0.5:
		score += negativeWeight
	case sentiment < -0.05:
		score += slightlyNegWeight
	case sentiment >= 0.5 && !sarcasm:
		score += positiveWeight
	}
	if strong == 0 && weak == 0 {
		// Sentiment alone is not a complaint (SPEC).
		return min(score, complaintThreshold-0.5)
	}
	return score
}

// problemNegated says whether the problem word at i is denied: "no
// problem", "not an issue", "never had a bug", "pas de souci", "sans
// problème", "aucun bug", "rien de cassé".
func problemNegated(words []msgWord, i int) bool {
	for k := 1; k <= 3 && i-k >= 0; k++ {
		p := words[i-k]
		if p.end {
			return false
		}
		switch p.w {
		case "no", "not", "never", "without", "zero", "sans", "aucun", "aucune", "rien", "jamais", "plus", "pas", "ni":
			return true
		}
	}
	return false
}

// negatedWorking finds a working verb under a negation: "doesn't work",
// "isn't loading", "can't log in", "won't open", "stopped working", "ne
// fonctionne pas", "n'arrive pas", "ne s'ouvre plus", "marche pas", "sa
// marche pu". Not "ça marche pas mal" (it works rather well), nor "ne
// marche qu'avec" (it only works with).
func negatedWorking(words []msgWord) bool {
	for i, w := range words {
		if englishWorking[w.w] {
			for k := 1; k <= 3 && i-k >= 0; k++ {
				p := words[i-k]
				if p.end {
					break
				}
				if englishNegation[p.w] {
					return true
				}
			}
			continue
		}
		if !frenchWorking[w.w] {
			continue
		}
		// "ne" or "n'" before it, not followed by "que".
		neBefore := false
		for k := 1; k <= 2 && i-k >= 0; k++ {
			p := words[i-k]
			if p.end {
				break
			}
			if p.w == "ne" || p.w == "n" {
				neBefore = true
			}
		}
		// "pas", "plus", "jamais", "pu" after it, maybe after "toujours"
		// or "même".
		for k := 1; k <= 3 && i+k < len(words); k++ {
			if words[i+k-1].end {
				break
			}
			n := words[i+k].w
			if n == "que" || n == "qu" {
				break
			}
			if frenchAfterNegation[n] {
				if n == "pas" && i+k+1 < len(words) && !words[i+k].end && words[i+k+1].w == "mal" {
					break
				}
				if n == "plus" && i+k+1 < len(words) && !words[i+k].end && frenchComparative[words[i+k+1].w] {
					break
				}
				return true
			}
			if n != "toujours" && n != "meme" && n != "vraiment" && n != "du" && n != "tout" && n != "encore" &&
				!(neBefore && (n == "se" || n == "s" || n == "me" || n == "m" || n == "te" || n == "t" || n == "le" || n == "la" || n == "les" || n == "l")) {
				break
			}
		}
	}
	return false
}

var (
	englishWorking = senSet([]string{
		"work", "works", "working", "worked", "load", "loads", "loading", "loaded",
		"open", "opens", "opening", "start", "starts", "starting", "connect", "connects", "connecting",
		"sync", "syncs", "syncing", "respond", "responds", "responding", "arrive", "arrived",
		"deliver", "delivered", "install", "installs", "installing", "update", "updating",
		"launch", "launches", "launching", "login", "log", "logging", "download", "downloading",
		"upload", "uploading", "save", "saving", "play", "playing", "charge", "charging",
		"boot", "booting", "print", "printing", "send", "sending", "refresh", "refreshing",
		"function", "functioning", "pair", "pairing", "received", "receive", "accept", "accepting",
	})
	englishNegation = senSet([]string{
		"not", "doesnt", "dont", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant",
		"cannot", "couldnt", "wouldnt", "hasnt", "havent", "hadnt", "never", "stopped", "unable",
		"nothing", "neither", "nor", "aint", "doesn", "didn", "isn", "won",
	})
	frenchWorking = senSet([]string{
		"marche", "marchent", "marchait", "marcher", "fonctionne", "fonctionnent",
		"fonctionnait", "fonctionner", "charge", "chargent", "ouvre", "ouvrent",
		"demarre", "demarrent", "repond", "repondent", "arrive", "arrivent", "passe", "passent",
		"affiche", "affichent", "connecte", "lance", "envoie", "synchronise", "allume", "recu",
		"recus", "recue", "recues", "telecharge", "installe", "imprime", "accepte",
		"prend", "valide",
	})
	frenchAfterNegation = senSet([]string{"pas", "plus", "jamais", "pu", "po", "rien"})
	frenchComparative   = senSet([]string{"vite", "rapide", "rapidement", "facilement", "mieux", "longtemps", "souvent", "de", "que"})
)

// complaintStrong holds what, in a message to a brand, only a complaint
// says.
var complaintStrong = newMsgPhrases(
	// English.
	"refund*", "money back", "my money", "scam*", "rip off", "ripoff", "ripped off", "fraud*",
	"still waiting", "still havent", "still hasnt", "still not", "still no", "still doesnt",
	"still broken", "still cant", "still dont",
	"not working", "stopped working", "no longer works", "no longer working",
	"never received", "never arrived", "never got", "hasnt arrived", "havent received",
	"not received", "not arrived", "didnt arrive", "didnt receive", "where is my", "wheres my",
	"cancel my", "cancelled my", "canceled my", "want to cancel", "going to cancel", "cancelling my",
	"worst", "unacceptable", "disgrace*", "shame on you", "charged twice", "double charged",
	"overcharged", "charged me", "waste of money", "waste of time", "fix this", "fix it",
	"keeps crashing", "keeps freezing", "keep crashing", "keeps failing", "keeps logging me out",
	"cant log in", "cant login", "cannot log in", "cannot login", "unable to",
	"no response", "no reply", "no answer", "nobody answers", "nobody replied", "been waiting",
	"on hold", "wrong order", "wrong item", "defective", "faulty", "complain*", "disappoint*",
	"useless", "terrible service", "awful service", "poor service", "bad service",
	"rubbish", "fed up", "sick of", "not happy", "unhappy", "furious", "ridiculous", "pathetic",
	"any update", "any news", "still nothing", "lost my", "deleted my", "sort this out",
	// French.
	"rembours*", "arnaqu*", "escro*", "voleur*", "toujours pas", "toujours rien",
	"toujours en attente", "toujours aucun", "toujours aucune", "en panne", "sav",
	"deception", "decu", "decue", "decus", "decues", "decevant*", "inadmissible",
	"inacceptable", "scandal*", "honte*", "jamais recu", "pas recu", "rien recu",
	"aucune reponse", "pas de reponse", "sans reponse", "aucun retour", "pas de retour",
	"personne ne repond", "jattends", "j attends", "en attente depuis", "depuis des semaines",
	"depuis des jours", "depuis des mois", "resilier", "resiliation", "resilie", "annuler mon",
	"annuler ma", "facture deux fois", "preleve deux fois", "debite deux fois", "pire",
	"catastroph*", "plainte", "reclamation", "ras le bol", "marre", "lamentable",
	"inutilisable", "impossible de", "pas normal", "mecontent*", "insatisfait*", "incompeten*",
	"nimporte quoi", "n importe quoi", "c est du vol", "cest du vol",
)

// complaintWeak holds words of a problem that may also be a question, a
// report or a joke.
var complaintWeak = newMsgPhrases(
	// English.
	"broken", "broke", "breaks", "bug", "bugs", "buggy", "crash*", "error*", "problem*", "issue*",
	"slow", "delay*", "late", "waiting", "lost", "missing", "damaged", "cancel*", "down",
	"outage", "glitch*", "lag", "laggy", "lagging", "cant", "doesnt", "wont", "frustrat*",
	"annoy*", "terrible", "awful", "horrible", "again", "customer service", "expensive",
	"overpriced", "charged", "fail*", "freez*", "stuck", "help", "fix", "wrong", "bad", "poor",
	"hate", "spam", "ads", "paywall", "removed", "banned", "deleted",
	// French.
	"bug*", "beug*", "bogue", "plante", "plantage", "erreur*", "probleme*", "souci", "soucis",
	"lent", "lente", "lenteur*", "retard*", "attente", "attends", "perdu*", "manquant*",
	"casse", "cassee", "abime*", "endommage*", "defectueu*", "annul*", "galer*", "encore",
	"nul", "nulle", "nuls", "pourri*", "cher", "trop cher", "service client", "bloque*",
	"coupure", "coupe", "impossible", "aide", "aidez", "panne*", "mauvais*", "horrible*",
	"bizarre", "supprime*", "banni*", "pub", "pubs",
)

// complaintSarcasm holds the cues that praise next to a problem is ironic.
var complaintSarcasm = newMsgPhrases(
	"again", "another", "once again", "yet another", "as usual", "thanks for nothing",
	"great job", "well done", "love how", "love that", "nice one", "bravo", "encore",
	"une fois de plus", "encore une fois", "comme d habitude", "comme dhab", "comme d hab",
	"merci pour rien", "merci du cadeau", "super le", "genial le", "top le",
)

// complaintSolved holds the words of a problem solved: a report of it is
// thanks, not a complaint.
var complaintSolved = newMsgPhrases(
	"fixed", "solved", "resolved", "sorted", "works now", "working now", "working again",
	"works again", "got my refund", "received my refund", "regle", "resolu", "resolue",
	"marche maintenant", "fonctionne maintenant", "remarche", "refonctionne",
	"bien recu", "rembourse merci", "ca marche merci",
)
