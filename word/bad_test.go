package word

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/report"
)

// docx makes a DOCX file with the given document.xml.
func docx(t testing.TB, document string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(document))
	zw.Close()
	return b.Bytes()
}

// TestBadFiles: bad input is a Chinese error with the file's name, never a
// panic or a report with 0 in it.
func TestBadFiles(t *testing.T) {
	filled, err := os.ReadFile("../fixtures/word/filled-template.docx")
	if err != nil {
		t.Fatal(err)
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"text", []byte("hello"), "不是 Word 文件"},
		{"truncated", filled[:len(filled)/2], "不是 Word 文件"},
		{"no document", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			zw.Create("a.txt")
			zw.Close()
			return b.Bytes()
		}(), "缺少 word/document.xml"},
		{"not xml", docx(t, "<<<>>>"), "无法读取"},
		{"empty body", docx(t, `<w:document `+ns+`><w:body/></w:document>`), "找不到标题“一、总体情况”"},
		{"headings only", docx(t, `<w:document `+ns+`><w:body>`+
			`<w:p><w:r><w:t>某局2021年政府信息公开工作年度报告</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p><w:p><w:r><w:t>四、政府信息公开行政复议、行政诉讼情况</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>五、存在的主要问题及改进情况</w:t></w:r></w:p><w:p><w:r><w:t>六、其他需要报告的事项</w:t></w:r></w:p>`+
			`</w:body></w:document>`), "找不到表二"},
		{"deep", docx(t, `<w:document `+ns+`><w:body>`+strings.Repeat("<w:sdt>", 1000)+`</w:body></w:document>`), "嵌套过深"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("bad.docx", c.data)
			var fs report.Findings
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.docx") {
				t.Errorf("err = %v, want %q", err, c.want)
			}
			_ = fs
		})
	}
}

// TestCellErrors: a count that is not a number is refused at its cell.
func TestCellErrors(t *testing.T) {
	filled, _ := os.ReadFile("../fixtures/word/filled-template.docx")
	r, err := Read("ok.docx", filled)
	if err != nil {
		t.Fatal(err)
	}
	_ = r
	zr, _ := zip.NewReader(bytes.NewReader(filled), int64(len(filled)))
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			doc = b.Bytes()
		}
	}
	// The 自然人 of 一、本年新收 (1 in the sample) typed in words.
	i := bytes.Index(doc, []byte("一、本年新收政府信息公开申请数量"))
	j := i + bytes.Index(doc[i:], []byte(`>1</w:t>`))
	bad := string(doc[:j]) + ">一件</w:t>" + string(doc[j+len(">1</w:t>"):])
	_, err = Read("bad.docx", docx(t, bad))
	if err == nil || !strings.Contains(err.Error(), "bad.docx:表三 第4行 第4列（自然人）: 一、本年新收政府信息公开申请数量: 自然人 应为整数，或整数后加括号注释，如“22（其中修订16件）”，实为“一件”") {
		t.Errorf("err = %v", err)
	}
}

// FuzzRead reads fuzzed document.xml parts: no panic, whatever the XML.
// TestRowErrors: a row with numbers that cannot be placed, and a row that
// is missing, are errors naming the row.
func TestRowErrors(t *testing.T) {
	filled, _ := os.ReadFile("../fixtures/word/filled-template.docx")
	doc := documentXML(filled)
	// The 自然人 cell of 二、上年结转 merged into the cell above it.
	i := strings.Index(doc, ">二、上年结转政府信息公开申请数量<")
	j := i + strings.Index(doc[i:], "<w:tc><w:tcPr>")
	merged := doc[:j] + "<w:tc><w:tcPr><w:vMerge/>" + doc[j+len("<w:tc><w:tcPr>"):]
	if _, err := Read("bad.docx", docx(t, merged)); err == nil || !strings.Contains(err.Error(), "表三 第5行 第4列（自然人）: 这一格与上一行的格合并了") {
		t.Errorf("merged value cell: err = %v", err)
	}
	for _, c := range []struct{ from, to, want string }{
		{">2.重复申请<", ">2.另行说明的申请<", "表三 第20行 第3列: 无法识别这一行“2.另行说明的申请 | 0 | 0"},
		{">2.重复申请<", ">（五）不予处理<", "表三 中找不到“（五）不予处理 2.重复申请”这一行"},
	} {
		bad := strings.Replace(doc, c.from, c.to, 1)
		_, err := Read("bad.docx", docx(t, bad))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: err = %v, want %q", c.from, c.to, err, c.want)
		}
	}
}

func documentXML(data []byte) string {
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			return b.String()
		}
	}
	return ""
}

func FuzzRead(f *testing.F) {
	filled, _ := os.ReadFile("../fixtures/word/filled-template.docx")
	zr, _ := zip.NewReader(bytes.NewReader(filled), int64(len(filled)))
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			f.Add(b.String())
		}
	}
	f.Add(`<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="99999999999"/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>`)
	f.Fuzz(func(t *testing.T, doc string) {
		Read("fuzz.docx", docx(t, doc))
	})
}
