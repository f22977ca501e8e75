package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// This file checks a package against a subset of the OFD schemas of GB/T
// 33190-2016 (Annex A: OFD.xsd, Document.xsd, Res.xsd, Page.xsd,
// Definitions.xsd), written out here for the elements nianbao writes:
// which children an element may have and in which order, which attributes
// it must and may carry and their types; and the rules the schemas cannot
// say: every ID unique and at most MaxUnitID (§7.5), every file named by
// a path present in the package, every font, page and resource referenced
// defined.

// elem is the schema of one element: its children in the order the
// sequence allows (each with min and max occurrences), and its
// attributes with their types.
type elem struct {
	children []child
	attrs    map[string]attrType
	required []string
	text     attrType // the type of its text content, or none
}

type child struct {
	name     string
	min, max int // max -1: unbounded
}

type attrType int

const (
	none    attrType = iota
	tString          // xs:string
	tID              // ST_ID: xs:unsignedInt > 0
	tRefID           // ST_RefID
	tInt             // xs:int
	tBool            // xs:boolean
	tDouble          // xs:double
	tBox             // ST_Box: 4 doubles, width and height ≥ 0
	tArray           // ST_Array of numbers (DeltaX: with "g N D")
	tColor           // ST_Array of 3 integers 0…255
	tLoc             // ST_Loc: a path in the package
	tDate            // xs:date
	tDocID           // DocID: 32 hexadecimal digits (a UUID without dashes)
	tPath            // AbbreviatedData
	tEnum            // a value from enum
)

var enums = map[string][]string{
	"DocType": {"OFD", "OFD-A"},
	"Event":   {"DO", "PO", "CLICK"},
	"Type":    {"XYZ", "Fit", "FitH", "FitV", "FitR", "Body", "Background", "Foreground", "Custom"},
	"Version": {"1.0", "1.1", "1.2"},
}

var unbounded = -1

// schema is the subset, by local name. Element names are unique enough
// here: Page is Document.xsd's CT_Page reference (in Pages) or Page.xsd's
// root; both are listed under their context below.
var schema = map[string]elem{
	// OFD.xsd
	"OFD":     {children: []child{{"DocBody", 1, unbounded}}, attrs: map[string]attrType{"Version": tEnum, "DocType": tEnum}, required: []string{"Version", "DocType"}},
	"DocBody": {children: []child{{"DocInfo", 1, 1}, {"DocRoot", 0, 1}, {"Versions", 0, 1}, {"Signatures", 0, 1}}},
	"DocInfo": {children: []child{{"DocID", 0, 1}, {"Title", 0, 1}, {"Author", 0, 1}, {"Subject", 0, 1}, {"Abstract", 0, 1},
		{"CreationDate", 0, 1}, {"ModDate", 0, 1}, {"DocUsage", 0, 1}, {"Cover", 0, 1}, {"Keywords", 0, 1},
		{"Creator", 0, 1}, {"CreatorVersion", 0, 1}, {"CustomDatas", 0, 1}}},
	"DocID":        {text: tDocID},
	"Title":        {text: tString},
	"Author":       {text: tString},
	"Subject":      {text: tString},
	"CreationDate": {text: tDate},
	"ModDate":      {text: tDate},
	"Keywords":     {children: []child{{"Keyword", 1, unbounded}}},
	"Keyword":      {text: tString},
	"Creator":      {text: tString},
	"DocRoot":      {text: tLoc},
	// Document.xsd
	"Document": {children: []child{{"CommonData", 1, 1}, {"Pages", 1, 1}, {"Outlines", 0, 1}, {"Permissions", 0, 1},
		{"Actions", 0, 1}, {"VPreferences", 0, 1}, {"Bookmarks", 0, 1}, {"Annotations", 0, 1}, {"CustomTags", 0, 1},
		{"Attachments", 0, 1}, {"Extensions", 0, 1}}},
	"CommonData": {children: []child{{"MaxUnitID", 1, 1}, {"PageArea", 1, 1}, {"PublicRes", 0, unbounded},
		{"DocumentRes", 0, unbounded}, {"TemplatePage", 0, unbounded}, {"DefaultCS", 0, 1}}},
	"MaxUnitID":   {text: tID},
	"PageArea":    {children: []child{{"PhysicalBox", 1, 1}, {"ApplicationBox", 0, 1}, {"ContentBox", 0, 1}, {"BleedBox", 0, 1}}},
	"Area":        {children: []child{{"PhysicalBox", 1, 1}, {"ApplicationBox", 0, 1}, {"ContentBox", 0, 1}, {"BleedBox", 0, 1}}},
	"PhysicalBox": {text: tBox},
	"PublicRes":   {text: tLoc},
	"Pages":       {children: []child{{"Page", 1, unbounded}}},
	"Outlines":    {children: []child{{"OutlineElem", 1, unbounded}}},
	"OutlineElem": {children: []child{{"Actions", 0, 1}, {"OutlineElem", 0, unbounded}},
		attrs: map[string]attrType{"Title": tString, "Count": tInt, "Expanded": tBool}, required: []string{"Title"}},
	"Actions": {children: []child{{"Action", 1, unbounded}}},
	"Action":  {children: []child{{"Region", 0, 1}, {"Goto", 1, 1}}, attrs: map[string]attrType{"Event": tEnum}, required: []string{"Event"}},
	"Goto":    {children: []child{{"Dest", 1, 1}}},
	"Dest": {attrs: map[string]attrType{"Type": tEnum, "PageID": tRefID, "Left": tDouble, "Top": tDouble, "Right": tDouble, "Bottom": tDouble, "Zoom": tDouble},
		required: []string{"Type", "PageID"}},
	// Res.xsd
	"Res":      {children: []child{{"ColorSpaces", 0, unbounded}, {"DrawParams", 0, unbounded}, {"Fonts", 0, unbounded}, {"MultiMedias", 0, unbounded}, {"CompositeGraphicUnits", 0, unbounded}}, attrs: map[string]attrType{"BaseLoc": tLoc}},
	"Fonts":    {children: []child{{"Font", 1, unbounded}}},
	"Font":     {children: []child{{"FontFile", 0, 1}}, attrs: map[string]attrType{"ID": tID, "FontName": tString, "FamilyName": tString, "Charset": tString, "Italic": tBool, "Bold": tBool, "Serif": tBool, "FixedWidth": tBool}, required: []string{"ID", "FontName"}},
	"FontFile": {text: tLoc},
	// Page.xsd
	"Content": {children: []child{{"Layer", 1, unbounded}}},
	"Layer":   {children: []child{{"*object", 0, unbounded}}, attrs: map[string]attrType{"ID": tID, "Type": tString, "DrawParam": tRefID}, required: []string{"ID"}},
	"PathObject": {children: []child{{"Actions", 0, 1}, {"Clips", 0, 1}, {"StrokeColor", 0, 1}, {"FillColor", 0, 1}, {"AbbreviatedData", 1, 1}},
		attrs: graphicUnit(map[string]attrType{"Stroke": tBool, "Fill": tBool, "Rule": tString}), required: []string{"ID", "Boundary"}},
	"TextObject": {children: []child{{"Actions", 0, 1}, {"Clips", 0, 1}, {"FillColor", 0, 1}, {"StrokeColor", 0, 1}, {"CGTransform", 0, unbounded}, {"TextCode", 1, unbounded}},
		attrs:    graphicUnit(map[string]attrType{"Font": tRefID, "Size": tDouble, "Stroke": tBool, "Fill": tBool, "HScale": tDouble, "ReadDirection": tInt, "CharDirection": tInt, "Weight": tInt, "Italic": tBool}),
		required: []string{"ID", "Boundary", "Font", "Size"}},
	"FillColor":       {attrs: map[string]attrType{"Value": tColor, "ColorSpace": tRefID, "Alpha": tInt}},
	"StrokeColor":     {attrs: map[string]attrType{"Value": tColor, "ColorSpace": tRefID, "Alpha": tInt}},
	"AbbreviatedData": {text: tPath},
	"TextCode":        {text: tString, attrs: map[string]attrType{"X": tDouble, "Y": tDouble, "DeltaX": tArray, "DeltaY": tArray}, required: []string{"X", "Y"}},
}

// pageRef is Document.xsd's Pages/Page; pageRoot is Page.xsd's root.
var (
	pageRef  = elem{attrs: map[string]attrType{"ID": tID, "BaseLoc": tLoc}, required: []string{"ID", "BaseLoc"}}
	pageRoot = elem{children: []child{{"Template", 0, unbounded}, {"PageRes", 0, unbounded}, {"Area", 0, 1}, {"Content", 0, 1}, {"Actions", 0, 1}}}
)

// graphicUnit adds the attributes of CT_GraphicUnit.
func graphicUnit(m map[string]attrType) map[string]attrType {
	for k, v := range map[string]attrType{"ID": tID, "Boundary": tBox, "Name": tString, "Visible": tBool, "CTM": tArray,
		"DrawParam": tRefID, "LineWidth": tDouble, "Cap": tString, "Join": tString, "MiterLimit": tDouble,
		"DashOffset": tDouble, "DashPattern": tArray, "Alpha": tInt} {
		m[k] = v
	}
	return m
}

const ofdNS = "http://www.ofdspec.org/2016"

// node is a parsed element.
type node struct {
	name     string
	ns       string
	attrs    map[string]string
	children []*node
	text     string
}

func parseXML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, ns: t.Name.Space, attrs: map[string]string{}}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				if a.Name.Space != "" {
					return nil, fmt.Errorf("<%s>: attribute %s:%s in a namespace", n.name, a.Name.Space, a.Name.Local)
				}
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

// checker collects the problems of one package.
type checker struct {
	files    map[string][]byte
	problems []string
	ids      map[int]string // ID → where it is defined
	refs     []ref          // references to check once all IDs are known
	fonts    map[int]bool
	pages    map[int]bool
	maxID    int
}

type ref struct {
	kind  string // "font", "page", "any"
	id    int
	where string
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// checkPackage checks an OFD file; it returns the problems found.
func checkPackage(data []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return []string{"not a zip: " + err.Error()}
	}
	c := &checker{files: map[string][]byte{}, ids: map[int]string{}, fonts: map[int]bool{}, pages: map[int]bool{}}
	for _, f := range zr.File {
		if f.Method != zip.Deflate && f.Method != zip.Store {
			c.errorf("%s: compression method %d", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			c.errorf("%s: %v", f.Name, err)
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			c.errorf("%s: %v", f.Name, err)
		}
		if _, dup := c.files[f.Name]; dup {
			c.errorf("%s: twice in the package", f.Name)
		}
		c.files[f.Name] = b
	}
	entry := c.doc("OFD.xml", "OFD")
	if entry == nil {
		return c.problems
	}
	for _, body := range entry.children {
		for _, r := range body.children {
			if r.name != "DocRoot" {
				continue
			}
			root := strings.TrimSpace(r.text)
			c.document(root)
		}
	}
	for _, r := range c.refs {
		switch {
		case r.kind == "font" && !c.fonts[r.id]:
			c.errorf("%s: font %d is not defined in PublicRes", r.where, r.id)
		case r.kind == "page" && !c.pages[r.id]:
			c.errorf("%s: page %d does not exist", r.where, r.id)
		}
	}
	return c.problems
}

// doc parses and checks the XML file at name, whose root must be want.
func (c *checker) doc(name, want string) *node {
	data, ok := c.files[name]
	if !ok {
		c.errorf("%s: named but not in the package", name)
		return nil
	}
	n, err := parseXML(data)
	if err != nil {
		c.errorf("%s: %v", name, err)
		return nil
	}
	if n.name != want {
		c.errorf("%s: root <%s>, want <%s>", name, n.name, want)
		return nil
	}
	spec := schema[want]
	if want == "Page" {
		spec = pageRoot
	}
	c.check(name, n, spec)
	return n
}

// document checks Document.xml and everything it names.
func (c *checker) document(root string) {
	doc := c.doc(root, "Document")
	if doc == nil {
		return
	}
	dir := path.Dir(root)
	for _, ch := range doc.children {
		switch ch.name {
		case "CommonData":
			for _, cd := range ch.children {
				switch cd.name {
				case "MaxUnitID":
					c.maxID, _ = strconv.Atoi(strings.TrimSpace(cd.text))
				case "PublicRes":
					c.res(path.Join(dir, strings.TrimSpace(cd.text)))
				}
			}
		case "Pages":
			for _, p := range ch.children {
				if id, err := strconv.Atoi(p.attrs["ID"]); err == nil {
					c.pages[id] = true
				}
				c.doc(path.Join(dir, p.attrs["BaseLoc"]), "Page")
			}
		}
	}
	if c.maxID == 0 {
		c.errorf("%s: no MaxUnitID", root)
	}
	for id, where := range c.ids {
		if id > c.maxID {
			c.errorf("%s: ID %d > MaxUnitID %d", where, id, c.maxID)
		}
	}
}

// res checks a resource file and the font files it names.
func (c *checker) res(name string) {
	r := c.doc(name, "Res")
	if r == nil {
		return
	}
	base := path.Join(path.Dir(name), r.attrs["BaseLoc"])
	for _, fs := range r.children {
		for _, f := range fs.children {
			id, _ := strconv.Atoi(f.attrs["ID"])
			c.fonts[id] = true
			for _, ff := range f.children {
				file := path.Join(base, strings.TrimSpace(ff.text))
				b, ok := c.files[file]
				switch {
				case !ok:
					c.errorf("%s: font %d: file %s is not in the package", name, id, file)
				case len(b) < 12 || !slices.Contains([]string{"OTTO", "\x00\x01\x00\x00"}, string(b[:4])):
					c.errorf("%s: font %d: %s is not an OpenType or TrueType file", name, id, file)
				}
			}
		}
	}
}

var (
	reNum   = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)
	reDate  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reDocID = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// check checks n and its subtree against spec.
func (c *checker) check(file string, n *node, spec elem) {
	where := file + ": <" + n.name + ">"
	if n.ns != ofdNS {
		c.errorf("%s: namespace %q, want %q", where, n.ns, ofdNS)
	}
	for _, a := range spec.required {
		if _, ok := n.attrs[a]; !ok {
			c.errorf("%s: no %s attribute", where, a)
		}
	}
	for a, v := range n.attrs {
		t, ok := spec.attrs[a]
		if !ok {
			c.errorf("%s: attribute %s not in the schema", where, a)
			continue
		}
		c.value(where+" @"+a, a, v, t)
		switch {
		case a == "ID":
			id, _ := strconv.Atoi(v)
			if prev, dup := c.ids[id]; dup {
				c.errorf("%s: ID %d already used by %s", where, id, prev)
			}
			c.ids[id] = where
		case a == "Font":
			id, _ := strconv.Atoi(v)
			c.refs = append(c.refs, ref{"font", id, where})
		case a == "PageID":
			id, _ := strconv.Atoi(v)
			c.refs = append(c.refs, ref{"page", id, where})
		}
	}
	if spec.text != none {
		c.value(where, n.name, strings.TrimSpace(n.text), spec.text)
	} else if strings.TrimSpace(n.text) != "" {
		c.errorf("%s: text %q where the schema has none", where, strings.TrimSpace(n.text))
	}
	if n.name == "TextCode" {
		runes := len([]rune(n.text))
		if dx := expand(n.attrs["DeltaX"]); n.attrs["DeltaX"] != "" && len(dx) > runes-1 {
			c.errorf("%s: %d DeltaX for %d characters", where, len(dx), runes)
		}
	}
	// Children, in the order of the sequence.
	k := 0
	count := 0
	for _, ch := range n.children {
		for k < len(spec.children) && !matches(spec.children[k].name, ch.name) {
			if count < spec.children[k].min {
				c.errorf("%s: missing <%s>", where, spec.children[k].name)
			}
			k++
			count = 0
		}
		if k == len(spec.children) {
			c.errorf("%s: <%s> not allowed here", where, ch.name)
			continue
		}
		count++
		if m := spec.children[k].max; m >= 0 && count > m {
			c.errorf("%s: more than %d <%s>", where, m, ch.name)
		}
		cs, ok := schema[ch.name]
		if ch.name == "Page" {
			cs, ok = pageRef, true
		}
		if !ok {
			c.errorf("%s: <%s> is outside the schema subset", where, ch.name)
			continue
		}
		c.check(file, ch, cs)
	}
	for ; k < len(spec.children); k++ {
		if count < spec.children[k].min {
			c.errorf("%s: missing <%s>", where, spec.children[k].name)
		}
		count = 0
	}
}

// matches: "*object" stands for the page objects (CT_PageBlock's choice).
func matches(want, got string) bool {
	if want == "*object" {
		return got == "TextObject" || got == "PathObject"
	}
	return want == got
}

// value checks one attribute or text value of type t.
func (c *checker) value(where, name, v string, t attrType) {
	bad := func() { c.errorf("%s: %q is not a valid %s", where, v, name) }
	switch t {
	case tID, tRefID:
		if n, err := strconv.ParseUint(v, 10, 32); err != nil || n == 0 {
			bad()
		}
	case tInt:
		if _, err := strconv.Atoi(v); err != nil {
			bad()
		}
	case tBool:
		if v != "true" && v != "false" {
			bad()
		}
	case tDouble:
		if !reNum.MatchString(v) {
			bad()
		}
	case tBox:
		f := strings.Fields(v)
		if len(f) != 4 {
			bad()
			return
		}
		for i, s := range f {
			x, err := strconv.ParseFloat(s, 64)
			if !reNum.MatchString(s) || err != nil || i >= 2 && x < 0 {
				bad()
				return
			}
		}
	case tArray:
		for _, s := range strings.Fields(v) {
			if s != "g" && !reNum.MatchString(s) {
				bad()
				return
			}
		}
	case tColor:
		f := strings.Fields(v)
		if len(f) != 3 {
			bad()
			return
		}
		for _, s := range f {
			if n, err := strconv.Atoi(s); err != nil || n < 0 || n > 255 {
				bad()
				return
			}
		}
	case tLoc:
		if v == "" || strings.Contains(v, `\`) || strings.HasPrefix(v, "/") && len(v) == 1 {
			bad()
		}
	case tDate:
		if !reDate.MatchString(v) {
			bad()
		}
	case tDocID:
		if !reDocID.MatchString(v) {
			bad()
		}
	case tEnum:
		if !slices.Contains(enums[name], v) {
			bad()
		}
	case tPath:
		f := strings.Fields(v)
		args := map[string]int{"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
		for i := 0; i < len(f); {
			n, ok := args[f[i]]
			if !ok || i+1+n > len(f) {
				bad()
				return
			}
			for _, s := range f[i+1 : i+1+n] {
				if !reNum.MatchString(s) {
					bad()
					return
				}
			}
			i += 1 + n
		}
	}
}

// expand expands a DeltaX array: "g N D" is N times D.
func expand(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, _ := strconv.Atoi(f[i+1])
			d, _ := strconv.ParseFloat(f[i+2], 64)
			for range n {
				out = append(out, d)
			}
			i += 2
			continue
		}
		d, _ := strconv.ParseFloat(f[i], 64)
		out = append(out, d)
	}
	return out
}
