package xlsx

import (
	"archive/zip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ketnghia/data/datatest"
	"ketnghia/data/sample"
)

// bookOf writes a minimal workbook whose one sheet ("Trang 1") has the given sheetData body and
// whose shared strings are sst's items (no shared strings part when sst is "").
func bookOf(t testing.TB, sheetData, sst string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "b.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(out)
	put := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	sstRel, sstType := "", ""
	if sst != "" {
		sstRel = `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		sstType = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+sstType+`</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Trang 1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+sstRel+`</Relationships>`)
	put("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>`+sheetData+`</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return path
}

// bothReaders reads a workbook's sheet the fast way and excelize's way. fast is false when the
// fast reader left the sheet to excelize.
func bothReaders(t testing.TB, path, sheet string) (ours, theirs [][]string, fast bool) {
	t.Helper()
	_, raw, err := checkZip(path)
	if err != nil {
		t.Fatal(err)
	}
	raw.index()
	ours, err = raw.rows(sheet)
	fast = err == nil
	if err != nil && err != errNotPlain {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	theirs, err = f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil && fast {
		t.Fatalf("excelize refuses what the fast reader read: %v", err)
	}
	return ours, theirs, fast
}

func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func TestFastSheetReaderReadsAsExcelizeDoes(t *testing.T) {
	sst := `<si><t>Xã Hà Mòn</t></si><si><t xml:space="preserve"> hai  </t></si><si><r><t>Thôn </t></r><r><rPr><b/></rPr><t>Kon Klor</t></r></si>` +
		`<si><t>gốc</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si/><si><t>a &amp; b &lt;c&gt; &#7897;&#x1EA1;</t></si><si><t>dòng 1&#13;&#10;dòng 2` + "\r\n" + `dòng 3</t></si>`
	cases := []struct {
		name, data string
		fast       bool
	}{
		{"numbers and shared strings", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c><c r="D1" t="s"><v> 2 </v></c></row><row r="3"><c r="C3" t="s"><v>1</v></c></row>`, true},
		{"rows and cells without references", `<row><c t="s"><v>0</v></c><c/><c><v>3</v></c></row><row><c t="s"><v>3</v></c></row>`, true},
		{"a blank row between", `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" s="3"/></row><row r="4"><c r="B4"><v>2</v></c></row>`, true},
		{"a trailing row of blank cells", `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v></v></c></row>`, true},
		{"inline strings, runs and phonetic runs", `<row r="1"><c r="A1" t="inlineStr"><is><t>một</t></is></c><c r="B1" t="inlineStr"><is><r><t>h</t></r><r><t>ai</t></r><rPh><t>x</t></rPh></is></c><c r="C1" t="inlineStr"><is/></c></row>`, true},
		{"formulas with and without values", `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D1"><f>SUM(A1:B1)</f></c><c r="E1"><f t="shared" si="0"/></c></row>`, true},
		{"entities and line ends", `<row r="1"><c r="A1" t="s"><v>5</v></c><c r="B1" t="s"><v>6</v></c><c r="C1" t="str"><v>x` + "\r" + `y</v></c></row>`, true},
		{"rich text, blank items and the phonetic guide", `<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>4</v></c></row>`, true},
		{"namespace prefixes", `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>`, true},
		{"error values", `<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c><c r="B1" t="n"><v>7</v></c></row>`, true},
		{"booleans are left to excelize", `<row r="1"><c r="A1" t="b"><v>1</v></c></row>`, false},
		{"dates are left to excelize", `<row r="1"><c r="A1" t="d"><v>2024-01-17</v></c></row>`, false},
		{"rows out of order are left to excelize", `<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`, false},
		{"cells out of order are left to excelize", `<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row>`, false},
		{"a shared string past the end is left to excelize", `<row r="1"><c r="A1" t="s"><v>99</v></c></row>`, false},
		{"escaped control characters are left to excelize", `<row r="1"><c r="A1" t="str"><v>a_x000D_b</v></c></row>`, false},
		{"character data sections are left to excelize", `<row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]></v></c></row>`, false},
		{"an unknown entity is left to excelize", `<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>`, false},
		{"no rows", ``, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ours, theirs, fast := bothReaders(t, bookOf(t, c.data, sst), "Trang 1")
			if fast != c.fast {
				t.Fatalf("fast reader used: %v, want %v (%v)", fast, c.fast, ours)
			}
			if fast && !sameRows(ours, theirs) {
				t.Errorf("fast reader read %q, excelize %q", ours, theirs)
			}
		})
	}
}

// A workbook excelize itself writes, with every kind of value our sheets and a clerk's hold, reads
// the same both ways, and fast.
func TestFastSheetReaderReadsExcelizeWorkbooks(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	words := []string{"Xã Hà Mòn", "a & b", "<thẻ>", "dòng\nhai", " cách ", "1.234", "0012", "=A1", "Đắk Tô", ""}
	for round := range 20 {
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		rows := 1 + r.IntN(40)
		for row := 1; row <= rows; row++ {
			if r.IntN(6) == 0 {
				continue // a gap
			}
			var vals []any
			for range r.IntN(8) {
				switch r.IntN(5) {
				case 0:
					vals = append(vals, words[r.IntN(len(words))])
				case 1:
					vals = append(vals, r.IntN(100000))
				case 2:
					vals = append(vals, r.Float64()*1000)
				case 3:
					vals = append(vals, nil)
				default:
					vals = append(vals, excelize.Cell{Formula: "1+1"})
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, vals); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		// And cells set one by one (shared strings), some as rich text.
		f.NewSheet("Hai")
		for i := range 30 {
			cell, _ := excelize.CoordinatesToCellName(1+r.IntN(5), 1+r.IntN(20))
			if i%7 == 0 {
				f.SetCellRichText("Hai", cell, []excelize.RichTextRun{{Text: "Thôn "}, {Text: words[r.IntN(len(words))], Font: &excelize.Font{Bold: true}}})
			} else {
				f.SetCellValue("Hai", cell, words[r.IntN(len(words))])
			}
		}
		path := filepath.Join(t.TempDir(), fmt.Sprintf("r%d.xlsx", round))
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []string{"Sheet1", "Hai"} {
			ours, theirs, fast := bothReaders(t, path, sheet)
			if !fast {
				t.Fatalf("round %d, %s: the fast reader left a workbook excelize wrote to excelize", round, sheet)
			}
			if !sameRows(ours, theirs) {
				t.Fatalf("round %d, %s: fast reader read\n%q\nexcelize\n%q", round, sheet, ours, theirs)
			}
		}
	}
}

// FuzzFastSheetReader: whatever a sheet holds, the fast reader reads it as excelize does or leaves
// it to excelize; it never reads it otherwise.
func FuzzFastSheetReader(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>`,
		`<row><c t="inlineStr"><is><r><t>h</t></r></is></c><c><f>1</f></c></row>`,
		`<row r="2"><c r="B2" t="str"><v>a&amp;b` + "\r\n" + `</v></c></row><row r="5"/>`,
		`<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c></x:row>`,
	} {
		f.Add(s, `<si><t>một</t></si><si><r><t>h</t></r><r><t>ai</t></r></si>`)
	}
	f.Fuzz(func(t *testing.T, data, sst string) {
		if strings.Contains(data, "</sheetData>") || strings.Contains(sst, "</sst>") {
			return
		}
		path := bookOf(t, data, sst)
		f, err := excelize.OpenFile(path)
		if err != nil {
			return
		}
		theirs, terr := f.GetRows("Trang 1", excelize.Options{RawCellValue: true})
		f.Close()
		_, raw, err := checkZip(path)
		if err != nil {
			return
		}
		raw.index()
		ours, err := raw.rows("Trang 1")
		if err != nil {
			return // left to excelize
		}
		if terr != nil {
			t.Fatalf("excelize refuses (%v) what the fast reader read as %q", terr, ours)
		}
		if !sameRows(ours, theirs) {
			t.Fatalf("fast reader read\n%q\nexcelize\n%q", ours, theirs)
		}
	})
}

// Every sheet of the whole province's workbook as we export it is read the fast way, and as
// excelize reads it.
func TestFastSheetReaderReadsOurWorkbook(t *testing.T) {
	ctx := context.Background()
	s := datatest.MustOpen(t)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "all.xlsx")
	if _, err := Export(ctx, s, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	f.Close()
	for _, sheet := range sheets {
		ours, theirs, fast := bothReaders(t, path, sheet)
		if !fast {
			t.Errorf("sheet %q was left to excelize", sheet)
		}
		if !sameRows(ours, theirs) {
			t.Errorf("sheet %q: the fast reader read %d rows, excelize %d, not the same", sheet, len(ours), len(theirs))
		}
	}
}

// BenchmarkSheetReaders reads the province workbook's largest sheet (10,078 reviews) both ways.
func BenchmarkSheetReaders(b *testing.B) {
	ctx := context.Background()
	s := datatest.MustOpen(b)
	if err := sample.Load(ctx, s, sample.Province, 1); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "all.xlsx")
	if _, err := Export(ctx, s, path, "units", "reviews"); err != nil {
		b.Fatal(err)
	}
	const sheet = "Số liệu rà soát"
	b.Run("fast", func(b *testing.B) {
		_, raw, err := checkZip(path)
		if err != nil {
			b.Fatal(err)
		}
		raw.index()
		for b.Loop() {
			if rows, err := raw.rows(sheet); err != nil || len(rows) < 10000 {
				b.Fatal(len(rows), err)
			}
		}
	})
	b.Run("excelize", func(b *testing.B) {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		for b.Loop() {
			if rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true}); err != nil || len(rows) < 10000 {
				b.Fatal(len(rows), err)
			}
		}
	})
}
