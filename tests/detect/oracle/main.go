// Command oracle reports what Go's own libraries see in source files, as JSON, so that the
// Python detector's tests can compare their readings with the real thing.
//
//	oracle tokens FILE...   go/scanner's tokens of each file
//	oracle files FILE...    package clause, imports, build match, func main, top-level values
//	oracle dirs DIR...      go/build's view of each directory for linux/amd64 with cgo
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

type tok struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	Line int    `json:"line"`
}

type imp struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

type value struct {
	Kind    string   `json:"kind"` // var or const
	Names   []string `json:"names"`
	Type    string   `json:"type"`
	NValues int      `json:"nvalues"`
	Line    int      `json:"line"`
}

type fileFacts struct {
	Path     string  `json:"path"`
	Package  string  `json:"package"`
	Imports  []imp   `json:"imports"`
	Match    bool    `json:"match"`
	MainLine int     `json:"main_line"`
	Values   []value `json:"values"`
	Error    string  `json:"error,omitempty"`
}

type dirFacts struct {
	Dir           string   `json:"dir"`
	Name          string   `json:"name"`
	GoFiles       []string `json:"go_files"`
	CgoFiles      []string `json:"cgo_files"`
	EmbedPatterns []string `json:"embed_patterns"`
	Error         string   `json:"error,omitempty"`
}

func context() build.Context {
	ctxt := build.Default
	ctxt.GOOS = "linux"
	ctxt.GOARCH = "amd64"
	ctxt.CgoEnabled = true
	return ctxt
}

func tokens(path string) []tok {
	src, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(path, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, scanner.ScanComments)
	out := []tok{}
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			return out
		}
		kind := "OP"
		switch {
		case t == token.SEMICOLON:
			kind = "SEMI"
			if lit == "" {
				lit = ";"
			}
		case t.IsKeyword():
			kind = "KEYWORD"
		case t.IsLiteral() || t == token.COMMENT || t == token.ILLEGAL:
			kind = t.String()
		}
		if lit == "" {
			lit = t.String()
		}
		out = append(out, tok{kind, lit, fset.Position(pos).Line})
	}
}

func files(path string) fileFacts {
	facts := fileFacts{Path: path, Imports: []imp{}, Values: []value{}}
	ctxt := context()
	match, err := ctxt.MatchFile(filepath.Dir(path), filepath.Base(path))
	facts.Match = match && err == nil
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		facts.Error = err.Error()
		f, err = parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return facts
		}
	}
	facts.Package = f.Name.Name
	for _, spec := range f.Imports {
		p := strings.Trim(spec.Path.Value, "\"`")
		facts.Imports = append(facts.Imports, imp{p, fset.Position(spec.Path.Pos()).Line})
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == "main" && d.Recv == nil && d.Type.TypeParams == nil {
				facts.MainLine = fset.Position(d.Pos()).Line
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR && d.Tok != token.CONST {
				continue
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				v := value{Kind: d.Tok.String(), NValues: len(vs.Values), Line: fset.Position(vs.Pos()).Line}
				for _, n := range vs.Names {
					v.Names = append(v.Names, n.Name)
				}
				if vs.Type != nil {
					v.Type = exprText(fset, vs.Type)
				}
				facts.Values = append(facts.Values, v)
			}
		}
	}
	return facts
}

func exprText(fset *token.FileSet, e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return exprText(fset, t.X) + "." + t.Sel.Name
	case *ast.StarExpr:
		return "*" + exprText(fset, t.X)
	case *ast.ArrayType:
		if t.Len == nil {
			return "[]" + exprText(fset, t.Elt)
		}
	}
	return "?"
}

func dirs(dir string) dirFacts {
	ctxt := context()
	facts := dirFacts{Dir: dir, GoFiles: []string{}, CgoFiles: []string{}, EmbedPatterns: []string{}}
	pkg, err := ctxt.ImportDir(dir, 0)
	if err != nil {
		facts.Error = err.Error()
	}
	if pkg != nil {
		facts.Name = pkg.Name
		facts.GoFiles = append(facts.GoFiles, pkg.GoFiles...)
		facts.CgoFiles = append(facts.CgoFiles, pkg.CgoFiles...)
		facts.EmbedPatterns = append(facts.EmbedPatterns, pkg.EmbedPatterns...)
	}
	return facts
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: oracle tokens|files|dirs PATH...")
		os.Exit(2)
	}
	enc := json.NewEncoder(os.Stdout)
	for _, path := range os.Args[2:] {
		var err error
		switch os.Args[1] {
		case "tokens":
			err = enc.Encode(tokens(path))
		case "files":
			err = enc.Encode(files(path))
		case "dirs":
			err = enc.Encode(dirs(path))
		}
		if err != nil {
			panic(err)
		}
	}
}
