package exchange

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// Every package is signed with its office's Ed25519 key. The private key lives in a file beside
// the database, never in it nor in a package, so a copy of the database made by hand signs with a
// key of its own; the public key travels in the manifest. A receiving office keeps the keys of the
// offices it has exchanged with (trust on first use, as SSH does) and takes a package only when it
// is signed by the key kept for its office, or when a person has compared the new key's fingerprint
// with that office by phone and confirmed it.

// sigMagic opens the signature that ends a package of format 2: the signature (64 bytes) follows.
const sigMagic = "KNSIG1"

// sigLen is the length of the signature block.
const sigLen = len(sigMagic) + ed25519.SignatureSize

// signedMessage is what a package's signature covers: its manifest (which names the office, its
// public key and the SHA-256 of the content) and the SHA-256 of the compressed bytes.
func signedMessage(manifest []byte, compressed []byte) []byte {
	mh := sha256.Sum256(manifest)
	var b bytes.Buffer
	b.WriteString("KetNghia package signature v1\n")
	b.Write(mh[:])
	b.Write(compressed)
	return b.Bytes()
}

// OfficeKey is this office's signing key.
type OfficeKey struct {
	Path    string // the key file
	Private ed25519.PrivateKey
	Created bool // made now: the file was not there
}

// Public is the key's public half.
func (k OfficeKey) Public() ed25519.PublicKey { return k.Private.Public().(ed25519.PublicKey) }

// KeyPath is where the signing key of the database at dbPath is kept: beside it, named after it
// ("ketnghia.db" → "ketnghia.khoa").
func KeyPath(dbPath string) string {
	return strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".khoa"
}

const keyHeader = "KETNGHIA-KHOA-KY 1"

// OwnKey reads the store's signing key, or makes one when there is none yet (the first start, or
// a database copied here by hand, whose key stayed behind): a key file of another office's
// database (the database replaced by hand) is kept aside and a new key made. A file that is there
// but cannot be read is never replaced: a Vietnamese sentence says what to do.
func OwnKey(s *data.Store) (OfficeKey, error) {
	path := KeyPath(s.Path())
	k := OfficeKey{Path: path}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return makeKey(s, path)
	case err != nil:
		log.Printf("exchange: reading the key file %s: %v", path, err)
		return k, keyFileError(path)
	}
	office, priv, ok := parseKeyFile(b)
	if !ok {
		log.Printf("exchange: the key file %s is not one of ours", path)
		return k, keyFileError(path)
	}
	if office != s.OfficeID() {
		aside := path + ".cu-" + time.Now().Format("20060102-150405")
		log.Printf("exchange: the key file %s belongs to another office's database; kept as %s", path, aside)
		if err := os.Rename(path, aside); err != nil {
			return k, keyFileError(path)
		}
		return makeKey(s, path)
	}
	k.Private = priv
	return k, nil
}

func keyFileError(path string) error {
	return &data.Error{Kind: data.KindInvalid, Field: "key", Msg: fmt.Sprintf("Không đọc được tệp khóa ký %s nên chưa ký được gói; hãy kiểm tra quyền đọc tệp, hoặc xóa (đổi tên) tệp đó để chương trình tạo khóa mới, rồi báo các văn phòng nhận gói xác nhận khóa mới qua điện thoại.", path)}
}

func makeKey(s *data.Store, path string) (OfficeKey, error) {
	k := OfficeKey{Path: path, Created: true}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return k, &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không tạo được khóa ký cho văn phòng; hãy thử lại."}
	}
	text := fmt.Sprintf("%s\n# Khóa ký gói dữ liệu của văn phòng này. Giữ bí mật; không chép sang máy khác.\noffice %s\ncreated %s\nprivate %s\n",
		keyHeader, s.OfficeID(), time.Now().UTC().Format(time.RFC3339), base64.StdEncoding.EncodeToString(priv))
	err = safefile.WriteWith(path, func(w io.Writer) error {
		if f, ok := w.(*os.File); ok {
			f.Chmod(0o600)
		}
		_, err := io.WriteString(w, text)
		return err
	})
	if err != nil {
		log.Printf("exchange: writing the key file %s: %v", path, err)
		return k, &data.Error{Kind: data.KindInvalid, Field: "key", Err: err, Msg: fmt.Sprintf("Không ghi được tệp khóa ký %s nên chưa ký được gói; hãy kiểm tra thư mục chứa cơ sở dữ liệu có ghi được không rồi thử lại.", path)}
	}
	k.Private = priv
	return k, nil
}

func parseKeyFile(b []byte) (office string, priv ed25519.PrivateKey, ok bool) {
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != keyHeader {
		return "", nil, false
	}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(l), " ")
		switch k {
		case "office":
			office = v
		case "private":
			raw, err := base64.StdEncoding.DecodeString(v)
			if err != nil || len(raw) != ed25519.PrivateKeySize {
				return "", nil, false
			}
			priv = ed25519.PrivateKey(raw)
		}
	}
	if office == "" || priv == nil {
		return "", nil, false
	}
	// The public half kept in the private key must be its own.
	if !bytes.Equal(ed25519.NewKeyFromSeed(priv.Seed()), priv) {
		return "", nil, false
	}
	return office, priv, true
}

// Fingerprint is a key's short fingerprint, to be read over the phone: six words and sixteen
// digits, both taken from the key's SHA-256.
type Fingerprint struct {
	Words  string // "mây · sông · …"
	Digits string // "1234 5678 9012 3456"
}

// String writes both.
func (f Fingerprint) String() string { return f.Words + " (" + f.Digits + ")" }

// FingerprintOf is the fingerprint of a public key (base64 or raw).
func FingerprintOf(pub []byte) Fingerprint {
	h := sha256.Sum256(pub)
	var words []string
	bits := binary.BigEndian.Uint64(h[:8])
	for i := 0; i < 6; i++ {
		words = append(words, fingerprintWords[bits>>57])
		bits <<= 7
	}
	n := binary.BigEndian.Uint64(h[8:16]) % 10_000_000_000_000_000
	d := fmt.Sprintf("%016d", n)
	return Fingerprint{Words: strings.Join(words, " · "), Digits: d[0:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:16]}
}

// KeyFingerprint is the fingerprint of a key as a manifest carries it (base64); the zero value
// when it is not a key.
func KeyFingerprint(key string) Fingerprint {
	raw, err := base64.StdEncoding.DecodeString(key)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return Fingerprint{}
	}
	return FingerprintOf(raw)
}

// fingerprintWords are 128 short Vietnamese words, each unlike the others when said aloud.
var fingerprintWords = [128]string{
	"mây", "núi", "sông", "biển", "rừng", "đồi", "suối", "hồ", "trăng", "sao",
	"nắng", "mưa", "gió", "tuyết", "sương", "lúa", "ngô", "khoai", "sắn", "đậu",
	"cam", "chanh", "bưởi", "xoài", "dừa", "chuối", "mít", "ổi", "nho", "táo",
	"lê", "mận", "đào", "sen", "cúc", "lan", "huệ", "tre", "thông", "bàng",
	"gà", "vịt", "ngỗng", "trâu", "bò", "dê", "ngựa", "voi", "hổ", "gấu",
	"khỉ", "thỏ", "cáo", "sóc", "cá", "tôm", "cua", "ốc", "rùa", "ếch",
	"chim", "cò", "sẻ", "công", "bướm", "ong", "kiến", "dế", "nhà", "cửa",
	"bàn", "ghế", "giường", "tủ", "đèn", "nồi", "chén", "đũa", "thìa", "ấm",
	"bút", "sách", "vở", "thước", "phấn", "bảng", "trống", "chiêng", "đàn", "sáo",
	"xe", "thuyền", "cầu", "đường", "làng", "chợ", "đình", "giếng", "ruộng", "vườn",
	"áo", "mũ", "giày", "khăn", "gùi", "cuốc", "liềm", "rìu", "dao", "kéo",
	"đỏ", "xanh", "vàng", "tím", "trắng", "đen", "nâu", "hồng", "bạc", "đồng",
	"sắt", "đá", "cát", "đất", "lửa", "nước", "muối", "gạo",
}

// KeyTrust is how a package's signing key stands with this office.
type KeyTrust int

const (
	KeyKnown   KeyTrust = iota // the key kept here for the office: taken
	KeyNew                     // the first package of an office: a person confirms its key
	KeyChanged                 // the office is known here with another key: a person confirms the new one
)

// KeyError refuses a package whose key this office does not know for the office that sent it: a
// person who has compared the fingerprint with that office by phone confirms it (TrustKey), and
// the package is reviewed again.
type KeyError struct {
	Trust       KeyTrust
	OfficeID    string
	OfficeName  string
	Key         string // base64
	Fingerprint Fingerprint
	Known       []Fingerprint // the keys kept here for that office
	msg         string
}

func (e *KeyError) Error() string { return e.msg }

// Unwrap gives the refusal as the store's errors are, for the sentence a person reads.
func (e *KeyError) Unwrap() error {
	return &data.Error{Kind: data.KindInvalid, Field: "key", Msg: e.msg}
}

// Message is the sentence a person reads.
func (e *KeyError) Message() string { return e.msg }

// AsKeyError finds a KeyError in err.
func AsKeyError(err error) (*KeyError, bool) {
	var ke *KeyError
	ok := errors.As(err, &ke)
	return ke, ok
}

// checkTrust says whether the package's key is the one kept for its office (or this office's own).
func checkTrust(ctx context.Context, s *data.Store, o *Opened) error {
	m := o.Manifest
	if m.SignKey == "" {
		return refuse(o.Path, "gói không có chữ ký số của văn phòng gửi (có thể do phiên bản KetNghia cũ xuất ra, hoặc đã bị sửa); hãy đề nghị %s cập nhật KetNghia rồi xuất lại gói", officeWords(m.OfficeName))
	}
	keys, err := s.OfficeKeys(ctx, m.OfficeID)
	if err != nil {
		return err
	}
	if m.OfficeID == s.OfficeID() {
		// Our own key signs our packages; a copy of this database signs with its own.
		if own, err := OwnKey(s); err == nil {
			keys = append(keys, data.OfficeKeyRecord{OfficeID: m.OfficeID, PublicKey: base64.StdEncoding.EncodeToString(own.Public()), Current: true})
		}
	}
	var known []Fingerprint
	for _, k := range keys {
		if k.PublicKey == m.SignKey && k.Current {
			return nil
		}
		if k.Current {
			known = append(known, KeyFingerprint(k.PublicKey))
		}
	}
	fp := KeyFingerprint(m.SignKey)
	ke := &KeyError{OfficeID: m.OfficeID, OfficeName: m.OfficeName, Key: m.SignKey, Fingerprint: fp, Known: known}
	if len(known) == 0 {
		ke.Trust = KeyNew
		ke.msg = fmt.Sprintf("Gói %s là gói đầu tiên nhận từ %s, ký bằng khóa có mã nhận dạng %s. Chưa có gì được ghi: hãy gọi điện cho văn phòng đó đọc đối chiếu mã này (văn phòng gửi xem mã của mình trong Cài đặt), đúng thì xác nhận khóa rồi nhập.",
			filepath.Base(o.Path), officeWords(m.OfficeName), fp)
	} else {
		ke.Trust = KeyChanged
		ke.msg = fmt.Sprintf("Gói %s ghi là của %s nhưng được ký bằng một khóa khác với khóa đã biết của văn phòng đó (mã nhận dạng mới %s, mã đã biết %s), nên không được nhập. Đây có thể là gói giả, hoặc văn phòng đó đã cài lại máy hay chép cơ sở dữ liệu sang máy khác: hãy gọi điện hỏi và đọc đối chiếu mã mới; chỉ khi đúng mới xác nhận khóa mới rồi nhập.",
			filepath.Base(o.Path), officeWords(m.OfficeName), fp, known[0])
	}
	return ke
}

func officeWords(name string) string {
	if name == "" {
		return "văn phòng gửi"
	}
	return name
}

// TrustKey records that a person has confirmed the key of the package's office (compared by phone):
// it is kept for that office beside the ones confirmed before (two computers of one office, each
// with its copy of the database, sign with keys of their own).
func TrustKey(ctx context.Context, s *data.Store, o *Opened) error {
	m := o.Manifest
	if KeyFingerprint(m.SignKey) == (Fingerprint{}) {
		return refuse(o.Path, "gói không có chữ ký số của văn phòng gửi nên không có khóa nào để xác nhận")
	}
	return s.TrustOfficeKey(ctx, m.OfficeID, m.OfficeName, m.SignKey)
}

// verifySignature checks the signature that ends a package of format 2 against the key its
// manifest names: any change to the manifest, the key, the content or the signature is refused.
func verifySignature(f *os.File, path string, m Manifest, head []byte, headLen int64) error {
	if m.Format < 2 {
		if m.SignKey != "" {
			return refuse(path, "chữ ký số của gói bị hỏng hoặc bị sửa")
		}
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(m.SignKey)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return refuse(path, "khóa ký ghi trong gói bị hỏng")
	}
	st, err := f.Stat()
	if err != nil {
		return refuse(path, "không đọc được tệp")
	}
	end := st.Size()
	if end < headLen+sha256.Size+int64(sigLen) {
		return refuse(path, "tệp bị cắt cụt (có thể chép chưa xong)")
	}
	tail := make([]byte, sha256.Size+sigLen)
	if _, err := f.ReadAt(tail, end-int64(len(tail))); err != nil {
		return refuse(path, "tệp bị cắt cụt (có thể chép chưa xong)")
	}
	trailer, sig := tail[:sha256.Size], tail[sha256.Size:]
	if string(sig[:len(sigMagic)]) != sigMagic {
		return refuse(path, "tệp bị cắt cụt (có thể chép chưa xong) hoặc mất chữ ký số ở cuối tệp")
	}
	if !ed25519.Verify(raw, signedMessage(head, trailer), sig[len(sigMagic):]) {
		return refuse(path, "chữ ký số không khớp với nội dung: gói đã bị sửa sau khi ký, hoặc bị hỏng khi chép")
	}
	return nil
}
