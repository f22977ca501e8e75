package report_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// yamlFiles are the fixture files: good, broken and published.
func yamlFiles(t testing.TB) []string {
	var files []string
	for _, pattern := range []string{"../fixtures/*.yaml", "../fixtures/broken/*.yaml", "../fixtures/published/*.yaml"} {
		fs, _ := filepath.Glob(pattern)
		files = append(files, fs...)
	}
	if len(files) < 40 {
		t.Fatalf("found %d fixtures, want at least 40", len(files))
	}
	return files
}

// yamlCorpus is YAML as nianbao writes it and clerks edit it: every fixture
// as it is and changed by hand (indentation doubled, comments dropped or
// moved to lines of their own, blank lines dropped, cells blanked, quoted,
// given notes); every fixture that parses written again in several layouts
// (indentation 2, 3 or 4, sequences at the indentation of their key, lists
// of scalars in flow or block style, scalars plain, double- or
// single-quoted, comments everywhere); what `nianbao import` writes
// (report.Encode) for each good fixture and for 200 synthetic reports; and
// what `nianbao init` writes. fast lists the inputs the fast path must
// read (the others may fall back).
func yamlCorpus(t testing.TB) (inputs map[string][]byte, fast map[string]bool) {
	inputs, fast = map[string][]byte{}, map[string]bool{}
	for _, file := range yamlFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(file)
		if strings.Contains(file, "broken") {
			name = "broken-" + name
		}
		inputs[name] = data
		for suffix, edit := range handEdits {
			inputs[name+"."+suffix] = edit(data)
		}
		var v any
		if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
			continue // a fixture of a YAML syntax error
		}
		for i, st := range yamlStyles {
			inputs[fmt.Sprintf("%s.style%d.yaml", name, i)] = writeYAML(v, st)
		}
		if !strings.Contains(file, "broken") {
			if r, err := report.Decode(file, data); err == nil {
				enc := report.Encode(r, name)
				inputs[name+".encoded.yaml"], fast[name+".encoded.yaml"] = enc, true
			}
		}
	}
	// The good fixtures in the layout nianbao writes: the fast path is for them.
	for _, name := range []string{"yueqing-sfj-2021.yaml", "city-wide-2024.yaml", "city-bignum-2024.yaml", "format-2019.yaml",
		"prose-phrasings-2023.yaml", "prose-variants-2023.yaml", "stress-prose-2024.yaml", "totals-omitted-2021.yaml"} {
		if _, ok := inputs[name]; !ok {
			t.Fatalf("fixture %s is missing", name)
		}
		fast[name] = true
	}
	for _, f := range []*form.Format{form.V2021, form.V2019} {
		name := "skeleton-" + f.Version + ".yaml"
		inputs[name], fast[name] = report.Skeleton(f, "乐清市司法局", 2021), true
	}
	for i := range 200 {
		name := fmt.Sprintf("synth-%03d.yaml", i)
		inputs[name], fast[name] = report.Encode(synth.Report(1, i), ""), true
	}
	return inputs, fast
}

// cells replaces every number in the flow lists of table rows
// ("  new: [1, 0, 0]") by repl, a template of flowNumber.
func cells(b []byte, repl string) []byte {
	return tableRow.ReplaceAllFunc(b, func(row []byte) []byte { return flowNumber.ReplaceAll(row, []byte(repl)) })
}

var (
	tableRow        = regexp.MustCompile(`(?m)^ +[a-z_]+: +\[[-0-9., ]*\]`)
	tableScalar     = regexp.MustCompile(`(?m)^( +[a-z_]+: +)([0-9]+)( |$)`)
	trailingComment = regexp.MustCompile(`(?m)^([^#\n]*?[^ \n])( +#[^\n]*)$`)
	leadingSpaces   = regexp.MustCompile(`(?m)^( +)`)
	flowNumber      = regexp.MustCompile(`([\[,] *)([0-9]+)`)
)

// handEdits change a file as a clerk might.
var handEdits = map[string]func([]byte) []byte{
	// Comments dropped; moved onto a line of their own above their line
	// (indented as it, or at the start of the line); blank lines dropped.
	"nocomments": func(b []byte) []byte { return trailingComment.ReplaceAll(b, []byte("$1")) },
	"comments-above": func(b []byte) []byte {
		return regexp.MustCompile(`(?m)^( *)([^#\n]*?[^ \n]) +(#[^\n]*)$`).ReplaceAll(b, []byte("$1$3\n$1$2"))
	},
	"comments-left": func(b []byte) []byte {
		return regexp.MustCompile(`(?m)^( *)([^#\n]*?[^ \n]) +(#[^\n]*)$`).ReplaceAll(b, []byte("$3\n$1$2"))
	},
	"trailing-spaces": func(b []byte) []byte { return regexp.MustCompile(`(?m)$`).ReplaceAll(b, []byte("  ")) },
	"noblank":         func(b []byte) []byte { return regexp.MustCompile(`\n\n+`).ReplaceAll(b, []byte("\n")) },
	// Indentation doubled.
	"indent4": func(b []byte) []byte { return leadingSpaces.ReplaceAll(b, []byte("$1$1")) },
	// Cells blanked, quoted, with notes, negative, as fractions.
	"null-cells":    func(b []byte) []byte { return cells(b, "${1}null") },
	"empty-cells":   func(b []byte) []byte { return cells(b, `$1""`) },
	"slash-cells":   func(b []byte) []byte { return cells(b, `$1/`) },
	"dash-cells":    func(b []byte) []byte { return cells(b, `${1}—`) },
	"quoted-cells":  func(b []byte) []byte { return cells(b, `$1"$2"`) },
	"single-cells":  func(b []byte) []byte { return cells(b, `$1'$2'`) },
	"note-cells":    func(b []byte) []byte { return cells(b, `$1"$2（其中修订1件）"`) },
	"plain-notes":   func(b []byte) []byte { return cells(b, `${1}${2}件`) },
	"negative":      func(b []byte) []byte { return cells(b, `$1-$2`) },
	"fraction":      func(b []byte) []byte { return cells(b, `$1$2.50`) },
	"full-width":    func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("[0,"), []byte("[０,")) },
	"scalar-empty":  func(b []byte) []byte { return tableScalar.ReplaceAll(b, []byte("$1$3")) },
	"scalar-quoted": func(b []byte) []byte { return tableScalar.ReplaceAll(b, []byte(`$1"$2（含1件）"$3`)) },
	"scalar-plain":  func(b []byte) []byte { return tableScalar.ReplaceAll(b, []byte(`$1$2.0$3`)) },
	"leading-zero":  func(b []byte) []byte { return cells(b, `${1}0$2`) },
	// Scalars that the YAML parser reads as other than strings.
	"words": func(b []byte) []byte {
		return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("agency: "), []byte("agency: yes ")), []byte("date: "), []byte("date: 2022-01-20 #"))
	},
	"year-string": func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("year: 20"), []byte("year: \"20")) },
	"crlf":        func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) },
	"tabs":        func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("    "), []byte("\t")) },
	// A fonts section and notes under every table, in several spellings.
	"fonts": func(b []byte) []byte {
		return append(b, "\nfonts:   # 字体\n  body: /usr/share/fonts/仿宋.ttf\n  title: \"C:\\\\Windows\\\\Fonts\\\\simhei.ttf\"\n  latin: 'D:\\fonts\\times.ttf'\n  fallback: fonts/文泉驿.otf   # 后备\n  heading9: x\n"...)
	},
	"notes": func(b []byte) []byte {
		return regexp.MustCompile(`(?m)^(table[234]:[^\n]*)$`).ReplaceAll(b, []byte("$1\n  notes:\n    - 注：数量含上年度结转数量。\n    - \"注2：单位为件\"   # 注\n    -\n    - 0"))
	},
	"no-final-newline": func(b []byte) []byte {
		return bytes.TrimRight(b, "\n")
	},
}

// yamlStyle is a layout of writeYAML.
type yamlStyle struct {
	indent     int
	indentless bool   // sequences in a mapping at the indentation of their key
	flow       bool   // lists of scalars as [a, b]
	quote      byte   // 0: plain where it reads back the same; '"' or '\'': every string quoted
	comments   bool   // a comment after every value and on a line above every key
	null       string // how null is written in a block: "null", "~" or ""
}

var yamlStyles = []yamlStyle{
	{indent: 2, flow: true, null: "null"},
	{indent: 4, flow: true, null: ""},
	{indent: 3, flow: false, null: "null"},
	{indent: 2, indentless: true, flow: false, comments: true, null: "~"},
	{indent: 2, flow: true, quote: '"', comments: true, null: "null"},
	{indent: 4, indentless: true, flow: true, quote: '\'', null: "null"},
}

// writeYAML writes v (from the YAML decoder, keys in order) as block YAML
// in style st.
func writeYAML(v any, st yamlStyle) []byte {
	var b bytes.Buffer
	b.WriteString("# 年报数据文件\n\n")
	st.block(&b, v, 0)
	return b.Bytes()
}

func (st yamlStyle) comment(b *bytes.Buffer) {
	if st.comments {
		b.WriteString("   # 注释 # x: y")
	}
	b.WriteString("\n")
}

// flowList writes a list of scalars as [a, b]; ok is false for another list.
func (st yamlStyle) flowList(v []any) (string, bool) {
	parts := make([]string, len(v))
	for i, x := range v {
		s, ok := yamlScalar(x, st.quote, true)
		if !ok {
			return "", false
		}
		parts[i] = s
	}
	return "[" + strings.Join(parts, ", ") + "]", true
}

// inline writes the value after "key:" or "-": on the same line, or a
// block below the line of a key (or "-") at indent.
func (st yamlStyle) inline(b *bytes.Buffer, v any, indent int, inMapping bool) {
	switch v := v.(type) {
	case yaml.MapSlice:
		if len(v) == 0 {
			b.WriteString(" {}\n")
			return
		}
		st.comment(b)
		st.block(b, v, indent+st.indent)
	case []any:
		if len(v) == 0 {
			b.WriteString(" []")
			st.comment(b)
			return
		}
		if s, ok := st.flowList(v); ok && st.flow {
			b.WriteString(" " + s)
			st.comment(b)
			return
		}
		st.comment(b)
		if st.indentless && inMapping {
			st.block(b, v, indent)
		} else {
			st.block(b, v, indent+st.indent)
		}
	case nil:
		if st.null != "" {
			b.WriteString(" " + st.null)
		}
		st.comment(b)
	default:
		s, _ := yamlScalar(v, st.quote, false)
		b.WriteString(" " + s)
		st.comment(b)
	}
}

// block writes a mapping or a sequence at indent.
func (st yamlStyle) block(b *bytes.Buffer, v any, indent int) {
	pad := func(n int) string { return strings.Repeat(" ", n) }
	switch v := v.(type) {
	case yaml.MapSlice:
		for _, it := range v {
			if st.comments {
				b.WriteString(pad(indent) + "# " + fmt.Sprint(it.Key) + "\n")
			}
			b.WriteString(pad(indent) + fmt.Sprint(it.Key) + ":")
			st.inline(b, it.Value, indent, true)
		}
	case []any:
		for _, x := range v {
			b.WriteString(pad(indent) + "-")
			if m, ok := x.(yaml.MapSlice); ok && len(m) > 0 {
				// "- key: value", the other keys below it.
				var sub bytes.Buffer
				st.block(&sub, m, indent+2)
				text := sub.String()
				if st.comments { // the comment line above the first key
					text = text[strings.Index(text, "\n")+1:]
				}
				b.WriteString(" " + strings.TrimPrefix(text, pad(indent+2)))
				continue
			}
			st.inline(b, x, indent, false)
		}
	}
}

var plainSafe = regexp.MustCompile(`^[^-?:,\[\]{}#&*!|>'"%@` + "`" + `\s0-9+.~<=\\][^"'\\#]*$`)

// yamlScalar writes a scalar; ok is false for a value that is not one.
func yamlScalar(v any, quote byte, flow bool) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "null", true
	case bool:
		return strconv.FormatBool(v), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case string:
		switch {
		case quote == '\'':
			return "'" + strings.ReplaceAll(v, "'", "''") + "'", true
		case quote == '"':
			return strconv.Quote(v), true
		case plainSafe.MatchString(v) && !strings.Contains(v, ": ") && !strings.HasSuffix(v, ":") &&
			!strings.HasSuffix(v, " ") && !(flow && strings.ContainsAny(v, ",[]{}:")):
			switch strings.ToLower(v) {
			case "null", "true", "false":
				return strconv.Quote(v), true
			}
			return v, true
		}
		return strconv.Quote(v), true
	}
	return "", false
}

// sameTree compares the syntax tree of parseYAML with the YAML parser's
// in what the decoder reads: the type of every node, the type, value and
// line:column of its token, the values of scalars, flow or block style,
// keys and values of mappings and the items of sequences, in order. It
// returns "" when they are the same.
func sameTree(fast, slow ast.Node, path string) string {
	if reflect.TypeOf(fast) != reflect.TypeOf(slow) {
		return fmt.Sprintf("%s: node %T, YAML parser %T", path, fast, slow)
	}
	if fast == nil {
		return ""
	}
	ft, st := fast.GetToken(), slow.GetToken()
	if ft == nil || st == nil || ft.Position == nil || st.Position == nil {
		return fmt.Sprintf("%s: token %v, YAML parser %v", path, ft, st)
	}
	if ft.Type != st.Type || ft.Value != st.Value || ft.Position.Line != st.Position.Line || ft.Position.Column != st.Position.Column {
		return fmt.Sprintf("%s: token %v %q at %d:%d, YAML parser %v %q at %d:%d", path,
			ft.Type, ft.Value, ft.Position.Line, ft.Position.Column, st.Type, st.Value, st.Position.Line, st.Position.Column)
	}
	switch f := fast.(type) {
	case *ast.MappingNode:
		s := slow.(*ast.MappingNode)
		if f.IsFlowStyle != s.IsFlowStyle || len(f.Values) != len(s.Values) {
			return fmt.Sprintf("%s: mapping of %d (flow %v), YAML parser %d (flow %v)", path, len(f.Values), f.IsFlowStyle, len(s.Values), s.IsFlowStyle)
		}
		for i := range f.Values {
			p := fmt.Sprintf("%s{%d}", path, i)
			if d := sameTree(f.Values[i], s.Values[i], p); d != "" {
				return d
			}
		}
	case *ast.MappingValueNode:
		s := slow.(*ast.MappingValueNode)
		if d := sameTree(f.Key, s.Key, path+".key"); d != "" {
			return d
		}
		return sameTree(f.Value, s.Value, path+".value")
	case *ast.SequenceNode:
		s := slow.(*ast.SequenceNode)
		if f.IsFlowStyle != s.IsFlowStyle || len(f.Values) != len(s.Values) {
			return fmt.Sprintf("%s: sequence of %d (flow %v), YAML parser %d (flow %v)", path, len(f.Values), f.IsFlowStyle, len(s.Values), s.IsFlowStyle)
		}
		for i := range f.Values {
			if d := sameTree(f.Values[i], s.Values[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	case *ast.StringNode:
		if s := slow.(*ast.StringNode); f.Value != s.Value {
			return fmt.Sprintf("%s: string %q, YAML parser %q", path, f.Value, s.Value)
		}
	case *ast.IntegerNode:
		if s := slow.(*ast.IntegerNode); !reflect.DeepEqual(f.Value, s.Value) {
			return fmt.Sprintf("%s: integer %#v, YAML parser %#v", path, f.Value, s.Value)
		}
	case *ast.FloatNode:
		if s := slow.(*ast.FloatNode); f.Value != s.Value {
			return fmt.Sprintf("%s: float %v, YAML parser %v", path, f.Value, s.Value)
		}
	case *ast.BoolNode:
		if s := slow.(*ast.BoolNode); f.Value != s.Value {
			return fmt.Sprintf("%s: bool %v, YAML parser %v", path, f.Value, s.Value)
		}
	case *ast.NullNode:
	default:
		return fmt.Sprintf("%s: the fast path built a %T", path, fast)
	}
	return ""
}

// sameYAMLTree checks that when parseYAML reads data, the YAML parser reads
// it too, into the same tree (one document).
func sameYAMLTree(t *testing.T, name string, data []byte) {
	t.Helper()
	fast, ok := report.ParseFast(data)
	if !ok {
		return
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		t.Fatalf("%s: the fast path read a file that the YAML parser refuses: %v", name, err)
	}
	var bodies []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			bodies = append(bodies, doc.Body)
		}
	}
	if len(bodies) != 1 {
		t.Fatalf("%s: the YAML parser read %d documents", name, len(bodies))
	}
	if d := sameTree(fast, bodies[0], "$"); d != "" {
		t.Fatalf("%s: %s", name, d)
	}
}

// TestYAMLFastPath holds the YAML fast path to the YAML parser over the
// corpus: the same report, positions and findings; and checks that it is
// taken for the files nianbao writes and the fixtures.
func TestYAMLFastPath(t *testing.T) {
	inputs, fast := yamlCorpus(t)
	taken := 0
	for name, data := range inputs {
		ok := report.ParsesAsYAML(data)
		if fast[name] && !ok {
			t.Errorf("%s: the fast path declined a file it is for (at line %d)", name, report.YAMLDeclineLine(data))
		}
		if ok {
			taken++
		}
		sameDecode(t, name, data)
	}
	t.Logf("the fast path read %d of %d inputs", taken, len(inputs))
	if taken < 600 {
		t.Errorf("the fast path read %d of %d inputs, want at least 600", taken, len(inputs))
	}
}

// TestYAMLTrees compares the syntax trees of the two parsers over the
// corpus, wherever the fast path reads the file.
func TestYAMLTrees(t *testing.T) {
	inputs, _ := yamlCorpus(t)
	for name, data := range inputs {
		sameYAMLTree(t, name, data)
	}
}

// yamlEdges are texts where YAML means something else than it seems, or
// where the fast path must decline.
var yamlEdges = []string{
	"agency: 甲\nyear: 2021\n",
	"agency:\nyear:\n",
	"agency: # 空\nyear: ~\n",
	"agency: null\nyear: Null\ntitle: NULL\n",
	"agency: true\nyear: false\ntitle: [True, FALSE, yes, no, on, off, y, n]\n",
	"agency: 甲\nyear: 2021.0\ntitle: [1.5, -0, -0.5, 00, 01, 0x10, 0o7, 0b1, 1_000, 1e3, .5, +1, .inf, -.inf, .nan, 1., 12345678901234567890]\n",
	"agency: 甲\nyear: 2021-01-20\nclosing:\n  date: 2022-01-20\n  agency: 12:30\n",
	"agency: a: b\n",
	"agency: a:b\nyear: http://x.cn:80/a#b\n",
	"agency: 甲 #注\nyear: 2021#x\n",
	"agency: \"甲\" #注\nyear: '2021'#x\n",
	"agency: \"甲\\\"乙\\\\丙\\/丁\\n戊\\t己\"\n",
	"agency: \"\\u4e2d\\x41\\e\\0\\ \\N\\_\\L\\P\"\n",
	"agency: 'it''s ''x'''\nyear: ''\n",
	"agency: \"甲\n  乙\"\n",
	"agency: 甲\n  乙\nyear: 2021\n",
	"agency: |\n  甲\nyear: 2021\n",
	"agency: >-\n  甲\nyear: 2021\n",
	"agency: &a 甲\nclosing:\n  agency: *a\n",
	"agency: !!str 2021\n",
	"---\nagency: 甲\n",
	"agency: 甲\n---\nagency: 乙\n",
	"agency: 甲\n...\n",
	"%YAML 1.2\n---\nagency: 甲\n",
	"? agency\n: 甲\n",
	"agency: {a: 1}\n",
	"title: [甲, [乙]]\n",
	"title: [甲, {a: 1}]\n",
	"title: [甲,乙 , 丙 ,]\n",
	"title: [甲, , 乙]\n",
	"title: [a: 1]\n",
	"title: [甲 #x\n, 乙]\n",
	"title: [\n甲]\n",
	"title: []\npreamble: [ ]\noverview: [ 甲 ]\n",
	"title:\n- 甲\n- 乙\nyear: 2021\n",
	"title:\n  - 甲\n  -   乙\n  -\n  - \n  - # x\n  -\n    - 丙\n",
	"overview:\n- heading: 甲\n  paragraphs:\n  - 乙\n  run_in: true\n- 丙\n",
	"overview:\n  -   heading: 甲\n      paragraphs: [乙]\n  -\n    heading: 丙\n",
	"overview:\n  - - 甲\n",
	"overview:\n  - heading: 甲\n   paragraphs: [乙]\n",
	"overview:\n  - heading: 甲\n     paragraphs: [乙]\n",
	"table2:\n  licensing: 1\n   penalties: 2\n",
	"table2:\n    licensing: 1\n  penalties: 2\n",
	"table2:\n# 注释\n  licensing: 1\n      # 注释\n  penalties: 2\n#\n",
	"table2:\n  - 1\n  licensing: 2\n",
	"table2:\nlicensing: 1\n",
	"table3:\n  new: [1, 2, 3, 4, 5, 6, 7]\n  new: [1]\n",
	"year: 2021\nyear: 2022\n",
	"<<: {agency: 甲}\n",
	"null: 1\ntrue: 2\nTrue: 3\nfalse: 4\nyes: 5\n",
	"_a: 1\na1: 2\nA_B: 3\n1a: 4\n",
	"agency : 甲\n",
	"agency:甲\n",
	"agency：甲\nyear: 2021\n",
	"overview:\n  - heading： （一）\n    paragraphs: [甲]\n",
	"agency: 甲\n\n\n\n",
	"\n\n# 只有注释\n",
	"",
	"# x\n",
	"agency: 甲\n  # 缩进的注释\nyear: 2021\n",
	"agency: 甲\n# 注释\n  year: 2021\n",
	"agency: -\nyear: - 2021\n",
	"agency: - 甲\n",
	"agency: ,甲\nyear: [甲]x\n",
	"agency: 甲, 乙 [丙] {丁}\n",
	"agency: 甲 ? 乙 | 丙 > 丁 & 戊 * 己 ! 庚 % @ `\n",
	"agency: a'b\nyear: a\"b\n",
	"agency: \"a\"b\n",
	"agency: 'a'b\n",
	"agency: \"a\": b\n",
	"agency:   \t甲\n",
	"agency: 甲\u3000\nyear:\u30002021\n",
	"agency: \u00a0甲\n",
	"agency: 甲\u2028乙\n",
	"agency: 甲\u0085乙\n",
	"agency: 甲\ufeff\n",
	"\ufeffagency: 甲\n",
	"agency: 😀𠀀\ntitle: [😀, 𠀀, 2021年]\ntable2: {licensing: 1}\n",
	"agency: 甲\ntable2:\n  licensing: ０\n  penalties: \"0\"\n  fees: 1.2500\n  enforcement: -3\n",
	"agency: ~甲\nyear: .5\n",
	"agency: 甲\nyear: 2021 # x\ntable3:\n  new:  [1,2,3,4,5,6,7]   # x\n",
	"a:\n b:\n  c:\n   d:\n    e: 1\n",
	"agency: " + strings.Repeat("甲", 5000) + "\n",
	strings.Repeat("k", 200) + ": 1\n",
	"agency: 甲\n\x00",
	"agency: 甲\x7f\n",
	"agency: \"甲\x01\"\n",
	"agency: \"\\u3000\\u3000甲\\u00a0\\u0000\"\ntitle: [\"\\u3000\", 乙]\n",
	"agency: \"\\ud83d\\ude00\"\nyear: \"\\ud800\"\n",
	"agency: \"\\u12\"\nyear: \"\\uXYZW\"\n",
	"agency: \"\\U0001F600\\x41\"\n",
	"table2:\n  regulations: [+1, +0, -0, +07, +1.5, -2.25, + 1, +]\n",
	// Found by FuzzYAMLFastPath: after an empty "-" of a sequence at the
	// indentation of its key, the YAML parser reads the next key as the
	// item's value.
	"A:\n A0:\n  A:\n  -\n  A:",
	"title:\n-\nyear: 2021\n",
	"title:\n- 甲\n-\nagency: 乙\n",
	"agency: 甲[乙\nyear: 甲]乙\ntitle: 甲{乙\npreamble: 甲}乙, 丙\nother: [甲]乙\n",
	"agency: 甲 [乙\nyear: 2021\ncontact:\n  phone: 0577-1234 ]\n  email: a@b.c\n",
	"title:\n  - 甲 - 乙\n  - 甲 -\n  - 甲 ? 乙\n  - 甲 :\n",
	"title:\n  - a:b\n  - 'a': b\n  - a :b\n",
	// Found by FuzzYAMLFastPath: the YAML parser moves a plain scalar
	// followed by spaces and a line break right by as many columns.
	"agency: tru \nA000: 00008\nA0000: 00000000000000000000000000000000000080",
	"agency: 甲  \nyear: 2021 \ntitle:\n  - 乙   \n  - 丙 # x\n  - \"丁\"  \n  - [1]  \ncontact: {}  \nclosing:\n  date: null  \n  agency: 戊  ",
	// More shapes of hand edits: duplicate keys, numbers YAML reads its own way, flow lists, empty items.
	"agency: 甲\nagency: 乙\nyear: 2021\n",
	"agency : 甲\nyear: 2021\n",
	"agency: C#语言\nyear: 2021\n",
	"agency: 甲 #注释\nyear: +2021\n",
	"agency: 甲\nyear: 1_000\n",
	"agency: 甲\nyear: 2021.0\n",
	"agency: 甲\nyear: -0\n",
	"agency: 甲\nyear: 00\n",
	"agency: 甲\nyear: ２０２１\n",
	"agency: \"甲: 乙\"\nyear: 2021\n",
	"agency: '甲''乙'\nyear: 2021\n",
	"agency: 甲\ntable3:\n  new: []\n",
	"agency: 甲\ntable3:\n  new: [ ]\n",
	"agency: 甲\ntable3:\n  new: [1,2,]\n",
	"agency: 甲\ntable3:\n  new: [1, [2]]\n",
	"agency: 甲\ntable3:\n  new: [1,2 ,3]\n",
	"agency: 甲\ntable3:\n  new: [\"1\", '2', 3]\n",
	"agency: 甲\ntable3:\n  new:\n  - 1\n  - 2\n",
	"agency: 甲\ntable3:\n    new: [1]\n  carried_over: [0]\n",
	"# 只有注释\n",
	"agency: 甲\nyear: 2021",
	"agency: 甲\nyear:",
	"agency: 甲\n  year: 2021\n",
	"agency: 甲\nyear: 2021\n---\nagency: 乙\n",
	"agency: 甲\nyear: 0x7E5\n",
	"agency: 甲\nyear: 2021 年\n",
	"agency: 甲\nyear: 2021#x\n",
	"agency: 甲\nyear: \"2021\"\n",
	"agency: 甲\noverview:\n  - 第一段\n  -\n  - 第三段\n",
	"agency: 甲\noverview:\n  - heading: （一）\n    paragraphs: [a, b]\n",
	"agency: 甲\noverview:\n- heading: （一）\n  paragraphs:\n  - a\n",
	"agency: 甲\ncontact:\n  phone: 0577-61889607\n  email: a@b.cn\n  website: http://www.yueqing.gov.cn/\n",
	"agency: 甲\ncontact:\n  phone: 0577 61889607\n  postcode: 325600\n",
	"agency: 甲\ncontact:\n  postcode: 032560\n",
	"agency: 甲\ntable2:\n  fees: 1.5\n",
	"agency: 甲\ntable2:\n  fees: .5\n",
	"agency: 甲\ntable2:\n  fees: 1.\n",
	"agency: 甲\ntable2:\n  fees: 1e3\n",
	"agency: 甲\ntable2:\n  fees: 123456789012345678901\n",
	"agency: 甲\ntable2:\n  fees: -\n",
	"agency: 甲\ntable2:\n  fees: /\n",
	"agency: 甲\ntable2:\n  fees: null\n",
	"agency: 甲\ntable2:\n  fees: NULL\n",
	"agency: 甲\ntable2:\n  fees: true\n",
	"agency: 甲\ntable2:\n  fees: 'null'\n",
}

// TestYAMLFastPathEdges holds the fast path to the YAML parser on the
// edges above.
func TestYAMLFastPathEdges(t *testing.T) {
	for _, s := range yamlEdges {
		sameDecode(t, s, []byte(s))
		sameYAMLTree(t, s, []byte(s))
	}
}

// FuzzYAMLFastPath holds the YAML fast path to the YAML parser on any
// input: whenever parseYAML reads it, the YAML parser reads the same tree,
// and Decode gives the same report and findings either way. The seeds are
// the fixtures, a few of their variants and the edges.
func FuzzYAMLFastPath(f *testing.F) {
	for _, file := range yamlFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(report.Skeleton(form.V2021, "乐清市司法局", 2021))
	f.Add(report.Encode(synth.Report(1, 0), ""))
	// The sample edited by hand and written in every style.
	sample, err := os.ReadFile("../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, edit := range handEdits {
		f.Add(edit(sample))
	}
	var v any
	if err := yaml.UnmarshalWithOptions(sample, &v, yaml.UseOrderedMap()); err != nil {
		f.Fatal(err)
	}
	for _, st := range yamlStyles {
		f.Add(writeYAML(v, st))
	}
	for _, s := range yamlEdges {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		// parseYAML is given UTF-8 (Decode converts or refuses the rest);
		// the YAML parser reads invalid bytes as U+FFFD. When the fast path
		// declines, both decodes run the YAML parser: nothing to compare.
		if !utf8.Valid(data) || !report.ParsesAsYAML(data) {
			return
		}
		sameYAMLTree(t, "fuzz.yaml", data)
		sameDecode(t, "fuzz.yaml", data)
	})
}

// TestYAMLHostile gives the fast path files far beyond a report: it must
// not panic, and it reads or declines each in one pass (the benchmark
// BenchmarkYAMLHostile measures them).
func TestYAMLHostile(t *testing.T) {
	for name, data := range yamlHostile() {
		if !report.ParsesAsYAML(data) {
			continue // the YAML parser's, behind prescan, as before
		}
		if r, _ := report.Decode(name, data); r == nil {
			t.Fatalf("%s: Decode returned no report", name)
		}
	}
}

// yamlHostile are big, deep, long or broken files.
func yamlHostile() map[string][]byte {
	long := strings.Repeat("甲", 1<<20)
	keys := strings.Builder{}
	for i := 0; keys.Len() < 3<<20; i++ {
		fmt.Fprintf(&keys, "k%d: [1, 2, 3]\n", i)
	}
	deep := strings.Builder{}
	for i := range 200 {
		fmt.Fprintf(&deep, "%sk:\n", strings.Repeat(" ", i))
	}
	dashes := strings.Builder{}
	for i := range 200 {
		fmt.Fprintf(&dashes, "%s-\n", strings.Repeat(" ", i))
	}
	values := strings.Builder{} // just under prescan's bound of 20,000 values
	for i := range 19_000 {
		fmt.Fprintf(&values, "k%d: 1\n", i)
	}
	return map[string][]byte{
		"yaml-19000-values": []byte(values.String()),
		"yaml-long-line":    []byte("agency: " + long + "\n"),
		"yaml-long-flow":    []byte("title: [" + strings.Repeat("甲, ", 1<<18) + "乙]\n"),
		"yaml-long-key":     []byte(strings.Repeat("k", 1<<20) + ": 1\n"),
		"yaml-long-comment": []byte("agency: 甲 #" + long + "\n"),
		"yaml-many-keys":    []byte(keys.String()),
		"yaml-deep-keys":    []byte(deep.String()),
		"yaml-deep-dashes":  []byte("a:\n" + dashes.String()),
		"yaml-blank-lines":  []byte("agency: 甲\n" + strings.Repeat("\n", 3<<20) + "year: 2021\n"),
		"yaml-spaces":       []byte("agency: 甲" + strings.Repeat(" ", 3<<20) + "\n"),
		"yaml-invalid-utf8": []byte("agency: \xff\xfe甲\xc0\nyear: \xe4\xb8\n"),
		"yaml-quote-open":   []byte("agency: \"" + long + "\n"),
	}
}

// BenchmarkYAMLHostile decodes the files of TestYAMLHostile: each costs
// one pass of the fast path (and of prescan) before it is read or refused.
func BenchmarkYAMLHostile(b *testing.B) {
	for name, data := range yamlHostile() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				report.ParsesAsYAML(data)
			}
		})
	}
}
