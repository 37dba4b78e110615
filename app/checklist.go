package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// checkList is a list of labelled check boxes that draws only the rows in view: a CheckGroup of the
// national sample's 700 districts made a texture for every label, 14 MB the window kept.
type checkList struct {
	*widget.List
	options  []string
	checked  map[string]bool
	disabled bool
}

func newCheckList(options []string) *checkList {
	c := &checkList{options: options, checked: map[string]bool{}}
	c.List = widget.NewList(
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

// Selected is the options checked, in their order.
func (c *checkList) Selected() []string {
	var out []string
	for _, o := range c.options {
		if c.checked[o] {
			out = append(out, o)
		}
	}
	return out
}

// SetChecked checks or unchecks an option.
func (c *checkList) SetChecked(option string, on bool) {
	c.checked[option] = on
	c.List.Refresh()
}

func (c *checkList) Disable() { c.disabled = true; c.List.Refresh() }
func (c *checkList) Enable()  { c.disabled = false; c.List.Refresh() }
