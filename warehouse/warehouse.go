package warehouse

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// DefaultDir is the warehouse folder when none is given.
const DefaultDir = "warehouse"

// Warehouse is a warehouse folder opened for writing. Only one process at a
// time holds it; Close releases it.
type Warehouse struct {
	dir  string
	lock *flock.Flock
}

// ErrBusy is returned by Open when another process writes to the warehouse.
var ErrBusy = errors.New("warehouse is in use")

// Lock files: lockFile is what is locked (an flock on Unix, LockFileEx on
// Windows; the system releases it when the process dies, so a crash leaves
// no stale lock); holderFile says who holds it. They are two files because
// Windows forbids reading a locked file, and the second writer's message
// must name the first.
const (
	lockFile   = "_lock"
	holderFile = "_lock.holder"
)

// Open opens (creating if needed) the warehouse in dir for writing. It takes
// the warehouse's lock without waiting: a second writer stops with ErrBusy
// rather than interleaving batches. It refuses a warehouse of a newer
// format than this cmpulse's (*NewerFormatError), then finishes or discards
// whatever an interrupted batch left behind, and records the format in a
// warehouse that has no record of it yet.
func Open(dir string) (*Warehouse, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating warehouse: %w", err)
	}
	lock := flock.New(filepath.Join(dir, lockFile), flock.SetPermissions(0o644))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking warehouse: %w", err)
	}
	holder := filepath.Join(dir, holderFile)
	if !ok {
		who, _ := os.ReadFile(holder)
		return nil, fmt.Errorf("%w by another cmpulse (%s); wait for it to finish and run again",
			ErrBusy, strings.TrimSpace(string(who)))
	}
	// Say who holds the lock, for the message a second writer prints. Best
	// effort: the lock works without it.
	os.WriteFile(holder, []byte("pid "+strconv.Itoa(os.Getpid())+", since "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644)

	w := &Warehouse{dir: dir, lock: lock}
	// The format first: a newer cmpulse's batches are not this one's to
	// recover.
	recorded, err := checkFormat(dir)
	if err != nil {
		w.Close()
		return nil, err
	}
	if err := w.recover(); err != nil {
		w.Close()
		return nil, err
	}
	if n, _, _ := readFormat(dir); !recorded || n < Format {
		// Format 1 to 2 adds tables and ledger entries that format 1 had
		// none of: upgrading is recording the new format.
		if err := writeFormat(dir); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// Dir returns the warehouse folder.
func (w *Warehouse) Dir() string { return w.dir }

// Close releases the warehouse.
func (w *Warehouse) Close() error {
	if w.lock == nil {
		return nil
	}
	err := w.lock.Close() // unlocks and closes the file
	w.lock = nil
	return err
}

// Secret returns the warehouse's key for visitor_id hashes, creating it on
// first use. It never leaves the warehouse: without it, a visitor_id cannot
// be turned back into an address by trying all addresses.
func (w *Warehouse) Secret() ([]byte, error) {
	p := filepath.Join(w.dir, "_secret")
	b, err := os.ReadFile(p)
	if err == nil {
		if len(b) < 32 {
			return nil, fmt.Errorf("reading %s: key too short; it must not be edited", p)
		}
		return b, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading visitor key: %w", err)
	}
	b = make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("making visitor key: %w", err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return nil, fmt.Errorf("writing visitor key: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return nil, fmt.Errorf("writing visitor key: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return nil, fmt.Errorf("writing visitor key: %w", err)
	}
	return b, nil
}
