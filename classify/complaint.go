package classify

import "strings"

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
	addressedWeight    = 1.0
	unaddressedWeight  = -1.5
	negativeWeight     = 1.0 // sentiment at most -0.5
	slightlyNegWeight  = 0.5 // sentiment below -0.05
	positiveWeight     = -1.0
	infoQuestionWeight = -1.0 // a how/when/can-I question with no strong word: asking, not complaining
)

// complaintScore adds up the rules' evidence.
func complaintScore(words []msgWord, addressed bool, sentiment float64) float64 {
	strong, weak, sarcasm, solved := complaintCues(words)
	if solved && strong == 0 {
		return 0
	}
	score := float64(min(strong, 2)) * strongWeight
	if weak > 0 {
		score += weakWeight + float64(min(weak-1, 2))*moreWeakWeight
	}
	if sarcasm {
		score += sarcasmWeight
	}
	if addressed {
		score += addressedWeight
	} else {
		score += unaddressedWeight
	}
	switch {
	case sentiment <= -0.5:
		score += negativeWeight
	case sentiment < -0.05:
		score += slightlyNegWeight
	case sentiment >= 0.5 && !sarcasm:
		score += positiveWeight
	}
	if strong == 0 && infoQuestion(words) {
		score += infoQuestionWeight
	}
	if strong == 0 && weak == 0 {
		// Sentiment alone is not a complaint (SPEC).
		return min(score, complaintThreshold-0.5)
	}
	return score
}

// complaintCues counts the strong and weak complaint words of a message
// that are not denied ("no problem"), and says whether sarcasm shows and
// whether a problem is said to be solved.
func complaintCues(words []msgWord) (strong, weak int, sarcasm, solved bool) {
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
	solved = complaintSolved.in(words)
	sarcasm = (strong > 0 || weak > 0) && complaintSarcasm.in(words)
	return strong, weak, sarcasm, solved
}

// problemCues is complaintCues for Sentiment: nothing when the problem is
// solved.
func problemCues(text string) (strong, weak int, sarcasm bool) {
	strong, weak, sarcasm, solved := complaintCues(msgWords(text))
	if solved {
		return 0, 0, false
	}
	return strong, weak, sarcasm
}

// infoQuestion says whether a message opens by asking for information
// ("how long does a refund take", "can I pause", "comment résilier",
// "est-ce possible de"), as opposed to "why" and "is it normal that",
// which complain as often as they ask.
func infoQuestion(words []msgWord) bool {
	i := 0
	for i < len(words) && (words[i].w == msgMention || words[i].w == "hi" || words[i].w == "hello" ||
		words[i].w == "hey" || words[i].w == "bonjour" || words[i].w == "salut" || words[i].w == "coucou") {
		i++
	}
	return i < len(words) && infoOpenings.at(words, i) > 0
}

var infoOpenings = newMsgPhrases(
	"how", "what", "when", "where", "which", "can i", "could i", "can we", "can you", "could you",
	"do you", "is there", "are there", "quick q", "quick question",
	"comment", "quand", "combien", "ou", "quel", "quelle", "quels", "quelles", "est ce que",
	"peut on", "pouvez vous", "faut il", "c est possible", "est il possible", "est ce possible",
	"je peux", "on peut",
)

// problemNegated says whether the problem word at i is denied: "no
// problem", "not an issue", "never had a bug", "pas de souci", "sans
// problème", "aucun bug", "rien de cassé", "plus de souci", "pas déçu".
// Only words that name a problem can be denied: "no refund" and "pas de
// remboursement" still complain.
func problemNegated(words []msgWord, i int) bool {
	if !deniable(words[i].w) {
		return false
	}
	for k := 1; k <= 4 && i-k >= 0; k++ {
		p := words[i-k]
		if p.end {
			return false
		}
		next := words[i-k+1].w
		switch p.w {
		case "no", "not", "without", "zero", "sans", "aucun", "aucune", "rien", "pas", "ni":
			return true
		case "never", "jamais":
			// "never had a problem", "jamais eu de souci"; not "never got a
			// refund".
			switch next {
			case "had", "have", "has", "seen", "experienced", "any", "eu", "vu", "rencontre", "aucun", "aucune":
				return true
			}
		case "plus":
			if next == "de" || next == "d" {
				return true // "plus de souci"
			}
		}
	}
	return false
}

// deniable says whether a word names a problem, which a negation denies.
func deniable(w string) bool {
	for _, p := range []string{
		"problem", "issue", "souci", "bug", "beug", "erreur", "error", "probleme", "panne",
		"complain", "glitch", "crash", "slow", "lent", "retard", "delay", "late", "worr",
		"fuss", "fault", "disappoint", "decu", "decev", "broken", "broke", "casse", "damage",
		"endommag", "abim", "lag", "frustrat", "annoy", "plainte", "reclamation", "mecontent",
		"insatisf", "defect", "faulty", "wrong", "cher", "expensive",
	} {
		if strings.HasPrefix(w, p) {
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
			if n != "toujours" && n != "tjrs" && n != "tjs" && n != "meme" && n != "vraiment" && n != "du" && n != "tout" && n != "encore" &&
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
		"see", "find", "access", "use", "order", "pay", "checkout", "edit", "change", "reach",
		"contact", "apply", "redeem",
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
	// English: money.
	"want a refund", "want my refund", "need a refund", "demand a refund", "no refund",
	"where is my refund", "wheres my refund", "want my money back", "money back", "scam*",
	"rip off", "ripoff", "ripped off", "fraud*", "charged twice", "charged me twice",
	"double charged", "charged three times", "overcharged", "waste of money",
	// English: waiting and silence.
	"still waiting", "still havent", "still hasnt", "still not", "still no", "still doesnt",
	"still broken", "still cant", "still dont", "still nothing", "still missing",
	"no response", "no reply", "no replies", "nobody answers", "nobody replied", "nobody replies",
	"nobody responds", "nobody moderates", "been waiting", "on hold", "ignored", "ignoring me",
	"ignoring my", "any update on my", "days and no", "weeks and no", "hours and no",
	"_ days and no", "_ weeks and no", "_ hours and no", "been _ days", "been _ weeks", "after _ days",
	"after _ weeks", "_ days later", "_ weeks later", "doesnt care", "dont care", "couldnt care less",
	"too much to ask", "done with you", "im done with you",
	// English: things that do not work.
	"not working", "stopped working", "no longer works", "no longer working", "keeps crashing",
	"keeps freezing", "keep crashing", "keeps failing", "keeps timing out", "keeps logging me out",
	"logged me out", "logs me out", "cant log in", "cant login", "cannot log in", "cannot login",
	"unable to", "fix this", "fix it", "sort this out", "wont let me", "doesnt let me",
	// English: deliveries and goods.
	"never received", "never arrived", "never came", "never got", "hasnt arrived", "havent received",
	"not received", "not arrived", "didnt arrive", "didnt receive", "didnt come", "where is my",
	"wheres my", "wrong order", "wrong item", "wrong box", "wrong day", "someone elses", "defective",
	"faulty", "arrived late", "arrived damaged", "arrived broken", "arrived warm", "arrived empty",
	"arrived open", "arrived crushed", "arrived squashed", "days late", "day late", "days later",
	"melted", "rotten", "spoiled", "spoilt", "mouldy", "moldy", "expired", "out of date",
	"gone off", "leaking", "leaked", "squashed", "crushed", "smashed", "missing from",
	"was missing", "were missing", "is missing", "are missing", "not fresh",
	// English: feelings at the brand.
	"cancel my", "cancelled my", "canceled my", "want to cancel", "going to cancel",
	"cancelling my", "worst", "unacceptable", "disgrace*", "shame on you", "complain*",
	"disappoint*", "useless", "terrible service", "awful service", "poor service", "bad service",
	"rubbish", "fed up", "sick of", "not happy", "unhappy", "furious", "ridiculous", "pathetic",
	"unreliable", "a mess", "a joke", "not ok", "not okay", "not acceptable", "third time",
	"second time this", "every single time", "in a row", "not announced", "without warning",
	"without telling", "price went up", "prices went up", "price rise", "price hike",
	"lost my", "deleted my",
	// French: l'argent.
	"veux etre rembourse*", "exige un remboursement", "veux un remboursement", "pas rembourse*",
	"jamais rembourse*", "arnaqu*", "escro*", "voleur*", "debite deux fois", "debite trois fois",
	"preleve deux fois", "preleve trois fois", "facture deux fois", "c est du vol", "cest du vol",
	// French: l'attente et le silence.
	"toujours pas", "toujours rien", "toujours en attente", "toujours aucun", "toujours aucune",
	"aucune reponse", "pas de reponse", "sans reponse", "zero reponse", "aucun retour",
	"pas de retour", "personne ne repond", "personne ne decroche", "ne decroche", "ne repond",
	"repond jamais", "repondez jamais", "ignore", "ignoree", "ignores", "en attente depuis",
	"depuis des semaines", "depuis des jours", "depuis des mois", "heure d attente",
	"heures d attente", "jattends toujours", "j attends toujours", "personne ne modere",
	"tjrs pas", "tjs pas", "toujours aucun", "depuis _ jours", "depuis _ semaines", "depuis _ mois",
	"ca fait _ jours", "ca fait _ semaines", "seulement _ jours", "_ jours plus tard", "_ jours sans",
	"_ semaines sans", "s en fiche", "s en fout", "se moque de", "se fiche de", "trop demander",
	"comment je suis cense", "comment on est cense",
	// French: ce qui ne marche pas.
	"en panne", "en rade", "inutilisable", "impossible de", "me deconnecte", "m a deconnecte",
	"ma deconnecte", "deconnecte encore", "plante", "ca plante", "sa plante", "ne charge",
	"bug encore", "beug encore",
	// French: livraisons et produits.
	"jamais recu", "pas recu", "rien recu", "jamais arrive", "jamais arrivee", "pas arrive",
	"pas arrivee", "pas livre", "pas livree", "jamais livre", "jamais livree", "mauvaise box",
	"mauvais colis", "quelqu un d autre", "en retard", "jours de retard", "jours plus tard",
	"fondu", "fondue", "tiede", "perime", "perimee", "perimes", "perimees", "pourri", "pourrie",
	"moisi", "moisie", "ecrase", "ecrasee", "abime", "abimee", "il manque", "il manquait",
	"manquait", "manquent", "manquaient", "pas frais", "pas fraiche", "pas le bon", "pas la bonne",
	"pas les bons", "de travers",
	// French: ce qu'on dit à la marque.
	"annuler mon", "annuler ma", "me desabonne",
	"je me desabonne", "desabonner", "deception", "decu", "decue", "decus", "decues",
	"decevant*", "inadmissible", "inacceptable", "scandal*", "honte*", "pire", "catastroph*",
	"la cata", "cest la cata", "plainte", "reclamation", "ras le bol", "marre", "lamentable",
	"pas normal", "mecontent*", "insatisfait*", "incompeten*", "nimporte quoi", "n importe quoi",
	"pas fiable", "pas serieux", "troisieme fois", "deuxieme fois", "a chaque fois", "fois de suite",
	"jours de suite", "semaines de suite", "livraisons de suite", "mois de suite", "box de suite",
	"je resilie", "vais resilier", "veux resilier", "n arrive pas", "arrive pas a", "ne peux pas",
	"ne peux plus", "peux pas", "peux plus", "trop cher", "hors de prix", "si cher", "plus cher",
	"sans prevenir", "hausse des prix", "prix ont augmente", "augmente les prix",
)

// complaintWeak holds words of a problem that may also be a question, a
// report or a joke.
var complaintWeak = newMsgPhrases(
	// English.
	"refund*", "broken", "broke", "breaks", "bug", "bugs", "buggy", "crash*", "error*", "problem*",
	"issue*", "slow", "delay*", "late", "lost", "missing", "damaged", "cancel*", "down", "outage",
	"glitch*", "lag", "laggy", "lagging", "frustrat*", "annoy*",
	"customer service", "expensive", "overpriced",
	"charged", "fail*", "freez*", "stuck", "wrong", "spam",
	"ads", "paywall", "removed", "banned", "deleted", "warm", "empty", "smaller", "shrunk",
	"cold", "soggy", "bland", "tasteless", "stale", "smell*", "stink*", "dirty", "timing out",
	"time out", "plastic", "too many emails", "unsubscribe", "shame", "mess",
	"always late", "again and again", "nobody", "delete*", "finally", "supposed to",
	// French.
	"rembours*", "sav", "service client", "bug*", "beug*", "bogue", "plantage", "erreur*",
	"probleme*", "souci", "soucis", "lent", "lente", "lenteur*", "retard*", "attente", "attends",
	"perdu*", "manquant*", "manque", "casse", "cassee", "cassent", "endommage*", "defectueu*",
	"annul*", "galer*", "nul", "nulle", "nuls", "bloque*", "coupure",
	"coupe", "impossible", "panne*", "bizarre",
	"supprime*", "banni*", "pub", "pubs", "spam", "vide", "froid", "congele", "fade", "odeur",
	"sentait", "sale", "plastique", "retreci", "plus petit*", "deconnect*",
	"encore une fois", "sans la", "sans le", "sans les", "sans box", "resili*", "enfin", "cense",
	"censee", "a quoi sert", "debite*", "preleve*", "pas terrible", "pas top", "pas ouf", "bof",
	"not great", "not good", "meh",
)

// complaintSarcasm holds the cues that praise next to a problem is ironic.
var complaintSarcasm = newMsgPhrases(
	"again", "another", "once again", "yet another", "as usual", "thanks for nothing",
	"great job", "well done", "love how", "love that", "nice one", "bravo", "encore",
	"une fois de plus", "encore une fois", "comme d habitude", "comme dhab", "comme d hab",
	"merci pour rien", "merci du cadeau", "super le", "genial le", "top le", "oh sure",
	"oh great", "yeah right", "thanks for the", "nothing says", "vivement", "record",
	"seulement", "only took", "just what i needed", "exactement ce qu", "mon passe temps",
)

// complaintSolved holds the words of a problem solved: a report of it is
// thanks, not a complaint.
var complaintSolved = newMsgPhrases(
	"fixed", "solved", "resolved", "sorted", "works now", "working now", "working again",
	"works again", "got my refund", "received my refund", "regle", "resolu", "resolue",
	"marche maintenant", "fonctionne maintenant", "remarche", "refonctionne",
	"bien recu", "rembourse merci", "ca marche merci", "rien a redire", "no fuss",
	"not your fault", "pas de votre faute", "pas votre faute", "rien a voir avec vous",
)
