package docx

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ContentHashProperty is the custom document property (docProps/custom.xml,
// 文件 → 属性 → 自定义 in Word) in which Write keeps a hash of every other
// part of the package. Word keeps custom properties when it saves, but
// rewrites the parts, so a file saved in Word no longer matches its hash:
// Changed tells, and `nianbao render` refuses to overwrite it.
const ContentHashProperty = "nianbao-content-hash"

// customPart is docProps/custom.xml, with its content type and its
// relationship from the package.
const (
	customPart        = "docProps/custom.xml"
	customContentType = `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
	customRel         = `<Relationship Id="rIdNianbaoCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`
	// customFMTID is the format id that ECMA-376 Part 1 §22.3.2.2 gives
	// every user-defined property.
	customFMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
)

// withContentHash adds docProps/custom.xml holding the hash of ps, after
// registering it in [Content_Types].xml and _rels/.rels (which the hash
// covers too).
func withContentHash(ps []part) []part {
	for i := range ps {
		switch ps[i].name {
		case "[Content_Types].xml":
			ps[i].data = insertBefore(ps[i].data, "</Types>", customContentType)
		case "_rels/.rels":
			ps[i].data = insertBefore(ps[i].data, "</Relationships>", customRel)
		}
	}
	h := newPartHash()
	for _, p := range ps {
		h.add(p.name, p.data)
	}
	var b buf
	b.s(xmlHeader, `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" `,
		`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`,
		`<property fmtid="`, customFMTID, `" pid="2" name="`, ContentHashProperty, `"><vt:lpwstr>`, h.sum(), `</vt:lpwstr></property>`,
		`</Properties>`)
	return append(ps, part{customPart, b.Bytes()})
}

func insertBefore(data []byte, end, s string) []byte {
	i := bytes.LastIndex(data, []byte(end))
	if i < 0 {
		return data
	}
	return slices.Concat(data[:i], []byte(s), data[i:])
}

// partHash hashes parts by name, in name order, so that the order of the
// zip entries does not matter.
type partHash struct{ parts map[string][]byte }

func newPartHash() *partHash { return &partHash{parts: map[string][]byte{}} }

func (h *partHash) add(name string, data []byte) { h.parts[name] = data }

// sum is "sha256:" and the hex digest of each name and its data, each
// preceded by its length.
func (h *partHash) sum() string {
	d := sha256.New()
	names := make([]string, 0, len(h.parts))
	for n := range h.parts {
		names = append(names, n)
	}
	slices.Sort(names)
	var n [8]byte
	for _, name := range names {
		binary.BigEndian.PutUint64(n[:], uint64(len(name)))
		d.Write(n[:])
		d.Write([]byte(name))
		binary.BigEndian.PutUint64(n[:], uint64(len(h.parts[name])))
		d.Write(n[:])
		d.Write(h.parts[name])
	}
	return "sha256:" + hex.EncodeToString(d.Sum(nil))
}

// ErrNoContentHash means a DOCX holds no nianbao content hash: nianbao did
// not write it (or an older nianbao did, before it kept one).
var ErrNoContentHash = errors.New("docx: 文件中没有 nianbao 的内容校验值")

// maxPartSize bounds what Changed inflates from one part, so that a hostile
// file cannot take unbounded memory; nianbao's largest part is under 1 MB.
const maxPartSize = 64 << 20

// Changed reports whether the DOCX data, written by Write, was changed since:
// whether its parts still hash to the value kept in its custom properties.
// It returns ErrNoContentHash when the file holds no such value, and an
// error when data is not a readable DOCX.
func Changed(data []byte) (bool, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false, fmt.Errorf("docx: %w", err)
	}
	h := newPartHash()
	var custom []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return false, fmt.Errorf("docx: %w", err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		rc.Close()
		if err != nil {
			return false, fmt.Errorf("docx: %s: %w", f.Name, err)
		}
		if len(b) > maxPartSize {
			return false, fmt.Errorf("docx: %s 过大", f.Name)
		}
		if f.Name == customPart {
			custom = b
			continue
		}
		h.add(f.Name, b)
	}
	want, ok := storedHash(custom)
	if !ok {
		return false, ErrNoContentHash
	}
	return h.sum() != want, nil
}

// storedHash reads the content hash from docProps/custom.xml.
func storedHash(custom []byte) (string, bool) {
	if custom == nil {
		return "", false
	}
	var props struct {
		Property []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"lpwstr"`
		} `xml:"property"`
	}
	if err := xml.Unmarshal(custom, &props); err != nil {
		return "", false
	}
	for _, p := range props.Property {
		if p.Name == ContentHashProperty && strings.HasPrefix(p.Value, "sha256:") {
			return p.Value, true
		}
	}
	return "", false
}
