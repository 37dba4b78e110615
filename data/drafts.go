package data

import (
	"context"
	"fmt"
	"strings"

	"ketnghia/data/vntext"
)

// DraftKind is the kind of a committee's whole report.
type DraftKind string

const (
	DraftYear    DraftKind = "nam"      // báo cáo năm: one year
	DraftMidTerm DraftKind = "so_ket"   // sơ kết: part of a period (2021–2023)
	DraftFinal   DraftKind = "tong_ket" // tổng kết: a whole period (2016–2020, 2021–2025)
)

// DraftKinds lists the kinds in the order the screen offers them.
var DraftKinds = []DraftKind{DraftYear, DraftMidTerm, DraftFinal}

// Label is the kind as a person says it: "Báo cáo sơ kết".
func (k DraftKind) Label() string {
	switch k {
	case DraftYear:
		return "Báo cáo năm"
	case DraftMidTerm:
		return "Báo cáo sơ kết"
	case DraftFinal:
		return "Báo cáo tổng kết"
	}
	return string(k)
}

// Draft is a committee's whole report being written (HD 36's order: the situation and results,
// the shortcomings and their causes, the tasks ahead, the proposals), with the report kinds
// printed after it as its annexes. Header fields left empty take the settings'.
type Draft struct {
	Meta
	UnitID     string // the area reported on: the province, or (since 2025) a commune or ward
	Kind       DraftKind
	FromYear   int
	ToYear     int
	Subject    string // "" : made from the kind and the period
	Number     string // the number before the settings' suffix ("12" of "Số 12-BC/BCĐ")
	Place      string
	Dated      Date // zero: the day it is printed
	SignerName string
	Recipients []string
	Sections   []DraftSection
	Annexes    []string // report kinds (reports.Kinds codes), in the order printed
	Note       string
}

// DraftSection is one heading of a draft and its paragraphs. Level 1 is a part (I., II.), level 2
// a numbered sub-section (1., 2.) of a part.
type DraftSection struct {
	Key        string           `json:"key"` // what the section is about ("ket_qua.giam_ngheo"): how a refresh finds it
	Title      string           `json:"title"`
	Level      int              `json:"level"`
	Prompt     string           `json:"prompt,omitempty"` // for a section a person writes: what to write, shown in grey, never printed
	Paragraphs []DraftParagraph `json:"paragraphs"`
}

// DraftParagraph is a paragraph of a section. A paragraph drafted from the figures names what it
// came from (Source) and keeps the text as drafted: it has been edited by a person when Text
// differs from Drafted, and a refresh then asks before it replaces it.
type DraftParagraph struct {
	Text    string `json:"text"`
	Source  string `json:"source,omitempty"`
	Drafted string `json:"drafted,omitempty"`
}

// Edited says a person has changed a drafted paragraph since it was drafted.
func (p DraftParagraph) Edited() bool { return p.Source != "" && p.Text != p.Drafted }

// Period is the draft's years as printed: "năm 2024", "giai đoạn 2021–2025".
func (d Draft) Period() string {
	if d.FromYear == d.ToYear {
		return fmt.Sprintf("năm %d", d.ToYear)
	}
	return fmt.Sprintf("giai đoạn %d–%d", d.FromYear, d.ToYear)
}

// Title is how the draft is listed: "Báo cáo năm 2025", "Báo cáo tổng kết giai đoạn 2021–2025".
func (d Draft) Title() string {
	if d.Kind == DraftYear {
		return "Báo cáo " + d.Period()
	}
	return d.Kind.Label() + " " + d.Period()
}

func (d *Draft) table() string { return "report_drafts" }

func (d *Draft) cols() []col {
	return []col{
		{name: "unit_id", ptr: &d.UnitID},
		{name: "kind", ptr: &d.Kind},
		{name: "from_year", ptr: &d.FromYear},
		{name: "to_year", ptr: &d.ToYear},
		{name: "subject", ptr: &d.Subject},
		{name: "doc_number", ptr: &d.Number},
		{name: "place", ptr: &d.Place},
		{name: "dated", ptr: &d.Dated},
		{name: "signer_name", ptr: &d.SignerName},
		{name: "recipients", ptr: jsonCol{&d.Recipients}},
		{name: "sections", ptr: jsonCol{&d.Sections}},
		{name: "annexes", ptr: jsonCol{&d.Annexes}},
		{name: "note", ptr: &d.Note},
	}
}

// normalise puts the texts in NFC (the sections' too) and never stores a list as null.
func (d *Draft) normalise() {
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if d.Annexes == nil {
		d.Annexes = []string{}
	}
	if d.Sections == nil {
		d.Sections = []DraftSection{}
	}
	for i := range d.Recipients {
		d.Recipients[i] = vntext.NFC(strings.TrimSpace(d.Recipients[i]))
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		s.Title = vntext.NFC(s.Title)
		if s.Paragraphs == nil {
			s.Paragraphs = []DraftParagraph{}
		}
		for j := range s.Paragraphs {
			p := &s.Paragraphs[j]
			p.Text, p.Drafted = vntext.NFC(p.Text), vntext.NFC(p.Drafted)
		}
	}
}

// annexKinds are the report kinds a draft may have as annexes; reports.Kinds lists the same (a
// test holds them together), without the commune profile, which needs a commune.
var annexKinds = []string{"progress", "communes", "twinning", "exit", "villages", "causes", "pilots"}

// NewDraft is a draft of a kind and period with nothing written yet and the default annexes. No
// kind: a year's report for one year, a final one for a whole five-year period from 2016
// (2016–2020, 2021–2025 …), a mid-term one for part of a period.
func NewDraft(kind DraftKind, from, to int) (Draft, error) {
	if kind == "" {
		switch {
		case from == to:
			kind = DraftYear
		case (from-2016)%5 == 0 && to == from+4:
			kind = DraftFinal
		default:
			kind = DraftMidTerm
		}
	}
	d := Draft{Kind: kind, FromYear: from, ToYear: to, Annexes: DefaultAnnexes()}
	return d, d.CheckPeriod()
}

// DefaultAnnexes are the annexes a new draft starts with: the targets' progress, the communes
// that may leave the ĐBKK list, the twinning.
func DefaultAnnexes() []string { return []string{"progress", "exit", "twinning"} }

// AnnexKinds lists the report kinds a draft may append.
func AnnexKinds() []string { return append([]string(nil), annexKinds...) }

// CheckPeriod checks the draft's kind and years: a year's report has one year, a period's from
// before to.
func (d Draft) CheckPeriod() error {
	valid := false
	for _, k := range DraftKinds {
		valid = valid || k == d.Kind
	}
	if !valid {
		return invalid("kind", "Loại báo cáo %q không có; chọn báo cáo năm, sơ kết hoặc tổng kết", d.Kind)
	}
	for _, y := range []*int{&d.FromYear, &d.ToYear} {
		if err := checkYear("to_year", "Năm của kỳ báo cáo", y); err != nil {
			return err
		}
	}
	if d.FromYear > d.ToYear {
		return invalid("from_year", "Năm đầu kỳ (%d) phải trước hoặc bằng năm cuối kỳ (%d)", d.FromYear, d.ToYear)
	}
	if d.Kind == DraftYear && d.FromYear != d.ToYear {
		return invalid("from_year", "Báo cáo năm chỉ có một năm; kỳ %d–%d là báo cáo sơ kết hoặc tổng kết", d.FromYear, d.ToYear)
	}
	return nil
}

func (d *Draft) validate() error {
	if err := d.CheckPeriod(); err != nil {
		return err
	}
	if d.UnitID == "" {
		return invalid("unit_id", "Cần chọn địa bàn của báo cáo")
	}
	if !d.Dated.IsZero() && !d.Dated.Valid() {
		return invalid("dated", "Ngày của báo cáo không hợp lệ")
	}
	for _, a := range d.Annexes {
		ok := false
		for _, k := range annexKinds {
			ok = ok || k == a
		}
		if !ok {
			return invalid("annexes", "Phụ lục %q không phải một loại báo cáo của chương trình", a)
		}
	}
	for _, s := range d.Sections {
		if strings.TrimSpace(s.Title) == "" {
			return invalid("sections", "Mỗi mục của báo cáo cần có tên mục")
		}
	}
	return nil
}

func (d *Draft) validateDB(ctx context.Context, q queryer) error {
	var u Unit
	if err := getTx(ctx, q, &u, d.UnitID, false); err != nil {
		return invalid("unit_id", "Địa bàn của báo cáo không có trong danh sách đơn vị")
	}
	return nil
}

// SaveDraft creates or updates a draft, with a line of the history for each field changed.
func (s *Store) SaveDraft(ctx context.Context, d *Draft) error { return s.save(ctx, d) }

// GetDraft reads one draft.
func (s *Store) GetDraft(ctx context.Context, id string) (Draft, error) {
	var d Draft
	err := s.get(ctx, &d, id)
	return d, err
}

// DeleteDraft tombstones a draft.
func (s *Store) DeleteDraft(ctx context.Context, id string) error {
	return s.remove(ctx, "report_drafts", id)
}

// ListDrafts lists the live drafts, the latest period first.
func (s *Store) ListDrafts(ctx context.Context) ([]Draft, error) {
	return listOf[Draft](ctx, s.db, "WHERE t.deleted = 0 ORDER BY t.to_year DESC, t.from_year DESC, t.updated_at DESC")
}
