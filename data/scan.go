package data

import (
	"fmt"
	"math"
	"strconv"
)

// Fast scanners for the field types records use most. database/sql converts into a *int or a
// **int by reflection, a cost paid for every field of every row: on the national snapshot it was
// a third of the time spent reading. These take what the driver gives (int64, float64, string,
// []byte or nil) straight into the field and refuse what database/sql would refuse.

// fastScanner wraps the field pointer in a scanner of its own when there is one.
func fastScanner(ptr any) any {
	switch p := ptr.(type) {
	case *int:
		return valueScan[int]{p, intOf}
	case **int:
		return optScan[int]{p, intOf}
	case *bool:
		return valueScan[bool]{p, boolOf}
	case **bool:
		return optScan[bool]{p, boolOf}
	case *float64:
		return valueScan[float64]{p, floatOf}
	case **float64:
		return optScan[float64]{p, floatOf}
	}
	return ptr
}

// valueScan reads a field that is always known; optScan one that may be unknown (NULL).
type (
	valueScan[T any] struct {
		p    *T
		conv func(any) (T, error)
	}
	optScan[T any] struct {
		p    **T
		conv func(any) (T, error)
	}
)

func (s valueScan[T]) Scan(src any) error {
	if src == nil {
		return fmt.Errorf("cannot read NULL into a field that is always known")
	}
	v, err := s.conv(src)
	*s.p = v
	return err
}

func (s optScan[T]) Scan(src any) error {
	if src == nil {
		*s.p = nil
		return nil
	}
	v, err := s.conv(src)
	if err != nil {
		return err
	}
	*s.p = &v
	return nil
}

func intOf(src any) (int, error) {
	switch v := src.(type) {
	case int64:
		return int(v), nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int(v), nil
		}
	case string:
		return strconv.Atoi(v)
	case []byte:
		return strconv.Atoi(string(v))
	}
	return 0, fmt.Errorf("cannot read %T %v as an integer", src, src)
}

func boolOf(src any) (bool, error) {
	switch v := src.(type) {
	case int64:
		switch v {
		case 0:
			return false, nil
		case 1:
			return true, nil
		}
	case bool:
		return v, nil
	case string:
		return strconv.ParseBool(v)
	case []byte:
		return strconv.ParseBool(string(v))
	}
	return false, fmt.Errorf("cannot read %T %v as a yes/no", src, src)
}

func floatOf(src any) (float64, error) {
	switch v := src.(type) {
	case float64:
		return v, nil
	case int64:
		return float64(v), nil
	case string:
		return strconv.ParseFloat(v, 64)
	case []byte:
		return strconv.ParseFloat(string(v), 64)
	}
	return 0, fmt.Errorf("cannot read %T %v as a number", src, src)
}

// flatJSON reads the JSON text of a flat object of numbers with plain keys ({"a":1,"b":2.5}),
// what the maps of records hold, calling put for each pair in order. false: the text is anything
// else (escapes, nesting, spaces in odd places), for encoding/json to read.
func flatJSON[S ~string | ~[]byte](b S, put func(key string, num string) bool) bool {
	i := 0
	skip := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
			i++
		}
	}
	skip()
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	skip()
	if i < len(b) && b[i] == '}' {
		i++
		skip()
		return i == len(b)
	}
	for {
		skip()
		if i >= len(b) || b[i] != '"' {
			return false
		}
		i++
		start := i
		for i < len(b) && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20 {
			i++
		}
		if i >= len(b) || b[i] != '"' {
			return false
		}
		key := string(b[start:i])
		i++
		skip()
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i++
		skip()
		start = i
		for i < len(b) && (b[i] == '-' || b[i] == '+' || b[i] == '.' || b[i] == 'e' || b[i] == 'E' || (b[i] >= '0' && b[i] <= '9')) {
			i++
		}
		if start == i || !put(key, string(b[start:i])) {
			return false
		}
		skip()
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i++
		case '}':
			i++
			skip()
			return i == len(b)
		default:
			return false
		}
	}
}

// fastJSON fills the maps records keep as JSON without encoding/json's reflection; false when the
// text or the map is of another shape.
func fastJSON[S ~string | ~[]byte](b S, ptr any) bool {
	// Made for as many pairs as the text may hold: a map of criteria scores grown from nothing was
	// rebuilt twice on its way to 19 pairs. Read from text, the keys and numbers are parts of it.
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] == ':' {
			n++
		}
	}
	switch m := ptr.(type) {
	case *map[string]int:
		out := make(map[string]int, n)
		ok := flatJSON(b, func(k, num string) bool {
			n, err := strconv.Atoi(num)
			if _, dup := out[k]; err != nil || dup {
				return false
			}
			out[k] = n
			return true
		})
		if ok {
			*m = out
		}
		return ok
	case *map[int]float64:
		out := make(map[int]float64, n)
		ok := flatJSON(b, func(k, num string) bool {
			n, err := strconv.Atoi(k)
			if err != nil {
				return false
			}
			f, err := strconv.ParseFloat(num, 64)
			if _, dup := out[n]; err != nil || dup {
				return false
			}
			out[n] = f
			return true
		})
		if ok {
			*m = out
		}
		return ok
	}
	return false
}
