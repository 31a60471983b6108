package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cmpulse/cmpulse/ingest"
)

// communityConfig is the [community] part of cmpulse.toml: where each
// platform's exports are dropped, whose accounts are the own ones, and
// what newcomers should read.
type communityConfig struct {
	// BlogAuthors are the blog's authors (names or e-mails): their comments
	// are the own account's replies, for exports that do not say which
	// comments are by a user of the blog (Blogger's WXR).
	BlogAuthors []string `toml:"blog_authors"`
	// WelcomePages are the pages newcomers should read (guidelines, FAQ,
	// start here), as paths or URLs of the own site.
	WelcomePages []string `toml:"welcome_pages"`
	// WelcomeMaxAgeMonths: a welcome page not updated for longer is
	// flagged. Default 12.
	WelcomeMaxAgeMonths int              `toml:"welcome_max_age_months"`
	Platforms           []platformConfig `toml:"platform"`
}

// platformConfig is one [[community.platform]].
type platformConfig struct {
	Name    string   `toml:"name"`    // x, mastodon, blog, linkedin, ...
	Handles []string `toml:"handles"` // the own accounts on it
	Exports []string `toml:"exports"` // files, folders (watched: every export dropped there) or globs
	Format  string   `toml:"format"`  // only if detection guesses wrong
}

var platformConfigName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// check validates the community config and makes its paths absolute
// with rel.
func (c *communityConfig) check(path string, rel func(p, def string) string) error {
	if c.WelcomeMaxAgeMonths < 0 {
		return fmt.Errorf("reading config %s: welcome_max_age_months is negative", path)
	}
	if c.WelcomeMaxAgeMonths == 0 {
		c.WelcomeMaxAgeMonths = 12
	}
	seen := map[string]bool{}
	for i, p := range c.Platforms {
		if !platformConfigName.MatchString(p.Name) {
			return fmt.Errorf("reading config %s: community platform %d: name %q: use a lower-case name such as x, mastodon, blog, linkedin, instagram, facebook, youtube, telegram, discourse", path, i+1, p.Name)
		}
		if p.Format != "" && ingest.TableOf(p.Format) == "" {
			return fmt.Errorf("reading config %s: community platform %s: unknown format %q (known: %s)", path, p.Name, p.Format, strings.Join(ingest.Formats, ", "))
		}
		if seen[p.Name] {
			return fmt.Errorf("reading config %s: community platform %s is listed twice", path, p.Name)
		}
		seen[p.Name] = true
		for j, e := range p.Exports {
			c.Platforms[i].Exports[j] = rel(e, "")
		}
	}
	return nil
}

// own is the own accounts by platform, as ingest takes them: the handles
// of every platform, and the blog's authors.
func (c *communityConfig) own() map[string][]string {
	out := map[string][]string{}
	for _, p := range c.Platforms {
		out[p.Name] = append(out[p.Name], p.Handles...)
	}
	out["blog"] = append(out["blog"], c.BlogAuthors...)
	return out
}

// ingestCommunity ingests every platform's exports of the config, one batch
// per platform. Exports already in add nothing, so a folder that keeps
// every export ever dropped in it costs a hash per file each night.
func ingestCommunity(ctx context.Context, e *env, c *config, quiet bool) (problems, err error) {
	own := c.Community.own()
	hosts := c.siteHosts()
	for _, p := range c.Community.Platforms {
		if len(p.Exports) == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "community %s:\n", p.Name)
		paths := existing(e, p.Exports)
		if len(paths) == 0 {
			fmt.Fprintln(e.stdout, "no exports yet")
			continue
		}
		opt := ingest.Options{Warehouse: c.Warehouse, Hosts: hosts, Format: p.Format, Own: own, Stdin: e.stdin}
		if !quiet {
			opt.Progress = progressBar(e.stderr)
		}
		sum, err := ingest.Ingest(ctx, paths, opt)
		if opt.Progress != nil {
			opt.Progress(-1, 0)
		}
		if sum != nil {
			printSummary(e.stdout, sum)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			// One platform's failure (a damaged partition file) must not
			// stop the others nor the report.
			fmt.Fprintf(e.stderr, "cmpulse: community %s: %v\n", p.Name, err)
			problems = silentError{}
			continue
		}
		if err := reportProblems(e.stderr, sum, c.Warehouse); err != nil {
			problems = err
		}
	}
	return problems, nil
}

// existing drops the export folders that do not exist yet or are empty,
// saying so: a platform configured before its first export is dropped is
// not an error.
func existing(e *env, paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.ContainsAny(p, "*?[") {
			if m, _ := filepath.Glob(p); len(m) == 0 {
				fmt.Fprintf(e.stderr, "cmpulse: nothing matches %s yet: nothing to ingest from it\n", p)
				continue
			}
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(e.stderr, "cmpulse: %s does not exist yet: nothing to ingest from it\n", p)
			continue
		}
		if st.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				fmt.Fprintf(e.stderr, "cmpulse: %s is empty: no export dropped there yet\n", p)
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// siteHosts are the host names of every configured site: links to them
// from posts are links to the own site.
func (c *config) siteHosts() []string {
	var out []string
	for _, s := range c.Sites {
		out = append(out, s.Name)
		out = append(out, s.Hosts...)
	}
	return out
}

// ownFlag parses --own values, PLATFORM=HANDLE, into the map ingest takes.
func ownFlag(values []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, v := range values {
		p, h, ok := strings.Cut(v, "=")
		if !ok || !platformConfigName.MatchString(p) || strings.TrimSpace(h) == "" {
			return nil, usagef("--own %q: give PLATFORM=HANDLE, e.g. --own x=@example or --own blog=\"Jane Doe\"", v)
		}
		out[p] = append(out[p], h)
	}
	return out, nil
}
