package report_test

import (
	"os"
	"testing"

	"github.com/nianbao/nianbao/fixtures/gen/synth"
	"github.com/nianbao/nianbao/report"
)

// benchInputs are the files the micro benchmarks read: the sample (YAML,
// clerk-written), the biggest fixture, and synthetic reports in JSON as the
// batch benchmark writes them (a small and a big one).
func benchInputs(b *testing.B) []struct {
	name string
	data []byte
} {
	var in []struct {
		name string
		data []byte
	}
	for _, f := range []struct{ name, path string }{
		{"sample-yaml", "../fixtures/yueqing-sfj-2021.yaml"},
		{"citywide-yaml", "../fixtures/city-wide-2024.yaml"},
	} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		in = append(in, struct {
			name string
			data []byte
		}{f.name, data})
	}
	small, big := -1, -1
	var smallData, bigData []byte
	for i := range 40 {
		data, err := synth.Encode(synth.Report(1, i))
		if err != nil {
			b.Fatal(err)
		}
		if small < 0 || len(data) < len(smallData) {
			small, smallData = i, data
		}
		if big < 0 || len(data) > len(bigData) {
			big, bigData = i, data
		}
	}
	in = append(in, struct {
		name string
		data []byte
	}{"synth-small-json", smallData}, struct {
		name string
		data []byte
	}{"synth-big-json", bigData})
	return in
}

// BenchmarkDecode decodes each input: parse, positions, cell grammar.
func BenchmarkDecode(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, err := report.Decode("bench", in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidateInputs checks each input (R1–R7, content warnings).
func BenchmarkValidateInputs(b *testing.B) {
	for _, in := range benchInputs(b) {
		r, err := report.Decode("bench", in.data)
		if err != nil {
			b.Fatal(err)
		}
		report.Complete(r)
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				report.Validate(r, nil)
			}
		})
	}
}
