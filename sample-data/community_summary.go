package sampledata

import (
	"fmt"
	"strings"
	"time"
)

// The parts of Community.Summary: counts a person can check a report
// against.

var fileNames = map[string]string{
	"x": "X tweets.js", "x-dm": "X direct-messages.js", "mastodon": "Mastodon outbox.json",
	"wxr": "WordPress WXR comments", "telegram": "Telegram result.json",
}

var summaryFiles = []string{"x", "x-dm", "mastodon", "wxr", "telegram"}

// counter counts keys in the order first seen.
type counter struct {
	keys []string
	n    map[string]int
}

func (c *counter) add(k string) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[k] == 0 {
		c.keys = append(c.keys, k)
	}
	c.n[k]++
}

func (c *counter) total() int {
	t := 0
	for _, v := range c.n {
		t += v
	}
	return t
}

// String is "k1 n1, k2 n2" in a fixed order of keys: those of order
// first, then the rest as seen.
func (c *counter) String(order ...string) string {
	var parts []string
	for _, k := range order {
		if c.n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, c.n[k]))
		}
	}
	for _, k := range c.keys {
		if !containsStr(order, k) {
			parts = append(parts, fmt.Sprintf("%s %d", k, c.n[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func summaryRecords(b *strings.Builder, ms []CommunityMessage) {
	b.WriteString("records\n")
	for _, file := range summaryFiles {
		var kinds, status, vis counter
		threads := map[string]bool{}
		for _, m := range ms {
			if m.File != file {
				continue
			}
			kinds.add(m.Kind)
			status.add(m.Status)
			if m.Visibility != "" {
				vis.add(m.Visibility)
			}
			threads[m.Thread] = true
		}
		fmt.Fprintf(b, "  %s: %d (%s)", fileNames[file], kinds.total(), kinds.String("post", "reply", "repost", "comment", "message", "join", "service", "dm", "pingback", "trackback"))
		switch file {
		case "x-dm":
			fmt.Fprintf(b, " in %d conversations", len(threads))
		case "mastodon":
			fmt.Fprintf(b, "; visibility %s", vis.String("public", "unlisted", "followers", "direct"))
		case "wxr":
			fmt.Fprintf(b, "; status %s", status.String("approved", "pending", "spam", "trash"))
		}
		b.WriteString("\n")
	}
}

func summaryAnswers(b *strings.Builder, ms []CommunityMessage) {
	b.WriteString("questions and complaints not by the own account (answered: an own reply; X DMs: the next own message)\n")
	for _, file := range []string{"wxr", "telegram", "x-dm"} {
		var q, comp counter
		private, angry := 0, 0
		for _, m := range ms {
			if m.File != file {
				continue
			}
			if m.Question && m.Outcome != "" {
				q.add(m.Outcome)
			}
			if m.Complaint && m.Outcome != "" {
				comp.add(map[bool]string{true: "open", false: "handled"}[m.Outcome == "never"])
			}
			if m.Own && m.Private {
				private++
			}
			if m.Own && m.Tone == "negative" {
				angry++
			}
		}
		fmt.Fprintf(b, "  %s: questions %d (%s); complaints %d (%s); own replies moving to private %d",
			fileNames[file], q.total(), q.String("fast", "same-day", "late", "never"), comp.total(), comp.String("handled", "open"), private)
		if angry > 0 {
			fmt.Fprintf(b, "; own replies in a negative tone %d", angry)
		}
		b.WriteString("\n")
	}
	b.WriteString("own replies to others' posts (time from the post replied to)\n")
	for _, file := range []string{"x", "mastodon"} {
		var speed counter
		private := 0
		for _, m := range ms {
			if m.File == file && m.Own && m.Kind == "reply" && !m.ParentTS.IsZero() && m.Label != "thread" {
				speed.add(outcome(m.ParentTS, m.TS))
				if m.Private {
					private++
				}
			}
		}
		fmt.Fprintf(b, "  %s: %d (%s); moving to private %d\n", fileNames[file], speed.total(), speed.String("fast", "same-day", "late"), private)
	}
}

func summaryNewcomers(b *strings.Builder, authors []CommunityAuthor, in func(time.Time) bool) {
	b.WriteString("newcomers (first seen in the period; greeted: an own reply or mention within 7 days)\n")
	for _, p := range []string{"blog", "telegram", "x"} {
		var via, how counter
		greeted, seen := 0, 0
		for _, a := range authors {
			if a.Platform != p || !in(a.First) {
				continue
			}
			via.add(a.Via)
			if a.Greeted {
				greeted++
				how.add(a.GreetedHow)
			}
			if a.Before != "" {
				seen++
			}
		}
		fmt.Fprintf(b, "  %s: %d (%s): greeted %d (%s), not greeted %d", p, via.total(), via.String("comment", "join", "invited", "message", "dm"),
			greeted, how.String("reply", "mention", "mention_name", "dm"), via.total()-greeted)
		if seen > 0 {
			fmt.Fprintf(b, "; seen before on another platform %d", seen)
		}
		b.WriteString("\n")
	}
}

func summaryOwnPosts(b *strings.Builder, ms []CommunityMessage, from, to time.Time) {
	b.WriteString("own posts (originals: not replies, not reposts)\n")
	for _, file := range []string{"x", "mastodon", "telegram"} {
		var originals []time.Time
		links, hard, asks, replies, reposts, service := 0, 0, 0, 0, 0, 0
		for _, m := range ms {
			if m.File != file || !m.Own {
				continue
			}
			switch {
			case m.Kind == "repost":
				reposts++
			case m.Kind == "service":
				service++
			case m.Kind == "reply" || m.Parent != "":
				replies++
			default:
				originals = append(originals, m.TS)
				if len(m.LinksOwnSite) > 0 {
					links++
				}
				if m.HardSell {
					hard++
				}
				if m.Question {
					asks++
				}
			}
		}
		fmt.Fprintf(b, "  %s: originals %d (linking to the blog %d, hard-sell %d, questions %d), replies %d, reposts %d",
			fileNames[file], len(originals), links, hard, asks, replies, reposts)
		if service > 0 {
			fmt.Fprintf(b, ", service messages %d", service)
		}
		b.WriteString("\n")
		if len(originals) > 0 {
			fmt.Fprintf(b, "    weeks with a post %s; longest silence %s; more than 3 within an hour on %s\n",
				weeksWithPosts(originals, from, to), longestSilence(originals), crowdedDays(originals))
		}
	}
}

func weeksWithPosts(ts []time.Time, from, to time.Time) string {
	weeks := int((to.Sub(from).Hours() + 24*7 - 1) / (24 * 7))
	hit := map[int]bool{}
	for _, t := range ts {
		hit[int(t.Sub(from).Hours()/(24*7))] = true
	}
	return fmt.Sprintf("%d of %d", len(hit), weeks)
}

// longestSilence is the longest gap between two originals (ts is in time
// order), in days, with its dates.
func longestSilence(ts []time.Time) string {
	var best time.Duration
	var a, z time.Time
	for i := 1; i < len(ts); i++ {
		if d := ts[i].Sub(ts[i-1]); d > best {
			best, a, z = d, ts[i-1], ts[i]
		}
	}
	if best == 0 {
		return "none"
	}
	return fmt.Sprintf("%.1f days (%s to %s)", best.Hours()/24, a.UTC().Format(time.DateOnly), z.UTC().Format(time.DateOnly))
}

// crowdedDays are the days with more than 3 originals within an hour.
func crowdedDays(ts []time.Time) string {
	var days []string
	for i := range ts {
		n := 0
		for j := i; j < len(ts) && ts[j].Sub(ts[i]) <= time.Hour; j++ {
			n++
		}
		if d := ts[i].UTC().Format(time.DateOnly); n > 3 && !containsStr(days, d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return "no day"
	}
	return strings.Join(days, ", ")
}
