package fonts

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func embeddedSetT(t *testing.T) *Set {
	t.Helper()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func embeddedFace(t *testing.T, file string) *Face {
	t.Helper()
	faces, err := embeddedFaces()
	if err != nil {
		t.Fatal(err)
	}
	f := faces[file]
	if f == nil {
		t.Fatalf("no embedded face %s", file)
	}
	return f
}

func TestEmbeddedRoles(t *testing.T) {
	s := embeddedSetT(t)
	tests := []struct {
		role      Role
		name      string
		signature string // sfnt version: OTTO for CFF outlines
		bold      bool
	}{
		{Title, "Noto Serif SC", "\x00\x01\x00\x00", true},
		{Body, "FandolFang", "OTTO", false},
		{Heading1, "FandolHei", "OTTO", false},
		{Heading2, "FandolKai", "OTTO", false},
		{Table, "FandolSong", "OTTO", false},
		{Latin, "Liberation Serif", "\x00\x01\x00\x00", false},
	}
	for _, tt := range tests {
		f := s.Primary(tt.role)
		if f == nil {
			t.Fatalf("Primary(%s) = nil", tt.role)
		}
		if f.Name() != tt.name || string(f.Data()[:4]) != tt.signature || f.Bold() != tt.bold || f.Index() != 0 {
			t.Errorf("Primary(%s) = %s signature %q bold %v index %d, want %s %q bold %v index 0",
				tt.role, f.Name(), f.Data()[:4], f.Bold(), f.Index(), tt.name, tt.signature, tt.bold)
		}
		if err := f.Embeddable(); err != nil {
			t.Errorf("Primary(%s).Embeddable() = %v", tt.role, err)
		}
		if !strings.HasPrefix(f.Path(), "embedded:") {
			t.Errorf("Primary(%s).Path() = %q, want embedded:…", tt.role, f.Path())
		}
	}
	for _, c := range s.Describe() {
		if c.Source != SourceEmbedded {
			t.Errorf("Describe: %s source %s, want embedded", c.Role, c.Source)
		}
	}
}

func TestAdvance(t *testing.T) {
	tests := []struct {
		file string
		r    rune
		want float64 // em
	}{
		{"FandolFang-Regular.otf", '一', 1},
		{"FandolHei-Regular.otf", '一', 1},
		{"FandolKai-Regular.otf", '一', 1},
		{"FandolSong-Regular.otf", '一', 1},
		{"NotoSerifSC-Regular.ttf", '一', 1},
		{"NotoSerifSC-Bold.ttf", '一', 1},
		{"FandolFang-Regular.otf", '，', 1},
		{"NotoSerifSC-Regular.ttf", '“', 1}, // GB/T 15834: full-width quotes
		{"LiberationSerif-Regular.ttf", '0', 0.5},
		{"LiberationSerif-Regular.ttf", '9', 0.5},
		{"LiberationSerif-Regular.ttf", ' ', 0.25},
	}
	for _, tt := range tests {
		f := embeddedFace(t, tt.file)
		if got := f.Advance(tt.r); got < tt.want-0.01 || got > tt.want+0.01 {
			t.Errorf("%s Advance(%q) = %.4f em, want %.2f", tt.file, tt.r, got, tt.want)
		}
	}
}

// TestMetricsMatchSFNT checks the cmap and hmtx reader against
// golang.org/x/image/font/sfnt for every rune of the BMP and plane 2.
func TestMetricsMatchSFNT(t *testing.T) {
	for _, e := range embeddedFiles {
		t.Run(e.name, func(t *testing.T) {
			ref, err := sfnt.Parse(e.data)
			if err != nil {
				t.Fatal(err)
			}
			f := embeddedFace(t, e.name)
			upem := fixed.Int26_6(ref.UnitsPerEm())
			var buf sfnt.Buffer
			bad := 0
			for r := rune(0); r < 0x30000 && bad < 10; r++ {
				if r >= 0x10000 && r < 0x20000 || r >= 0xD800 && r < 0xE000 {
					continue
				}
				g, err := ref.GlyphIndex(&buf, r)
				if err != nil {
					t.Fatalf("sfnt GlyphIndex(%U): %v", r, err)
				}
				if (g != 0) != f.Has(r) || uint16(g) != f.Glyph(r) {
					t.Errorf("Has(%U) = %v, Glyph %d, sfnt glyph %d", r, f.Has(r), f.Glyph(r), g)
					bad++
					continue
				}
				if g == 0 || r%7 != 0 { // advances: a sample
					continue
				}
				adv, err := ref.GlyphAdvance(&buf, g, upem<<6, 0)
				if err != nil {
					t.Fatal(err)
				}
				if want := float64(adv) / 64 / float64(upem); f.Advance(r) != want {
					t.Errorf("Advance(%U) = %v, sfnt %v", r, f.Advance(r), want)
					bad++
				}
			}
		})
	}
}

func TestFaceFallback(t *testing.T) {
	s := embeddedSetT(t)
	tests := []struct {
		role Role
		r    rune
		want string // Path of the face
	}{
		{Body, '政', "embedded:FandolFang-Regular.otf"},
		{Body, '0', "embedded:LiberationSerif-Regular.ttf"},  // digits: Latin face
		{Table, '%', "embedded:LiberationSerif-Regular.ttf"}, // ASCII punctuation too
		{Heading1, 'A', "embedded:LiberationSerif-Regular.ttf"},
		{Title, '2', "embedded:NotoSerifSC-Bold.ttf"}, // the title keeps its face for digits
		{Body, '，', "embedded:FandolFang-Regular.otf"},
		{Body, '堃', "embedded:NotoSerifSC-Regular.ttf"}, // not in GB2312
		{Heading2, '喆', "embedded:NotoSerifSC-Regular.ttf"},
		{Table, '镕', "embedded:NotoSerifSC-Regular.ttf"},
		{Heading1, '堃', "embedded:NotoSerifSC-Bold.ttf"}, // heavy roles fall back to the bold weight
		{Title, '喆', "embedded:NotoSerifSC-Bold.ttf"},
		{Latin, '政', "embedded:NotoSerifSC-Regular.ttf"},
		{Latin, '—', "embedded:LiberationSerif-Regular.ttf"},
	}
	for _, tt := range tests {
		f, err := s.Face(tt.role, tt.r)
		if err != nil {
			t.Errorf("Face(%s, %q) error %v, want %s", tt.role, tt.r, err, tt.want)
			continue
		}
		if f.Path() != tt.want {
			t.Errorf("Face(%s, %q) = %s, want %s", tt.role, tt.r, f.Path(), tt.want)
		}
	}
}

func TestMissingGlyphError(t *testing.T) {
	s := embeddedSetT(t)
	tests := []struct {
		role Role
		r    rune
		msg  string
	}{
		// No reachable free font but LXGW WenKai (not embedded: 16 MB) has 𠮷.
		{Body, '𠮷', "fonts: 没有字体包含字符 “𠮷”（U+20BB7）"},
		{Title, '𠮷', "fonts: 没有字体包含字符 “𠮷”（U+20BB7）"},
		{Table, '\U000F0000', "fonts: 没有字体包含字符 “\U000F0000”（U+F0000）"}, // private use
	}
	for _, tt := range tests {
		f, err := s.Face(tt.role, tt.r)
		var mg *MissingGlyphError
		if !errors.As(err, &mg) || mg.Rune != tt.r || mg.Role != tt.role {
			t.Errorf("Face(%s, %U) = %v, %v; want *MissingGlyphError{%U}", tt.role, tt.r, f, err, tt.r)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("Face(%s, %U) error %q, want %q", tt.role, tt.r, err, tt.msg)
		}
	}
	if _, err := s.Face("footnote", '一'); err == nil {
		t.Errorf("Face(footnote, '一') error nil, want unknown role")
	}
}

func TestCoverage(t *testing.T) {
	s := embeddedSetT(t)
	fallback, missing := s.Coverage(Body, "张堃、王喆同志：电话0577-12345，邮箱a@b.cn。\n𠮷𠮷")
	want := map[rune]string{'堃': "embedded:NotoSerifSC-Regular.ttf", '喆': "embedded:NotoSerifSC-Regular.ttf"}
	if len(fallback) != len(want) {
		t.Errorf("Coverage fallback = %v, want %v", fallback, want)
	}
	for r, path := range want {
		if f := fallback[r]; f == nil || f.Path() != path {
			t.Errorf("Coverage fallback[%q] = %v, want %s", r, f, path)
		}
	}
	if string(missing) != "𠮷" {
		t.Errorf("Coverage missing = %q, want %q", string(missing), "𠮷")
	}
}

// punctuation is the full-width punctuation of GB/T 15834 that a report uses.
const punctuation = "、，；：。！？“”‘’（）《》〈〉【】——……·－　"

// TestCoverageGB2312 checks that the primary face of every CJK role has
// every hanzi of GB2312 and the full-width punctuation, and that every
// chain has them.
func TestCoverageGB2312(t *testing.T) {
	s := embeddedSetT(t)
	hanzi := gb2312Hanzi(t)
	if len(hanzi) != 6763 {
		t.Fatalf("GB2312 has %d hanzi, want 6763", len(hanzi))
	}
	for _, role := range []Role{Title, Body, Heading1, Heading2, Table} {
		f := s.Primary(role)
		var lack []rune
		for _, r := range append(hanzi, []rune(punctuation)...) {
			if !f.Has(r) {
				lack = append(lack, r)
			}
		}
		if len(lack) > 0 {
			t.Errorf("%s (%s) lacks %d characters: %q", role, f.Name(), len(lack), string(lack[:min(len(lack), 40)]))
		}
	}
	for r := rune(0x20); r < 0x7F; r++ {
		if f, err := s.Face(Body, r); err != nil || f != s.Primary(Latin) {
			t.Errorf("Face(body, %q) = %v, %v; want the Latin face", r, f, err)
		}
	}
}

// beyondGB2312 are characters of the 通用规范汉字表 (2013) that GB2312 lacks:
// names of people and places that reports print.
const beyondGB2312 = "堃喆镕浉埇昇珺琇玥淏旻玹琤瑄婧媖晔翀钖崀垚犇鑫淼焱" +
	"啰𬌗𬇙𬣞𬘓𫭢𫵷𬀩𬊈𬍛𬸘𬒈𫖮𬱖𫘧𫄷𫓶"

func TestCoverageBeyondGB2312(t *testing.T) {
	s := embeddedSetT(t)
	for _, role := range Roles {
		_, missing := s.Coverage(role, beyondGB2312)
		if len(missing) > 0 {
			t.Errorf("Coverage(%s) misses %q (U+%X)", role, string(missing), missing)
		}
	}
}

// TestLoadOrder checks explicit > installed (found by family name) > embedded.
func TestLoadOrder(t *testing.T) {
	dir := t.TempDir()
	// An "installed" Liberation Serif, under another file name.
	installed := filepath.Join(dir, "sub", "times.ttf")
	writeFile(t, installed, liberationSerif)
	explicit := filepath.Join(t.TempDir(), "my-kai.otf")
	writeFile(t, explicit, fandolKai)

	tests := []struct {
		name string
		opts Options
		want map[Role]string // role → Source:Path
	}{
		{"embedded", Options{}, map[Role]string{
			Body:  "embedded:embedded:FandolFang-Regular.otf",
			Latin: "embedded:embedded:LiberationSerif-Regular.ttf",
		}},
		{"installed", Options{Dirs: []string{dir}}, map[Role]string{
			Body:  "embedded:embedded:FandolFang-Regular.otf",
			Latin: "system:" + installed,
		}},
		{"explicit", Options{Dirs: []string{dir}, Explicit: map[Role]string{Body: explicit, Latin: explicit}}, map[Role]string{
			Body:  "explicit:" + explicit,
			Latin: "explicit:" + explicit,
			Title: "embedded:embedded:NotoSerifSC-Bold.ttf",
		}},
	}
	for _, tt := range tests {
		s, err := Load(tt.opts)
		if err != nil {
			t.Fatalf("%s: Load: %v", tt.name, err)
		}
		got := make(map[Role]string)
		for _, c := range s.Describe() {
			got[c.Role] = string(c.Source) + ":" + c.Path
		}
		for role, want := range tt.want {
			if got[role] != want {
				t.Errorf("%s: role %s = %s, want %s", tt.name, role, got[role], want)
			}
		}
	}
	// The explicit body font lacks 堃: the chain goes on to the embedded faces.
	s, _ := Load(Options{Explicit: map[Role]string{Body: explicit}})
	if f, err := s.Face(Body, '堃'); err != nil || f.Path() != "embedded:NotoSerifSC-Regular.ttf" {
		t.Errorf("explicit body: Face(body, '堃') = %v, %v; want Noto Serif SC", f, err)
	}
	if c := s.Describe()[roleIndex(Body)]; c.Fallbacks[0].Path() != "embedded:FandolFang-Regular.otf" {
		t.Errorf("explicit body: first fallback %s, want the embedded body face", c.Fallbacks[0])
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	restricted := filepath.Join(dir, "restricted.ttf")
	writeFile(t, restricted, withFSType(t, liberationSerif, fsRestricted))
	notFont := filepath.Join(dir, "notes.ttf")
	writeFile(t, notFont, []byte("not a font at all"))
	tests := []struct {
		name string
		opts Options
		want []string // substrings of the error
	}{
		{"restricted", Options{Explicit: map[Role]string{Latin: restricted}},
			[]string{"fonts: 字体 Liberation Serif", "restricted.ttf", "禁止嵌入", "forbids embedding", "0x0002"}},
		{"missing file", Options{Explicit: map[Role]string{Body: filepath.Join(dir, "nope.ttf")}},
			[]string{"fonts: body=", "nope.ttf", "no such file"}},
		{"not a font", Options{Explicit: map[Role]string{Body: notFont}},
			[]string{"fonts: body=", "notes.ttf", "not a TrueType/OpenType font"}},
		{"unknown role", Options{Explicit: map[Role]string{"footnote": restricted}},
			[]string{"未知的字体角色 \"footnote\"", "unknown font role"}},
	}
	for _, tt := range tests {
		s, err := Load(tt.opts)
		if err == nil {
			t.Errorf("%s: Load = %v, nil; want an error", tt.name, s)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Load error %q, want it to contain %q", tt.name, err, w)
			}
		}
	}
	var ee *EmbeddingError
	if _, err := Load(tests[0].opts); !errors.As(err, &ee) || ee.FSType != fsRestricted {
		t.Errorf("restricted: Load error %v, want *EmbeddingError with fsType 0x0002", err)
	}
}

// TestInstalledRestrictedSkipped: an installed font whose licence forbids
// embedding is passed over, and Describe says why.
func TestInstalledRestrictedSkipped(t *testing.T) {
	dir := t.TempDir()
	restricted := filepath.Join(dir, "times.ttf")
	writeFile(t, restricted, withFSType(t, liberationSerif, fsRestricted))
	s, err := Load(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Describe()[roleIndex(Latin)]
	if c.Source != SourceEmbedded || len(c.Skipped) != 1 || c.Skipped[0].Path != restricted ||
		!strings.Contains(c.Skipped[0].Reason, "禁止嵌入") {
		t.Errorf("Describe latin = %s %s skipped %+v; want embedded, %s skipped as restricted", c.Source, c.Path, c.Skipped, restricted)
	}
}

func TestEmbeddable(t *testing.T) {
	tests := []struct {
		fsType     uint16
		permission string
		ok         bool
	}{
		{0x0000, "installable", true},
		{fsRestricted, "restricted", false},
		{fsPreview, "preview & print", true},
		{fsEditable, "editable", true},
		{fsRestricted | fsEditable, "editable", true}, // the least restrictive bit wins
		{fsBitmapOnly, "bitmap only", false},
		{fsEditable | fsNoSubset, "editable, no subsetting", true},
	}
	for _, tt := range tests {
		f, err := Parse(withFSType(t, liberationSerif, tt.fsType), 0, "test.ttf")
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Permission(); got != tt.permission {
			t.Errorf("fsType %#04x: Permission() = %q, want %q", tt.fsType, got, tt.permission)
		}
		if err := f.Embeddable(); (err == nil) != tt.ok {
			t.Errorf("fsType %#04x: Embeddable() = %v, want ok=%v", tt.fsType, err, tt.ok)
		}
	}
}

// TestTTC builds a collection of Liberation Serif (face 0) and Noto Serif SC
// (face 1): the Simplified Chinese face is chosen, and the face's data is
// the whole collection.
func TestTTC(t *testing.T) {
	ttc := buildTTC(t, liberationSerif, notoSerifSC)
	path := filepath.Join(t.TempDir(), "pair.ttc")
	writeFile(t, path, ttc)
	tests := []struct {
		index     int
		wantIndex int
		wantName  string
	}{
		{-1, 1, "Noto Serif SC"}, // the SC face
		{0, 0, "Liberation Serif"},
		{1, 1, "Noto Serif SC"},
	}
	for _, tt := range tests {
		f, err := Parse(ttc, tt.index, path)
		if err != nil {
			t.Fatalf("Parse(ttc, %d): %v", tt.index, err)
		}
		if f.Index() != tt.wantIndex || f.Name() != tt.wantName || len(f.Data()) != len(ttc) {
			t.Errorf("Parse(ttc, %d) = face %d %q (%d bytes), want face %d %q (%d bytes)",
				tt.index, f.Index(), f.Name(), len(f.Data()), tt.wantIndex, tt.wantName, len(ttc))
		}
		if tt.wantIndex == 1 && (f.Advance('一') != 1 || !f.Has('堃')) {
			t.Errorf("Parse(ttc, %d): Advance('一') = %v, Has('堃') = %v", tt.index, f.Advance('一'), f.Has('堃'))
		}
	}
	// SFNT copies the face out of the collection.
	f, _ := Parse(ttc, 1, path)
	single, err := Parse(f.SFNT(), 0, "single.ttf")
	if err != nil || single.Name() != "Noto Serif SC" || !single.Has('堃') || single.Advance('一') != 1 {
		t.Errorf("Parse(SFNT() of face 1) = %v, %v; want Noto Serif SC", single, err)
	}
	if f := embeddedFace(t, "FandolFang-Regular.otf"); &f.SFNT()[0] != &f.Data()[0] {
		t.Errorf("SFNT() of a single font is a copy, want Data()")
	}
	if _, err := Parse(ttc, 2, path); err == nil {
		t.Errorf("Parse(ttc, 2) of 2 faces: no error")
	}
	s, err := Load(Options{Explicit: map[Role]string{Table: path}})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Primary(Table); f.Index() != 1 || f.Path() != path {
		t.Errorf("Load explicit TTC: table face %d of %s, want face 1 of %s", f.Index(), f.Path(), path)
	}
	// Installed collections are found by the name of any face.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pair.ttc"), ttc)
	s, err = Load(Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Primary(Latin); f.Index() != 0 || f.Name() != "Liberation Serif" {
		t.Errorf("Load installed TTC: latin face %d %q, want face 0 Liberation Serif", f.Index(), f.Name())
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"text", []byte("hello, world"), "not a TrueType/OpenType font"},
		{"truncated", liberationSerif[:2000], "truncated"},
		{"woff", append([]byte("wOFF"), make([]byte, 40)...), "not a TrueType/OpenType font"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.data, 0, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "fonts: "+tt.name+": ") {
			t.Errorf("Parse(%s) error %v, want fonts: %s: …%s…", tt.name, err, tt.name, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(liberationSerif[:4096])
	f.Add(buildTTC(f, liberationSerif[:3000], liberationSerif[:3000])[:6000])
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse(data, -1, "fuzz")
		if err != nil {
			return
		}
		face.SFNT()
		for _, r := range "一0A𠮷" {
			face.Has(r)
			face.Advance(r)
		}
	})
}

// TestConcurrent builds Sets and looks up faces from several goroutines
// (run with -race).
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "times.ttf"), liberationSerif)
	done := make(chan error)
	for range 4 {
		go func() {
			s, err := Load(Options{Dirs: []string{dir}})
			if err == nil {
				for _, r := range "政府信息公开0123堃" {
					var f *Face
					if f, err = s.Face(Body, r); err != nil {
						break
					}
					f.Advance(r)
					f.SFNT()
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestNormName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FangSong_GB2312", "fangsonggb2312"},
		{"仿宋_GB2312", "仿宋gb2312"},
		{"Times New Roman", "timesnewroman"},
		{"FZXiaoBiaoSong-B05S", "fzxiaobiaosongb05s"},
	}
	for _, tt := range tests {
		if got := normName(tt.in); got != tt.want {
			t.Errorf("normName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// withFSType returns a copy of a single font file with its OS/2 fsType set
// (the table checksum is left stale: nothing here checks it).
func withFSType(t testing.TB, font []byte, fsType uint16) []byte {
	t.Helper()
	data := append([]byte(nil), font...)
	ts, err := tableDir(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ts {
		if e.tag == tagOS2 {
			binary.BigEndian.PutUint16(data[e.off+8:], fsType)
			return data
		}
	}
	t.Fatal("no OS/2 table")
	return nil
}

// buildTTC makes a TrueType Collection of single font files: the files are
// laid end to end after the header, 4-byte aligned, and each table
// directory's offsets are moved by where its file starts.
func buildTTC(t testing.TB, fonts ...[]byte) []byte {
	t.Helper()
	hdr := 12 + 4*len(fonts)
	out := make([]byte, hdr)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(fonts)))
	for i, font := range fonts {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, font...)
		n := int(binary.BigEndian.Uint16(font[4:]))
		for j := range n {
			rec := out[base+12+16*j:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(base))
		}
	}
	return out
}

// TestFallbackFontBeforeNoto checks that a user's fallback font serves the
// characters a role's own faces lack, before the embedded Noto fonts.
func TestFallbackFontBeforeNoto(t *testing.T) {
	extra := filepath.Join(t.TempDir(), "rare.ttf")
	writeFile(t, extra, liberationSerif)
	s, err := Load(Options{Fallback: []string{extra}})
	if err != nil {
		t.Fatal(err)
	}
	const r = 'ő' // in Liberation Serif, not in FandolFang
	if s.Primary(Body).Has(r) {
		t.Fatalf("FandolFang has %q: pick another test character", r)
	}
	if f, err := s.Face(Body, r); err != nil || f.Path() != extra {
		t.Errorf("Face(body, %q) = %v, %v; want the fallback %s", r, f, err, extra)
	}
	// 堃 is not in the fallback: the chain goes on to Noto.
	if f, err := s.Face(Body, '堃'); err != nil || f.Path() != "embedded:NotoSerifSC-Regular.ttf" {
		t.Errorf("Face(body, '堃') = %v, %v; want Noto Serif SC", f, err)
	}
	if _, err := Load(Options{Fallback: []string{filepath.Join(t.TempDir(), "none.ttf")}}); err == nil {
		t.Error("Load with a missing fallback file: no error")
	}
}

// TestCoverage8105 checks that every role sets all 8105 characters of the
// 通用规范汉字表 (testdata/tgh8105.txt, made by testdata/tgh8105.sh from
// Unihan's kTGH field), in its primary face or a fallback.
func TestCoverage8105(t *testing.T) {
	data, err := os.ReadFile("testdata/tgh8105.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\n", "")
	if n := utf8.RuneCountInString(text); n != 8105 {
		t.Fatalf("testdata/tgh8105.txt has %d characters, want 8105", n)
	}
	s := embeddedSetT(t)
	for _, role := range Roles {
		fallback, missing := s.Coverage(role, text)
		if len(missing) > 0 {
			t.Errorf("%s: %d of the 8105 characters have no font: %q", role, len(missing), string(missing[:min(len(missing), 20)]))
		}
		t.Logf("%s: %d of the 8105 characters set in a fallback face", role, len(fallback))
	}
}
