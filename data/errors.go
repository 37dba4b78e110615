// Package data holds KetNghia's domain types, the SQLite store, its migrations and validation.
// It imports nothing of the user interface or the reports: both take the values it returns.
package data

import (
	"errors"
	"fmt"
)

// Failure says what sort of failure an Error is. (It was called Kind, beside RecordKind, the kinds
// of records, and KindOf, which finds one.)
type Failure int

const (
	KindInternal Failure = iota
	KindInvalid          // the input breaks a rule; Field and Msg say which and why
	KindNotFound         // no such record (or it was deleted)
	KindConflict         // the input clashes with a record already stored
)

// Error is the one error type the store returns. Msg is Vietnamese and meant for the person at the
// screen; Err keeps the cause for the log.
type Error struct {
	Kind  Failure
	Field string
	Msg   string
	Err   error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Message is what the person reads: the Vietnamese message without the technical cause.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg
	}
	if err == nil {
		return ""
	}
	return "Đã xảy ra lỗi không lường trước. Hãy thử lại; nếu vẫn lỗi, hãy gửi phần chi tiết kèm theo cho người hỗ trợ."
}

// Detail is the technical cause of err for the log and for support ("" when the message says it
// all).
func Detail(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Err == nil {
			return ""
		}
		return e.Err.Error()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// ErrorKind returns the kind of err (KindInternal for errors that are not ours).
func ErrorKind(err error) Failure {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsInvalid, IsNotFound and IsConflict test an error's kind.
func IsInvalid(err error) bool  { return err != nil && ErrorKind(err) == KindInvalid }
func IsNotFound(err error) bool { return err != nil && ErrorKind(err) == KindNotFound }
func IsConflict(err error) bool { return err != nil && ErrorKind(err) == KindConflict }

func invalid(field, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func notFound(what string) error {
	return &Error{Kind: KindNotFound, Msg: "Không tìm thấy " + what}
}

func conflict(field, format string, args ...any) error {
	return &Error{Kind: KindConflict, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func internal(msg string, err error) error {
	return &Error{Kind: KindInternal, Msg: msg, Err: err}
}
