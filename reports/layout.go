package reports

import (
	"io"
	"maps"
	"strings"
)

// A report is laid out, then laid out again when its end needs it: the signature never starts a
// page alone but takes the last lines of the body with it, and the last page of a part (a report,
// a commune's profile in the book) holds a few lines of its body rather than the last word of a
// paragraph ("50%)" alone on page 80 of the 2024 book). gofpdf draws at once and cannot take a
// line back, so the first layout notes where each block of the body (a paragraph, a line of a
// list, a heading, a row of a table, a chart) began, and where a page break must come earlier;
// the next layout breaks the page there.

// minTail is the body a part's last page holds at least (mm): four lines of text.
var minTail = 4 * lineH(bodySize)

// sigBody is the body the signature keeps with it when it would start a page (mm): two lines.
var sigBody = 2 * lineH(bodySize)

// block is where a block of the body began.
type block struct {
	page int
	y    float64
	head bool // a heading: it goes with the block after it
}

// begin starts a block: a page break first when the layout asks for one here, then its place is
// noted. It reports whether it broke the page (a table then draws its header again).
func (d *doc) begin(head bool) bool {
	n := len(d.blocks)
	broke := false
	if d.breaks[n] && d.pdf.GetY() > marginT+1 {
		d.pdf.AddPage()
		broke = true
	}
	d.blocks = append(d.blocks, block{page: d.pdf.PageNo(), y: d.pdf.GetY(), head: head})
	return broke
}

// startPart marks the start of a part: its first block is never moved away from its start.
func (d *doc) startPart() { d.partStart = len(d.blocks) }

// endPart asks, when the part's last page holds less than minTail of its body, that the page break
// before it come earlier, so that enough of the body goes over with the end.
func (d *doc) endPart() {
	page := d.pdf.PageNo()
	if d.partStart >= len(d.blocks) || d.blocks[d.partStart].page == page {
		return // the part is on one page
	}
	if tail := d.pdf.GetY() - marginT; tail < minTail {
		d.moveTail(page-1, pageH-marginB, minTail-tail, pageH-marginT-marginB-tail)
	}
}

// keepWithEnd asks, when a closing block of height h (the signature) would start a page alone,
// that the last lines of the body go over with it.
func (d *doc) keepWithEnd(h float64) {
	if d.pdf.GetY()+h <= pageH-marginB {
		return
	}
	d.moveTail(d.pdf.PageNo(), d.pdf.GetY(), sigBody, pageH-marginT-marginB-h)
}

// moveTail asks for a page break before the latest block on page that moves at least need (mm) of
// the body to the next page, and at most room: the body on page ends at bottom. A heading goes
// with the block after it; the part's first block never moves.
func (d *doc) moveTail(page int, bottom, need, room float64) {
	for k := len(d.blocks) - 1; k > d.partStart; k-- {
		b := d.blocks[k]
		if b.page > page {
			continue
		}
		if b.page < page {
			return
		}
		moved := bottom - b.y
		if moved < need {
			continue
		}
		for k-1 > d.partStart && d.blocks[k-1].head && d.blocks[k-1].page == page {
			k--
			moved = bottom - d.blocks[k].y
		}
		if moved <= room && !d.breaks[k] {
			if d.want == nil {
				d.want = map[int]bool{}
			}
			d.want[k] = true
		}
		return
	}
}

// render lays a report out with body, again as long as a layout asks for page breaks the one
// before did not have (at most three times: a break moves blocks on, never back), and writes the
// last layout.
func render(w io.Writer, h Header, title string, body func(d *doc) error) error {
	d, err := layOut(h, title, body)
	if err != nil {
		return err
	}
	return d.write(w)
}

// laidOut, when set (by tests), sees each report's last layout.
var laidOut func(d *doc)

// layOut is render without the writing.
func layOut(h Header, title string, body func(d *doc) error) (*doc, error) {
	breaks := map[int]bool{}
	for pass := 0; ; pass++ {
		d := newDoc(h, title)
		d.breaks = breaks
		if err := body(d); err != nil {
			return nil, err
		}
		if len(d.want) == 0 || pass == 3 {
			if laidOut != nil {
				laidOut(d)
			}
			return d, nil
		}
		breaks = maps.Clone(breaks)
		maps.Copy(breaks, d.want)
	}
}

// signatureHeight is the height of the signature block (mm): the space before it and the taller of
// its two columns, the recipients on the left, the signer on the right.
func (d *doc) signatureHeight() float64 {
	right := 3*lineH(14) + 22
	d.font("", 11)
	left := lineH(12)
	for _, r := range d.recipients() {
		left += float64(max(1, len(d.pdf.SplitText(t("- "+r+","), 72)))) * lineH(11)
	}
	return 4 + max(left, right)
}

// recipients are the "Nơi nhận" of the settings, with the office's file copy last when the list
// has none.
func (d *doc) recipients() []string {
	recipients := append([]string{}, d.h.Settings.Recipients...)
	for _, r := range recipients {
		if strings.HasPrefix(r, "Lưu") {
			return recipients
		}
	}
	return append(recipients, "Lưu Văn phòng")
}
