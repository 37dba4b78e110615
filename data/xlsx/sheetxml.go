package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	pathpkg "path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The rows of a worksheet read straight from its XML. excelize decodes every cell through
// encoding/xml, token by token, which was a third of a large import (the province workbook's
// 21,370 rows: 0.8 s of its 2.7 s). This reader gives exactly what excelize's GetRows gives with
// RawCellValue for what our sheets and Excel's own files hold: numbers, shared and inline strings,
// formula results. Anything else (booleans, dates, error cells, character data sections, escaped
// control characters, an encoding other than UTF-8, text that is not valid XML, rows or cells out
// of order) makes it give up on that sheet, which excelize then reads as before; a test compares
// the two on workbooks of every kind of cell.

// errNotPlain is a sheet this reader leaves to excelize.
var errNotPlain = errors.New("not a plain sheet")

// rawBook is what a workbook's zip holds for the fast reader: its worksheets' XML by part name,
// and what names them.
type rawBook struct {
	parts map[string][]byte // workbook.xml, its relationships, worksheets and shared strings

	sheetPart map[string]string // sheet name → part ("xl/worksheets/sheet1.xml")
	sst       []string
	sstOK     bool
}

// keepPart tells whether the fast reader needs a part of the zip.
func keepPart(name string) bool {
	return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
		strings.HasPrefix(name, "xl/worksheets/sheet") || strings.HasPrefix(name, "xl/sharedStrings")
}

// index finds the sheets' parts and reads the shared strings. A workbook it cannot follow leaves
// sheetPart empty: every sheet is then read by excelize.
func (b *rawBook) index() {
	b.sheetPart = map[string]string{}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b.parts["xl/workbook.xml"], &wb) != nil || xml.Unmarshal(b.parts["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return
	}
	target := map[string]string{}
	sstPart := ""
	for _, r := range rels.Rels {
		if r.Mode == "External" {
			continue
		}
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			t = pathpkg.Clean("xl/" + r.Target)
		}
		target[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPart = t
		}
	}
	for _, sh := range wb.Sheets {
		for _, a := range sh.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if t, ok := target[a.Value]; ok && b.parts[t] != nil {
					b.sheetPart[sh.Name] = t
				}
			}
		}
	}
	if sstPart == "" {
		b.sstOK = true // no shared strings: a sheet that names one is not plain
		return
	}
	if part, ok := b.parts[sstPart]; ok {
		sst, err := readSharedStrings(part)
		b.sst, b.sstOK = sst, err == nil
	}
}

// rows reads a sheet's rows as excelize's GetRows with RawCellValue does, or says it cannot.
func (b *rawBook) rows(sheet string) ([][]string, error) {
	part, ok := b.sheetPart[sheet]
	if !ok || !b.sstOK {
		return nil, errNotPlain
	}
	return readSheetXML(b.parts[part], b.sst)
}

// sheetRows reads a sheet's rows: the fast way when the sheet is plain, excelize's otherwise.
func sheetRows(f *excelize.File, b *rawBook, sheet string) ([][]string, error) {
	if b != nil {
		if rows, err := b.rows(sheet); err == nil {
			return rows, nil
		}
	}
	return f.GetRows(sheet, excelize.Options{RawCellValue: true})
}

// xmlScanner walks the elements of an XML document of the SpreadsheetML kind.
type xmlScanner struct {
	b   []byte
	pos int
}

// tag is an element's start or end as the scanner met it.
type tag struct {
	name       string // local name, without a namespace prefix
	end        bool   // </name>
	selfClosed bool   // <name … />
	attrs      []byte // the attributes, raw
}

// next gives the next tag and the text before it (raw, with its entities). ok is false at the
// end of the document; err when it holds what this reader leaves to excelize.
func (s *xmlScanner) next() (text []byte, t tag, ok bool, err error) {
	for {
		lt := bytes.IndexByte(s.b[s.pos:], '<')
		if lt < 0 {
			return s.b[s.pos:], tag{}, false, nil
		}
		text = s.b[s.pos : s.pos+lt]
		s.pos += lt
		rest := s.b[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return nil, tag{}, false, errNotPlain
			}
			decl := rest[:end]
			if enc := bytes.Index(decl, []byte("encoding=")); enc >= 0 {
				v := bytes.ToLower(decl[enc+len("encoding="):])
				if !bytes.HasPrefix(v, []byte(`"utf-8"`)) && !bytes.HasPrefix(v, []byte(`'utf-8'`)) {
					return nil, tag{}, false, errNotPlain
				}
			}
			s.pos += end + 2
			if len(bytes.TrimSpace(text)) > 0 {
				return nil, tag{}, false, errNotPlain
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 || len(bytes.TrimSpace(text)) > 0 {
				return nil, tag{}, false, errNotPlain // text around a comment: left to excelize
			}
			s.pos += end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			return nil, tag{}, false, errNotPlain // CDATA, DOCTYPE
		}
		gt := tagEnd(rest)
		if gt < 0 {
			return nil, tag{}, false, errNotPlain
		}
		body := rest[1:gt]
		s.pos += gt + 1
		if bytes.IndexByte(body, '<') >= 0 {
			return nil, tag{}, false, errNotPlain
		}
		if len(body) > 0 && body[0] == '/' {
			t.end = true
			body = bytes.TrimSpace(body[1:])
		} else if len(body) > 0 && body[len(body)-1] == '/' {
			t.selfClosed = true
			body = body[:len(body)-1]
		}
		nameEnd := bytes.IndexAny(body, " \t\r\n")
		if nameEnd < 0 {
			nameEnd = len(body)
		}
		name := body[:nameEnd]
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if len(name) == 0 {
			return nil, tag{}, false, errNotPlain
		}
		t.name, t.attrs = internName(name), body[nameEnd:]
		return text, t, true, nil
	}
}

// tagEnd finds the '>' that ends the tag b starts with, past any quoted attribute value.
func tagEnd(b []byte) int {
	var quote byte
	for i, c := range b {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// internName gives the element names the reader compares without a new string each time.
func internName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "t":
		return "t"
	case "r":
		return "r"
	case "f":
		return "f"
	case "is":
		return "is"
	case "si":
		return "si"
	case "rPh":
		return "rPh"
	case "sheetData":
		return "sheetData"
	}
	return string(b)
}

// attr finds an attribute's value (raw) among a tag's, by its name without a prefix.
func attr(attrs []byte, name string) (string, bool) {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return "", false
		}
		key := bytes.TrimSpace(attrs[:eq])
		if c := bytes.IndexByte(key, ':'); c >= 0 {
			if string(key[:c]) == "xmlns" {
				key = nil
			} else {
				key = key[c+1:]
			}
		}
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return "", false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false
		}
		if string(key) == name {
			return string(rest[1 : 1+end]), true
		}
		attrs = rest[end+2:]
	}
	return "", false
}

// chardata decodes an element's text as encoding/xml does (entities, line ends), or says the
// text is left to excelize (unknown entities, characters XML does not allow, "_x000D_" escapes).
func chardata(raw []byte) (string, error) {
	if !utf8.Valid(raw) {
		return "", errNotPlain
	}
	plain := true
	for _, c := range raw {
		if c == '&' || c == '\r' || (c < 0x20 && c != '\t' && c != '\n') {
			plain = false
			break
		}
	}
	if plain && !bytes.Contains(raw, []byte("_x")) && !bytes.Contains(raw, []byte("\uFFFE")) && !bytes.Contains(raw, []byte("\uFFFF")) {
		return string(raw), nil
	}
	if bytes.Contains(raw, []byte("_x")) {
		return "", errNotPlain
	}
	var sb strings.Builder
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return "", errNotPlain
			}
			ent := string(raw[i+1 : i+semi])
			switch ent {
			case "amp":
				sb.WriteByte('&')
			case "lt":
				sb.WriteByte('<')
			case "gt":
				sb.WriteByte('>')
			case "quot":
				sb.WriteByte('"')
			case "apos":
				sb.WriteByte('\'')
			default:
				var n uint64
				var err error
				switch {
				case strings.HasPrefix(ent, "#x"):
					n, err = strconv.ParseUint(ent[2:], 16, 32)
				case strings.HasPrefix(ent, "#"):
					n, err = strconv.ParseUint(ent[1:], 10, 32)
				default:
					return "", errNotPlain
				}
				if err != nil || !xmlChar(rune(n)) {
					return "", errNotPlain
				}
				sb.WriteRune(rune(n))
			}
			i += semi + 1
		case c == '\r':
			sb.WriteByte('\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if !xmlChar(r) {
				return "", errNotPlain
			}
			sb.WriteRune(r)
			i += size
		}
	}
	return sb.String(), nil
}

// xmlChar is a character XML 1.0 allows in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// readSharedStrings reads the shared strings as excelize does: each item's own text, then its runs'
// (phonetic runs left out).
func readSharedStrings(b []byte) ([]string, error) {
	if !utf8.Valid(b) || bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		return nil, errNotPlain
	}
	s := &xmlScanner{b: b}
	var out []string
	var stack []string
	var own, run string
	var runs []string
	for {
		text, t, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			if len(stack) != 0 {
				return nil, errNotPlain
			}
			return out, nil
		}
		parent := ""
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		switch {
		case t.end:
			if parent != t.name {
				return nil, errNotPlain
			}
			stack = stack[:len(stack)-1]
			grand := ""
			if len(stack) > 0 {
				grand = stack[len(stack)-1]
			}
			switch {
			case t.name == "t" && (grand == "si" || grand == "r") && !inside(stack, "rPh"):
				v, err := chardata(text)
				if err != nil {
					return nil, err
				}
				if grand == "si" {
					own = v
				} else {
					run = v
				}
			case t.name == "r" && grand == "si":
				runs = append(runs, run)
			case t.name == "si":
				out = append(out, own+strings.Join(runs, ""))
			}
		default:
			if (len(bytes.TrimSpace(text)) > 0 && parent != "t") || parent == "t" {
				return nil, errNotPlain // text outside a <t>, or markup inside one
			}
			if t.name == "si" {
				own, runs = "", runs[:0]
				if t.selfClosed {
					out = append(out, "")
				}
			}
			if t.name == "r" {
				run = ""
			}
			if !t.selfClosed {
				stack = append(stack, t.name)
			}
		}
	}
}

func inside(stack []string, name string) bool {
	for _, s := range stack {
		if s == name {
			return true
		}
	}
	return false
}

// readSheetXML reads a worksheet's rows as excelize's GetRows with RawCellValue does.
func readSheetXML(b []byte, sst []string) ([][]string, error) {
	if !utf8.Valid(b) || bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		return nil, errNotPlain
	}
	s := &xmlScanner{b: b}
	var (
		results [][]string
		maxRow  int
		curRow  int
		inData  bool
		cells   []string
		cellCol int
		inCell  bool
		typ     string
		v       string
		hasV    bool
		hasF    bool
		inIS    bool
		isOwn   string
		isRun   string
		isRuns  []string
		isRPh   bool
		hasIS   bool
		depth   []string
	)
	for {
		text, t, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			if inData {
				return nil, errNotPlain
			}
			return results[:maxRow], nil
		}
		if !inData {
			if t.name == "sheetData" && !t.end {
				if t.selfClosed {
					return results[:maxRow], nil
				}
				inData = true
			}
			continue
		}
		if t.end {
			if len(depth) == 0 {
				if t.name != "sheetData" {
					return nil, errNotPlain
				}
				return results[:maxRow], nil
			}
			if depth[len(depth)-1] != t.name {
				return nil, errNotPlain
			}
			depth = depth[:len(depth)-1]
			switch t.name {
			case "row":
				if err := endRow(&results, &maxRow, curRow, cells); err != nil {
					return nil, err
				}
			case "c":
				var err error
				if cells, err = endCell(cells, cellCol, typ, v, hasV, hasF, hasIS, isOwn+strings.Join(isRuns, ""), sst); err != nil {
					return nil, err
				}
				inCell = false
			case "v":
				if !inCell || inIS || len(depth) == 0 || depth[len(depth)-1] != "c" {
					return nil, errNotPlain
				}
				if v, err = chardata(text); err != nil {
					return nil, err
				}
				hasV = true
			case "t":
				if inIS && !isRPh {
					x, err := chardata(text)
					if err != nil {
						return nil, err
					}
					if depth[len(depth)-1] == "is" {
						isOwn = x
					} else if depth[len(depth)-1] == "r" {
						isRun = x
					}
				}
			case "r":
				if inIS && !isRPh && depth[len(depth)-1] == "is" {
					isRuns = append(isRuns, isRun)
				}
			case "rPh":
				isRPh = false
			case "is":
				inIS = false
			}
			continue
		}
		if len(depth) > 0 && (depth[len(depth)-1] == "v" || depth[len(depth)-1] == "t") {
			return nil, errNotPlain // markup inside a value
		}
		if len(bytes.TrimSpace(text)) > 0 && (len(depth) == 0 || depth[len(depth)-1] != "f") {
			return nil, errNotPlain // text where excelize would not look
		}
		switch t.name {
		case "row":
			if len(depth) != 0 {
				return nil, errNotPlain
			}
			if r, ok := attr(t.attrs, "r"); ok {
				n, err := strconv.Atoi(r)
				if err != nil || n <= curRow || n > excelize.TotalRows {
					return nil, errNotPlain
				}
				curRow = n
			} else {
				curRow++
			}
			cells, cellCol = nil, 0
			if t.selfClosed {
				continue // an empty row: nothing to add
			}
		case "c":
			if len(depth) != 1 || depth[0] != "row" {
				return nil, errNotPlain
			}
			cellCol++
			if r, ok := attr(t.attrs, "r"); ok {
				col, row, err := excelize.CellNameToCoordinates(r)
				if err != nil || col < cellCol || row != curRow {
					return nil, errNotPlain
				}
				cellCol = col
			}
			typ, _ = attr(t.attrs, "t")
			v, hasV, hasF, hasIS, isOwn, isRuns, inCell = "", false, false, false, "", isRuns[:0], true
			if t.selfClosed {
				var err error
				if cells, err = endCell(cells, cellCol, typ, "", false, false, false, "", sst); err != nil {
					return nil, err
				}
				inCell = false
				continue
			}
		case "v":
			if !inCell || inIS {
				return nil, errNotPlain
			}
			if t.selfClosed {
				v, hasV = "", true
				continue
			}
		case "f":
			if !inCell || inIS {
				return nil, errNotPlain
			}
			hasF = true
			if t.selfClosed {
				continue
			}
		case "is":
			if !inCell {
				return nil, errNotPlain
			}
			hasIS, inIS = true, true
			if t.selfClosed {
				inIS = false
				continue
			}
		case "r":
			if inIS && !isRPh {
				isRun = ""
			}
			if t.selfClosed {
				if inIS && !isRPh && depth[len(depth)-1] == "is" {
					isRuns = append(isRuns, "")
				}
				continue
			}
		case "rPh":
			if inIS {
				isRPh = true
			}
			if t.selfClosed {
				isRPh = false
				continue
			}
		default:
			if t.selfClosed {
				continue
			}
		}
		depth = append(depth, t.name)
	}
}

// endCell adds a cell's value to its row as excelize does: blanks up to its column, and the value
// when it has one or a formula.
func endCell(cells []string, col int, typ, v string, hasV, hasF, hasIS bool, is string, sst []string) ([]string, error) {
	val := ""
	switch typ {
	case "s":
		if v != "" {
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 || i >= len(sst) {
				return nil, errNotPlain
			}
			val = sst[i]
		}
	case "str":
		val = v
	case "inlineStr":
		val = v
		if hasIS {
			val = is
		}
	case "b", "d": // booleans and dates: excelize's own ways
		return nil, errNotPlain
	default: // numbers, error values, and types excelize does not know: the value as written
		val = v
	}
	if val == "" && !hasF {
		return cells, nil
	}
	for i := len(cells) + 1; i < col; i++ {
		cells = append(cells, "")
	}
	return append(cells, val), nil
}

// endRow adds a row that has cells, after blank rows for the rows skipped.
func endRow(results *[][]string, maxRow *int, cur int, cells []string) error {
	if len(cells) == 0 {
		return nil
	}
	if gap := cur - *maxRow - 1; gap > 0 {
		*results = append(*results, make([][]string, gap)...)
	}
	*results = append(*results, cells)
	*maxRow = cur
	return nil
}
