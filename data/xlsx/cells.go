package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"ketnghia/data"
	"ketnghia/data/vntext"
)

// A cell as a person writes it in a workbook (1.234 and 12,5 the Vietnamese way, có/không, x, đúng,
// dd/mm/yyyy, a date cell as the number of days Excel counts) read into a value of the field's own
// type, which the store sets (data.SetField). Each error is a Vietnamese sentence about the value.

// typedCell is a cell's value (a string as read, a float64 of a number cell, nil when blank) as a
// value of field f's type; text, choices and figures by code go as they are, the store reads them.
func typedCell(f data.Field, v any) (any, error) {
	if s, ok := v.(string); ok {
		if s = vntext.NFC(s); s == "" {
			return nil, nil
		}
		v = s
	}
	if v == nil || len(f.Choices) > 0 {
		return v, nil
	}
	switch f.Kind {
	case data.FieldInt:
		return intOfCell(v)
	case data.FieldFloat:
		return floatOfCell(v)
	case data.FieldBool:
		return boolOfCell(v)
	case data.FieldDate:
		return dateOfCell(v)
	}
	return v, nil
}

func intOfCell(v any) (int64, error) {
	switch x := v.(type) {
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1e15 {
			return 0, fmt.Errorf("%s không phải là số nguyên", vntext.DecimalTrim(x))
		}
		return int64(x), nil
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case string:
		n, err := vntext.ParseInt(x)
		if err != nil || n > 1e15 || n < -1e15 {
			return 0, fmt.Errorf("%q không phải là số nguyên", x)
		}
		return n, nil
	}
	return 0, fmt.Errorf("cần một số nguyên")
}

func floatOfCell(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, fmt.Errorf("cần một số")
		}
		return x, nil
	case int64:
		return float64(x), nil
	case string:
		return vntext.ParseDecimal(x)
	}
	return 0, fmt.Errorf("cần một số")
}

func boolOfCell(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case float64:
		switch x {
		case 1:
			return true, nil
		case 0:
			return false, nil
		}
	case string:
		if yes, ok := vntext.YesNo(x); ok {
			return yes, nil
		}
		return false, fmt.Errorf("%q: cần ghi \"có\" hoặc \"không\"", x)
	}
	return false, fmt.Errorf("cần ghi \"có\" hoặc \"không\"")
}

// dateOfCell reads a day: a date cell (Excel counts days from 30/12/1899), dd/mm/yyyy or yyyy-mm-dd.
func dateOfCell(v any) (data.Date, error) {
	switch x := v.(type) {
	case time.Time:
		return data.DateOf(x), nil
	case data.Date:
		return x, nil
	case float64:
		if x < 1 || x > 2958465 || x != math.Trunc(x) {
			return data.Date{}, fmt.Errorf("%s không phải là một ngày", vntext.DecimalTrim(x))
		}
		return data.DateOf(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(x))), nil
	case string:
		t, err := vntext.ParseDate(x)
		if err != nil {
			return data.Date{}, fmt.Errorf("ngày %q không đúng dạng dd/mm/yyyy", x)
		}
		return data.DateOf(t), nil
	}
	return data.Date{}, fmt.Errorf("cần một ngày dạng dd/mm/yyyy")
}

// cellNumber reads the value of a number cell as the workbook stores it (always with a
// decimal point), as the importer gets it.
func cellNumber(raw string) (float64, bool) {
	x, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	return x, err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// cellYesNo reads "có" or "không" (and the ways a sheet writes them: x, 1, 0, đúng, sai).
func cellYesNo(s string) (bool, error) {
	if strings.TrimSpace(s) == "" {
		return false, nil
	}
	return boolOfCell(s)
}
