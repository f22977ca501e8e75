package pdfdata

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/nianbao/nianbao/report"
)

// jsonValue is how Encode wrote a value before it wrote them by hand: an
// Encoder that does not escape HTML characters.
func jsonValue(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestValueAsJSON checks that the hand-written encoder writes every type of
// a report's data as encoding/json does, for texts with every kind of
// character that encoding/json escapes.
func TestValueAsJSON(t *testing.T) {
	parts := []string{"", "a", "乐清", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "<", ">", "&", "\u2028", "\u2029",
		"\xff", "\xe4\xb8", "😀", "（其中修订16件）", "/", " "}
	rng := rand.New(rand.NewPCG(3, 4))
	text := func() string {
		var b []byte
		for range rng.IntN(5) {
			b = append(b, parts[rng.IntN(len(parts))]...)
		}
		return string(b)
	}
	for range 5000 {
		s := text()
		var ps []string
		for range rng.IntN(3) {
			ps = append(ps, text())
		}
		for _, v := range []any{s, rng.IntN(5000) - 100, ps, []string{s},
			report.Block{Heading: text(), RunIn: rng.IntN(2) == 0, Paragraphs: ps},
			report.Closing{Agency: text(), Date: text()},
			report.Contact{Office: text(), Address: text(), Postcode: text(), Phone: text(), Email: text(), Website: text()}} {
			e := &encoder{}
			e.value(v)
			if want := jsonValue(v); !bytes.Equal(e.b, want) {
				t.Fatalf("value(%#v) = %s, want %s", v, e.b, want)
			}
		}
		q, _ := json.Marshal(s)
		if got := appendString(nil, s, true); !bytes.Equal(got, q) {
			t.Fatalf("appendString(%q, html) = %s, want %s", s, got, q)
		}
	}
}
