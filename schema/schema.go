// Package schema generates the JSON Schema of the report file
// (schema/report.schema.json) from the Go types of package report, so that
// editors can complete and check a report file. Row keys and labels of
// Tables 三 and 四 come from package form.
//
// Regenerate with `go run ./schema/gen`; TestSchemaCurrent fails when the
// checked-in file is stale.
package schema

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/wk8/go-ordered-map/v2"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// File is where the schema is checked in, relative to the repository root.
const File = "schema/report.schema.json"

// descriptions are the Chinese labels of the struct fields, by type and Go
// field name.
var descriptions = map[reflect.Type]map[string]string{
	reflect.TypeFor[report.Report](): {
		"Format": "格式版本（国办公开办函〔2021〕30号 为 \"2021\"；国办公开办函〔2019〕60号试行格式为 \"2019\"）", "Agency": "机关名称", "Year": "年度",
		"Title": "标题各行（可省略：机关名称 + 年度标题）", "Preamble": "前言各段（可省略：按联系方式自动生成）",
		"Overview": "一、总体情况", "Table2": "二、主动公开政府信息情况（各格式的表见 $defs：Table2 为 2021 格式，Table2v2019 为 2019 格式）",
		"Table3": "三、收到和处理政府信息公开申请情况（Table3 为 2021 格式，Table3v2019 为 2019 格式）",
		"Table4": "四、政府信息公开行政复议、行政诉讼情况", "Problems": "五、存在的主要问题及改进情况",
		"Other": "六、其他需要报告的事项", "Closing": "落款（可省略）", "Contact": "联系方式", "Fonts": "可选：字体角色 → 字体文件路径",
	},
	reflect.TypeFor[report.Block]():   {"Heading": "二级标题，如（一）主动公开政府信息情况", "RunIn": "标题与正文同行", "Paragraphs": "段落"},
	reflect.TypeFor[report.Closing](): {"Agency": "落款机关", "Date": "成文日期，如 2022年1月20日"},
	reflect.TypeFor[report.Contact](): {"Office": "联系部门", "Address": "地址", "Postcode": "邮编", "Phone": "电话", "Email": "电子邮箱", "Website": "网址"},
	reflect.TypeFor[report.Table2](): {
		"Regulations": "规章：本年制发件数、本年废止件数、现行有效件数", "NormativeDocuments": "行政规范性文件：本年制发件数、本年废止件数、现行有效件数",
		"Licensing": "行政许可：本年处理决定数量", "Penalties": "行政处罚：本年处理决定数量", "Enforcement": "行政强制：本年处理决定数量",
		"Fees": "行政事业性收费：本年收费金额（单位：万元）", "Notes": "表下注",
	},
}

func ptr(n uint64) *uint64 { return &n }

// count is one integer cell: an integer, null (blank; an error under R6), or
// a number followed by a note printed in the cell.
func count() *jsonschema.Schema {
	return &jsonschema.Schema{Description: "件数：非负整数；或数字（可为全角）后加单位或括号注释，如 \"22（其中修订16件）\"；空白写 null 或 \"/\"", OneOf: []*jsonschema.Schema{
		{Type: "integer", Minimum: "0"},
		{Type: "null"},
		{Type: "string", Pattern: `^\s*([0-9０-９]+\s*[件个条项起次份家]?\s*([（(].*[）)])?|/|／|-|－|—|——|–)?\s*$`},
	}}
}

// change is 本年增/减 of the 2019 Table 二: a count that may be negative.
func change() *jsonschema.Schema {
	return &jsonschema.Schema{Description: "本年增/减：整数，可为负数，如 -3 或 \"+5\"", OneOf: []*jsonschema.Schema{
		{Type: "integer"},
		{Type: "null"},
		{Type: "string", Pattern: `^\s*([+-]?[0-9０-９]+\s*[件个条项起次份家]?\s*([（(].*[）)])?|/|／|-|－|—|——|–)?\s*$`},
	}}
}

func amount() *jsonschema.Schema {
	return &jsonschema.Schema{Description: "金额（万元）：非负小数，最多 4 位，如 7730.28；或数字后加“万元”或括号注释", OneOf: []*jsonschema.Schema{
		{Type: "number", Minimum: "0"},
		{Type: "null"},
		{Type: "string", Pattern: `^\s*(\+?[0-9０-９]+([.．][0-9０-９]{1,4})?\s*(万元)?\s*([（(].*[）)])?|/|／|-|－|—|——|–)?\s*$`},
	}}
}

// table is the schema of Table 三 or 四 of a format: one key per data row,
// each a list of counts whose last value (总计) may be left out.
func table(t *form.Table, optional string) *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	var required []string
	for _, row := range t.Data {
		props.Set(row.Key, &jsonschema.Schema{
			Type: "array", Items: count(), MinItems: ptr(uint64(row.Cols - 1)), MaxItems: ptr(uint64(row.Cols)),
			Description: row.Label + "（" + joinCols(t.Columns) + "；总计可省略）",
		})
		if row.Key != optional {
			required = append(required, row.Key)
		}
	}
	props.Set("notes", &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Type: "string"}, Description: "表下注"})
	return &jsonschema.Schema{Type: "object", Properties: props, Required: required, AdditionalProperties: jsonschema.FalseSchema}
}

// table2v2019 is the schema of the 2019 Table 二, from form: one key per
// data row, each a list of its values in their units.
func table2v2019() *jsonschema.Schema {
	t := form.V2019.Table(2)
	props := orderedmap.New[string, *jsonschema.Schema]()
	var required []string
	for _, row := range t.Data {
		items := make([]*jsonschema.Schema, row.Cols)
		for k := range items {
			switch row.Unit(k) {
			case form.Change:
				items[k] = change()
			case form.Amount:
				items[k] = amount()
			default:
				items[k] = count()
			}
		}
		props.Set(row.Key, &jsonschema.Schema{
			Type: "array", PrefixItems: items, Items: jsonschema.FalseSchema, MinItems: ptr(uint64(row.Cols)), MaxItems: ptr(uint64(row.Cols)),
			Description: row.Label + "（" + joinCols(row.Columns) + "）",
		})
		required = append(required, row.Key)
	}
	props.Set("notes", &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Type: "string"}, Description: "表下注"})
	return &jsonschema.Schema{Type: "object", Properties: props, Required: required, AdditionalProperties: jsonschema.FalseSchema,
		Description: "二、主动公开政府信息情况（" + form.V2019.Source + " 试行格式）"}
}

func joinCols(cols []string) string {
	var b bytes.Buffer
	for i, c := range cols {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(c)
	}
	return b.String()
}

// section is the prose of 一, 五 or 六: paragraphs and blocks.
func section() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string", Description: "不带标题的段落"},
		{Ref: "#/$defs/Block"},
	}}}
}

func mapper(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[report.Count]():
		return count()
	case reflect.TypeFor[report.Amount]():
		return amount()
	case reflect.TypeFor[report.Table3]():
		return &jsonschema.Schema{} // by format: see Generate
	case reflect.TypeFor[report.Table4]():
		return table(form.V2021.Table(4), "")
	case reflect.TypeFor[report.Section]():
		return section()
	case reflect.TypeFor[[3]report.Count]():
		return &jsonschema.Schema{Type: "array", Items: count(), MinItems: ptr(3), MaxItems: ptr(3)}
	}
	return nil
}

// byFormat makes Tables 二 and 三 depend on the report's format: the 2019
// tables when format is "2019", else those of 2021 (the default).
func byFormat(def *jsonschema.Schema, defs jsonschema.Definitions) {
	for _, key := range []string{"table2", "table3"} {
		if p, ok := def.Properties.Get(key); ok {
			def.Properties.Set(key, &jsonschema.Schema{Description: p.Description})
		}
	}
	defs["Table3"] = table(form.V2021.Table(3), "total")
	defs["Table2v2019"] = table2v2019()
	defs["Table3v2019"] = table(form.V2019.Table(3), "total")
	tables := func(t2, t3 string) *jsonschema.Schema {
		props := orderedmap.New[string, *jsonschema.Schema]()
		props.Set("table2", &jsonschema.Schema{Ref: "#/$defs/" + t2})
		props.Set("table3", &jsonschema.Schema{Ref: "#/$defs/" + t3})
		return &jsonschema.Schema{Properties: props}
	}
	cond := orderedmap.New[string, *jsonschema.Schema]()
	cond.Set("format", &jsonschema.Schema{Const: form.V2019.Version})
	def.If = &jsonschema.Schema{Properties: cond, Required: []string{"format"}}
	def.Then = tables("Table2v2019", "Table3v2019")
	def.Else = tables("Table2", "Table3")
}

// Generate returns the schema of the report file, indented, with a final
// newline.
func Generate() ([]byte, error) {
	r := &jsonschema.Reflector{
		Mapper:                     mapper,
		RequiredFromJSONSchemaTags: false,
		LookupComment: func(t reflect.Type, field string) string {
			return descriptions[t][field]
		},
	}
	s := r.Reflect(&report.Report{})
	s.ID = "https://github.com/nianbao/nianbao/schema/report.schema.json"
	s.Title = "nianbao 政府信息公开工作年度报告数据文件"
	if s.Definitions == nil {
		s.Definitions = jsonschema.Definitions{}
	}
	s.Definitions["Block"] = r.Reflect(&report.Block{}).Definitions["Block"]
	// The decoder requires these; the prose sections may be left out (Validate warns).
	if def, ok := s.Definitions["Report"]; ok {
		def.Required = []string{"agency", "year", "table2", "table3", "table4"}
		byFormat(def, s.Definitions)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
