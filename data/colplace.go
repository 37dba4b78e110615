package data

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Reading a list of records points each column read at its field in the record. Listing the
// columns of every record anew (allCols) made and dropped a list of some 27 columns per row: half
// of what reading the kept report data back allocated (36 of 68 MB for the Kon Tum sample), and
// garbage of the same weight for every national read. The columns of a type are found once, on
// a record of that type, and each is known by the place of its field in the record (its offset):
// the same column of any other record of the type is the field at the same place.

// colPlace is a column known by the place of its field.
type colPlace struct {
	name string
	off  uintptr        // of the field from the start of the record
	typ  unsafe.Pointer // the type of the column's pointer, as an interface holds it
	kind placeKind
}

type placeKind uint8

const (
	placeAny      placeKind = iota // a pointer (or a struct of one pointer) into the record, rebuilt as it was
	placeString                    // *string
	placeInt                       // *int
	placeOptInt                    // **int
	placeBool                      // *bool
	placeOptBool                   // **bool
	placeFloat                     // *float64
	placeOptFloat                  // **float64
	placeJSON                      // jsonCol holding a pointer into the record (typ is that pointer's)
)

// eface is how an interface value is laid out: its type, then its data word, which for a pointer
// (or a struct of a single pointer) is the pointer itself.
type eface struct{ typ, data unsafe.Pointer }

// placesOf are the places of the columns at (places among allCols) of records of type T; false
// when a column's pointer is not held directly by its interface and cannot be placed.
func placesOf[T any, PT interface {
	*T
	record
}](at []int) ([]colPlace, bool) {
	rec := new(T) // on the heap, where it does not move while its addresses are compared
	all := allCols(PT(rec))
	base, size := uintptr(unsafe.Pointer(rec)), unsafe.Sizeof(*rec)
	out := make([]colPlace, len(at))
	for i, k := range at {
		ptr := all[k].ptr
		kind := placeAny
		switch p := ptr.(type) {
		case *string:
			kind = placeString
		case *int:
			kind = placeInt
		case **int:
			kind = placeOptInt
		case *bool:
			kind = placeBool
		case **bool:
			kind = placeOptBool
		case *float64:
			kind = placeFloat
		case **float64:
			kind = placeOptFloat
		case jsonCol:
			ptr, kind = p.ptr, placeJSON
		}
		if !pointerShaped(reflect.TypeOf(ptr)) {
			return nil, false
		}
		e := (*eface)(unsafe.Pointer(&ptr))
		d := uintptr(e.data)
		if d < base || d >= base+size {
			return nil, false
		}
		out[i] = colPlace{name: all[k].name, off: d - base, typ: e.typ, kind: kind}
	}
	return out, true
}

// pointerShaped: an interface holds a value of type t as its data word.
func pointerShaped(t reflect.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		return true
	case reflect.Struct:
		return t.NumField() == 1 && t.Field(0).Type.Kind() == reflect.Pointer
	}
	return false
}

// field is the address of the column's field in the record at base.
func (c *colPlace) field(base unsafe.Pointer) unsafe.Pointer { return unsafe.Add(base, c.off) }

// ptrAt is the column's pointer (as allCols gives it, a jsonCol's inside) for the record at base.
func (c *colPlace) ptrAt(base unsafe.Pointer) any {
	e := eface{c.typ, c.field(base)}
	return *(*any)(unsafe.Pointer(&e))
}

// colAt is the column's pointer as allCols gives it, for the record at base.
func (c *colPlace) colAt(base unsafe.Pointer) any {
	if c.kind == placeJSON {
		return jsonCol{c.ptrAt(base)}
	}
	return c.ptrAt(base)
}

// put puts a value as the driver gives it into the column's field of the record at base, as
// assign does.
func (c *colPlace) put(base unsafe.Pointer, v any) error {
	p := c.field(base)
	switch c.kind {
	case placeString:
		switch x := v.(type) {
		case string:
			*(*string)(p) = x
			return nil
		case nil:
			*(*string)(p) = ""
			return nil
		}
	case placeJSON:
		return jsonCol{c.ptrAt(base)}.Scan(v)
	case placeAny:
	default:
		return c.scan(p, v)
	}
	return assign(c.ptrAt(base), v)
}

// scan reads src into the field at p of a column of a fast kind, as fastScanner's scanners do.
func (c *colPlace) scan(p unsafe.Pointer, src any) error {
	switch c.kind {
	case placeInt:
		return valueScan[int]{(*int)(p), intOf}.Scan(src)
	case placeOptInt:
		return optScan[int]{(**int)(p), intOf}.Scan(src)
	case placeBool:
		return valueScan[bool]{(*bool)(p), boolOf}.Scan(src)
	case placeOptBool:
		return optScan[bool]{(**bool)(p), boolOf}.Scan(src)
	case placeFloat:
		return valueScan[float64]{(*float64)(p), floatOf}.Scan(src)
	case placeOptFloat:
		return optScan[float64]{(**float64)(p), floatOf}.Scan(src)
	}
	return fmt.Errorf("a column of kind %d is not read by scan", c.kind)
}

// placedScan is the scan target of one column, pointed at the record of each row in turn: one
// per column for a whole read, where fastScanner made one per column and row.
type placedScan struct {
	c    *colPlace
	base unsafe.Pointer
}

func (s *placedScan) Scan(src any) error {
	if s.c.kind == placeJSON {
		return jsonCol{s.c.ptrAt(s.base)}.Scan(src)
	}
	return s.c.scan(s.c.field(s.base), src)
}

// placedTargets are the scan targets of the columns at places: for each row, point(base) points
// them at the record at base. A column of a kind database/sql reads straight (text, a Date, a
// kind) is given to it as the field's own pointer.
type placedTargets struct {
	places  []colPlace
	scans   []placedScan
	targets []any
}

func newPlacedTargets(places []colPlace) *placedTargets {
	t := &placedTargets{places: places, scans: make([]placedScan, len(places)), targets: make([]any, len(places))}
	for i := range places {
		t.scans[i].c = &t.places[i]
	}
	return t
}

func (t *placedTargets) point(base unsafe.Pointer) []any {
	for i := range t.places {
		switch c := &t.places[i]; c.kind {
		case placeAny, placeString:
			t.targets[i] = c.ptrAt(base)
		default:
			t.scans[i].base = base
			t.targets[i] = &t.scans[i]
		}
	}
	return t.targets
}
