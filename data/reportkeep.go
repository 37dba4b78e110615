package data

import (
	"context"
	"encoding/binary"
	"errors"
	"log"

	"github.com/klauspost/compress/zstd"
)

// The report data of the whole file is kept beside the data, as the dashboard is (derived.go):
// reading it back is a fraction of reading the tables (the 2024 book of the Kon Tum sample: 230 →
// ~50 ms), and it is only given back while the data is in the state it was read in and by the
// program that read it (so a build never reads another's form of it), so it is never stale. A
// report of one unit (a profile, an area's book) reads little and keeps nothing; a file too large
// to keep (a national one, read whole) neither. The records are kept as the values their columns
// held, read back through the scanners the tables are read with (keepcodec.go).
//
// It is kept in two parts, each compressed on its own, and the two are read back side by side,
// one on each processor: the reviews (half of the time of reading it back) and the rest.

// keptReportKey is the key of the whole file's report data in derived_cache.
const keptReportKey = "report-data/2"

// errKeptTooLarge: the report data is larger than keptReportMax, and is not kept.
var errKeptTooLarge = errors.New("report data too large to keep")

// keptReportMax is the largest report data kept (bytes): the Kon Tum sample's is ~4 MB.
const keptReportMax = 48 << 20

// The parts of the kept report data.
const (
	keptReviews = iota // the reviews
	keptRest           // every other kind the reports read, then the twinning records
	keptParts
)

// keptReportData gives back the whole file's report data when kept for the data as it is.
func (s *Store) keptReportData(ctx context.Context) (*Dataset, *TwinningData, bool) {
	v, ok, err := s.Derived(ctx, keptReportKey)
	if err != nil || !ok {
		return nil, nil, false
	}
	ds, td, err := decodeKeptReport(v)
	if err != nil {
		log.Printf("report data kept in %s not read: %v", s.path, err)
		return nil, nil, false
	}
	return ds, td, true
}

// keepReportData keeps the whole file's report data read in the state stamp, when it is small
// enough; what cannot be kept is only logged.
func (s *Store) keepReportData(ctx context.Context, stamp int64, ds *Dataset, td *TwinningData) {
	if s.readOnly || len(ds.Reviews) > keptReportMax/64 {
		return // a national file read whole is far beyond keptReportMax: not worth encoding
	}
	b, err := encodeKeptReport(ds, td)
	if err != nil {
		if err != errKeptTooLarge {
			log.Printf("report data of %s not kept: %v", s.path, err)
		}
		return
	}
	if err := s.KeepDerived(ctx, keptReportKey, stamp, b); err != nil {
		log.Printf("report data of %s not kept: %v", s.path, err)
	}
}

// encodeKeptReport is the kept form of report data: the length of the first part's frame, then the
// frames of the parts, compressed (a kept value of megabytes is read from SQLite's overflow pages
// one by one).
func encodeKeptReport(ds *Dataset, td *TwinningData) ([]byte, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	var frames [keptParts][]byte
	size := 0
	for part := range keptParts {
		b, err := appendKeptPart(nil, part, ds, td)
		if err != nil {
			return nil, err
		}
		if size += len(b); size > keptReportMax {
			return nil, errKeptTooLarge
		}
		frames[part] = enc.EncodeAll(b, nil)
	}
	out := binary.AppendUvarint(nil, uint64(len(frames[keptReviews])))
	return append(append(out, frames[keptReviews]...), frames[keptRest]...), nil
}

// decodeKeptReport reads the kept form back, its two parts side by side.
func decodeKeptReport(v []byte) (*Dataset, *TwinningData, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || n > uint64(len(v)-k) {
		return nil, nil, errKept
	}
	frames := [keptParts][]byte{v[k : k+int(n)], v[k+int(n):]}
	var (
		parts [keptParts]*Dataset
		errs  [keptParts]error
		td    = &TwinningData{}
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		parts[keptReviews], errs[keptReviews] = decodeKeptPart(frames[keptReviews], keptReviews, nil)
	}()
	parts[keptRest], errs[keptRest] = decodeKeptPart(frames[keptRest], keptRest, td)
	<-done
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	ds := parts[keptRest]
	ds.Reviews = parts[keptReviews].Reviews
	shareUnitStrings(ds.Units)
	return ds, td, nil
}

// decodeKeptPart decompresses one part's frame and reads its records.
func decodeKeptPart(frame []byte, part int, td *TwinningData) (*Dataset, error) {
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	b, err := dec.DecodeAll(frame, make([]byte, 0, keptDecodedSize(frame)))
	if err != nil {
		return nil, err
	}
	ds := &Dataset{}
	if err := readKeptPart(b, part, ds, td); err != nil {
		return nil, err
	}
	return ds, nil
}

// keptDecodedSize is the size of a part once decompressed, as its frame says, so that it is
// decoded into one list of its size: a guess of 8× the compressed size fell 6% short on the Kon Tum
// sample, and the 4 MB list was then grown into another of 8 MB as it filled.
func keptDecodedSize(frame []byte) int {
	var h zstd.Header
	if h.Decode(frame) == nil && h.HasFCS && h.FrameContentSize <= keptReportMax {
		return int(h.FrameContentSize)
	}
	return 8 * len(frame)
}

// inKeptPart tells the kinds of a part.
func inKeptPart(k *RecordKind, part int) bool {
	return k.intoDataset != nil && (k.Table == "reviews") == (part == keptReviews)
}

// appendKeptPart appends the records of a part to b: the columns reports read of each kind, in
// the order of the registry, and for the rest the twinning records at the end.
func appendKeptPart(b []byte, part int, ds *Dataset, td *TwinningData) ([]byte, error) {
	var err error
	opt := reportRead("")
	for i := range kinds {
		k := &kinds[i]
		if !inKeptPart(k, part) {
			continue
		}
		if b, err = k.keepOut(b, ds, opt.cols[k.Table]); err != nil {
			return nil, err
		}
	}
	if part != keptRest {
		return b, nil
	}
	if b, err = appendRows[TwinningUnit](b, td.Units, nil); err != nil {
		return nil, err
	}
	if b, err = appendRows[Assignment](b, td.Assignments, nil); err != nil {
		return nil, err
	}
	return appendRows[Activity](b, td.Activities, nil)
}

// readKeptPart reads what appendKeptPart wrote, all of it.
func readKeptPart(v []byte, part int, ds *Dataset, td *TwinningData) error {
	pos := 0
	opt := reportRead("")
	for i := range kinds {
		k := &kinds[i]
		if !inKeptPart(k, part) {
			continue
		}
		if err := k.keepIn(v, &pos, ds, opt.cols[k.Table]); err != nil {
			return err
		}
	}
	if part == keptRest {
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
	}
	if pos != len(v) {
		return errKept
	}
	return nil
}
