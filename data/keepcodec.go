package data

import (
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"
	"unsafe"
)

// A list of records is kept (reportkeep.go) as the values the driver gave for its columns, and read
// back through the very scanners the tables are read with: what comes back is what a read of the
// tables gives, a pointer to zero included (encoding/gob leaves such a pointer nil, an unknown).

// Value tags.
const (
	keptNil byte = iota
	keptInt
	keptFloat
	keptText
	keptBytes
	keptTime
)

var errKept = errors.New("kept records cut short")

// appendRows appends the columns only (nil: all) of rows to b.
func appendRows[T any, PT interface {
	*T
	record
}](b []byte, rows []T, only []string) ([]byte, error) {
	places, err := keptPlaces[T, PT](only)
	if err != nil {
		return nil, err
	}
	b = binary.AppendUvarint(b, uint64(len(rows)))
	for i := range rows {
		for _, c := range places {
			v := value(c.colAt(unsafe.Pointer(&rows[i])))
			if vr, ok := v.(driver.Valuer); ok {
				var err error
				if v, err = vr.Value(); err != nil {
					return nil, err
				}
			}
			switch x := v.(type) {
			case nil:
				b = append(b, keptNil)
			case int64:
				b = binary.AppendVarint(append(b, keptInt), x)
			case float64:
				b = binary.LittleEndian.AppendUint64(append(b, keptFloat), math.Float64bits(x))
			case string:
				b = append(binary.AppendUvarint(append(b, keptText), uint64(len(x))), x...)
			case []byte:
				b = append(binary.AppendUvarint(append(b, keptBytes), uint64(len(x))), x...)
			case time.Time:
				tb, err := x.MarshalBinary()
				if err != nil {
					return nil, err
				}
				b = append(binary.AppendUvarint(append(b, keptTime), uint64(len(tb))), tb...)
			default:
				return nil, fmt.Errorf("cannot keep %T", v)
			}
		}
	}
	return b, nil
}

// readRows reads back rows appended by appendRows with the same columns, from b at *pos.
func readRows[T any, PT interface {
	*T
	record
}](b []byte, pos *int, only []string) ([]T, error) {
	places, err := keptPlaces[T, PT](only)
	if err != nil {
		return nil, err
	}
	n, k := binary.Uvarint(b[*pos:])
	if k <= 0 || n > uint64(len(b)) {
		return nil, errKept
	}
	*pos += k
	if n == 0 {
		return nil, nil
	}
	rows := make([]T, n)
	for i := range rows {
		base := unsafe.Pointer(&rows[i])
		for j := range places {
			if readPlain(b, pos, &places[j], base) {
				continue
			}
			v, err := readValue(b, pos)
			if err != nil {
				return nil, err
			}
			if err := places[j].put(base, v); err != nil {
				return nil, fmt.Errorf("%s: %w", places[j].name, err)
			}
		}
	}
	return rows, nil
}

// keptPlaces are the places of the columns only (nil: all) of T, which every kept kind has.
func keptPlaces[T any, PT interface {
	*T
	record
}](only []string) ([]colPlace, error) {
	places, ok := placesOf[T, PT](colPlaces[T, PT](only))
	if !ok {
		var zero T
		return nil, fmt.Errorf("the columns of %T cannot be kept", zero)
	}
	return places, nil
}

// colPlaces are the places of the columns only (nil: all) among a record's.
func colPlaces[T any, PT interface {
	*T
	record
}](only []string) []int {
	var zero T
	var at []int
	for i, c := range allCols(PT(&zero)) {
		if only == nil || slices.Contains(only, c.name) {
			at = append(at, i)
		}
	}
	return at
}

// readPlain reads the value at *pos straight into the field of the column when it is of the
// field's own kind (a text into a text, a whole number into a number), without making it a value
// of any kind first; false leaves *pos where it was, for readValue and put.
func readPlain(b []byte, pos *int, c *colPlace, base unsafe.Pointer) bool {
	i := *pos
	if i >= len(b) {
		return false
	}
	p := c.field(base)
	switch tag := b[i]; {
	case tag == keptText && c.kind == placeString:
		n, k := binary.Uvarint(b[i+1:])
		if k <= 0 || uint64(len(b)-i-1-k) < n {
			return false
		}
		start := i + 1 + k
		*(*string)(p) = string(b[start : start+int(n)])
		*pos = start + int(n)
		return true
	case tag == keptInt && (c.kind == placeInt || c.kind == placeOptInt):
		x, k := binary.Varint(b[i+1:])
		if k <= 0 {
			return false
		}
		if c.kind == placeInt {
			*(*int)(p) = int(x)
		} else {
			v := int(x)
			*(**int)(p) = &v
		}
		*pos = i + 1 + k
		return true
	case tag == keptNil && (c.kind == placeOptInt || c.kind == placeOptBool || c.kind == placeOptFloat):
		*(*unsafe.Pointer)(p) = nil
		*pos = i + 1
		return true
	}
	return false
}

func readValue(b []byte, pos *int) (any, error) {
	if *pos >= len(b) {
		return nil, errKept
	}
	tag := b[*pos]
	*pos++
	switch tag {
	case keptNil:
		return nil, nil
	case keptInt:
		x, k := binary.Varint(b[*pos:])
		if k <= 0 {
			return nil, errKept
		}
		*pos += k
		return x, nil
	case keptFloat:
		if *pos+8 > len(b) {
			return nil, errKept
		}
		x := math.Float64frombits(binary.LittleEndian.Uint64(b[*pos:]))
		*pos += 8
		return x, nil
	case keptText, keptBytes, keptTime:
		n, k := binary.Uvarint(b[*pos:])
		if k <= 0 || uint64(len(b)-*pos-k) < n {
			return nil, errKept
		}
		*pos += k
		raw := b[*pos : *pos+int(n)]
		*pos += int(n)
		switch tag {
		case keptText:
			return string(raw), nil
		case keptBytes:
			return slices.Clone(raw), nil
		}
		var t time.Time
		err := t.UnmarshalBinary(raw)
		return t, err
	}
	return nil, fmt.Errorf("kept value of unknown kind %d", tag)
}

// assign puts a value as the driver gives it into a field, as a read of the table does.
func assign(ptr, v any) error {
	if sc, ok := fastScanner(ptr).(sql.Scanner); ok {
		return sc.Scan(v)
	}
	if p, ok := ptr.(*string); ok {
		switch x := v.(type) {
		case string:
			*p = x
			return nil
		case nil:
			*p = ""
			return nil
		}
	}
	rv := reflect.ValueOf(ptr).Elem()
	if rv.Kind() == reflect.Pointer {
		if v == nil {
			rv.SetZero()
			return nil
		}
		rv.Set(reflect.New(rv.Type().Elem()))
		rv = rv.Elem()
	}
	switch x := v.(type) {
	case string:
		if rv.Kind() == reflect.String {
			rv.SetString(x)
			return nil
		}
	case []byte:
		if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
			rv.SetBytes(x)
			return nil
		}
		if rv.Kind() == reflect.String {
			rv.SetString(string(x))
			return nil
		}
	case int64:
		switch rv.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
			rv.SetInt(x)
			return nil
		case reflect.Bool:
			rv.SetBool(x != 0)
			return nil
		case reflect.Float64:
			rv.SetFloat(float64(x))
			return nil
		}
	case float64:
		if rv.Kind() == reflect.Float64 {
			rv.SetFloat(x)
			return nil
		}
	case nil:
		rv.SetZero()
		return nil
	}
	return fmt.Errorf("cannot put a kept %T into %s", v, rv.Type())
}
