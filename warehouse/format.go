package warehouse

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cmpulse/cmpulse/internal/version"
)

// Format is the warehouse format this cmpulse writes and the newest it
// reads. Raise it with any change of layout or columns that an older
// cmpulse would misread, and teach Open to upgrade older warehouses.
//
//	1: hits, rejects, _ledger as in doc.go (the layout before the version
//	   was recorded: a warehouse without formatFile is format 1)
//	2: the community tables (social_posts, conversations, followers),
//	   whose partitions a batch rewrites, and snapshot ledger entries
//	   (head_len -1: the hash of a whole export), which a format 1 cmpulse
//	   would take for a stream's
const Format = 2

// formatFile records the warehouse's format, as JSON.
const formatFile = "_format"

// NewerFormatError is the error for a warehouse written by a newer
// cmpulse in a format this one does not understand.
type NewerFormatError struct {
	Dir    string
	Format int // the warehouse's
}

func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("warehouse %s: format %d is newer than this cmpulse understands (max %d); upgrade cmpulse",
		e.Dir, e.Format, Format)
}

// formatRecord is the content of formatFile.
type formatRecord struct {
	Format    int    `json:"format"`
	WrittenBy string `json:"written_by,omitempty"` // the cmpulse version that wrote the record
}

// readFormat returns the format of the warehouse in dir, 1 for a warehouse
// that has no record of it, and whether the record exists.
func readFormat(dir string) (int, bool, error) {
	p := filepath.Join(dir, formatFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return 1, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("reading warehouse format: %w", err)
	}
	var rec formatRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return 0, true, fmt.Errorf("reading warehouse format %s: %w (it must not be edited)", p, err)
	}
	if rec.Format < 1 {
		return 0, true, fmt.Errorf("reading warehouse format %s: format %d is not valid (it must not be edited)", p, rec.Format)
	}
	return rec.Format, true, nil
}

// checkFormat refuses a warehouse whose format is newer than Format.
func checkFormat(dir string) (exists bool, err error) {
	n, exists, err := readFormat(dir)
	if err != nil {
		return exists, err
	}
	if n > Format {
		return exists, &NewerFormatError{Dir: dir, Format: n}
	}
	return exists, nil
}

// writeFormat records the format in a warehouse that has no record yet or
// an older one, atomically: a reader sees no record or a whole one.
func writeFormat(dir string) error {
	b, err := json.Marshal(formatRecord{Format: Format, WrittenBy: version.String()})
	if err != nil {
		return fmt.Errorf("writing warehouse format: %w", err)
	}
	p := filepath.Join(dir, formatFile)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing warehouse format: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("writing warehouse format: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("writing warehouse format: %w", err)
	}
	if err := syncFile(dir); err != nil {
		return fmt.Errorf("writing warehouse format: %w", err)
	}
	return nil
}
