package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// The YAML parser is given a file only after prescan has bounded its
// nesting and size: goccy/go-yaml took 20–40 s and 15 GB of memory on a
// 200 KB file nested 10⁵ levels deep before failing.
const (
	// maxDepth is the deepest nesting of lists and mappings read. A report
	// nests 5 levels (report → overview → block → paragraphs → text) and 6
	// with a flow list; 32 leaves room for any layout of the same data.
	maxDepth = 32
	// maxIndent is the deepest indentation read, in spaces: maxDepth levels
	// of 4 spaces. Without it, 4 MiB of one-space steps nests 2,900 deep.
	maxIndent = 4 * maxDepth
	// maxNodes is the most values (list items, keys, flow entries) read.
	// A report has about 400 (Table 三 alone has 175 cells); 20,000 is far
	// more than any report with very long prose, and parses in about 0.3 s
	// (99,000 values took 1.5 s and 93 MB).
	maxNodes = 20_000
)

// prescan checks what the YAML parser must not be given: nesting deeper
// than maxDepth (brackets, or "- " items opened on one line), indentation
// deeper than maxIndent and more than maxNodes values. It reads the text
// once, skipping quoted strings and comments.
func (d *decoder) prescan(data []byte) bool {
	line, col := 1, 0
	depth, nodes := 0, 0
	var quote rune
	comment, lineStart := false, true
	indicators := 0 // "- " that open a nested list on this line: block nesting
	prev := '\n'
	indicator := false // the last non-space character was a "- " or ": " indicator
	for len(data) > 0 {
		r, size := rune(data[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(data)
		}
		data = data[size:]
		col++
		switch {
		case r == '\n':
			line, col = line+1, 0
			comment, lineStart, indicators, indicator = false, true, 0, false
		case comment:
		case quote != 0:
			if r == quote {
				quote = 0
			} else if r == '\\' && quote == '"' && len(data) > 0 {
				_, s := utf8.DecodeRune(data)
				data = data[s:]
				col++
			}
		case r == '#' && (prev == ' ' || prev == '\t' || prev == '\n' || lineStart):
			comment = true
		case r == '"' || r == '\'':
			if prev == ' ' || prev == '\n' || prev == '[' || prev == '{' || prev == ',' || prev == ':' || lineStart {
				quote = r
			}
		case r == '[' || r == '{':
			depth++
			nodes++
			if depth+indicators > maxDepth {
				d.errorf(d.at(line, col), "", "嵌套过深：超过 %d 层列表或映射；年报数据文件只需约 5 层，请确认选择了正确的文件", maxDepth)
				return false
			}
		case r == ']' || r == '}':
			depth = max(depth-1, 0)
		case r == ',' && depth > 0:
			nodes++
		case r == '-' && (lineStart || indicator) && (prev == ' ' || prev == '\n') && (len(data) == 0 || data[0] == ' ' || data[0] == '\n'):
			indicators++
			nodes++
			if indicators > maxDepth {
				d.errorf(d.at(line, col), "", "嵌套过深：一行中超过 %d 层列表（“- - -”）；年报数据文件只需约 5 层，请确认选择了正确的文件", maxDepth)
				return false
			}
		case r == ':' && (len(data) == 0 || data[0] == ' ' || data[0] == '\n'):
			nodes++
		}
		if lineStart && r != ' ' && r != '\n' && col-1 > maxIndent && quote == 0 {
			d.errorf(d.at(line, col), "", "缩进过深：行首有 %d 个空格（上限 %d）；年报数据文件只需约 5 层，请确认选择了正确的文件", col-1, maxIndent)
			return false
		}
		if r != ' ' && r != '-' && r != '\n' {
			lineStart = false
		}
		if r != ' ' {
			indicator = quote == 0 && !comment && (r == '-' || r == ':') && (len(data) == 0 || data[0] == ' ' || data[0] == '\n')
		}
		if nodes > maxNodes {
			d.errorf(d.at(line, col), "", "值过多：超过 %d 个；年报数据文件约有 400 个值，请确认选择了正确的文件", maxNodes)
			return false
		}
		prev = r
	}
	return true
}

// syntaxHint looks for the usual slips that make the YAML parser fail and
// reports the first one at or before the line where the parser stopped:
// a tab in the indentation, a full-width colon after a key, a key without a
// space after its colon, an unclosed quote, a full-width comma in a flow
// list or mapping. It returns false when it finds none.
func (d *decoder) syntaxHint(data []byte, failLine int, msg string) bool {
	lines := strings.Split(string(data), "\n")
	if strings.Contains(msg, "']'") || strings.Contains(msg, "'}'") {
		if line, col, open := unclosedFlow(lines, failLine); line > 0 {
			closing := map[rune]rune{'[': ']', '{': '}'}[open]
			d.errorf(d.at(line, col), "", "YAML 语法错误：这一行的括号“%c”没有闭合：请在末尾补上“%c”", open, closing)
			return true
		}
	}
	type hint struct {
		line, col int
		msg       string
	}
	var found []hint
	for i, l := range lines {
		n := i + 1
		if failLine > 0 && n > failLine {
			break
		}
		l = strings.TrimSuffix(l, "\r")
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if j := strings.IndexByte(l[:indent], '\t'); j >= 0 {
			found = append(found, hint{n, j + 1, "行首用了制表符（Tab）缩进：YAML 的缩进只能用空格，请把制表符换成空格"})
			continue
		}
		if m := fullColonRE.FindStringSubmatchIndex(l); m != nil {
			found = append(found, hint{n, runeCol(l, m[3]-len("：")), fmt.Sprintf("“%s”后面是中文冒号“：”：键和值之间要用英文冒号“:”加一个空格，如 %s: …", l[m[4]:m[5]], l[m[4]:m[5]])})
			continue
		}
		if m := noSpaceColonRE.FindStringSubmatchIndex(l); m != nil {
			found = append(found, hint{n, runeCol(l, m[5]), fmt.Sprintf("“%s”后的冒号“:”后面缺少空格：请写成 %s: …", l[m[4]:m[5]], l[m[4]:m[5]])})
			continue
		}
		if m := dashValueRE.FindStringSubmatchIndex(l); m != nil {
			found = append(found, hint{n, runeCol(l, m[2]), "单独的“-”在 YAML 中表示列表项：空白单元格请写 null，或加引号写成 \"-\" 或 \"/\""})
			continue
		}
		if c := unclosedQuote(l); c > 0 {
			found = append(found, hint{n, runeCol(l, c-1), "引号没有闭合：这一行的引号（\"）开始的文字在行末没有结束，请补上右引号"})
			continue
		}
		if c := flowFullComma(l); c > 0 {
			found = append(found, hint{n, runeCol(l, c-1), "列表或映射中用了全角逗号“，”：请改为英文逗号“,”加空格"})
		}
	}
	if len(found) == 0 {
		return false
	}
	h := found[0]
	d.errorf(d.at(h.line, h.col), "", "YAML 语法错误：%s", h.msg)
	return true
}

var (
	// fullColonRE is a key followed by a full-width colon: "agency： 甲".
	fullColonRE = regexp.MustCompile(`^\s*(?:-\s+)?(([A-Za-z_][A-Za-z0-9_]*)\s*：)`)
	// dashValueRE is a key whose value is a lone "-", meant as a blank cell:
	// "licensing: -" (YAML reads a list item).
	dashValueRE = regexp.MustCompile(`^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:\s+(-)\s*(?:#.*)?$`)
	// noSpaceColonRE is a key whose colon has no space after it: "year:2021".
	noSpaceColonRE = regexp.MustCompile(`^\s*(?:-\s+)?(([A-Za-z_][A-Za-z0-9_]*):[^\s/:])`)
)

// runeCol is the 1-based column, in characters, of byte offset i of l.
func runeCol(l string, i int) int { return utf8.RuneCountInString(l[:i]) + 1 }

// unclosedQuote returns 1 + the byte offset of a double or single quote
// that opens a value on line l and is not closed on it, or 0.
func unclosedQuote(l string) int {
	var quote rune
	start := 0
	prev := ' '
	escaped := false
	for i, r := range l {
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if r == quote {
				quote = 0
			} else if r == '\\' && quote == '"' {
				escaped = true
			}
		case r == '#' && prev == ' ':
			return 0
		case (r == '"' || r == '\'') && strings.ContainsRune(" [{,:-", prev):
			quote, start = r, i
		}
		prev = r
	}
	if quote != 0 {
		return start + 1
	}
	return 0
}

// flowFullComma returns 1 + the byte offset of a full-width comma inside
// [ ] or { } on line l, outside quotes, or 0.
func flowFullComma(l string) int {
	depth := 0
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '{':
			depth++
		case r == ']' || r == '}':
			depth--
		case r == '，' && depth > 0:
			return i + 1
		}
	}
	return 0
}

// yamlMessages are the Chinese for the messages of the YAML parser that a
// report file can meet; the English follows in brackets for the others.
var yamlMessages = []struct{ en, zh string }{
	{"could not find end character of double-quoted text", "双引号没有闭合：请补上右引号（\"）"},
	{"could not find end character of single-quoted text", "单引号没有闭合：请补上右引号（'）"},
	{"cannot start any token", "这里有不能出现在 YAML 中的字符（缩进只能用空格，不能用制表符）"},
	{"sequence end token ']' not found", "列表缺少右方括号“]”"},
	{"could not find flow mapping end token '}'", "缺少右花括号“}”"},
	{"',' or ']' must be specified", "列表中的值之间要用英文逗号“,”隔开，末尾要有“]”"},
	{"',' or '}' must be specified", "花括号中的项之间要用英文逗号“,”隔开，末尾要有“}”"},
	{"could not find '[' character corresponding to ']'", "多了一个右方括号“]”"},
	{"could not find '{' character corresponding to '}'", "多了一个右花括号“}”"},
	{"expected sequence element, but found ','", "列表中有两个连续的逗号，或逗号前缺少值"},
	{"non-map value is specified", "此处应为“键: 值”（检查缩进，以及冒号是否为英文冒号“:”且后有空格）"},
	{"unexpected key name", "此处不应有键名（检查上一行的缩进和引号，以及冒号是否为英文冒号“:”）"},
	{"mapping value is not allowed in this context", "此处不能有“键: 值”（检查缩进；文字中含英文冒号“: ”时请给整段文字加引号）"},
	{"value is not allowed in this context", "此处不能有值（检查缩进和上面几行的引号是否闭合）"},
	{"block sequence entries are not allowed in this context", "此处不能有列表项“- ”（检查缩进）"},
	{"could not find value for mapping key", "键后面缺少值"},
	{"map key definition includes an implicit line break", "键名中间换了行（检查引号是否闭合）"},
	{"undefined alias", "别名（*）没有对应的锚点（&）"},
	{"unexpected end content", "文件在中途结束（检查引号和括号是否闭合）"},
}

// yamlMessage is the Chinese for a message of the YAML parser.
func yamlMessage(msg string) string {
	for _, m := range yamlMessages {
		if strings.Contains(msg, m.en) {
			return m.zh
		}
	}
	return "无法解析（" + msg + "）"
}

// unclosedFlow returns the line and column of the outermost [ or { that is
// still open when line failLine starts, or 0, 0.
func unclosedFlow(lines []string, failLine int) (line, col int, open rune) {
	depth := 0
	for i := 0; i < len(lines) && i < failLine-1; i++ {
		var quote rune
		for j, r := range lines[i] {
			switch {
			case quote != 0:
				if r == quote {
					quote = 0
				}
			case r == '"' || r == '\'':
				quote = r
			case r == '#':
				if j == 0 || lines[i][j-1] == ' ' {
					goto next
				}
			case r == '[' || r == '{':
				if depth == 0 {
					line, col, open = i+1, runeCol(lines[i], j), r
				}
				depth++
			case r == ']' || r == '}':
				depth = max(depth-1, 0)
			}
		}
	next:
	}
	if depth == 0 {
		return 0, 0, 0
	}
	return line, col, open
}

// fullColons reports a known key followed by a full-width colon in a file
// that parsed: "- heading： （一）…" is then a paragraph, not a heading, and
// the clerk would not see why.
func (d *decoder) fullColons(data []byte) {
	if !bytes.Contains(data, []byte("：")) {
		return // what fullColonRE matches has one
	}
	keys := fileKeys()
	for i, rest := 0, data; len(rest) > 0; i++ {
		line := rest
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
		if !bytes.Contains(line, []byte("：")) {
			continue
		}
		l := string(line)
		if m := fullColonRE.FindStringSubmatchIndex(l); m != nil && keys[l[m[4]:m[5]]] {
			key := l[m[4]:m[5]]
			d.errorf(d.at(i+1, runeCol(l, m[3]-len("："))), "", "“%s”后面是中文冒号“：”：键和值之间要用英文冒号“:”加一个空格，如 %s: …", key, key)
		}
	}
}

// fileKeys are the keys of a report file, in every format.
var fileKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{"notes": true}
	for _, list := range [][]string{reportKeys, blockKeys, closingKeys, contactKeys, fontKeys} {
		for _, k := range list {
			keys[k] = true
		}
	}
	for _, v := range form.Versions() {
		f, _ := form.Lookup(v)
		for _, t := range f.Tables() {
			for _, row := range t.Data {
				keys[row.Key] = true
			}
		}
	}
	return keys
})
