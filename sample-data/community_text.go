package sampledata

import "strings"

// What the community says. Messages are drawn from these pools and filled
// in (a post's title and link, a person to mention), so that hundreds of
// messages read as written by different people. Each pool holds one kind
// of message only, so that a message's labels (question, complaint, tone)
// follow from the pool it came from; the pools' texts are written to be
// what the SPEC's rules call them: questions end with "?" (French with a
// space or no-break space before it) or open with an interrogative form,
// complaints use complaint vocabulary, and nothing else does, except in
// the traps, which are labelled.

// segKind is what a part of a message is.
type segKind byte

const (
	segText    segKind = iota
	segLink            // a URL written out
	segNamed           // a link under other words (Telegram text_link, HTML <a>)
	segMention         // @handle of a member
	segTag             // #hashtag
	segBold            // emphasis (Telegram bold)
)

// seg is a part of a message.
type seg struct {
	k   segKind
	s   string // the text, the label of a named link, or the tag without #
	url string
	m   *member
}

// tplCtx fills a template's placeholders.
type tplCtx struct {
	title string
	url   string
	tag   string
	topic string
	to    *member
	own   string // a URL on the own site other than the post (workshop, newsletter)
}

// fill parses a template: {title}, {topic}, {name} (the addressee's first
// name) are text; {url} and {own} links; {@} a mention of the addressee;
// {#} the post's tag and {#word} that word as hashtags; {*word*} bold.
func fill(tpl string, c tplCtx) []seg {
	var out []seg
	text := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].k == segText {
			out[n-1].s += s
			return
		}
		out = append(out, seg{k: segText, s: s})
	}
	for tpl != "" {
		i := strings.IndexByte(tpl, '{')
		j := strings.IndexByte(tpl, '}')
		if i < 0 || j < i {
			text(tpl)
			break
		}
		text(tpl[:i])
		ph := tpl[i+1 : j]
		tpl = tpl[j+1:]
		switch {
		case ph == "title":
			text(c.title)
		case ph == "topic":
			text(c.topic)
		case ph == "name":
			text(c.to.first())
		case ph == "url":
			out = append(out, seg{k: segLink, s: c.url, url: c.url})
		case ph == "own":
			out = append(out, seg{k: segLink, s: c.own, url: c.own})
		case ph == "@":
			out = append(out, seg{k: segMention, s: "@" + c.to.handle, m: c.to})
		case ph == "#":
			out = append(out, seg{k: segTag, s: c.tag})
		case strings.HasPrefix(ph, "#"):
			out = append(out, seg{k: segTag, s: ph[1:]})
		case strings.HasPrefix(ph, "*") && strings.HasSuffix(ph, "*") && len(ph) > 2:
			out = append(out, seg{k: segBold, s: ph[1 : len(ph)-1]})
		default:
			text("{" + ph + "}")
		}
	}
	return out
}

// plain is a message as a reader of any platform gives its text: links as
// their URL (named links as their words), mentions and hashtags with their
// sign.
func plain(segs []seg) string {
	var b strings.Builder
	for _, s := range segs {
		switch s.k {
		case segTag:
			b.WriteString("#" + s.s)
		default:
			b.WriteString(s.s)
		}
	}
	return b.String()
}

// pool is a list of texts by language. Its texts are data shared by
// every scenario; what a scenario drew lately lives in its dice.
type pool struct {
	en, fr []string
}

// pick draws a text in lang, avoiding the last few picks from p so that
// neighbours do not repeat each other.
func (p *pool) pick(r *dice, lang string) string {
	list := p.en
	if lang == "fr" {
		list = p.fr
	}
	recent := r.recent[p]
	s := list[r.IntN(len(list))]
	for range 8 {
		if !containsStr(recent, s) {
			break
		}
		s = list[r.IntN(len(list))]
	}
	recent = append(recent, s)
	if keep := min(6, len(list)/2); len(recent) > keep {
		recent = recent[len(recent)-keep:]
	}
	r.recent[p] = recent
	return s
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tagQuestions are readers' questions about a post, by the post's first
// tag.
var tagQuestions = map[string]*pool{
	"go": {en: []string{
		"Does this still hold with Go 1.22, now that loop variables are per iteration?",
		"How would you handle context cancellation in this setup?",
		"Is there a reason you didn't use errgroup here?",
		"Could you share the full benchmark code? I'd like to run it on ARM.",
		"What's your take on generics for this instead of interfaces?",
		"How do you test the error paths in this pattern?",
	}, fr: []string{
		"Est-ce que ça marche aussi avec Go 1.21 ?",
		"Pourquoi ne pas utiliser errgroup ici ?",
		"Comment tu gères l'annulation du contexte dans ce cas-là ?",
		"Tu aurais un exemple complet sur GitHub ?",
		"Comment tu testes les cas d'erreur avec ce motif.",
	}},
	"duckdb": {en: []string{
		"Does this work with the DuckDB CLI, or only from Python?",
		"How much memory did DuckDB use on the 10 GB file?",
		"Is there a way to make read_json look at more than the first rows to infer the schema?",
		"Which DuckDB version did you test this with?",
		"Can DuckDB write the result back to Parquet in the same query?",
	}, fr: []string{
		"Est-ce que DuckDB gère bien les fichiers plus gros que la RAM ?",
		"Quelle version de DuckDB tu utilises ?",
		"Comment on fait pour lire plusieurs fichiers d'un coup avec un glob ?",
		"Ça tourne aussi sous Windows ?",
	}},
	"sql": {en: []string{
		"Would this query work on Postgres as well?",
		"How do you deal with ties in the ranking?",
		"Any reason to prefer a window function over a self-join here?",
		"What would the query plan look like on a table with a billion rows?",
	}, fr: []string{
		"Ça marche aussi sous PostgreSQL ?",
		"Comment tu gères les ex aequo dans le classement ?",
		"Pourquoi une fonction de fenêtrage plutôt qu'une jointure ?",
	}},
	"parquet": {en: []string{
		"What row group size would you pick for files read mostly by DuckDB?",
		"Does the Go library support writing nested columns yet?",
		"How do you check that Spark can read the files you write?",
	}, fr: []string{
		"Quelle taille de row group tu conseilles pour des petits fichiers ?",
		"Est-ce que la lib Go sait écrire des colonnes imbriquées ?",
		"Comment vérifier que Spark relit bien les fichiers ?",
	}},
	"performance": {en: []string{
		"Did you measure this with -benchmem too?",
		"How many cores was this on?",
		"Would zstd level 3 change the picture?",
		"Is the speed-up the same on small files?",
	}, fr: []string{
		"Tu as mesuré avec combien de cœurs ?",
		"Est-ce que le gain tient avec des fichiers plus petits ?",
		"Quel niveau de compression tu as utilisé pour ces chiffres ?",
	}},
	"web": {en: []string{
		"Does this apply to Caddy too, or only nginx?",
		"How do you handle the Vary header with this setup?",
		"Should the HTML pages get an ETag as well?",
	}, fr: []string{
		"Ça s'applique aussi à Caddy ?",
		"Comment tu gères l'en-tête Vary avec cette config ?",
		"Faut-il aussi un ETag sur les pages HTML ?",
	}},
	"linux": {en: []string{
		"Does the timer catch up if the machine was off at the scheduled time?",
		"Which distro are you running this on?",
		"How do you read the logs of the service afterwards?",
	}, fr: []string{
		"Le timer se rattrape si la machine était éteinte ?",
		"Tu tournes sur quelle distrib ?",
		"Comment tu récupères les logs du service après coup ?",
	}},
	"tools": {en: []string{
		"Can you share your Makefile template?",
		"What do you use for the pre-commit checks?",
	}, fr: []string{
		"Tu peux partager ton Makefile ?",
		"Tu utilises quoi pour les vérifications avant commit ?",
	}},
	"data": {en: []string{
		"How accurate is the estimate compared to a real count?",
		"Is the salt rotated daily, and where is it kept?",
		"What happens to visitors behind the same NAT?",
	}, fr: []string{
		"Quelle précision par rapport à un vrai comptage ?",
		"Le sel change tous les jours ? Il est stocké où ?",
		"Que se passe-t-il pour les visiteurs derrière le même NAT ?",
	}},
	"notes": {en: []string{
		"What would you do differently if you started over?",
		"How much time per month does all this take you?",
	}, fr: []string{
		"Tu referais les mêmes choix aujourd'hui ?",
		"Combien de temps par mois ça te prend ?",
	}},
}

// chatQuestions are questions in the group that are about no one post.
// Some end without "?" but open with an interrogative; two French ones put
// a no-break space (U+00A0) or a narrow one (U+202F) before the "?".
var chatQuestions = &pool{en: []string{
	"Is there a recording of the last workshop?",
	"When is the next DuckDB workshop?",
	"Has anyone tried reading Parquet from R2 instead of S3?",
	"Anyone here using slog in production? How do you ship the logs?",
	"Where can I find the slides from the meetup?",
	"Does the newsletter have an archive somewhere?",
	"Can I share the workshop material with my team?",
	"how do you all keep nginx logs from filling the disk",
	"Which Go version do the workshop exercises need?",
	"What's the best way to get started with the blog's older posts?",
}, fr: []string{
	"Il y a un replay du dernier atelier ?",
	"C'est quand le prochain atelier DuckDB ?",
	"Quelqu'un a déjà lu du Parquet depuis R2 ?",
	"Est-ce qu'il y a une version française du guide ?",
	"Vous utilisez quoi pour faire tourner vos logs ?",
	"Où est-ce qu'on trouve les slides du meetup ?",
	"Peut-on partager le support de l'atelier en interne ?",
	"Y a-t-il une archive de la newsletter quelque part ?",
	"Comment vous faites pour sauvegarder vos bases DuckDB.",
	"Quelqu'un a testé la 1.25\u00a0?",
	"Vous conseillez quel livre pour débuter en SQL\u202f?",
}}

// complaints report a problem with what the blog provides: its posts and
// links, the newsletter, the paid workshop and ebook, the group.
var complaints = &pool{en: []string{
	"The download link for the ebook is broken, I get a 404.",
	"Still waiting for my refund for the June workshop, it's been three weeks.",
	"I was charged twice for the workshop. Please sort this out.",
	"The unsubscribe link in the newsletter doesn't work, I keep getting it.",
	"The code in the second example is not working: it doesn't compile with the current API.",
	"Your RSS feed has been broken since the redesign.",
	"I can't access the workshop replay, the page says my link expired.",
	"Really disappointed by the workshop, half of it was setup problems.",
	"The comment form is broken, it keeps eating my comments.",
	"The search on the blog is broken on mobile.",
	"Why is my refund still not here after three weeks?",
}, fr: []string{
	"Le lien de téléchargement de l'ebook ne fonctionne pas.",
	"Toujours pas reçu le remboursement de l'atelier de juin.",
	"Le flux RSS ne marche pas depuis hier.",
	"J'ai été débité deux fois pour l'atelier, c'est inadmissible.",
	"Très déçu par l'atelier, on a passé une heure sur l'installation.",
	"Le lien de désinscription de la newsletter ne fonctionne pas.",
	"Le code du deuxième exemple ne marche pas avec la dernière version.",
	"Je n'arrive pas à accéder au replay, et le SAV ne répond pas.",
	"Franchement c'est une arnaque, la moitié du contenu est déjà gratuit sur le blog.",
	"Pourquoi je n'ai toujours pas reçu mon remboursement ?",
}}

// outageComplaints are written on the day the blog is down (Dips).
var outageComplaints = &pool{en: []string{
	"The blog is not working for me, I get a 502.",
	"Is the blog broken? Getting 503s on every page.",
}, fr: []string{
	"Le blog est en panne chez moi, erreur 502.",
	"Le site ne fonctionne pas, il affiche une page de maintenance.",
}}

var praise = &pool{en: []string{
	"Great write-up, thank you!",
	"Thanks for this, it saved me an afternoon.",
	"Bookmarked. Really well explained.",
	"Loved this one, especially the benchmarks.",
	"Shared it with my whole team.",
	"Brilliant post, more like this please.",
	"Exactly what I needed today, thanks.",
	"Such a useful post, thank you for writing it up.",
	"I learned a lot from this one.",
	"Clear, short and to the point. Thanks!",
	"This made my day, I finally get it.",
	"Best explanation of this I've read so far.",
}, fr: []string{
	"Super article, merci !",
	"Merci, ça m'a fait gagner une après-midi.",
	"Très clair, merci beaucoup.",
	"Excellent billet, je l'ai partagé à toute mon équipe.",
	"Génial, exactement ce qu'il me fallait.",
	"Bravo pour la clarté, c'est rare.",
	"J'adore cette série, continue comme ça.",
	"Article très utile, merci pour le partage.",
}}

var neutral = &pool{en: []string{
	"For what it's worth, the same trick works with ClickHouse.",
	"I did something similar last year with a shell script and awk.",
	"Note that Go 1.23 changed the default here.",
	"We use the same setup at work, with Caddy in front.",
	"There's also a good talk on this from GopherCon.",
	"Interesting, I had never looked at it from that angle.",
	"On Debian the package is called duckdb-cli.",
	"Reading this on the train, will try it tonight.",
	"I ended up with a slightly different approach, using a channel per worker.",
	"The benchmark numbers on my laptop are close to yours.",
}, fr: []string{
	"Pour info, la même astuce marche avec ClickHouse.",
	"J'ai fait un truc similaire avec awk l'an dernier.",
	"Chez nous on a la même config, avec Caddy devant.",
	"Intéressant, je n'avais jamais vu ça sous cet angle.",
	"Je lis ça dans le train, je teste ce soir.",
	"Sur Debian le paquet s'appelle duckdb-cli.",
	"J'ai des chiffres proches des tiens sur mon portable.",
	"Je suis passé par une autre approche, avec un canal par worker.",
}}

// chat is the group's small talk: neither questions nor complaints.
var chat = &pool{en: []string{
	"Hello all",
	"Just finished the workshop exercises, fun stuff.",
	"I'll be at GopherCon EU this year, happy to meet up.",
	"TIL you can pipe Parquet straight into DuckDB from curl.",
	"Weekend project: moving my homelab to IPv6.",
	"The new Go release notes are out.",
	"Good luck with the talk tomorrow!",
	"Finally migrated our cron jobs to systemd timers.",
	"Thanks for the link, reading it now.",
	"Same here, it took me a while too.",
}, fr: []string{
	"Bonjour à tous",
	"Je viens de finir les exercices de l'atelier, c'était top.",
	"Petit partage : un bon article sur les row groups Parquet.",
	"Bon week-end à tous !",
	"Je migre mes crons vers des timers systemd ce week-end.",
	"La nouvelle version de DuckDB est sortie.",
	"Merci pour le lien, je regarde ça.",
	"Pareil pour moi, il m'a fallu du temps.",
	"Je serai au meetup Go de jeudi.",
}}

// firstWords are how newcomers to the group introduce themselves.
var firstWords = &pool{en: []string{
	"Hi all, found the group through the blog.",
	"Hello everyone! Long-time reader, first time here.",
	"Hey, I came for the DuckDB posts and stayed for the Go ones.",
	"Hi! A colleague sent me the invite link.",
}, fr: []string{
	"Bonjour à tous, j'ai trouvé le groupe via le blog.",
	"Salut ! Lectrice du blog depuis un moment, contente d'être là.",
	"Hello, un collègue m'a passé le lien.",
	"Bonjour, je débarque de Mastodon.",
}}

// traps look like questions or complaints to a naive rule and are
// neither: an exclamation opening with "What", a quoted question, "broken"
// said of nothing the blog provides. Each carries its note.
var traps = []struct{ text, lang, note string }{
	{"What a great write-up!", "en", "trap: exclamation that opens with What"},
	{"\"Why would anyone need this?\" was my first thought. Then I tried it.", "en", "trap: the question is quoted"},
	{"Nothing is broken on my side, it was my proxy config all along.", "en", "trap: broken, of nothing the blog provides"},
	{"I thought the feed was not working, but it was my reader's cache. All good!", "en", "trap: not working, retracted"},
	{"Pourquoi pas, je testerai demain.", "fr", "trap: Pourquoi pas is no question"},
	{"Ce n'est pas en panne, c'était mon cache. Tout va bien.", "fr", "trap: en panne, retracted"},
}

// spam is what spammers leave.
var spam = []string{
	"Best online casino bonus 2025, 200 free spins: https://casino-bonus.example.net/?ref=blog",
	"Great article! Check my site for cheap SEO backlinks https://seo-links.example.com",
	"💰 Earn 500$ per day with our crypto signals, join now: https://t.me/cryptoking_signals_bot",
	"Nice post. Replica watches at the lowest prices: https://watches4u.example.biz",
	"I like your blog, please visit my page about loans https://quick-loans.example.info",
	"Buy followers cheap, 10k in 24h https://followers.example.net",
}

// Own replies.
var (
	answers = &pool{en: []string{
		"Good question! Yes, it works the same way, I'll add a note to the post.",
		"Yes: set the row group size before writing, see the last section.",
		"It should, I tested with 1.22 and 1.23.",
		"I used DuckDB 1.1 for all the numbers.",
		"Not yet, but it's on my list for the next post.",
		"Short answer: yes. Long answer coming in a follow-up post.",
		"The full code is linked at the end of the post.",
		"I went with the simpler option on purpose; errgroup works too.",
		"Eight cores, on a laptop from 2021.",
		"Both work; the window function reads the table once.",
	}, fr: []string{
		"Bonne question ! Oui, ça marche pareil, j'ajoute une note au billet.",
		"Oui, il suffit de régler la taille des row groups avant l'écriture.",
		"J'ai testé avec la 1.1, ça devrait aller avec les suivantes.",
		"Pas encore, mais c'est prévu pour le prochain billet.",
		"Le code complet est en lien à la fin du billet.",
		"Oui, tout à fait, c'est même recommandé.",
		"Huit cœurs, sur un portable de 2021.",
	}}
	lateOpeners = &pool{en: []string{
		"Sorry for the slow reply! ",
		"Late to this, sorry. ",
		"Only just saw this, apologies. ",
	}, fr: []string{
		"Désolée pour le délai ! ",
		"Je réponds avec un peu de retard, pardon. ",
		"Je n'avais pas vu, désolée. ",
	}}
	fixes = &pool{en: []string{
		"Sorry about that, the link is fixed now.",
		"Thanks for flagging it, it's fixed.",
		"So sorry, your refund went out this morning.",
		"You're right, I've corrected the example.",
		"Apologies, that's sorted now.",
	}, fr: []string{
		"Désolée, le lien est réparé.",
		"Merci du signalement, c'est corrigé.",
		"Toutes mes excuses, le remboursement est parti ce matin.",
		"Tu as raison, j'ai corrigé l'exemple.",
	}}
	// toPrivate moves a complaint out of public (SPEC: moved to private).
	toPrivate = &pool{en: []string{
		"Sorry to hear that. Send us a DM with the details and we'll sort it out.",
		"I've sent you an e-mail so we can look at it together.",
		"Please send me a private message with the details, I'll look into it.",
	}, fr: []string{
		"Désolée ! Écrivez-nous en MP avec les détails.",
		"Je t'envoie un message privé pour régler ça.",
		"Je vous écris par mail, on regarde ça ensemble.",
	}}
	thanks = &pool{en: []string{
		"Thank you, glad it helped!",
		"Thanks a lot!",
		"Thanks, that means a lot.",
		"Glad you liked it!",
	}, fr: []string{
		"Merci beaucoup !",
		"Merci, ça fait plaisir !",
		"Contente que ça serve !",
	}}
	welcomes = &pool{en: []string{
		"Thanks for your first comment, and welcome!",
		"Welcome to the blog, and thanks for the kind words.",
		"Welcome! Glad you found your way here.",
	}, fr: []string{
		"Merci pour ce premier commentaire, et bienvenue !",
		"Bienvenue par ici, merci pour ton message.",
		"Bienvenue ! Contente de te lire ici.",
	}}
	// greetings welcome a newcomer in the group, mentioning them.
	greetings = &pool{en: []string{
		"Welcome {@}! Glad to have you here.",
		"Welcome aboard {@}, the start-here page is pinned.",
		"Hi {@}, welcome to the group!",
	}, fr: []string{
		"Bienvenue {@} ! Ravie de t'avoir parmi nous.",
		"Bienvenue {@}, le guide de la communauté est épinglé.",
		"Salut {@}, bienvenue dans le groupe !",
	}}
)

// Own posts.
var (
	announces = &pool{en: []string{
		"New post: {title} {url}",
		"Just published: {title} {url} {#}",
		"Out now on the blog: {title} {url}",
		"Fresh on the blog: {title}. {url}",
		"I wrote about {topic} again: {title} {url}",
		"New article: {title} {url} {#}",
	}, fr: []string{
		"Nouveau billet : {title} {url}",
		"Tout juste publié : {title} {url} {#}",
		"Nouvel article sur le blog : {title} {url}",
		"J'ai écrit sur {topic} : {title} {url}",
	}}
	tips = &pool{en: []string{
		"Tip: DuckDB can query a folder of Parquet files with a glob: SELECT * FROM 'logs/*.parquet'",
		"TIL: go test -run with a slash runs one subtest, e.g. -run 'TestParse/empty'.",
		"Tip: journalctl -u myjob.service --since today shows the last runs of a timer.",
		"Small thing I love in Go 1.22: for i := range 10. No more i < n; i++ <3",
		"Tip: SELECT * EXCLUDE (col) in DuckDB saves a lot of typing.",
		"If your logs are in UTC and your reports aren't, you will have a bad day. Ask me how I know.",
		"Hot take: most dashboards would be better as a weekly e-mail.",
		"The best log format is the one you can grep.",
		"Trying zstd -19 on a year of logs: 41 GB down to 2.3 GB.",
		"Reading the Parquet spec again. Dictionary pages are clever.",
		"Q&A with the DuckDB folks next week: send me what you'd like to hear about.",
		"A log line > a dashboard tile, most days.",
		"Tip: awk -F'\"' '{print $6}' pulls the user agent out of a combined log.",
		"Go tip: t.Cleanup beats defer in test helpers, it runs after the subtests too.",
	}, fr: []string{
		"Astuce : DuckDB lit un dossier de fichiers Parquet avec un glob.",
		"Petit rappel : vos logs en UTC, vos rapports en heure locale, et c'est le drame.",
		"Je relis la spec Parquet, les pages de dictionnaire sont malines.",
		"Astuce Go : t.Cleanup plutôt que defer dans les helpers de test.",
		"Mon conseil du jour : un bon grep vaut mieux qu'un mauvais tableau de bord.",
		"Astuce : journalctl -u monjob.service --since today pour voir les derniers passages d'un timer.",
	}}
	// feedbackAsks are own posts that ask the audience (SPEC: feedback
	// asked).
	feedbackAsks = &pool{en: []string{
		"What should I write about next: more DuckDB or more Go?",
		"Which log pipeline would you never touch again, and why?",
		"Do you read the newsletter on your phone or on a computer?",
	}, fr: []string{
		"Vous voulez quoi comme prochain billet : DuckDB ou Go ?",
		"Qu'est-ce qui vous manque dans le groupe Telegram ?",
	}}
	// hardSells call to buy or sign up (SPEC: hard-sell post).
	hardSells = &pool{en: []string{
		"Sign up now for the DuckDB workshop in September: limited offer, 20% off until Friday! {own}",
		"Subscribe to the newsletter for a weekly tip on logs and SQL: {own}",
		"Last seats for the workshop. Buy now before the price goes up! {own}",
	}, fr: []string{
		"Inscrivez-vous à l'atelier DuckDB de septembre, offre limitée ! {own}",
		"Abonnez-vous à la newsletter : une astuce par semaine. {own}",
	}}
	// retweeted are what others post that the own accounts repost.
	retweeted = []struct{ s, lang string }{
		{"Go 1.25 is out! Release notes: https://go.dev/doc/go1.25", "en"},
		{"DuckDB 1.3 brings a faster Parquet reader and much better JSON support.", "en"},
		{"Your logs are data. Treat them like data.", "en"},
		{"New talk up: profiling Go services in production without tears.", "en"},
		{"Thread on how we cut our log storage bill by 80% with Parquet and zstd.", "en"},
		{"Reminder that the Go survey is open until the end of the month.", "en"},
		{"The hallway track at GopherCon EU was the best part this year.", "en"},
		{"Un super billet sur les fonctions de fenêtrage en SQL, en français.", "fr"},
		{"Le meetup Go Paris de septembre cherche des orateurs et des oratrices.", "fr"},
		{"Small tools, sharp edges: a list of CLI tools for big log files.", "en"},
		{"Postgres 18 is out, and async I/O is a big deal.", "en"},
		{"We moved our analytics to DuckDB and cut the bill by half.", "en"},
	}
)

// asks tells whether a complaint also asks something: one of its
// sentences ends with a question mark. The complaint pools are written so
// that this is the whole truth about them.
func asks(text string) bool { return strings.Contains(text+" ", "? ") }
