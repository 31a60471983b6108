// Package queries holds cmpulse's SQL, one query per .sql file, embedded in
// the binary. Each file starts with a comment that says what it computes and
// the definition of its metric (SPEC.md, "What each number means").
//
// An analyst can change a metric without rebuilding: [Set] with a folder
// reads the files from there instead, falling back to the embedded ones for
// files the folder does not have.
package queries

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.sql
var embedded embed.FS

// Set is where queries are read from.
type Set struct {
	dir string // "" for the embedded files only
}

// New returns the queries of the binary, overridden by the .sql files in
// dir when dir is not "".
func New(dir string) *Set { return &Set{dir: dir} }

// Get returns the text of the query called name (the file name without .sql).
func (s *Set) Get(name string) (string, error) {
	file := name + ".sql"
	if s.dir != "" {
		b, err := os.ReadFile(filepath.Join(s.dir, file))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("reading query %s: %w", name, err)
		}
	}
	b, err := embedded.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("no query named %s", name)
	}
	return string(b), nil
}

// Path says where the query called name is read from, for error messages:
// the file in the override folder when it has one, else the embedded file.
func (s *Set) Path(name string) string {
	file := name + ".sql"
	if s.dir != "" {
		p := filepath.Join(s.dir, file)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "queries/" + file + " (built in)"
}

// Names lists the embedded queries.
func Names() []string {
	m, _ := fs.Glob(embedded, "*.sql")
	for i := range m {
		m[i] = m[i][:len(m[i])-len(".sql")]
	}
	return m
}
