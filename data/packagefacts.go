package data

import (
	"context"
	"database/sql"
)

// What the exchange reads of a package file opened on its own (OpenPackageFile) and of this
// file's memory of other offices, for it to judge the package by: the SQL stays here, the
// judgement and its words there.

// PackageIdentity is the package file's application ID and schema version (PRAGMAs).
func PackageIdentity(ctx context.Context, db *sql.DB) (appID, version int, err error) {
	if err = db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, 0, err
	}
	err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return appID, version, err
}

// PackageIntact runs SQLite's quick check over every page of the package file.
func PackageIntact(ctx context.Context, db *sql.DB) bool {
	var ok string
	return db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&ok) == nil && ok == "ok"
}

// PackageCount is the number of records of the kind the package file holds.
func PackageCount(ctx context.Context, db *sql.DB, k RecordKind) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+k.Table).Scan(&n)
	return n, err
}

// readLinks reads the unit links remembered for peer (their ID → our ID).
func readLinks(ctx context.Context, q queryer, peer string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT their_id, our_id FROM exchange_links WHERE peer = ?", peer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var their, our string
		if err := rows.Scan(&their, &our); err != nil {
			return nil, err
		}
		out[their] = our
	}
	return out, rows.Err()
}

// PackageLinks are the unit links the sending office remembers for peer (this office), as that
// office wrote them: its unit → ours.
func PackageLinks(ctx context.Context, db *sql.DB, peer string) (map[string]string, error) {
	return readLinks(ctx, db, peer)
}

// ExchangeLinks are the units of the office peer this office took as its own (their ID → our ID).
func (s *Store) ExchangeLinks(ctx context.Context, peer string) (map[string]string, error) {
	links, err := readLinks(ctx, s.db, peer)
	if err != nil {
		return nil, internal("Không đọc được liên kết đơn vị với đơn vị khác", err)
	}
	return links, nil
}
