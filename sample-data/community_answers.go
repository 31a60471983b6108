package sampledata

// qa pairs each question of tagQuestions and chatQuestions with the own
// account's answer to it, so that an answer reads as one.
var qa = map[string]string{
	// go
	"Does this still hold with Go 1.22, now that loop variables are per iteration?": "Yes, and it's simpler since 1.22: no more copying the loop variable.",
	"How would you handle context cancellation in this setup?":                      "Pass the context down to each worker and select on ctx.Done() next to the channel.",
	"Is there a reason you didn't use errgroup here?":                               "Only to keep the example short; errgroup is what I use in production.",
	"Could you share the full benchmark code? I'd like to run it on ARM.":           "It's linked at the end of the post, I'd love to see the ARM numbers!",
	"What's your take on generics for this instead of interfaces?":                  "Interfaces read better here; generics win when the types are known up front.",
	"How do you test the error paths in this pattern?":                              "With a fake that fails on the n-th call, and errors.Is in the test.",
	"Est-ce que ça marche aussi avec Go 1.21 ?":                                     "Oui, rien de spécifique à la 1.22 dans ce code.",
	"Pourquoi ne pas utiliser errgroup ici ?":                                       "Juste pour garder l'exemple court, en vrai j'utilise errgroup.",
	"Comment tu gères l'annulation du contexte dans ce cas-là ?":                    "Le contexte descend dans chaque worker, qui surveille ctx.Done().",
	"Tu aurais un exemple complet sur GitHub ?":                                     "Oui, le lien est à la fin du billet.",
	"Comment tu testes les cas d'erreur avec ce motif.":                             "Avec un faux qui échoue au n-ième appel, et errors.Is dans le test.",
	// duckdb
	"Does this work with the DuckDB CLI, or only from Python?":                               "The CLI too: it's plain SQL.",
	"How much memory did DuckDB use on the 10 GB file?":                                      "About 1.5 GB at the peak, it streams most of it.",
	"Is there a way to make read_json look at more than the first rows to infer the schema?": "Yes, set sample_size, or -1 to read the whole file.",
	"Which DuckDB version did you test this with?":                                           "1.1.3 for all the numbers in the post.",
	"Can DuckDB write the result back to Parquet in the same query?":                         "Yes, wrap it in COPY (...) TO 'out.parquet'.",
	"Est-ce que DuckDB gère bien les fichiers plus gros que la RAM ?":                        "Oui, il déborde sur disque quand il le faut.",
	"Quelle version de DuckDB tu utilises ?":                                                 "La 1.1.3 pour tous les chiffres du billet.",
	"Comment on fait pour lire plusieurs fichiers d'un coup avec un glob ?":                  "read_parquet('logs/*.parquet'), tout simplement.",
	"Ça tourne aussi sous Windows ?":                                                         "Oui, il y a un binaire Windows officiel.",
	// sql
	"Would this query work on Postgres as well?":                          "Yes, apart from the QUALIFY, which becomes a subquery.",
	"How do you deal with ties in the ranking?":                           "Use rank() instead of row_number() if ties should share a place.",
	"Any reason to prefer a window function over a self-join here?":       "The window function reads the table once, the self-join twice.",
	"What would the query plan look like on a table with a billion rows?": "One sort on the partition key, then a single pass. I'll add the EXPLAIN to the post.",
	"Ça marche aussi sous PostgreSQL ?":                                   "Oui, sauf le QUALIFY qu'il faut remplacer par une sous-requête.",
	"Comment tu gères les ex aequo dans le classement ?":                  "rank() au lieu de row_number() si les ex aequo partagent la place.",
	"Pourquoi une fonction de fenêtrage plutôt qu'une jointure ?":         "Elle lit la table une seule fois, la jointure deux.",
	// parquet
	"What row group size would you pick for files read mostly by DuckDB?": "Around 100k to 1M rows: DuckDB works row group by row group.",
	"Does the Go library support writing nested columns yet?":             "It does, with struct tags; lists and maps work too.",
	"How do you check that Spark can read the files you write?":           "A small test in CI reads them back with pyarrow and with Spark.",
	"Quelle taille de row group tu conseilles pour des petits fichiers ?": "Un seul row group suffit sous quelques centaines de Mo.",
	"Est-ce que la lib Go sait écrire des colonnes imbriquées ?":          "Oui, avec les tags de struct, listes et maps comprises.",
	"Comment vérifier que Spark relit bien les fichiers ?":                "Un petit test en CI les relit avec pyarrow et avec Spark.",
	// performance
	"Did you measure this with -benchmem too?":                     "Yes, allocations went from 12 to 2 per op, I'll add the table.",
	"How many cores was this on?":                                  "Eight cores, on a laptop from 2021.",
	"Would zstd level 3 change the picture?":                       "A little: files 10% bigger, twice as fast to write.",
	"Is the speed-up the same on small files?":                     "Smaller: under a few MB the setup cost dominates.",
	"Tu as mesuré avec combien de cœurs ?":                         "Huit cœurs, sur un portable de 2021.",
	"Est-ce que le gain tient avec des fichiers plus petits ?":     "Moins : sous quelques Mo, l'initialisation domine.",
	"Quel niveau de compression tu as utilisé pour ces chiffres ?": "zstd niveau 3, celui par défaut.",
	// web
	"Does this apply to Caddy too, or only nginx?":        "Caddy too, the headers are the same.",
	"How do you handle the Vary header with this setup?":  "Vary: Accept-Encoding only, the rest is the same for everyone.",
	"Should the HTML pages get an ETag as well?":          "Yes, with a short max-age so that readers see new posts.",
	"Ça s'applique aussi à Caddy ?":                       "Oui, les en-têtes sont les mêmes.",
	"Comment tu gères l'en-tête Vary avec cette config ?": "Vary: Accept-Encoding seulement, le reste est identique pour tous.",
	"Faut-il aussi un ETag sur les pages HTML ?":          "Oui, avec un max-age court pour voir les nouveaux billets.",
	// linux
	"Does the timer catch up if the machine was off at the scheduled time?": "Yes, with Persistent=true in the timer unit.",
	"Which distro are you running this on?":                                 "Debian 12 on the server, Fedora on the laptop.",
	"How do you read the logs of the service afterwards?":                   "journalctl -u the-service --since yesterday.",
	"Le timer se rattrape si la machine était éteinte ?":                    "Oui, avec Persistent=true dans le timer.",
	"Tu tournes sur quelle distrib ?":                                       "Debian 12 sur le serveur, Fedora sur le portable.",
	"Comment tu récupères les logs du service après coup ?":                 "journalctl -u le-service --since yesterday.",
	// tools
	"Can you share your Makefile template?":                  "Sure, it's in my dotfiles repo.",
	"What do you use for the pre-commit checks?":             "gofmt, go vet and staticcheck, from a plain shell script.",
	"Tu peux partager ton Makefile ?":                        "Bien sûr, il est dans mon dépôt de dotfiles.",
	"Tu utilises quoi pour les vérifications avant commit ?": "gofmt, go vet et staticcheck, dans un simple script shell.",
	// data
	"How accurate is the estimate compared to a real count?":      "Within 2% on my logs, against a count by cookie.",
	"Is the salt rotated daily, and where is it kept?":            "Daily, and only in memory: nothing to leak.",
	"What happens to visitors behind the same NAT?":               "They merge unless their browsers differ; the post has the numbers.",
	"Quelle précision par rapport à un vrai comptage ?":           "À 2 % près sur mes logs, comparé à un comptage par cookie.",
	"Le sel change tous les jours ? Il est stocké où ?":           "Tous les jours, et seulement en mémoire.",
	"Que se passe-t-il pour les visiteurs derrière le même NAT ?": "Ils sont confondus, sauf si leurs navigateurs diffèrent.",
	// notes
	"What would you do differently if you started over?": "Backups first, monitoring second, everything else later.",
	"How much time per month does all this take you?":    "About two hours, mostly updates.",
	"Tu referais les mêmes choix aujourd'hui ?":          "Oui, sauf les sauvegardes, que je mettrais en place dès le premier jour.",
	"Combien de temps par mois ça te prend ?":            "Deux heures environ, surtout des mises à jour.",
	// chat
	"Is there a recording of the last workshop?":                      "Yes, everyone who signed up got the recording the day after.",
	"When is the next DuckDB workshop?":                               "In September, the workshop page has the dates.",
	"Has anyone tried reading Parquet from R2 instead of S3?":         "It works through the S3 API: point the endpoint at R2 and you're done.",
	"Anyone here using slog in production? How do you ship the logs?": "JSON to stdout, and journald takes it from there.",
	"Where can I find the slides from the meetup?":                    "They're linked from the talks page.",
	"Does the newsletter have an archive somewhere?":                  "Yes, on the newsletter page.",
	"Can I share the workshop material with my team?":                 "Sure, share it with your team.",
	"how do you all keep nginx logs from filling the disk":            "logrotate, daily, compressed after a day.",
	"Which Go version do the workshop exercises need?":                "Go 1.22 or newer is enough.",
	"What's the best way to get started with the blog's older posts?": "The Start here page lists my favourites.",
	"Il y a un replay du dernier atelier ?":                           "Oui, tous les inscrits l'ont reçu le lendemain.",
	"C'est quand le prochain atelier DuckDB ?":                        "En septembre, les dates sont sur la page de l'atelier.",
	"Quelqu'un a déjà lu du Parquet depuis R2 ?":                      "Oui, avec l'API S3 : il suffit de changer l'endpoint.",
	"Est-ce qu'il y a une version française du guide ?":               "Le guide de la communauté est en français, le reste suivra.",
	"Vous utilisez quoi pour faire tourner vos logs ?":                "logrotate, tous les jours, avec compression au bout d'un jour.",
	"Où est-ce qu'on trouve les slides du meetup ?":                   "Sur la page des présentations.",
	"Peut-on partager le support de l'atelier en interne ?":           "Bien sûr, partage-le avec ton équipe.",
	"Y a-t-il une archive de la newsletter quelque part ?":            "Oui, sur la page de la newsletter.",
	"Comment vous faites pour sauvegarder vos bases DuckDB.":          "Un EXPORT DATABASE chaque nuit, et le dossier part en sauvegarde.",
	"Quelqu'un a testé la 1.25\u00a0?":                                "Oui, rien à signaler chez moi.",
	"Vous conseillez quel livre pour débuter en SQL\u202f?":           "Le manuel de PostgreSQL, étonnamment lisible.",
}

// answerTo is the own answer to question q (as asked, without an opener),
// or a general one.
func answerTo(r *dice, q, lang string) string {
	if a, ok := qa[q]; ok {
		return a
	}
	return answers.pick(r, lang)
}

// fixFor pairs each complaint of the complaints pool with the own reply
// that handles it.
var fixFor = map[string]string{
	"The download link for the ebook is broken, I get a 404.":                                 "Sorry about that, the download link is fixed.",
	"Still waiting for my refund for the June workshop, it's been three weeks.":               "So sorry, the refund went out this morning.",
	"I was charged twice for the workshop. Please sort this out.":                             "Apologies, the second charge is refunded.",
	"The unsubscribe link in the newsletter doesn't work, I keep getting it.":                 "Sorry! You're off the list now, and the link is fixed.",
	"The code in the second example is not working: it doesn't compile with the current API.": "You're right, I've corrected the example.",
	"Your RSS feed has been broken since the redesign.":                                       "Thanks, the feed is back.",
	"I can't access the workshop replay, the page says my link expired.":                      "Sorry, here is a fresh link, valid for a month.",
	"Really disappointed by the workshop, half of it was setup problems.":                     "Sorry it went that way. Next time the setup instructions go out a week before.",
	"The comment form is broken, it keeps eating my comments.":                                "Thanks for flagging it, a plugin update broke it. Fixed now.",
	"The search on the blog is broken on mobile.":                                             "Thanks, it's fixed on mobile too.",
	"Why is my refund still not here after three weeks?":                                      "So sorry, the refund went out this morning.",
	"Le lien de téléchargement de l'ebook ne fonctionne pas.":                                 "Désolée, le lien est réparé.",
	"Toujours pas reçu le remboursement de l'atelier de juin.":                                "Toutes mes excuses, le remboursement est parti ce matin.",
	"Le flux RSS ne marche pas depuis hier.":                                                  "Merci, le flux est revenu.",
	"J'ai été débité deux fois pour l'atelier, c'est inadmissible.":                           "Désolée, le second prélèvement est remboursé.",
	"Très déçu par l'atelier, on a passé une heure sur l'installation.":                       "Désolée. La prochaine fois, les instructions d'installation partiront une semaine avant.",
	"Le lien de désinscription de la newsletter ne fonctionne pas.":                           "Désolée ! C'est fait, et le lien est réparé.",
	"Le code du deuxième exemple ne marche pas avec la dernière version.":                     "Tu as raison, j'ai corrigé l'exemple.",
	"Je n'arrive pas à accéder au replay, et le SAV ne répond pas.":                           "Désolée, voici un nouveau lien, valable un mois.",
	"Franchement c'est une arnaque, la moitié du contenu est déjà gratuit sur le blog.":       "L'atelier va plus loin que le blog, mais je comprends : je te rembourse si tu veux.",
	"Pourquoi je n'ai toujours pas reçu mon remboursement ?":                                  "Toutes mes excuses, le remboursement est parti ce matin.",
}

// fix is the own reply handling complaint c, or a general one.
func fix(r *dice, c, lang string) string {
	if a, ok := fixFor[c]; ok {
		return a
	}
	return fixes.pick(r, lang)
}
