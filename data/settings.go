package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// DefaultSettings are the report header texts of Kon Tum's steering committee; every one is editable.
func DefaultSettings() Settings {
	return Settings{
		OfficeName:       "Văn phòng Ban Chỉ đạo tỉnh",
		SuperiorBody:     "TỈNH ỦY KON TUM",
		IssuingBody:      "BAN CHỈ ĐẠO THỰC HIỆN NGHỊ QUYẾT 04-NQ/TU",
		Place:            "Kon Tum",
		NumberPrefix:     "-BC/BCĐ",
		SignerTitle:      "TRƯỞNG BAN",
		SignerOnBehalfOf: false,
		Recipients:       []string{"Thường trực Tỉnh ủy (b/c)", "Các thành viên Ban Chỉ đạo", "Lưu VP BCĐ"},
		BackupsKeep:      DefaultBackupsKeep,
	}
}

func settingsToMap(st Settings) map[string]string {
	return map[string]string{
		"office_id":           st.OfficeID,
		"office_name":         st.OfficeName,
		"person":              st.Person,
		"superior_body":       st.SuperiorBody,
		"issuing_body":        st.IssuingBody,
		"place":               st.Place,
		"number_prefix":       st.NumberPrefix,
		"signer_title":        st.SignerTitle,
		"signer_on_behalf_of": boolText(st.SignerOnBehalfOf),
		"signer_name":         st.SignerName,
		"recipients":          strings.Join(st.Recipients, "\n"),
		"sample_data":         boolText(st.SampleData),
		"backups_keep":        strconv.Itoa(st.BackupsKeep),
		"office_named":        boolText(st.OfficeNamed),
		"approves":            boolText(st.Approves),
	}
}

func settingsFromMap(m map[string]string) Settings {
	st := Settings{
		OfficeID:         m["office_id"],
		OfficeName:       m["office_name"],
		Person:           m["person"],
		SuperiorBody:     m["superior_body"],
		IssuingBody:      m["issuing_body"],
		Place:            m["place"],
		NumberPrefix:     m["number_prefix"],
		SignerTitle:      m["signer_title"],
		SignerOnBehalfOf: m["signer_on_behalf_of"] == "1",
		SignerName:       m["signer_name"],
		SampleData:       m["sample_data"] == "1",
		BackupsKeep:      DefaultBackupsKeep,
		OfficeNamed:      m["office_named"] == "1",
		Approves:         m["approves"] == "1",
	}
	if n, err := strconv.Atoi(m["backups_keep"]); err == nil && n > 0 {
		st.BackupsKeep = n
	}
	if r := m["recipients"]; r != "" {
		st.Recipients = strings.Split(r, "\n")
	}
	return st
}

func writeSettings(ctx context.Context, tx *sql.Tx, st Settings) error {
	for k, v := range settingsToMap(st) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return internal("Không ghi được cài đặt", err)
		}
	}
	return nil
}

// Settings reads this office's settings.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return Settings{}, internal("Không đọc được cài đặt", err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return Settings{}, internal("Không đọc được cài đặt", err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return Settings{}, internal("Không đọc được cài đặt", err)
	}
	return settingsFromMap(m), nil
}

// SaveSettings writes the settings. The office identity cannot be changed: it is what other offices
// know this one by when their work is merged.
func (s *Store) SaveSettings(ctx context.Context, st Settings) error {
	st.OfficeName = nfcTrim(st.OfficeName)
	if st.OfficeName == "" {
		return invalid("office_name", "Tên đơn vị sử dụng không được để trống")
	}
	if err := printable([]col{{name: "office_name", ptr: &st.OfficeName}}); err != nil {
		return err
	}
	st.OfficeID = s.office
	if st.BackupsKeep == 0 {
		st.BackupsKeep = DefaultBackupsKeep
	}
	if st.BackupsKeep < 1 || st.BackupsKeep > 1000 {
		return invalid("backups_keep", "Số bản sao lưu giữ lại phải từ 1 đến 1000")
	}
	for _, p := range []*string{&st.Person, &st.SuperiorBody, &st.IssuingBody, &st.Place, &st.NumberPrefix, &st.SignerTitle, &st.SignerName} {
		*p = nfcTrim(*p)
	}
	var rs []string
	for _, r := range st.Recipients {
		if r = nfcTrim(r); r != "" {
			rs = append(rs, r)
		}
	}
	st.Recipients = rs
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := writeSettings(ctx, tx, st); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO offices(id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name", st.OfficeID, st.OfficeName)
		return err
	})
	if err == nil {
		s.person = st.Person
	}
	return err
}

// Remembered reads something the program remembered for next time under key (a workbook's
// column layout), "" and false when nothing is.
func (s *Store) Remembered(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", "remember."+key).Scan(&v)
	switch {
	case err == nil:
		return v, true, nil
	case err == sql.ErrNoRows:
		return "", false, nil
	}
	return "", false, internal("Không đọc được cài đặt", err)
}

// Remember keeps value under key for next time.
func (s *Store) Remember(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "remember."+key, value)
		if err != nil {
			return internal("Không ghi được cài đặt", err)
		}
		return nil
	})
}

// OfficeName is the name an office is known by here: this office's own, or the name another office
// gave in the packages imported from it ("" when none came).
func (s *Store) OfficeName(ctx context.Context, id string) string {
	if id == s.office {
		if st, err := s.Settings(ctx); err == nil {
			return st.OfficeName
		}
	}
	var name string
	s.db.QueryRowContext(ctx, "SELECT name FROM offices WHERE id = ?", id).Scan(&name)
	return name
}

// OfficeNames are the names offices are known by here, by identity: this office's own and those
// packages brought.
func (s *Store) OfficeNames(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT id, name FROM offices")
	if err != nil {
		return nil, internal("Không đọc được tên các văn phòng", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, internal("Không đọc được tên các văn phòng", err)
		}
		out[id] = name
	}
	if st, err := s.Settings(ctx); err == nil {
		out[st.OfficeID] = st.OfficeName
	}
	return out, rows.Err()
}
