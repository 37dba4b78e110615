package data

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day; the zero Date means "not known" and is stored as NULL.
// It is four bytes: every unit holds three, and at 24 bytes each they were 6 MB of a national
// file's tree of units.
type Date struct {
	year       int16
	month, day uint8
}

// D builds a Date.
func D(year int, month time.Month, day int) Date {
	return Date{year: int16(year), month: uint8(month), day: uint8(day)}
}

// Year, Month and Day are the parts of the day (0 for the zero Date).
func (d Date) Year() int         { return int(d.year) }
func (d Date) Month() time.Month { return time.Month(d.month) }
func (d Date) Day() int          { return int(d.day) }

// dateJSON is a Date as JSON has always written it.
type dateJSON struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(dateJSON{d.Year(), d.Month(), d.Day()})
}

func (d *Date) UnmarshalJSON(b []byte) error {
	var j dateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = D(j.Year, j.Month, j.Day)
	return nil
}

// DateOf takes the calendar day of t in its own location.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return D(y, m, d)
}

// ParseISODate reads yyyy-mm-dd; "" gives the zero Date.
func ParseISODate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày %q không hợp lệ", s)
	}
	return DateOf(t), nil
}

func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of the day.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// ISO is yyyy-mm-dd, the stored form ("" when zero).
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), int(d.Month()), d.Day())
}

// String is dd/mm/yyyy, the Vietnamese form ("" when zero).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
}

// Before reports whether d is earlier than o (the zero Date is earlier than any day).
func (d Date) Before(o Date) bool {
	if d.year != o.year {
		return d.year < o.year
	}
	if d.month != o.month {
		return d.month < o.month
	}
	return d.day < o.day
}

// Valid reports whether d names a real day (the zero Date is valid: unknown).
func (d Date) Valid() bool {
	return d.IsZero() || DateOf(d.Time()) == d
}

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.ISO(), nil
}

func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseISODate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseISODate(string(v))
		*d = p
		return err
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("cannot read %T as a date", src)
}

// OpenBetween reports whether a unit open from opened to closed (either may be zero: unknown / still open)
// exists on day at.
func OpenBetween(opened, closed, at Date) bool {
	if !opened.IsZero() && at.Before(opened) {
		return false
	}
	return closed.IsZero() || at.Before(closed)
}
