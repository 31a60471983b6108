package main

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestTzdataEmbedded: main imports time/tzdata, so that --timezone works
// on a system without a zone database. Where the test can (root, unshare),
// it proves it: the binary reports with --timezone Europe/Paris in a mount
// namespace where /usr/share/zoneinfo and Go's own zoneinfo.zip are
// hidden, and ZONEINFO points nowhere.
func TestTzdataEmbedded(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		found = found || p == "time/tzdata"
	}
	if !found {
		t.Fatal("main.go does not import time/tzdata")
	}

	unshare, err := exec.LookPath("unshare")
	if os.Geteuid() != 0 || err != nil || runtime.GOOS != "linux" {
		t.Skip("hiding the zone database needs root and unshare(1); checked only the import")
	}
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	log := filepath.Join(dir, "access.log")
	writeLines(t, log, 0, 20)
	mustRun(t, "ingest", "-q", "--warehouse", wh, "--site", "example.org", log)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	goZones := filepath.Join(runtime.GOROOT(), "lib", "time")
	out := filepath.Join(dir, "report")
	script := `set -e
for d in /usr/share/zoneinfo "$GOZONES"; do [ -d "$d" ] && mount --bind "$EMPTY" "$d"; done
if [ -e /usr/share/zoneinfo/Europe/Paris ] || [ -e "$GOZONES/zoneinfo.zip" ]; then echo "zone database still visible" >&2; exit 3; fi
exec "$@"`
	cmd := exec.Command(unshare, "--mount", "--propagation", "private", "sh", "-c", script, "sh",
		os.Args[0], "report", "--warehouse", wh, "--out", out, "--timezone", "Europe/Paris")
	cmd.Env = append(os.Environ(), "CMPULSE_BE_MAIN=1", "ZONEINFO=/nonexistent", "EMPTY="+empty, "GOZONES="+goZones)
	b, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 32 {
			t.Skipf("cannot bind-mount here (%s); checked only the import", b)
		}
		t.Fatalf("report --timezone Europe/Paris without a zone database: %v\n%s", err, b)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Europe/Paris") {
		t.Error("the report does not name its zone, Europe/Paris")
	}
}
