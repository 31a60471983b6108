package classify

import "testing"

func TestAngryReply(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"calm", "Thanks for your message, we're looking into it.", false},
		{"friendly exclamations", "Thanks! See you soon!", false},
		{"one acronym", "Your DM is in our queue, we answer within 24h.", false},
		{"shouting", "WE ALREADY ANSWERED YOU TWICE", true},
		{"fr shouting", "NOUS AVONS DÉJÀ RÉPONDU", true},
		{"exclamation run", "Read the FAQ!!", true},
		{"exclamation run with a space", "Stop ! !", true},
		{"interrobang", "You did what?!", true},
		{"insult", "Don't be an idiot, read the post.", true},
		{"shut up", "Please just shut up", true},
		{"fr insult", "Vous êtes vraiment débile", true},
		{"fr ta gueule", "ta gueule", true},
		{"fr con is a word", "Nous contactons le livreur.", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AngryReply(tt.text); got != tt.want {
				t.Errorf("AngryReply(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestMovesToPrivate(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"dm us", "So sorry! Please DM us your order number.", true},
		{"send us a message", "Could you send us a message with your details?", true},
		{"by e-mail", "We'll follow up by e-mail today.", true},
		{"email address", "Write to help@brand.example and we'll sort it out.", true},
		{"inbox", "Check your inbox, we've emailed you a voucher.", true},
		{"private message", "We've sent you a private message.", true},
		{"call us", "Give us a call on 0800 000 000.", true},
		{"fr mp", "Pouvez-vous nous écrire en MP ?", true},
		{"fr message privé", "Envoyez-nous un message privé svp", true},
		{"fr en privé", "On passe en privé pour vérifier votre compte", true},
		{"fr par mail", "Je vous réponds par mail", true},
		{"public answer", "The next box ships on Monday.", false},
		{"time pm", "The live starts at 6 pm.", false},
		{"fr public answer", "La livraison arrive lundi.", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MovesToPrivate(tt.text); got != tt.want {
				t.Errorf("MovesToPrivate(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestHardSell(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"join us", "Join us for the summer menu launch!", true},
		{"subscribe", "Subscribe to our channel for weekly videos", true},
		{"sign up", "Sign up today and get your first box free", true},
		{"buy now", "Buy now, limited offer", true},
		{"percent off", "50% off your first box", true},
		{"use code", "Use code SUMMER for a treat", true},
		{"fr rejoignez", "Rejoignez-nous au live de jeudi", true},
		{"fr abonnez-vous", "Abonnez-vous à notre chaîne", true},
		{"fr inscrivez-vous", "Inscrivez-vous avant dimanche", true},
		{"fr achetez", "Achetez vos cartes cadeaux", true},
		{"fr offre limitée", "Offre limitée : 3 desserts offerts", true},
		{"fr code promo", "Avec le code promo ETE", true},
		{"news", "Our new recipe blog post is up: five summer salads.", false},
		{"thanks for joining", "Thanks to everyone who came to the live yesterday.", false},
		{"fr news", "Le menu de la semaine est en ligne.", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HardSell(tt.text); got != tt.want {
				t.Errorf("HardSell(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func BenchmarkTone(b *testing.B) {
	i := 0
	for b.Loop() {
		m := sentiBenchMessages[i%len(sentiBenchMessages)]
		AngryReply(m.text)
		MovesToPrivate(m.text)
		HardSell(m.text)
		i++
	}
}
