// Package exchange carries the work of one office to another on a USB stick: a package file that
// can be checked before anything is touched, an import that shows what it will do, a three-way
// merge that keeps both offices' work and hands conflicts to a person, an automatic backup before
// every import and a way back. It walks the kinds of record through data's registry.
package exchange

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/unicode/norm"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// FormatVersion is the version of the package file layout this program writes and reads: 2 ends
// with the office's signature (sign.go); 1 (unsigned) is read to say so.
const FormatVersion = 2

// magic opens every package file.
const magic = "KETNGHIA-KNX\n"

// Limits a package must stay within before anything of it is read further.
const (
	maxManifest = 1 << 20  // bytes of manifest
	maxContent  = 16 << 30 // bytes of database inside (the national sample is ~0.5 GB)
	maxRecords  = 50_000_000
)

// Manifest describes a package: written at the head of the file, checked before anything else.
type Manifest struct {
	Format        int            `json:"format"`
	Program       string         `json:"program"`
	Schema        int            `json:"schema"`
	OfficeID      string         `json:"office_id"`
	OfficeName    string         `json:"office_name"`
	ExportedAt    time.Time      `json:"exported_at"`
	Scope         []string       `json:"scope"` // official codes; none: the whole database
	Counts        map[string]int `json:"counts"`
	ContentSize   int64          `json:"content_size"`
	ContentSHA256 string         `json:"content_sha256"`
	// SignKey is the exporting office's public key (Ed25519, base64), whose signature ends the file.
	SignKey string `json:"sign_key,omitempty"`
}

// Total is the number of records in the package.
func (m Manifest) Total() int {
	n := 0
	for _, c := range m.Counts {
		n += c
	}
	return n
}

// refuse is a package that cannot be used: a Vietnamese sentence that says why and what to do.
func refuse(path, why string, args ...any) error {
	return &data.Error{Kind: data.KindInvalid, Field: "package", Msg: fmt.Sprintf("Gói %s không dùng được: %s. Cơ sở dữ liệu của bạn không bị thay đổi.", filepath.Base(path), fmt.Sprintf(why, args...))}
}

// writePackage writes the package to w: the magic line, the manifest's length (4 bytes, big
// endian), the manifest (JSON) and its SHA-256, then the database content compressed with zstd,
// then the SHA-256 of those compressed bytes. The last one makes any change to the file refused,
// even one the decompressor would not notice (a bit of a zstd header that changes nothing). With
// a key (format 2) the manifest names its public half and the signature of both ends the file.
func writePackage(w io.Writer, m Manifest, content string, key ed25519.PrivateKey) error {
	if key != nil {
		m.Format, m.SignKey = max(m.Format, 2), base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	}
	f, err := os.Open(content)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	m.ContentSize, m.ContentSHA256 = n, hex.EncodeToString(h.Sum(nil))
	head, err := json.Marshal(m)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(magic)
	binary.Write(bw, binary.BigEndian, uint32(len(head)))
	bw.Write(head)
	sum := sha256.Sum256(head)
	bw.Write(sum[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	th := sha256.New()
	zw, err := zstd.NewWriter(io.MultiWriter(bw, th), zstd.WithEncoderLevel(zstd.SpeedFastest))
	if err != nil {
		return err
	}
	if _, err := io.Copy(zw, f); err != nil {
		zw.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	trailer := th.Sum(nil)
	bw.Write(trailer)
	if key != nil {
		bw.WriteString(sigMagic)
		bw.Write(ed25519.Sign(key, signedMessage(head, trailer)))
	}
	return bw.Flush()
}

// ReadManifest reads and checks a package's head alone.
func ReadManifest(path string) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, openError(path, err)
	}
	defer f.Close()
	m, _, _, err := readHead(path, bufio.NewReader(f))
	return m, err
}

func openError(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return &data.Error{Kind: data.KindInvalid, Field: "package", Err: err, Msg: fmt.Sprintf("Không có tệp %s. Hãy kiểm tra lại tên tệp và ổ USB.", path)}
	}
	return &data.Error{Kind: data.KindInvalid, Field: "package", Err: err, Msg: fmt.Sprintf("Không đọc được tệp %s. Hãy kiểm tra ổ USB rồi thử lại.", path)}
}

// readHead reads and checks a package's head: the manifest, the length of the head, and the
// manifest's bytes as written (what the signature covers).
func readHead(path string, r *bufio.Reader) (Manifest, int64, []byte, error) {
	m, n, js, err := readHeadBytes(path, r)
	return m, n, js, err
}

func readHeadBytes(path string, r *bufio.Reader) (Manifest, int64, []byte, error) {
	var m Manifest
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return m, 0, nil, refuse(path, "đây không phải là tệp gói dữ liệu KetNghia (.knx)")
	}
	var n uint32
	if err := binary.Read(r, binary.BigEndian, &n); err != nil || n == 0 || n > maxManifest {
		return m, 0, nil, refuse(path, "phần mô tả của gói bị hỏng")
	}
	js := make([]byte, n)
	if _, err := io.ReadFull(r, js); err != nil {
		return m, 0, nil, refuse(path, "tệp bị cắt cụt (có thể chép chưa xong)")
	}
	var sum [sha256.Size]byte
	if _, err := io.ReadFull(r, sum[:]); err != nil {
		return m, 0, nil, refuse(path, "tệp bị cắt cụt (có thể chép chưa xong)")
	}
	if sha256.Sum256(js) != sum || json.Unmarshal(js, &m) != nil {
		return m, 0, nil, refuse(path, "phần mô tả của gói bị hỏng")
	}
	switch {
	case m.Format > FormatVersion:
		return m, 0, nil, refuse(path, "gói do phiên bản KetNghia mới hơn tạo ra (%s); hãy cập nhật chương trình rồi nhập lại", m.Program)
	case m.Format < 1:
		return m, 0, nil, refuse(path, "phần mô tả của gói bị hỏng")
	case m.Schema > data.SchemaVersion:
		return m, 0, nil, refuse(path, "gói có cấu trúc dữ liệu mới hơn chương trình này (%s); hãy cập nhật chương trình rồi nhập lại", m.Program)
	case m.Schema < 1 || m.ContentSize <= 0 || m.ContentSize > maxContent || len(m.ContentSHA256) != 64:
		return m, 0, nil, refuse(path, "phần mô tả của gói có số liệu không hợp lệ")
	case m.OfficeID == "":
		return m, 0, nil, refuse(path, "gói không ghi đơn vị gửi")
	}
	total := 0
	for t, c := range m.Counts {
		if _, ok := data.KindOf(t); !ok || c < 0 || c > maxRecords {
			return m, 0, nil, refuse(path, "phần mô tả của gói có số bản ghi không hợp lệ")
		}
		total += c
	}
	if total > maxRecords || int64(total) > m.ContentSize {
		return m, 0, nil, refuse(path, "phần mô tả của gói có số bản ghi không hợp lệ")
	}
	return m, int64(len(magic)) + 4 + int64(n) + sha256.Size, js, nil
}

// tempPrefixes name the temporary folders an export and an import work in.
var tempPrefixes = []string{"ketnghia-goi-", "ketnghia-xuat-"}

// sweepStale removes the temporary folders a program stopped short (a power cut, a killed
// process) left behind more than a day ago: an unpacked national package is half a gigabyte.
func sweepStale() {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return
	}
	for _, e := range entries {
		for _, p := range tempPrefixes {
			if !e.IsDir() || !strings.HasPrefix(e.Name(), p) {
				continue
			}
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
			}
		}
	}
}

// Opened is a checked package, unpacked into a private temporary file and open read-only.
type Opened struct {
	Path     string // the package file
	Manifest Manifest
	DB       *sql.DB
	dir      string
	content  string            // the unpacked database
	att      *data.Attached    // attached to a store by the last review
	linked   map[string]string // units of the package renamed to ours: their ID → our ID
	newLinks map[string]string // of which those a person linked during this review
	checked  chan struct{}     // closed when the integrity check, run beside the review, is done
	checkErr error             // what it found
}

// waitChecked waits for the package's integrity check and gives its refusal, if any.
func (o *Opened) waitChecked() error {
	if o.checked == nil {
		return nil
	}
	<-o.checked
	return o.checkErr
}

// Close closes the package and removes its unpacked copy.
func (o *Opened) Close() {
	o.waitChecked()
	o.closeAttached()
	if o.DB != nil {
		o.DB.Close()
	}
	os.RemoveAll(o.dir)
}

func (o *Opened) closeAttached() {
	if o.att != nil {
		o.att.Close()
		o.att = nil
	}
}

// Open checks a package before anything is touched: its head, its size, its checksum, that it is a
// KetNghia database with exactly the package schema of its version (no trigger or view of its own)
// and its record counts. An older schema is brought up to date on the private copy. Its integrity
// (every page of it) is checked beside the review, which waits for it: a package that fails it is
// refused by Inspect, before anything is written.
func Open(ctx context.Context, path string) (*Opened, error) {
	sweepStale()
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	m, headLen, js, err := readHead(path, bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	if err := verifySignature(f, path, m, js, headLen); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", tempPrefixes[0])
	if err != nil {
		return nil, &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không tạo được thư mục tạm để mở gói; hãy giải phóng bớt ổ đĩa rồi thử lại."}
	}
	content := filepath.Join(dir, "goi.db")
	o := &Opened{Path: path, Manifest: m, dir: dir, content: content}
	fail := func(err error) (*Opened, error) { o.Close(); return nil, err }
	if err := unpack(f, headLen, content, m); err != nil {
		if de, ok := err.(*data.Error); ok {
			return fail(de)
		}
		return fail(refuse(path, "nội dung bị hỏng hoặc bị cắt cụt (có thể chép chưa xong)"))
	}
	if m.Schema < data.SchemaVersion {
		if err := upgrade(ctx, content, m.Schema, path); err != nil {
			return fail(err)
		}
	}
	db, err := data.OpenPackageFile(content)
	if err != nil {
		return fail(err)
	}
	o.DB = db
	if err := checkContent(ctx, db, m, path); err != nil {
		return fail(err)
	}
	o.checked = make(chan struct{})
	go func() {
		defer close(o.checked)
		o.checkErr = checkIntegrity(context.WithoutCancel(ctx), content, path)
	}()
	return o, nil
}

// unpack decompresses the content that follows the head (headLen bytes) of the package f, never
// more than the manifest says, and checks both checksums: of the compressed bytes (the trailer) and
// of the content (the manifest).
func unpack(f *os.File, headLen int64, to string, m Manifest) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size() - headLen - sha256.Size
	if m.Format >= 2 {
		size -= int64(sigLen)
	}
	if size <= 0 {
		return errors.New("truncated")
	}
	// A database compresses several times, not a thousand: a manifest that claims far more than
	// the compressed bytes could hold is refused before anything is written.
	if m.ContentSize > size*maxRatio+(64<<20) {
		return refuse(f.Name(), "phần mô tả khai dung lượng %s byte, quá lớn so với nội dung nén %s byte", vntext.FormatInt(m.ContentSize), vntext.FormatInt(size))
	}
	var trailer [sha256.Size]byte
	if _, err := f.ReadAt(trailer[:], headLen+size); err != nil {
		return err
	}
	th := sha256.New()
	section := io.NewSectionReader(f, headLen, size)
	r := io.TeeReader(bufio.NewReaderSize(section, 1<<20), th)
	zr, err := zstd.NewReader(r, zstd.WithDecoderMaxMemory(256<<20), zstd.WithDecoderConcurrency(1))
	if err != nil {
		return err
	}
	defer zr.Close()
	out, err := os.Create(to)
	if err != nil {
		return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không ghi được bản giải nén của gói vào thư mục tạm; hãy giải phóng bớt ổ đĩa rồi thử lại."}
	}
	defer out.Close()
	h := newAsyncHash()
	head := &headCheck{w: out, size: m.ContentSize, path: f.Name()}
	n, err := io.Copy(io.MultiWriter(head, h), io.LimitReader(zr, m.ContentSize+1))
	sum := h.Sum()
	if err != nil {
		return err
	}
	if n != m.ContentSize || hex.EncodeToString(sum) != m.ContentSHA256 {
		return errors.New("checksum")
	}
	// What the decompressor left unread still counts.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	if !bytes.Equal(th.Sum(nil), trailer[:]) {
		return errors.New("checksum of the compressed bytes")
	}
	return out.Close()
}

// maxRatio is the most the content of a package may be larger than its compressed bytes (the
// national sample: 7.6 times).
const maxRatio = 1000

// headCheck writes the unpacked content through to w after checking its first 100 bytes: the
// header of a SQLite database of ours (the magic string, KetNghia's application ID, its size in
// pages that of the manifest). Anything else is refused after 100 bytes, not after gigabytes.
type headCheck struct {
	w    io.Writer
	size int64
	path string
	head []byte
	ok   bool
}

func (c *headCheck) Write(p []byte) (int, error) {
	if !c.ok {
		need := min(100-len(c.head), len(p))
		c.head = append(c.head, p[:need]...)
		if len(c.head) < 100 {
			return len(p), nil // held until the header is whole
		}
		if err := c.check(); err != nil {
			return 0, err
		}
		c.ok = true
		if _, err := c.w.Write(c.head); err != nil {
			return 0, err
		}
		if _, err := c.w.Write(p[need:]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.w.Write(p)
}

func (c *headCheck) check() error {
	h := c.head
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	switch {
	case string(h[:16]) != "SQLite format 3\x00", binary.BigEndian.Uint32(h[68:72]) != data.ApplicationID:
		return refuse(c.path, "nội dung không phải là dữ liệu KetNghia")
	case pageSize*pages != c.size:
		return refuse(c.path, "nội dung khai dung lượng khác với phần mô tả")
	}
	return nil
}

// asyncHash is SHA-256 taken on another core while the content is unpacked: Write hands over a
// copy of each piece.
type asyncHash struct {
	pieces chan []byte
	done   chan []byte
	free   sync.Pool
}

func newAsyncHash() *asyncHash {
	a := &asyncHash{pieces: make(chan []byte, 16), done: make(chan []byte, 1)}
	go func() {
		h := sha256.New()
		for p := range a.pieces {
			h.Write(p)
			a.free.Put(p[:0])
		}
		a.done <- h.Sum(nil)
	}()
	return a
}

func (a *asyncHash) Write(p []byte) (int, error) {
	buf, _ := a.free.Get().([]byte)
	a.pieces <- append(buf, p...)
	return len(p), nil
}

// Sum waits for every piece written and gives the hash.
func (a *asyncHash) Sum() []byte {
	close(a.pieces)
	return <-a.done
}

// upgrade brings an older package's private copy up to our schema, after checking it has exactly
// the schema of its version.
func upgrade(ctx context.Context, content string, from int, path string) error {
	db, err := data.OpenPackageForUpgrade(content)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := checkSchema(ctx, db, from, path); err != nil {
		return err
	}
	if err := data.UpgradePackage(ctx, db, from); err != nil {
		return refuse(path, "gói của phiên bản cũ không nâng cấp được")
	}
	return nil
}

func checkSchema(ctx context.Context, db *sql.DB, version int, path string) error {
	appID, uv, err := data.PackageIdentity(ctx, db)
	if err != nil {
		return refuse(path, "nội dung không phải là cơ sở dữ liệu SQLite")
	}
	if appID != data.ApplicationID {
		return refuse(path, "nội dung không phải là dữ liệu KetNghia")
	}
	if uv != version {
		return refuse(path, "phiên bản cấu trúc bên trong không khớp với phần mô tả")
	}
	want, err := data.PackageSchema(ctx, version)
	if err != nil {
		return err
	}
	got, err := data.SchemaOf(ctx, db)
	if err != nil {
		return refuse(path, "không đọc được cấu trúc bên trong")
	}
	for k, o := range got {
		w, ok := want[k]
		if !ok || w.SQL != o.SQL {
			return refuse(path, "gói chứa thành phần lạ (%s %s) không do KetNghia tạo ra; không có gì của nó được chạy", o.Type, o.Name)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			return refuse(path, "gói thiếu bảng %s", want[k].Name)
		}
	}
	return nil
}

// checkIntegrity reads every page of the unpacked package, on a connection of its own.
func checkIntegrity(ctx context.Context, content, path string) error {
	db, err := data.OpenPackageFile(content)
	if err != nil {
		return err
	}
	defer db.Close()
	if !data.PackageIntact(ctx, db) {
		return refuse(path, "cơ sở dữ liệu bên trong bị hỏng")
	}
	return nil
}

func checkContent(ctx context.Context, db *sql.DB, m Manifest, path string) error {
	if err := checkSchema(ctx, db, data.SchemaVersion, path); err != nil {
		return err
	}
	for _, k := range data.Kinds() {
		n, err := data.PackageCount(ctx, db, k)
		if err != nil {
			return refuse(path, "không đọc được %s", k.Noun)
		}
		if n != m.Counts[k.Table] {
			return refuse(path, "số bản ghi %s (%d) khác với phần mô tả (%d)", k.Noun, n, m.Counts[k.Table])
		}
	}
	return nil
}

// PathIn is where a package of the store goes in folder dir: dir/FileName(the office, the scope,
// now), with "-2", "-3" … added when a file of that name is already there, so that a package never
// replaces another (two exports in one minute).
func PathIn(ctx context.Context, s *data.Store, dir string, scope []string) (string, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	name := FileName(set.OfficeName, scope, s.Now())
	path := filepath.Join(dir, name)
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path, nil
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.knx", strings.TrimSuffix(name, ".knx"), n))
	}
}

// FileName is the package's name: KetNghia_<office>[_<scope>]_<yyyymmdd-hhmm>.knx, the office's
// name without accents or spaces ("Huyện Đắk Tô" → huyen-dak-to) and the scope's codes.
func FileName(office string, scope []string, at time.Time) string {
	name := slug(office)
	if name == "" {
		name = "VanPhong"
	}
	if s := slug(strings.Join(scope, " ")); s != "" {
		name += "_" + s
	}
	return fmt.Sprintf("KetNghia_%s_%s.knx", name, at.Local().Format("20060102-1504"))
}

// slug writes text in ASCII letters, digits and hyphens, keeping its spelling (Đắk → dak).
func slug(text string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(text) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'đ' {
			r = 'd'
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}
