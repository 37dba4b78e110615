package window

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
)

// Every character the window's texts hold is in the program's own fonts: a sign the fonts lack
// (✔, ✖, ⚠, ≥) makes the window look through the system's fonts and load one whole (DejaVu:
// ~14 MB of memory on the dashboard for two signs), and on another PC it may be drawn as a box.
func TestEveryCharacterShownIsInTheProgramsFonts(t *testing.T) {
	var faces []*font.Face
	for _, res := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultTextItalicFont(), theme.DefaultSymbolFont()} {
		ld, err := opentype.NewLoader(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatal(err)
		}
		f, err := font.NewFont(ld)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, font.NewFace(f))
	}
	has := func(r rune) bool {
		for _, f := range faces {
			if _, ok := f.NominalGlyph(r); ok {
				return true
			}
		}
		return false
	}
	var files []string
	for _, root := range []string{".", "../jobs", "../../data"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	missing := map[rune]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_windows.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0) // comments left out: never shown
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, r := range s {
				if r >= 0x20 && r != 0x7f && !nonCharacter(r) && !has(r) {
					missing[r] = fset.Position(lit.Pos()).String()
				}
			}
			return true
		})
	}
	for r, at := range missing {
		t.Errorf("%U %q (%s) is in none of the program's fonts", r, r, at)
	}
}

// nonCharacter: a code point never drawn (U+FFFE, U+FFFF of each plane, U+FDD0–FDEF), which a
// check of text may name.
func nonCharacter(r rune) bool { return r&0xFFFE == 0xFFFE || (r >= 0xFDD0 && r <= 0xFDEF) }
