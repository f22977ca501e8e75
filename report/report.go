// Package report owns the data of one annual report: the model, decoding it
// from YAML or JSON with the position of every value, and the consistency
// rules R1–R7 of official-format.md §6.
//
// It does not know how a report looks: headings, table grids and labels come
// from package form, and rendering from document/, layout/ and render/.
package report

import (
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/form"
)

// Report is one agency's report for one year.
type Report struct {
	Format   string   `json:"format,omitempty" jsonschema:"enum=2021,default=2021"` // 格式版本
	Agency   string   `json:"agency"`                                               // 机关名称
	Year     int      `json:"year"`                                                 // 年度
	Title    []string `json:"title,omitempty"`                                      // 标题各行
	Preamble []string `json:"preamble,omitempty"`                                   // 前言段落

	Overview Section `json:"overview"` // 一、总体情况
	Table2   Table2  `json:"table2"`   // 二、主动公开政府信息情况
	Table3   Table3  `json:"table3"`   // 三、收到和处理政府信息公开申请情况
	Table4   Table4  `json:"table4"`   // 四、政府信息公开行政复议、行政诉讼情况
	Problems Section `json:"problems"` // 五、存在的主要问题及改进情况
	Other    Section `json:"other"`    // 六、其他需要报告的事项

	Closing Closing           `json:"closing,omitempty"` // 落款
	Contact Contact           `json:"contact,omitempty"` // 联系方式
	Fonts   map[string]string `json:"fonts,omitempty"`   // 字体：role → file path

	// File is the name of the file the report was read from, for messages.
	File  string `json:"-"`
	pos   map[string]Pos
	notes Findings // warnings found while decoding (a GBK file), reported by Validate
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

// Count is one integer cell of a table.
type Count struct {
	N        int64
	Note     string // printed after the number: "（其中修订16件）"
	Blank    bool   // the cell was left empty (null); blank is not 0 (R6)
	Computed bool   // a total the file left out, computed by Complete
}

// String is the cell as printed: the number and its note, or "" when blank.
func (c Count) String() string {
	if c.Blank {
		return ""
	}
	return strconv.FormatInt(c.N, 10) + c.Note
}

// Amount is a money cell in 万元, kept as written ("7730.28") so that it
// prints exactly as the agency typed it.
type Amount struct {
	Text  string // a non-negative decimal
	Note  string
	Blank bool
}

// String is the cell as printed.
func (a Amount) String() string {
	if a.Blank {
		return ""
	}
	return a.Text + a.Note
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

// Table3 is 收到和处理政府信息公开申请情况: 25 rows of 7 values, in the row
// order of form's Table 三 (new, carried_over, … total, carried_forward) and
// the column order 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
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
// exists.
func (r *Report) Cell(ref form.Ref) (string, bool) {
	c, ok := r.count(ref)
	if ok {
		return c.String(), true
	}
	if ref.Table == 2 && ref.Row == "fees" && ref.Col == 0 {
		return r.Table2.Fees.String(), true
	}
	return "", false
}

// count returns a pointer to the integer cell of ref.
func (r *Report) count(ref form.Ref) (*Count, bool) {
	switch ref.Table {
	case 2:
		t := &r.Table2
		one := map[string]*Count{"licensing": &t.Licensing, "penalties": &t.Penalties, "enforcement": &t.Enforcement}
		three := map[string]*[3]Count{"regulations": &t.Regulations, "normative_documents": &t.NormativeDocuments}
		if c, ok := one[ref.Row]; ok && ref.Col == 0 {
			return c, true
		}
		if row, ok := three[ref.Row]; ok && ref.Col >= 0 && ref.Col < 3 {
			return &row[ref.Col], true
		}
	case 3:
		if i := rowIndex(3, ref.Row); i >= 0 && ref.Col >= 0 && ref.Col < 7 {
			return &r.Table3.Rows[i][ref.Col], true
		}
	case 4:
		if i := rowIndex(4, ref.Row); i >= 0 && ref.Col >= 0 && ref.Col < 5 {
			return &r.Table4.Rows[i][ref.Col], true
		}
	}
	return nil, false
}

// rowIndex is the index of a data row key in the 2021 form's table n.
func rowIndex(n int, key string) int {
	for i, d := range form.V2021.Table(n).Data {
		if d.Key == key {
			return i
		}
	}
	return -1
}

// Pos returns the position of the value at path ("table3.new[0]",
// "overview[1].paragraphs[0]", "agency") in the file it was read from. When
// the value itself was left out, it returns the position of the nearest
// enclosing value that was written, so messages still point into the file.
func (r *Report) Pos(path string) Pos {
	for p := path; p != ""; p = parent(p) {
		if pos, ok := r.pos[p]; ok {
			return pos
		}
	}
	return Pos{File: r.File}
}

// SetPos records the position of the value at path.
func (r *Report) SetPos(path string, pos Pos) {
	if r.pos == nil {
		r.pos = map[string]Pos{}
	}
	r.pos[path] = pos
}

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
}

// String prints file:line:col, or as much of it as is known.
func (p Pos) String() string {
	s := p.File
	if s == "" {
		s = "-"
	}
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}
