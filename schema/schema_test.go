package schema

import (
	"bytes"
	"os"
	"testing"
)

// TestSchemaCurrent fails when schema/report.schema.json is stale.
func TestSchemaCurrent(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go run ./schema/gen", File)
	}
}
