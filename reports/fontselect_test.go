package reports_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// TestAFontIsSelectedOnlyWhenItChanges: a page's content does not select the font in use again (a
// fifth of a book's page content was such lines, each written, copied and compressed), in every
// kind of report, but for the one selection gofpdf's AddPage makes after the page's header
// whatever the font.
func TestAFontIsSelectedOnlyWhenItChanges(t *testing.T) {
	stream := regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	selection := regexp.MustCompile(`^BT /F\w+ [\d.]+ Tf ET$`)
	for _, kind := range []string{"commune", "communes", "progress", "exit", "twinning", "villages"} {
		pdf := build(t, kind, kontum(t))
		pages, again := 0, 0 // again: beyond the one a page may have
		for _, m := range stream.FindAllSubmatchIndex(pdf, -1) {
			n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
			r, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
			if err != nil {
				continue // not a zlib stream: a font's
			}
			content, err := io.ReadAll(r)
			if err != nil || !bytes.Contains(content, []byte(" Tf ET")) {
				continue
			}
			pages++
			inUse, first := "", true
			for _, line := range bytes.Split(content, []byte("\n")) {
				if !selection.Match(line) {
					continue
				}
				if string(line) == inUse {
					if !first {
						again++
					}
					first = false
				}
				inUse = string(line)
			}
		}
		if pages == 0 || again > 0 {
			t.Errorf("%s: %d pages, the font in use selected again %d times", kind, pages, again)
		}
	}
}
