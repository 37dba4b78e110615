package reports_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// TestAPageSetsOnlyWhatChanges: a page's content does not select the font in use again, nor the
// line width in use, and draws text inside a save and restore of its colour only where the colour
// in use is another (a filled cell's): such lines were nearly half of a book's page content, each
// written, copied and compressed. gofpdf's AddPage selects the font once more after the header,
// whatever it is: one a page is allowed.
func TestAPageSetsOnlyWhatChanges(t *testing.T) {
	stream := regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	selection := regexp.MustCompile(`^BT /F\w+ [\d.]+ Tf ET$`)
	width := regexp.MustCompile(`^[\d.]+ w$`)
	text := regexp.MustCompile(`Tj ET( Q)?$`)
	for _, kind := range []string{"commune", "communes", "progress", "exit", "twinning", "villages"} {
		pdf := build(t, kind, kontum(t))
		pages, fonts, widths, texts, wrapped := 0, 0, 0, 0, 0
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
			font, lineWidth, first := "", "", true
			for _, line := range bytes.Split(content, []byte("\n")) {
				switch s := string(line); {
				case selection.MatchString(s):
					if s == font {
						if !first {
							fonts++
						}
						first = false
					}
					font = s
				case width.MatchString(s):
					if s == lineWidth {
						widths++
					}
					lineWidth = s
				case text.MatchString(s):
					texts++
					if bytes.HasPrefix(line, []byte("q ")) {
						wrapped++
					}
				}
			}
		}
		if pages == 0 || fonts > 0 || widths > 0 || wrapped*4 > texts {
			t.Errorf("%s: %d pages; the font in use selected again %d times, the line width in use set again %d times; %d of %d pieces of text drawn inside a save of the colour", kind, pages, fonts, widths, wrapped, texts)
		}
	}
}
