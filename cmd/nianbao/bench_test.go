package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkRenderCold runs `nianbao render` on the sample as a user does:
// a new process each time, which parses its embedded fonts, checks the
// report and writes the PDF and the DOCX.
func BenchmarkRenderCold(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "nianbao")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	sample, err := filepath.Abs("../../fixtures/yueqing-sfj-2021.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"pdf", "docx", "pdf,docx"} {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(dir, "out")
			for b.Loop() {
				cmd := exec.Command(bin, "render", sample, "-o", out, "--format", format)
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("nianbao render: %v\n%s", err, msg)
				}
			}
			os.RemoveAll(out)
		})
	}
}
