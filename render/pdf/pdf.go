// Package pdf draws laid-out pages (layout.Page) into a PDF file: every
// font embedded as a subset with a ToUnicode map, text drawn glyph by glyph
// at the x the layout chose (TJ arrays), rules and fills, the document's
// metadata, and the same bytes for the same input.
//
// It owns the PDF format only; positions come from package layout, fonts
// from package fonts. It uses github.com/carlos7ags/folio at the page level
// and keeps it behind this package. Units are points; layout's y runs down
// from the page top and is flipped here.
//
// Write is safe for concurrent use: parsed fonts are shared by every
// document of a process, the per-document glyph sets are not.
package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	fdoc "github.com/carlos7ags/folio/document"
	ffont "github.com/carlos7ags/folio/font"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
)

// Options are the settings of one PDF.
type Options struct {
	// Date is the creation and modification date. Zero means
	// SOURCE_DATE_EPOCH when set, else the report's closing date
	// (Meta.Date), else 1 January of the year after the report year:
	// never the clock, so the same input gives the same bytes.
	Date time.Time
	// PDFA writes PDF/A-2B (an output intent and XMP metadata), which
	// archives ask for.
	PDFA bool
}

// producer names the program in the file's metadata.
const producer = "nianbao"

// boldStroke is the outline width of synthetic bold, in em: text drawn in
// fill-and-stroke mode with a thin stroke, as Word does for 仿宋 and 楷体,
// which have no bold weight.
const boldStroke = 0.03

// Write draws pages into w as one PDF with meta's properties.
func Write(w io.Writer, pages []layout.Page, meta document.Meta, opts Options) error {
	if len(pages) == 0 {
		return fmt.Errorf("pdf: no pages")
	}
	doc := fdoc.NewDocument(fdoc.PageSize{Width: float64(pages[0].Width), Height: float64(pages[0].Height)})
	date := docDate(opts.Date, meta)
	doc.Info = fdoc.Info{
		Title:        meta.Title,
		Author:       meta.Author,
		Subject:      meta.Subject,
		Keywords:     strings.Join(meta.Keywords, "；"),
		Creator:      producer,
		Producer:     producer,
		CreationDate: date,
		ModDate:      date,
		Language:     meta.Lang,
	}
	if opts.PDFA {
		doc.SetPdfA(fdoc.PdfAConfig{Level: fdoc.PdfA2B})
	}
	embedded := map[*fonts.Face]*ffont.EmbeddedFont{}
	for _, pg := range pages {
		p := doc.AddPage()
		p.SetSize(fdoc.PageSize{Width: float64(pg.Width), Height: float64(pg.Height)})
		if err := drawPage(p, &pg, embedded); err != nil {
			return err
		}
	}
	_, err := doc.WriteToWithOptions(w, fdoc.WriteOptions{Deterministic: true, CompressionLevel: compressionLevel})
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// drawPage draws fills, then rules, then text.
func drawPage(p *fdoc.Page, pg *layout.Page, embedded map[*fonts.Face]*ffont.EmbeddedFont) error {
	h := float64(pg.Height)
	for _, f := range pg.Fills {
		p.AddRectFilled(float64(f.X), h-float64(f.Y+f.H), float64(f.W), float64(f.H), [3]float64{f.Gray, f.Gray, f.Gray})
	}
	for _, r := range pg.Rules {
		p.AddLine(float64(r.X1), h-float64(r.Y1), float64(r.X2), h-float64(r.Y2), float64(r.Width), [3]float64{})
	}
	names := map[*ffont.EmbeddedFont]string{}
	var buf bytes.Buffer
	for _, t := range pg.Texts {
		if len(t.Runes) == 0 || t.Face == nil {
			continue
		}
		pf, err := parsed(t.Face)
		if err != nil {
			return err
		}
		ef, ok := embedded[t.Face]
		if !ok {
			ef = ffont.NewEmbeddedFont(pf)
			embedded[t.Face] = ef
		}
		name, ok := names[ef]
		if !ok {
			// folio names a page's fonts F1, F2, … in the order they are
			// registered, and registers one only through AddTextEmbedded:
			// an empty string registers it and draws nothing.
			p.AddTextEmbedded("", ef, float64(t.Size), 0, 0)
			name = "F" + strconv.Itoa(len(names)+1)
			names[ef] = name
		}
		buf.Reset()
		size := float64(t.Size)
		buf.WriteString("BT\n/")
		buf.WriteString(name)
		buf.WriteByte(' ')
		buf.WriteString(num(size))
		buf.WriteString(" Tf\n")
		if t.Bold && !t.Face.Bold() {
			fmt.Fprintf(&buf, "2 Tr %s w\n", num(boldStroke*size))
		}
		fmt.Fprintf(&buf, "1 0 0 1 %s %s Tm\n[<", num(float64(t.Xs[0])), num(h-float64(t.Y)))
		upem := float64(pf.UnitsPerEm())
		for i, r := range t.Runes {
			gid := ef.EncodeString(string(r))
			fmt.Fprintf(&buf, "%02X%02X", gid[0], gid[1])
			if i+1 == len(t.Runes) {
				break
			}
			// The advance the viewer uses is the /W entry, which folio
			// writes as an integer in thousandths of an em.
			g := uint16(gid[0])<<8 | uint16(gid[1])
			adv := float64(int(float64(pf.GlyphAdvance(g))*1000/upem)) * size / 1000
			want := float64(t.Xs[i+1] - t.Xs[i])
			if d := (want - adv) * 1000 / size; d > 0.05 || d < -0.05 {
				fmt.Fprintf(&buf, "> %s <", num(-d))
			}
		}
		buf.WriteString(">] TJ\nET\n")
		p.ContentStream().AppendBytes(buf.Bytes())
	}
	return nil
}

// num formats a number with at most 3 decimals, as PDF content wants.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// faces caches each font parsed for folio once per process: parsing a CJK
// font is the expensive part, and a batch renders many reports with the
// same faces.
var faces sync.Map // *fonts.Face → *parsedFace

type parsedFace struct {
	once sync.Once
	face ffont.Face
	err  error
}

func parsed(f *fonts.Face) (ffont.Face, error) {
	v, _ := faces.LoadOrStore(f, &parsedFace{})
	pf := v.(*parsedFace)
	pf.once.Do(func() {
		data := f.Data()
		if isTTC(data) {
			data, pf.err = extractTTC(data, f.Index())
			if pf.err != nil {
				pf.err = fmt.Errorf("pdf: font %s: %w", f.Name(), pf.err)
				return
			}
		}
		pf.face, pf.err = ffont.ParseFont(data)
		if pf.err != nil {
			pf.err = fmt.Errorf("pdf: font %s: %w", f.Name(), pf.err)
		}
	})
	return pf.face, pf.err
}

// docDate picks the file's date without looking at the clock.
func docDate(d time.Time, meta document.Meta) time.Time {
	if !d.IsZero() {
		return d
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	if m := dateRE.FindStringSubmatch(meta.Date); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		da, _ := strconv.Atoi(m[3])
		return time.Date(y, time.Month(mo), da, 0, 0, 0, 0, chinaTime)
	}
	if meta.Year > 0 {
		return time.Date(meta.Year+1, 1, 1, 0, 0, 0, 0, chinaTime)
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// dateRE reads a closing date as printed: 2022年1月20日.
var dateRE = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)

// chinaTime is UTC+8, the time of the dates reports print.
var chinaTime = time.FixedZone("CST", 8*3600)

// compressionLevel is the zlib level of the file's streams. folio's
// default is best compression; zlib's default gives the same size for the
// sample (401 KB; best speed: 429 KB) and spends less time on the font
// subsets, which are most of the bytes.
const compressionLevel = zlib.DefaultCompression
