package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/form"
)

// MaxFileSize is the largest report file read, in bytes. A real report is
// 10–60 KiB of text; 4 MiB leaves room for very long prose and stops a wrong
// file (a PDF, a spreadsheet export) before it is parsed.
const MaxFileSize = 4 << 20

// ReadFile reads and decodes the report file at path. An unreadable file is
// an error wrapping the os error; a file that does not decode is a Findings.
func ReadFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	return ReadFrom(path, f)
}

// ReadFrom reads and decodes the report file f, opened from path, from
// where it stands to its end, as ReadFile does.
func ReadFrom(path string, f *os.File) (*Report, error) {
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > MaxFileSize {
			return nil, Findings{tooLarge(path, fi.Size())}
		}
		buf.Grow(int(fi.Size()) + bytes.MinRead) // read in one go, not doubling from 512 bytes
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return Decode(path, buf.Bytes())
}

func tooLarge(name string, size int64) Finding {
	return Finding{Pos: Pos{File: name}, Message: fmt.Sprintf(
		"文件过大（%.1f MiB），上限为 %d MiB；年报数据文件通常不足 100 KiB，请确认选择了正确的文件",
		float64(size)/(1<<20), MaxFileSize>>20)}
}

// Decode decodes a report from YAML or JSON (JSON is YAML's flow style, so
// one parser reads both) and records the position of every value.
//
// When the file has errors, Decode returns a Findings listing all of them,
// sorted by position, together with the report as far as it was decoded (for
// tools; do not render it). Totals left out of the file are marked Computed
// and hold 0 until Complete fills them. A GBK/GB18030 file is converted; the
// note about it is reported by Validate as a warning.
func Decode(name string, data []byte) (*Report, error) {
	return decode(name, data, true)
}

// decode is Decode; fast says whether a file may be read by parseJSON or
// parseYAML instead of the YAML parser (the tests compare the two).
func decode(name string, data []byte, fast bool) (*Report, error) {
	d := &decoder{r: &Report{File: name}, fast: fast}
	if len(data) > MaxFileSize {
		return d.r, Findings{tooLarge(name, int64(len(data)))}
	}
	data, ok := d.text(data)
	if ok {
		d.file(data)
	}
	d.errs.Sort()
	if d.errs.Errors() > 0 {
		return d.r, d.errs
	}
	d.r.notes = d.errs
	return d.r, nil
}

// decoder walks the goccy/go-yaml AST by hand so that every message is ours,
// in Chinese, at the position of the value it is about.
type decoder struct {
	r    *Report
	errs Findings
	fast bool // try parseJSON and parseYAML before the YAML parser
}

func (d *decoder) at(line, col int) Pos { return Pos{File: d.r.File, Line: line, Col: col} }

func (d *decoder) pos(n ast.Node) Pos {
	if n == nil {
		return Pos{File: d.r.File}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{File: d.r.File}
	}
	return d.at(tk.Position.Line, tk.Position.Column)
}

func (d *decoder) errorf(p Pos, rule, format string, args ...any) {
	d.errs = append(d.errs, Finding{Pos: p, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) warnf(p Pos, format string, args ...any) {
	d.errs = append(d.errs, Finding{Pos: p, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// text returns data as UTF-8: a UTF-8 BOM is dropped, and a file that is not
// UTF-8 but is valid GB18030 (a superset of GBK, the default of Chinese
// Windows) is converted, with a warning.
func (d *decoder) text(data []byte) ([]byte, bool) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		d.errorf(d.at(1, 1), "", "文件为 UTF-16 编码，请另存为 UTF-8 编码")
		return nil, false
	}
	if utf8.Valid(data) {
		return data, true
	}
	u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(u) || bytes.ContainsRune(u, utf8.RuneError) {
		line, col := invalidUTF8(data)
		d.errorf(d.at(line, col), "", "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码，请另存为 UTF-8 编码")
		return nil, false
	}
	d.warnf(d.at(1, 1), "文件为 GBK/GB18030 编码，已按 GB18030 读取；建议另存为 UTF-8 编码")
	return u, true
}

// invalidUTF8 is the line and column of the first byte that is not UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// parse runs the YAML parser; a panic inside it is turned into an error so
// that no input makes nianbao panic.
func parse(data []byte) (f *ast.File, err error) {
	defer func() {
		if e := recover(); e != nil {
			f, err = nil, fmt.Errorf("无法解析：%v", e)
		}
	}()
	// Duplicate keys are reported by the decoder, in Chinese.
	return parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
}

func (d *decoder) file(data []byte) {
	if !d.prescan(data) {
		return
	}
	if d.fast {
		body, ok := parseJSON(data)
		if !ok {
			body, ok = parseYAML(data)
		}
		if ok {
			d.fullColons(data)
			d.report(body)
			return
		}
	}
	f, err := parse(data)
	if err != nil {
		p := d.at(1, 1)
		msg := err.Error()
		var te interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &te) {
			if tk := te.GetToken(); tk != nil && tk.Position != nil {
				p = d.at(tk.Position.Line, tk.Position.Column)
			}
			msg = te.GetMessage()
		}
		if d.syntaxHint(data, p.Line, msg) {
			return
		}
		d.errorf(p, "", "YAML 语法错误：%s", yamlMessage(msg))
		return
	}
	var docs []*ast.DocumentNode
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		d.errorf(d.at(1, 1), "", "文件为空：没有机关名称、年度和表格（可用 nianbao init 生成模板）")
		return
	}
	if len(docs) > 1 {
		d.errorf(d.pos(docs[1].Body), "", "文件只能有一份报告，此处开始了第二个 YAML 文档（---）")
	}
	d.fullColons(data)
	d.report(docs[0].Body)
}

// unwrap skips anchors and tags, which carry no meaning in a report file.
func unwrap(n ast.Node) ast.Node {
	for i := 0; i < 100 && n != nil; i++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
	return n
}

// describe names the kind of a node for "wrong type" messages.
func describe(n ast.Node) string {
	switch unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "空值"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "键值映射"
	case *ast.SequenceNode:
		return "列表"
	case *ast.IntegerNode:
		return "整数"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "小数"
	case *ast.BoolNode:
		return "布尔值"
	case *ast.AliasNode:
		return "别名（*）"
	}
	return "文字"
}

// scalar returns the text of a scalar node as written in the file (so that
// 7730.280 stays 7730.280), and whether n is a scalar. Null is "".
func scalar(n ast.Node) (string, bool) {
	switch v := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

func isNull(n ast.Node) bool {
	switch unwrap(n).(type) {
	case nil, *ast.NullNode:
		return true
	}
	return false
}

// entries returns the key-value pairs of a mapping node.
func (d *decoder) entries(n ast.Node, what string) ([]*ast.MappingValueNode, bool) {
	switch v := unwrap(n).(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	case nil, *ast.NullNode:
		return nil, true
	}
	hint := ""
	if s, ok := scalar(n); ok && strings.Contains(s, "：") {
		hint = "（是否把英文冒号“:”写成了中文冒号“：”？冒号后还要有一个空格）"
	}
	d.errorf(d.pos(n), "", "%s 应为键值映射（key: 值），实为%s%s", what, describe(n), hint)
	return nil, false
}

// field is one key-value pair of a mapping, by key.
type field struct {
	key   string
	kpos  Pos
	value ast.Node
}

// fields returns the pairs of mapping n, reporting unknown keys (with a
// suggestion) and duplicate keys.
func (d *decoder) fields(n ast.Node, what string, known []string) (map[string]field, bool) {
	return d.fieldsHint(n, what, known, nil)
}

// fieldsHint is fields with a message of its own for some unknown keys:
// hint returns it, or "" for the usual one.
func (d *decoder) fieldsHint(n ast.Node, what string, known []string, hint func(key string) string) (map[string]field, bool) {
	kvs, ok := d.entries(n, what)
	if !ok {
		return nil, false
	}
	out := make(map[string]field, len(kvs))
	for _, kv := range kvs {
		if kv == nil || kv.Key == nil {
			continue
		}
		key, _ := scalar(kv.Key)
		kp := d.pos(kv.Key)
		if _, ok := kv.Key.(*ast.MergeKeyNode); ok {
			d.errorf(kp, "", "%s 中不支持合并键“<<”", what)
			continue
		}
		if prev, dup := out[key]; dup {
			d.errorf(kp, "", "%s 中“%s”重复出现（第一次在第 %d 行）", what, key, prev.kpos.Line)
			continue
		}
		if !slices.Contains(known, key) {
			if hint != nil {
				if msg := hint(key); msg != "" {
					d.errorf(kp, "", "%s", msg)
					continue
				}
			}
			msg := fmt.Sprintf("%s 中没有“%s”这一项", what, key)
			if s := suggest(key, known); s != "" {
				msg += fmt.Sprintf("，是否应为“%s”？", s)
			} else {
				msg += "（可用：" + strings.Join(known, "、") + "）"
			}
			d.errorf(kp, "", "%s", msg)
			continue
		}
		out[key] = field{key: key, kpos: kp, value: kv.Value}
	}
	return out, true
}

// suggest returns the known key nearest to key when it is close enough to
// be a typo: at most a third of its letters differ.
func suggest(key string, known []string) string {
	best, bestD := "", 0
	for _, k := range known {
		dist := EditDistance(strings.ToLower(key), k)
		if best == "" || dist < bestD {
			best, bestD = k, dist
		}
	}
	if best == "" || bestD > max(2, utf8.RuneCountInString(best)/3) {
		return ""
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, in runes
// (strings of more than 100 runes: the longer length, without the work).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 100 || len(rb) > 100 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// The keys of the report file.
var (
	reportKeys  = []string{"format", "agency", "year", "title", "preamble", "overview", "table2", "table3", "table4", "problems", "other", "closing", "contact", "fonts"}
	blockKeys   = []string{"heading", "run_in", "paragraphs"}
	closingKeys = []string{"agency", "date"}
	contactKeys = []string{"office", "address", "postcode", "phone", "email", "website"}
)

// fieldLabels are the Chinese names of the top-level keys, for messages.
var fieldLabels = map[string]string{
	"format": "格式版本", "agency": "机关名称", "year": "年度", "title": "标题",
	"preamble": "前言", "overview": "一、总体情况", "table2": "表二", "table3": "表三",
	"table4": "表四", "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项",
	"closing": "落款", "contact": "联系方式", "fonts": "字体",
}

func (d *decoder) report(body ast.Node) {
	r := d.r
	fs, ok := d.fields(body, "报告", reportKeys)
	if !ok {
		return
	}
	// A missing key is reported at the start of the mapping, below any
	// leading comments.
	top := d.at(1, 1)
	if kvs, _ := d.entries(body, "报告"); len(kvs) > 0 && kvs[0].Key != nil {
		top = d.pos(kvs[0].Key)
	}
	for _, key := range []string{"agency", "year", "table2", "table3", "table4"} {
		if f, ok := fs[key]; !ok || isNull(f.value) {
			p := top
			if ok {
				p = f.kpos
			}
			d.errorf(p, "", "缺少必填项“%s”（%s）", key, fieldLabels[key])
		}
	}
	if f, ok := fs["format"]; ok {
		r.Format = d.str(f, "format")
		if _, known := form.Lookup(r.Format); !known && r.Format != "" {
			d.errorf(d.pos(f.value), "", "格式版本“%s”未知（可用：%s）", r.Format, strings.Join(form.Versions(), "、"))
		}
	}
	if f, ok := fs["agency"]; ok && !isNull(f.value) {
		r.Agency = strings.TrimSpace(d.str(f, "agency"))
	}
	if f, ok := fs["year"]; ok && !isNull(f.value) {
		r.SetPos("year", d.pos(f.value))
		s, _ := scalar(f.value)
		y, err := strconv.Atoi(strings.TrimSpace(s))
		if _, isMap := unwrap(f.value).(*ast.MappingNode); err != nil || isMap {
			d.errorf(d.pos(f.value), "", "年度 应为四位数的年份，如 2021，实为%s", quoteValue(f.value))
		} else {
			r.Year = y
		}
	}
	if f, ok := fs["title"]; ok {
		r.Title = d.strs(f.value, "title", "标题")
	}
	if f, ok := fs["preamble"]; ok {
		r.Preamble = d.strs(f.value, "preamble", "前言")
	}
	if f, ok := fs["overview"]; ok {
		r.Overview = d.section(f.value, "overview")
	}
	if f, ok := fs["problems"]; ok {
		r.Problems = d.section(f.value, "problems")
	}
	if f, ok := fs["other"]; ok {
		r.Other = d.section(f.value, "other")
	}
	if f, ok := fs["table2"]; ok && !isNull(f.value) {
		d.table2(f.value)
	}
	if f, ok := fs["table3"]; ok && !isNull(f.value) {
		d.table3(f.value)
	}
	if f, ok := fs["table4"]; ok && !isNull(f.value) {
		d.table4(f.value)
	}
	if f, ok := fs["closing"]; ok {
		r.SetPos("closing", d.pos(f.value))
		if cf, ok := d.fields(f.value, "落款", closingKeys); ok {
			r.Closing.Agency = d.optStr(cf, "agency", "closing.")
			r.Closing.Date = d.optStr(cf, "date", "closing.")
		}
	}
	if f, ok := fs["contact"]; ok {
		r.SetPos("contact", d.pos(f.value))
		if cf, ok := d.fields(f.value, "联系方式", contactKeys); ok {
			c := &r.Contact
			c.Office = d.optStr(cf, "office", "contact.")
			c.Address = d.optStr(cf, "address", "contact.")
			c.Postcode = d.optStr(cf, "postcode", "contact.")
			c.Phone = d.optStr(cf, "phone", "contact.")
			c.Email = d.optStr(cf, "email", "contact.")
			c.Website = d.optStr(cf, "website", "contact.")
		}
	}
	if f, ok := fs["fonts"]; ok {
		d.fonts(f.value)
	}
}

func quoteValue(n ast.Node) string {
	if s, ok := scalar(n); ok && !isNull(n) {
		return "“" + s + "”"
	}
	return describe(n)
}

// str decodes the string value of field f at path; numbers are taken as
// written (postcode: 325600).
func (d *decoder) str(f field, path string) string {
	d.r.SetPos(path, d.pos(f.value))
	return d.strAt(f.value, func() string { return pathLabel(path) })
}

// strAt decodes the string value of node n; label names it in messages and
// is called only for one.
func (d *decoder) strAt(n ast.Node, label func() string) string {
	s, ok := scalar(n)
	if !ok {
		d.errorf(d.pos(n), "", "%s 应为文字，实为%s", label(), describe(n))
	}
	if _, alias := unwrap(n).(*ast.AliasNode); alias {
		d.errorf(d.pos(n), "", "%s 不支持别名（*），请直接写出文字", label())
	}
	d.control(n, s, label)
	return s
}

// control reports a control character in text s of node n: it cannot be
// printed or written to a Word file, and is usually pasted in unseen.
func (d *decoder) control(n ast.Node, s string, label func() string) {
	for i, c := range s {
		if controlChar(c) {
			d.errorf(d.pos(n), "", "%s 第 %d 个字符是控制字符 U+%04X（看不见的字符，多由复制粘贴带入），请删除",
				label(), utf8.RuneCountInString(s[:i])+1, c)
			return
		}
	}
}

// controlChar says whether c is a control character that no output can
// carry: C0 and C1 controls other than tab and line breaks, and the
// noncharacters U+FFFE and U+FFFF (as render/docx refuses them).
func controlChar(c rune) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		return false
	case c < 0x20, c >= 0x7f && c <= 0x9f, c == 0xfffe, c == 0xffff:
		return true
	}
	return false
}

func (d *decoder) optStr(fs map[string]field, key, prefix string) string {
	f, ok := fs[key]
	if !ok {
		return ""
	}
	return strings.TrimSpace(d.str(f, prefix+key))
}

// pathLabel is the Chinese name of a path for messages.
func pathLabel(path string) string {
	if l, ok := fieldLabels[path]; ok {
		return l
	}
	return path
}

// strs decodes a list of strings, or a single string as a list of one.
func (d *decoder) strs(n ast.Node, path, label string) []string {
	d.r.SetPos(path, d.pos(n))
	if isNull(n) {
		return nil
	}
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		if s := d.strAt(n, func() string { return label }); s != "" {
			d.r.SetPos(path+"[0]", d.pos(n))
			return []string{s}
		}
		return nil
	}
	var out []string
	for i, v := range seq.Values {
		p := index(path, i)
		d.r.SetPos(p, d.pos(v))
		out = append(out, d.strAt(v, func() string { return fmt.Sprintf("%s第 %d 项", label, i+1) }))
	}
	return out
}

// section decodes the prose of 一, 五 or 六: a list whose items are a
// paragraph (a string) or a block {heading, run_in, paragraphs}. Item i of the
// file is block i of the section, so paths match the file.
func (d *decoder) section(n ast.Node, key string) Section {
	label := fieldLabels[key]
	d.r.SetPos(key, d.pos(n))
	if isNull(n) {
		return nil
	}
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		if s, isStr := scalar(n); isStr {
			d.r.SetPos(key+"[0].paragraphs[0]", d.pos(n))
			return Section{{Paragraphs: []string{s}}}
		}
		d.errorf(d.pos(n), "", "%s 应为列表：每项是一段文字，或 {heading: 标题, paragraphs: [段落…]}，实为%s", label, describe(n))
		return nil
	}
	var s Section
	for i, v := range seq.Values {
		path := index(key, i)
		d.r.SetPos(path, d.pos(v))
		if text, isStr := scalar(v); isStr {
			d.strAt(v, func() string { return label })
			d.r.SetPos(path+".paragraphs[0]", d.pos(v))
			s = append(s, Block{Paragraphs: []string{text}})
			continue
		}
		fs, ok := d.fields(v, fmt.Sprintf("%s第 %d 项", label, i+1), blockKeys)
		if !ok {
			s = append(s, Block{})
			continue
		}
		var b Block
		if f, ok := fs["heading"]; ok {
			b.Heading = strings.TrimSpace(d.str(f, path+".heading"))
		}
		if f, ok := fs["run_in"]; ok {
			d.r.SetPos(path+".run_in", d.pos(f.value))
			if bn, ok := unwrap(f.value).(*ast.BoolNode); ok {
				b.RunIn = bn.Value
			} else if !isNull(f.value) {
				d.errorf(d.pos(f.value), "", "run_in（标题与正文同行）应为 true 或 false，实为%s", quoteValue(f.value))
			}
		}
		if f, ok := fs["paragraphs"]; ok {
			b.Paragraphs = d.strs(f.value, path+".paragraphs", label+"段落")
		}
		if b.Heading == "" && len(b.Paragraphs) == 0 {
			d.errorf(d.pos(v), "", "%s第 %d 项既无标题也无段落", label, i+1)
		}
		s = append(s, b)
	}
	return s
}

// fontKeys are the keys of the fonts section: the font roles of package
// fonts, and fallback, a font for characters that the roles' fonts lack.
var fontKeys = []string{"title", "body", "heading1", "heading2", "table", "latin", "fallback"}

func (d *decoder) fonts(n ast.Node) {
	d.r.SetPos("fonts", d.pos(n))
	fs, ok := d.fields(n, "字体", fontKeys)
	if !ok {
		return
	}
	for _, key := range fontKeys {
		f, ok := fs[key]
		if !ok {
			continue
		}
		path := "fonts." + key
		d.r.SetPos(path, d.pos(f.value))
		if d.r.Fonts == nil {
			d.r.Fonts = map[string]string{}
		}
		d.r.Fonts[key] = d.strAt(f.value, func() string { return "字体 " + key })
	}
}
