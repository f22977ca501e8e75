package fonts

import (
	"encoding/binary"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// preferred lists, per role, the family names of installed fonts to look
// for, best first (GB/T 9704 names first, then the Windows and macOS
// families that stand in for them). Names match case-insensitively and
// ignoring spaces, '-' and '_'.
var preferred = map[Role][]string{
	Title:    {"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05", "华文中宋", "STZhongsong"},
	Body:     {"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"},
	Heading1: {"黑体", "SimHei", "华文黑体", "STHeiti", "Heiti SC"},
	Heading2: {"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti", "Kaiti SC"},
	Table:    {"宋体", "SimSun", "华文宋体", "STSong", "Songti SC"},
	Latin:    {"Times New Roman", "Liberation Serif", "TeX Gyre Termes", "Tinos"},
}

// maxScanFiles bounds the font files read in one directory tree; a
// Windows font directory holds about 1000.
const maxScanFiles = 20000

// maxNameTable bounds the name table read from an installed font; real
// ones are under 100 KiB (the largest, of Noto CJK collections, ~60 KiB).
const maxNameTable = 1 << 20

// installed is one face of an installed font file.
type installed struct {
	path     string
	index    int
	families []string // normalised with normName
	style    int      // distance from the upright regular weight: 0 is best
}

// The name tables of installed fonts, by directory: each directory is
// scanned once per process, and only the name table of each file is read.
var scanCache struct {
	sync.Mutex
	dirs map[string][]installed
}

func scanDir(dir string) []installed {
	scanCache.Lock()
	defer scanCache.Unlock()
	if got, ok := scanCache.dirs[dir]; ok {
		return got
	}
	var found []installed
	files := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil // unreadable directories are skipped, not fatal
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".ttf", ".otf", ".ttc":
		default:
			return nil
		}
		if files++; files > maxScanFiles {
			return filepath.SkipAll
		}
		found = append(found, readInstalled(path)...)
		return nil
	})
	if scanCache.dirs == nil {
		scanCache.dirs = make(map[string][]installed)
	}
	scanCache.dirs[dir] = found
	return found
}

// readInstalled reads the family names of each face of the font file at
// path, reading only the headers and the name tables.
func readInstalled(path string) []installed {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var hdr [12]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil
	}
	offs := []uint32{0}
	if tag(binary.BigEndian.Uint32(hdr[:])) == tagTTCF {
		n := binary.BigEndian.Uint32(hdr[8:])
		if n == 0 || n > maxFaces {
			return nil
		}
		b := make([]byte, 4*n)
		if _, err := f.ReadAt(b, 12); err != nil {
			return nil
		}
		offs = make([]uint32, n)
		for i := range offs {
			offs[i] = binary.BigEndian.Uint32(b[4*i:])
		}
	}
	var out []installed
	for i, off := range offs {
		t, os2 := readNameTable(f, off)
		if t == nil {
			continue
		}
		nm := readNames(t)
		in := installed{path: path, index: i, style: styleDistance(os2)}
		for _, fam := range nm.families {
			in.families = append(in.families, normName(fam))
		}
		out = append(out, in)
	}
	return out
}

// readNameTable reads the name table of the face whose table directory
// starts at off, and the first 78 bytes of its OS/2 table (nil if none).
func readNameTable(f io.ReaderAt, off uint32) (name, os2 []byte) {
	var hdr [12]byte
	if _, err := f.ReadAt(hdr[:], int64(off)); err != nil {
		return nil, nil
	}
	n := int(binary.BigEndian.Uint16(hdr[4:]))
	if n > maxTables {
		return nil, nil
	}
	dir := make([]byte, 16*n)
	if _, err := f.ReadAt(dir, int64(off)+12); err != nil {
		return nil, nil
	}
	for i := range n {
		rec := dir[16*i:]
		toff, tlen := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		switch tag(binary.BigEndian.Uint32(rec)) {
		case tagName:
			if tlen > maxNameTable {
				return nil, nil
			}
			name = make([]byte, tlen)
			if _, err := f.ReadAt(name, int64(toff)); err != nil {
				return nil, nil
			}
		case tagOS2:
			if tlen < 78 {
				continue
			}
			os2 = make([]byte, 78)
			if _, err := f.ReadAt(os2, int64(toff)); err != nil {
				os2 = nil
			}
		}
	}
	return name, os2
}

// styleDistance scores how far a face is from the upright regular weight
// that every role wants (bold is synthesised where asked for): the weight's
// distance from 400, plus 1000 for an italic.
func styleDistance(os2 []byte) int {
	if os2 == nil {
		return 0
	}
	d := int(binary.BigEndian.Uint16(os2[4:])) - 400
	if d < 0 {
		d = -d
	}
	if binary.BigEndian.Uint16(os2[62:])&1 != 0 { // fsSelection ITALIC
		d += 1000
	}
	return d
}

// normName folds a family name for matching: lower case, without spaces,
// '-' or '_' ("FangSong_GB2312" = "fangsonggb2312").
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '\u3000':
			return -1
		}
		return toLowerASCII(r)
	}, s)
}

func toLowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// findInstalled returns the best installed face for role in dirs, and the
// matching faces it passed over (unreadable, or a licence that forbids
// embedding).
func findInstalled(role Role, dirs []string) (*Face, []Skip) {
	var skipped []Skip
	for _, want := range preferred[role] {
		want = normName(want)
		var match []installed
		for _, dir := range dirs {
			for _, in := range scanDir(dir) {
				if containsString(in.families, want) {
					match = append(match, in)
				}
			}
		}
		// Upright regular first; the scan order (dirs in order, files by name) breaks ties.
		slices.SortStableFunc(match, func(a, b installed) int { return a.style - b.style })
		for _, in := range match {
			f, err := loadFile(in.path, in.index)
			if err != nil {
				skipped = append(skipped, Skip{Path: in.path, Reason: err.Error()})
				continue
			}
			if err := f.Embeddable(); err != nil {
				skipped = append(skipped, Skip{Path: in.path, Name: f.fullNameOrName(), Reason: err.Error()})
				continue
			}
			return f, skipped
		}
	}
	return nil, skipped
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// systemDirs returns the directories where the operating system and the
// user install fonts.
func systemDirs() []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(win, "Fonts"))
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		dirs = append(dirs, "/Library/Fonts", "/System/Library/Fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default: // fontconfig's default directories
		if data := os.Getenv("XDG_DATA_HOME"); data != "" {
			dirs = append(dirs, filepath.Join(data, "fonts"))
		} else if home != "" {
			dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"))
		}
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"))
		}
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
	}
	return dirs
}
