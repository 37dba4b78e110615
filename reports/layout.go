package reports

import (
	"io"
	"maps"
	"strings"

	"ketnghia/data"
)

// A report is laid out, then laid out again when its end needs it: the signature never starts a
// page alone but takes the last lines of the body with it, and the last page of a part (a report,
// a commune's profile in the book) holds a few lines of its body rather than the last word of a
// paragraph ("50%)" alone on page 80 of the 2024 book). gofpdf draws at once and cannot take a
// line back, so the first layout notes where each block of the body (a paragraph, a line of a
// list, a heading, a row of a table, a chart) began, and where a page break must come earlier;
// the next layout breaks the page there.

// minTail is the body a part's last page holds at least (mm): three lines of text (a heading and
// a paragraph of two lines ends a part well; "50%)" alone did not).
var minTail = 3 * lineH(bodySize)

// sigBody is the body the signature keeps with it when it would start a page (mm): two lines.
var sigBody = 2 * lineH(bodySize)

// block is where a block of the body began.
type block struct {
	page int
	y    float64
	head bool // a heading: it goes with the block after it
}

// begin starts a block whose first line is first high (mm): a page break first when the layout
// asks for one here, or when that line would not fit (gofpdf would break the page inside the block
// and it would be noted on the page before), then its place is noted. It reports whether it broke
// the page (a table then draws its header again).
func (d *doc) begin(head bool, first float64) bool {
	n := len(d.blocks)
	broke := false
	if (d.breaks[n] || d.pdf.GetY()+first > pageH-marginB) && d.pdf.GetY() > marginT+1 {
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
		d.endPart() // it fits: the page holds enough of the body with it
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
			// The break comes earlier: those this layout made after it, in the same end, go.
			for j := k + 1; j < len(d.blocks); j++ {
				if d.breaks[j] {
					d.want[j] = false
				}
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
	if h.into != nil {
		return body(h.into) // an annex of a document (document.go)
	}
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
		breaks = nextBreaks(breaks, d.want)
	}
}

// nextBreaks are the page breaks of the next layout: those of this one, with the ones it asks for
// (want true) and without the ones it moves earlier (want false).
func nextBreaks(breaks, want map[int]bool) map[int]bool {
	next := maps.Clone(breaks)
	for k, add := range want {
		if add {
			next[k] = true
		} else {
			delete(next, k)
		}
	}
	return next
}

// signatureHeight is the height of the signature block (mm): the space before it and the taller of
// its two columns, the recipients on the left, the signer on the right.
func (d *doc) signatureHeight() float64 {
	right := 3*lineH(14) + 22
	d.font("", 11)
	left := lineH(12)
	for _, r := range recipientLines(d.h.Settings) {
		left += float64(max(1, len(d.pdf.SplitText(t(r), 72)))) * lineH(11)
	}
	return 4 + max(left, right)
}

// recipients are the "Nơi nhận" of the settings, with the office's file copy last when the list
// has none.
func (d *doc) recipients() []string { return recipientsOf(d.h.Settings) }

// recipientsOf are the settings' recipients, with the office's own copy ("Lưu Văn phòng") when
// they keep none.
func recipientsOf(s data.Settings) []string {
	recipients := append([]string{}, s.Recipients...)
	for _, r := range recipients {
		if strings.HasPrefix(r, "Lưu") {
			return recipients
		}
	}
	return append(recipients, "Lưu Văn phòng")
}

// recipientLines are the lines under "Nơi nhận:", each after a dash, a comma between them and a
// full stop at the end.
func recipientLines(s data.Settings) []string {
	rs := recipientsOf(s)
	out := make([]string, len(rs))
	for i, r := range rs {
		end := ","
		if i == len(rs)-1 {
			end = "."
		}
		out[i] = "- " + r + end
	}
	return out
}

// signing is the line above the signer's title: the committee's, or a deputy's for the head.
func signing(s data.Settings) string {
	if s.SignerOnBehalfOf {
		return "K/T TRƯỞNG BAN"
	}
	return "T/M BAN CHỈ ĐẠO"
}

// numberLine is the number line under the issuing body: "Số 12-BC/BCĐ", or with a blank to fill
// by hand when the document has no number yet.
func (h Header) numberLine() string {
	number := h.Number
	if number == "" {
		number = "       "
	}
	return "Số " + number + h.Settings.NumberPrefix
}

// ending is a block of the text that ends a part: a heading ('h'), a subheading ('s'), a
// paragraph ('p') or a line of a list ('b').
type ending struct {
	kind byte
	text string
}

// closing draws the blocks that end a part, having first laid them out on paper: when they would
// leave the part's last page with less than minTail of its body, the page breaks earlier, before
// the latest of them that takes enough over with it. The book's profiles end so: planned, most
// need no second layout. (A plan that misjudges a line is caught by endPart as any other end.)
func (d *doc) closing(blocks []ending) {
	bottom := pageH - marginB
	heights := make([]float64, len(blocks)) // each block's height, and the room it asks before it
	keeps := make([]float64, len(blocks))
	for i, b := range blocks {
		switch b.kind {
		case 'h':
			keeps[i], heights[i] = lineH(bodySize)*7, 3+d.linesOf(b.text, "B", textW)*lineH(bodySize)
		case 's':
			keeps[i], heights[i] = lineH(bodySize)*4, 0.5+d.linesOf(b.text, "BI", textW)*lineH(bodySize)
		case 'p':
			heights[i] = 1 + d.linesOf("        "+b.text, "", textW)*lineH(bodySize)
		default:
			heights[i] = d.linesOf(b.text, "", textW-8) * lineH(bodySize)
		}
	}
	// lay lays the blocks out from here with a page break before block brk (-1: none): the page
	// they end on (0: this one) and where.
	lay := func(brk int) (int, float64) {
		page, y := 0, d.pdf.GetY()
		for i, h := range heights {
			if y+keeps[i] > bottom || (i == brk && y > marginT) {
				page, y = page+1, marginT
			}
			for y+h > bottom { // a paragraph goes on over the page
				h -= max(0, bottom-y)
				page, y = page+1, marginT
			}
			y += h
		}
		return page, y
	}
	earlier := len(d.blocks) > d.partStart && d.blocks[d.partStart].page < d.pdf.PageNo()
	sigH := 0.0
	if d.signs {
		sigH = d.signatureHeight()
	}
	good := func(page int, y float64) bool {
		return (page == 0 && !earlier || y-marginT >= minTail) && y+sigH <= bottom
	}
	if !good(lay(-1)) {
		for j := len(blocks) - 1; j >= 0; j-- {
			if j > 0 && (blocks[j-1].kind == 'h' || blocks[j-1].kind == 's') {
				continue // a heading goes with what follows it
			}
			if j == 0 && len(d.blocks) == d.partStart {
				break // the part's first block stays where the part starts
			}
			if good(lay(j)) {
				if d.breaks == nil {
					d.breaks = map[int]bool{}
				}
				d.breaks[len(d.blocks)+j] = true
				break
			}
		}
	}
	for _, b := range blocks {
		switch b.kind {
		case 'h':
			d.heading(b.text)
		case 's':
			d.subheading(b.text)
		case 'p':
			d.para(b.text)
		default:
			d.bullet(b.text)
		}
	}
}

// linesOf is the number of lines text takes in a width (mm) in the body's size and a style.
func (d *doc) linesOf(text, style string, w float64) float64 {
	d.font(style, bodySize)
	return float64(max(1, len(d.split(t(text), w-2*cellMargin))))
}
