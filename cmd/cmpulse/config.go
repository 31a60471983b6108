package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
)

// configEnv names the config file when no --config is given, so that a
// shell of the nightly job's user finds its warehouse without flags.
const configEnv = "CMPULSE_CONFIG"

// configFlag is --config on a command that reads a warehouse (sql, report,
// ingest): the nightly job's config file then gives every flag that the
// command line does not, so that `cmpulse sql --config
// /etc/cmpulse/cmpulse.toml` reads the warehouse the job writes. A flag
// given explicitly wins over the config.
type configFlag struct{ path string }

func (c *configFlag) define(fs *pflag.FlagSet) {
	fs.StringVarP(&c.path, "config", "c", "", "take the warehouse and the other settings from this config `file` (default $"+configEnv+"); flags given explicitly win")
}

// apply loads the config named by --config, else by $CMPULSE_CONFIG, and
// sets each flag of fs that it gives a value for and that was not given.
// With neither, it does nothing.
func (c *configFlag) apply(fs *pflag.FlagSet) error {
	path := configPath(c.path)
	if path == "" {
		return nil
	}
	cfg, err := loadConfig(path)
	if err != nil {
		return err
	}
	// Flags given on the command line, before the config sets any: a
	// repeatable flag (--host, --own) is set once per value.
	given := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { given[f.Name] = true })
	for _, v := range cfg.flagValues() {
		f := fs.Lookup(v.flag)
		if f == nil || given[v.flag] || v.value == "" {
			continue
		}
		if err := fs.Set(v.flag, v.value); err != nil {
			return fmt.Errorf("config %s: %s %q: %w", path, v.flag, v.value, err)
		}
	}
	return nil
}

// configPath is the config file to use: the flag's, else the environment's.
func configPath(flag string) string {
	if flag != "" {
		return flag
	}
	return strings.TrimSpace(os.Getenv(configEnv))
}

// flagValue is a config setting as the value of a command-line flag.
type flagValue struct{ flag, value string }

// flagValues maps the config's settings to the flags of the commands that
// read a warehouse. Site and hosts only when the config has one site: with
// several, the command's own default (all sites) is the honest one.
func (c *config) flagValues() []flagValue {
	v := []flagValue{
		{"warehouse", c.Warehouse},
		{"out", c.Report},
		{"timezone", c.Timezone},
		{"queries", c.Queries},
		{"memory-limit", c.Memory},
	}
	if c.KeepIP {
		v = append(v, flagValue{"keep-ip", "true"})
	}
	for p, hs := range c.Community.own() {
		for _, h := range hs {
			v = append(v, flagValue{"own", p + "=" + h})
		}
	}
	if len(c.Sites) == 1 {
		v = append(v, flagValue{"site", c.Sites[0].Name})
		for _, h := range c.Sites[0].Hosts {
			v = append(v, flagValue{"host", h})
		}
	}
	return v
}
