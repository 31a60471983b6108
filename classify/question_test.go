package classify

import (
	"strings"
	"testing"
	"unicode"
)

// questionTests follow the SPEC's rules and the false openings the brief
// warns of; each case says what it checks.
var questionTests = []struct {
	name string
	text string
	lang string
	want bool
}{
	// The question mark and its spacing.
	{"plain ?", "Is this on sale?", "en", true},
	{"space before ?", "C'est dispo en 2 tailles ?", "fr", true},
	{"no-break space before ?", "Vous livrez en Belgique\u00a0?", "fr", true},
	{"narrow no-break space before ?", "Vous livrez en Belgique\u202f?", "fr", true},
	{"fullwidth ？", "これは何ですか？", "other", true},
	{"arabic ؟", "هل هذا متاح؟", "other", true},
	{"?! at the end", "You changed the price again?!", "en", true},
	{"? then an emoji", "any news? 🙏", "en", true},
	{"? then a hashtag", "Dispo quand ? #golang", "fr", true},
	{"? mid-message", "Why? Because it rocks. Love it.", "en", true},
	{"?? repeated", "seriously??", "en", true},
	{"bare ?", "?", "", true},
	{"no question", "Thanks for the great article.", "en", false},
	{"mojibake ? inside a word", "Caf?s and cr?pes were great", "en", false},

	// What does not count: URLs and quotes.
	{"? in a URL", "See https://example.com/page?id=3 for details", "en", false},
	{"? in a www link", "read www.example.com/faq?lang=fr", "en", false},
	{"? in a bare link", "posted on example.com/blog/?p=12 yesterday", "en", false},
	{"URL ending with ?", "look https://example.com/search? thanks", "en", false},
	{"quoted English", `He asked "is it free?" and I said yes.`, "en", false},
	{"quoted guillemets", "Il m'a dit « tu viens ? » et je suis parti.", "fr", false},
	{"quoted curly", "My favourite line: “Who am I?” Great film.", "en", false},
	{"quoted German marks", "Er fragte „Kommst du?“ und ging.", "other", false},
	{"quoted line", "> Can you help?\nSure, here is the link.", "en", false},
	{"quoted html line", "&gt; Can you help?\nDone.", "en", false},
	{"quote block", "[quote=\"bob\"]How do I install it?[/quote]\nThat was fixed in 1.2.", "en", false},
	{"blockquote", "<blockquote>Any news?</blockquote> Shipped today.", "en", false},
	{"single quotes", "The FAQ says 'Can I pause my subscription?' and yes, you can.", "en", false},
	{"curly single quotes", "She asked ‘is it vegan?’ and I said no", "en", false},
	{"apostrophes are not quotes", "Don't know if it's done, the kids' box is late?", "en", true},
	{"single-quoted word", "Is it 'fresh'", "en", true},
	{"code", "Use `x ?: y` in Kotlin.", "en", false},
	{"question after a quote", `Did you read "the guide"?`, "en", true},
	{"unclosed quote keeps the rest", `The 27" model, is it in stock?`, "en", true},
	{"e-mail address", "write to help@example.com", "en", false},

	// English openings.
	{"how do", "How do I reset my password", "en", true},
	{"what is", "What is the price of the pro plan", "en", true},
	{"what's", "what's the ETA on the fix", "en", true},
	{"when will", "When will the new version ship", "en", true},
	{"where can", "Where can I download the app", "en", true},
	{"why is", "Why is my order late", "en", true},
	{"who", "Who has tried the beta", "en", true},
	{"which", "Which plan includes exports", "en", true},
	{"can you", "Can you help me with my account", "en", true},
	{"could you", "could u send me the invoice", "en", true},
	{"would it", "Would it work on Linux.", "en", true},
	{"will there", "Will there be a recording", "en", true},
	{"is there", "Is there a student discount", "en", true},
	{"are you", "Are you open on Sundays", "en", true},
	{"do you", "Do you ship to Canada", "en", true},
	{"does anyone", "Does anyone know a workaround", "en", true},
	{"did the", "Did the update break sync", "en", true},
	{"don't you", "Don't you think it's too expensive", "en", true},
	{"name after aux", "Is GitHub down again", "en", true},
	{"anyone", "Anyone tried it on a Pi", "en", true},
	{"any news", "Any news on my refund", "en", true},
	{"after a greeting", "Hi team, how do I export my data", "en", true},
	{"after a mention", "@shop can you check my order", "en", true},
	{"second sentence", "Love the app. How do I change the theme", "en", true},
	{"after a colon", "Quick question: is the API free", "en", true},
	{"wondering", "I was wondering if the course is still available", "en", true},

	{"I'd like to know", "I'd like to know whether the box is recyclable.", "en", true},
	{"SMS why", "y is my box late", "en", true},
	{"typo the", "is teh app on android", "en", true},
	{"lead-in with dash", "Quick q - what's the cutoff", "en", true},
	{"angry why", "Why is my box late AGAIN!", "en", true},
	{"may with a pronoun", "May I ask for a refund", "en", true},

	// English false openings.
	{"who knew", "Who knew...!", "en", false},
	{"what a lovely surprise", "What a lovely surprise!", "en", false},
	{"what lovely news", "What lovely news", "en", false},
	{"why not!", "Why not!", "en", false},
	{"plea", "plz hlp", "en", false},
	{"order", "Cancel my account.", "en", false},
	{"may the best", "May the best recipe win", "en", false},
	{"title case", "Do Check Out Our New Summer Box", "en", false},
	{"was a", "Was a great night, thanks all", "en", false},
	{"had a", "Had a great time at the cook-along", "en", false},
	{"does the job", "Does the job.", "en", false},
	{"had you", "Had you heard of the new box", "en", true},
	{"have fun", "Have Fun This Weekend", "en", false},
	{"how great!", "how great is this!", "en", false},
	{"how great", "How great is that", "en", false},
	{"what a day", "what a day", "en", false},
	{"what an idea", "What an idea, love it", "en", false},
	{"what I mean", "What I mean is that it works", "en", false},
	{"when I", "When I logged in, everything was gone.", "en", false},
	{"where I live", "Where I live it rains", "en", false},
	{"why I love", "Why I love Go: a thread", "en", false},
	{"how much I love", "How much I love this community", "en", false},
	{"how I", "How I built my blog in a weekend", "en", false},
	{"have a nice day", "Have a nice day", "en", false},
	{"do it", "Do it now", "en", false},
	{"can't wait", "Can't wait for the release", "en", false},
	{"would love", "Would love to see more of this", "en", false},
	{"will do", "Will do, thanks", "en", false},
	{"could be", "Could be better", "en", false},
	{"statement", "I tried the new version and it works", "en", false},
	{"exclamation with aux", "Is this the best update ever!", "en", false},
	{"comment is English", "Comment moderation is on", "en", false},

	// French openings.
	{"est-ce que", "Est-ce que la livraison est gratuite", "fr", true},
	{"est ce que without hyphen", "est ce que vous livrez le samedi", "fr", true},
	{"qu'est-ce", "Qu'est-ce que vous conseillez", "fr", true},
	{"qu'est ce qui", "qu’est ce qui ne va pas", "fr", true},
	{"pourquoi", "Pourquoi ma commande n'est pas arrivée", "fr", true},
	{"comment", "Comment on fait pour annuler", "fr", true},
	{"comment without lang", "Comment faire pour se désabonner", "", true},
	{"quand", "Quand sort la version 2", "fr", true},
	{"quand est-ce", "Quand est-ce que ça arrive", "fr", true},
	{"où", "Où trouver le mode d'emploi", "fr", true},
	{"ou without accent", "ou est le bouton pour exporter", "fr", true},
	{"combien", "Combien coûte l'abonnement", "fr", true},
	{"combien de", "combien de temps pour la livraison", "fr", true},
	{"qui", "Qui a testé la nouvelle version", "fr", true},
	{"quel est", "Quel est le délai de livraison", "fr", true},
	{"quelle inversion", "Quelle version utilisez-vous", "fr", true},
	{"quelles sont", "Quelles sont les conditions", "fr", true},
	{"pouvez-vous", "Pouvez-vous m'aider", "fr", true},
	{"avez-vous", "Avez-vous reçu mon mail", "fr", true},
	{"peut-on", "Peut-on payer en trois fois", "fr", true},
	{"y a-t-il", "Y a-t-il une appli mobile", "fr", true},
	{"a-t-il", "Le colis a-t-il été envoyé", "fr", true},
	{"puis-je", "Puis-je changer mon adresse", "fr", true},
	{"inversion after greeting", "Bonjour à tous, savez-vous si le salon est maintenu", "fr", true},
	{"inversion with typographic hyphen", "Pouvez\u2011vous m'aider", "fr", true},
	{"after du coup", "Du coup, pourquoi ça plante", "fr", true},
	{"quelqu'un sait", "Quelqu'un sait si c'est compatible", "fr", true},
	{"vous savez si", "vous savez si c'est remboursé", "fr", true},
	{"tail comment", "ça marche comment", "fr", true},
	{"tail quand", "c'est prévu pour quand", "fr", true},
	{"c'est quoi", "c'est quoi le mot de passe par défaut", "fr", true},
	{"je me demande si", "Je me demande si ça vaut le coup", "fr", true},
	{"French misread as English", "est-ce que ça marche", "en", true},

	{"SMS pk", "pk ma box arrive tjrs en retard", "fr", true},
	{"SMS cmt", "cmt on utilise le code promo", "fr", true},
	{"SMS kan", "kan est-ce que vous livrez", "fr", true},
	{"SMS koi", "koi de neuf", "fr", true},
	{"j'aimerais savoir", "J'aimerais savoir si les emballages sont recyclables.", "fr", true},
	{"je me demandais", "Je me demandais si vous livrez le dimanche", "fr", true},
	{"inversion after greeting and svp", "Bonjour, auriez-vous un code promo svp", "fr", true},
	{"angry pourquoi", "Pourquoi ma box est encore en retard !", "fr", true},

	// French false openings.
	{"quand je pense", "Quand je pense que j'ai payé pour ça...", "fr", false},
	{"comment vous dire", "Comment vous dire… ce gratin, une tuerie 😍", "fr", false},
	{"aidez-moi", "aidez-moi", "fr", false},
	{"quand je suis arrivé", "quand je suis arrivé, le magasin était fermé", "fr", false},
	{"quand on voit", "Quand on voit le prix, on comprend.", "fr", false},
	{"quelle horreur", "Quelle horreur", "fr", false},
	{"quel bonheur !", "Quel bonheur !", "fr", false},
	{"quelle surprise!", "Quelle surprise, merci", "fr", false},
	{"combien j'aime", "Combien j'aime cette appli", "fr", false},
	{"abonnez-vous", "Abonnez-vous à la newsletter", "fr", false},
	{"rejoignez-nous", "Rejoignez-nous samedi", "fr", false},
	{"contactez-nous", "Contactez-nous par mail", "fr", false},
	{"rendez-vous", "Rendez-vous samedi au salon", "fr", false},
	{"paraît-il", "C'est gratuit, paraît-il.", "fr", false},
	{"je sais pas comment", "je sais pas comment", "fr", false},
	{"statement fr", "J'ai reçu ma commande, merci", "fr", false},
	{"ou alors", "Ou alors on attend la v2", "fr", false},
	{"peut-être", "Peut-être la semaine prochaine", "fr", false},
	{"exclamation fr", "Pourquoi pas !", "fr", false},

	// Edge cases.
	{"empty", "", "", false},
	{"only spaces", "   \n\t ", "", false},
	{"only a link", "https://example.com/?q=1", "", false},
	{"only emoji", "🔥🔥🔥", "", false},
	{"invalid UTF-8", "\xff\xfe how do I", "en", true},
}

func TestIsQuestion(t *testing.T) {
	for _, tt := range questionTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsQuestion(tt.text, tt.lang); got != tt.want {
				t.Errorf("IsQuestion(%q, %q) = %v, want %v", tt.text, tt.lang, got, tt.want)
			}
		})
	}
}

func TestOwnWords(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"url", "see https://x.org/a?b=1 now", "see   now"},
		{"quote", `a "b?" c`, "a   c"},
		{"unclosed", `a 27" b`, `a 27" b`},
		{"quoted line", "> q?\nmine", "\nmine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ownWords(tt.in); got != tt.want {
				t.Errorf("ownWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzIsQuestion(f *testing.F) {
	for _, tt := range questionTests {
		f.Add(tt.text, tt.lang)
	}
	f.Add("« unclosed ? [quote] <blockquote", "fr")
	f.Add("```\n?", "")
	f.Fuzz(func(t *testing.T, text, lang string) {
		got := IsQuestion(text, lang)
		if got != IsQuestion(text, lang) {
			t.Fatalf("IsQuestion(%q, %q) is not deterministic", text, lang)
		}
		// A text with no letter and no question mark asks nothing.
		if got && !strings.ContainsAny(text, "?？؟⁇⁈⁉") && !strings.ContainsFunc(text, unicode.IsLetter) {
			t.Errorf("IsQuestion(%q, %q) = true without a letter or a question mark", text, lang)
		}
	})
}
