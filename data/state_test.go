package data_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"ketnghia/data"
)

// TestExchangeMemoriesAreKeptShortAfterTheUpgrade: the memories an older program wrote (whole
// stamps, office IDs) are brought into the short form, each state and peer to its key, "mine" left empty when it is
// the state received, and "no record here" kept apart.
func TestExchangeMemoriesAreKeptShortAfterTheUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cu.db")
	if err := data.CreatePackageFileAt(ctx, path, 4); err != nil {
		t.Fatal(err)
	}
	db, err := data.OpenPackageForUpgrade(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const s1, s2 = "2024-05-01T08:30:00.5Z|office-a|3", "2024-06-01T09:00:00Z|office-b|4"
	for _, r := range [][]string{{"same", s1, s1}, {"changed", s1, s2}, {"none", s2, ""}} {
		if _, err := db.ExecContext(ctx, "INSERT INTO exchange_base VALUES ('peer', 'reviews', ?, ?, ?)", r[0], r[1], r[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := data.UpgradePackage(ctx, db, 4); err != nil {
		t.Fatal(err)
	}
	want := map[string][2][]byte{
		"same":    {data.ShortKey(s1), nil},
		"changed": {data.ShortKey(s1), data.ShortKey(s2)},
		"none":    {data.ShortKey(s2), data.ShortKey("")},
	}
	rows, err := db.QueryContext(ctx, "SELECT record_id, theirs, mine FROM exchange_base WHERE peer = ?", data.ShortKey("peer"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id string
		var theirs, mine []byte
		if err := rows.Scan(&id, &theirs, &mine); err != nil {
			t.Fatal(err)
		}
		w := want[id]
		if !bytes.Equal(theirs, w[0]) || !bytes.Equal(mine, w[1]) || (w[1] == nil) != (mine == nil) {
			t.Errorf("%s: theirs %x mine %x, want %x %x", id, theirs, mine, w[0], w[1])
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d memories after the upgrade, want 3", n)
	}
	if len(data.ShortKey(s1)) != 8 || bytes.Equal(data.ShortKey(s1), data.ShortKey(s2)) || bytes.Equal(data.ShortKey(""), data.ShortKey(s1)) {
		t.Error("state keys are not 8 distinct bytes")
	}
}
