package reports

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"boot.ketnghia/pdffonts"
	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/norm"

	"ketnghia/data"
)

// Page geometry, millimetres: A4 with the margins of HD 36-HD/VPTW (top 20, bottom 20, left 30,
// right 15).
const (
	pageW, pageH = 210.0, 297.0
	marginL      = 30.0
	marginR      = 15.0
	marginT      = 20.0
	marginB      = 20.0
	textW        = pageW - marginL - marginR

	bodySize  = 13.0
	tableSize = 10.5
	font      = pdffonts.Family
)

// Header is what the top of a report and its signature come from: the settings and the date the
// report is issued.
type Header struct {
	Settings data.Settings
	Date     data.Date
	Program  string // the program and its version, the file's Creator ("KetNghia 0.1.0"; "": "KetNghia")
	Fonts    *Fonts // the fonts made ahead (nil: made when the document starts)
	Number   string // the document's number before the settings' suffix ("": a blank to fill by hand)
	// Acceptance is where the year's figures stand (nil: the year has no submissions), printed
	// under the tables.
	Acceptance *Acceptance

	into *doc // a report made as an annex of a document (document.go): drawn into it, not alone
}

// doc is a report being written.
type doc struct {
	pdf      *gofpdf.Fpdf
	h        Header
	pageBase int // page numbers continue from another part (the meeting pack)

	// The layout (layout.go): where each block of the body began, the page breaks this layout
	// makes before blocks, those it asks of the next, and the first block of the current part.
	blocks    []block
	breaks    map[int]bool
	want      map[int]bool
	partStart int
	signs     bool // the part being drawn is the last: the signature follows it (closing)
	// wrapped are the cells of tables that were broken over lines though they are short enough
	// to be held on one (shortCell): what the layout test looks for.
	wrapped []string
	// annex is the number of the annex being drawn into a document (0: none): its report's own
	// header becomes the annex's title, its signature is the document's.
	annex      int
	annexStart []int // the first page of each annex drawn
	// The font in use, selected by font.
	fontStyle string
	fontSize  float64
}

// Fonts is a blank document with its fonts loaded, made ahead (NewFonts) while the data of a
// report is read: loading the four fonts is a sixth of a commune profile's time. The first
// document of the report takes it; any other is made as usual. For the report command the fonts
// began to load before the program had finished starting (pdffonts.Take gives that document).
type Fonts struct {
	once  sync.Once
	ready chan *gofpdf.Fpdf
}

// NewFonts starts making the fonts of a report's document.
func NewFonts() *Fonts {
	f := &Fonts{ready: make(chan *gofpdf.Fpdf, 1)}
	go func() { f.ready <- blankPDF() }()
	return f
}

// take gives the document made ahead to its first caller, a new one to any other.
func (f *Fonts) take() *gofpdf.Fpdf {
	var pdf *gofpdf.Fpdf
	if f != nil {
		f.once.Do(func() { pdf = <-f.ready })
	}
	if pdf == nil {
		pdf = blankPDF()
	}
	return pdf
}

// blankPDF is an A4 document with the margins of HD 36 and its fonts, before any page.
func blankPDF() *gofpdf.Fpdf {
	pdf := pdffonts.Take()
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.SetCellMargin(cellMargin)
	return pdf
}

func newDoc(h Header, title string) *doc {
	pdf := h.Fonts.take()
	// Deterministic files: the dates inside are the report's date, the catalogue is sorted.
	tm := time.Date(h.Date.Year(), h.Date.Month(), h.Date.Day(), 8, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(tm)
	pdf.SetModificationDate(tm)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false) // finish compresses the pages, all at once
	pdf.SetTitle(t(title), true)
	pdf.SetAuthor(t(h.Settings.IssuingBody), true)
	creator := "KetNghia"
	if h.Program != "" {
		creator = h.Program
	}
	pdf.SetCreator(t(creator), true)
	pdf.SetProducer("KetNghia", true)
	d := &doc{pdf: pdf, h: h}
	// HD 36: page numbers from the second page, centred in the top margin, 13 pt.
	pdf.SetHeaderFuncMode(func() {
		if n := pdf.PageNo() + d.pageBase; n > 1 {
			// The font in use is the one of the page before (AddPage selects it again after the
			// header, when the header's differs).
			if d.fontStyle != "" || d.fontSize != bodySize {
				pdf.SetFont(font, "", bodySize)
			}
			pdf.SetXY(marginL, 9)
			pdf.CellFormat(textW, 6, fmt.Sprint(n), "", 0, "C", false, 0, "")
		}
		pdf.SetXY(marginL, marginT)
	}, true)
	return d
}

// write finishes the document into w, or returns the first error met while drawing.
func (d *doc) write(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return err
	}
	out, err := finish(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// t puts text in NFC, as everything stored is, for the font's glyph lookup and for search.
func t(s string) string { return norm.NFC.String(s) }

// font selects the report's font in a style and size. gofpdf writes a selection into the page
// each time it is asked for one, even of the font in use (such lines were a fifth of a book's
// pages): the font in use is not asked for again. A new page starts with the font in use selected
// (AddPage selects it, and again after the header, which selects its own).
func (d *doc) font(style string, size float64) {
	if size == d.fontSize && style == d.fontStyle {
		return
	}
	d.pdf.SetFont(font, style, size)
	d.fontStyle, d.fontSize = style, size
}

// lineWidth sets the width of lines (mm) when it is not the one in use: gofpdf writes every width
// it is given into the page (a table's cells each set theirs: 18,000 lines of a book).
func (d *doc) lineWidth(w float64) {
	if d.pdf.GetLineWidth() != w {
		d.pdf.SetLineWidth(w)
	}
}

// lineH is the line height of a font size in millimetres (1,25 × the size).
func lineH(size float64) float64 { return size * 0.3528 * 1.25 }

// partyHeader draws the top of the first page: superior and issuing bodies with "*" and the number
// on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule and the place and date on the right, then
// "BÁO CÁO" and the subject.
func (d *doc) partyHeader(subject string) {
	pdf := d.pdf
	if d.annex > 0 {
		d.annexHeader(subject)
		return
	}
	d.topBlock(true)
	pdf.Ln(6)
	d.font("B", 16)
	pdf.CellFormat(textW, lineH(16), t("BÁO CÁO"), "", 1, "C", false, 0, "")
	d.font("B", 14)
	pdf.MultiCell(textW, lineH(14), t(subject), "", "C", false)
	y := pdf.GetY() + 1.5
	mid := marginL + textW/2
	d.lineWidth(0.2)
	pdf.Line(mid-12, y, mid+12, y)
	pdf.SetY(y + 5)
	if d.h.Settings.SampleData {
		d.notice("DỮ LIỆU MẪU: tên và mã đơn vị là thật; mọi số liệu khác là giả định, không dùng cho báo cáo thật.")
	}
}

// topBlock draws the two columns at the top of a first page or a cover: the superior and the
// issuing body with "*" (and the number line) on the left, the Party's name with its rule and the
// place and date on the right. It leaves the cursor below both.
func (d *doc) topBlock(number bool) {
	pdf, s := d.pdf, d.h.Settings
	const leftW, rightX = 72.0, 104.0
	rightW := pageW - marginR - rightX
	top := marginT
	pdf.SetXY(marginL, top)
	d.font("", 14)
	pdf.MultiCell(leftW, lineH(14), t(strings.ToUpper(s.SuperiorBody)), "", "C", false)
	d.font("B", 14)
	pdf.SetX(marginL)
	pdf.MultiCell(leftW, lineH(14), t(strings.ToUpper(s.IssuingBody)), "", "C", false)
	pdf.SetX(marginL)
	pdf.CellFormat(leftW, lineH(14), "*", "", 1, "C", false, 0, "")
	if number {
		d.font("", 14)
		pdf.SetX(marginL)
		pdf.CellFormat(leftW, lineH(14), t(d.h.numberLine()), "", 1, "C", false, 0, "")
	}
	leftEnd := pdf.GetY()

	pdf.SetXY(rightX, top)
	d.font("B", 15)
	party := t("ĐẢNG CỘNG SẢN VIỆT NAM")
	pdf.CellFormat(rightW, lineH(15), party, "", 1, "C", false, 0, "")
	ruleW := pdf.GetStringWidth(party)
	y := pdf.GetY() + 0.5
	d.lineWidth(0.3)
	pdf.Line(rightX+(rightW-ruleW)/2, y, rightX+(rightW+ruleW)/2, y)
	pdf.SetXY(rightX, y+2.5)
	d.font("I", 14)
	pdf.CellFormat(rightW, lineH(14), t(PlaceDate(s.Place, d.h.Date)), "", 1, "C", false, 0, "")
	pdf.SetY(max(leftEnd, pdf.GetY()))
}

// PlaceDate writes "Kon Tum, ngày 05 tháng 3 năm 2025": days below 10 and the months January and
// February with a leading zero (HD 36-HD/VPTW).
func PlaceDate(place string, d data.Date) string {
	month := fmt.Sprint(int(d.Month()))
	if d.Month() <= 2 {
		month = fmt.Sprintf("%02d", int(d.Month()))
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, d.Day(), month, d.Year())
}

// notice is a framed line in bold italics (the sample-data warning, a year without figures).
func (d *doc) notice(text string) {
	d.begin(false, lineH(11.5))
	d.font("BI", 11.5)
	d.pdf.SetX(marginL)
	d.pdf.MultiCell(textW, lineH(11.5), t(text), "1", "C", false)
	d.pdf.Ln(3)
}

// heading is a section heading: "I. TIẾN ĐỘ …" in bold.
func (d *doc) heading(text string) {
	d.needSpace(lineH(bodySize) * 7)
	d.begin(true, 0)
	d.pdf.Ln(2)
	d.font("B", bodySize)
	d.pdf.SetX(marginL)
	d.pdf.MultiCell(textW, lineH(bodySize), t(text), "", "L", false)
	d.pdf.Ln(1)
}

// subheading is a heading of a smaller part, in bold italics.
func (d *doc) subheading(text string) {
	d.needSpace(lineH(bodySize) * 4)
	d.begin(true, 0)
	d.font("BI", bodySize)
	d.pdf.SetX(marginL)
	d.pdf.MultiCell(textW, lineH(bodySize), t(text), "", "L", false)
	d.pdf.Ln(0.5)
}

// para is a paragraph of body text, justified, with the first line indented.
func (d *doc) para(text string) {
	d.begin(false, lineH(bodySize))
	d.font("", bodySize)
	d.pdf.SetX(marginL)
	d.pdf.MultiCell(textW, lineH(bodySize), t("        "+text), "", "J", false)
	d.pdf.Ln(1)
}

// remark is a note in italics, a size smaller than the body (how the figures are computed).
func (d *doc) remark(text string) {
	d.begin(false, lineH(12)+1)
	d.pdf.Ln(1)
	d.font("I", 12)
	d.pdf.SetX(marginL)
	d.pdf.MultiCell(textW, lineH(12), t(text), "", "J", false)
	d.pdf.Ln(1)
}

// bullet is a line of a list, hanging after its dash.
func (d *doc) bullet(text string) {
	d.begin(false, lineH(bodySize))
	d.font("", bodySize)
	d.pdf.SetX(marginL + 4)
	d.pdf.CellFormat(4, lineH(bodySize), "-", "", 0, "L", false, 0, "")
	d.pdf.MultiCell(textW-8, lineH(bodySize), t(text), "", "L", false)
}

// needSpace starts a new page when less than h millimetres are left on this one.
func (d *doc) needSpace(h float64) {
	if d.pdf.GetY()+h > pageH-marginB {
		d.pdf.AddPage()
	}
}

// signature draws "Nơi nhận:" on the left and the signer on the right, with the last lines of the
// body when it would start a page.
func (d *doc) signature() {
	if d.annex > 0 {
		return // the document's, once, before its annexes
	}
	d.acceptanceNote()
	pdf, s := d.pdf, d.h.Settings
	h := d.signatureHeight()
	d.keepWithEnd(h)
	d.needSpace(h)
	pdf.Ln(4)
	top := pdf.GetY()
	const rightX = 110.0
	rightW := pageW - marginR - rightX
	pdf.SetXY(rightX, top)
	d.font("B", 14)
	pdf.CellFormat(rightW, lineH(14), t(signing(s)), "", 1, "C", false, 0, "")
	pdf.SetX(rightX)
	pdf.CellFormat(rightW, lineH(14), t(strings.ToUpper(s.SignerTitle)), "", 1, "C", false, 0, "")
	pdf.SetXY(rightX, pdf.GetY()+22)
	pdf.CellFormat(rightW, lineH(14), t(s.SignerName), "", 1, "C", false, 0, "")
	signEnd := pdf.GetY()

	pdf.SetXY(marginL, top)
	d.font("BI", 12)
	pdf.CellFormat(70, lineH(12), t("Nơi nhận:"), "", 1, "L", false, 0, "")
	d.font("", 11)
	for _, line := range recipientLines(s) {
		pdf.SetX(marginL)
		pdf.MultiCell(72, lineH(11), t(line), "", "L", false)
	}
	pdf.SetY(max(signEnd, pdf.GetY()))
}

// column of a table.
type column struct {
	title string
	w     float64 // millimetres; the widths of a table add up to textW or less
	align string  // "L", "C", "R"
}

// table draws rows under a header that repeats on every page; a row never splits across pages and
// long text wraps inside its cell. bold marks rows (totals) drawn in bold.
func (d *doc) table(cs []column, rows [][]string, bold map[int]bool) {
	d.groupTable(cs, rows, bold, nil)
}

// groupTable is table with heading rows (heads): each one cell across the table, in bold on a
// light ground, kept on the page of the row after it.
func (d *doc) groupTable(cs []column, rows [][]string, bold, heads map[int]bool) {
	pdf := d.pdf
	const pad = 1.0
	lh := lineH(tableSize)
	body := rows
	if len(heads) > 0 {
		body = nil
		for i, r := range rows {
			if !heads[i] {
				body = append(body, r)
			}
		}
	}
	cs = d.fit(cs, body, pad)
	whole := []column{{w: 0, align: "L"}}
	for _, c := range cs {
		whole[0].w += c.w
	}
	d.font("B", tableSize)
	header := make([]string, len(cs))
	for i, c := range cs {
		header[i] = c.title
	}
	headerLines := d.rowLines(cs, header, pad)
	headerH := linesHeight(headerLines, lh, pad)
	drawHeader := func() {
		d.font("B", tableSize)
		pdf.SetFillColor(235, 235, 235)
		d.row(cs, header, headerLines, headerH, lh, pad, true, "C")
	}
	auto, _ := pdf.GetAutoPageBreak()
	pdf.SetAutoPageBreak(false, marginB)
	defer pdf.SetAutoPageBreak(auto, marginB)
	if pdf.GetY()+headerH+2*lh+2*pad > pageH-marginB {
		pdf.AddPage()
	}
	d.begin(false, 0) // the first row's block: the header goes with it
	drawHeader()
	for i, r := range rows {
		style := ""
		if bold[i] || heads[i] {
			style = "B"
		}
		d.font(style, tableSize)
		rcs := cs
		if heads[i] {
			rcs = whole
		}
		lines := d.rowLines(rcs, r, pad)
		h := linesHeight(lines, lh, pad)
		need := h
		if heads[i] && i+1 < len(rows) {
			d.font("", tableSize)
			need += d.rowHeight(cs, rows[i+1], lh, pad)
			d.font(style, tableSize)
		}
		if pdf.GetY()+need > pageH-marginB {
			pdf.AddPage()
			drawHeader()
			d.font(style, tableSize)
		}
		if i > 0 && d.begin(heads[i], 0) {
			drawHeader()
			d.font(style, tableSize)
		}
		if heads[i] {
			pdf.SetFillColor(245, 245, 245)
		}
		d.row(rcs, r, lines, h, lh, pad, heads[i], "")
	}
	pdf.Ln(3)
}

// cellMargin is gofpdf's margin inside a cell (mm).
const cellMargin = 1.0

// shortCell is the width (mm) under which a column's cells are held on one line when they can be:
// "Cấp tỉnh", "17/01/2024" and a three-digit row number read badly broken in two.
const shortCell = 26.0

// fit widens the columns whose words, or whose short cells (a row number, a day, "Cấp tỉnh", a
// commune's name: up to shortCell wide), do not fit on one line at the widths chosen, taking the
// room from the columns that have more than they need; the table keeps its width. When there is
// not room for every short cell, the words alone are made to fit; without room for those either,
// the widths stay.
func (d *doc) fit(cs []column, rows [][]string, pad float64) []column {
	words := make([]float64, len(cs)) // the longest word of each column
	short := make([]float64, len(cs)) // and its widest short cell
	d.font("", tableSize)
	for i := range cs {
		for _, r := range rows {
			if i >= len(r) {
				continue
			}
			for _, line := range strings.Split(t(r[i]), "\n") {
				if w := d.pdf.GetStringWidth(line); w <= shortCell {
					short[i] = max(short[i], w)
				}
				for _, w := range strings.Split(line, " ") { // not at a no-break space (split)
					words[i] = max(words[i], d.pdf.GetStringWidth(w))
				}
			}
		}
	}
	d.font("B", tableSize)
	for i, c := range cs {
		for _, w := range strings.Fields(t(c.title)) {
			words[i] = max(words[i], d.pdf.GetStringWidth(w))
		}
		// SplitText takes the cell margin off the width too.
		words[i] += 2*pad + 2*cellMargin + 0.5
		short[i] = max(words[i], short[i]+2*pad+2*cellMargin+0.5)
	}
	for _, need := range [][]float64{short, words} {
		deficit, slack := 0.0, 0.0
		for i, c := range cs {
			if need[i] > c.w {
				deficit += need[i] - c.w
			} else {
				slack += c.w - need[i]
			}
		}
		if deficit == 0 {
			return cs
		}
		if slack < deficit {
			continue
		}
		out := slices.Clone(cs)
		for i, c := range cs {
			if need[i] > c.w {
				out[i].w = need[i]
			} else {
				out[i].w = c.w - (c.w-need[i])*deficit/slack
			}
		}
		return out
	}
	return cs
}

func (d *doc) cellLines(text string, w, pad float64) []string {
	var out []string
	for _, part := range strings.Split(t(text), "\n") {
		lines := d.split(part, w-2*pad-2*cellMargin)
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, lines...)
	}
	return out
}

// split breaks a line of text into lines no wider than w (mm) at its spaces, as gofpdf's SplitText
// does, but never at a no-break space (U+00A0: "2,2 điểm %" is one unit), which SplitText takes
// for a space. A word wider than w is broken where it must.
func (d *doc) split(text string, w float64) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	space := d.pdf.GetStringWidth(" ")
	var lines []string
	line, lineW := "", 0.0
	for _, word := range strings.Split(text, " ") {
		ww := d.pdf.GetStringWidth(word)
		switch {
		case line == "" && ww <= w:
			line, lineW = word, ww
		case line != "" && lineW+space+ww <= w:
			line, lineW = line+" "+word, lineW+space+ww
		default:
			if line != "" {
				lines = append(lines, line)
			}
			line, lineW = "", 0
			for ww > w { // a word wider than the column: as many letters as fit on each line
				rs := []rune(word)
				n := 1
				for n < len(rs) && d.pdf.GetStringWidth(string(rs[:n+1])) <= w {
					n++
				}
				lines = append(lines, string(rs[:n]))
				word = string(rs[n:])
				ww = d.pdf.GetStringWidth(word)
			}
			line, lineW = word, ww
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// rowLines are the lines of each cell of a row in the columns cs, in the font in use: worked out
// once for the row's height and for its drawing.
func (d *doc) rowLines(cs []column, cells []string, pad float64) [][]string {
	out := make([][]string, len(cs))
	for i, c := range cs {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		out[i] = d.cellLines(text, c.w, pad)
	}
	return out
}

// linesHeight is the height of a row whose cells hold lines.
func linesHeight(lines [][]string, lh, pad float64) float64 {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return float64(n)*lh + 2*pad
}

func (d *doc) rowHeight(cs []column, cells []string, lh, pad float64) float64 {
	return linesHeight(d.rowLines(cs, cells, pad), lh, pad)
}

// row draws a row of cells, each as its lines (rowLines) say, h high.
func (d *doc) row(cs []column, cells []string, rowText [][]string, h, lh, pad float64, fill bool, align string) {
	pdf := d.pdf
	x, y := marginL, pdf.GetY()
	d.lineWidth(0.2)
	for i, c := range cs {
		style := "D"
		if fill {
			style = "FD"
		}
		pdf.Rect(x, y, c.w, h, style)
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		a := c.align
		if align != "" {
			a = align
		}
		lines := rowText[i]
		if !fill && len(lines) > 1 && !strings.Contains(text, "\n") && d.pdf.GetStringWidth(t(text)) <= shortCell {
			d.wrapped = append(d.wrapped, text)
		}
		for k, line := range lines {
			pdf.SetXY(x+pad, y+pad+float64(k)*lh)
			pdf.CellFormat(c.w-2*pad, lh, line, "", 0, a, false, 0, "")
		}
		x += c.w
	}
	if fill {
		// Back to the text's colour: while the fill's differs, gofpdf draws every piece of text
		// between a save and a restore of the colour (a quarter of a book's page content).
		pdf.SetFillColor(0, 0, 0)
	}
	pdf.SetXY(marginL, y+h)
}

// cols builds the columns of a table from titles, proportions of textW and alignments ("LCR…").
func cols(titles []string, parts []float64, aligns string) []column {
	total := 0.0
	for _, p := range parts {
		total += p
	}
	out := make([]column, len(titles))
	for i := range titles {
		out[i] = column{title: titles[i], w: parts[i] * textW / total, align: string(aligns[i])}
	}
	return out
}
