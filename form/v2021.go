package form

// The 2021 format: 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》.
// Cell texts are the official ones (official-format.md §3–§5); punctuation is
// full-width and the quotes of 3.危及“三安全一稳定” are U+201C/U+201D.

// Row keys of Table 三, in printed order. They are the keys of the report file.
var table3Rows = []DataRow{
	{Key: "new", Label: "一、本年新收政府信息公开申请数量"},
	{Key: "carried_over", Label: "二、上年结转政府信息公开申请数量"},
	{Key: "disclosed", Label: "三、本年度办理结果（一）予以公开"},
	{Key: "partly_disclosed", Label: "（二）部分公开"},
	{Key: "withheld_state_secret", Label: "（三）不予公开 1.属于国家秘密"},
	{Key: "withheld_prohibited", Label: "（三）不予公开 2.其他法律行政法规禁止公开"},
	{Key: "withheld_three_safeties", Label: "（三）不予公开 3.危及“三安全一稳定”"},
	{Key: "withheld_third_party", Label: "（三）不予公开 4.保护第三方合法权益"},
	{Key: "withheld_internal_affairs", Label: "（三）不予公开 5.属于三类内部事务信息"},
	{Key: "withheld_process_info", Label: "（三）不予公开 6.属于四类过程性信息"},
	{Key: "withheld_enforcement_file", Label: "（三）不予公开 7.属于行政执法案卷"},
	{Key: "withheld_query_matter", Label: "（三）不予公开 8.属于行政查询事项"},
	{Key: "unavailable_not_held", Label: "（四）无法提供 1.本机关不掌握相关政府信息"},
	{Key: "unavailable_needs_creation", Label: "（四）无法提供 2.没有现成信息需要另行制作"},
	{Key: "unavailable_unclear", Label: "（四）无法提供 3.补正后申请内容仍不明确"},
	{Key: "not_processed_petition", Label: "（五）不予处理 1.信访举报投诉类申请"},
	{Key: "not_processed_repeated", Label: "（五）不予处理 2.重复申请"},
	{Key: "not_processed_publication", Label: "（五）不予处理 3.要求提供公开出版物"},
	{Key: "not_processed_excessive", Label: "（五）不予处理 4.无正当理由大量反复申请"},
	{Key: "not_processed_confirmation", Label: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"},
	{Key: "other_no_correction", Label: "（六）其他处理 1.申请人无正当理由逾期不补正"},
	{Key: "other_no_fee", Label: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用"},
	{Key: "other_other", Label: "（六）其他处理 3.其他"},
	{Key: "total", Label: "（七）总计"},
	{Key: "carried_forward", Label: "四、结转下年度继续办理"},
}

// Table3Columns are the seven value columns of Table 三; the last is 总计.
var table3Columns = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// Table 二: 14 rows, 4 columns (official-format.md §3).
var table2v2021 = &Table{
	Number: 2, Name: "表二", Rows: 14, Cols: 4, HeadRows: 0,
	// The WPS template sets four equal columns; the first is widened so that
	// 行政规范性文件 and 行政事业性收费 fit on one line.
	Weights: []float64{1.4, 1, 1, 1},
	Keep:    [][2]int{{0, 3}, {4, 6}, {7, 10}, {11, 13}},
	Data: []DataRow{
		{Key: "regulations", Label: "规章", Cols: 3},
		{Key: "normative_documents", Label: "行政规范性文件", Cols: 3},
		{Key: "licensing", Label: "行政许可", Cols: 1},
		{Key: "penalties", Label: "行政处罚", Cols: 1},
		{Key: "enforcement", Label: "行政强制", Cols: 1},
		{Key: "fees", Label: "行政事业性收费", Cols: 1, Decimal: true},
	},
	Columns: []string{"本年制发件数", "本年废止件数", "现行有效件数"},
	Cells: concat(
		band(0, 4, "第二十条第（一）项"),
		[]Cell{
			{Row: 1, Col: 0, Kind: Header, Text: "信息内容"},
			{Row: 1, Col: 1, Kind: Header, Text: "本年制发件数"},
			{Row: 1, Col: 2, Kind: Header, Text: "本年废止件数"},
			{Row: 1, Col: 3, Kind: Header, Text: "现行有效件数"},
		},
		labelRow(2, 2, 0, 1, "规章", "regulations", 3, 1),
		labelRow(2, 3, 0, 1, "行政规范性文件", "normative_documents", 3, 1),
		band(4, 4, "第二十条第（五）项"),
		wideHeader(5, "本年处理决定数量"),
		labelRow(2, 6, 0, 1, "行政许可", "licensing", 1, 3),
		band(7, 4, "第二十条第（六）项"),
		wideHeader(8, "本年处理决定数量"),
		labelRow(2, 9, 0, 1, "行政处罚", "penalties", 1, 3),
		labelRow(2, 10, 0, 1, "行政强制", "enforcement", 1, 3),
		band(11, 4, "第二十条第（八）项"),
		wideHeader(12, "本年收费金额（单位：万元）"),
		labelRow(2, 13, 0, 1, "行政事业性收费", "fees", 1, 3),
	),
}

// Table 三: 3 head rows, 25 body rows, 10 grid columns (official-format.md §4).
var table3v2021 = &Table{
	Number: 3, Name: "表三", Rows: 28, Cols: 10, HeadRows: 3,
	// Column widths in mm of the 156 mm 版心: c1 holds one character a
	// line; c2 takes 不予公开 (4 characters of 五号) on one line; the seven
	// data columns take two characters a line (社会/公益/组织); c3 the rest.
	// (The WPS template's twips 754, 921, 3271, 7×685 are for its 171.8 mm
	// table and break （三）不予公开 into three lines at 156 mm.)
	Weights: []float64{8, 17, 54, 11, 11, 11, 11, 11, 11, 11},
	Data:    withCols(table3Rows, 7),
	Columns: table3Columns,
	Cells: concat(
		table3Head,
		[]Cell{
			{Row: 5, Col: 0, RowSpan: 22, Kind: Label, Text: "三、本年度办理结果", Vertical: true},
			{Row: 23, Col: 1, RowSpan: 3, Kind: Label, Text: "（六）其他处理"},
		},
		table3Upper(),
		labelRow(3, 23, 2, 3, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction", 7, 1),
		labelRow(3, 24, 2, 3, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee", 7, 1),
		labelRow(3, 25, 2, 3, "3.其他", "other_other", 7, 1),
		labelRow(3, 26, 1, 3, "（七）总计", "total", 7, 1),
		labelRow(3, 27, 0, 3, "四、结转下年度继续办理", "carried_forward", 7, 1),
	),
}

// table3Head is the head of Table 三, 3 rows (official-format.md §4); the
// same in the 2019 and 2021 formats.
var table3Head = []Cell{
	{Row: 0, Col: 0, RowSpan: 3, ColSpan: 3, Kind: Header, Text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"},
	{Row: 0, Col: 3, ColSpan: 7, Kind: Header, Text: "申请人情况"},
	{Row: 1, Col: 3, RowSpan: 2, Kind: Header, Text: "自然人"},
	{Row: 1, Col: 4, ColSpan: 5, Kind: Header, Text: "法人或其他组织"},
	{Row: 1, Col: 9, RowSpan: 2, Kind: Header, Text: "总计"},
	{Row: 2, Col: 4, Kind: Header, Text: "商业企业"},
	{Row: 2, Col: 5, Kind: Header, Text: "科研机构"},
	{Row: 2, Col: 6, Kind: Header, Text: "社会公益组织"},
	{Row: 2, Col: 7, Kind: Header, Text: "法律服务机构"},
	{Row: 2, Col: 8, Kind: Header, Text: "其他"},
}

// table3Upper is Table 三 from 一、本年新收 to （五）不予处理 5 (grid rows
// 3–22), with the group cells of （三）（四）（五): the same in the 2019 and
// 2021 formats, which differ from （六）其他处理 on. Each call returns new
// cells, as register fills in their spans.
func table3Upper() []Cell {
	return concat(
		[]Cell{
			{Row: 7, Col: 1, RowSpan: 8, Kind: Label, Text: "（三）不予公开"},
			{Row: 15, Col: 1, RowSpan: 3, Kind: Label, Text: "（四）无法提供"},
			{Row: 18, Col: 1, RowSpan: 5, Kind: Label, Text: "（五）不予处理"},
		},
		labelRow(3, 3, 0, 3, "一、本年新收政府信息公开申请数量", "new", 7, 1),
		labelRow(3, 4, 0, 3, "二、上年结转政府信息公开申请数量", "carried_over", 7, 1),
		labelRow(3, 5, 1, 3, "（一）予以公开", "disclosed", 7, 1),
		labelRow(3, 6, 1, 3, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_disclosed", 7, 1),
		labelRow(3, 7, 2, 3, "1.属于国家秘密", "withheld_state_secret", 7, 1),
		labelRow(3, 8, 2, 3, "2.其他法律行政法规禁止公开", "withheld_prohibited", 7, 1),
		labelRow(3, 9, 2, 3, "3.危及“三安全一稳定”", "withheld_three_safeties", 7, 1),
		labelRow(3, 10, 2, 3, "4.保护第三方合法权益", "withheld_third_party", 7, 1),
		labelRow(3, 11, 2, 3, "5.属于三类内部事务信息", "withheld_internal_affairs", 7, 1),
		labelRow(3, 12, 2, 3, "6.属于四类过程性信息", "withheld_process_info", 7, 1),
		labelRow(3, 13, 2, 3, "7.属于行政执法案卷", "withheld_enforcement_file", 7, 1),
		labelRow(3, 14, 2, 3, "8.属于行政查询事项", "withheld_query_matter", 7, 1),
		labelRow(3, 15, 2, 3, "1.本机关不掌握相关政府信息", "unavailable_not_held", 7, 1),
		labelRow(3, 16, 2, 3, "2.没有现成信息需要另行制作", "unavailable_needs_creation", 7, 1),
		labelRow(3, 17, 2, 3, "3.补正后申请内容仍不明确", "unavailable_unclear", 7, 1),
		labelRow(3, 18, 2, 3, "1.信访举报投诉类申请", "not_processed_petition", 7, 1),
		labelRow(3, 19, 2, 3, "2.重复申请", "not_processed_repeated", 7, 1),
		labelRow(3, 20, 2, 3, "3.要求提供公开出版物", "not_processed_publication", 7, 1),
		labelRow(3, 21, 2, 3, "4.无正当理由大量反复申请", "not_processed_excessive", 7, 1),
		labelRow(3, 22, 2, 3, "5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation", 7, 1),
	)
}

// Table 四: 3 head rows and one row of 15 values (official-format.md §5).
var table4v2021 = &Table{
	Number: 4, Name: "表四", Rows: 4, Cols: 15, HeadRows: 3,
	Weights: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	Data: []DataRow{
		{Key: "review", Label: "行政复议", Cols: 5},
		{Key: "litigation_direct", Label: "行政诉讼 未经复议直接起诉", Cols: 5},
		{Key: "litigation_after_review", Label: "行政诉讼 复议后起诉", Cols: 5},
	},
	Columns: table4Columns,
	Cells: concat(
		[]Cell{
			{Row: 0, Col: 0, ColSpan: 5, Kind: Header, Text: "行政复议"},
			{Row: 0, Col: 5, ColSpan: 10, Kind: Header, Text: "行政诉讼"},
			{Row: 1, Col: 5, ColSpan: 5, Kind: Header, Text: "未经复议直接起诉"},
			{Row: 1, Col: 10, ColSpan: 5, Kind: Header, Text: "复议后起诉"},
		},
		headerRun(1, 0, 2),
		headerRun(2, 5, 1),
		headerRun(2, 10, 1),
		valueRun(3, 0, "review", 5),
		valueRun(3, 5, "litigation_direct", 5),
		valueRun(3, 10, "litigation_after_review", 5),
	),
}

var table4Columns = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

// V2021 is the format of 国办公开办函〔2021〕30号, in force from the 2021 reports on.
var V2021 = register(&Format{
	Version: "2021",
	Source:  "国办公开办函〔2021〕30号",
	Sections: []Section{
		{Number: "一", Heading: "一、总体情况", Key: "overview"},
		{Number: "二", Heading: "二、主动公开政府信息情况", Table: table2v2021},
		{Number: "三", Heading: "三、收到和处理政府信息公开申请情况", Table: table3v2021},
		{Number: "四", Heading: "四、政府信息公开行政复议、行政诉讼情况", Table: table4v2021},
		{Number: "五", Heading: "五、存在的主要问题及改进情况", Key: "problems"},
		{Number: "六", Heading: "六、其他需要报告的事项", Key: "other"},
	},
})

// concat joins the parts of a table's cells or rows.
func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// band is a full-width group row of Table 二.
func band(row, cols int, text string) []Cell {
	return []Cell{{Row: row, Col: 0, ColSpan: cols, Kind: Band, Text: text}}
}

// wideHeader is Table 二's "信息内容 | heading [3]" row.
func wideHeader(row int, text string) []Cell {
	return []Cell{
		{Row: row, Col: 0, Kind: Header, Text: "信息内容"},
		{Row: row, Col: 1, ColSpan: 3, Kind: Header, Text: text},
	}
}

// labelRow is a label from column col up to the first value column first,
// followed by n value cells of the data row key, each spanning span columns.
func labelRow(table, row, col, first int, text, key string, n, span int) []Cell {
	cs := []Cell{{Row: row, Col: col, ColSpan: first - col, Kind: Label, Text: text}}
	for k := 0; k < n; k++ {
		cs = append(cs, Cell{Row: row, Col: first + k*span, ColSpan: span, Kind: Value, Bind: Ref{table, key, k}})
	}
	return cs
}

// headerRun is the five column headings of Table 四 (结果维持 … 总计) from
// column col, each spanning rowSpan rows.
func headerRun(row, col, rowSpan int) []Cell {
	cs := make([]Cell, len(table4Columns))
	for k, text := range table4Columns {
		cs[k] = Cell{Row: row, Col: col + k, RowSpan: rowSpan, Kind: Header, Text: text}
	}
	return cs
}

// valueRun is n value cells of Table 四's data row key from column col.
func valueRun(row, col int, key string, n int) []Cell {
	cs := make([]Cell, n)
	for k := range cs {
		cs[k] = Cell{Row: row, Col: col + k, Kind: Value, Bind: Ref{4, key, k}}
	}
	return cs
}

func withCols(rows []DataRow, cols int) []DataRow {
	out := make([]DataRow, len(rows))
	for i, r := range rows {
		r.Cols = cols
		out[i] = r
	}
	return out
}
