package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/BurntSushi/toml"
	"github.com/spf13/pflag"

	"github.com/cmpulse/cmpulse/ingest"
	"github.com/cmpulse/cmpulse/warehouse"
)

// config is cmpulse.toml: what the nightly job ingests and where it writes.
// sample-data/cmpulse.toml is a commented example.
type config struct {
	Warehouse string          `toml:"warehouse"`
	Report    string          `toml:"report"`
	Timezone  string          `toml:"timezone"`
	KeepIP    bool            `toml:"keep_ip"`
	Queries   string          `toml:"queries"`
	Memory    string          `toml:"memory_limit"`
	Sites     []siteConfig    `toml:"site"`
	Community communityConfig `toml:"community"`
}

type siteConfig struct {
	Name   string   `toml:"name"`
	Hosts  []string `toml:"hosts"`
	Logs   []string `toml:"logs"`
	Format string   `toml:"format"`
}

// loadConfig reads a config file; relative paths in it are relative to the
// file, so that a cron job's working folder does not matter.
func loadConfig(path string) (*config, error) {
	var c config
	md, err := toml.DecodeFile(path, &c)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("reading config %s: unknown setting %q", path, un[0].String())
	}
	if len(c.Sites) == 0 && len(c.Community.Platforms) == 0 {
		return nil, fmt.Errorf("reading config %s: no [[site]] and no [[community.platform]]: name at least one site and its logs, or a platform and its exports", path)
	}
	base := filepath.Dir(path)
	rel := func(p, def string) string {
		if p == "" {
			p = def
		}
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	c.Warehouse = rel(c.Warehouse, warehouse.DefaultDir)
	c.Report = rel(c.Report, "report")
	c.Queries = rel(c.Queries, "")
	if err := c.Community.check(path, rel); err != nil {
		return nil, err
	}
	for i, s := range c.Sites {
		if s.Name == "" {
			return nil, fmt.Errorf("reading config %s: site %d has no name", path, i+1)
		}
		if len(s.Logs) == 0 {
			return nil, fmt.Errorf("reading config %s: site %s has no logs", path, s.Name)
		}
		for j, l := range s.Logs {
			c.Sites[i].Logs[j] = rel(l, "")
		}
	}
	return &c, nil
}

var runCommand = command{
	name:    "run",
	summary: "the nightly job: ingest every configured source, then report",
	usage:   "--config FILE",
	doc: `
Ingests whatever is new in every site's logs and every community platform's
exports named in the config file, then rewrites the report. Meant for cron or a systemd timer (see the README). Only
new lines are read, so running it more often than nightly is cheap. An input
that cannot be read is reported and the rest goes on; the exit status is then
1, after the report is written.`,
	setup: setupRun,
}

func setupRun(fs *pflag.FlagSet) func(context.Context, *env, []string) error {
	var path string
	var quiet bool
	fs.StringVarP(&path, "config", "c", "", "the config `file` (TOML; see sample-data/cmpulse.toml; default $"+configEnv+")")
	fs.BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return func(ctx context.Context, e *env, args []string) error { return runRun(ctx, e, path, quiet, args) }
}

// runRun is cmpulse run.
func runRun(ctx context.Context, e *env, path string, quiet bool, args []string) error {
	path = configPath(path)
	if path == "" || len(args) > 0 {
		return usagef("give the config file with --config (or $%s), and nothing else", configEnv)
	}
	c, err := loadConfig(path)
	if err != nil {
		return err
	}
	o := reportOptions{warehouse: c.Warehouse, out: c.Report, zone: c.Timezone, queries: c.Queries, memoryLimit: c.Memory}
	if err := o.check(); err != nil {
		// Found before any ingest, not after a night's work.
		return fmt.Errorf("config %s: %w", path, errors.Unwrap(err))
	}
	problems, err := ingestSites(ctx, e, c, quiet)
	if err != nil {
		return err
	}
	if p, err := ingestCommunity(ctx, e, c, quiet); err != nil {
		return err
	} else if p != nil {
		problems = p
	}
	// Rules or hosts that changed reach the old data before the
	// report reads it; a failure is reported and the report still
	// written, so that one damaged file does not stop every night's.
	if err := reclassifyIfStale(ctx, e, c, quiet); err != nil {
		if ctx.Err() != nil {
			return err
		}
		if !errors.As(err, new(silentError)) {
			fmt.Fprintf(e.stderr, "cmpulse: reclassifying: %v\n", err)
		}
		problems = silentError{}
	}
	if o.memoryLimit == "" {
		o.memoryLimit = "2GB"
	}
	if len(c.Sites) == 1 {
		o.site = c.Sites[0].Name
	}
	// Sites still stale here are those whose reclassification
	// failed, which was said above; the report warns of them.
	index, _, err := writeReport(ctx, o)
	if err != nil {
		// Said here: a silent error from the ingest must not hide it.
		return fmt.Errorf("the report was not written: %w", err)
	}
	fmt.Fprintln(e.stdout, index)
	return problems
}

// ingestSites ingests every site's logs of the config. problems is
// the error of inputs that could not be read, already reported; err stops
// the run.
func ingestSites(ctx context.Context, e *env, c *config, quiet bool) (problems, err error) {
	for _, s := range c.Sites {
		opt := ingest.Options{Warehouse: c.Warehouse, Site: s.Name, Hosts: s.Hosts, Format: s.Format, KeepIP: c.KeepIP, Stdin: e.stdin}
		if !quiet {
			opt.Progress = progressBar(e.stderr)
		}
		fmt.Fprintf(e.stdout, "site %s:\n", s.Name)
		warnHosts(e.stderr, s.Name, s.Hosts)
		sum, err := ingest.Ingest(ctx, s.Logs, opt)
		if opt.Progress != nil {
			opt.Progress(-1, 0)
		}
		if sum != nil {
			printSummary(e.stdout, sum)
		}
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", s.Name, err)
		}
		if err := reportProblems(e.stderr, sum, c.Warehouse); err != nil {
			problems = err
		}
	}
	return problems, nil
}
