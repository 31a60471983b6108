package classify

import (
	"math"
	"strings"
	"testing"
)

// vaderCases are vaderSentiment 3.3's own examples with the compound score
// it prints for them: the English rules are VADER's, so they must agree.
var vaderCases = []struct {
	text string
	want float64
}{
	{"VADER is smart, handsome, and funny.", 0.8316},
	{"VADER is smart, handsome, and funny!", 0.8439},
	{"VADER is very smart, handsome, and funny.", 0.8545},
	{"VADER is VERY SMART, handsome, and FUNNY.", 0.9227},
	{"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342},
	{"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469},
	{"VADER is not smart, handsome, nor funny.", -0.7424},
	{"The book was good.", 0.4404},
	{"At least it isn't a horrible book.", 0.431},
	{"The book was only kind of good.", 0.3832},
	{"The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042},
	{"Today SUX!", -0.5461},
	{"Today only kinda sux! But I'll get by, lol", 0.5249},
	{"Make sure you :) or :D today!", 0.8633},
	{"Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875},
	{"Not bad at all", 0.431},
	{"Sentiment analysis has never been good.", -0.3412},
	{"Sentiment analysis has never been this good!", 0.5672},
	{"Most automated sentiment analysis tools are shit.", -0.5574},
	{"With VADER, sentiment analysis is the shit!", 0.6476},
	{"Roger Dodger is one of the least compelling variations on this theme.", -0.1695},
	{"Without a doubt, excellent idea.", 0.7013},
}

func TestSentimentVADER(t *testing.T) {
	for _, tt := range vaderCases {
		// Without the complaint vocabulary ("horrible", "not great"), which
		// Sentiment adds to VADER's rules.
		if got := sentimentLangs().en.score(tt.text, false); math.Abs(got-tt.want) > 1e-4 {
			t.Errorf("score(%q) = %v, want %v (vaderSentiment)", tt.text, got, tt.want)
		}
	}
}

// sentimentTests check the class (SPEC: positive above 0.05, negative
// below -0.05) of what the rules handle beyond VADER's examples.
var sentimentTests = []struct {
	name, text, lang, want string
}{
	{"empty", "", "en", "neutral"},
	{"blank", " \n\t ", "fr", "neutral"},
	{"no lexicon word", "My order is 55102.", "en", "neutral"},
	{"curly apostrophe negation", "It isn’t good", "en", "negative"},
	{"emoji alone", "😍", "en", "positive"},
	{"emoji glued to a word", "ok👎", "en", "negative"},
	{"emoji with a skin tone", "👍🏽", "en", "positive"},
	{"emoji with a variation selector", "❤️", "fr", "positive"},
	{"emoticon with punctuation after", "see you :(.", "en", "negative"},
	{"thumbs down", "new logo 👎", "en", "negative"},
	{"nothing but is not a negation", "nothing but spam in the group now", "en", "negative"},
	{"problem word sets the tone", "Love the recipes but my box is still missing", "en", "negative"},
	{"negated working verb", "the app doesn't work", "en", "negative"},
	{"sarcasm with a cue", "great, another update that breaks everything", "en", "negative"},
	{"no problem", "No problem at all, thanks!", "en", "positive"},
	{"solved", "Fixed now, thanks a lot!", "en", "positive"},
	{"other language falls back to English", "gracias 😊", "es", "positive"},

	{"fr praise", "C'est génial, merci !", "fr", "positive"},
	{"fr without accents", "genial, merci", "fr", "positive"},
	{"fr ne pas", "Ce n'est pas bon", "fr", "negative"},
	{"fr ne pas, one flip", "Je ne suis pas content", "fr", "negative"},
	{"fr pas alone", "c'est pas bien", "fr", "negative"},
	{"fr negation after the verb", "j'aime pas cette appli", "fr", "negative"},
	{"fr negation after a booster", "j'aime vraiment pas", "fr", "negative"},
	{"fr ne closed before the word", "Je ne mange plus de viande, heureusement c'est bon", "fr", "positive"},
	{"fr pas mal", "Pas mal du tout !", "fr", "positive"},
	{"fr pas terrible", "Ce n'est pas terrible", "fr", "negative"},
	{"fr pas cher is not a praise negated", "pas de souci, merci", "fr", "positive"},
	{"fr mais", "Le produit est bien mais la livraison était catastrophique", "fr", "negative"},
	{"fr par contre", "Les recettes sont top, par contre la livraison est nulle", "fr", "negative"},
	{"fr caps", "L'application est NULLE", "fr", "negative"},
	{"fr sur is not sûr", "la box est sur la table", "fr", "neutral"},
	{"fr déçu", "Franchement decu", "fr", "negative"},
	{"fr sarcasm", "Génial, encore une mise à jour qui casse tout.", "fr", "negative"},
	{"fr emoji", "Merci 🙏😍", "fr", "positive"},
	{"fr question", "Bonjour, quand sort la prochaine version ?", "fr", "neutral"},
	{"fr ne marche pas", "ça ne marche pas", "fr", "negative"},
	{"fr sa marche pas", "sa marche pas", "fr", "negative"},
}

func TestSentiment(t *testing.T) {
	for _, tt := range sentimentTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentiment(tt.text, tt.lang)
			if sentimentClass(got) != tt.want {
				t.Errorf("Sentiment(%q, %q) = %v (%s), want %s", tt.text, tt.lang, got, sentimentClass(got), tt.want)
			}
		})
	}
}

// TestSentimentRules checks that each rule moves the score the right way.
func TestSentimentRules(t *testing.T) {
	tests := []struct {
		name, lang, lower, higher string
	}{
		{"booster", "en", "The food is good", "The food is very good"},
		{"dampener", "en", "The food is kind of good", "The food is good"},
		{"exclamation", "en", "The food is good", "The food is good!!"},
		{"caps", "en", "The food is good", "The food is GOOD"},
		{"fr booster", "fr", "la recette est bonne", "la recette est très bonne"},
		{"fr dampener", "fr", "la recette est un peu bonne", "la recette est bonne"},
		{"fr exclamation", "fr", "c'est bon", "c'est bon !!"},
		{"fr negative booster", "fr", "c'est vraiment nul", "c'est nul"},
		{"fr contrast weighs the end", "fr", "c'est bon mais c'est lent", "c'est lent mais c'est bon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := Sentiment(tt.lower, tt.lang), Sentiment(tt.higher, tt.lang)
			if lo >= hi {
				t.Errorf("Sentiment(%q) = %v, Sentiment(%q) = %v: want the first lower", tt.lower, lo, tt.higher, hi)
			}
		})
	}
}

// TestSentimentLexicons checks that the embedded lexicons load whole.
func TestSentimentLexicons(t *testing.T) {
	l := sentimentLangs()
	if n := len(l.en.words); n < 7000 {
		t.Errorf("English lexicon: %d words, want VADER's 7,500", n)
	}
	if n := len(l.fr.words); n < 1500 {
		t.Errorf("French lexicon: %d words, want Pattern's and cmpulse's", n)
	}
	n := 0
	for _, list := range l.en.emojiLex.byFirst {
		n += len(list)
	}
	if n < 400 {
		t.Errorf("emoji lexicon: %d rated emoji, want at least 400", n)
	}
	for _, w := range []string{"not", "very"} {
		if _, ok := l.en.words[w]; ok {
			t.Errorf("English lexicon rates %q, a rule word", w)
		}
	}
	for _, w := range []string{"pas", "tres", "jamais", "sur"} {
		if _, ok := l.fr.words[w]; ok {
			t.Errorf("French lexicon rates %q, a rule word or a folded collision", w)
		}
	}
}

func FuzzSentiment(f *testing.F) {
	for _, tt := range vaderCases {
		f.Add(tt.text, "en")
	}
	for _, tt := range sentimentTests {
		f.Add(tt.text, tt.lang)
	}
	f.Add("n' n' ne ne pas pas mais mais", "fr")
	f.Add("\xff\xfe 👍\u200d\ufe0f!!!???", "en")
	f.Add("par contre", "fr")
	f.Add("l'", "fr")
	f.Fuzz(func(t *testing.T, text, lang string) {
		s := Sentiment(text, lang)
		if math.IsNaN(s) || s < -1 || s > 1 {
			t.Fatalf("Sentiment(%q, %q) = %v, not in [-1, 1]", text, lang, s)
		}
		if strings.TrimSpace(text) == "" && s != 0 {
			t.Errorf("Sentiment(%q, %q) = %v, want 0 for no words", text, lang, s)
		}
		// The other classifiers take any text too, never panicking.
		IsComplaint(text, lang, true, s)
		AngryReply(text)
		MovesToPrivate(text)
		HardSell(text)
	})
}

// sentiBenchMessages mixes what a community manager's messages look like.
var sentiBenchMessages = [...]struct{ text, lang string }{
	{"@lunabox my box still hasn't arrived, third week in a row. Not happy.", "en"},
	{"Love the new recipes!! 😍", "en"},
	{"How do I pause my subscription?", "en"},
	{"Bonjour, ma box n'est toujours pas arrivée, c'est inadmissible", "fr"},
	{"Merci pour la réponse rapide, super service 👍", "fr"},
	{"l'appli plante dès que j'ouvre l'onglet recettes", "fr"},
	{"Great, another update that breaks everything.", "en"},
	{"Qui vient au live de ce soir ?", "fr"},
}

func BenchmarkSentiment(b *testing.B) {
	Sentiment("warm up", "en")
	i := 0
	for b.Loop() {
		m := sentiBenchMessages[i%len(sentiBenchMessages)]
		Sentiment(m.text, m.lang)
		i++
	}
}

// BenchmarkTextAnalysis is what ingest does per message: the sentiment,
// then the complaint rules with it.
func BenchmarkTextAnalysis(b *testing.B) {
	Sentiment("warm up", "en")
	i := 0
	for b.Loop() {
		m := sentiBenchMessages[i%len(sentiBenchMessages)]
		IsComplaint(m.text, m.lang, true, Sentiment(m.text, m.lang))
		i++
	}
}

// TestTextAnalysisConcurrent runs the text classifiers from several
// goroutines at once, first use included (go test -race finds a data race).
func TestTextAnalysisConcurrent(t *testing.T) {
	done := make(chan [len(sentiBenchMessages)]float64)
	for range 4 {
		go func() {
			var got [len(sentiBenchMessages)]float64
			for i, m := range sentiBenchMessages {
				got[i] = Sentiment(m.text, m.lang)
				IsComplaint(m.text, m.lang, true, got[i])
				AngryReply(m.text)
				MovesToPrivate(m.text)
				HardSell(m.text)
			}
			done <- got
		}()
	}
	first := <-done
	for range 3 {
		if got := <-done; got != first {
			t.Errorf("scores differ between goroutines: %v and %v", got, first)
		}
	}
}
