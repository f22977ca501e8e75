package pdf

import (
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"html"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/carlos7ags/folio/core"

	"github.com/nianbao/nianbao/document"
)

// The document's metadata: the Info dictionary and the same properties
// as XMP (PDF/A and PDF/UA read the XMP), the PDF/A output intent, and the
// associated data file.

// info returns the Info dictionary.
func info(meta document.Meta, date time.Time) *core.PdfDictionary {
	d := core.NewPdfDictionary()
	set := func(k, v string) {
		if v != "" {
			d.Set(k, core.NewPdfTextString(v))
		}
	}
	set("Title", meta.Title)
	set("Author", meta.Author)
	set("Subject", meta.Subject)
	set("Keywords", strings.Join(meta.Keywords, "；"))
	set("Creator", producer)
	set("Producer", producer)
	d.Set("CreationDate", core.NewPdfLiteralString(pdfDate(date)))
	d.Set("ModDate", core.NewPdfLiteralString(pdfDate(date)))
	return d
}

// pdfDate is a date as PDF writes it (ISO 32000-1 §7.9.4), in UTC.
func pdfDate(t time.Time) string {
	return t.UTC().Format("D:20060102150405") + "+00'00'"
}

// xmpDate is the same instant as XMP writes it.
func xmpDate(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05") + "+00:00"
}

// xmp returns the XMP metadata packet: Dublin Core title, creator,
// description, language; the PDF and XMP basic properties that equal the
// Info dictionary's (ISO 19005-2 §6.6.3); pdfuaid (PDF/UA-1) and, for
// PDF/A, pdfaid, with the extension schema that PDF/A asks for pdfuaid.
func xmp(meta document.Meta, date time.Time, pdfa bool) []byte {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", e(meta.Title))
	if meta.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", e(meta.Author))
	}
	if meta.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", e(meta.Subject))
	}
	if meta.Lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", e(meta.Lang))
	}
	b.WriteString("</rdf:Description>\n")
	fmt.Fprintf(&b, "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"+
		"<pdf:Producer>%s</pdf:Producer>\n", producer)
	if len(meta.Keywords) > 0 {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", e(strings.Join(meta.Keywords, "；")))
	}
	b.WriteString("</rdf:Description>\n")
	d := xmpDate(date)
	fmt.Fprintf(&b, "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"+
		"<xmp:CreatorTool>%s</xmp:CreatorTool>\n<xmp:CreateDate>%s</xmp:CreateDate>\n"+
		"<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n</rdf:Description>\n",
		producer, d, d, d)
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n")
	if pdfa {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n" +
			"<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n")
		b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// metadata returns the XMP metadata stream, uncompressed so that tools
// that do not parse PDF can find it (ISO 32000-1 §14.3.2).
func metadata(meta document.Meta, date time.Time, pdfa bool) *core.PdfStream {
	s := core.NewPdfStream(xmp(meta, date, pdfa))
	s.Dict.Set("Type", core.NewPdfName("Metadata"))
	s.Dict.Set("Subtype", core.NewPdfName("XML"))
	return s
}

// outputIntent returns the PDF/A output intent: sRGB, with the ICC
// profile that srgbProfile makes.
func outputIntent(add func(core.PdfObject) *core.PdfIndirectReference) *core.PdfIndirectReference {
	profile := srgb().stream()
	profile.Dict.Set("N", core.NewPdfInteger(3))
	oi := core.NewPdfDictionary()
	oi.Set("Type", core.NewPdfName("OutputIntent"))
	oi.Set("S", core.NewPdfName("GTS_PDFA1"))
	oi.Set("OutputConditionIdentifier", core.NewPdfLiteralString("sRGB IEC61966-2.1"))
	oi.Set("Info", core.NewPdfLiteralString("sRGB IEC61966-2.1"))
	oi.Set("DestOutputProfile", add(profile))
	return add(oi)
}

// srgb is the ICC profile's stream data, made and compressed once.
var srgb = sync.OnceValue(func() shared { return newShared(srgbProfile(), kindOther) })

// srgbProfile returns a small ICC v2 display profile of sRGB: the D50
// primaries of IEC 61966-2-1 (Bradford-adapted, as in the ICC's own
// sRGB profile) and a 2.2 gamma curve. Our content uses only black, white
// and grays, for which the curve's shape does not matter.
func srgbProfile() []byte {
	s15 := func(v float64) []byte {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(int32(math.Round(v*65536))))
		return b[:]
	}
	xyz := func(x, y, z float64) []byte {
		b := append([]byte("XYZ \x00\x00\x00\x00"), s15(x)...)
		b = append(b, s15(y)...)
		return append(b, s15(z)...)
	}
	text := func(s string) []byte { return append([]byte("text\x00\x00\x00\x00"), s+"\x00"...) }
	desc := func(s string) []byte {
		b := []byte("desc\x00\x00\x00\x00")
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
		b = append(b, s+"\x00"...)
		b = append(b, make([]byte, 4+4+2+1+67)...) // no Unicode, no ScriptCode
		return b
	}
	curve := []byte("curv\x00\x00\x00\x00\x00\x00\x00\x01\x02\x33") // gamma 563/256 ≈ 2.2
	type tag struct {
		sig  string
		data []byte
	}
	tags := []tag{
		{"desc", desc("sRGB IEC61966-2.1")},
		{"cprt", text("No copyright, use freely")},
		{"wtpt", xyz(0.9642, 1, 0.8249)},
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve}, {"gTRC", curve}, {"bTRC", curve},
	}
	var body []byte
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	offset := 128 + 4 + 12*len(tags)
	var curveAt int
	for _, t := range tags {
		at := offset + len(body)
		if t.sig != "rTRC" && t.sig[1:] == "TRC" {
			at = curveAt // the three curves share their data
		} else {
			if t.sig == "rTRC" {
				curveAt = at
			}
			body = append(body, t.data...)
			for len(body)%4 != 0 {
				body = append(body, 0)
			}
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(at))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	size := offset + len(body)
	h := make([]byte, 0, 128)
	h = binary.BigEndian.AppendUint32(h, uint32(size))
	h = append(h, 0, 0, 0, 0)        // CMM
	h = append(h, 2, 0x10, 0, 0)     // version 2.1
	h = append(h, "mntrRGB XYZ "...) // display, RGB data, XYZ connection space
	for _, v := range []uint16{2022, 1, 1, 0, 0, 0} {
		h = binary.BigEndian.AppendUint16(h, v)
	}
	h = append(h, "acsp"...)
	h = append(h, make([]byte, 4+4+4+4+8+4)...) // platform, flags, maker, model, attributes, intent
	h = append(h, s15(0.9642)...)
	h = append(h, s15(1)...)
	h = append(h, s15(0.8249)...)
	h = append(h, make([]byte, 128-len(h))...)
	return append(append(h, table...), body...)
}

// File is a file embedded in the PDF as an associated file of the
// document (ISO 32000-2 §14.13; PDF/A-3 §6.8): the data it was made from.
type File struct {
	Name string // file name, ASCII
	Type string // MIME type, e.g. application/json
	Desc string // what it is, for the viewer's attachment panel
	Data []byte
}

// attach embeds f with relationship /Source and returns its file
// specification.
func attach(f *File, date time.Time, add func(core.PdfObject) *core.PdfIndirectReference) *core.PdfIndirectReference {
	s := flateStream(f.Data, kindData)
	s.Dict.Set("Type", core.NewPdfName("EmbeddedFile"))
	s.Dict.Set("Subtype", core.NewPdfName(f.Type))
	params := core.NewPdfDictionary()
	params.Set("Size", core.NewPdfInteger(len(f.Data)))
	params.Set("CreationDate", core.NewPdfLiteralString(pdfDate(date)))
	params.Set("ModDate", core.NewPdfLiteralString(pdfDate(date)))
	sum := md5.Sum(f.Data)
	params.Set("CheckSum", core.NewPdfHexString(string(sum[:])))
	s.Dict.Set("Params", params)
	ref := add(s)

	spec := core.NewPdfDictionary()
	spec.Set("Type", core.NewPdfName("Filespec"))
	spec.Set("F", core.NewPdfLiteralString(f.Name))
	spec.Set("UF", core.NewPdfTextString(f.Name))
	ef := core.NewPdfDictionary()
	ef.Set("F", ref)
	ef.Set("UF", ref)
	spec.Set("EF", ef)
	if f.Desc != "" {
		spec.Set("Desc", core.NewPdfTextString(f.Desc))
	}
	spec.Set("AFRelationship", core.NewPdfName("Source"))
	return add(spec)
}

// utf16Literal appends the text of its as a PDF text string in UTF-16BE
// with its byte order mark, as a literal string: (\376\377…), each
// byte as it is unless it must be escaped (appendCode).
func utf16Literal(b []byte, its []item) []byte {
	b = append(b, "(\xfe\xff"...)
	for _, it := range its {
		for _, r := range it.t.Runes {
			if r > 0xffff {
				r -= 0x10000
				b = appendCode(b, uint16(0xd800+r>>10))
				b = appendCode(b, uint16(0xdc00+r&0x3ff))
				continue
			}
			b = appendCode(b, uint16(r))
		}
	}
	return append(b, ')')
}
