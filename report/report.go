// Package report owns the data of one annual report: the model, decoding it
// from YAML or JSON with the position of every value, and the consistency
// rules R1–R7 of official-format.md §6.
//
// Files by stage: prescan.go bounds a file before the YAML parser and
// explains its syntax errors; json.go reads plain JSON into the parser's
// syntax tree without the parser; decode.go and decodetable.go walk the
// parsed file; cell.go is the grammar of one table cell (ParseCount,
// ParseAmount), shared with readers of other formats; validate.go holds
// R1–R6 and prose.go R7 and the content warnings C1–C6 (phrasings in
// prose.md), with the matchers they run in scan.go and rx.go.
//
// It does not know how a report looks: headings, table grids and labels come
// from package form, and rendering from document/, layout/ and render/.
package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// Report is one agency's report for one year.
type Report struct {
	Format   string   `json:"format,omitempty" jsonschema:"enum=2021,enum=2019,default=2021"` // 格式版本
	Agency   string   `json:"agency"`                                                         // 机关名称
	Year     int      `json:"year"`                                                           // 年度
	Title    []string `json:"title,omitempty"`                                                // 标题各行
	Preamble []string `json:"preamble,omitempty"`                                             // 前言段落

	Overview Section `json:"overview"` // 一、总体情况
	Table2   Table2  `json:"table2"`   // 二、主动公开政府信息情况（2021 格式）
	Table3   Table3  `json:"table3"`   // 三、收到和处理政府信息公开申请情况
	Table4   Table4  `json:"table4"`   // 四、政府信息公开行政复议、行政诉讼情况
	Problems Section `json:"problems"` // 五、存在的主要问题及改进情况
	Other    Section `json:"other"`    // 六、其他需要报告的事项

	Closing Closing           `json:"closing,omitempty"` // 落款
	Contact Contact           `json:"contact,omitempty"` // 联系方式
	Fonts   map[string]string `json:"fonts,omitempty"`   // 字体：role → file path

	// Table2v2019 is Table 二 of a report in the 2019 trial format, read
	// from the same key table2; Table2 then stays empty. Table 三 of 2019
	// has no type of its own: see Table3.
	Table2v2019 Table2v2019 `json:"-"`

	// OneRowOther is set when a 2021 Table 三 gave （六）其他处理 as one
	// row (key "other"): its values are in （六）3.其他, and （六）1 and 2
	// are blank without an R6 error.
	OneRowOther bool `json:"-"`

	// File is the name of the file the report was read from, for messages.
	File  string         `json:"-"`
	pos   map[string]Pos // positions of values other than the tables' (Pos)
	cells []cellPos      // positions of the tables' values, by tableSlots
	notes Findings       // warnings found while decoding (a GBK file), reported by Validate
}

// Section is the prose of a numbered part: blocks of paragraphs, each block
// optionally under a second-level heading such as （一）主动公开情况.
type Section []Block

// Block is a run of paragraphs under an optional heading. When RunIn is set,
// the heading and the first paragraph share a line.
type Block struct {
	Heading    string   `json:"heading,omitempty"`
	RunIn      bool     `json:"run_in,omitempty"`
	Paragraphs []string `json:"paragraphs,omitempty"`
}

// Lead returns the heading as printed when it runs into its paragraph: a
// run-in heading ends with a full stop (（一）主动公开情况。), and one
// written without a closing mark gets "。", else the reader sees
// （一）主动公开情况本年度… as one sentence. Validate warns (C5) when it adds
// the mark.
func (b Block) Lead() string {
	if b.leadNeedsStop() {
		return strings.TrimRight(b.Heading, leadSpace) + "。"
	}
	return b.Heading
}

const leadSpace = " \u3000\t"

// leadNeedsStop reports whether the run-in heading b ends without a mark
// that closes it (。！？；：.!?;:, or one of them inside closing quotes or
// brackets).
func (b Block) leadNeedsStop() bool {
	h := strings.TrimRight(b.Heading, leadSpace)
	if !b.RunIn || h == "" || len(b.Paragraphs) == 0 {
		return false
	}
	h = strings.TrimRight(h, "”’」』）)")
	r, _ := utf8.DecodeLastRuneInString(h)
	return !strings.ContainsRune("。！？；：.!?;:", r)
}

// Closing is the agency name and date printed at the end, right-aligned.
type Closing struct {
	Agency string `json:"agency,omitempty"` // 落款机关
	Date   string `json:"date,omitempty"`   // 成文日期, e.g. 2022年1月20日
}

// Contact is where readers ask about the report.
type Contact struct {
	Office   string `json:"office,omitempty"`   // 联系部门
	Address  string `json:"address,omitempty"`  // 地址
	Postcode string `json:"postcode,omitempty"` // 邮编
	Phone    string `json:"phone,omitempty"`    // 电话
	Email    string `json:"email,omitempty"`    // 电子邮箱
	Website  string `json:"website,omitempty"`  // 网址
}

// Count is one integer cell of a table. ParseCount reads one from the text
// of a cell.
type Count struct {
	N        int64  // negative only in a column of unit form.Change (本年增/减)
	Plus     bool   // written with a leading + (本年增/减: "+3"), printed so
	Note     string // printed after the number: "件", "（其中修订16件）"
	Blank    bool   // the cell was left blank (null, "", "/", "—"); blank is not 0 (R6)
	Computed bool   // a total the file left out, computed by Complete
	// Text is the number as typed when it prints otherwise than N ("４６",
	// "+0", "007"), or the blank as typed ("/"); "" means N in ASCII digits
	// (with Plus, a leading +).
	Text string
}

// String is the cell as printed: the number and its note as typed, or the
// blank as typed ("" or "/").
func (c Count) String() string {
	if c.Blank {
		return c.Text
	}
	if c.Text != "" {
		return c.Text + c.Note
	}
	if c.Plus {
		return "+" + strconv.FormatInt(c.N, 10) + c.Note
	}
	return strconv.FormatInt(c.N, 10) + c.Note
}

// Amount is a money cell in 万元, kept as written ("7730.28") so that it
// prints exactly as the agency typed it. ParseAmount reads one from the text
// of a cell.
type Amount struct {
	Text  string // a non-negative decimal as typed (digits may be full width); a blank as typed
	Note  string // printed after the number: "万元", "（含…）"
	Blank bool
}

// String is the cell as printed.
func (a Amount) String() string {
	if a.Blank {
		return a.Text
	}
	return a.Text + a.Note
}

// Number is the amount in ASCII digits ("7730.28" for "７７３０．２８"), or
// "" when blank.
func (a Amount) Number() string {
	if a.Blank {
		return ""
	}
	return strings.ReplaceAll(asciiDigits(a.Text), "．", ".")
}

// Table2 is 主动公开政府信息情况.
type Table2 struct {
	Regulations        [3]Count `json:"regulations"`         // 规章：本年制发、本年废止、现行有效
	NormativeDocuments [3]Count `json:"normative_documents"` // 行政规范性文件
	Licensing          Count    `json:"licensing"`           // 行政许可：本年处理决定数量
	Penalties          Count    `json:"penalties"`           // 行政处罚
	Enforcement        Count    `json:"enforcement"`         // 行政强制
	Fees               Amount   `json:"fees"`                // 行政事业性收费：本年收费金额（万元）
	Notes              []string `json:"notes,omitempty"`     // 表下注
}

// Table2v2019 is 主动公开政府信息情况 of the 2019 trial format (form.V2019):
// five bands with their own columns.
type Table2v2019 struct {
	Regulations        [3]Count    `json:"regulations"`         // 规章：本年新制作数量、本年新公开数量、对外公开总数量
	NormativeDocuments [3]Count    `json:"normative_documents"` // 规范性文件
	Licensing          [3]Count    `json:"licensing"`           // 行政许可：上一年项目数量、本年增/减、处理决定数量
	OtherServices      [3]Count    `json:"other_services"`      // 其他对外管理服务事项
	Penalties          [3]Count    `json:"penalties"`           // 行政处罚
	Enforcement        [3]Count    `json:"enforcement"`         // 行政强制
	Fees               [2]Count    `json:"fees"`                // 行政事业性收费：上一年项目数量、本年增/减
	Procurement        Procurement `json:"procurement"`         // 政府集中采购：采购项目数量、采购总金额
	Notes              []string    `json:"notes,omitempty"`     // 表下注
}

// Procurement is the row 政府集中采购 of the 2019 Table 二, written in the
// file as a list of two: [采购项目数量, 采购总金额].
type Procurement struct {
	Projects Count  // 采购项目数量
	Amount   Amount // 采购总金额, with its unit as written ("25.1万元")
}

// rows returns the integer rows of the table by key.
func (t *Table2v2019) rows() map[string][]Count {
	return map[string][]Count{
		"regulations": t.Regulations[:], "normative_documents": t.NormativeDocuments[:],
		"licensing": t.Licensing[:], "other_services": t.OtherServices[:],
		"penalties": t.Penalties[:], "enforcement": t.Enforcement[:], "fees": t.Fees[:],
	}
}

// Table3 is 收到和处理政府信息公开申请情况: 25 rows of 7 values, in the row
// order of form's Table 三 (new, carried_over, … total, carried_forward) and
// the column order 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
//
// A report in the 2019 trial format uses the same 25 rows: its single
// （六）其他处理 (key "other") is stored in the row of （六）3.其他
// (other_other), and the rows of （六）1 and 2 stay 0. The sums of R1–R3,
// Complete and R7 then hold for both formats as one implementation: R2 adds
// （六） as rows 20–22 either way.
type Table3 struct {
	Rows  [25][7]Count
	Notes []string
}

// Row indices of Table 三 used by the rules.
const (
	T3New            = 0
	T3CarriedOver    = 1
	T3Disclosed      = 2
	T3PartlyDisclose = 3
	T3Total          = 23
	T3CarriedForward = 24
	T3TotalCol       = 6
)

// Table4 is 行政复议、行政诉讼: three groups of 结果维持, 结果纠正, 其他结果,
// 尚未审结, 总计 — 行政复议, 未经复议直接起诉, 复议后起诉.
type Table4 struct {
	Rows  [3][5]Count
	Notes []string
}

// Table4 group indices.
const (
	T4Review = iota
	T4LitigationDirect
	T4LitigationAfterReview
)

// Form returns the format the report is written in.
func (r *Report) Form() (*form.Format, error) {
	v := r.Format
	if v == "" {
		v = form.Default
	}
	f, ok := form.Lookup(v)
	if !ok {
		return nil, fmt.Errorf("report: 未知的格式版本 %q（可用：%v）", v, form.Versions())
	}
	return f, nil
}

// Cell returns the value of data slot ref as printed, and whether the slot
// exists in the report's format.
func (r *Report) Cell(ref form.Ref) (string, bool) {
	c, a := r.slot(ref)
	switch {
	case c != nil:
		return c.String(), true
	case a != nil:
		return a.String(), true
	}
	return "", false
}

// slot returns the cell of ref in the report's format: an integer cell or
// an amount, or neither when the format has no such slot.
func (r *Report) slot(ref form.Ref) (*Count, *Amount) {
	switch ref.Table {
	case 2:
		if r.is2019() {
			return r.Table2v2019.slot(ref)
		}
		t := &r.Table2
		switch {
		case ref.Row == "regulations" && ref.Col >= 0 && ref.Col < 3:
			return &t.Regulations[ref.Col], nil
		case ref.Row == "normative_documents" && ref.Col >= 0 && ref.Col < 3:
			return &t.NormativeDocuments[ref.Col], nil
		case ref.Col != 0:
		case ref.Row == "licensing":
			return &t.Licensing, nil
		case ref.Row == "penalties":
			return &t.Penalties, nil
		case ref.Row == "enforcement":
			return &t.Enforcement, nil
		case ref.Row == "fees":
			return nil, &t.Fees
		}
	case 3:
		if i := r.rowIndex(3, ref.Row); i >= 0 && ref.Col >= 0 && ref.Col < 7 {
			return &r.Table3.Rows[i][ref.Col], nil
		}
	case 4:
		if i := r.rowIndex(4, ref.Row); i >= 0 && ref.Col >= 0 && ref.Col < 5 {
			return &r.Table4.Rows[i][ref.Col], nil
		}
	}
	return nil, nil
}

func (t *Table2v2019) slot(ref form.Ref) (*Count, *Amount) {
	if ref.Row == "procurement" {
		switch ref.Col {
		case 0:
			return &t.Procurement.Projects, nil
		case 1:
			return nil, &t.Procurement.Amount
		}
		return nil, nil
	}
	if row, ok := t.rows()[ref.Row]; ok && ref.Col >= 0 && ref.Col < len(row) {
		return &row[ref.Col], nil
	}
	return nil, nil
}

// is2019 says whether the report is in the 2019 trial format.
func (r *Report) is2019() bool { return r.Format == form.V2019.Version }

// form returns the report's format, or the default one when its version is
// unknown (an error reported by Decode and Validate).
func (r *Report) form() *form.Format {
	if f, err := r.Form(); err == nil {
		return f
	}
	return form.V2021
}

// t3Stored maps the row keys of Table 三 in other formats onto the rows of
// Table3.Rows, which follow the 2021 form: see Table3.
var t3Stored = map[string]string{"other": "other_other"}

// rowIndex is the index in Table3.Rows or Table4.Rows of the data row key
// of the report's format, or -1 when the format has no such row.
func (r *Report) rowIndex(n int, key string) int {
	if i, ok := rowTables()[r.form()][n].index[key]; ok {
		return i
	}
	return -1
}

// rowKey is the data row key of the report's format stored at index i of
// Table3.Rows (n = 3) or Table4.Rows, or "" when the format has no row there
// (（六）1 and 2 in 2019).
func (r *Report) rowKey(n, i int) string {
	if keys := rowTables()[r.form()][n].keys; i >= 0 && i < len(keys) {
		return keys[i]
	}
	return ""
}

// rowTable maps the data rows of one table of a format onto the rows of
// Table3.Rows or Table4.Rows, both ways (rowIndex, rowKey).
type rowTable struct {
	index map[string]int // by key; rows of the 2021 table the format lacks are left out
	keys  []string       // by index: the first row of the format stored there, or ""
}

// rowTables are the row tables of every format, by table number (3, 4).
var rowTables = sync.OnceValue(func() map[*form.Format]*[5]rowTable {
	out := map[*form.Format]*[5]rowTable{}
	for _, v := range form.Versions() {
		f, _ := form.Lookup(v)
		ts := &[5]rowTable{}
		for _, n := range []int{3, 4} {
			t := &ts[n]
			t.index = map[string]int{}
			t.keys = make([]string, len(form.V2021.Table(n).Data))
			for _, d := range f.Table(n).Data {
				key := d.Key
				if k, ok := t3Stored[key]; ok && n == 3 {
					key = k
				}
				i := slices.IndexFunc(form.V2021.Table(n).Data, func(r form.DataRow) bool { return r.Key == key })
				if i < 0 {
					continue
				}
				t.index[d.Key] = i
				if t.keys[i] == "" {
					t.keys[i] = d.Key
				}
			}
		}
		out[f] = ts
	}
	return out
})

// TableNotes returns the notes under table n (2, 3 or 4).
func (r *Report) TableNotes(n int) []string {
	switch n {
	case 2:
		if r.is2019() {
			return r.Table2v2019.Notes
		}
		return r.Table2.Notes
	case 3:
		return r.Table3.Notes
	case 4:
		return r.Table4.Notes
	}
	return nil
}

// Pos returns the position of the value at path ("table3.new[0]",
// "overview[1].paragraphs[0]", "agency") in the file it was read from. When
// the value itself was left out, it returns the position of the nearest
// enclosing value that was written, so messages still point into the file.
func (r *Report) Pos(path string) Pos {
	for p := path; p != ""; p = parent(p) {
		if slot, ok := tableSlots()[p]; ok {
			if r.cells != nil && r.cells[slot].set {
				return r.cells[slot].Pos
			}
			continue
		}
		if pos, ok := r.pos[p]; ok {
			return pos
		}
	}
	return Pos{File: r.File}
}

// SetPos records the position of the value at path.
func (r *Report) SetPos(path string, pos Pos) {
	if slot, ok := tableSlots()[path]; ok {
		r.setSlot(slot, pos)
		return
	}
	if r.pos == nil {
		r.pos = map[string]Pos{}
	}
	r.pos[path] = pos
}

// setSlot records the position of the table value of slot (tableSlots).
func (r *Report) setSlot(slot int, pos Pos) {
	if r.cells == nil {
		r.cells = make([]cellPos, len(tableSlots()))
	}
	r.cells[slot] = cellPos{pos, true}
}

// cellPos is the position of a table value, when set.
type cellPos struct {
	Pos
	set bool
}

// tableSlots numbers the paths of the tables' rows and cells in every
// format ("table3.new", "table3.new[0]", "table2.licensing"): their
// positions are kept in Report.cells, not in the map (a report has about
// 250 of them; the map cost more than decoding them).
var tableSlots = sync.OnceValue(func() map[string]int {
	slots := map[string]int{}
	eachTableRow(func(t *form.Table, d form.DataRow) {
		for _, path := range rowPaths(t, d) {
			if _, ok := slots[path]; !ok {
				slots[path] = len(slots)
			}
		}
	})
	return slots
})

// rowSlots returns the slots of row d of table t: the row's, then one a
// column.
func rowSlots(t *form.Table, d form.DataRow) (row int, cols []int) {
	s := tableRowSlots()[t][d.Key]
	return s[0], s[1:]
}

// tableRowSlots is tableSlots by table and row key: the row's slot, then
// one a column.
var tableRowSlots = sync.OnceValue(func() map[*form.Table]map[string][]int {
	slots := tableSlots()
	out := map[*form.Table]map[string][]int{}
	eachTableRow(func(t *form.Table, d form.DataRow) {
		if out[t] == nil {
			out[t] = map[string][]int{}
		}
		var s []int
		for _, path := range rowPaths(t, d) {
			s = append(s, slots[path])
		}
		out[t][d.Key] = s
	})
	return out
})

// eachTableRow calls f for every data row of every table of every format,
// and for the 2021 format's other row of Table 三.
func eachTableRow(f func(t *form.Table, d form.DataRow)) {
	for _, v := range form.Versions() {
		fm, _ := form.Lookup(v)
		for _, t := range fm.Tables() {
			for _, d := range t.Data {
				f(t, d)
			}
		}
	}
	f(form.V2021.Table(3), oneRowOtherRow)
}

// rowPaths returns the paths of row d of table t: the row's, then one a
// column.
func rowPaths(t *form.Table, d form.DataRow) []string {
	paths := []string{fmt.Sprintf("table%d.%s", t.Number, d.Key)}
	for k := range d.Cols {
		paths = append(paths, form.Ref{Table: t.Number, Row: d.Key, Col: k}.Path(d.Cols))
	}
	return paths
}

// AddNote records a warning found while reading the report (a Word or Excel
// file's label read with a typo); Validate reports it.
func (r *Report) AddNote(f Finding) { r.notes = append(r.notes, f) }

// index is the path of item i of the list at path: "overview[2]".
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// parent drops the last element of a path: "a.b[2]" → "a.b" → "a" → "".
func parent(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' || p[i] == '[' {
			return p[:i]
		}
	}
	return ""
}

// Pos is a position in a report file (go/token.Position).
type Pos struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int // 1-based, in characters; 0 when unknown
	// Place names the position in a file that has no lines, a Word or Excel
	// file: "表三 第12行 第4列（法人或其他组织·商业企业）", "表三!D12", "第5段".
	// It is printed instead of line:col, which then only order findings.
	Place string
}

// String prints file:line:col (file:place for a Word or Excel file), or as
// much of it as is known.
func (p Pos) String() string {
	s := p.File
	if s == "" {
		s = "-"
	}
	if p.Place != "" {
		return s + ":" + p.Place
	}
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}
