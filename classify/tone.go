package classify

import "unicode"

// AngryReply says whether an own reply shows anger markers (SPEC: tone of
// own replies): written in capitals (most of its letters, over a few
// words), several exclamation marks in a row ("!!", "?!"), or an insult in
// English or French ("idiot", "shut up", "ta gueule", "connard"). A reply
// that Sentiment scores negative is listed for a second look too; that is
// the caller's other test.
func AngryReply(text string) bool {
	if shouting(text) || exclamationRun(text) {
		return true
	}
	return insults.in(msgWords(text))
}

// shouting: at least twelve letters over two words or more, and at most
// a fifth of them in lower case.
func shouting(text string) bool {
	upper, lower, words, inWord := 0, 0, 0, false
	for _, r := range text {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
		letter := unicode.IsLetter(r)
		if letter && !inWord {
			words++
		}
		inWord = letter
	}
	return words >= 2 && upper+lower >= 12 && lower*5 <= upper+lower
}

// exclamationRun: two or more exclamation marks in a row, question marks
// and spaces between them allowed ("!!", "! !", "?!", "!?!"), as opposed to
// a friendly "Thanks! See you soon!".
func exclamationRun(text string) bool {
	marks, bangs := 0, 0
	for _, r := range text {
		switch r {
		case '!', '！':
			marks++
			bangs++
		case '?', '？':
			marks++
		case ' ', '\u00a0', '\u202f':
			continue
		default:
			marks, bangs = 0, 0
		}
		if marks >= 2 && bangs >= 1 {
			return true
		}
	}
	return false
}

var insults = newMsgPhrases(
	// English.
	"idiot", "idiots", "idiotic", "stupid", "moron", "morons", "dumb", "dumbass", "shut up",
	"stfu", "fuck*", "fck", "fuk", "wtf", "bullshit", "loser", "losers", "clown", "clowns",
	"liar", "liars", "jerk", "asshole*", "bitch*", "screw you", "get lost", "nobody cares",
	"grow up", "are you blind", "cant you read", "learn to read", "piss off", "pissed off",
	"troll", "trolls", "imbecile*", "retard", "retarded", "shithead", "go to hell",
	// French.
	"idiote", "idiotes", "stupide", "stupides", "cretin*", "con", "conne", "cons", "connes",
	"connard*", "connasse*", "debile*", "abruti*", "ta gueule", "vos gueules",
	"ferme la", "fermez la", "va te faire", "allez vous faire", "encule*", "salaud*",
	"salope*", "t es nul", "tes nul", "vous etes nuls", "vous etes nul", "bouffon*",
	"guignol*", "minable*", "pauvre type", "tais toi", "taisez vous", "degage", "casse toi",
	"apprends a lire", "apprenez a lire", "n importe quoi", "nimporte quoi", "gros naze",
	"pauvre con", "espece de",
)

// MovesToPrivate says whether an own reply takes the conversation out of
// public (SPEC: moved to private): to direct or private messages ("DM
// us", "send us a message", "en MP", "message privé", "en privé"), to
// e-mail ("by e-mail", "par mail", an e-mail address), or to the phone
// ("call us", "appelez-nous"), in English or French.
func MovesToPrivate(text string) bool {
	words := msgWords(text)
	for i := range words {
		if n := toPrivate.at(words, i); n > 0 {
			if words[i].w == "pm" && i > 0 && isNumber(words[i-1].w) {
				continue // "3 PM" is a time
			}
			return true
		}
		if words[i].w == msgEmail {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var toPrivate = newMsgPhrases(
	// English.
	"dm", "dms", "dmd", "dming", "direct message*", "private message*", "privately", "in private",
	"message us", "send us a message", "send us a note", "drop us a line", "drop us a message",
	"pm", "pm us", "pm me", "inbox", "by email", "by e mail", "via email", "via e mail",
	"email us", "e mail us", "mail us", "drop us an email", "drop us an e mail", "send us an email",
	"send us an e mail", "send an email", "contact us", "reach out to us", "reach us at",
	"get in touch", "call us", "give us a call", "phone us", "ring us", "whatsapp", "offline",
	"our support team at", "support ticket", "open a ticket",
	// French.
	"mp", "mps", "en mp", "par mp", "message prive", "messages prives", "en prive", "par mail",
	"par e mail", "par email", "par courriel", "par message", "par telephone", "appelez nous",
	"ecrivez nous", "envoyez nous", "contactez nous", "contacter par", "par dm", "en dm",
	"boite mail", "boite de reception", "nous joindre", "joignable", "messagerie privee",
)

// HardSell says whether an own post calls its readers to join, subscribe,
// buy or sign up (SPEC: hard-sell post), in English or French: "join us",
// "subscribe", "sign up", "buy now", "limited offer", "use code",
// "rejoignez-nous", "abonnez-vous", "inscrivez-vous", "achetez", "offre
// limitée", "code promo".
func HardSell(text string) bool {
	words := msgWords(text)
	for i := range words {
		if n := hardSell.at(words, i); n > 0 {
			return true
		}
		// "20% off", "-30 %".
		if words[i].w == "off" && i > 0 && isNumber(words[i-1].w) {
			return true
		}
	}
	return false
}

var hardSell = newMsgPhrases(
	// English.
	"join us", "join now", "join today", "join our", "join the waitlist", "join the club",
	"subscribe", "subscribe now", "sign up", "signup", "register now", "register today",
	"buy now", "buy it now", "buy yours", "buy your", "order now", "order yours", "shop now",
	"get yours", "grab yours", "grab your", "limited offer", "limited time", "special offer",
	"exclusive offer", "promo code", "discount code", "use code", "coupon", "free trial",
	"start your trial", "preorder", "pre order", "book now", "book your", "download now",
	"last chance", "dont miss out", "hurry", "act now", "on sale", "flash sale", "big sale",
	"early bird", "link in bio", "tap the link", "click the link", "subscrib*", "last day",
	"last days", "dont wait", "lock in", "price of one", "price of 1", "2 for 1", "two for one",
	"prices go up", "prices are going up", "today only", "ends tonight", "ends soon", "while stocks last",
	// French.
	"rejoignez", "rejoins nous", "rejoindre notre", "abonnez", "abonne toi", "abonnes toi",
	"inscrivez", "inscris toi", "inscription ouverte*", "achetez", "commandez", "profitez",
	"offre limitee", "offre speciale", "offre exclusive", "code promo", "promo", "reduction",
	"soldes", "ne manquez pas", "derniere chance", "essai gratuit", "precommande*",
	"reservez", "telechargez", "lien en bio", "places limitees", "en vente", "abonner",
	"inscrire", "dernier jour", "derniers jours", "n attendez pas", "bloquez", "au prix d un",
	"au prix d une", "les prix augmentent", "aujourd hui seulement", "des maintenant",
	"jusqu a epuisement", "se termine ce soir",
)
