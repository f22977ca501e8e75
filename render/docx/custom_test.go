package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/style"
)

// rezip rebuilds a package from its parts, changing the named part with edit
// (nil: leave it) and dropping the parts named in drop.
func rezip(t *testing.T, data []byte, name string, edit func([]byte) []byte, drop ...string) []byte {
	t.Helper()
	parts, names := unzip(t, data)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		if strings.Contains(strings.Join(drop, "\n"), n) {
			continue
		}
		p := parts[n]
		if n == name && edit != nil {
			p = edit(p)
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestContentHash(t *testing.T) {
	orig := write(t, sample(t), style.Gongwen, Options{})
	parts, _ := unzip(t, orig)
	if !bytes.Contains(parts["docProps/custom.xml"], []byte(`name="nianbao-content-hash"><vt:lpwstr>sha256:`)) {
		t.Fatalf("custom.xml = %s, want the content hash property", parts["docProps/custom.xml"])
	}
	if !bytes.Contains(parts["[Content_Types].xml"], []byte(`PartName="/docProps/custom.xml"`)) ||
		!bytes.Contains(parts["_rels/.rels"], []byte(`Target="docProps/custom.xml"`)) {
		t.Errorf("custom.xml not registered in [Content_Types].xml or _rels/.rels")
	}
	tests := []struct {
		name    string
		data    []byte
		changed bool
		err     error
	}{
		{"as written", orig, false, nil},
		// The zip rebuilt with other compression and order: the parts are the same.
		{"same parts, zipped again", rezip(t, orig, "", nil), false, nil},
		{"a digit changed in Word", rezip(t, orig, "word/document.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<w:t>"), []byte("<w:t>1"), 1)
		}), true, nil},
		{"a style changed", rezip(t, orig, "word/styles.xml", func(b []byte) []byte { return append(b, ' ') }), true, nil},
		{"custom properties dropped", rezip(t, orig, "", nil, "docProps/custom.xml"), false, ErrNoContentHash},
		{"the hash property renamed", rezip(t, orig, "docProps/custom.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte(ContentHashProperty), []byte("other"), 1)
		}), false, ErrNoContentHash},
	}
	for _, tt := range tests {
		changed, err := Changed(tt.data)
		if changed != tt.changed || !errors.Is(err, tt.err) {
			t.Errorf("%s: Changed = %v, %v; want %v, %v", tt.name, changed, err, tt.changed, tt.err)
		}
	}
	if _, err := Changed([]byte("not a zip")); err == nil || errors.Is(err, ErrNoContentHash) {
		t.Errorf("Changed(not a zip) = %v, want a zip error", err)
	}
}
