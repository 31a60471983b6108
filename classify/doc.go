// Package classify reads what a hit's user agent and referrer say: whether
// the client is a bot (and which), its browser, system and device, and the
// channel, site and search terms a visit came from. It implements the
// SPEC's definitions of bot, channel, keyword and natural link (the
// registrable domain of a referral).
//
// The pieces:
//
//   - agent.go: ParseAgent. Bots are found by a table of well-known bots
//     that also names and categorises them (search, seo, ai, monitoring,
//     script, feed, social), by the SPEC's own rules (empty, bare
//     "Mozilla/5.0" or implausibly short agent, a URL or e-mail address in
//     it) and by two maintained crawler lists; browsers, systems and
//     devices by ordered substring rules, each commented with why it comes
//     where it does.
//   - lists.go: the tagged crawler list (data/crawler-user-agents.json),
//     which names and categorises the bots the table does not know.
//   - referrer.go: Referrers.Classify reads a referrer as logged (with
//     Apache/nginx \xHH escapes, without scheme, with port, IDN, garbage)
//     and the landing query's utm tags, and returns a Source; Hosts lists a
//     site's own hosts.
//   - engines.go: the search engines, social sites and mail services, as
//     data, with where the list comes from.
//   - lang.go: Lang and LangHint, the language of a message ("en", "fr",
//     "other"): a character trigram model and common-word lists of seven
//     Latin-script languages, from data/lang-ngrams.tsv.
//   - question.go: IsQuestion, the SPEC's "question": a '?' that ends a
//     sentence, or an English or French interrogative opening, with
//     quoted text and URLs left out (textprep.go cuts them, and cuts the
//     rest into sentences and words).
//   - sentiment.go, sentiment_lexicon.go: Sentiment, a VADER-style scorer
//     for English and French (SPEC: sentiment), on embedded lexicons.
//   - complaint.go: IsComplaint, the SPEC's complaint from complaint
//     vocabulary, negated working verbs, sarcasm cues, addressing and the
//     sentiment; tuned and measured on testdata/labelled/.
//   - tone.go: AngryReply, MovesToPrivate and HardSell, for the own
//     account's replies and posts (SPEC: tone of own replies, moved to
//     private, hard-sell post).
//   - msgwords.go: the words and phrase matcher the last two share.
//
// Bots seen only through robots.txt requests are not this package's
// business: that needs the visitor's other hits and is done where hits are
// grouped.
//
// # Sources and licences
//
// data/crawler-user-agents.json is the npm package crawler-user-agents
// (MIT licence, (c) Martin Monperrus; github.com/monperrus/crawler-user-agents),
// copied as published with its licence beside it (data/README.md gives the
// version); scripts/refresh-lists.sh replaces it with the latest release.
// Its tags say which bots are AI crawlers, monitors, search engines...
//
// The second crawler list is github.com/x-way/crawlerdetect (MIT licence, (c)
// Andreas Jaggi), a Go port whose patterns are synced from
// github.com/JayBizzle/Crawler-Detect (MIT licence), the list most web
// analytics tools use; it is a module dependency, not a copy, so updating
// the module updates the list. It only says whether an agent is a crawler,
// not which, so names and categories come from the table in agent.go.
//
// data/lang-ngrams.tsv holds numbers derived from the language models of
// github.com/pemistahl/lingua-go (Apache-2.0, (c) Peter M. Stahl) by
// scripts/langprofile, with lingua's licence beside it; cmpulse does not
// link lingua-go itself (data/README.md says why). The word lists of
// lang.go and question.go were written for this package.
//
// Registrable domains come from golang.org/x/net/publicsuffix (BSD
// licence), Go's copy of the Mozilla Public Suffix List
// (publicsuffix.org), including its private section: "someone.github.io"
// is a registrable domain of its own.
//
// The sentiment lexicons are VADER's English lexicon and emoji names (MIT
// licence, (c) C.J. Hutto; github.com/cjhutto/vaderSentiment), Pattern's
// French adjectives (public domain under the PDDL; github.com/clips/pattern)
// and cmpulse's own additions (MIT); data/README.md gives their versions.
// The scoring rules are a Go port of vaderSentiment.py (MIT).
package classify
