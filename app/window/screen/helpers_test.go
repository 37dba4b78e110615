package screen

import (
	"ketnghia/app/window/widgets"
	"ketnghia/data/vntext"
)

func containsFold(s, q string) bool { return vntext.Contains(s, q) }

// valueOf is the value a picker's label stands for ("" when none).
func valueOf(p *widgets.Picker, label string) string {
	v, _ := p.ValueOf(label)
	return v
}
