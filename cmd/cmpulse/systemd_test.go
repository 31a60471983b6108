//go:build unix

package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The files the README's nightly set-up installs, shipped in the repository
// so that the README, the test and the user copy the same text.
var (
	sampleConfig = filepath.Join("..", "..", "sample-data", "cmpulse.toml")
	serviceUnit  = filepath.Join("..", "..", "sample-data", "systemd", "cmpulse.service")
	timerUnit    = filepath.Join("..", "..", "sample-data", "systemd", "cmpulse.timer")
)

// unitSettings reads the Key=Value lines of a systemd unit file.
func unitSettings(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			m[k] = v
		}
	}
	return m
}

// TestSystemdSetup runs the nightly job as the README installs it, as an
// unprivileged user, on a temporary tree shaped like the real one: the
// service unit's command and working folder, the sample config with its
// /var/lib/cmpulse and /var/log/nginx moved into the tree, a state folder
// owned by the service user (systemd's StateDirectory), a log readable only
// through the group adm, a config folder the user cannot write. It then
// checks that a config with a relative warehouse, which resolves beside
// the config file, fails there with a message naming the folder: that is
// how the README's earlier example failed.
func TestSystemdSetup(t *testing.T) {
	unit := unitSettings(t, serviceUnit)
	exec0 := strings.Fields(unit["ExecStart"])
	if len(exec0) == 0 || exec0[0] != "/usr/local/bin/cmpulse" || unit["WorkingDirectory"] != "/var/lib/cmpulse" ||
		unit["StateDirectory"] != "cmpulse" || unit["SupplementaryGroups"] != "adm" {
		t.Fatalf("the unit is not the one this test knows how to replay: %v", unit)
	}
	setpriv, err := exec.LookPath("setpriv")
	if os.Geteuid() != 0 || err != nil {
		t.Skip("running as another user needs root and setpriv(1)")
	}
	nobody, err1 := user.Lookup("nobody")
	adm, err2 := user.LookupGroup("adm")
	if err1 != nil || err2 != nil {
		t.Skipf("no user nobody or group adm here: %v %v", err1, err2)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	admGid, _ := strconv.Atoi(adm.Gid)

	root := t.TempDir()
	for _, d := range []string{filepath.Dir(root), root} {
		os.Chmod(d, 0o755) // t.TempDir is private to root
	}
	mkdir := func(rel string, mode os.FileMode, uid, gid int) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chown(p, uid, gid)
		os.Chmod(p, mode)
		return p
	}
	state := mkdir("var/lib/cmpulse", 0o755, uid, gid) // StateDirectory=cmpulse
	logs := mkdir("var/log/nginx", 0o750, 0, admGid)
	etc := mkdir("etc/cmpulse", 0o755, 0, 0)
	bin := mkdir("usr/local/bin", 0o755, 0, 0)

	log := filepath.Join(logs, "access.log")
	writeLines(t, log, 0, 200)
	os.Chown(log, 0, admGid)
	os.Chmod(log, 0o640)
	cmpulseBin := filepath.Join(bin, "cmpulse")
	copyFile(t, os.Args[0], cmpulseBin, 0o755) // the test binary acts as cmpulse

	text, err := os.ReadFile(sampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfgText := strings.NewReplacer("/var/lib/cmpulse", state, "/var/log/nginx", logs).Replace(string(text))
	if cfgText == string(text) {
		t.Fatal("the sample config names neither /var/lib/cmpulse nor /var/log/nginx")
	}
	cfg := filepath.Join(etc, "cmpulse.toml")
	write(t, cfg, cfgText)

	runAsService := func(cfg string) (string, error) {
		args := strings.Fields(strings.ReplaceAll(unit["ExecStart"], "/etc/cmpulse/cmpulse.toml", cfg))[1:]
		cmd := exec.Command(setpriv, append([]string{"--reuid=" + nobody.Uid, "--regid=" + nobody.Gid, "--groups=" + adm.Gid, "--", cmpulseBin}, args...)...)
		cmd.Dir = state // WorkingDirectory=
		cmd.Env = []string{"CMPULSE_BE_MAIN=1", "HOME=" + state, "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	out, err := runAsService(cfg)
	if err != nil {
		t.Fatalf("the documented job as an unprivileged user: %v\n%s", err, out)
	}
	index := filepath.Join(state, "report", "index.html")
	if !strings.Contains(out, index) {
		t.Errorf("the job does not print %s:\n%s", index, out)
	}
	st, err := os.Stat(filepath.Join(state, "warehouse"))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok && int(s.Uid) != uid {
		t.Errorf("the warehouse belongs to uid %d, want the service user's %d", s.Uid, uid)
	}
	if got := one(t, filepath.Join(state, "warehouse"), "SELECT count(*) FROM hits"); got != "200" {
		t.Errorf("hits = %s, want 200", got)
	}

	// The earlier README's config: a relative warehouse, under /etc/cmpulse.
	rel := filepath.Join(etc, "relative.toml")
	write(t, rel, strings.Replace(cfgText, `warehouse = "`+state+`/warehouse"`, `warehouse = "warehouse"`, 1))
	out, err = runAsService(rel)
	t.Logf("with a relative warehouse: %s", out)
	if err == nil || !strings.Contains(out, filepath.Join(etc, "warehouse")) || !strings.Contains(out, "permission denied") {
		t.Errorf("a relative warehouse beside a root-owned config: %v, want a permission error naming %s:\n%s", err, filepath.Join(etc, "warehouse"), out)
	}
}

func copyFile(t *testing.T, src, dst string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestREADMEShowsShippedFiles: the README shows the shipped config and
// units as they are, so that what a user copies from it is what the test
// above ran.
func TestREADMEShowsShippedFiles(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{sampleConfig, serviceUnit, timerUnit} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(readme), string(b)) {
			t.Errorf("README.md does not show %s as it is", filepath.Base(p))
		}
	}
}
