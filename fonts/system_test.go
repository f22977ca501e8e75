package fonts

import (
	"flag"
	"strings"
	"testing"
)

var systemFonts = flag.Bool("system", false, "also test with the fonts installed on this machine")

// TestInstalled loads the installed fonts of this machine (opt-in, like
// sfnt's -proprietary: go test ./fonts -run Installed -v -args -system)
// and parses every face of every installed font file, collections included.
func TestInstalled(t *testing.T) {
	if !*systemFonts {
		t.Skip("installed fonts differ between machines: run with -args -system")
	}
	s, err := Load(Options{System: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Describe() {
		t.Logf("%-8s %-9s %s (%s) %s skipped %v", c.Role, c.Source, c.Name, c.Path, c.Permission, c.Skipped)
	}
	files := 0
	for _, dir := range systemDirs() {
		for _, in := range scanDir(dir) {
			f, err := loadFile(in.path, in.index)
			if err != nil {
				t.Errorf("%s face %d: %v", in.path, in.index, err)
				continue
			}
			files++
			if strings.HasSuffix(strings.ToLower(in.path), ".ttc") && in.index == 0 {
				sc, err := loadFile(in.path, -1)
				if err == nil {
					t.Logf("%s: Simplified Chinese face %d %q of families %v", in.path, sc.Index(), sc.Name(), sc.Families())
				}
			}
			if _, err := Parse(f.SFNT(), 0, in.path); err != nil {
				t.Errorf("%s face %d: SFNT: %v", in.path, in.index, err)
			}
		}
	}
	t.Logf("%d installed faces parsed", files)
}
