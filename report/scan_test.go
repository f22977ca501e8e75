package report

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The patterns that findCounts and findProseYears match by hand.
var (
	countREForTest     = regexp.MustCompile(`([0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)\s*(件|起|个|条|项|宗|例)`)
	proseYearREForTest = regexp.MustCompile(`(?:^|[，。；、\s])((?:19|20)[0-9]{2})年(?:度|，|,|全年|共|本|我|全)`)
)

// sameScan checks the hand-written matchers against their regexps on s.
func sameScan(t *testing.T, s string) {
	t.Helper()
	var want [][6]int
	for _, m := range countREForTest.FindAllStringSubmatchIndex(s, -1) {
		want = append(want, [6]int(m))
	}
	if got := findCounts(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("findCounts(%q) = %v, want %v", s, got, want)
	}
	if got, want := hasCount(s), countREForTest.MatchString(s); got != want {
		t.Fatalf("hasCount(%q) = %v, want %v", s, got, want)
	}
	var wantYears [][4]int
	for _, m := range proseYearREForTest.FindAllStringSubmatchIndex(s, -1) {
		wantYears = append(wantYears, [4]int(m))
	}
	if got := findProseYears(s); !reflect.DeepEqual(got, wantYears) {
		t.Fatalf("findProseYears(%q) = %v, want %v", s, got, wantYears)
	}
}

// scanAlphabet is what the prose around counts and years is made of.
var scanAlphabet = []string{"0", "1", "2", "9", "19", "20", "2021", "１", "０", "９", ",", "，", "。", "；", "、", " ", "\t", "\n",
	"\f", "\r", "\v", "件", "起", "个", "条", "项", "宗", "例", "年", "度", "全", "全年", "共", "本", "我", ",123", ",12", "受理", "万", "a", "上", "."}

// scanTexts are the prose of every fixture and random texts of scanAlphabet.
func scanTexts(t testing.TB) []string {
	var texts []string
	for _, pattern := range []string{"../fixtures/*.yaml", "../fixtures/published/*.yaml", "../fixtures/broken/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.Split(string(data), "\n")...)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(scanAlphabet[rng.IntN(len(scanAlphabet))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestScanners(t *testing.T) {
	for _, s := range scanTexts(t) {
		sameScan(t, s)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scanTexts(f)[:2000] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameScan(t, s) })
}

// TestRxPrefilter checks the prefilter of every pattern of the prose
// checks: on every text of scanTexts and the fixtures' sentences, the
// prefiltered pattern finds what the regexp finds.
func TestRxPrefilter(t *testing.T) {
	var all []*rx
	for i := range quantities {
		all = append(all, quantities[i].key)
	}
	all = append(all, skipWords, lastYear, yearRE, subjectRE, bracketed, allUpheld, noneHappened, table2Verb, table2Rows, feeNone)
	texts := scanTexts(t)
	for _, x := range all {
		if x.first == nil {
			t.Errorf("%s has no prefilter", x.re)
		}
		for _, s := range texts {
			if got, want := x.FindAllStringSubmatchIndex(s, -1), x.re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: %v, want %v", x.re, s, got, want)
			}
		}
	}
	if got := mustRx(`a*`).first; got != nil {
		t.Errorf("a nullable pattern has the prefilter %q", string(got.rs))
	}
	if got := mustRx(`(?:行政)?(复议|诉讼)`).first; got == nil || string(got.rs) != "行复诉" {
		t.Errorf("prefilter of (?:行政)?(复议|诉讼) = %v, want 行复诉", got)
	}
}

// TestStringHelpers checks hasDigit, indexAny and lastIndexAny against the
// strings package.
func TestStringHelpers(t *testing.T) {
	marks := "，,；;。：:、！？\n（("
	for _, s := range append(scanTexts(t), "a\xffb，", "\xff\xfe", "，\xe3\x80") {
		if got, want := hasDigit(s), strings.ContainsAny(s, "0123456789０１２３４５６７８９"); got != want {
			t.Fatalf("hasDigit(%q) = %v, want %v", s, got, want)
		}
		if got, want := indexAny(s, newMarks(marks)), strings.IndexAny(s, marks); got != want {
			t.Fatalf("indexAny(%q) = %v, want %v", s, got, want)
		}
		if got, want := lastIndexAny(s, newMarks(marks)), strings.LastIndexAny(s, marks); got != want {
			t.Fatalf("lastIndexAny(%q) = %v, want %v", s, got, want)
		}
	}
}
