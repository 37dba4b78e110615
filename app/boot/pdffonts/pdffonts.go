// Package pdffonts makes the reports' PDF documents with their four fonts loaded and, for a report
// command, starts loading them before the rest of the program has started.
//
// Loading the fonts (gofpdf reads each face whole and describes all its glyphs) takes ~15 ms of a
// processor, a commune profile's seventh. Go initialises packages in the order of their import
// paths, each after what it imports (Go 1.21+): this package sorts before fyne.io/… and imports
// only gofpdf and the fonts, which import only the standard library, so its init runs before Fyne's
// and the other libraries' start-up code (~30 ms on one processor), and the fonts are loaded on the
// other processor meanwhile. A module of its own (required with a replace directive in the
// project's go.mod) only to have that path, as the rest of boot.ketnghia.
package pdffonts

import (
	"os"
	"strings"
	"sync"

	// Started first, so that the collector's start pace is set before the fonts load: after the
	// heap is laid in huge pages (its collection leaves a 4 MB goal), the fonts' 10 MB otherwise
	// started a collection now and then before startgc's own init ran.
	_ "boot.ketnghia/startgc"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"
)

// Family is the name the reports select their font by.
const Family = "serif"

// early is the document whose fonts are loaded while the program starts.
var early struct {
	once  sync.Once
	ready chan *gofpdf.Fpdf
}

func init() {
	if LoadsEarly(os.Args[1:]) {
		early.ready = make(chan *gofpdf.Fpdf, 1)
		go func() { early.ready <- New() }()
	}
}

// LoadsEarly tells the program's arguments for which the fonts are loaded as the program starts:
// those of a command that writes a PDF report ("report KIND …"), not its help and not the
// committee's report written as a Word document.
func LoadsEarly(args []string) bool {
	if len(args) < 2 || args[0] != "report" {
		return false
	}
	for _, a := range args[1:] {
		if a == "-h" || a == "-help" || a == "--help" || strings.HasSuffix(strings.ToLower(a), ".docx") {
			return false
		}
	}
	return true
}

// New is an A4 document measured in millimetres, with the four faces of Liberation Serif (metric-
// compatible with Times New Roman) as Family: regular, bold, italic and bold italic.
func New() *gofpdf.Fpdf {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(Family, "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes(Family, "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes(Family, "I", liberationserifitalic.TTF)
	pdf.AddUTF8FontFromBytes(Family, "BI", liberationserifbolditalic.TTF)
	return pdf
}

// Take gives the document loaded while the program started to its first caller, and a new one
// (New) to any other caller or when none was started.
func Take() *gofpdf.Fpdf {
	var pdf *gofpdf.Fpdf
	if early.ready != nil {
		early.once.Do(func() { pdf = <-early.ready })
	}
	if pdf == nil {
		pdf = New()
	}
	return pdf
}
