package reports

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// gofpdf writes a file that a reader opens but that says less than it should, and compresses each
// page with a compressor made for it (a megabyte zeroed per page of a 300-page book: a fifth of the
// book's time). finish rewrites what gofpdf wrote, object by object:
//   - the streams it left plain (the pages: the document asks gofpdf for none) are compressed, on
//     every core, each worker reusing its compressor;
//   - the catalogue names the language of the text, /Lang (vi-VN), for screen readers, search and
//     hyphenation;
//   - each embedded font is named by its PostScript name with the tag of a subset (ABCDEF+), as
//     the standard asks of a font of which only the glyphs used are embedded;
//
// then writes a new cross-reference table. The result is the same bytes for the same input.

var (
	plainStream = regexp.MustCompile(`^(\d+) 0 obj\n<</Length (\d+)>>\nstream\n`)
	fontName    = regexp.MustCompile(`/(BaseFont|FontName) /utf8` + font + `(BI|B|I)?\b`)
	catalog     = []byte("/Type /Catalog\n")
	postScript  = map[string]string{"": "LiberationSerif", "B": "LiberationSerif-Bold", "I": "LiberationSerif-Italic", "BI": "LiberationSerif-BoldItalic"}
)

// pdfObject is one object of the file: where it starts and ends in the input, and what replaces it.
type pdfObject struct {
	num        int
	start, end int
	out        []byte
}

func finish(in []byte) ([]byte, error) {
	xrefAt := bytes.LastIndex(in, []byte("\nxref\n"))
	if xrefAt < 0 {
		return nil, fmt.Errorf("finish: no cross-reference table")
	}
	xrefAt++
	trailerAt := bytes.Index(in[xrefAt:], []byte("trailer\n"))
	startAt := bytes.LastIndex(in, []byte("startxref\n"))
	if trailerAt < 0 || startAt < 0 {
		return nil, fmt.Errorf("finish: no trailer")
	}
	trailerAt += xrefAt
	lines := bytes.Split(in[xrefAt:trailerAt], []byte("\n"))
	if len(lines) < 3 {
		return nil, fmt.Errorf("finish: short cross-reference table")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil || first != 0 || len(lines) < count+2 {
		return nil, fmt.Errorf("finish: cross-reference table of another shape")
	}
	var objs []pdfObject
	for i := 1; i < count; i++ {
		off, err := strconv.Atoi(string(lines[2+i][:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("finish: object %d at %q", i, lines[2+i])
		}
		objs = append(objs, pdfObject{num: i, start: off})
	}
	slices.SortFunc(objs, func(a, b pdfObject) int { return a.start - b.start })
	for i := range objs {
		objs[i].end = xrefAt
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		}
	}
	tag := subsetTag(in)

	// The streams to compress, shared out among the workers; the rest is edited here.
	var plain []int
	for i := range objs {
		o := &objs[i]
		body := in[o.start:o.end]
		if m := plainStream.FindSubmatch(body); m != nil {
			plain = append(plain, i)
			continue
		}
		head := body
		if k := bytes.Index(body, []byte("\nstream\n")); k >= 0 {
			head = body[:k]
		}
		edited := fontName.ReplaceAllFunc(head, func(m []byte) []byte {
			sub := fontName.FindSubmatch(m)
			return []byte(fmt.Sprintf("/%s /%s+%s", sub[1], tag, postScript[string(sub[2])]))
		})
		if k := bytes.Index(edited, catalog); k >= 0 {
			edited = slices.Concat(edited[:k+len(catalog)], []byte("/Lang (vi-VN)\n"), edited[k+len(catalog):])
		}
		if !bytes.Equal(edited, head) {
			o.out = slices.Concat(edited, body[len(head):])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(plain)/8))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			z, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for k := w; k < len(plain); k += workers {
				o := &objs[plain[k]]
				body := in[o.start:o.end]
				m := plainStream.FindSubmatch(body)
				n, _ := strconv.Atoi(string(m[2]))
				data := body[len(m[0]):]
				if len(data) < n || !bytes.HasPrefix(data[n:], []byte("\nendstream")) {
					errs[w] = fmt.Errorf("finish: stream of object %d is not %d bytes long", o.num, n)
					return
				}
				buf.Reset()
				z.Reset(&buf)
				z.Write(data[:n])
				if err := z.Close(); err != nil {
					errs[w] = err
					return
				}
				out := make([]byte, 0, buf.Len()+len(body)-n)
				out = fmt.Appendf(out, "%s 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", m[1], buf.Len())
				out = append(out, buf.Bytes()...)
				o.out = append(out, data[n:]...)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}

	out := make([]byte, 0, len(in))
	out = append(out, in[:objs[0].start]...)
	offsets := make([]int, count)
	for _, o := range objs {
		offsets[o.num] = len(out)
		if o.out != nil {
			out = append(out, o.out...)
		} else {
			out = append(out, in[o.start:o.end]...)
		}
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for i := 1; i < count; i++ {
		out = fmt.Appendf(out, "%010d 00000 n \n", offsets[i])
	}
	out = append(out, in[trailerAt:startAt]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out, nil
}

// subsetTag is the six capital letters that name the fonts' subsets of a document: from its
// content, so that the same report gives the same file.
func subsetTag(in []byte) string {
	sum := sha256.Sum256(in)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
