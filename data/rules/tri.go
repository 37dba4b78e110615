package rules

import "encoding/json"

// Tri is a three-valued truth: a rule with missing data is neither met nor failed.
type Tri int8

const (
	Unknown Tri = iota
	No
	Yes
)

// Of turns a bool into a Tri.
func Of(b bool) Tri {
	if b {
		return Yes
	}
	return No
}

// And is true when both are, false when either is.
func (a Tri) And(b Tri) Tri {
	switch {
	case a == No || b == No:
		return No
	case a == Yes && b == Yes:
		return Yes
	}
	return Unknown
}

// Or is true when either is, false when both are.
func (a Tri) Or(b Tri) Tri {
	switch {
	case a == Yes || b == Yes:
		return Yes
	case a == No && b == No:
		return No
	}
	return Unknown
}

// Not swaps yes and no.
func (a Tri) Not() Tri {
	switch a {
	case Yes:
		return No
	case No:
		return Yes
	}
	return Unknown
}

// Label is the Vietnamese word.
func (a Tri) Label() string {
	switch a {
	case Yes:
		return "Đạt"
	case No:
		return "Chưa đạt"
	}
	return "Không đủ dữ liệu"
}

// MarshalJSON writes true, false or null.
func (a Tri) MarshalJSON() ([]byte, error) {
	switch a {
	case Yes:
		return []byte("true"), nil
	case No:
		return []byte("false"), nil
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads true, false or null.
func (a *Tri) UnmarshalJSON(b []byte) error {
	var v *bool
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = Unknown
	if v != nil {
		*a = Of(*v)
	}
	return nil
}
