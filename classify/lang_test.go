package classify

import (
	"runtime"
	"strings"
	"testing"
)

// langTests are short messages of the kinds a community sees: chat lines,
// typos, French without accents, mentions and links around few words.
var langTests = []struct {
	name, text, want string
}{
	{"english sentence", "Thanks for the quick reply, it works now", "en"},
	{"english short", "thanks!", "en"},
	{"english chat", "lol same here", "en"},
	{"english typo", "how r u doin, cant find teh settings", "en"},
	{"english question", "Where can I download the app?", "en"},
	{"english with mention and link", "@shop see https://example.com/a/b?c=1 it is broken", "en"},
	{"french sentence", "Merci pour la réponse rapide, ça marche maintenant", "fr"},
	{"french short", "merci !", "fr"},
	{"french no accents", "ca marche pas depuis hier, c est nul", "fr"},
	{"french chat", "mdr trop bien", "fr"},
	{"french sms", "pk ça marche pas", "fr"},
	{"french question", "Est-ce que vous livrez en Belgique ?", "fr"},
	{"french complaint", "Toujours pas reçu ma commande, inadmissible", "fr"},
	{"french elisions", "J'ai testé l'appli, c'est génial", "fr"},
	{"french ok merci", "ok merci", "fr"},
	{"french with english words", "Le delivery est top", "fr"},
	{"french sms words", "jpp osef", "fr"},
	{"french sms", "kan arrive ma box", "fr"},
	{"french salut tlm", "salut tlm", "fr"},
	{"french participle", "Box reçue", "fr"},
	{"english participle", "Box received", "en"},
	{"english sms", "plz hlp asap", "en"},
	{"english tysm", "tysm", "en"},
	{"spanish", "Hola, ¿cuándo llega mi pedido? Gracias", "other"},
	{"german", "Danke, das ist sehr gut und funktioniert", "other"},
	{"italian", "Grazie mille, è fantastico", "other"},
	{"portuguese", "Obrigado, não consigo entrar na minha conta", "other"},
	{"dutch", "Dank je wel, het werkt nu goed", "other"},
	{"russian", "Спасибо, всё работает", "other"},
	{"japanese", "ありがとうございます", "other"},
	{"greek", "Ευχαριστώ πολύ", "other"},
	{"emoji only", "🔥🔥🔥 👍", ""},
	{"numbers only", "42 !!! 3.14", ""},
	{"link only", "https://example.com/page", ""},
	{"mention only", "@bob @alice", ""},
	{"empty", "", ""},
}

func TestLang(t *testing.T) {
	for _, tt := range langTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Lang(tt.text); got != tt.want {
				t.Errorf("Lang(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLangHint(t *testing.T) {
	tests := []struct {
		text, export, want string
	}{
		{"Merci beaucoup", "en", "en"},  // a real code wins
		{"Thanks a lot", "fr-CA", "fr"}, // BCP 47 tag
		{"Thanks a lot", "de", "other"}, // another language
		{"Thanks a lot", "und", "en"},   // X's undetermined: read the text
		{"Merci beaucoup", "qme", "fr"}, // X's media-only code
		{"Merci beaucoup", "", "fr"},    // no hint
		{"Merci beaucoup", "fra", "fr"}, // ISO 639-2
		{"Merci beaucoup", "pt_BR", "other"},
		{"🔥🔥", "en", ""}, // nothing to read
		{"Merci beaucoup", "zxx", "fr"},
		{"Merci beaucoup", "x1", "fr"}, // not a code
	}
	for _, tt := range tests {
		if got := LangHint(tt.text, tt.export); got != tt.want {
			t.Errorf("LangHint(%q, %q) = %q, want %q", tt.text, tt.export, got, tt.want)
		}
	}
}

func TestLangWords(t *testing.T) {
	got := strings.Join(langWords("@some_bob C'est #tag2024 super-cool, v2 ok"), " ")
	if want := "c est super cool v ok"; got != want {
		t.Errorf("langWords = %q, want %q", got, want)
	}
}

func FuzzLang(f *testing.F) {
	for _, tt := range langTests {
		f.Add(tt.text, "")
	}
	f.Add("Merci", "fr-CA")
	f.Add("\xff\xfe", "und")
	f.Fuzz(func(t *testing.T, text, export string) {
		for _, got := range []string{Lang(text), LangHint(text, export)} {
			switch got {
			case "", "en", "fr", "other":
			default:
				t.Fatalf("Lang(%q) = %q, not a known value", text, got)
			}
		}
		if Lang(text) == "" && LangHint(text, export) != "" && isoLang(export) == "" {
			t.Errorf("LangHint(%q, %q) = %q, Lang says no letters", text, export, LangHint(text, export))
		}
	})
}

// benchMessages mixes messages as a community's are: short and long,
// English and French, a few other languages and questions.
var benchMessages = []string{
	"Thanks for the quick reply, it works now",
	"@shop my order #1234 still hasn't arrived, any news? https://example.com/orders/1234",
	"Merci pour la réponse rapide, ça marche maintenant !",
	"Est-ce que vous livrez en Belgique ?",
	"lol",
	"quand je suis arrivé, le magasin était fermé. Pas cool.",
	"How do I export my data to CSV? I tried the settings page but there is no button for it and the docs say nothing about it.",
	"Hola, ¿cuándo llega mi pedido?",
	"🔥🔥🔥",
	"Bonjour à tous, quelqu'un sait si la v2 est compatible avec l'ancienne config ? J'ai essayé mais ça plante au démarrage.",
}

func BenchmarkLang(b *testing.B) {
	Lang("warm up")
	i := 0
	for b.Loop() {
		Lang(benchMessages[i%len(benchMessages)])
		i++
	}
}

func BenchmarkIsQuestion(b *testing.B) {
	i := 0
	for b.Loop() {
		IsQuestion(benchMessages[i%len(benchMessages)], "")
		i++
	}
}

// TestNgramCostsSize checks the profile's shape and logs what it costs in
// memory once parsed.
func TestNgramCostsSize(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m := parseNgramCosts(langNgramsTSV)
	runtime.ReadMemStats(&after)
	if len(m) < 10000 {
		t.Fatalf("data/lang-ngrams.tsv has %d n-grams, want the profiles of 7 languages", len(m))
	}
	for _, ng := range []string{"e", "th", "the", "les", "ent"} {
		c, ok := m[ng]
		if !ok || c[langEN] < 0 || c[langFR] < 0 {
			t.Errorf("n-gram %q = %v, %v: want costs in English and French", ng, c, ok)
		}
	}
	t.Logf("%d n-grams, %d KB allocated to parse them", len(m), (after.TotalAlloc-before.TotalAlloc)>>10)
}
