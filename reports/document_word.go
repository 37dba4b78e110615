package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"

	"ketnghia/data"
)

// The Word form of a committee's whole report, for an office to edit in Word or LibreOffice: the
// same header table, Times New Roman 14 pt body, A4 with HD 36's margins (top and bottom 20 mm,
// left 30, right 15) and page numbers from the second page, centred at the top. The annexes are
// the program's own reports, with maps and charts: the Word file names them and the PDF holds
// them.

const (
	wordFont = "Times New Roman"
	twipMM   = 56.7 // twips in a millimetre
)

func twips(mm float64) int { return int(mm*twipMM + 0.5) }

// DocumentWord writes the draft as a Word document.
func DocumentWord(w io.Writer, in Input, dr data.Draft) error {
	doc, err := godocx.NewDocument()
	if err != nil {
		return err
	}
	h := DocumentHeader(in.Header, dr)
	s := h.Settings
	wd := wordDoc{doc}
	wd.page()

	// The header table: the bodies and the number on the left, the Party's name and the date on
	// the right.
	top := doc.AddTable()
	left, right := twips(72), twips(pageW-marginL-marginR-72)
	top.Width(left+right, stypes.TableWidthDxa).Grid(uint64(left), uint64(right))
	row := top.AddRow()
	lc, rc := row.AddCell().Width(left, stypes.TableWidthDxa), row.AddCell().Width(right, stypes.TableWidthDxa)
	wd.cellLine(lc, strings.ToUpper(s.SuperiorBody), 14, "", stypes.JustificationCenter)
	wd.cellLine(lc, strings.ToUpper(s.IssuingBody), 14, "B", stypes.JustificationCenter)
	wd.cellLine(lc, "*", 14, "", stypes.JustificationCenter)
	wd.cellLine(lc, h.numberLine(), 14, "", stypes.JustificationCenter)
	wd.cellLine(rc, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, "BU", stypes.JustificationCenter)
	wd.cellLine(rc, PlaceDate(s.Place, h.Date), 14, "I", stypes.JustificationCenter)

	wd.line("", 14, "", stypes.JustificationCenter, 0)
	wd.line("BÁO CÁO", 16, "B", stypes.JustificationCenter, 0)
	wd.line(DocumentSubject(dr), 14, "B", stypes.JustificationCenter, 0)
	wd.line("-----", 14, "", stypes.JustificationCenter, 120)
	if s.SampleData {
		wd.line("DỮ LIỆU MẪU: tên và mã đơn vị là thật; mọi số liệu khác là giả định, không dùng cho báo cáo thật.", 12, "BI", stypes.JustificationCenter, 120)
	}

	for _, sec := range dr.Sections {
		if sec.Level > 0 {
			wd.line(sec.Title, 14, "B", stypes.JustificationLeft, 60)
		}
		for _, p := range sec.Paragraphs {
			for _, line := range paragraphLines(p.Text) {
				wd.para(line)
			}
		}
	}
	if len(dr.Annexes) > 0 {
		line := annexList(dr.Annexes, func(int) string { return "" })
		wd.line(line+" (các phụ lục in từ tệp PDF của báo cáo).", 12, "I", stypes.JustificationBoth, 120)
	}

	// The signature: "Nơi nhận:" on the left, the signer on the right.
	sign := doc.AddTable()
	sl, sr := twips(80), twips(pageW-marginL-marginR-80)
	sign.Width(sl+sr, stypes.TableWidthDxa).Grid(uint64(sl), uint64(sr))
	row = sign.AddRow()
	lc, rc = row.AddCell().Width(sl, stypes.TableWidthDxa), row.AddCell().Width(sr, stypes.TableWidthDxa)
	wd.cellLine(lc, "Nơi nhận:", 12, "BI", stypes.JustificationLeft)
	for _, line := range recipientLines(s) {
		wd.cellLine(lc, line, 11, "", stypes.JustificationLeft)
	}
	wd.cellLine(rc, signing(s), 14, "B", stypes.JustificationCenter)
	wd.cellLine(rc, strings.ToUpper(s.SignerTitle), 14, "B", stypes.JustificationCenter)
	for range 4 {
		wd.cellLine(rc, "", 14, "", stypes.JustificationCenter)
	}
	wd.cellLine(rc, s.SignerName, 14, "B", stypes.JustificationCenter)

	if err := wd.pageNumbers(); err != nil {
		return err
	}
	_, err = doc.WriteTo(w)
	return err
}

type wordDoc struct{ *docx.RootDoc }

// page sets A4 and HD 36's margins, the page number's header 9 mm from the top.
func (wd wordDoc) page() {
	width, height := uint64(twips(pageW)), uint64(twips(pageH))
	top, bottom, left, right, header, footer := twips(marginT), twips(marginB), twips(marginL), twips(marginR), twips(9), twips(10)
	wd.Document.Body.SectPr = &ctypes.SectionProp{
		PageSize:   &ctypes.PageSize{Width: &width, Height: &height},
		PageMargin: &ctypes.PageMargin{Top: &top, Bottom: &bottom, Left: &left, Right: &right, Header: &header, Footer: &footer},
	}
}

// pageNumbers adds the header that holds the page number, and shows it from the second page.
func (wd wordDoc) pageNumbers() error {
	const part = "word/header1.xml"
	xml := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
		`<w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:rFonts w:ascii="` + wordFont + `" w:hAnsi="` + wordFont + `" w:cs="` + wordFont + `"/><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>`
	wd.FileMap.Store(part, []byte(xml))
	if err := wd.ContentType.AddOverride("/"+part, "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"); err != nil {
		return err
	}
	id := fmt.Sprintf("rId%d", wd.Document.IncRelationID())
	wd.Document.DocRels.Relationships = append(wd.Document.DocRels.Relationships, &docx.Relationship{
		ID: id, Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header", Target: "header1.xml"})
	sp := wd.Document.Body.SectPr
	sp.HeaderReference = &ctypes.HeaderReference{Type: stypes.HdrFtrDefault, ID: id}
	on := stypes.OnOffTrue
	sp.TitlePg = &ctypes.GenSingleStrVal[stypes.OnOff]{Val: on} // the first page has none
	return nil
}

// line is a paragraph of one run: size in points, style letters B, I, U.
func (wd wordDoc) line(text string, size uint64, style string, jc stypes.Justification, after uint64) {
	p := wd.AddEmptyParagraph()
	p.Justification(jc)
	p.Spacing(0, after)
	styled(p.AddText(text), size, style)
}

// para is a paragraph of the body: justified, first line indented 1 cm, 6 pt after.
func (wd wordDoc) para(text string) {
	p := wd.AddEmptyParagraph()
	p.Justification(stypes.JustificationBoth)
	first := uint64(twips(10))
	p.Indent(&ctypes.Indent{FirstLine: &first})
	p.Spacing(0, 120)
	styled(p.AddText(text), 14, "")
}

func (wd wordDoc) cellLine(c *docx.Cell, text string, size uint64, style string, jc stypes.Justification) {
	p := c.AddEmptyPara()
	p.Justification(jc)
	p.Spacing(0, 0)
	styled(p.AddText(text), size, style)
}

func styled(r *docx.Run, size uint64, style string) {
	r.Font(wordFont).Size(size)
	if strings.Contains(style, "B") {
		r.Bold(true)
	}
	if strings.Contains(style, "I") {
		r.Italic(true)
	}
	if strings.Contains(style, "U") {
		r.Underline(stypes.UnderlineSingle)
	}
}
