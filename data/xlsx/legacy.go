package xlsx

import (
	"github.com/xuri/excelize/v2"

	"ketnghia/data/vntext"
)

// fontReader converts the text of cells typed in the old Vietnamese fonts: the cell's font (or,
// in a cell of several runs, each run's font) names the encoding; text in an ordinary font is
// converted only when it reads as legacy text and not as Vietnamese.
type fontReader struct {
	f      *excelize.File
	sheet  string
	styles map[int]vntext.Encoding
	fonts  bool // the workbook uses an old Vietnamese font somewhere
}

func newFontReader(f *excelize.File, sheet string) *fontReader {
	return &fontReader{f: f, sheet: sheet, styles: map[int]vntext.Encoding{}, fonts: legacyFonts(f)}
}

// legacyFonts reports whether any font of the workbook (of its cell styles, or of a run of rich
// text) is an old Vietnamese one. Without one, a cell's font need not be looked up, which would
// read its whole sheet a second time.
func legacyFonts(f *excelize.File) bool {
	f.GetStyle(0) // loads the styles
	if f.Styles != nil && f.Styles.Fonts != nil {
		for _, font := range f.Styles.Fonts.Font {
			if font != nil && font.Name != nil && font.Name.Val != nil && vntext.EncodingOfFont(*font.Name.Val) != vntext.Unicode {
				return true
			}
		}
	}
	if f.SharedStrings != nil {
		for _, si := range f.SharedStrings.SI {
			for _, r := range si.R {
				if r.RPr != nil && r.RPr.RFont != nil && r.RPr.RFont.Val != nil && vntext.EncodingOfFont(*r.RPr.RFont.Val) != vntext.Unicode {
					return true
				}
			}
		}
	}
	return false
}

// legacyish: text with a character an old encoding writes (Latin-1 letters and signs).
func legacyish(s string) bool {
	for _, r := range s {
		if r >= 0xA0 && r <= 0xFF {
			return true
		}
	}
	return false
}

// text returns a text cell's value in Unicode NFC, noting a conversion in the report.
func (fr *fontReader) text(cell, raw string, rep *Report) string {
	// Text typed in Unicode in a cell whose font is an old one ("Đã rà soát lại" in .VnTime) is
	// kept: converting it garbled it ("Đó rà soỏt lại").
	if !legacyish(raw) || vntext.HasUnicodeVietnamese(raw) {
		return raw
	}
	out, enc, guessed := raw, vntext.Unicode, false
	if !fr.fonts {
		enc, guessed = vntext.Guess(raw), true
		out = vntext.Decode(raw, enc)
	} else if runs, err := fr.f.GetCellRichText(fr.sheet, cell); err == nil && len(runs) > 1 {
		// Each run in its own font.
		text := ""
		for _, r := range runs {
			e := vntext.Unicode
			if r.Font != nil {
				e = vntext.EncodingOfFont(r.Font.Family)
			}
			if e == vntext.Unicode {
				var g bool
				e, g = fr.cellEncoding(cell, r.Text)
				guessed = guessed || g
			}
			d := vntext.Decode(r.Text, e)
			if e == vntext.Unicode || vntext.HasUnicodeVietnamese(r.Text) || vntext.ReadsWorse(d, r.Text) {
				text += r.Text
				continue
			}
			enc = e
			text += d
		}
		out = text
	} else {
		enc, guessed = fr.cellEncoding(cell, raw)
		out = vntext.Decode(raw, enc)
		if vntext.ReadsWorse(out, raw) {
			return raw // Unicode in an old font's cell: it reads as Vietnamese already
		}
	}
	if enc == vntext.Unicode || out == raw {
		return raw
	}
	rep.Converted = append(rep.Converted, Conversion{Sheet: fr.sheet, Cell: cell, Encoding: enc.String(), From: raw, To: out, Guessed: guessed})
	return out
}

// cellEncoding is the encoding the cell's font names, or the one its text reads as (guessed).
func (fr *fontReader) cellEncoding(cell, text string) (vntext.Encoding, bool) {
	if idx, err := fr.f.GetCellStyle(fr.sheet, cell); err == nil {
		e, ok := fr.styles[idx]
		if !ok {
			e = vntext.Unicode
			if st, err := fr.f.GetStyle(idx); err == nil && st != nil && st.Font != nil {
				e = vntext.EncodingOfFont(st.Font.Family)
			}
			fr.styles[idx] = e
		}
		if e != vntext.Unicode {
			return e, false
		}
	}
	return vntext.Guess(text), true
}
