package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"ketnghia/data"
	"ketnghia/data/safefile"
)

// ExportOptions choose what an export carries.
type ExportOptions struct {
	// Scope lists official codes of provinces, districts or communes: their units and everything
	// about them (with the units above them, so that the receiving office can place them). None:
	// the whole database.
	Scope []string
	// Program is the program's version, written in the manifest.
	Program string
	// Progress, when set, is told the share done (0–1) as the export goes.
	Progress func(float64)
}

// Export writes a package of the store's records to out: first into a temporary file beside it,
// synced, renamed, then read back and checked whole. The local database is only read. It returns
// the package's manifest.
func Export(ctx context.Context, s *data.Store, out string, opt ExportOptions) (Manifest, error) {
	progress := func(f float64) {
		if opt.Progress != nil {
			opt.Progress(f)
		}
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return Manifest{}, err
	}
	sweepStale()
	dir, err := os.MkdirTemp("", tempPrefixes[1])
	if err != nil {
		return Manifest{}, &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không tạo được thư mục tạm để xuất gói; hãy giải phóng bớt ổ đĩa rồi thử lại."}
	}
	defer os.RemoveAll(dir)
	content := filepath.Join(dir, "goi.db")
	if err := data.CreatePackageFile(ctx, content); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: FormatVersion, Program: opt.Program, Schema: data.SchemaVersion, OfficeID: s.OfficeID(),
		OfficeName: set.OfficeName, ExportedAt: s.Now().UTC(), Scope: opt.Scope, Counts: map[string]int{}}
	if err := copyInto(ctx, s, content, opt.Scope, m.Counts, progress); err != nil {
		return Manifest{}, err
	}
	progress(0.6)
	written := sha256.New()
	// A package whose export was killed half-way left its temporary file here (on a stick, where
	// it stays): gone with the next export into the folder.
	safefile.Sweep(filepath.Dir(out), ".KetNghia_*.knx.*", 10*time.Minute)
	err = safefile.WriteWith(out, func(w io.Writer) error { return writePackage(io.MultiWriter(w, written), m, content) })
	if err != nil {
		return Manifest{}, writeError(out, err)
	}
	progress(0.9)
	// Read back from the stick what was written there: the same bytes, a head that parses.
	if m, err = verifyWritten(out, written.Sum(nil)); err != nil {
		os.Remove(out)
		return Manifest{}, &data.Error{Kind: data.KindInternal, Err: err, Msg: fmt.Sprintf("Gói vừa ghi vào %s đọc lại không khớp (ổ USB có thể bị lỗi) nên đã được xóa; hãy thử ổ khác.", out)}
	}
	progress(1)
	return m, nil
}

func verifyWritten(path string, want []byte) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Manifest{}, err
	}
	if !bytes.Equal(h.Sum(nil), want) {
		return Manifest{}, errors.New("read-back checksum differs")
	}
	return ReadManifest(path)
}

func writeError(out string, err error) error {
	msg := fmt.Sprintf("Không ghi được gói vào %s; không có tệp dở nào được để lại. Hãy kiểm tra ổ đĩa còn chỗ trống, không bị khóa ghi, rồi thử lại.", out)
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg = fmt.Sprintf("Ổ đĩa chứa %s đã đầy nên gói chưa được ghi (không có tệp dở nào được để lại). Hãy xóa bớt tệp hoặc dùng ổ khác.", out)
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf("Không được phép ghi vào thư mục của %s (ổ chỉ đọc hoặc bị khóa ghi) nên gói chưa được ghi. Hãy mở khóa ổ USB hoặc chọn thư mục khác.", out)
	case errors.Is(err, os.ErrNotExist):
		msg = fmt.Sprintf("Không có thư mục để ghi %s. Hãy chọn một thư mục có thật (ví dụ ổ USB).", out)
	}
	return &data.Error{Kind: data.KindInvalid, Field: "out", Err: err, Msg: msg}
}

// copyInto copies the records in scope into the package file, inside SQLite (ATTACH and INSERT …
// SELECT), in one read snapshot of the store.
func copyInto(ctx context.Context, s *data.Store, content string, scope []string, counts map[string]int, progress func(float64)) error {
	conn, err := s.RawDB().Conn(ctx)
	if err != nil {
		return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không đọc được cơ sở dữ liệu để xuất gói."}
	}
	defer conn.Close()
	fail := func(err error) error {
		if de, ok := err.(*data.Error); ok {
			return de
		}
		return &data.Error{Kind: data.KindInternal, Err: err, Msg: "Không xuất được gói dữ liệu; cơ sở dữ liệu của bạn không bị thay đổi. Hãy thử lại."}
	}
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS pkg", content); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE pkg")
	defer conn.ExecContext(context.Background(), "PRAGMA main.mmap_size = 0")
	// The package file is scratch until it is compressed, synced and renamed onto the stick: no
	// journal, no syncs, no locking round trips.
	for _, p := range []string{"PRAGMA pkg.journal_mode = OFF", "PRAGMA pkg.synchronous = OFF", "PRAGMA pkg.locking_mode = EXCLUSIVE",
		"PRAGMA main.mmap_size = 4294967296", "PRAGMA pkg.mmap_size = 4294967296"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fail(err)
		}
	}
	// A scope leaves some references outside the package: they are the receiving office's to
	// resolve, so the package itself is not held to them.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fail(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	if len(scope) > 0 {
		if err := scopeUnits(ctx, conn, scope); err != nil {
			return fail(err)
		}
	}
	ks := data.Kinds()
	for i, k := range ks {
		// Of the offices' records, a scoped package copies each kind by the scope the registry
		// gives it (reference data goes whole).
		w, scoped := k.ScopeFilter("IN (SELECT id FROM temp.scope_units)")
		if len(scope) == 0 || !scoped {
			w = ""
		}
		if len(scope) > 0 && !scoped && !k.Reference {
			// A kind of the offices' records that a scoped package would copy whole: never.
			return fail(fmt.Errorf("export: no scope filter for the table %s", k.Table))
		}
		cols := strings.Join(k.Columns(), ", ")
		q := fmt.Sprintf("INSERT INTO pkg.%s (%s) SELECT %s FROM main.%s", k.Table, cols, cols, k.Table)
		if w != "" {
			q += " WHERE " + w
		} else {
			// A whole table into its empty twin of the same definition: SQLite copies the stored
			// rows as they are, without reading them column by column.
			q = fmt.Sprintf("INSERT INTO pkg.%s SELECT * FROM main.%s", k.Table, k.Table)
		}
		res, err := conn.ExecContext(ctx, q)
		if err != nil {
			return fail(err)
		}
		n, _ := res.RowsAffected()
		counts[k.Table] = int(n)
		progress(0.6 * float64(i+1) / float64(len(ks)))
	}
	// What this office last had of each record from each peer, for the peer that receives it.
	baseQ := "INSERT INTO pkg.exchange_base SELECT * FROM main.exchange_base"
	if len(scope) > 0 {
		baseQ += " WHERE record_id IN (SELECT id FROM temp.scope_units) OR record_table <> 'units'"
	}
	if _, err := conn.ExecContext(ctx, baseQ); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO pkg.exchange_links SELECT * FROM main.exchange_links"); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO pkg.offices SELECT id, name FROM main.offices WHERE id = (SELECT value FROM main.settings WHERE key = 'office_id')"); err != nil {
		return fail(err)
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	if err != nil {
		return fail(err)
	}
	return nil
}

// scopeUnits fills temp.scope_units with the units of the codes, everything under them (now or
// before a move), the units their links and moves name, and every unit above all of those.
func scopeUnits(ctx context.Context, conn *sql.Conn, codes []string) error {
	stmts := []string{
		"DROP TABLE IF EXISTS temp.scope_units",
		"CREATE TEMP TABLE scope_units (id TEXT PRIMARY KEY) WITHOUT ROWID",
		"DROP TABLE IF EXISTS temp.scope_codes",
		"CREATE TEMP TABLE scope_codes (code TEXT PRIMARY KEY) WITHOUT ROWID",
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, c := range codes {
		c = strings.TrimSpace(c)
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM main.units WHERE code = ? AND deleted = 0", c).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &data.Error{Kind: data.KindInvalid, Field: "scope", Msg: fmt.Sprintf("Không có đơn vị nào mang mã %q; hãy xem mã tỉnh, huyện hoặc xã trong danh sách đơn vị rồi thử lại.", c)}
		}
		if _, err := conn.ExecContext(ctx, "INSERT OR IGNORE INTO temp.scope_codes VALUES (?)", c); err != nil {
			return err
		}
	}
	fill := []string{
		`INSERT OR IGNORE INTO temp.scope_units
		 WITH RECURSIVE down(id) AS (
		   SELECT id FROM main.units WHERE code IN (SELECT code FROM temp.scope_codes) AND deleted = 0
		   UNION SELECT u.id FROM main.units u JOIN down d ON u.parent_id = d.id
		   UNION SELECT m.unit_id FROM main.unit_moves m JOIN down d ON m.from_parent_id = d.id)
		 SELECT id FROM down`,
		`INSERT OR IGNORE INTO temp.scope_units
		 SELECT successor_id FROM main.unit_links WHERE predecessor_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT predecessor_id FROM main.unit_links WHERE successor_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT from_parent_id FROM main.unit_moves WHERE unit_id IN (SELECT id FROM temp.scope_units)
		 UNION SELECT to_parent_id FROM main.unit_moves WHERE unit_id IN (SELECT id FROM temp.scope_units)`,
		`INSERT OR IGNORE INTO temp.scope_units
		 WITH RECURSIVE up(id) AS (
		   SELECT parent_id FROM main.units WHERE id IN (SELECT id FROM temp.scope_units) AND parent_id IS NOT NULL
		   UNION SELECT u.parent_id FROM main.units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
		 SELECT id FROM up`,
	}
	for _, q := range fill {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
