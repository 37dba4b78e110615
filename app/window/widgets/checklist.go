package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// CheckList is a list of labelled check boxes that draws only the rows in view: a CheckGroup of the
// national sample's 700 districts made a texture for every label, 14 MB the window kept.
type CheckList struct {
	// list is what is put on screen. Not embedded: a *widget.List embedded in another type is
	// drawn under that type but refreshed under its own, so a refresh never reached the boxes
	// shown (they stayed grey once enabled; seen under Xvfb).
	list     *widget.List
	options  []string
	checked  map[string]bool
	disabled bool
}

// NewCheckList lists options, none checked.
func NewCheckList(options []string) *CheckList {
	c := &CheckList{options: options, checked: map[string]bool{}}
	c.list = widget.NewList(
		func() int { return len(c.options) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*widget.Check)
			label := c.options[i]
			box.OnChanged = nil
			box.Text = label
			box.SetChecked(c.checked[label])
			box.OnChanged = func(on bool) { c.checked[label] = on }
			if c.disabled {
				box.Disable()
			} else {
				box.Enable()
			}
		})
	return c
}

// View is what is put on screen for the list.
func (c *CheckList) View() fyne.CanvasObject { return c.list }

// Options are the options listed, in their order.
func (c *CheckList) Options() []string { return c.options }

// Selected is the options checked, in their order.
func (c *CheckList) Selected() []string {
	var out []string
	for _, o := range c.options {
		if c.checked[o] {
			out = append(out, o)
		}
	}
	return out
}

// SetChecked checks or unchecks an option.
func (c *CheckList) SetChecked(option string, on bool) {
	c.checked[option] = on
	c.list.Refresh()
}

// Disable greys every box out; Enable makes them answer again.
func (c *CheckList) Disable() { c.disabled = true; c.list.Refresh() }
func (c *CheckList) Enable()  { c.disabled = false; c.list.Refresh() }
