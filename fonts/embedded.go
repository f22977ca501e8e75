package fonts

import (
	_ "embed" // the embedded font files
	"fmt"
	"sync"
)

// The embedded fonts, free to redistribute and to embed in documents; their
// licences are in embedded/ and fonts/README.md says why each was chosen.
// They are []byte variables rather than an embed.FS so that no copy is made
// at run time: the bytes stay in the binary's data segment.
var (
	//go:embed embedded/FandolFang-Regular.otf
	fandolFang []byte
	//go:embed embedded/FandolHei-Regular.otf
	fandolHei []byte
	//go:embed embedded/FandolKai-Regular.otf
	fandolKai []byte
	//go:embed embedded/FandolSong-Regular.otf
	fandolSong []byte
	//go:embed embedded/NotoSerifSC-Regular.ttf
	notoSerifSC []byte
	//go:embed embedded/NotoSerifSC-Bold.ttf
	notoSerifSCBold []byte
	//go:embed embedded/LiberationSerif-Regular.ttf
	liberationSerif []byte
	//go:embed embedded/LXGWWenKai-Regular.ttf
	lxgwWenKai []byte
)

// embeddedFile is one embedded font file.
type embeddedFile struct {
	name string // file name in embedded/
	data []byte
}

// Embedded font files, in the order BenchmarkParse reports them.
var embeddedFiles = []embeddedFile{
	{"FandolFang-Regular.otf", fandolFang},
	{"FandolHei-Regular.otf", fandolHei},
	{"FandolKai-Regular.otf", fandolKai},
	{"FandolSong-Regular.otf", fandolSong},
	{"NotoSerifSC-Bold.ttf", notoSerifSCBold},
	{"NotoSerifSC-Regular.ttf", notoSerifSC},
	{"LiberationSerif-Regular.ttf", liberationSerif},
	{"LXGWWenKai-Regular.ttf", lxgwWenKai},
}

// embeddedFor is the embedded face of each role.
var embeddedFor = map[Role]string{
	Title:    "NotoSerifSC-Bold.ttf",   // a heavy 宋 (Song) in place of 方正小标宋
	Body:     "FandolFang-Regular.otf", // 仿宋
	Heading1: "FandolHei-Regular.otf",  // 黑体
	Heading2: "FandolKai-Regular.otf",  // 楷体
	Table:    "FandolSong-Regular.otf", // 宋体
	Latin:    "LiberationSerif-Regular.ttf",
}

// Wide-coverage faces that end every chain (Noto Serif SC covers the 8105
// characters of the 通用规范汉字表 and more; LXGW WenKai, a 楷-like face,
// has Ext-B: 𠮷). Heavy roles try the bold weight first so that a fallback
// character keeps the colour of the line; 仿宋 and 楷体 roles try LXGW
// WenKai first, so that 堃 喆 镕 in 仿宋 text are drawn with the thin
// brush strokes of the line, not in a 宋体 with serifs (issue 9).
var (
	tailLight = []string{"NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf", "LXGWWenKai-Regular.ttf"}
	tailHeavy = []string{"NotoSerifSC-Bold.ttf", "NotoSerifSC-Regular.ttf", "LXGWWenKai-Regular.ttf"}
	tailBrush = []string{"LXGWWenKai-Regular.ttf", "NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf"}
)

func fallbackTail(role Role) []string {
	switch role {
	case Title, Heading1:
		return tailHeavy
	case Body, Heading2:
		return tailBrush
	}
	return tailLight
}

var embedded struct {
	once  sync.Once
	faces map[string]*Face // by file name
	err   error
}

// embeddedFaces parses every embedded font, once per process.
func embeddedFaces() (map[string]*Face, error) {
	embedded.once.Do(func() {
		faces := make(map[string]*Face, len(embeddedFiles))
		for _, e := range embeddedFiles {
			f, err := parseFace(e.data, 0, "embedded:"+e.name)
			if err != nil {
				// Only a broken build can get here: the files are fixed and tested.
				embedded.err = fmt.Errorf("fonts: embedded %s: %w", e.name, err)
				return
			}
			faces[e.name] = f
		}
		embedded.faces = faces
	})
	return embedded.faces, embedded.err
}

var embeddedSet struct {
	once sync.Once
	set  *Set
	err  error
}

// Embedded returns the Set of embedded fonts only. It is built once per
// process and shared.
func Embedded() (*Set, error) {
	embeddedSet.once.Do(func() {
		embeddedSet.set, embeddedSet.err = Load(Options{})
	})
	return embeddedSet.set, embeddedSet.err
}
