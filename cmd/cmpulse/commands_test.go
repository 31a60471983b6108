package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// usageLine is how a usage error ends: one line naming the command and
// pointing to its --help.
var usageLine = regexp.MustCompile(`(?m)^cmpulse( [a-z]+)?: .+; see 'cmpulse( [a-z]+)? --help'\n\z`)

// isUsageError reports whether stderr ends with a usage error's one line,
// without the whole usage before it.
func isUsageError(stderr string) bool {
	return usageLine.MatchString(stderr) && !strings.Contains(stderr, "Usage:")
}

// TestUsageErrors: a usage mistake prints one line that says what is wrong
// and where the help is, not the usage text that would scroll it away.
func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--foo", "x.log"}, "cmpulse ingest: unknown flag: --foo; see 'cmpulse ingest --help'\n"},
		{[]string{"report", "--from", "yesterday"}, "cmpulse report: --from \"yesterday\": use YYYY-MM-DD; see 'cmpulse report --help'\n"},
		{[]string{"sql", "--format", "yaml", "SELECT 1"}, "cmpulse sql: unknown --format \"yaml\": use table, csv or json; see 'cmpulse sql --help'\n"},
		{[]string{"reprot"}, "cmpulse: unknown command \"reprot\" (did you mean \"report\"?); see 'cmpulse --help'\n"},
		{[]string{"injest", "a.log"}, "cmpulse: unknown command \"injest\" (did you mean \"ingest\"?); see 'cmpulse --help'\n"},
		{[]string{"SQL"}, "cmpulse: unknown command \"SQL\" (did you mean \"sql\"?); see 'cmpulse --help'\n"},
		{[]string{"frobnicate"}, "cmpulse: unknown command \"frobnicate\"; see 'cmpulse --help'\n"},
		{[]string{"help", "rpeort"}, "cmpulse: unknown command \"rpeort\" (did you mean \"report\"?); see 'cmpulse --help'\n"},
	} {
		_, errOut, code := cmpulse(t, "", tt.args...)
		if code != 2 || errOut != tt.want {
			t.Errorf("cmpulse %s: exit %d, stderr %q; want exit 2, %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"help", "demo", "ingest", "report", "run", "sql", "version"}
	for _, tt := range []struct{ in, want string }{
		{"reprot", "report"},
		{"repotr", "report"},
		{"rport", "report"},
		{"ingets", "ingest"},
		{"verison", "version"},
		{"dmeo", "demo"},
		{"rnu", "run"},
		{"sq", "sql"},
		{"ls", ""},
		{"xyz", ""},
		{"reclassify", ""},
	} {
		if got := closest(tt.in, names); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestVersion: --version and the version command print the same line.
func TestVersion(t *testing.T) {
	out := mustRun(t, "--version")
	if !regexp.MustCompile(`^cmpulse \S+ \(go[0-9.]+\S*, [a-z0-9]+/[a-z0-9]+\)\n$`).MatchString(out) {
		t.Errorf("--version = %q", out)
	}
	if out2 := mustRun(t, "version"); out2 != out {
		t.Errorf("version = %q, --version = %q", out2, out)
	}
}

// TestConfigFlag: sql, report and ingest find the nightly job's warehouse
// through --config or $CMPULSE_CONFIG, its relative paths resolved against
// the config file's folder; a flag given explicitly wins.
func TestConfigFlag(t *testing.T) {
	dir := t.TempDir()
	etc := filepath.Join(dir, "etc")
	os.MkdirAll(etc, 0o755)
	log := filepath.Join(dir, "access.log")
	writeLines(t, log, 0, 30)
	cfg := filepath.Join(etc, "cmpulse.toml")
	write(t, cfg, "warehouse = \"wh\"\nreport = \"out\"\ntimezone = \"Europe/Paris\"\n[[site]]\nname = \"example.org\"\nlogs = [\""+log+"\"]\n")
	wh := filepath.Join(etc, "wh") // relative to the config file, not to the working folder

	mustRun(t, "ingest", "-q", "--config", cfg, log)
	if got := one(t, wh, "SELECT count(*) || ' ' || any_value(site) FROM hits"); got != "30 example.org" {
		t.Fatalf("ingest --config: %q in %s, want 30 hits of example.org", got, wh)
	}
	if out := mustRun(t, "sql", "--config", cfg, "--format", "csv", "SELECT count(*) AS n FROM hits"); out != "n\r\n30\r\n" {
		t.Errorf("sql --config = %q", out)
	}
	// The config's time zone shows timestamps; --timezone given wins.
	first := "SELECT min(ts) AS t FROM hits"
	if out := mustRun(t, "sql", "--config", cfg, "--format", "csv", first); !strings.Contains(out, "+02:00") {
		t.Errorf("sql --config does not use the config's zone: %q", out)
	}
	if out := mustRun(t, "sql", "--config", cfg, "--timezone", "UTC", "--format", "csv", first); !strings.Contains(out, "+00:00") {
		t.Errorf("sql --config --timezone UTC: %q", out)
	}
	// An explicit --warehouse wins over the config's.
	other := filepath.Join(dir, "other")
	mustRun(t, "ingest", "-q", "--warehouse", other, "--site", "example.org", log)
	write(t, filepath.Join(dir, "more.log"), logLine(999)+"\n")
	mustRun(t, "ingest", "-q", "--config", cfg, "--warehouse", other, filepath.Join(dir, "more.log"))
	if got := one(t, other, "SELECT count(*) FROM hits"); got != "31" {
		t.Errorf("ingest --config --warehouse: %s hits in --warehouse, want 31", got)
	}

	t.Setenv(configEnv, cfg)
	out := mustRun(t, "report")
	if want := filepath.Join(etc, "out", "index.html"); !strings.Contains(out, want) {
		t.Errorf("report with $%s printed %q, want %s", configEnv, out, want)
	}
	page, err := os.ReadFile(filepath.Join(etc, "out", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Europe/Paris") || !strings.Contains(string(page), "example.org") {
		t.Error("the report does not use the config's zone and site")
	}
	if out := mustRun(t, "sql", "--format", "csv", "SELECT count(*) AS n FROM hits"); out != "n\r\n30\r\n" {
		t.Errorf("sql with $%s = %q", configEnv, out)
	}
	// A broken config named by the environment is an error, not ignored.
	t.Setenv(configEnv, filepath.Join(dir, "missing.toml"))
	if _, errOut, code := cmpulse(t, "", "sql", "SELECT 1"); code != 1 || !strings.Contains(errOut, "missing.toml") {
		t.Errorf("sql with a missing $%s: exit %d, %q", configEnv, code, errOut)
	}
}

// TestRejectsHintNamesWarehouse: the hint printed after rejects names the
// warehouse they are in, so that pasting it reads the right one.
func TestRejectsHintNamesWarehouse(t *testing.T) {
	dir := t.TempDir()
	wh := filepath.Join(dir, "my wh")
	log := filepath.Join(dir, "access.log")
	writeLines(t, log, 0, 3, "not a log line")
	_, errOut, code := cmpulse(t, "", "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	want := `cmpulse sql --warehouse '` + wh + `' "SELECT * FROM rejects"`
	if code != 0 || !strings.Contains(errOut, want) {
		t.Errorf("ingest with a reject: exit %d, stderr %q; want the hint %s", code, errOut, want)
	}
}

// TestConfigRepeatedFlags: every value of a list in the config reaches a
// repeatable flag, not only the first (pflag marks a flag changed once it
// is set).
func TestConfigRepeatedFlags(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	writeLines(t, log, 0, 3)
	cfg := filepath.Join(dir, "cmpulse.toml")
	write(t, cfg, "warehouse = \"wh\"\n[[site]]\nname = \"example.org\"\nhosts = [\"a.example\", \"b.example\"]\nlogs = [\""+log+"\"]\n")
	mustRun(t, "ingest", "-q", "--config", cfg, log)
	b, err := os.ReadFile(filepath.Join(dir, "wh", "_sites", "example.org.json"))
	if err != nil || !strings.Contains(string(b), "a.example") || !strings.Contains(string(b), "b.example") {
		t.Errorf("site state %s (%v): want both hosts of the config", b, err)
	}
}
