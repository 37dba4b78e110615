package data

import (
	"context"
	"log"

	"github.com/klauspost/compress/zstd"
)

// The report data of the whole file is kept beside the data, as the dashboard is (derived.go):
// reading it back is a fraction of reading the tables (the 2024 book of the Kon Tum sample: 230 →
// ~50 ms), and it is only given back while the data is in the state it was read in and by the
// program that read it, so it is never stale. A report of one unit (a profile, an area's book)
// reads little and keeps nothing; a file too large to keep (a national one, read whole) neither.
// The records are kept as the values their columns held, read back through the scanners the
// tables are read with (keepcodec.go).

// keptReportKey is the key of the whole file's report data in derived_cache.
const keptReportKey = "report-data/2"

// keptReportMax is the largest report data kept (bytes): the Kon Tum sample's is ~4 MB.
const keptReportMax = 48 << 20

// keptReportData gives back the whole file's report data when kept for the data as it is.
func (s *Store) keptReportData(ctx context.Context) (*Dataset, *TwinningData, bool) {
	v, ok, err := s.Derived(ctx, keptReportKey)
	if err != nil || !ok {
		return nil, nil, false
	}
	ds, td := &Dataset{}, &TwinningData{}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err == nil {
		defer dec.Close()
		v, err = dec.DecodeAll(v, make([]byte, 0, keptDecodedSize(v)))
	}
	if err == nil {
		err = readKeptReport(v, ds, td)
	}
	if err != nil {
		log.Printf("report data kept in %s not read: %v", s.path, err)
		return nil, nil, false
	}
	shareUnitStrings(ds.Units)
	return ds, td, true
}

// keptDecodedSize is the size of the kept data once decompressed, as its frame says, so that it is
// decoded into one list of its size: a guess of 8× the compressed size fell 6% short on the Kon Tum
// sample, and the 4 MB list was then grown into another of 8 MB as it filled (4 MB less taken by a
// book's process; its time did not change measurably).
func keptDecodedSize(v []byte) int {
	var h zstd.Header
	if h.Decode(v) == nil && h.HasFCS && h.FrameContentSize <= keptReportMax {
		return int(h.FrameContentSize)
	}
	return 8 * len(v)
}

func readKeptReport(v []byte, ds *Dataset, td *TwinningData) error {
	pos := 0
	opt := reportRead("")
	for _, k := range kinds {
		if k.intoDataset == nil {
			continue
		}
		if err := k.keepIn(v, &pos, ds, opt.cols[k.Table]); err != nil {
			return err
		}
	}
	var err error
	if td.Units, err = readRows[TwinningUnit](v, &pos, nil); err != nil {
		return err
	}
	if td.Assignments, err = readRows[Assignment](v, &pos, nil); err != nil {
		return err
	}
	if td.Activities, err = readRows[Activity](v, &pos, nil); err != nil {
		return err
	}
	if pos != len(v) {
		return errKept
	}
	return nil
}

// keepReportData keeps the whole file's report data read in the state stamp, when it is small
// enough; what cannot be kept is only logged.
func (s *Store) keepReportData(ctx context.Context, stamp int64, ds *Dataset, td *TwinningData) {
	if s.readOnly || len(ds.Reviews) > keptReportMax/64 {
		return // a national file read whole is far beyond keptReportMax: not worth encoding
	}
	b, err := appendKeptReport(ds, td)
	if err != nil {
		log.Printf("report data of %s not kept: %v", s.path, err)
		return
	}
	if len(b) > keptReportMax {
		return
	}
	// Compressed: a kept value of megabytes is read from SQLite's overflow pages one by one.
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		log.Printf("report data of %s not kept: %v", s.path, err)
		return
	}
	b = enc.EncodeAll(b, nil)
	enc.Close()
	if err := s.KeepDerived(ctx, keptReportKey, stamp, b); err != nil {
		log.Printf("report data of %s not kept: %v", s.path, err)
	}
}

func appendKeptReport(ds *Dataset, td *TwinningData) ([]byte, error) {
	var b []byte
	var err error
	opt := reportRead("")
	for _, k := range kinds {
		if k.intoDataset == nil {
			continue
		}
		if b, err = k.keepOut(b, ds, opt.cols[k.Table]); err != nil {
			return nil, err
		}
	}
	if b, err = appendRows[TwinningUnit](b, td.Units, nil); err != nil {
		return nil, err
	}
	if b, err = appendRows[Assignment](b, td.Assignments, nil); err != nil {
		return nil, err
	}
	return appendRows[Activity](b, td.Activities, nil)
}
