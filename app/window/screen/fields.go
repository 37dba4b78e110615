package screen

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"ketnghia/app/window/widgets"
	"ketnghia/data"
	"ketnghia/data/vntext"
)

// Small conversions between form fields and domain values, with the Vietnamese messages a person
// reads when a field cannot be read.

// yearField reads an optional year ("" is none).
func yearField(label, s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1900 || n > 2100 {
		return nil, &data.Error{Kind: data.KindInvalid, Msg: label + " phải là một năm có bốn chữ số, ví dụ 2024."}
	}
	return &n, nil
}

// dateField reads an optional date dd/mm/yyyy ("" is none).
func dateField(label, s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return data.Date{}, nil
	}
	t, err := vntext.ParseDate(s)
	if err != nil {
		return data.Date{}, &data.Error{Kind: data.KindInvalid, Msg: label + " phải viết dạng dd/mm/yyyy, ví dụ 01/07/2025."}
	}
	return data.DateOf(t), nil
}

// intText writes an optional whole number the Vietnamese way ("" for none).
func intText(n *int) string {
	if n == nil {
		return ""
	}
	return vntext.FormatInt(int64(*n))
}

// yearText writes an optional year ("" for none).
func yearText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// formMarks are a form's text fields by the stored field each edits: a refused save marks the
// one its message is about (the theme's error colour, the message beside it), and the rest clear.
type formMarks map[string]*widgets.TextEntry

// mark marks the field named (none when it is not one of the form's) with err's message.
func (m formMarks) mark(field string, err error) {
	for k, e := range m {
		e.AlwaysShowValidationError = true
		if k == field && err != nil {
			e.SetValidationError(fmt.Errorf("%s", data.Message(err)))
		} else {
			e.SetValidationError(nil)
		}
	}
}

// fieldOf is the stored field a refusal names ("" when none).
func fieldOf(err error) string {
	var de *data.Error
	if errors.As(err, &de) {
		return de.Field
	}
	return ""
}
