// Package pdfdata owns the report data that a nianbao PDF carries: the
// report written as a JSON data file with a schema version (Encode), which
// render/pdf embeds as the PDF's associated file (AFRelationship /Source,
// named DataName), and reading it back from the PDF into a report.Report
// (Read, ReadFile), so that last year's published PDF is all that R5 needs.
//
// The embedded file is an envelope
//
//	{"schema": "nianbao-report", "schema_version": 1, "generator": "nianbao",
//	 "report": { …the report file, as `nianbao validate` reads it… }}
//
// and positions in findings name the line and column inside it.
package pdfdata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carlos7ags/folio/core"
	"github.com/carlos7ags/folio/reader"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/report"
)

// DataName is the name of the embedded data file.
const DataName = "nianbao-report.json"

// MIME is its media type.
const MIME = "application/json"

// Desc describes it in a viewer's attachment panel.
const Desc = "本报告的数据（nianbao 年报数据文件）：nianbao validate/render --prev 可直接读取此 PDF"

// Schema and Version identify the envelope; a reader refuses a newer
// version than it knows.
const (
	Schema  = "nianbao-report"
	Version = 1
)

// MaxPDFSize is the largest PDF read: a report's PDF is 0.2–1 MB.
const MaxPDFSize = 64 << 20

// Encode returns the data file of a completed report: its prose, its
// tables as printed (totals included), its closing and contact, without
// its font paths (they name files on the machine that rendered it).
func Encode(r *report.Report) ([]byte, error) {
	f, err := r.Form()
	if err != nil {
		return nil, err
	}
	e := &encoder{b: make([]byte, 0, encodedSize(r))}
	e.s("{\n")
	e.kv(1, "schema", Schema, true)
	e.kv(1, "schema_version", Version, true)
	e.kv(1, "generator", "nianbao", true)
	e.s("  \"report\": {\n")
	e.kv(2, "format", f.Version, true)
	e.kv(2, "agency", r.Agency, true)
	e.kv(2, "year", r.Year, true)
	if len(r.Title) > 0 {
		e.kv(2, "title", r.Title, true)
	}
	if len(r.Preamble) > 0 {
		e.kv(2, "preamble", r.Preamble, true)
	}
	for _, sec := range f.Sections {
		if sec.Table != nil {
			e.table(r, sec.Table)
			continue
		}
		var s report.Section
		switch sec.Key {
		case "overview":
			s = r.Overview
		case "problems":
			s = r.Problems
		case "other":
			s = r.Other
		}
		e.section(sec.Key, s)
	}
	if r.Closing != (report.Closing{}) {
		e.kv(2, "closing", r.Closing, true)
	}
	if r.Contact != (report.Contact{}) {
		e.kv(2, "contact", r.Contact, true)
	}
	e.b = bytes.TrimSuffix(e.b, []byte(",\n"))
	e.s("\n  }\n}\n")
	return e.b, e.err
}

// encodedSize estimates the length of r's data file, so that it is
// written without growing its buffer: the prose, and 2 KiB for the tables
// and keys.
func encodedSize(r *report.Report) int {
	n := 2 << 10
	for _, s := range r.Title {
		n += len(s) + 8
	}
	for _, s := range r.Preamble {
		n += len(s) + 8
	}
	for _, sec := range []report.Section{r.Overview, r.Problems, r.Other} {
		for _, b := range sec {
			n += len(b.Heading) + 48
			for _, p := range b.Paragraphs {
				n += len(p) + 4
			}
		}
	}
	return n
}

// encoder writes the JSON with one key a line, in the order of the form,
// so that positions in findings are readable in the file.
type encoder struct {
	b   []byte
	err error
}

func (e *encoder) s(s string) { e.b = append(e.b, s...) }

// value writes v as encoding/json does (HTML characters not escaped): the
// types of a report by hand, anything else by encoding/json.
func (e *encoder) value(v any) {
	switch v := v.(type) {
	case string:
		e.b = appendString(e.b, v, false)
		return
	case int:
		e.b = strconv.AppendInt(e.b, int64(v), 10)
		return
	case []string:
		e.strings(v)
		return
	case report.Block:
		e.s("{")
		comma := false
		if v.Heading != "" {
			e.s(`"heading":`)
			e.b = appendString(e.b, v.Heading, false)
			comma = true
		}
		if v.RunIn {
			if comma {
				e.s(",")
			}
			e.s(`"run_in":true`)
			comma = true
		}
		if len(v.Paragraphs) > 0 {
			if comma {
				e.s(",")
			}
			e.s(`"paragraphs":`)
			e.strings(v.Paragraphs)
		}
		e.s("}")
		return
	case report.Closing:
		e.fields([]string{"agency", v.Agency, "date", v.Date})
		return
	case report.Contact:
		e.fields([]string{"office", v.Office, "address", v.Address, "postcode", v.Postcode, "phone", v.Phone,
			"email", v.Email, "website", v.Website})
		return
	}
	e.json(v)
}

// strings writes a list of strings.
func (e *encoder) strings(ss []string) {
	if ss == nil {
		e.s("null")
		return
	}
	e.s("[")
	for i, s := range ss {
		if i > 0 {
			e.s(",")
		}
		e.b = appendString(e.b, s, false)
	}
	e.s("]")
}

// fields writes an object of string fields that are left out when empty
// (omitempty): kv holds key, value, key, value….
func (e *encoder) fields(kv []string) {
	e.s("{")
	comma := false
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if comma {
			e.s(",")
		}
		e.b = appendString(e.b, kv[i], false)
		e.s(":")
		e.b = appendString(e.b, kv[i+1], false)
		comma = true
	}
	e.s("}")
}

// appendString appends s quoted as encoding/json does, escaping <, > and &
// when html is set (json.Marshal) and not otherwise (an Encoder with
// SetEscapeHTML(false)).
func appendString(b []byte, s string, html bool) []byte {
	if !plain(s, html) {
		return appendJSON(b, s, html)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plain says whether encoding/json writes s as it is between quotes: no
// quote, backslash or control character (nor <, > and & when html is set),
// valid UTF-8 without U+2028 and U+2029.
func plain(s string, html bool) bool {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}

// appendJSON appends s as encoding/json writes it.
func appendJSON(b []byte, s string, html bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// json writes v with encoding/json.
func (e *encoder) json(v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && e.err == nil {
		e.err = err
	}
	e.b = append(e.b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

func (e *encoder) kv(indent int, k string, v any, comma bool) {
	e.s(strings.Repeat("  ", indent))
	e.value(k)
	e.s(": ")
	if raw, ok := v.(json.RawMessage); ok {
		e.b = append(e.b, raw...)
	} else {
		e.value(v)
	}
	if comma {
		e.s(",")
	}
	e.s("\n")
}

// section writes a prose section one block a line.
func (e *encoder) section(k string, s report.Section) {
	e.s("    ")
	e.value(k)
	e.s(": [")
	for i, b := range s {
		if i > 0 {
			e.s(",")
		}
		e.s("\n      ")
		e.value(b)
	}
	if len(s) > 0 {
		e.s("\n    ")
	}
	e.s("],\n")
}

// integer says whether s is a count that the file writes as a number:
// -?[0-9]+.
func integer(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// table writes a table's rows as the report file has them: a list of the
// row's values, or the value of a one-value row; a count as a number, a
// count with a note or a sign, or an amount, as a string; a blank as null.
func (e *encoder) table(r *report.Report, t *form.Table) {
	e.s(fmt.Sprintf("    \"table%d\": {\n", t.Number))
	vs := make([]string, 7)
	for _, row := range t.Data {
		vs = vs[:0]
		for range row.Cols {
			vs = append(vs, "")
		}
		for k := range vs {
			s, ok := r.Cell(form.Ref{Table: t.Number, Row: row.Key, Col: k})
			if !ok {
				e.err = fmt.Errorf("pdfdata: 表%d %s 没有第 %d 列", t.Number, row.Key, k+1)
				return
			}
			switch {
			case s == "":
				vs[k] = "null"
			case integer(s) && !(row.Unit(k) == form.Amount):
				vs[k] = s
			default:
				vs[k] = string(appendString(nil, s, true))
			}
		}
		v := vs[0]
		if row.Cols > 1 {
			v = "[" + strings.Join(vs, ", ") + "]"
		}
		e.kv(3, row.Key, json.RawMessage(v), true)
	}
	var notes []string
	switch t.Number {
	case 2:
		notes = r.Table2.Notes
		if t == form.V2019.Table(2) {
			notes = r.Table2v2019.Notes
		}
	case 3:
		notes = r.Table3.Notes
	case 4:
		notes = r.Table4.Notes
	}
	if len(notes) > 0 {
		e.kv(3, "notes", notes, true)
	}
	e.b = bytes.TrimSuffix(e.b, []byte(",\n"))
	e.s("\n    },\n")
}

// ErrNoData says a PDF carries no nianbao data.
var ErrNoData = errors.New("pdfdata: no embedded data")

// noData is the error of ReadFile for a PDF without our data: a message
// for the user that is ErrNoData for errors.Is.
type noData string

func (e noData) Error() string        { return string(e) }
func (e noData) Is(target error) bool { return target == ErrNoData }

// ReadFile reads a report from path: the data embedded in a nianbao PDF,
// the extracted data file (the envelope), or any report file that
// report.ReadFile reads. Findings name the PDF and the line and column
// inside the embedded file.
func ReadFile(path string) (*report.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return readPDF(path)
	case isEnvelope(head):
		data, err := readAll(path, report.MaxFileSize)
		if err != nil {
			return nil, err
		}
		return Decode(path, data)
	}
	// A report file: read it from the start, without opening it again.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return report.ReadFile(path)
	}
	return report.ReadFrom(path, f)
}

// isEnvelope reports whether the start of a file is our envelope.
func isEnvelope(head []byte) bool {
	head = bytes.TrimSpace(head)
	return bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"schema"`)) && schemaKey.Match(head)
}

var schemaKey = regexp.MustCompile(`"schema"\s*:\s*"` + Schema + `"`)

func readAll(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: 文件过大（超过 %d MiB）", path, limit>>20)
	}
	return data, nil
}

func readPDF(path string) (*report.Report, error) {
	data, err := readAll(path, MaxPDFSize)
	if err != nil {
		return nil, err
	}
	js, err := Extract(data)
	if errors.Is(err, ErrNoData) {
		return nil, noData(fmt.Sprintf("%s: 此 PDF 中没有内嵌的年报数据（%s）。只有 nianbao 生成的 PDF 带有数据；请改用该报告的数据文件（.yaml 或 .json）", path, DataName))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取 PDF：%v", path, err)
	}
	return Decode(fmt.Sprintf("%s（内嵌 %s）", path, DataName), js)
}

// Extract returns the embedded data file of a nianbao PDF, or ErrNoData.
func Extract(pdf []byte) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil { // a malformed file must not stop the program
			data, err = nil, fmt.Errorf("PDF 结构损坏（%v）", p)
		}
	}()
	rd, err := reader.ParseWithOptions(pdf, reader.ReadOptions{MemoryLimits: reader.MemoryLimits{
		MaxStreamSize: 16 << 20, MaxTotalAlloc: 64 << 20}})
	if err != nil {
		return nil, err
	}
	cat := rd.Catalog()
	if cat == nil {
		return nil, ErrNoData
	}
	dict := func(o core.PdfObject) *core.PdfDictionary {
		if o == nil {
			return nil
		}
		r, err := rd.ResolveObject(o)
		if err != nil {
			return nil
		}
		d, _ := r.(*core.PdfDictionary)
		return d
	}
	var specs []*core.PdfDictionary
	if names := dict(cat.Get("Names")); names != nil {
		specs = nameTree(dict(names.Get("EmbeddedFiles")), dict, rd, 0, specs)
	}
	if af, err := rd.ResolveObject(cat.Get("AF")); err == nil {
		if arr, ok := af.(*core.PdfArray); ok {
			for _, o := range arr.All() {
				if d := dict(o); d != nil {
					specs = append(specs, d)
				}
			}
		}
	}
	for _, spec := range specs {
		if !isData(spec) {
			continue
		}
		ef := dict(spec.Get("EF"))
		if ef == nil {
			continue
		}
		for _, k := range []string{"F", "UF"} {
			o, err := rd.ResolveObject(ef.Get(k))
			if err != nil {
				continue
			}
			if s, ok := o.(*core.PdfStream); ok {
				return s.Data, nil
			}
		}
	}
	return nil, ErrNoData
}

// isData reports whether a file specification names our data file.
func isData(spec *core.PdfDictionary) bool {
	for _, k := range []string{"UF", "F"} {
		if s, ok := spec.Get(k).(*core.PdfString); ok {
			if s.TextString() == DataName || s.Text() == DataName {
				return true
			}
		}
	}
	return false
}

// maxTreeDepth bounds the walk of a name tree in a malformed file.
const maxTreeDepth = 16

// nameTree appends the values of a name tree (ISO 32000-1 §7.9.6).
func nameTree(node *core.PdfDictionary, dict func(core.PdfObject) *core.PdfDictionary, rd *reader.PdfReader, depth int, out []*core.PdfDictionary) []*core.PdfDictionary {
	if node == nil || depth > maxTreeDepth {
		return out
	}
	if o, err := rd.ResolveObject(node.Get("Names")); err == nil {
		if arr, ok := o.(*core.PdfArray); ok {
			for i := 1; i < arr.Len(); i += 2 {
				if d := dict(arr.At(i)); d != nil {
					out = append(out, d)
				}
			}
		}
	}
	if o, err := rd.ResolveObject(node.Get("Kids")); err == nil {
		if arr, ok := o.(*core.PdfArray); ok {
			for _, k := range arr.All() {
				out = nameTree(dict(k), dict, rd, depth+1, out)
			}
		}
	}
	return out
}

// envelope is the embedded file's top level.
type envelope struct {
	Schema  string          `json:"schema"`
	Version int             `json:"schema_version"`
	Report  json.RawMessage `json:"report"`
}

// Decode reads a report from an embedded data file named name.
func Decode(name string, data []byte) (*report.Report, error) {
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("%s: 内嵌数据不是有效的 JSON：%v", name, err)
	}
	switch {
	case env.Schema != Schema:
		return nil, fmt.Errorf("%s: 内嵌数据不是 nianbao 年报数据（schema 为 %q）", name, env.Schema)
	case env.Version < 1 || env.Version > Version:
		return nil, fmt.Errorf("%s: 内嵌数据的版本为 %d，本程序只认识版本 1–%d；请升级 nianbao", name, env.Version, Version)
	case len(env.Report) == 0:
		return nil, fmt.Errorf("%s: 内嵌数据中没有 report", name)
	}
	// Decode the report where it stands in the file, so that findings
	// give its line and column there.
	off := bytes.Index(data, env.Report)
	pad := []byte{}
	if off >= 0 {
		line := bytes.Count(data[:off], []byte("\n"))
		col := off - (bytes.LastIndexByte(data[:off], '\n') + 1)
		pad = append(bytes.Repeat([]byte("\n"), line), bytes.Repeat([]byte(" "), col)...)
	}
	return report.Decode(name, append(pad, env.Report...))
}
