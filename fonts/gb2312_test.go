package fonts

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb2312Hanzi returns the 6763 hanzi of GB2312: rows 16–55 (level 1, 3755)
// and 56–87 (level 2, 3008), decoded from EUC-CN.
func gb2312Hanzi(t testing.TB) []rune {
	t.Helper()
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 { // row 55 ends at 55-89
				continue
			}
			b, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				t.Fatal(err)
			}
			rs := []rune(string(b))
			if len(rs) != 1 || rs[0] == '\uFFFD' {
				t.Fatalf("EUC-CN %X%X decodes to %q", hi, lo, b)
			}
			out = append(out, rs[0])
		}
	}
	return out
}
