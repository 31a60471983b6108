package warehouse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeBatchFile(t *testing.T, b *Batch, rel, content string) {
	t.Helper()
	f, err := b.Create(rel)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(content)
	f.Close()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestBatchCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	b, _ := w.Begin()
	writeBatchFile(t, b, "hits/site=a/date=2025-01-01/x.parquet", "data")
	if exists(filepath.Join(dir, "hits/site=a/date=2025-01-01/x.parquet")) {
		t.Fatal("file visible before commit")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if !exists(filepath.Join(dir, "hits/site=a/date=2025-01-01/x.parquet")) {
		t.Fatal("file not visible after commit")
	}

	b, _ = w.Begin()
	writeBatchFile(t, b, "hits/site=a/date=2025-01-02/y.parquet", "data")
	b.Abort()
	if exists(filepath.Join(dir, "hits/site=a/date=2025-01-02")) {
		t.Fatal("aborted batch visible")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, stagingDir, "*")); len(m) != 0 {
		t.Fatalf("staging left: %v", m)
	}
	for _, bad := range []string{"../x", "/abs", "_staging/x"} {
		if _, err := b.Create(bad); err == nil {
			t.Errorf("Create(%q) succeeded", bad)
		}
	}
}

// TestRecovery simulates crashes at each step of a commit: a batch still
// being written is discarded; a committed batch half moved into place is
// finished by the next Open.
func TestRecovery(t *testing.T) {
	dir := t.TempDir()
	w, _ := Open(dir)

	// Crash before the commit record.
	unfinished, _ := w.Begin()
	writeBatchFile(t, unfinished, "hits/a.parquet", "half")

	// Crash after the commit record, with one of two files moved.
	committed, _ := w.Begin()
	writeBatchFile(t, committed, "hits/b.parquet", "b")
	writeBatchFile(t, committed, "_ledger/b.parquet", "ledger")
	os.WriteFile(filepath.Join(committed.staging, commitFile), []byte("hits/b.parquet\n_ledger/b.parquet\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "hits"), 0o755)
	os.Rename(filepath.Join(committed.staging, stagedName(0)), filepath.Join(dir, "hits/b.parquet"))
	w.Close() // the process dies: the lock goes with it

	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if exists(filepath.Join(dir, "hits/a.parquet")) {
		t.Error("uncommitted batch was made visible")
	}
	for _, p := range []string{"hits/b.parquet", "_ledger/b.parquet"} {
		if !exists(filepath.Join(dir, p)) {
			t.Errorf("%s of the committed batch missing after recovery", p)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, stagingDir, "*")); len(m) != 0 {
		t.Errorf("staging left after recovery: %v", m)
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("second Open: %v, want ErrBusy naming the holder", err)
	}
	w.Close()
	w, err = Open(dir)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	w.Close()
}

func TestSecret(t *testing.T) {
	dir := t.TempDir()
	w, _ := Open(dir)
	defer w.Close()
	a, err := w.Secret()
	if err != nil || len(a) != 32 {
		t.Fatalf("Secret() = %x, %v", a, err)
	}
	b, _ := w.Secret()
	if string(a) != string(b) {
		t.Error("secret changed between calls")
	}
	st, _ := os.Stat(filepath.Join(dir, "_secret"))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("secret mode %v, want 0600", st.Mode().Perm())
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{"a": "'a'", "it's": "'it''s'", "": "''", "'; DROP TABLE x; --": "'''; DROP TABLE x; --'"} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestCreateAfterFailure: once a staged file cannot be created, every later
// Create says so instead of waiting for ever.
func TestCreateAfterFailure(t *testing.T) {
	w, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	b, _ := w.Begin()
	os.RemoveAll(b.staging) // creating staged files now fails
	for i := range 3 {
		done := make(chan error, 1)
		go func() {
			_, err := b.Create("hits/x.parquet")
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Fatalf("Create %d succeeded without a staging folder", i)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Create %d hangs after a failure", i)
		}
	}
	if err := b.Abort(); err != nil {
		t.Error(err)
	}
}

// errCrash stands for the process dying at a crash point.
var errCrash = errors.New("simulated crash")

// crashAt makes the n-th crash point (from 0) fail once; it returns how
// many points were passed, for knowing when n is past the last one.
func crashAt(t *testing.T, n int) *int {
	t.Helper()
	seen := new(int)
	crashPoint = func(string) error {
		*seen++
		if *seen-1 == n {
			return errCrash
		}
		return nil
	}
	t.Cleanup(func() { crashPoint = func(string) error { return nil } })
	return seen
}

// TestReplaceCrash crashes a batch that replaces two files at every step of
// its commit (before the record, then before each placement, each removal
// and the removal of staging) and checks that once the warehouse is opened
// again it holds either both old files or both new ones: never both
// versions of a file, never neither.
func TestReplaceCrash(t *testing.T) {
	old := []string{"hits/site=a/date=2025-01-01/old.parquet", "hits/site=a/date=2025-01-02/old.parquet"}
	repl := []string{"hits/site=a/date=2025-01-01/new.parquet", "hits/site=a/date=2025-01-02/new.parquet"}
	for n := -1; ; n++ {
		dir := t.TempDir()
		w, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		seed, _ := w.Begin()
		for _, rel := range old {
			writeBatchFile(t, seed, rel, "old")
		}
		if err := seed.Commit(); err != nil {
			t.Fatal(err)
		}

		b, _ := w.Begin()
		for _, rel := range repl {
			writeBatchFile(t, b, rel, "new")
		}
		for _, rel := range old {
			if err := b.Remove(rel); err != nil {
				t.Fatal(err)
			}
		}
		seen := new(int)
		committed := n >= 0
		if committed {
			seen = crashAt(t, n)
			err = b.Commit()
			crashPoint = func(string) error { return nil }
			if err == nil && *seen <= n {
				t.Logf("%d crash points tried", n)
				break // n is past the last crash point: every one was tried
			}
			if !errors.Is(err, errCrash) {
				t.Fatalf("crash at point %d: Commit() = %v, want the crash", n, err)
			}
		} else {
			// Died while writing the commit record: only its temporary is
			// there. A dead process creates no more staged files ahead:
			// left running, that goroutine raced with recovery's removal
			// of the staging folder ("directory not empty").
			b.stopAhead()
			os.WriteFile(filepath.Join(b.staging, commitFile+".tmp"), []byte(repl[0]+"\n"), 0o644)
		}
		w.Close()

		w, err = Open(dir)
		if err != nil {
			t.Fatalf("crash at point %d: reopening: %v", n, err)
		}
		w.Close()
		want, gone := old, repl
		if committed {
			want, gone = repl, old
		}
		for _, rel := range want {
			if !exists(filepath.Join(dir, rel)) {
				t.Errorf("crash at point %d: %s missing after recovery", n, rel)
			}
		}
		for _, rel := range gone {
			if exists(filepath.Join(dir, rel)) {
				t.Errorf("crash at point %d: %s present after recovery", n, rel)
			}
		}
		if m, _ := filepath.Glob(filepath.Join(dir, stagingDir, "*")); len(m) != 0 {
			t.Errorf("crash at point %d: staging left after recovery: %v", n, m)
		}
		if n > 20 {
			t.Fatal("more crash points than the batch has steps")
		}
	}
}

func TestRemoveChecks(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	b, _ := w.Begin()
	defer b.Abort()
	writeBatchFile(t, b, "hits/x.parquet", "x")
	os.MkdirAll(filepath.Join(dir, "hits", "d"), 0o755)
	for _, bad := range []string{"hits/x.parquet", "hits/missing.parquet", "hits/d", "../x", "-hits/x", "_staging/y"} {
		if err := b.Remove(bad); err == nil {
			t.Errorf("Remove(%q) succeeded", bad)
		}
	}
	if _, err := b.Create("-hits/y"); err == nil {
		t.Error(`Create("-hits/y") succeeded`)
	}
}

// TestRecordCompatible: a commit record without removals is what earlier
// versions wrote, and its files keep their staged indexes.
func TestRecordCompatible(t *testing.T) {
	got := commitRecord([]string{"a", "b"}, []string{"c"})
	if want := "a\nb\n-c\n"; got != want {
		t.Errorf("commitRecord = %q, want %q", got, want)
	}
}
