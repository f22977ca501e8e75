package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPDFA3 checks, on every fixture written with --pdfa and a data file,
// the clauses of ISO 19005-3 (PDF/A-3B) and ISO 14289-1 (PDF/UA-1) that
// the file relies on and that no tool here checks (veraPDF is not
// reachable); the package comment lists them.
func TestPDFA3(t *testing.T) {
	tool(t, "qpdf")
	tool(t, "pdfdetach")
	data := []byte(`{"schema": "nianbao-report", "schema_version": 1, "report": {"agency": "测试"}}`)
	for _, f := range fixtures(t) {
		pdf := write(t, f, Options{Date: fixedDate, PDFA: true,
			Data: &File{Name: "nianbao-report.json", Type: "application/json", Desc: "数据", Data: data}})
		path := filepath.Join(t.TempDir(), f.name+".pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		errorf := func(format string, args ...any) { t.Errorf(f.name+": "+format, args...) }
		// 6.1.2: header, and a comment of four bytes ≥ 128 after it.
		if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n%")) || pdf[10] < 128 || pdf[11] < 128 || pdf[12] < 128 || pdf[13] < 128 {
			errorf("header %q", pdf[:14])
		}
		q := loadQPDF(t, path)
		// 6.1.3: a file identifier; no encryption.
		if id, _ := q.trailer["/ID"].([]any); len(id) != 2 {
			errorf("trailer /ID = %v", q.trailer["/ID"])
		}
		if q.trailer["/Encrypt"] != nil {
			errorf("encrypted")
		}
		cat := q.catalog()
		// 6.6.2: XMP metadata, unfiltered, with the PDF/A and PDF/UA
		// identification; 6.6.3: its properties equal the Info entries.
		md := q.dict(cat["/Metadata"])
		if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" || md["/Filter"] != nil {
			errorf("metadata stream %v", md)
		}
		x := xmpPacket(t, pdf)
		for d := xml.NewDecoder(strings.NewReader(x)); ; {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				errorf("XMP is not well-formed XML: %v", err)
				break
			}
		}
		for _, want := range []string{
			"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
			"<pdfuaid:part>1</pdfuaid:part>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
			fmt.Sprintf(`<rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>`, f.doc.Meta.Title),
			fmt.Sprintf("<rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>", f.doc.Meta.Author),
			"<xmp:CreateDate>2022-01-20T00:00:00+00:00</xmp:CreateDate>",
			"<xmp:ModifyDate>2022-01-20T00:00:00+00:00</xmp:ModifyDate>",
			"<pdf:Producer>nianbao</pdf:Producer>", "<xmp:CreatorTool>nianbao</xmp:CreatorTool>",
		} {
			if !strings.Contains(x, want) {
				errorf("XMP has no %s", want)
			}
		}
		inf := q.dict(q.trailer["/Info"])
		if inf["/CreationDate"] != "u:D:20220120000000+00'00'" || inf["/ModDate"] != inf["/CreationDate"] {
			errorf("Info dates %v %v", inf["/CreationDate"], inf["/ModDate"])
		}
		if inf["/Title"] != "u:"+f.doc.Meta.Title || inf["/Producer"] != "u:nianbao" {
			errorf("Info %v", inf)
		}
		// 6.2.3: an output intent with a valid ICC profile (RGB: the
		// content uses DeviceGray and the default black).
		ois := q.array(cat["/OutputIntents"])
		if len(ois) != 1 {
			t.Fatalf("%s: /OutputIntents = %v", f.name, cat["/OutputIntents"])
		}
		oi := q.dict(ois[0])
		if oi["/S"] != "/GTS_PDFA1" || oi["/OutputConditionIdentifier"] == nil {
			errorf("output intent %v", oi)
		}
		ref := oi["/DestOutputProfile"].(string)
		if n := q.dict(ref)["/N"]; n != float64(3) {
			errorf("ICC profile /N = %v", n)
		}
		icc, err := exec.Command("qpdf", "--show-object="+strings.TrimSuffix(ref, " 0 R"), "--filtered-stream-data", path).Output()
		if err != nil {
			t.Fatalf("qpdf --show-object: %v", err)
		}
		if len(icc) < 132 || int(binary.BigEndian.Uint32(icc)) != len(icc) || string(icc[36:40]) != "acsp" ||
			string(icc[12:24]) != "mntrRGB XYZ " || icc[8] != 2 {
			errorf("ICC profile header %q", icc[:min(len(icc), 40)])
		}
		// 6.8: the associated file: /AF, /AFRelationship, /F and /UF, a
		// MIME type, a modification date; the EmbeddedFiles name tree.
		afs := q.array(cat["/AF"])
		if len(afs) != 1 {
			t.Fatalf("%s: /AF = %v", f.name, cat["/AF"])
		}
		spec := q.dict(afs[0])
		if spec["/AFRelationship"] != "/Source" || spec["/F"] != "u:nianbao-report.json" || spec["/UF"] != "u:nianbao-report.json" {
			errorf("file specification %v", spec)
		}
		ef := q.dict(q.dict(spec["/EF"])["/F"])
		if ef["/Type"] != "/EmbeddedFile" || ef["/Subtype"] != "/application/json" || q.dict(ef["/Params"])["/ModDate"] == nil {
			errorf("embedded file %v", ef)
		}
		names := q.array(q.dict(q.dict(cat["/Names"])["/EmbeddedFiles"])["/Names"])
		if len(names) != 2 || names[1] != afs[0] {
			errorf("EmbeddedFiles %v", names)
		}
		// 6.2.10, 6.4, 6.6.1: no transparency, JavaScript or actions.
		for _, bad := range []string{"/JavaScript", "/JS ", "/SMask", "/Group", "/OpenAction", "/AA ", "/Encrypt"} {
			if bytes.Contains(pdf, []byte(bad)) {
				errorf("has %s", bad)
			}
		}
		// pdfdetach lists the data file and gives back its bytes.
		out, err := exec.Command("pdfdetach", "-list", path).CombinedOutput()
		if err != nil || !regexp.MustCompile(`(?m)^1: nianbao-report\.json$`).Match(out) {
			errorf("pdfdetach -list: %v\n%s", err, out)
		}
		saved := filepath.Join(t.TempDir(), "saved.json")
		if out, err := exec.Command("pdfdetach", "-save", "1", "-o", saved, path).CombinedOutput(); err != nil {
			t.Fatalf("pdfdetach -save: %v\n%s", err, out)
		}
		if got, _ := os.ReadFile(saved); !bytes.Equal(got, data) {
			errorf("pdfdetach -save gives %q, want %q", got, data)
		}
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("WARNING")) {
			errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}

// xmpPacket returns the XMP packet of a PDF, which is not compressed.
func xmpPacket(t *testing.T, pdf []byte) string {
	t.Helper()
	i := bytes.Index(pdf, []byte("<?xpacket begin"))
	j := bytes.Index(pdf, []byte("<?xpacket end"))
	if i < 0 || j < i {
		t.Fatal("no XMP packet")
	}
	return string(pdf[i:j])
}

// TestNotPDFAWithoutOption: without --pdfa the file claims no PDF/A part
// and has no output intent, but is tagged (PDF/UA) and carries its data.
func TestNotPDFAWithoutOption(t *testing.T) {
	f := fixtures(t)[0]
	pdf := write(t, f, Options{Date: fixedDate, Data: &File{Name: "x.json", Type: "application/json", Data: []byte("{}")}})
	if bytes.Contains(pdf, []byte("pdfaid")) || bytes.Contains(pdf, []byte("/OutputIntents")) {
		t.Errorf("%s: PDF/A claimed without the option", f.name)
	}
	if !strings.Contains(xmpPacket(t, pdf), "<pdfuaid:part>1</pdfuaid:part>") {
		t.Errorf("%s: no pdfuaid", f.name)
	}
}
