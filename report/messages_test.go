package report

import (
	"os"
	"strings"
	"testing"
)

// TestProseMessages checks every message of the prose checks word for word
// (R7 counts and zero claims, C1, C2, C3, C5, C6, placeholders, and the
// totals they meet) on testdata/prose-messages.yaml, a report written to
// set each of them off, against testdata/prose-messages.golden. Rewrite it
// with -update after reading the diff.
func TestProseMessages(t *testing.T) {
	r, err := ReadFile("testdata/prose-messages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range Validate(r, nil) {
		b.WriteString(f.String() + "\n")
	}
	got := b.String()
	const golden = "testdata/prose-messages.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("Validate(prose-messages.yaml) =\n%s\nwant\n%s", got, want)
	}
	for _, rule := range []string{"R7", "C1", "C2", "C3", "C5", "C6", "占位文字"} {
		if !strings.Contains(got, rule) {
			t.Errorf("no %s message: the fixture no longer sets it off", rule)
		}
	}
}
