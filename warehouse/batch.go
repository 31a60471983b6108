package warehouse

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	stagingDir = "_staging"
	commitFile = "COMMITTED" // in a staging folder: the batch is in
)

// Batch is a set of files that enter the warehouse together or not at all.
type Batch struct {
	w       *Warehouse
	id      string
	staging string
	files   []string // relative paths, as created
	removes []string // relative paths of files the batch supersedes
	done    bool

	// Staged files are created ahead on a goroutine of their own: creating
	// a file cost about 1 ms on the development machine, more than writing
	// a small site's day, and it need not wait for the writer.
	ahead   chan staged
	stop    chan struct{}
	stopped chan struct{}
	err     error // the first failure to create a staged file
}

// staged is a file created ahead, or why it could not be.
type staged struct {
	f   *os.File
	err error
}

// lookahead is how many staged files are created before they are needed.
const lookahead = 4

func (b *Batch) startAhead() {
	b.ahead = make(chan staged, lookahead)
	b.stop = make(chan struct{})
	b.stopped = make(chan struct{})
	go func() {
		defer close(b.stopped)
		for i := 0; ; i++ {
			f, err := os.OpenFile(filepath.Join(b.staging, stagedName(i)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			select {
			case b.ahead <- staged{f, err}:
			case <-b.stop:
				if f != nil {
					f.Close()
				}
				return
			}
			if err != nil {
				close(b.ahead) // Create reports b.err from now on
				return
			}
		}
	}()
}

// stopAhead ends the goroutine and closes the files it made but nobody took.
func (b *Batch) stopAhead() {
	if b.ahead == nil {
		return
	}
	close(b.stop)
	<-b.stopped
	for {
		select {
		case s, ok := <-b.ahead:
			if !ok {
				b.ahead = nil
				return
			}
			if s.f != nil {
				s.f.Close()
			}
		default:
			b.ahead = nil
			return
		}
	}
}

// Begin starts a batch. Its id sorts by start time.
func (w *Warehouse) Begin() (*Batch, error) {
	var r [4]byte
	if _, err := rand.Read(r[:]); err != nil {
		return nil, fmt.Errorf("making batch id: %w", err)
	}
	id := time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(r[:])
	staging := filepath.Join(w.dir, stagingDir, id)
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return nil, fmt.Errorf("starting batch: %w", err)
	}
	if err := syncUp(staging, w.dir); err != nil {
		return nil, fmt.Errorf("starting batch: %w", err)
	}
	return &Batch{w: w, id: id, staging: staging}, nil
}

// ID returns the batch id, which also names its files.
func (b *Batch) ID() string { return b.id }

// Root returns the warehouse folder, where the batch's committed
// predecessors are read (a snapshot merges into them).
func (b *Batch) Root() string { return b.w.dir }

// Create creates the file rel (a slash-separated path relative to the
// warehouse root) in the batch. It becomes visible at Commit.
func (b *Batch) Create(rel string) (*os.File, error) {
	if !validRel(rel) {
		return nil, fmt.Errorf("creating %q in batch: invalid path", rel)
	}
	// Staged files are flat and numbered (the i-th file created is
	// stagedName(i)): creating the partition folders only once, at commit,
	// halves the file-system calls per partition.
	if b.done {
		return nil, errors.New("batch already ended")
	}
	if b.ahead == nil {
		b.startAhead()
	}
	if b.err != nil {
		return nil, fmt.Errorf("creating %s: %w", rel, b.err)
	}
	s, ok := <-b.ahead
	if !ok {
		return nil, fmt.Errorf("creating %s: staging stopped", rel)
	}
	if s.err != nil {
		b.err = s.err
		return nil, fmt.Errorf("creating %s: %w", rel, s.err)
	}
	b.files = append(b.files, rel)
	return s.f, nil
}

// Remove marks the file rel (a slash-separated path relative to the
// warehouse root) as superseded by the batch: Commit removes it after
// placing the batch's new files, so that a reader sees the old file or its
// replacement, and after recovery from a crash never both and never neither.
// rel must be an existing file that the batch does not create.
func (b *Batch) Remove(rel string) error {
	if !validRel(rel) {
		return fmt.Errorf("removing %q in batch: invalid path", rel)
	}
	if b.done {
		return errors.New("batch already ended")
	}
	if slices.Contains(b.files, rel) {
		return fmt.Errorf("removing %s in batch: the batch creates it", rel)
	}
	st, err := os.Stat(filepath.Join(b.w.dir, filepath.FromSlash(rel)))
	if err != nil {
		return fmt.Errorf("removing %s in batch: %w", rel, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("removing %s in batch: not a file", rel)
	}
	if !slices.Contains(b.removes, rel) {
		b.removes = append(b.removes, rel)
	}
	return nil
}

// validRel reports whether rel may name a file of a batch: inside the
// warehouse, outside staging, and not starting with '-', which marks a
// removal in the commit record.
func validRel(rel string) bool {
	return fs.ValidPath(rel) && rel != "." && !strings.HasPrefix(rel, stagingDir) && !strings.HasPrefix(rel, "-")
}

// Commit makes every file of the batch visible. The files must be closed.
// Once the commit record is on disk the batch is in: if moving the files
// into place is interrupted, the next Open finishes it.
func (b *Batch) Commit() error {
	if b.done {
		return errors.New("batch already ended")
	}
	b.done = true
	b.stopAhead() // files made ahead and not used stay in staging, which goes
	for i := range b.files {
		if err := syncFile(filepath.Join(b.staging, stagedName(i))); err != nil {
			return fmt.Errorf("committing batch %s: %w", b.id, err)
		}
	}
	record := commitRecord(b.files, b.removes)
	tmp := filepath.Join(b.staging, commitFile+".tmp")
	if err := os.WriteFile(tmp, []byte(record), 0o644); err != nil {
		return fmt.Errorf("committing batch %s: %w", b.id, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("committing batch %s: %w", b.id, err)
	}
	if err := os.Rename(tmp, filepath.Join(b.staging, commitFile)); err != nil {
		return fmt.Errorf("committing batch %s: %w", b.id, err)
	}
	if err := syncFile(b.staging); err != nil {
		return fmt.Errorf("committing batch %s: %w", b.id, err)
	}
	return b.w.finish(b.staging)
}

// commitRecord lists the files to place, one final path a line in the
// order of their staged names, then the files to remove, each as a line
// "-path". Removals come last so that a cmpulse from before removals
// existed, recovering such a batch, still places every file under its
// index (it skips the "-" lines as files already moved).
func commitRecord(files, removes []string) string {
	var sb strings.Builder
	for _, rel := range files {
		sb.WriteString(rel + "\n")
	}
	for _, rel := range removes {
		sb.WriteString("-" + rel + "\n")
	}
	return sb.String()
}

// Abort discards the batch. It is safe to call after Commit (it does nothing).
func (b *Batch) Abort() error {
	if b.done {
		return nil
	}
	b.done = true
	b.stopAhead()
	return os.RemoveAll(b.staging)
}

// finish moves a committed batch's files into place, removes the files it
// supersedes, and removes its staging folder. It is idempotent, for
// recovery after a crash half-way: a file already moved or removed is
// skipped. New files are placed (and their folders synced) before any old
// one goes, so that a crash in between leaves rows twice only until the
// next Open, never missing.
func (w *Warehouse) finish(staging string) error {
	record, err := os.ReadFile(filepath.Join(staging, commitFile))
	if err != nil {
		return fmt.Errorf("reading commit record: %w", err)
	}
	var place, remove []string
	for _, line := range strings.Split(strings.TrimSpace(string(record)), "\n") {
		if rel, ok := strings.CutPrefix(line, "-"); ok {
			remove = append(remove, rel)
		} else if line != "" {
			place = append(place, line)
		}
	}
	if err := w.place(staging, place); err != nil {
		return err
	}
	if err := w.removeFiles(remove); err != nil {
		return err
	}
	if err := crashPoint("staging"); err != nil {
		return err
	}
	return os.RemoveAll(staging)
}

// place renames a committed batch's staged files to their final paths.
func (w *Warehouse) place(staging string, rels []string) error {
	dirs := map[string]bool{}
	for i, rel := range rels {
		src := filepath.Join(staging, stagedName(i))
		dst := filepath.Join(w.dir, filepath.FromSlash(rel))
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			continue // moved before an interruption
		}
		if err := crashPoint("place " + rel); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("placing %s: %w", rel, err)
		}
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("placing %s: %w", rel, err)
		}
		dirs[filepath.Dir(dst)] = true
	}
	// The renames and any new partition folders must be on disk before the
	// staging folder (and with it the commit record) goes, and before any
	// file they replace is removed.
	for d := range dirs {
		if err := syncUp(d, w.dir); err != nil {
			return fmt.Errorf("placing files: %w", err)
		}
	}
	return nil
}

// removeFiles removes the files a committed batch supersedes; one already
// gone was removed before an interruption.
func (w *Warehouse) removeFiles(rels []string) error {
	dirs := map[string]bool{}
	for _, rel := range rels {
		if err := crashPoint("remove " + rel); err != nil {
			return err
		}
		p := filepath.Join(w.dir, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing superseded %s: %w", rel, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncFile(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing superseded files: %w", err)
		}
	}
	return nil
}

// crashPoint is nil but in tests, which set it to stop finish at a given
// step as a crash would (the error stands for the process dying there).
var crashPoint = func(step string) error { return nil }

// recover finishes committed batches and discards the others.
func (w *Warehouse) recover() error {
	entries, err := os.ReadDir(filepath.Join(w.dir, stagingDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("recovering interrupted batches: %w", err)
	}
	for _, e := range entries {
		staging := filepath.Join(w.dir, stagingDir, e.Name())
		if _, err := os.Stat(filepath.Join(staging, commitFile)); err == nil {
			if err := w.finish(staging); err != nil {
				return fmt.Errorf("finishing interrupted batch %s: %w", e.Name(), err)
			}
			continue
		}
		if err := os.RemoveAll(staging); err != nil {
			return fmt.Errorf("discarding interrupted batch %s: %w", e.Name(), err)
		}
	}
	return nil
}

// stagedName is the name in the staging folder of a batch's i-th file; the
// commit record lists the files' final paths in the same order.
func stagedName(i int) string { return strconv.Itoa(i) + ".part" }

// syncUp flushes dir and each folder above it up to root, so that folders
// just created survive a power loss.
func syncUp(dir, root string) error {
	root = filepath.Clean(root)
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if err := syncFile(d); err != nil {
			return err
		}
		if d == root || d == filepath.Dir(d) || !strings.HasPrefix(d, root) {
			return nil
		}
	}
}

// syncFile flushes a file or folder to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
