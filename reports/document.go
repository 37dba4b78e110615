package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"ketnghia/data"
)

// Document is a committee's whole report from its draft: the HD 36 header, the sections in their
// order (the prompts of sections a person has not written are never printed), the signature, then
// the annexes chosen (the program's own reports, each from a new page under "PHỤ LỤC n"), numbered
// through; the body lists the annexes with the page each starts on. in.Year is the draft's last
// year, the year of its annexes.
func Document(w io.Writer, in Input, dr data.Draft) error {
	d, err := layOutDocument(in, dr)
	if err != nil {
		return err
	}
	return d.write(w)
}

// layOutDocument lays the document out until the annexes' first pages, which the body names, stay
// where the body said (the list is the same length either way) and no page break moves.
func layOutDocument(in Input, dr data.Draft) (*doc, error) {
	var starts []int
	breaks := map[int]bool{}
	for pass := 0; ; pass++ {
		d, err := drawDocument(in, dr, starts, breaks)
		if err != nil {
			return nil, err
		}
		if (slices.Equal(d.annexStart, starts) && len(d.want) == 0) || pass == 4 {
			if laidOut != nil {
				laidOut(d)
			}
			return d, nil
		}
		starts = d.annexStart
		breaks = nextBreaks(breaks, d.want)
	}
}

// DocumentHeader is a header with the draft's own number, place, date, signer and recipients over
// the settings' (a field the draft leaves empty keeps the settings').
func DocumentHeader(h Header, dr data.Draft) Header {
	if dr.Place != "" {
		h.Settings.Place = dr.Place
	}
	if dr.SignerName != "" {
		h.Settings.SignerName = dr.SignerName
	}
	if len(dr.Recipients) > 0 {
		h.Settings.Recipients = dr.Recipients
	}
	if !dr.Dated.IsZero() {
		h.Date = dr.Dated
	}
	h.Number = dr.Number
	return h
}

// DocumentSubject is the subject line: the draft's own, or one made from its kind and period.
func DocumentSubject(dr data.Draft) string {
	if s := strings.TrimSpace(dr.Subject); s != "" {
		return s
	}
	what := "Kết quả thực hiện"
	switch dr.Kind {
	case data.DraftMidTerm:
		what = "Sơ kết thực hiện"
	case data.DraftFinal:
		what = "Tổng kết thực hiện"
	}
	return fmt.Sprintf("%s Nghị quyết số 04-NQ/TU về xã đặc biệt khó khăn và Chỉ thị về xây dựng thôn, làng nông thôn mới vùng đồng bào dân tộc thiểu số %s", what, dr.Period())
}

func drawDocument(in Input, dr data.Draft, starts []int, breaks map[int]bool) (*doc, error) {
	in.Header = DocumentHeader(in.Header, dr)
	d := newDoc(in.Header, dr.Title())
	d.breaks = breaks
	d.pdf.AddPage()
	d.partyHeader(DocumentSubject(dr))
	for _, s := range dr.Sections {
		switch s.Level {
		case 0:
		case 1:
			d.heading(s.Title)
		default:
			d.subheading(s.Title)
		}
		for _, p := range s.Paragraphs {
			for _, line := range paragraphLines(p.Text) {
				d.para(line)
			}
		}
	}
	if len(dr.Annexes) > 0 {
		d.remark(annexList(dr.Annexes, func(i int) string {
			if i < len(starts) {
				return fmt.Sprintf(" (trang %d)", starts[i])
			}
			return " (trang …)"
		}) + ".")
	}
	d.signature()
	in.Year = dr.ToYear
	in.into = d
	for i, code := range dr.Annexes {
		d.annex = i + 1
		if i > 0 {
			d.endPart() // the annex before keeps enough of itself on its last page
		}
		k, ok := KindOf(code)
		if !ok || k.Annex == "" {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "annexes", Msg: fmt.Sprintf("Phụ lục %q không phải một báo cáo in kèm được; hãy bỏ nó khỏi bản thảo.", code)}
		}
		if err := k.Build(io.Discard, in); err != nil {
			// An annex the data cannot make (no rule set for the year …) says why in its place.
			d.pdf.AddPage()
			d.annexHeader(AnnexName(code))
			d.para(data.Message(err))
		}
	}
	if len(dr.Annexes) > 0 {
		d.endPart()
	}
	d.annex = 0
	return d, nil
}

// paragraphLines are the printed paragraphs of a paragraph's text: each line a person broke it into,
// without the empty ones.
func paragraphLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// annexList is the line that names the annexes: "Kèm theo báo cáo: Phụ lục 1: … ; Phụ lục 2: …",
// each followed by what where says of it (its page).
func annexList(annexes []string, where func(i int) string) string {
	parts := make([]string, len(annexes))
	for i, code := range annexes {
		parts[i] = fmt.Sprintf("Phụ lục %d: %s%s", i+1, AnnexName(code), where(i))
	}
	return "Kèm theo báo cáo: " + strings.Join(parts, "; ")
}

// AnnexName is how the body, the Word file and the screen name an annex.
func AnnexName(code string) string {
	if k, ok := KindOf(code); ok && k.Annex != "" {
		return k.Annex
	}
	return code
}

// annexHeader starts an annex: "PHỤ LỤC n" and its subject, centred, and under them what it goes
// with; its first page is noted for the body's list and the bookmarks.
func (d *doc) annexHeader(subject string) {
	pdf := d.pdf
	d.annexStart = append(d.annexStart, pdf.PageNo()+d.pageBase)
	pdf.Bookmark(t(fmt.Sprintf("Phụ lục %d", d.annex)), 0, -1)
	d.font("B", 14)
	pdf.CellFormat(textW, lineH(14), t(fmt.Sprintf("PHỤ LỤC %d", d.annex)), "", 1, "C", false, 0, "")
	pdf.MultiCell(textW, lineH(14), t(subject), "", "C", false)
	d.font("I", 13)
	with := "(Kèm theo Báo cáo"
	if d.h.Number != "" {
		with += " số " + d.h.Number + d.h.Settings.NumberPrefix
	}
	pdf.MultiCell(textW, lineH(13), t(with+" "+PlaceDate("", d.h.Date)[2:]+")"), "", "C", false)
	pdf.Ln(4)
	d.startPart()
}
