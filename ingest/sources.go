package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// input is one thing to read: a file, an entry of an archive or standard
// input.
type input struct {
	name string    // as shown to the user and stored in source_file
	path string    // "" for standard input; the archive's for an entry
	size int64     // on disk (compressed), -1 when unknown
	mod  time.Time // modification time; zero when unknown (stdin)
	// inFolder: the file was found in a folder given as an argument, not
	// named itself; of no known kind, it is skipped (an unpacked archive's
	// like.js, a README beside the exports), not an error.
	inFolder bool
	// member opens an archive entry's content; nil for a file or stdin.
	member func() (io.ReadCloser, error)
	// rereadable: member can be opened again cheaply (zip), so the entry is
	// checked before it is read, as a .gz file is.
	rereadable bool
}

// readOnce reports whether the input cannot be opened a second time.
func (in input) readOnce() bool { return in.path == "" && in.member == nil }

// Stdin is the input name for standard input.
const Stdin = "-"

// expand turns command-line arguments into inputs: a file, every file in a
// folder (recursively, skipping hidden ones, in name order), every file a
// glob matches, or "-" for standard input. An argument that names nothing is
// an error for that argument alone.
func expand(args []string) ([]input, []error) {
	var ins []input
	var errs []error
	seen := map[string]bool{}
	add := func(path string, size int64, mod time.Time, inFolder bool) {
		abs, err := filepath.Abs(path)
		if err == nil {
			path = abs
		}
		if seen[path] {
			return
		}
		seen[path] = true
		ins = append(ins, input{name: path, path: path, size: size, mod: mod, inFolder: inFolder})
	}
	for _, arg := range args {
		if arg == Stdin {
			ins = append(ins, input{name: Stdin, size: -1})
			continue
		}
		paths := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			m, err := filepath.Glob(arg)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: bad pattern: %w", arg, err))
				continue
			}
			if len(m) == 0 {
				errs = append(errs, fmt.Errorf("%s: no file matches", arg))
				continue
			}
			paths = m
		}
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
				continue
			}
			if !st.IsDir() {
				add(p, st.Size(), st.ModTime(), false)
				continue
			}
			found := 0
			err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if path != p && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() && isWarehouse(path) {
					return filepath.SkipDir // cmpulse's own output, when it lives beside the logs
				}
				if d.Type().IsRegular() {
					info, err := d.Info()
					if err != nil {
						return err
					}
					add(path, info.Size(), info.ModTime(), true)
					found++
				}
				return nil
			})
			if err != nil {
				errs = append(errs, fmt.Errorf("reading folder %s: %w", p, err))
			} else if found == 0 {
				errs = append(errs, fmt.Errorf("%s: folder has no files", p))
			}
		}
	}
	sort.SliceStable(ins, func(i, j int) bool {
		return ins[i].path != "" && ins[j].path != "" && naturalLess(ins[i].path, ins[j].path)
	})
	return tellingInputsFirst(ins), errs
}

// tellingInputsFirst puts the files of a kind that Tells (an unpacked X
// archive's account.js and manifest.js, named, globbed or found in a
// folder) before the others, which need what they tell; the rest keep
// their order.
func tellingInputsFirst(ins []input) []input {
	var first, rest []input
	for _, in := range ins {
		if in.path != "" && in.member == nil && in.size < 16<<20 && fileTells(in.path) {
			first = append(first, in)
		} else {
			rest = append(rest, in)
		}
	}
	return append(first, rest...)
}

func fileTells(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // reading it in turn will say what is wrong
	}
	defer f.Close()
	head := make([]byte, headLen)
	n, _ := io.ReadFull(f, head)
	return tells(head[:n])
}

// naturalLess orders names with numbers by value, so that access.log.2.gz
// comes before access.log.10.gz in the summary.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// isWarehouse reports whether a folder is a cmpulse warehouse.
func isWarehouse(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, warehouse.LedgerDir))
	return err == nil && st.IsDir()
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// verifyGzip reads a gzip file through once to check its checksums. Go's
// gzip reader hands out the data of a damaged member before it finds the
// damage, so without this, garbage would be ingested and the ledger would
// later take the good copy for a different stream. A truncated file passes:
// what it holds is good, and its missing end can be added later.
func (in input) verifyGzip() error {
	if in.readOnce() || in.member != nil && !in.rereadable {
		return nil // standard input and tar entries are read once
	}
	f, err := in.openRaw()
	if err != nil {
		return fmt.Errorf("opening %s: %w", in.name, unwrapPathError(err))
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if magic, _ := br.Peek(2); len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		if in.member == nil {
			return nil
		}
		// A zip entry's checksum is known only at its end: read it through
		// first, so that a damaged entry adds nothing.
		if _, err := io.Copy(io.Discard, br); err != nil {
			return fmt.Errorf("%s: damaged archive entry (%v): nothing of it was ingested; restore the archive from a good copy", in.name, err)
		}
		return nil
	}
	zr, err := gzip.NewReader(br)
	if err == nil {
		_, err = io.Copy(io.Discard, zr)
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: damaged gzip file (%v): nothing of it was ingested; restore it from a good copy", in.name, err)
	}
	return nil
}

// openRaw opens a file or an archive entry as stored (maybe gzipped).
func (in input) openRaw() (io.ReadCloser, error) {
	if in.member != nil {
		return in.member()
	}
	return os.Open(in.path)
}

// opened is an input opened for reading its content.
type opened struct {
	r      *bufio.Reader // decompressed content
	closer io.Closer
	gzip   bool
}

// open opens an input and decompresses it when its first bytes are gzip's
// magic number, whatever its name. raw, if not nil, sees the bytes as read
// from disk (for progress).
func (in input) open(stdin io.Reader, raw io.Writer) (*opened, error) {
	var src io.Reader
	var closer io.Closer = io.NopCloser(nil)
	if in.readOnce() {
		src = stdin
	} else {
		f, err := in.openRaw()
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", in.name, unwrapPathError(err))
		}
		src, closer = f, f
	}
	if raw != nil && in.member == nil { // an archive's progress is counted once it is read
		src = io.TeeReader(src, raw)
	}
	br := bufio.NewReaderSize(src, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			closer.Close()
			return nil, fmt.Errorf("opening %s: gzip: %w", in.name, err)
		}
		return &opened{r: bufio.NewReaderSize(zr, maxLine), closer: closer, gzip: true}, nil
	}
	if br.Size() < maxLine {
		br = bufio.NewReaderSize(br, maxLine)
	}
	return &opened{r: br, closer: closer}, nil
}
