package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketnghia/data/vntext"
)

// Picker is a text field (the program's one, with its Vietnamese typing) that offers the choices
// matching what is typed, without accents or case ("dak to" finds "Đắk Tô"), in a list under it;
// its button shows the list at once. The typed text must end as one of the choices: Chosen says
// which. Used to pick a commune, a village or a successor among thousands.
type Picker struct {
	TextEntry
	labels   []string
	values   map[string]string // label → value (an ID)
	shown    []string
	list     *widget.List
	popUp    *widget.PopUp
	keys     *pickerKeys
	setting  bool
	focused  bool
	entering bool // the mouse press under way brought the focus
	// OnChosen, when set, is told the value each time the text becomes one of the choices.
	OnChosen func(value string)
}

// maxShown is how many matches the list shows; typing more narrows them.
const maxShown = 60

// NewPicker makes a picker over labels, each standing for the value values gives it.
func NewPicker(placeholder string, labels []string, values map[string]string) *Picker {
	p := &Picker{}
	initTextEntry(&p.TextEntry, p, placeholder)
	p.SetChoices(labels, values)
	p.ActionItem = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() { p.showList(true) })
	p.OnChanged = func(string) {
		if p.setting {
			return
		}
		if v, ok := p.Chosen(); ok {
			p.hideList()
			if p.OnChosen != nil {
				p.OnChosen(v)
			}
			return
		}
		p.showList(false)
	}
	return p
}

// SetChoices replaces the choices.
func (p *Picker) SetChoices(labels []string, values map[string]string) {
	p.labels, p.values = labels, values
}

// Labels are the choices offered, in their order.
func (p *Picker) Labels() []string { return p.labels }

// ValueOf is the value a label stands for; false when the label is no choice.
func (p *Picker) ValueOf(label string) (string, bool) {
	v, ok := p.values[label]
	return v, ok
}

// Chosen is the value of the choice the text names (false when it names none).
func (p *Picker) Chosen() (string, bool) {
	v, ok := p.values[p.Text]
	return v, ok
}

// Choose sets the text to the choice that stands for value (nothing when none does).
func (p *Picker) Choose(value string) {
	for label, v := range p.values {
		if v == value {
			p.Put(label)
			return
		}
	}
}

// Put writes s into the field as a choice does, without opening the list; typing goes on after it.
func (p *Picker) Put(s string) {
	p.setting = true
	p.SetText(s)
	p.setting = false
	p.setCursor(len([]rune(s))) // typing goes on after the name
}

// Matches are the choices the text matches, in their order, at most maxShown of them.
func (p *Picker) Matches() []string {
	var out []string
	for _, l := range p.labels {
		if vntext.Contains(l, p.Text) {
			out = append(out, l)
			if len(out) == maxShown {
				break
			}
		}
	}
	return out
}

// showList opens the list under the field: every choice (all) or those matching the text.
func (p *Picker) showList(all bool) {
	if all {
		p.shown = p.labels // the list draws only the rows in view: every one of thousands may be offered
	} else {
		p.shown = p.Matches()
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	if len(p.shown) == 0 {
		p.hideList()
		return
	}
	if p.list == nil {
		p.list = widget.NewList(func() int { return len(p.shown) },
			func() fyne.CanvasObject { return widget.NewLabel("Xã Đắk Rơ Nga, Huyện Đắk Tô") },
			func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i]) })
		p.list.OnSelected = func(i widget.ListItemID) {
			if i < len(p.shown) {
				p.Put(p.shown[i])
				p.list.UnselectAll()
				p.hideList()
				if v, ok := p.Chosen(); ok && p.OnChosen != nil {
					p.OnChosen(v)
				}
			}
		}
		// While the list is open it is the window's top layer and gets the keys: they are passed
		// on to the field, so typing goes on narrowing the list.
		p.keys = &pickerKeys{p: p}
		p.keys.ExtendBaseWidget(p.keys)
		p.popUp = widget.NewPopUp(container.NewStack(p.keys, p.list), c)
	}
	p.list.Refresh()
	rows := min(len(p.shown), 8)
	row := p.list.MinSize().Height
	size := fyne.NewSize(max(p.Size().Width, 320), float32(rows)*(row+theme.Padding())+theme.Padding())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p).AddXY(0, p.Size().Height)
	p.popUp.Resize(size)
	p.popUp.ShowAtPosition(pos)
	c.Focus(p.keys)
}

func (p *Picker) hideList() {
	if p.popUp != nil && p.popUp.Visible() {
		p.popUp.Hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
			c.Focus(p)
		}
	}
}

// pickerKeys takes the keys while a picker's list is open and gives them to the field: letters
// and Backspace keep narrowing, Down and Enter pick the first match, Escape closes the list.
type pickerKeys struct {
	widget.BaseWidget
	p *Picker
}

func (k *pickerKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (k *pickerKeys) MinSize() fyne.Size { return fyne.Size{} }

func (k *pickerKeys) FocusGained() {}
func (k *pickerKeys) FocusLost()   {}

func (k *pickerKeys) TypedRune(r rune) { k.p.TypedRune(r) }

func (k *pickerKeys) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		k.p.hideList()
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		if len(k.p.shown) > 0 {
			k.p.list.Select(0)
		}
	default:
		k.p.TypedKey(e)
	}
}

func (k *pickerKeys) TypedShortcut(s fyne.Shortcut) { k.p.TypedShortcut(s) }

// FocusGained selects the text: a name typed replaces the one shown rather than adding to it.
func (p *Picker) FocusGained() {
	p.TextEntry.FocusGained()
	p.focused = true
	p.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// FocusLost remembers that the next tap comes from outside.
func (p *Picker) FocusLost() {
	p.focused = false
	p.TextEntry.FocusLost()
}

// MouseDown notes whether the press brings the focus (it does, before the tap).
func (p *Picker) MouseDown(ev *desktop.MouseEvent) {
	p.entering = !p.focused
	p.TextEntry.MouseDown(ev)
}

// Tapped selects the text when the tap brought the focus (the tap itself places the cursor).
func (p *Picker) Tapped(ev *fyne.PointEvent) {
	entering := p.entering || !p.focused
	p.entering = false
	p.TextEntry.Tapped(ev)
	if entering {
		p.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}
