package form

// The 2019 trial format: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开
// 工作年度报告格式（试行）》, used for the 2019 and 2020 reports (and by some
// agencies later). Official-format.md §4 names how it differs from 2021.
//
// Sources. The notice's covering letter is on 中国政府网 (2019-11-27, mirrored
// on fujian.gov.cn), but its attached format could not be found as text, so
// the cells follow official-format.md §4 and the tables of a report that
// prints the attachment cell by cell: 上海市人民政府办公厅《2019年政府信息公开
// 工作年度报告》(published 2020-01-31; HTML tables with their colspans and
// rowspans). The two agree; were the notice to differ, it would win:
//   - Table 二 （八）: 上一年项目数量 | 本年增/减; 2019 has no 收费金额.
//   - Table 二 （九）: 采购项目数量 | 采购总金额, no unit in the heading: the
//     amount is written with its unit after it ("25.1万元"; Shanghai "251000元").
//   - Table 二 rows say 规范性文件 (2021: 行政规范性文件).
//   - Table 三: the 2021 labels up to （五）5, then one row （六）其他处理
//     (c1 spans 20 rows); Table 四 as in 2021.
//   - Headings: Shanghai prints 四、政府信息公开行政复议、行政诉讼情况 as in
//     2021 and varies 五 (政府信息公开工作存在的…) as agencies do under 2021
//     too (official-format.md §2); the canonical 2021 texts are kept.

// Table 二 of 2019: 18 rows in five bands, 5 grid columns. Three-value rows
// set their middle value over grid columns 2–3 and two-value rows take two
// grid columns each, so with the weights below all values of a row are the
// same width (the Shanghai report's grid: colspans 1|1|2|1 and 1|2|2).
var table2v2019 = &Table{
	Number: 2, Name: "表二", Rows: 18, Cols: 5, HeadRows: 0,
	// As in 2021 the label column is widened: 其他对外管理服务事项 is 10
	// characters and fits on one line.
	Weights: []float64{1.4, 1, 0.5, 0.5, 1},
	Keep:    [][2]int{{0, 3}, {4, 7}, {8, 11}, {12, 14}, {15, 17}},
	Data: []DataRow{
		{Key: "regulations", Label: "规章", Cols: 3, Columns: table2v2019Made},
		{Key: "normative_documents", Label: "规范性文件", Cols: 3, Columns: table2v2019Made},
		{Key: "licensing", Label: "行政许可", Cols: 3, Columns: table2v2019Items, Units: table2v2019ItemUnits},
		{Key: "other_services", Label: "其他对外管理服务事项", Cols: 3, Columns: table2v2019Items, Units: table2v2019ItemUnits},
		{Key: "penalties", Label: "行政处罚", Cols: 3, Columns: table2v2019Items, Units: table2v2019ItemUnits},
		{Key: "enforcement", Label: "行政强制", Cols: 3, Columns: table2v2019Items, Units: table2v2019ItemUnits},
		{Key: "fees", Label: "行政事业性收费", Cols: 2, Columns: table2v2019Items[:2], Units: table2v2019ItemUnits[:2]},
		{Key: "procurement", Label: "政府集中采购", Cols: 2, Columns: []string{"采购项目数量", "采购总金额"}, Units: []Unit{Count, Amount}},
	},
	Cells: concat(
		band(0, 5, "第二十条第（一）项"),
		header2v2019(1, table2v2019Made...),
		values2v2019(2, "规章", "regulations", 3),
		values2v2019(3, "规范性文件", "normative_documents", 3),
		band(4, 5, "第二十条第（五）项"),
		header2v2019(5, table2v2019Items...),
		values2v2019(6, "行政许可", "licensing", 3),
		values2v2019(7, "其他对外管理服务事项", "other_services", 3),
		band(8, 5, "第二十条第（六）项"),
		header2v2019(9, table2v2019Items...),
		values2v2019(10, "行政处罚", "penalties", 3),
		values2v2019(11, "行政强制", "enforcement", 3),
		band(12, 5, "第二十条第（八）项"),
		header2v2019(13, table2v2019Items[:2]...),
		values2v2019(14, "行政事业性收费", "fees", 2),
		band(15, 5, "第二十条第（九）项"),
		header2v2019(16, "采购项目数量", "采购总金额"),
		values2v2019(17, "政府集中采购", "procurement", 2),
	),
}

var (
	// table2v2019Made are the columns of 第二十条第（一）项.
	table2v2019Made = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量"}
	// table2v2019Items are the columns of （五）（六）, and the first two of （八）.
	table2v2019Items     = []string{"上一年项目数量", "本年增/减", "处理决定数量"}
	table2v2019ItemUnits = []Unit{Count, Change, Count}
)

// table2v2019Spans are the grid columns that the values of a 2019 Table 二
// row take, by the number of values: 1|2|1 for three, 2|2 for two.
var table2v2019Spans = map[int][]int{3: {1, 2, 1}, 2: {2, 2}}

// header2v2019 is a "信息内容 | column … " row of the 2019 Table 二.
func header2v2019(row int, cols ...string) []Cell {
	cs := []Cell{{Row: row, Col: 0, Kind: Header, Text: "信息内容"}}
	col := 1
	for k, span := range table2v2019Spans[len(cols)] {
		cs = append(cs, Cell{Row: row, Col: col, ColSpan: span, Kind: Header, Text: cols[k]})
		col += span
	}
	return cs
}

// values2v2019 is a label and the n values of data row key.
func values2v2019(row int, text, key string, n int) []Cell {
	cs := []Cell{{Row: row, Col: 0, Kind: Label, Text: text}}
	col := 1
	for k, span := range table2v2019Spans[n] {
		cs = append(cs, Cell{Row: row, Col: col, ColSpan: span, Kind: Value, Bind: Ref{2, key, k}})
		col += span
	}
	return cs
}

// table3Rows2019 are the data rows of the 2019 Table 三: the 2021 rows with
// one （六）其他处理 in place of its three sub-items.
var table3Rows2019 = concat(
	table3Rows[:20],
	[]DataRow{{Key: "other", Label: "（六）其他处理"}},
	table3Rows[23:],
)

// Table 三 of 2019: 3 head rows, 23 body rows, 10 grid columns; c1
// 三、本年度办理结果 spans the 20 rows from （一）予以公开 to （七）总计.
var table3v2019 = &Table{
	Number: 3, Name: "表三", Rows: 26, Cols: 10, HeadRows: 3,
	Weights: table3v2021.Weights,
	Data:    withCols(table3Rows2019, 7),
	Columns: table3Columns,
	Cells: concat(
		table3Head,
		[]Cell{{Row: 5, Col: 0, RowSpan: 20, Kind: Label, Text: "三、本年度办理结果", Vertical: true}},
		table3Upper(),
		labelRow(3, 23, 1, 3, "（六）其他处理", "other", 7, 1),
		labelRow(3, 24, 1, 3, "（七）总计", "total", 7, 1),
		labelRow(3, 25, 0, 3, "四、结转下年度继续办理", "carried_forward", 7, 1),
	),
}

// V2019 is the trial format of 国办公开办函〔2019〕60号. Table 四 and the
// headings are those of 2021 (see the sources above).
var V2019 = register(&Format{
	Version: "2019",
	Source:  "国办公开办函〔2019〕60号",
	Sections: []Section{
		{Number: "一", Heading: "一、总体情况", Key: "overview"},
		{Number: "二", Heading: "二、主动公开政府信息情况", Table: table2v2019},
		{Number: "三", Heading: "三、收到和处理政府信息公开申请情况", Table: table3v2019},
		{Number: "四", Heading: "四、政府信息公开行政复议、行政诉讼情况", Table: table4v2021},
		{Number: "五", Heading: "五、存在的主要问题及改进情况", Key: "problems"},
		{Number: "六", Heading: "六、其他需要报告的事项", Key: "other"},
	},
})
