package parquetcheck

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

//go:embed hyparquet-check.mjs
var script []byte

// The lock names the versions the modules folder must hold.
//
//go:embed package-lock.json
var lock []byte

// ModulesEnv names the environment variable that holds the folder npm
// installed the modules into (npm's --prefix: it holds node_modules/).
const ModulesEnv = "CMPULSE_NODE_MODULES"

// Column is what hyparquet read of one top-level column.
type Column struct {
	// Kind tells how Sum was made: "int" (the values), "bool" (the trues),
	// "text" (lengths in bytes), "list" (elements), "timestamp"
	// (microseconds since the epoch), "float" (the values in micro-units,
	// rounded half away from zero).
	Kind string `json:"kind"`
	// NonNull counts the values that are not null.
	NonNull int64 `json:"nonNull"`
	// Sum is a decimal integer: sums of timestamps pass 2^63.
	Sum string `json:"sum"`
}

// File is what hyparquet read of one file: its rows and columns, or the
// error it refused the file with.
type File struct {
	Path    string            `json:"file"`
	Rows    int64             `json:"rows"`
	Columns map[string]Column `json:"columns"`
	Err     string            `json:"error"`
}

// ModulesDir returns the node_modules folder the check loads hyparquet
// from: under $CMPULSE_NODE_MODULES, or ~/.cache/cmpulse-node.
func ModulesDir() (string, error) {
	dir := os.Getenv(ModulesEnv)
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("finding the cache folder (set %s): %w", ModulesEnv, err)
		}
		dir = filepath.Join(cache, "cmpulse-node")
	}
	return filepath.Join(dir, "node_modules"), nil
}

// Hyparquet reads every file of paths with hyparquet in one Node process
// and returns what it read of each, in order. A file hyparquet refuses has
// Err set; anything else that goes wrong fails t. Without node or the
// pinned modules it skips t, or fails it when CI is "true".
func Hyparquet(t testing.TB, paths []string) []File {
	t.Helper()
	node, modules := setup(t)
	js := filepath.Join(t.TempDir(), "hyparquet-check.mjs")
	if err := os.WriteFile(js, script, 0o644); err != nil {
		t.Fatalf("parquetcheck: writing %s: %v", js, err)
	}
	cmd := exec.Command(node, append([]string{js, modules}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("parquetcheck: running %s: %v\n%s", js, err, stderr.Bytes())
	}
	var files []File
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var f File
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("parquetcheck: reading the output of %s: %v: %q", js, err, sc.Bytes())
		}
		files = append(files, f)
	}
	if len(files) != len(paths) {
		t.Fatalf("parquetcheck: %s reported %d files of %d\n%s", js, len(files), len(paths), stderr.Bytes())
	}
	for i, f := range files {
		if f.Path != paths[i] {
			t.Fatalf("parquetcheck: report %d is of %s, want %s", i, f.Path, paths[i])
		}
	}
	return files
}

// setup finds node and the modules, or skips (fails in CI) saying how to
// install them.
func setup(t testing.TB) (node, modules string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		how := "install Node (apt-get install nodejs npm) and run: " + installHint
		if os.Getenv("CI") == "true" {
			t.Fatalf("parquetcheck: %s, and CI must read every Parquet file with hyparquet: %s", msg, how)
		}
		t.Skipf("parquetcheck: %s; skipping the hyparquet check (%s)", msg, how)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed (%v)", err)
	}
	modules, err = ModulesDir()
	if err != nil {
		missing("%v", err)
	}
	if err := checkVersions(modules); err != nil {
		missing("%v", err)
	}
	return node, modules
}

const installHint = `dir=${CMPULSE_NODE_MODULES:-$HOME/.cache/cmpulse-node}; mkdir -p "$dir" && cp internal/parquetcheck/package*.json "$dir" && npm ci --prefix "$dir" --ignore-scripts`

// checkVersions checks that modules holds every package of the lock at its
// locked version, so that a stale cache does not test another hyparquet.
func checkVersions(modules string) error {
	var l struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(lock, &l); err != nil {
		return fmt.Errorf("reading package-lock.json: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(l.Packages)) {
		p := l.Packages[key]
		name, ok := strings.CutPrefix(key, "node_modules/")
		if !ok {
			continue
		}
		pj := filepath.Join(modules, filepath.FromSlash(name), "package.json")
		b, err := os.ReadFile(pj)
		if err != nil {
			return fmt.Errorf("%s is not installed in %s", name, modules)
		}
		var got struct {
			Version string `json:"version"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			return fmt.Errorf("reading %s: %w", pj, err)
		}
		if got.Version != p.Version {
			return fmt.Errorf("%s in %s is version %s, the lock wants %s", name, modules, got.Version, p.Version)
		}
	}
	return nil
}
