package ingest

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"testing"
)

// TestFunctionLength: the functions of ingest.go and sink.go stay under
// about 60 lines (STYLE.md), so that each says one thing.
func TestFunctionLength(t *testing.T) {
	fset := gotoken.NewFileSet()
	for _, file := range []string{"ingest.go", "sink.go"} {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line
			if n > 60 {
				t.Errorf("%s: %s is %d lines", file, fd.Name.Name, n)
			}
		}
	}
}
