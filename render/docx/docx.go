// Package docx writes a document as a Word file (Office Open XML,
// ECMA-376 transitional) that Word, WPS and LibreOffice open and lay out
// themselves: styles mapped to Word's built-in Title and heading 1/2, page
// setup and the 文档网格 of the print style, the official tables with
// w:gridSpan and w:vMerge taken from form's resolved grid, and page numbers
// as PAGE fields in the footers.
//
// It owns the WordprocessingML, nothing else: the order and text of the
// report come from package document, every measure from package style, the
// table structure from package form. It lays nothing out and embeds no fonts;
// it names them, and the reader's machine supplies or substitutes them.
//
// Units: Word measures in twips (1/20 pt, style.Length.Twips), font sizes in
// half-points, rules in eighths of a point, grid offsets in 1/4096 pt.
//
// Write is safe for concurrent use; it keeps no state between calls. The
// same input gives the same bytes: parts in a fixed order, a fixed zip time.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/memo"
	"github.com/nianbao/nianbao/style"
)

// Options says how to write a document.
type Options struct {
	// Fonts overrides the font names written into the document, per role.
	// An empty field keeps the default (DefaultFonts). A Latin entry sets
	// the Latin font of every role that names none of its own.
	Fonts map[fonts.Role]FontNames
	// Metrics measures table text for the column widths (package columns),
	// the same fonts the PDF of the report is set in, so that both have the
	// same columns. nil means the embedded fonts.
	Metrics *fonts.Set
	// Date is written as dcterms:created and dcterms:modified and as the
	// time of every zip entry. Zero means 1 January after the report year.
	Date time.Time
}

// FontNames are the font family names Word is told to use for one role:
// EastAsia for Han characters and full-width punctuation (w:eastAsia),
// Latin for Latin letters and digits (w:ascii, w:hAnsi).
type FontNames struct{ EastAsia, Latin string }

// DefaultFonts are the names written when Options.Fonts names none: the
// fonts a Chinese office PC has. Windows ships 仿宋, 黑体, 楷体 and 宋体;
// 仿宋_GB2312 is not on modern Windows, so the body names 仿宋.
// 方正小标宋简体 is commercial but on most government PCs; fontTable.xml
// gives every name a fallback for machines without it.
var DefaultFonts = map[fonts.Role]FontNames{
	fonts.Title:    {EastAsia: "方正小标宋简体", Latin: latinDefault},
	fonts.Body:     {EastAsia: "仿宋", Latin: latinDefault},
	fonts.Heading1: {EastAsia: "黑体", Latin: latinDefault},
	fonts.Heading2: {EastAsia: "楷体", Latin: latinDefault},
	fonts.Table:    {EastAsia: "宋体", Latin: latinDefault},
	fonts.Latin:    {EastAsia: latinDefault, Latin: latinDefault},
}

const latinDefault = "Times New Roman"

// Write writes document d, set in style s, to w as a .docx file.
func Write(w io.Writer, d *document.Document, s *style.Style, opts Options) error {
	if d == nil || s == nil {
		return fmt.Errorf("docx: nil document or style")
	}
	if opts.Metrics == nil {
		fs, err := fonts.Embedded()
		if err != nil {
			return fmt.Errorf("docx: %w", err)
		}
		opts.Metrics = fs
	}
	g := newGen(d, s, opts)
	defer g.release() // after the zip writer has written every part
	parts, err := g.parts()
	if err != nil {
		return err
	}
	parts = withContentHash(parts) // custom.go
	date := g.date
	zw := zip.NewWriter(w)
	// packed is the next part's deflated bytes when they are kept from an
	// earlier package (samePart): the zip writer still reads the part for
	// its checksum and sizes, and the compressor writes the kept bytes.
	var packed []byte
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if packed != nil {
			return &keptWriter{w: w, data: packed}, nil
		}
		return reportDeflaters.get(w)
	})
	for _, p := range parts {
		packed = nil
		if samePart[p.name] {
			packed = kept(p.data)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return fmt.Errorf("docx: %w", err)
		}
		if _, err := f.Write(p.data); err != nil {
			return fmt.Errorf("docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// The parts are deflated by github.com/klauspost/compress, whose writers
// are kept for reuse: archive/zip's own pool is a sync.Pool, emptied by
// each garbage collection, and a new writer costs about 1 MB.
//
// The parts that are the same in every package of a batch (samePart) are
// deflated once per process at level 5 and copied; a batch report's own
// parts (document.xml, the document properties, custom.xml) at level 1,
// for half the time of level 5. Per report of a batch of synthetic
// reports, bytes and µs ("cold": the cache flushed before each part, as a
// batch has it; "warm": the same part again and again):
//
//	word/document.xml, 76.8 KB     bytes   warm   cold (two runs)
//	level 1                         7891     86    149–161
//	level 2                         7982     92    191–194
//	level 3                         7881     94    231–240
//	level 5                         6993    140    336–421
//	stateless                       8202    132    151–175
//	standard library, default       6567    669   2243
//
//	the same parts (gongwen), 15.0 KB: level 5 3.7 KB, 190 µs cold a report
//
// Measured in place (the report's layout, PDF and DOCX in turn, 1000
// synthetic reports, docx.Write's thread CPU time, paired): keeping the
// same parts saves 0.16–0.17 ms a report (of 0.8), document.xml at level
// 1 another 0.16–0.18 ms, for 0.9 KB more (a DOCX of 13.5 KB).
const (
	reportLevel = 1
	keptLevel   = 5
)

var (
	reportDeflaters = &deflaters{level: reportLevel, free: memo.NewFree[*flate.Writer](8)}
	keptDeflaters   = &deflaters{level: keptLevel, free: memo.NewFree[*flate.Writer](8)}
)

// deflaters keeps writers at one level for reuse.
type deflaters struct {
	level int
	free  *memo.Free[*flate.Writer]
}

// get returns a kept writer, or a new one, writing to w.
func (ds *deflaters) get(w io.Writer) (io.WriteCloser, error) {
	if d, ok := ds.free.Get(); ok {
		d.Reset(w)
		return keptDeflater{d, ds}, nil
	}
	d, err := flate.NewWriter(w, ds.level)
	return keptDeflater{d, ds}, err
}

// keptDeflater gives its writer back for reuse when closed.
type keptDeflater struct {
	*flate.Writer
	ds *deflaters
}

func (d keptDeflater) Close() error {
	err := d.Writer.Close()
	d.ds.free.Put(d.Writer)
	return err
}

// samePart names the parts that are the same in every package written
// with the same style and options: what they hold does not come from the
// report. A batch writes them hundreds of times, so their deflated bytes
// are kept (kept) and copied. Keeping is by the part's bytes, not its name,
// so a part that differs is deflated anew, never taken from another.
var samePart = map[string]bool{
	"[Content_Types].xml":          true,
	"_rels/.rels":                  true,
	"word/_rels/document.xml.rels": true,
	"word/styles.xml":              true,
	"word/settings.xml":            true,
	"word/fontTable.xml":           true,
	"word/footer1.xml":             true,
	"word/footer2.xml":             true,
}

// keptParts maps a part's bytes to the same bytes deflated at keptLevel.
// It is emptied when full: a process writes with a few styles and option
// sets, not hundreds.
var keptParts = memo.Map[string, []byte]{Max: maxKeptParts}

const maxKeptParts = 64

// kept returns data deflated at keptLevel: from keptParts, or deflated now
// and kept. nil means it could not be deflated (the zip writer will try).
func kept(data []byte) []byte {
	if packed, ok := keptParts.Get(string(data)); ok {
		return packed
	}
	var buf bytes.Buffer
	d, err := keptDeflaters.get(&buf)
	if err == nil {
		d.Write(data) // a bytes.Buffer does not fail
		err = d.Close()
	}
	if err != nil {
		return nil
	}
	keptParts.Put(string(data), buf.Bytes())
	return buf.Bytes()
}

// keptWriter is the zip compressor of a part whose deflated bytes are
// kept: it takes the part's bytes (the zip writer counts and checksums
// them) and writes the kept bytes when closed.
type keptWriter struct {
	w    io.Writer
	data []byte
}

func (k *keptWriter) Write(p []byte) (int, error) { return len(p), nil }

func (k *keptWriter) Close() error {
	_, err := k.w.Write(k.data)
	return err
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// parts returns every part of the package in the order they are zipped:
// [Content_Types].xml first, as Word writes it.
func (g *gen) parts() ([]part, error) {
	body, err := g.document()
	if err != nil {
		return nil, err
	}
	core, err := g.core()
	if err != nil {
		return nil, err
	}
	ps := []part{
		{"[Content_Types].xml", g.contentTypes()},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", core},
		{"docProps/app.xml", g.app()},
		{"word/document.xml", body},
		{"word/_rels/document.xml.rels", g.documentRels()},
		{"word/styles.xml", g.styles()},
		{"word/settings.xml", g.settings()},
		{"word/fontTable.xml", g.fontTable()},
	}
	return append(ps, g.footers()...), nil
}

// buf is an XML text under construction.
type buf struct{ bytes.Buffer }

// s appends raw markup.
func (b *buf) s(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// n appends an integer.
func (b *buf) n(v int) {
	var a [20]byte
	b.Write(strconv.AppendInt(a[:0], int64(v), 10))
}
