package app

import (
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/vntext"
)

// NewTextEntry is the one constructor for every text field of the program, so that what all of
// them do with Vietnamese text (NFC now; the Telex/VNI composer later) is done in one place.
func NewTextEntry(placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	return e
}

// EntryText is an entry's value in NFC.
func EntryText(e *widget.Entry) string { return vntext.NFC(e.Text) }
