package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/report"
)

// jsonCorpus is JSON written as other systems write it: every fixture
// (good, broken and published) turned into JSON indented, compact, with
// \u escapes for every non-ASCII character, with tabs and with CRLF line
// ends; the data file embedded in a nianbao PDF (pdfdata.Encode) of each
// good fixture; and 200 synthetic reports of the batch benchmark. fast
// lists the inputs the fast path must read (the others may fall back).
func jsonCorpus(t testing.TB) (inputs map[string][]byte, fast map[string]bool) {
	inputs, fast = map[string][]byte{}, map[string]bool{}
	var files []string
	for _, pattern := range []string{"../fixtures/*.yaml", "../fixtures/broken/*.yaml", "../fixtures/published/*.yaml"} {
		fs, _ := filepath.Glob(pattern)
		files = append(files, fs...)
	}
	if len(files) < 40 {
		t.Fatalf("found %d fixtures, want at least 40", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
			continue // a fixture of a YAML syntax error
		}
		name := filepath.Base(file)
		indented := writeJSON(v, "  ")
		inputs[name+".json"] = indented
		inputs[name+".compact.json"] = writeJSON(v, "")
		inputs[name+".ascii.json"] = asciiJSON(indented)
		inputs[name+".tabs.json"] = writeJSON(v, "\t")
		inputs[name+".crlf.json"] = bytes.ReplaceAll(indented, []byte("\n"), []byte("\r\n"))
		// The fast path reads a mapping at the top, in UTF-8 (not the GBK
		// fixture), with numbers of at most 18 digits.
		if _, ok := v.(yaml.MapSlice); ok && utf8.Valid(data) && !longNumber.Match(indented) {
			fast[name+".json"], fast[name+".compact.json"], fast[name+".ascii.json"] = true, true, true
		}
		if !strings.Contains(file, "broken") {
			if r, err := report.Decode(file, data); err == nil {
				report.Complete(r)
				if env, err := pdfdata.Encode(r); err == nil {
					inputs[name+".pdfdata.json"] = env
					fast[name+".pdfdata.json"] = true
				}
			}
		}
	}
	for i := range 200 {
		data, err := synth.Encode(synth.Report(1, i))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("synth-%03d.json", i)
		inputs[name], fast[name] = data, true
	}
	return inputs, fast
}

var longNumber = regexp.MustCompile(`[0-9]{19}`)

// writeJSON writes v (from the YAML decoder, keys in order) as JSON, one
// key a line when indent is not "".
func writeJSON(v any, indent string) []byte {
	var b bytes.Buffer
	var w func(v any, depth int)
	nl := func(depth int) {
		if indent != "" {
			b.WriteString("\n" + strings.Repeat(indent, depth))
		}
	}
	w = func(v any, depth int) {
		switch v := v.(type) {
		case yaml.MapSlice:
			b.WriteString("{")
			for i, it := range v {
				if i > 0 {
					b.WriteString(",")
					if indent == "" {
						b.WriteString(" ")
					}
				}
				nl(depth + 1)
				k, _ := json.Marshal(fmt.Sprint(it.Key))
				b.Write(k)
				b.WriteString(": ")
				w(it.Value, depth+1)
			}
			if len(v) > 0 {
				nl(depth)
			}
			b.WriteString("}")
		case []any:
			b.WriteString("[")
			for i, x := range v {
				if i > 0 {
					b.WriteString(", ")
				}
				w(x, depth+1)
			}
			b.WriteString("]")
		default:
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				b.WriteString(`"?"`)
			}
			b.Truncate(b.Len() - 1)
		}
	}
	w(v, 0)
	b.WriteString("\n")
	return b.Bytes()
}

// asciiJSON escapes every non-ASCII character of a JSON text as \uXXXX
// (a pair for characters beyond U+FFFF), as Python's json.dumps does.
func asciiJSON(data []byte) []byte {
	var b bytes.Buffer
	for _, r := range string(data) {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.Bytes()
}

// sameDecode checks that Decode (fast path allowed) and DecodeYAML (the
// YAML parser only) give the same report, positions included, and the same
// findings, from Decode and from Validate.
func sameDecode(t *testing.T, name string, data []byte) {
	t.Helper()
	r1, err1 := report.Decode(name, data)
	r2, err2 := report.DecodeYAML(name, data)
	if !reflect.DeepEqual(err1, err2) {
		t.Fatalf("%s: Decode error\n%v\nYAML parser:\n%v", name, err1, err2)
	}
	if !reflect.DeepEqual(r1, r2) {
		t.Fatalf("%s: Decode report\n%#v\nYAML parser:\n%#v", name, r1, r2)
	}
	if err1 != nil {
		return
	}
	report.Complete(r1)
	report.Complete(r2)
	if f1, f2 := report.Validate(r1, r1), report.Validate(r2, r2); !reflect.DeepEqual(f1, f2) {
		t.Fatalf("%s: Validate\n%v\nYAML parser:\n%v", name, f1, f2)
	}
}

// TestJSONFastPath holds the JSON fast path to the YAML parser over the
// corpus, and checks that it is taken for plain JSON.
func TestJSONFastPath(t *testing.T) {
	inputs, fast := jsonCorpus(t)
	taken := 0
	for name, data := range inputs {
		ok := report.ParsesAsJSON(data)
		if fast[name] && !ok {
			t.Errorf("%s: the fast path declined plain JSON", name)
		}
		if ok {
			taken++
		}
		sameDecode(t, name, data)
	}
	if taken < 300 {
		t.Errorf("the fast path read %d of %d inputs, want at least 300", taken, len(inputs))
	}
}

// FuzzJSONFastPath holds the JSON fast path to the YAML parser on any
// input; the seeds are the corpus of TestJSONFastPath and JSON slips.
func FuzzJSONFastPath(f *testing.F) {
	inputs, _ := jsonCorpus(f)
	for name, data := range inputs {
		// The fixtures in two layouts and a few synthetic reports: the
		// whole corpus is TestJSONFastPath's, and slows fuzzing down.
		if strings.HasSuffix(name, ".yaml.compact.json") || strings.HasSuffix(name, ".yaml.crlf.json") ||
			strings.HasPrefix(name, "synth-00") {
			f.Add(data)
		}
	}
	for _, s := range []string{`{"a": 1e3}`, `{"year": 02021}`, `{"agency": "\ud83d\ude00"}`, `{"a": "\ud800"}`, `{"a"
: 1}`, `{"a":
1}`, `{"a": 1,}`, `{"a": [1,]}`, `{"a": -0}`, `{"a": 1.}`, `{"a": .5}`, `{"a": "x\u0000"}`, `{"agency": "甲", "year": 2021,"table2":{},"table3":{"new":[1,2]}}`,
		"{\"a\": 1}\n---\n{\"b\": 2}", `{"a": {"b": {"c": [[[]]]}}}`, `{"a": "\x"}`, `{"": 1}`, `{"a": tru}`, `{"a": nulls}`, `{"a": 1}x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameDecode(t, "fuzz.json", data)
	})
}
