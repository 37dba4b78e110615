package jobs

import (
	"context"
	"os"
	"sync"
	"sync/atomic"

	"ketnghia/app/buildinfo"
	"ketnghia/data"
	"ketnghia/data/exchange"
)

// The exchange of packages between offices, one sequence each for the command line and the
// window: an export written, read back and recorded; an import opened, looked over, linked,
// applied, with the automatic backup made while a person reads the preview and kept only when the
// package is imported.

// ExportPackage writes the package of the units of scope (their official codes; none: the whole
// file) to out, a file or a folder (where the package takes its usual name: exchange.PathIn),
// checks it by reading it back, and records the export in the file's history (not in a file
// opened read-only). It gives the package's path and manifest.
func ExportPackage(ctx context.Context, st *data.Store, out string, scope []string, progress func(float64)) (string, exchange.Manifest, error) {
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		if out, err = exchange.PathIn(ctx, st, out, scope); err != nil {
			return "", exchange.Manifest{}, err
		}
	}
	m, err := exchange.Export(ctx, st, out, exchange.ExportOptions{Scope: scope, Program: buildinfo.Version, Progress: progress})
	if err != nil {
		return "", exchange.Manifest{}, err
	}
	if !st.ReadOnly() {
		if err := exchange.RecordExport(ctx, st, out, m); err != nil {
			return "", exchange.Manifest{}, err
		}
	}
	return out, m, nil
}

// Import is one package being imported: opened and looked over (Preview), its units linked where
// a person says they are ours, then applied or closed.
type Import struct {
	Path    string
	Pkg     *exchange.Opened
	Preview *exchange.Preview

	st      *data.Store
	backup  *exchange.Backup
	applied bool
	once    sync.Once
	closed  atomic.Bool
}

// OpenImport opens the package at path and works out what importing it would do. When it is to
// be written (write, and the file is not read-only) the automatic backup is begun at once, copied
// while the package is read; it is discarded unless the package is applied (Close).
func OpenImport(ctx context.Context, st *data.Store, path string, write bool) (*Import, error) {
	im := &Import{Path: path, st: st}
	if write && !st.ReadOnly() {
		im.backup = exchange.StartBackup(ctx, st, "")
	}
	var err error
	if im.Pkg, err = exchange.Open(ctx, path); err == nil {
		im.Preview, err = exchange.Inspect(ctx, st, im.Pkg)
	}
	if err != nil {
		im.Close()
		return nil, err
	}
	return im, nil
}

// Link treats the package's unit theirs as the unit ours here, and looks the package over again.
func (im *Import) Link(ctx context.Context, theirs, ours string) error {
	rv, err := exchange.Link(ctx, im.st, im.Pkg, theirs, ours)
	if err != nil {
		return err
	}
	im.Preview = rv
	return nil
}

// LinkClashes links every unit of the package that clashes with one here by its official code.
func (im *Import) LinkClashes(ctx context.Context) error {
	for _, it := range im.Preview.Conflicts() {
		if !it.CanTakeTheirs() {
			if err := im.Link(ctx, it.ID, it.ClashID); err != nil {
				return err
			}
		}
	}
	return nil
}

// HasClashes tells whether a unit of the package clashes with one here by its official code: an
// import refused for it can be done again with the units linked.
func (im *Import) HasClashes() bool {
	for _, it := range im.Preview.Conflicts() {
		if !it.CanTakeTheirs() {
			return true
		}
	}
	return false
}

// Apply imports the package as looked over, in one transaction, after the automatic backup.
// opt's File and Backup are the import's own.
func (im *Import) Apply(ctx context.Context, opt exchange.ApplyOptions) (exchange.Result, error) {
	opt.File, opt.Backup = im.Path, im.backup
	res, err := exchange.Apply(ctx, im.st, im.Pkg, im.Preview, opt)
	if err == nil {
		im.applied = true
	}
	return res, err
}

// ConflictNames names each conflict's record as a person knows it ("Rà soát năm 2024 của Thôn 1,
// Xã …"), by the conflict's ID.
func (im *Import) ConflictNames(ctx context.Context) map[string]string {
	names := map[string]string{}
	for _, it := range im.Preview.Conflicts() {
		id := it.ID
		if it.ClashID != "" {
			id = it.ClashID
		}
		names[it.ID] = im.st.Describe(ctx, it.Table, id)
	}
	return names
}

// BackingUp tells whether the automatic backup was begun for the import.
func (im *Import) BackingUp() bool { return im.backup != nil }

// Closed tells whether Close was called.
func (im *Import) Closed() bool { return im.closed.Load() }

// Close closes the package and, when it was not imported, lets its backup go (once copied).
// It may be called more than once.
func (im *Import) Close() {
	im.once.Do(func() {
		defer im.closed.Store(true)
		if im.Pkg != nil {
			im.Pkg.Close()
		}
		if !im.applied {
			im.backup.Discard()
		}
	})
}

// TrustPackageKey records that a person has compared the fingerprint of the key that signed the
// package at path with its office (by phone) and found it right: digits are the fingerprint's
// digits as the person confirmed them, which must be the package's. The package is then opened
// again with OpenImport.
func TrustPackageKey(ctx context.Context, st *data.Store, path, digits string) error {
	o, err := exchange.Open(ctx, path)
	if err != nil {
		return err
	}
	defer o.Close()
	fp := exchange.KeyFingerprint(o.Manifest.SignKey)
	if onlyDigits(digits) != onlyDigits(fp.Digits) {
		return &data.Error{Kind: data.KindInvalid, Field: "trust_key", Msg: "Mã nhận dạng " + digits + " không khớp với mã của khóa đã ký gói (" + fp.Digits + "); không có gì được ghi. Hãy đối chiếu lại với văn phòng gửi."}
	}
	return exchange.TrustKey(ctx, st, o)
}

func onlyDigits(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
