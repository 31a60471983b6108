package classify

import (
	"slices"
	"testing"
)

var complaintTests = []struct {
	name      string
	text      string
	lang      string
	addressed bool
	want      bool
}{
	// Complaint vocabulary.
	{"refund wanted", "@brand I want a refund, this is the third time", "en", true, true},
	{"still waiting", "Still waiting for my order from last week", "en", true, true},
	{"scam", "this is a scam", "en", true, true},
	{"worst", "Worst customer service ever", "en", true, true},
	{"cancel my", "Cancel my subscription now.", "en", true, true},
	{"fr arnaque", "C'est une arnaque votre truc", "fr", true, true},
	{"fr toujours pas", "Toujours pas reçu ma commande", "fr", true, true},
	{"fr inadmissible", "Trois semaines de retard, inadmissible", "fr", true, true},
	{"fr déçu without accents", "tres decu du service", "fr", true, true},
	{"fr en panne", "Le site est en panne depuis ce matin", "fr", true, true},
	{"fr remboursement exigé", "J'exige un remboursement", "fr", true, true},

	{"never got a refund", "I never got a refund for the missing box", "en", true, true},
	{"fr pas de remboursement", "Toujours pas de remboursement", "fr", true, true},
	{"fr plus lent is not denied", "L'appli est encore plus lente depuis la mise à jour", "fr", true, true},

	// A working verb negated.
	{"doesnt work", "the app doesn't work", "en", true, true},
	{"does not work", "My code does not work at checkout", "en", true, true},
	{"wont load", "page won't load", "en", true, true},
	{"cant see", "Since the update I can't see my past orders", "en", true, true},
	{"fr ne fonctionne pas", "Mon code promo ne fonctionne pas", "fr", true, true},
	{"fr marche plus", "l'appli marche plus depuis hier", "fr", true, true},
	{"fr sa marche pas", "sa marche pas", "fr", true, true},
	{"fr tjrs pas", "la connexion marche tjrs pas", "fr", true, true},
	{"fr n'arrive pas", "La box n'arrive pas", "fr", true, true},
	{"fr ne s'ouvre plus", "l'appli ne s'ouvre plus", "fr", true, true},
	{"fr marche pas mal is praise", "ça marche pas mal du tout", "fr", true, false},
	{"fr ne marche que", "ça ne marche qu'avec Chrome", "fr", true, false},
	{"fr marche plus vite is praise", "l'appli marche plus vite", "fr", true, false},

	// Sarcasm that the words show.
	{"sarcasm another update", "Great, another update that breaks everything", "en", true, true},
	{"fr sarcasm encore", "Génial, encore une mise à jour qui casse tout.", "fr", true, true},

	// Not complaints.
	{"question", "How do I pause my subscription?", "en", true, false},
	{"refund question", "How long does a refund usually take?", "en", true, false},
	{"refund received", "Got my refund in two days, thanks!", "en", true, false},
	{"no problem", "No problem at all, thanks for the quick answer", "en", true, false},
	{"never had an issue", "Never had a single issue with you", "en", true, false},
	{"fixed", "The app crashed yesterday but it's fixed now, thanks", "en", true, false},
	{"praise", "Love the new recipes!", "en", true, false},
	{"negative about the weather", "This rain is awful", "en", false, false},
	{"negative not addressed", "My phone is broken, I'll be offline for a while", "en", false, false},
	{"sentiment alone", "I hate Mondays", "en", true, false},
	{"fr question", "Comment résilier ? Je déménage, j'ai adoré.", "fr", true, false},
	{"fr pas de souci", "Pas de souci, merci !", "fr", true, false},
	{"fr résolu", "Problème résolu, merci beaucoup", "fr", true, false},
	{"fr tout de suite", "Faut-il mettre la box au frigo tout de suite ?", "fr", true, false},
	{"fr praise", "Super recette, merci !", "fr", true, false},
	{"empty", "", "en", true, false},
}

func TestIsComplaint(t *testing.T) {
	for _, tt := range complaintTests {
		t.Run(tt.name, func(t *testing.T) {
			s := Sentiment(tt.text, tt.lang)
			if got := IsComplaint(tt.text, tt.lang, tt.addressed, s); got != tt.want {
				t.Errorf("IsComplaint(%q, %q, %v, %v) = %v, want %v", tt.text, tt.lang, tt.addressed, s, got, tt.want)
			}
		})
	}
}

// TestIsComplaintSentimentAlone checks the SPEC's rule: sentiment alone,
// however negative, is not a complaint.
func TestIsComplaintSentimentAlone(t *testing.T) {
	for _, text := range []string{"I hate Mondays", "Quelle journée horrible", "so sad today 😭"} {
		if IsComplaint(text, "en", true, -1) {
			t.Errorf("IsComplaint(%q, \"en\", true, -1) = true, want false", text)
		}
	}
}

func TestMsgWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Doesn't WORK!", []string{"doesnt", "work"}},
		{"it’s broken", []string{"its", "broken"}},
		{"n'arrive pas", []string{"n", "arrive", "pas"}},
		{"L'appli ne s'ouvre plus", []string{"l", "appli", "ne", "s", "ouvre", "plus"}},
		{"déçu, très déçu", []string{"decu", "tres", "decu"}},
		{"abonnez-vous", []string{"abonnez", "vous"}},
		{"@lunabox see https://x.example/a?b=c or mail me@x.example.", []string{msgMention, "see", msgLink, "or", "mail", msgEmail}},
		{"aujourd'hui", []string{"aujourd", "hui"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range msgWords(tt.text) {
			got = append(got, w.w)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("msgWords(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzIsComplaint(f *testing.F) {
	for _, tt := range complaintTests {
		f.Add(tt.text, tt.lang, tt.addressed, 0.0)
	}
	f.Add("ne", "fr", true, -1.0)
	f.Add("'''n'", "fr", false, 1.0)
	f.Add("@ @@ a@b. http://", "en", true, 0.5)
	f.Fuzz(func(t *testing.T, text, lang string, addressed bool, sentiment float64) {
		IsComplaint(text, lang, addressed, sentiment)
		for _, w := range msgWords(text) {
			if w.w == "" {
				t.Fatalf("msgWords(%q) has an empty word", text)
			}
		}
	})
}

func BenchmarkIsComplaint(b *testing.B) {
	i := 0
	for b.Loop() {
		m := sentiBenchMessages[i%len(sentiBenchMessages)]
		IsComplaint(m.text, m.lang, true, -0.3)
		i++
	}
}
