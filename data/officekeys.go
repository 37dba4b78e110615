package data

import (
	"context"
	"database/sql"
	"time"
)

// OfficeKeyRecord is a signing key this office keeps for another (exchange's trust on first use).
type OfficeKeyRecord struct {
	OfficeID    string
	PublicKey   string // Ed25519, base64
	OfficeName  string
	ConfirmedBy string
	ConfirmedAt time.Time
	Current     bool // the key the office signs with now
}

// OfficeKeys lists the keys kept for an office ("": for every office), the newest first.
func (s *Store) OfficeKeys(ctx context.Context, office string) ([]OfficeKeyRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT office_id, public_key, office_name, confirmed_by, confirmed_at, current
		FROM office_keys WHERE ?1 = '' OR office_id = ?1 ORDER BY office_name, confirmed_at DESC`, office)
	if err != nil {
		return nil, internal("Không đọc được các khóa ký đã biết", err)
	}
	defer rows.Close()
	var out []OfficeKeyRecord
	for rows.Next() {
		var k OfficeKeyRecord
		var at string
		if err := rows.Scan(&k.OfficeID, &k.PublicKey, &k.OfficeName, &k.ConfirmedBy, &at, &k.Current); err != nil {
			return nil, internal("Không đọc được các khóa ký đã biết", err)
		}
		k.ConfirmedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, k)
	}
	return out, rows.Err()
}

// TrustOfficeKey keeps key as one office signs with, confirmed by the person at work now, beside
// those confirmed before. The change log says who confirmed which key.
func (s *Store) TrustOfficeKey(ctx context.Context, office, name, key string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a := s.actor(ctx)
		_, err := tx.ExecContext(ctx, `INSERT INTO office_keys (office_id, public_key, office_name, confirmed_by, confirmed_at, current)
			VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (office_id, public_key) DO UPDATE SET current = 1, office_name = excluded.office_name,
			confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`, office, key, name, a.person, a.at.Format(time.RFC3339Nano))
		if err != nil {
			return internal("Không ghi được khóa ký", err)
		}
		return logChange(ctx, tx, a, "office_keys", office, "public_key", "", key)
	})
}
