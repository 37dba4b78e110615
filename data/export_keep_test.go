package data

import (
	"encoding/binary"
	"testing"
)

// What the report data's keeping test (reportkeep_ext_test.go) reaches inside the package.
var (
	ReadReportData   = (*Store).readReportData
	KeepReportData   = (*Store).keepReportData
	KeptReportData   = (*Store).keptReportData
	EncodeKeptReport = encodeKeptReport
	DecodeKeptReport = decodeKeptReport
	ShareUnitStrings = shareUnitStrings
	KeptDecodedSize  = keptDecodedSize
)

const KeptReportKey = keptReportKey

// KeptFrames are the compressed parts of a kept value.
func KeptFrames(t testing.TB, v []byte) [][]byte {
	n, k := binary.Uvarint(v)
	if k <= 0 || n > uint64(len(v)-k) {
		t.Fatalf("the kept value does not start with the length of its first part")
	}
	return [][]byte{v[k : k+int(n)], v[k+int(n):]}
}
