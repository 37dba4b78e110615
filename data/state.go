package data

import (
	"database/sql/driver"
	"fmt"
	"hash/fnv"

	"modernc.org/sqlite"
)

// The exchange memories (data/exchange) keep a record's state not as its whole Stamp, and the peer
// office not as its whole ID, but as 8 bytes each: an office remembers one or two states of every
// record it has exchanged, 1.2 million on a national file, and compares them only for equality.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("kn_key", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return ShortKey(s), nil
	})
}

// ShortKey is a state (Stamp) or an office ID in the short form exchange memories keep: its 64-bit
// FNV-1a hash. The empty stamp is the state of no record.
func ShortKey(s string) []byte {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum(nil)
}

// StateSQL is ShortKey(Stamp) in SQL, of the row named alias.
func StateSQL(alias string) string {
	return fmt.Sprintf("kn_key(%s)", StampSQL(alias))
}
