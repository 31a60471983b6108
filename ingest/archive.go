package ingest

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Container kinds: an input of one of these is read as its entries, each
// entry detected and recorded in the ledger on its own (issue 7, item 4).
const (
	containerZip = "zip"
	containerTar = "tar" // plain or gzip-compressed (.tar.gz, .tgz)
)

var zipMagic = []byte("PK\x03\x04")

// tarMagic is at offset 257 of a POSIX (ustar) or GNU tar header.
const tarMagicOff = 257

func isTarHeader(b []byte) bool {
	return len(b) >= tarMagicOff+5 && bytes.Equal(b[tarMagicOff:tarMagicOff+5], []byte("ustar"))
}

// containerOf names the container a file is by its first bytes, whatever
// its name, or returns "" for anything else (a log, a .gz log).
func containerOf(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", p, unwrapPathError(err))
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	if bytes.HasPrefix(head, zipMagic) {
		return containerZip, nil
	}
	if isTarHeader(head) {
		return containerTar, nil
	}
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		return "", nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return "", nil // a damaged .gz: reading it as a file says so
	}
	inner := make([]byte, 512)
	n, _ := io.ReadFull(zr, inner)
	if isTarHeader(inner[:n]) {
		return containerTar, nil
	}
	return "", nil
}

// containerOnStdin says why an archive cannot be read from standard input:
// a zip's directory is at its end (it needs a file it can seek in), and an
// archive's entries are recorded by name, which a pipe would not give twice.
func containerOnStdin(in input, head []byte) error {
	if in.path != "" || in.member != nil {
		return nil
	}
	if bytes.HasPrefix(head, zipMagic) || isTarHeader(head) {
		return fmt.Errorf("%s: an archive (.zip, .tar, .tar.gz) cannot be read from standard input: save it to a file and ingest that", in.name)
	}
	return nil
}

// skippedEntry reports whether an archive entry is left out without being
// read or counted: hidden files and the resource forks macOS adds to zips,
// as hidden files are left out of folders.
func skippedEntry(name string) bool {
	for _, part := range strings.Split(path.Clean(strings.ReplaceAll(name, `\`, "/")), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." || part == "__MACOSX" {
			return true
		}
	}
	return false
}

// entryName is how an archive entry is shown and recorded: the archive's
// name, "!", and the entry's name as the archive gives it. Nothing is ever
// extracted to disk, so a name such as "../../etc/passwd" is only a name.
func entryName(archive, entry string) string { return archive + "!" + entry }

// readArchive reads every regular entry of an archive as an input of its
// own, and returns the archive's own summary: its skipped entries and, if
// it is damaged, why.
func (r *ingestRun) readArchive(ctx context.Context, in input, kind string, pp *pipe, sum *Summary) []warehouse.LedgerEntry {
	as := FileSummary{Name: in.name, Format: kind}
	var kept []warehouse.LedgerEntry
	one := func(m input) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		fs, entry := r.ingestOne(ctx, m, pp, nil)
		if fs.Format == "" && fs.Skipped > 0 {
			as.Skipped += fs.Skipped
		} else {
			sum.Files = append(sum.Files, fs)
		}
		if e := r.keep(entry); e != nil {
			kept = append(kept, *e)
		}
		return nil
	}
	var err error
	if kind == containerZip {
		err = eachZipEntry(in, one)
	} else {
		err = eachTarEntry(in, one)
	}
	if err != nil && ctx.Err() == nil {
		as.Err = err
	}
	r.prog.add(in.size)
	sum.Files = append(sum.Files, as)
	return kept
}

// eachZipEntry calls fn with every regular entry of a zip file. The zip is
// read in place (its directory, then each entry), never loaded whole.
func eachZipEntry(in input, fn func(input) error) error {
	zr, err := zip.OpenReader(in.path)
	if err != nil {
		return fmt.Errorf("%s: damaged zip archive (%v): nothing of it was ingested", in.name, err)
	}
	defer zr.Close()
	for _, f := range tellingFirst(zr.File) {
		if !f.Mode().IsRegular() || skippedEntry(f.Name) {
			continue
		}
		f := f
		m := input{name: entryName(in.name, f.Name), path: in.path, size: int64(f.UncompressedSize64), mod: f.Modified, rereadable: true,
			member: func() (io.ReadCloser, error) { return f.Open() }}
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// eachTarEntry calls fn with every regular entry of a tar file, plain or
// gzip-compressed, reading it as a stream. An entry is first read from the
// stream; opening it again (rare: see skipKnown) reads the archive again
// up to it.
func eachTarEntry(in input, fn func(input) error) error {
	tr, closer, err := openTar(in.path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", in.name, err)
	}
	defer closer.Close()
	for index := 0; ; index++ {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: damaged tar archive after %d entries (%v): the entries before are in; restore it from a good copy for the rest", in.name, index, err)
		}
		if !hdr.FileInfo().Mode().IsRegular() || skippedEntry(hdr.Name) {
			continue
		}
		first, at := true, index
		m := input{name: entryName(in.name, hdr.Name), path: in.path, size: hdr.Size, mod: hdr.ModTime,
			member: func() (io.ReadCloser, error) {
				if first {
					first = false
					return io.NopCloser(tr), nil
				}
				return openTarEntry(in.path, at)
			}}
		if err := fn(m); err != nil {
			return err
		}
	}
}

// openTar opens a tar file, decompressing it when it starts with gzip's
// magic number.
func openTar(p string) (*tar.Reader, io.Closer, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, unwrapPathError(err)
	}
	br := bufio.NewReaderSize(f, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return tar.NewReader(zr), f, nil
	}
	return tar.NewReader(br), f, nil
}

// openTarEntry reads a tar file again up to its entry at index.
func openTarEntry(p string, index int) (io.ReadCloser, error) {
	tr, closer, err := openTar(p)
	if err != nil {
		return nil, err
	}
	for i := 0; i <= index; i++ {
		if _, err := tr.Next(); err != nil {
			closer.Close()
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF // it was there a moment ago
			}
			return nil, fmt.Errorf("reading %s again: %w", p, err)
		}
	}
	return struct {
		io.Reader
		io.Closer
	}{tr, closer}, nil
}

// tellingFirst orders a zip's entries so that those of a kind that Tells
// (whose account, made when) come first, the others in their order. An
// X archive stores data/account.js after data/direct-messages.js.
func tellingFirst(files []*zip.File) []*zip.File {
	var first, rest []*zip.File
	for _, f := range files {
		if f.Mode().IsRegular() && !skippedEntry(f.Name) && zipEntryTells(f) {
			first = append(first, f)
		} else {
			rest = append(rest, f)
		}
	}
	return append(first, rest...)
}

func zipEntryTells(f *zip.File) bool {
	if f.UncompressedSize64 > 16<<20 {
		return false // an account or a manifest is small
	}
	rc, err := f.Open()
	if err != nil {
		return false // reading it in turn will say what is wrong
	}
	defer rc.Close()
	head := make([]byte, headLen)
	n, _ := io.ReadFull(rc, head)
	return tells(head[:n])
}
